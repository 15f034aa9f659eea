"""Run tasks on a thread pool, record them on a timeline, and a widget to try pool sizes."""

import io
from concurrent.futures import ThreadPoolExecutor

from lessons.tools.timeline import Timeline
from lessons.tools.tasks import count_task, sleep_task

KINDS = {
    "sleep": (sleep_task, 0.02),   # io-bound: 20 ms of waiting
    "cpu": (count_task, 200_000),  # cpu-bound: a counting loop of a few ms
}


def run_on_pool(executor_type, workers, tasks, kind="sleep", size=None, timeout=60):
    """Run `tasks` tasks of `kind` on `executor_type(max_workers=workers)`; their Timeline."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {sorted(KINDS)}, not {kind!r}")
    task, default_size = KINDS[kind]
    timeline = Timeline()

    def timed(index):
        with timeline.span(f"task {index}"):
            task(default_size if size is None else size)

    with executor_type(max_workers=workers) as pool:
        for future in [pool.submit(timed, i) for i in range(tasks)]:
            future.result(timeout=timeout)
    return timeline


def png(timeline, title):
    """The timeline drawn as PNG bytes, without touching pyplot's global figures."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(8, 0.18 * len(timeline.workers()) + 1.6))
    timeline.plot(ax=figure.subplots(), title=title)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=72)
    return buffer.getvalue()


def title(tasks, kind, workers, timeline):
    """"40 cpu tasks on 33 workers: 6 of them got tasks" — a pool starts every worker, but
    when tasks are short the first few workers may take them all, and only those get a row."""
    used = len(timeline.workers())
    pool = f"{tasks} {kind} tasks on {workers} worker{'s' if workers > 1 else ''}"
    if workers == 1:
        return pool
    return f"{pool}: {'all' if used == workers else used} of them got tasks"


def pool_control(executor_type=ThreadPoolExecutor, tasks=40):
    """A widget: a workers slider (1–64), a task-kind menu and a button; redraws on change."""
    import ipywidgets as widgets

    class PoolControl(widgets.VBox):
        def __repr__(self):  # the default repr holds the PNG bytes: keep outputs stable
            return f"PoolControl(workers={self.workers.value}, kind={self.kind.value!r})"

        def refresh(self, *_):
            self.timeline = run_on_pool(executor_type, self.workers.value, tasks,
                                        self.kind.value)
            self.image.value = png(self.timeline, title(tasks, self.kind.value,
                                                        self.workers.value, self.timeline))

    # A track of about 6 px per worker, so each step of the slider is easy to hit.
    workers = widgets.IntSlider(value=4, min=1, max=64, description="workers",
                                layout=widgets.Layout(width="460px"))
    kind = widgets.Dropdown(options=[("sleep 20 ms (io-bound)", "sleep"),
                                     ("count to 200,000 (cpu-bound)", "cpu")],
                            value="sleep", description="task")
    again = widgets.Button(description="Run again")
    image = widgets.Image(format="png")
    control = PoolControl([widgets.HBox([workers, kind, again]), image])
    control.workers, control.kind, control.again, control.image = workers, kind, again, image
    workers.observe(control.refresh, names="value")
    kind.observe(control.refresh, names="value")
    again.on_click(control.refresh)
    control.refresh()
    return control
