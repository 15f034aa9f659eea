"""Small tasks: what handing one task to a pool costs, and from what task size processes
start to beat threads on pure-Python work (the crossover).

A thread pool puts a task on a queue and wakes a thread; a process pool also pickles it,
writes it to a pipe, and sends the answer back the same way. For tiny tasks that cost is all
there is; for long ones it vanishes next to the work.
"""

from lessons.performance.measure import measure

__all__ = ["per_task_cost", "crossover", "crossover_words", "RUNNERS"]

RUNNERS = ("threads", "processes")


def per_task_cost(runner, workers=2, tasks=2000):
    """Seconds per task of `tasks` tasks that do next to nothing (count to 1) on `runner`."""
    return measure("count", runner, workers, tasks=tasks, size=1).wall / tasks


def crossover(sizes=(1_000, 10_000, 100_000, 1_000_000), tasks=16, workers=2):
    """({runner: [wall seconds per task, one per size]}, the smallest size at which
    processes were faster than threads, or None)."""
    per_task = {runner: [measure("count", runner, workers, tasks=tasks, size=size).wall / tasks
                         for size in sizes]
                for runner in RUNNERS}
    faster = [size for size, on_threads, on_processes
              in zip(sizes, per_task["threads"], per_task["processes"])
              if on_processes < on_threads]
    return per_task, (faster[0] if faster else None)


def crossover_words(first):
    """What `crossover`'s second value says, in words: the size at which processes first beat
    threads, or that they beat them at no size tried (None, as on a busy machine)."""
    if first is None:
        return "processes did not beat threads at any size tried"
    return f"processes first beat threads at tasks counting to {first:,}"
