"""A widget for lesson 10: pick a workload, a runner and a range of workers; it re-runs a small
sweep (serial, then that runner at each worker count) and redraws wall time and speed-up.

While a sweep runs, the line under the controls says so and the controls are disabled; what
can't run is said there in one line (no traceback) — a runner that can't run the workload, a
sweep too long — and the old chart is taken away. The chart is drawn at the size it is shown
(its widget is sized to the image's pixels), so the browser never stretches it.
"""

import io

from lessons.course.errors import LessonError
from lessons.performance import plots
from lessons.performance.measure import cores, sweep
from lessons.performance.runners import RUNNERS
from lessons.performance.io_cpu_workloads import WORKLOADS

__all__ = ["worker_counts", "sweep_control", "png", "PIXELS"]

PIXELS = (960, 348)  # the chart's width and height, drawn and shown: a CSS pixel is 1/96 inch
_DPI = 96  # so a figure of PIXELS / 96 inches, saved at 96 dpi, is PIXELS exactly


def worker_counts(low, high):
    """Powers of 2 from `low` to `high`, both ends included: 1, 2, 4, 6 for (1, 6)."""
    counts, n = [low], 1
    while n < high:
        n *= 2
        if low < n < high:
            counts.append(n)
    return counts + ([high] if high > low else [])


def png(measurements, title):
    """Wall time and speed-up side by side, as PNG bytes of PIXELS (pyplot's figures untouched)."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=[pixels / _DPI for pixels in PIXELS], layout="constrained")
    walls, speeds = figure.subplots(1, 2)
    plots.draw_wall_times(walls, measurements, title=title)
    plots.draw_speedups(speeds, measurements, cores(), title="speed-up over serial")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=_DPI)  # no tight bbox: the size stays fixed
    return buffer.getvalue()


def sweep_control(workload="sleep", runner="threads", workers=(1, 8), tasks=None):
    """The widget: dropdowns for workload and runner, a range slider for workers (1–64),
    a button to run again; every change re-runs the sweep (`tasks` each: the workload's
    default, unless given)."""
    import ipywidgets as widgets

    class SweepControl(widgets.VBox):
        def __repr__(self):  # the default repr holds the PNG bytes: keep outputs stable
            return (f"SweepControl(workload={self.workload.value!r}, "
                    f"runner={self.runner.value!r}, workers={self.workers.value})")

        def refresh(self, *_):
            name, how = self.workload.value, self.runner.value
            counts = worker_counts(*self.workers.value)
            # The kernel is busy until the sweep ends: say so, and take no new clicks meanwhile.
            self.message.value = (f"<i>Running {name} on serial, then {how} with "
                                  f"{', '.join(map(str, counts))} workers…</i>")
            self._enable(False)
            try:
                self.measurements = sweep(name, (how,), counts, tasks=tasks)
            except LessonError as problem:
                self.message.value = f"<b>Can't run this:</b> {problem}"
                self.measurements = []
                self.image.value = b""  # no chart of another run under the message
                self.image.layout.display = "none"
                return
            finally:
                self._enable(True)
            self.message.value = ""
            self.image.value = png(self.measurements, f"{name} on {how}")
            self.image.layout.display = None

        def _enable(self, enabled):
            for control in (self.workload, self.runner, self.workers, self.again):
                control.disabled = not enabled

    workload = widgets.Dropdown(options=[(f"{name}: {w.describe}", name)
                                         for name, w in WORKLOADS.items()],
                                value=workload, description="workload",
                                layout=widgets.Layout(width="420px"))
    runner = widgets.Dropdown(options=[r for r in RUNNERS if r != "serial"], value=runner,
                              description="runner")
    workers = widgets.IntRangeSlider(value=workers, min=1, max=64, description="workers",
                                     layout=widgets.Layout(width="420px"))
    again = widgets.Button(description="Run again")
    message = widgets.HTML()
    # Its own size in pixels, never wider than the notebook (then scaled down, never up).
    image = widgets.Image(format="png", layout=widgets.Layout(
        width=f"{PIXELS[0]}px", max_width="100%", height="auto"))
    control = SweepControl([widgets.HBox([workload, runner]), widgets.HBox([workers, again]),
                            message, image])
    control.workload, control.runner, control.workers = workload, runner, workers
    control.again, control.message, control.image = again, message, image
    control.measurements = []
    for changing in (workload, runner, workers):
        changing.observe(control.refresh, names="value")
    again.on_click(control.refresh)
    control.refresh()
    return control
