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
    """Spans from many threads (or processes), with wall time, busy time and peak overlap."""

    def __init__(self, spans=()):
        self._lock = threading.Lock()  # list.append is atomic on CPython, not a promise
        self._spans = list(spans)

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
        return sum(s.duration for s in self.spans)

    def peak_overlap(self):
        """The most spans running at one instant (an end and a start at once don't overlap)."""
        events = sorted([(s.start, 1) for s in self.spans] + [(s.end, -1) for s in self.spans],
                        key=lambda e: (e[0], e[1]))
        running = peak = 0
        for _, change in events:
            running += change
            peak = max(peak, running)
        return peak

    def summary(self):
        return (f"wall {seconds(self.wall())}, busy {seconds(self.busy())}, "
                f"peak overlap {self.peak_overlap()}")

    def plot(self, ax=None, title=None):
        """Draw one row per worker; returns the matplotlib Axes."""
        import matplotlib.pyplot as plt  # imported here: only plotting needs matplotlib

        if ax is None:
            _, ax = plt.subplots(figsize=(8, 0.45 * max(len(self.workers()), 2) + 1.2))
        spans = self.spans
        origin = min((s.start for s in spans), default=0.0)
        workers = self.workers()
        for row, worker in enumerate(workers):
            bars = [(s.start - origin, s.duration) for s in spans if s.worker == worker]
            ax.broken_barh(bars, (row - 0.4, 0.8), facecolors=f"C{row % 10}", edgecolor="black")
        ax.set_yticks(range(len(workers)), workers)
        ax.invert_yaxis()
        ax.set_xlabel("seconds since the first span started")
        plain = (f"wall {self.wall():.2f} s · busy {self.busy():.2f} s · "
                 f"peak overlap {self.peak_overlap()}")
        ax.set_title(f"{title}\n{plain}" if title else plain)
        ax.figure.tight_layout()
        return ax
