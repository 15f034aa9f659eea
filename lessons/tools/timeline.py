"""Record when each worker ran what, and draw it as a Gantt chart.

Spans use ``time.monotonic()``, a system-wide clock, so spans recorded in child processes can
be sent back (a ``Span`` pickles) and drawn on the same axis as the parent's.
"""

import multiprocessing
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass

from lessons.course.machine_values import seconds

clock = time.monotonic


@dataclass(frozen=True)
class Span:
    worker: str
    label: str
    start: float
    end: float

    @property
    def duration(self):
        return self.end - self.start


def current_worker():
    """The running thread's name, prefixed by the process name in a child process."""
    thread = threading.current_thread().name
    if multiprocessing.parent_process() is None:
        return thread
    return f"{multiprocessing.current_process().name}/{thread}"


@contextmanager
def timed(label, worker=None, into=None):
    """Time the body; append the Span to the list `into` (a Timeline's, a result list…)."""
    start = clock()
    try:
        yield
    finally:
        span = Span(worker or current_worker(), str(label), start, clock())
        if into is not None:
            into.append(span)


class Timeline:
    """Spans from many threads (or processes), with wall time, busy time and peak overlap.

    Spans whose label is in `waiting` (e.g. ``{"blocked in put"}``) are drawn like the others
    but are time spent waiting, not working: ``busy()`` and ``peak_overlap()`` leave them out.
    """

    def __init__(self, spans=(), waiting=()):
        self._lock = threading.Lock()  # list.append is atomic on CPython, not a promise
        self._spans = list(spans)
        self.waiting = frozenset(waiting)

    def span(self, label, worker=None):
        """Context manager: time the body as one span of `worker` (default: this thread)."""
        return timed(label, worker, into=self)

    def append(self, span):
        with self._lock:
            self._spans.append(span)

    def extend(self, spans):
        with self._lock:
            self._spans.extend(spans)

    @property
    def spans(self):
        with self._lock:
            return sorted(self._spans, key=lambda s: (s.start, s.worker))

    def workers(self):
        """Worker names in the order they first started something."""
        return list(dict.fromkeys(s.worker for s in self.spans))

    def wall(self):
        spans = self.spans
        return max(s.end for s in spans) - min(s.start for s in spans) if spans else 0.0

    def busy(self):
        """Seconds spent working: the spans' durations added up, waiting spans left out."""
        return sum(s.duration for s in self.spans if s.label not in self.waiting)

    def peak_overlap(self):
        """The most working spans at one instant (an end and a start at once don't overlap)."""
        working = [s for s in self.spans if s.label not in self.waiting]
        events = sorted([(s.start, 1) for s in working] + [(s.end, -1) for s in working],
                        key=lambda e: (e[0], e[1]))
        running = peak = 0
        for _, change in events:
            running += change
            peak = max(peak, running)
        return peak

    def summary(self):
        return (f"wall {seconds(self.wall())}, busy {seconds(self.busy())}, "
                f"peak overlap {self.peak_overlap()}")

    def plot(self, ax=None, title=None, colour_by="worker"):
        """Draw one row per worker; returns the matplotlib Axes.

        ``colour_by="label"`` gives each label a colour of its own, with a legend: for spans
        that are a few kinds of thing ("make", "blocked in put"), not one span per task.
        """
        import matplotlib.pyplot as plt  # imported here: only plotting needs matplotlib

        if colour_by not in ("worker", "label"):
            raise ValueError(f"colour_by must be 'worker' or 'label', not {colour_by!r}")
        if ax is None:
            _, ax = plt.subplots(figsize=(8, 0.45 * max(len(self.workers()), 2) + 1.2))
        spans = self.spans
        origin = min((s.start for s in spans), default=0.0)
        workers = self.workers()
        labels = list(dict.fromkeys(s.label for s in spans))
        for row, worker in enumerate(workers):
            mine = [s for s in spans if s.worker == worker]
            if colour_by == "worker":
                ax.broken_barh([(s.start - origin, s.duration) for s in mine], (row - 0.4, 0.8),
                               facecolors=f"C{row % 10}", edgecolor="black")
                continue
            for span in mine:
                waiting = span.label in self.waiting
                ax.broken_barh([(span.start - origin, span.duration)], (row - 0.4, 0.8),
                               facecolors=self._label_colour(labels, span.label),
                               edgecolor="black", hatch="//" if waiting else None)
        if colour_by == "label":
            from matplotlib.patches import Patch

            ax.legend(handles=[Patch(facecolor=self._label_colour(labels, label),
                                     edgecolor="black",
                                     hatch="//" if label in self.waiting else None,
                                     label=label + (" (waiting)" if label in self.waiting else ""))
                               for label in labels],
                      loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
        ax.set_yticks(range(len(workers)), workers)
        ax.invert_yaxis()
        ax.set_xlabel("seconds since the first span started")
        plain = (f"wall {self.wall():.2f} s · busy {self.busy():.2f} s · "
                 f"peak overlap {self.peak_overlap()}")
        ax.set_title(f"{title}\n{plain}" if title else plain)
        ax.figure.tight_layout()
        return ax

    def _label_colour(self, labels, label):
        """Waiting spans are light grey; the others take the colour cycle in label order."""
        if label in self.waiting:
            return "#dddddd"
        working = [other for other in labels if other not in self.waiting]
        return f"C{working.index(label) % 10}"
