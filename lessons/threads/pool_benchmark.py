"""Per-task overhead of thread pools: ``python -m lessons.threads.pool_benchmark`` (or ``make bench``).

Pushes many no-op tasks through each pool and waits for all of them. The pools take turns,
round after round, in one process, so a busy machine slows them alike; each one's median is
compared with ThreadPoolExecutor's in the same run.

Tasks go in windows (1,000 by default): submit a window, wait for it, submit the next. With
all 100,000 futures pending at once, the garbage collector's passes over the benchmark's own
list of pending futures cost as much as the pools themselves and make runs noisy; a window
keeps what is measured the pool's own work per task. ``--window 100000`` shows the other case.
"""

import argparse
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.pool import ThreadPool

from lessons.threads.queue_pool import QueuePool


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
    timings = {name: [] for name in contenders(reference_executor)}
    for _ in range(rounds):
        for name, through in contenders(reference_executor).items():
            timings[name].append(through(tasks, workers, window))
    return timings


def summary(timings, tasks):
    """(name, µs per task, throughput relative to ThreadPoolExecutor) from the medians."""
    yardstick = statistics.median(timings["ThreadPoolExecutor"])
    return [(name, statistics.median(runs) / tasks * 1e6, yardstick / statistics.median(runs))
            for name, runs in timings.items()]


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m lessons.threads.pool_benchmark",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--window", type=int, default=1000, help="tasks in flight at most")
    args = parser.parse_args(argv)
    if min(args.tasks, args.rounds, args.workers, args.window) < 1:
        parser.error("--tasks, --rounds, --workers and --window must be at least 1")

    from lessons import solution  # the reference lives in solutions/06_build_a_thread_pool

    print(f"{args.tasks:,} no-op tasks in windows of {args.window:,}, {args.workers} workers, "
          f"median of {args.rounds} alternating rounds, Python {sys.version.split()[0]}")
    timings = run(solution("thread-pool"), args.tasks, args.rounds, args.workers, args.window)
    print(f"{'pool':<34} {'µs/task':>8} {'throughput vs ThreadPoolExecutor':>34}")
    for name, per_task, ratio in summary(timings, args.tasks):
        print(f"{name:<34} {per_task:>8.2f} {ratio:>33.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
