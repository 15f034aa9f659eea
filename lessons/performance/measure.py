"""Measure workloads on runners with 1 to N workers: wall time, CPU time, and what follows
from them (speed-up over serial, efficiency, CPU utilisation).

``measure`` runs one case, ``sweep`` a workload on several runners and worker counts, round
after round (the cases take turns, so a busy machine slows them alike; each figure is the
median over the rounds). Bad input gets one plain line (a ``LessonError``), not a traceback:
0 workers, an unknown workload or runner, a runner that can't run the workload, a function
no worker process could import, a run that would take minutes.
"""

import os
import statistics
from dataclasses import dataclass

from lessons.course.errors import LessonError
from lessons.performance import io_cpu_workloads
from lessons.performance.runners import RUNNERS
from lessons.processes.start import plain_problem

__all__ = ["Measurement", "measure", "sweep", "speedups", "cores", "LIMIT", "MAX_PROCESSES"]

LIMIT = 60.0  # seconds: a run or sweep expected to take longer is refused
MAX_PROCESSES = 32  # more worker processes than this take long to start, for nothing


@dataclass(frozen=True)
class Measurement:
    """One run: `tasks` tasks of `workload` on `runner` with `workers` workers."""
    workload: str
    runner: str
    workers: int
    tasks: int
    wall: float  # seconds, first task handed out to last result back
    cpu: float  # processor seconds used meanwhile, worker processes' tasks included

    @property
    def utilisation(self):
        """Σ CPU time ÷ wall time: how many cores were busy, on average."""
        return self.cpu / self.wall


def _refuse(workload, runner, workers, tasks, size):
    """The one-line reason this case can't run, or None."""
    if runner not in RUNNERS:
        return f"unknown runner {runner!r}: choose one of {', '.join(RUNNERS)}"
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        return f"workers must be a whole number of at least 1, not {workers!r}"
    if isinstance(tasks, bool) or not isinstance(tasks, int) or tasks < 1:
        return f"tasks must be a whole number of at least 1, not {tasks!r}"
    _, starts_processes, needs_coroutine = RUNNERS[runner]
    if needs_coroutine and workload.coroutine is None:
        return (f"runner 'asyncio' runs coroutines, and {workload.name!r} has none: use "
                "'asyncio to_thread' or 'asyncio + processes' to run it off the event loop")
    if starts_processes and workers > MAX_PROCESSES:
        return f"{workers} worker processes are too many to start: use at most {MAX_PROCESSES}"
    if starts_processes:
        return plain_problem(workload.task, (size,))
    return None


def _check_duration(seconds, what):
    if seconds is not None and seconds > LIMIT:
        raise LessonError(f"{what} would take about {seconds / 60:.0f} min or more: "
                          f"ask for a smaller size or fewer tasks (under {LIMIT:.0f} s)")


def _case(workload, runner, workers, tasks, size):
    """(workload, tasks, size) checked, for one case; a LessonError if it can't run."""
    workload = io_cpu_workloads.get(workload)
    tasks = workload.tasks if tasks is None else tasks
    size = workload.size if size is None else size
    problem = _refuse(workload, runner, workers, tasks, size)
    if problem:
        raise LessonError(problem)
    return workload, tasks, size


def _run(workload, runner, workers, tasks, argument):
    wall, cpu = RUNNERS[runner][0](workload, argument, tasks, workers)
    return Measurement(workload.name, runner, workers, tasks, wall, cpu)


def measure(workload, runner="serial", workers=1, tasks=None, size=None):
    """One Measurement of `tasks` tasks of `workload` (a name or a Workload) on `runner`."""
    workload, tasks, size = _case(workload, runner, workers, tasks, size)
    _check_duration(_lower_bound(workload, size, tasks, [workers]), "this run")
    with workload.arguments(size) as argument:
        return _run(workload, runner, workers, tasks, argument)


def _lower_bound(workload, size, tasks, worker_counts):
    """Seconds a sweep takes at least: each case's serial time ÷ its workers (or None)."""
    serial = workload.estimate(size, tasks)
    if serial is None:
        return None
    return sum(serial / min(workers, tasks) for workers in worker_counts)


def sweep(workload, runners=("threads", "processes"), workers=(1, 2), tasks=None, size=None,
          rounds=1, limit_checked=True):
    """Measurements of serial and of every runner × worker count: medians over `rounds`.

    `workers`: the worker counts for every runner, or a dict of them by runner.
    """
    counts = workers if isinstance(workers, dict) else {runner: workers for runner in runners}
    cases = [("serial", 1)] + [(runner, n) for runner in runners for n in counts[runner]]
    checked = [_case(workload, runner, n, tasks, size) for runner, n in cases]
    workload, tasks, size = checked[0]
    if limit_checked:
        _check_duration(rounds * _lower_bound(workload, size, tasks, [n for _, n in cases])
                        if workload.estimate(size, tasks) is not None else None, "this sweep")
    runs = {case: [] for case in cases}
    with workload.arguments(size) as argument:
        for _ in range(rounds):
            for runner, n in cases:
                runs[runner, n].append(_run(workload, runner, n, tasks, argument))
    return [Measurement(workload.name, runner, n, tasks,
                        statistics.median(m.wall for m in found),
                        statistics.median(m.cpu for m in found))
            for (runner, n), found in runs.items()]


def speedups(measurements):
    """{(runner, workers): serial wall ÷ wall} for a sweep's measurements."""
    serial = next(m.wall for m in measurements if m.runner == "serial")
    return {(m.runner, m.workers): serial / m.wall for m in measurements}


def cores():
    """Cores this process may run on (the machine's limit for cpu-bound speed-ups)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
