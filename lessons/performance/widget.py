"""A widget for lesson 10: pick a workload, a runner and a range of workers; it re-runs a small
sweep (serial, then that runner at each worker count) and redraws wall time and speed-up.

What can't run is said in one line under the controls (no traceback): a runner that can't
run the workload, a sweep too long.
"""

import io

from lessons.course.errors import LessonError
from lessons.performance import plots
from lessons.performance.measure import cores, sweep
from lessons.performance.runners import RUNNERS
from lessons.performance.workloads import WORKLOADS

__all__ = ["worker_counts", "sweep_control", "png"]


def worker_counts(low, high):
    """Powers of 2 from `low` to `high`, both ends included: 1, 2, 4, 6 for (1, 6)."""
    counts, n = [low], 1
    while n < high:
        n *= 2
        if low < n < high:
            counts.append(n)
    return counts + ([high] if high > low else [])


def png(measurements, title):
    """Wall time and speed-up side by side, as PNG bytes (pyplot's figures untouched)."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(10, 3.6), layout="constrained")
    walls, speeds = figure.subplots(1, 2)
    plots.draw_wall_times(walls, measurements, title=title)
    plots.draw_speedups(speeds, measurements, cores(), title="speed-up over serial")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=72)
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
            try:
                self.measurements = sweep(name, (how,), worker_counts(*self.workers.value),
                                          tasks=tasks)
            except LessonError as problem:
                self.message.value = f"<b>Can't run this:</b> {problem}"
                return
            self.message.value = ""
            self.image.value = png(self.measurements, f"{name} on {how}")

    workload = widgets.Dropdown(options=[(f"{name}: {w.describe}", name)
                                         for name, w in WORKLOADS.items()],
                                value=workload, description="workload",
                                layout=widgets.Layout(width="420px"))
    runner = widgets.Dropdown(options=[r for r in RUNNERS if r != "serial"], value=runner,
                              description="runner")
    workers = widgets.IntRangeSlider(value=workers, min=1, max=64, description="workers",
                                     layout=widgets.Layout(width="420px"))
    again = widgets.Button(description="Run again")
    message, image = widgets.HTML(), widgets.Image(format="png")
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
