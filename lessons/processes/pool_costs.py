"""What a process pool costs: start-up, per task, by chunk size, and until the first result.

Lesson 09 runs these at a small size (the numbers are shown masked: they depend on the
machine); ``python -m lessons.processes.process_pool_bench`` runs them at full size.
"""

import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from multiprocessing.pool import Pool

from lessons.processes.pool_tasks import sleep_then, square

__all__ = ["POOLS", "executor_pool", "startup_and_per_task", "tasks_per_second",
           "first_result_after"]


def executor_pool(executor_type):
    """(start, run n tiny tasks, stop) for a concurrent.futures executor type."""
    def run(pool, n, chunksize=1):
        return list(pool.map(square, range(n), chunksize=chunksize, timeout=120))
    return executor_type, run, lambda pool: pool.shutdown(wait=True)


def _multiprocessing_pool():
    def run(pool, n, chunksize=1):
        return pool.map_async(square, range(n), chunksize=chunksize).get(timeout=120)

    def stop(pool):
        pool.close()
        pool.join()
    return (lambda max_workers: Pool(max_workers)), run, stop


POOLS = {
    "multiprocessing.Pool": _multiprocessing_pool,
    "ProcessPoolExecutor": lambda: executor_pool(ProcessPoolExecutor),
    "ThreadPoolExecutor": lambda: executor_pool(ThreadPoolExecutor),
}


def startup_and_per_task(make, workers=2, tasks=2000):
    """(seconds to start a pool and get its first answer, seconds per tiny task after that).

    `make` is an entry of POOLS, or ``lambda: executor_pool(SomeExecutor)`` for another.
    """
    start, run, stop = make()
    began = time.perf_counter()
    pool = start(max_workers=workers)
    try:
        run(pool, workers)  # every worker up and answering
        started = time.perf_counter()
        run(pool, tasks)
        finished = time.perf_counter()
    finally:
        stop(pool)
    return started - began, (finished - started) / tasks


def tasks_per_second(make, chunksize, workers=2, tasks=10_000):
    """Tiny tasks per second through a warm pool, sent `chunksize` at a time."""
    start, run, stop = make()
    pool = start(max_workers=workers)
    try:
        run(pool, workers)
        began = time.perf_counter()
        run(pool, tasks, chunksize)
        return tasks / (time.perf_counter() - began)
    finally:
        stop(pool)


def first_result_after(pool, how, tasks=8, seconds=0.05):
    """Seconds until the first of `tasks` slow tasks comes back from a multiprocessing Pool,
    with ``how`` = "map" (a list, once all are done) or "imap" (an iterator, as they come)."""
    began = time.perf_counter()
    if how == "map":
        results = pool.map_async(sleep_then, [seconds] * tasks).get(timeout=60)
        first = results[0]
    else:
        first = next(pool.imap(sleep_then, [seconds] * tasks))
    del first
    return time.perf_counter() - began
