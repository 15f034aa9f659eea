"""Lesson 10's full matrix and figures: ``python -m lessons.performance.bench --out
benchmarks/results/`` (part of ``make bench``), in about a minute on 2 cores.

* the matrix: every workload on every runner that can run it, for 1 to N workers, written to
  ``io_cpu.csv`` and drawn in ``io_cpu_speedups.png``, ``io_cpu_walls.png`` and
  ``io_cpu_utilisation.png`` (lesson 10 loads the CSV, when it is there, with ``load``);
* the figures the lesson's claims rest on, each the median over rounds: the blog post's
  1000 tasks × 10 ms on 50 threads against the ideal; pure-Python counting on 2 processes and
  2 threads against serial; hashing on 2 threads against serial.

The machine's conditions (``lessons.tools.benchmarking``) are printed before and after.

The ideal for the sleeps is what 50 workers would take if nothing but the sleeps cost time:
20 sleeps each, one after another, each as long as a sleep measured alone here (a 10 ms
sleep takes a little longer than 10 ms). The same sleeps on 50 plain threads, with no pool at
all, show how much of the gap is the pool's and how much is the threads' own: each thread
that wakes from a sleep must take the GIL back before it can go on.
"""

import csv
import sys
import threading
import time
from pathlib import Path

from lessons.performance.measure import Measurement, cores, measure, sweep
from lessons.performance.tasks import sleep_task
from lessons.tools.benchmarking import alternate, bench_main, bench_parser, medians

__all__ = ["MATRIX", "matrix", "figures", "write_csv", "load", "main"]

IO = ("threads", "processes", "asyncio", "asyncio to_thread")
CPU = ("threads", "processes", "asyncio to_thread", "asyncio + processes")
# workload → (tasks, {runner: worker counts})
MATRIX = {
    "sleep": (128, {**{r: (1, 2, 4, 8, 16, 32, 64) for r in IO}, "processes": (1, 2, 4, 8)}),
    "http": (128, {**{r: (1, 2, 4, 8, 16, 32, 64) for r in IO}, "processes": (1, 2, 4, 8)}),
    "count": (8, {r: (1, 2, 4) for r in CPU}),
    "hash": (8, {r: (1, 2, 4) for r in CPU}),
    "zlib": (8, {r: (1, 2, 4) for r in CPU}),
    "mixed": (24, {r: (1, 2, 4, 8) for r in CPU}),
}
FIELDS = ("workload", "runner", "workers", "tasks", "wall", "cpu")


def matrix(rounds=1):
    """Every workload's sweep: {workload: [Measurement, ...]}."""
    return {name: sweep(name, tuple(counts), counts, tasks=tasks, rounds=rounds,
                        limit_checked=False)
            for name, (tasks, counts) in MATRIX.items()}


def _sleep_ideal(tasks, workers, seconds, sample=200):
    """What `workers` threads would take for `tasks` sleeps if only the sleeps cost time."""
    began = time.perf_counter()
    for _ in range(sample):
        sleep_task(seconds)
    one = (time.perf_counter() - began) / sample
    return -(-tasks // workers) * one


def _bare_threads_wall(tasks, workers, seconds):
    """Wall time of `workers` plain threads sleeping `tasks` ÷ `workers` times each: no pool,
    no queue, no future — what the sleeps cost with nothing else but waking up for the GIL."""
    each = -(-tasks // workers)
    threads = [threading.Thread(target=lambda: [sleep_task(seconds) for _ in range(each)])
               for _ in range(workers)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return time.perf_counter() - began


def _sleep_round():
    """The blog post's sleeps on a pool and on plain threads, each against the ideal."""
    ideal = _sleep_ideal(1000, 50, 0.01)
    pooled = measure("sleep", "threads", 50, tasks=1000, size=0.01)
    return {"sleeps, 50 threads, of ideal": ideal / pooled.wall,
            "sleeps, 50 bare threads (no pool), of ideal":
                ideal / _bare_threads_wall(1000, 50, 0.01)}


def _compute_round():
    """Counting on 2 processes and 2 threads, hashing on 2 threads, each against serial."""
    counted = {(m.runner, m.workers): m
               for m in sweep("count", ("threads", "processes"), (2,), tasks=8,
                              size=3_000_000, limit_checked=False)}
    hashed = {(m.runner, m.workers): m
              for m in sweep("hash", ("threads",), (2,), tasks=8, size=32)}
    serial = counted["serial", 1].wall
    return {"count, 2 processes ÷ serial": serial / counted["processes", 2].wall,
            "count, 2 processes, cores busy": counted["processes", 2].utilisation,
            "count, 2 threads ÷ serial": serial / counted["threads", 2].wall,
            "hash, 2 threads ÷ serial": hashed["serial", 1].wall / hashed["threads", 2].wall,
            "hash, 2 threads, cores busy": hashed["threads", 2].utilisation}


def figures(rounds=3, sleeps_only=False):
    """{figure: median value over `rounds`} for the lesson's claims, the sleeps' round and
    the computing round taking turns."""
    measured = {"sleeps": _sleep_round}
    if not sleeps_only:
        measured["computing"] = _compute_round
    return medians(alternate(measured, rounds))


def write_csv(results, path):
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(FIELDS)
        for found in results.values():
            writer.writerows([getattr(m, field) for field in FIELDS] for m in found)


def load(path):
    """A CSV written by this benchmark, as {workload: [Measurement, ...]}; {} if absent."""
    path = Path(path)
    if not path.is_file():
        return {}
    results = {}
    with open(path, newline="", encoding="utf-8") as source:
        for row in csv.DictReader(source):
            found = Measurement(row["workload"], row["runner"], int(row["workers"]),
                                int(row["tasks"]), float(row["wall"]), float(row["cpu"]))
            results.setdefault(found.workload, []).append(found)
    return results


def _draw(results, out):
    """The three PNGs: one panel per workload."""
    from matplotlib.figure import Figure

    from lessons.performance import plots

    names = list(results)
    drawings = {
        "speedups": ("speed-up", lambda ax, found: plots.draw_speedups(ax, found, cores())),
        "walls": ("wall time", plots.draw_wall_times),
        "utilisation": ("CPU utilisation",
                        lambda ax, found: plots.draw_utilisation(ax, found, cores())),
    }
    for what, (title, draw) in drawings.items():
        figure = Figure(figsize=(15, 8), layout="constrained")
        for axes, name in zip(figure.subplots(2, 3).flat, names):
            draw(axes, results[name])
            axes.set_title(f"{name}: {results[name][0].tasks} tasks, {title}")
        figure.savefig(out / f"io_cpu_{what}.png", dpi=100)


def _measure(args):
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if not (args.figures_only or args.sleeps_only):
        results = matrix(args.matrix_rounds)
        write_csv(results, out / "io_cpu.csv")
        _draw(results, out)
        print(f"matrix: {sum(map(len, results.values()))} cases, written to io_cpu.csv and PNGs")
    found = figures(args.rounds, sleeps_only=args.sleeps_only)
    width = max(map(len, found))
    for name, value in found.items():
        print(f"{name:{width}} {value:5.2f}  (median of {args.rounds})")


def main(argv=None):
    parser = bench_parser("lessons.performance.bench", __doc__,
                          rounds=(3, "alternating rounds for the figures"),
                          matrix_rounds=(1, "rounds for the matrix"))
    parser.add_argument("--out", default="benchmarks/results", help="folder for CSV and PNGs")
    parser.add_argument("--figures-only", action="store_true", help="skip the matrix")
    parser.add_argument("--sleeps-only", action="store_true",
                        help="skip the matrix and measure only the sleeps' figures")
    return bench_main(parser, argv, _measure)


if __name__ == "__main__":
    sys.exit(main())
