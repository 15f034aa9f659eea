"""Lesson 10's workloads: what each task does, how big it is by default, and what it needs.

A workload is many copies of one task. ``WORKLOADS`` names the lesson's six; ``of(fn,
argument)`` makes one from any function (a worker process can run it only if it lives in a
module). Each one's ``arguments(size)`` is a ``with`` block giving the argument every task
gets: for ``http`` it starts the local server, and stops it after.
"""

from contextlib import nullcontext
from dataclasses import dataclass
from typing import Callable, Optional

from lessons.course.errors import LessonError
from lessons.performance import tasks as t
from lessons.performance.server import local_server

__all__ = ["Workload", "WORKLOADS", "get", "of"]


@dataclass(frozen=True)
class Workload:
    """`tasks` calls of `task`, each sized by `size` (seconds, MiB, or loop steps)."""
    name: str
    kind: str
    task: Callable
    size: object
    tasks: int
    describe: str
    seconds_per_unit: Optional[float] = None  # rough serial cost of one unit of size
    coroutine: Optional[Callable] = None  # the same work as a coroutine, for asyncio
    prepare: Optional[Callable] = None  # per-process set-up, done before the clock starts
    serves: bool = False  # the argument is the URL of a local server delaying `size` s

    def estimate(self, size, tasks):
        """Rough seconds for `tasks` tasks one after another (None: no idea)."""
        if self.seconds_per_unit is None or not isinstance(size, (int, float)):
            return None
        return tasks * size * self.seconds_per_unit

    def arguments(self, size):
        """A `with` block giving each task's argument for `size`."""
        if self.serves:
            return local_server(delay=size)
        return nullcontext(size)


WORKLOADS = {w.name: w for w in (
    Workload("sleep", "io", t.sleep_task, 0.01, 100, "sleep 10 ms (waiting, like I/O)",
             seconds_per_unit=1.0, coroutine=t.sleep_async),
    Workload("http", "io", t.fetch, 0.01, 100,
             "GET from a local HTTP server that answers after 10 ms",
             seconds_per_unit=1.1, coroutine=t.fetch_async, serves=True),
    Workload("count", "cpu, holds the GIL", t.count_task, 1_000_000, 8,
             "count to 1,000,000 in pure Python", seconds_per_unit=6e-8),
    Workload("hash", "cpu, releases the GIL", t.hash_buffer, 32, 8,
             "SHA-256 of a 32 MiB buffer (hashlib)", seconds_per_unit=0.002,
             prepare=t.prepare_buffer),
    Workload("zlib", "cpu, releases the GIL", t.compress_buffer, 2, 8,
             "zlib-compress a 2 MiB buffer", seconds_per_unit=0.04,
             prepare=t.prepare_buffer),
    Workload("mixed", "io and cpu", t.wait_then_count, 100_000, 24,
             "sleep 5 ms, then count to 100,000", seconds_per_unit=7e-8),
)}


def get(name):
    """The workload called `name`, a Workload as is, or a one-line LessonError."""
    if isinstance(name, Workload):
        return name
    if name not in WORKLOADS:
        raise LessonError(f"unknown workload {name!r}: choose one of {', '.join(WORKLOADS)}")
    return WORKLOADS[name]


def of(function, argument, tasks=10, name=None):
    """A workload of your own: `tasks` calls of ``function(argument)``."""
    if not callable(function):
        raise LessonError(f"a workload needs a function to call, not {function!r}")
    return Workload(name or getattr(function, "__name__", "yours"), "yours", function,
                    argument, tasks, f"{getattr(function, '__name__', 'it')}({argument!r})")
