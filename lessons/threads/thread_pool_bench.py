"""Per-task overhead of thread pools: ``python -m lessons.threads.thread_pool_bench``
(part of ``make bench``).

Pushes many no-op tasks through each pool and waits for all of them. The pools take turns,
round after round, in one process, so a busy machine slows them alike; each one's median is
compared with ThreadPoolExecutor's in the same run.

Tasks go in windows (1,000 by default): submit a window, wait for it, submit the next. With
all 100,000 futures pending at once, the garbage collector's passes over the benchmark's own
list of pending futures cost as much as the pools themselves and make runs noisy; a window
keeps what is measured the pool's own work per task. ``--window 100000`` shows the other case.
"""

import sys
import time
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from multiprocessing.pool import ThreadPool

from lessons.threads.queue_pool import QueuePool
from lessons.tools.benchmarking import alternate, bench_main, bench_parser, medians

__all__ = ["contenders", "run", "summary", "main"]


def noop():
    pass


def windows(tasks, window):
    """Sizes of successive windows adding up to `tasks`."""
    full, rest = divmod(tasks, window)
    return [window] * full + ([rest] if rest else [])


def through_queue_pool(tasks, workers, window):
    pool = QueuePool(workers)
    began = time.perf_counter()
    for size in windows(tasks, window):
        for _ in range(size):
            pool.add_task(noop)
        pool.join()
    elapsed = time.perf_counter() - began
    pool.shutdown()
    return elapsed


def through_executor(executor_type):
    def run(tasks, workers, window):
        with executor_type(max_workers=workers) as executor:
            began = time.perf_counter()
            for size in windows(tasks, window):
                for future in [executor.submit(noop) for _ in range(size)]:
                    future.result()
            return time.perf_counter() - began
    return run


def through_multiprocessing_thread_pool(tasks, workers, window):
    with ThreadPool(workers) as pool:
        began = time.perf_counter()
        for size in windows(tasks, window):
            for result in [pool.apply_async(noop) for _ in range(size)]:
                result.get()
        elapsed = time.perf_counter() - began
        pool.close()
        pool.join()
    return elapsed


def contenders(reference_executor):
    """Name → function(tasks, workers, window) → seconds; ThreadPoolExecutor is the yardstick."""
    return {
        "ThreadPoolExecutor": through_executor(ThreadPoolExecutor),
        "reference executor (thread-pool)": through_executor(reference_executor),
        "blog post's Queue pool, fixed": through_queue_pool,
        "multiprocessing.pool.ThreadPool": through_multiprocessing_thread_pool,
    }


def run(reference_executor, tasks, rounds, workers, window=1000):
    """Seconds per run, by contender, the contenders alternating within each round."""
    return alternate({name: partial(through, tasks, workers, window)
                      for name, through in contenders(reference_executor).items()}, rounds)


def summary(timings, tasks):
    """(name, µs per task, throughput relative to ThreadPoolExecutor) from the medians."""
    median = medians(timings)
    yardstick = median["ThreadPoolExecutor"]
    return [(name, seconds / tasks * 1e6, yardstick / seconds) for name, seconds in median.items()]


def _measure(args):
    from lessons import solution  # the reference lives in solutions/06_build_a_thread_pool

    print(f"{args.tasks:,} no-op tasks in windows of {args.window:,}, {args.workers} workers, "
          f"median of {args.rounds} alternating rounds")
    timings = run(solution("thread-pool"), args.tasks, args.rounds, args.workers, args.window)
    print(f"{'pool':<34} {'µs/task':>8} {'throughput vs ThreadPoolExecutor':>34}")
    for name, per_task, ratio in summary(timings, args.tasks):
        print(f"{name:<34} {per_task:>8.2f} {ratio:>33.2f}×")


def main(argv=None):
    parser = bench_parser("lessons.threads.thread_pool_bench", __doc__,
                          tasks=(100_000, "no-op tasks per pool and round"),
                          rounds=(5, "alternating rounds"), workers=(4, "threads in each pool"),
                          window=(1000, "tasks in flight at most"))
    return bench_main(parser, argv, _measure)


if __name__ == "__main__":
    sys.exit(main())
