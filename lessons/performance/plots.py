"""Lesson 10's figures, drawn on axes you give (a notebook's ``plt.subplots``, or a
``matplotlib.figure.Figure`` in the benchmark): readable in print and for colour-blind readers
— the Okabe–Ito palette, and every runner also has its own marker and line style.
"""

from matplotlib.ticker import FuncFormatter

from lessons.performance.amdahl import amdahl_speedup

__all__ = ["STYLES", "draw_wall_times", "draw_speedups", "draw_utilisation", "draw_amdahl",
           "style"]

# runner → (colour, marker, line style); Okabe & Ito's colour-blind-safe palette.
STYLES = {
    "serial": ("#000000", "x", ":"),
    "threads": ("#0072B2", "o", "-"),
    "processes": ("#D55E00", "s", "--"),
    "asyncio": ("#009E73", "^", "-."),
    "asyncio to_thread": ("#CC79A7", "v", (0, (1, 1))),
    "asyncio + processes": ("#E69F00", "D", (0, (5, 2, 1, 2))),
}
LIMITS = dict(color="#999999", linewidth=1)


def style(runner):
    colour, marker, line = STYLES.get(runner, ("#56B4E9", "P", "-"))
    return dict(color=colour, marker=marker, linestyle=line, markersize=6, linewidth=1.6)


def _by_runner(measurements):
    runners = {}
    for m in sorted(measurements, key=lambda m: m.workers):
        if m.runner != "serial":
            runners.setdefault(m.runner, []).append(m)
    return runners


def _workers_axis(axes, measurements):
    counts = sorted({m.workers for m in measurements})
    axes.set_xscale("log", base=2)
    axes.set_xticks(counts, [str(n) for n in counts])
    axes.set_xlabel("workers")
    axes.grid(True, alpha=0.3)


def _lines(axes, measurements, value, ylabel, title):
    """One line per runner (not serial): value(measurement) against workers."""
    for runner, found in _by_runner(measurements).items():
        axes.plot([m.workers for m in found], [value(m) for m in found], label=runner,
                  **style(runner))
    _workers_axis(axes, measurements)
    axes.set(ylabel=ylabel, title=title)
    axes.legend(fontsize="small")


def _serial(measurements):
    return next(m for m in measurements if m.runner == "serial")


def draw_wall_times(axes, measurements, title=None):
    """Wall time against workers, one line per runner; serial as a horizontal line."""
    axes.axhline(_serial(measurements).wall, label="serial",
                 **{**style("serial"), "marker": None})
    _lines(axes, measurements, lambda m: m.wall, "wall time (s)", title or "wall time")
    axes.set_ylim(bottom=0)


def draw_speedups(axes, measurements, cores, title=None):
    """Speed-up over serial against workers, with the ideal (n workers, n×) and the cores."""
    serial = _serial(measurements).wall
    counts = sorted({m.workers for m in measurements})
    axes.plot(counts, counts, color="#999999", linestyle="--", linewidth=1, label="ideal")
    axes.axhline(cores, **LIMITS, linestyle="-.", label=f"cores: {cores}")
    _lines(axes, measurements, lambda m: serial / m.wall, "speed-up over serial (×)",
           title or "speed-up")
    axes.set_yscale("log", base=2)
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))  # 4, not 2²


def draw_utilisation(axes, measurements, cores, title=None):
    """CPU time ÷ wall time: how many cores the run kept busy, against workers."""
    axes.axhline(cores, **LIMITS, linestyle="-.", label=f"cores: {cores}")
    axes.axhline(_serial(measurements).utilisation, label="serial",
                 **{**style("serial"), "marker": None})
    _lines(axes, measurements, lambda m: m.utilisation, "CPU time ÷ wall time (cores busy)",
           title or "CPU utilisation")
    axes.set_ylim(bottom=0)


def draw_amdahl(axes, workers, speedups, serial_fraction, label="measured"):
    """Measured speed-ups, the Amdahl curve for `serial_fraction`, and the ideal."""
    top = max(workers)
    grid = [1 + i * (top - 1) / 50 for i in range(51)]
    axes.plot(grid, grid, color="#999999", linestyle="--", linewidth=1, label="ideal")
    axes.plot(grid, [amdahl_speedup(n, serial_fraction) for n in grid], color="#0072B2",
              linestyle="-", label=f"Amdahl, serial fraction {serial_fraction:.2f}")
    axes.plot(workers, speedups, linestyle="none", marker="o", color="#D55E00",
              markersize=7, label=label)
    axes.set(xlabel="workers", ylabel="speed-up (×)", title="Amdahl's law fitted")
    axes.grid(True, alpha=0.3)
    axes.legend(fontsize="small")
