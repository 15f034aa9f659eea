"""Lesson 09's figures: ``python -m lessons.processes.process_pool_bench``
(part of ``make bench``).

* cpu-bound work on 2 workers: speed-up over serial of the rebuilt ProcessPool and of
  ProcessPoolExecutor;
* 10,000 tiny tasks: the rebuilt pool's throughput against ProcessPoolExecutor's, one task per
  message (``submit``, and ``map`` with chunksize 1);
* the rebuilt pool's throughput with a good chunksize against the same pool unchunked.

The pools take turns, round after round, in one process, so a busy machine slows them alike;
each figure is the median over the rounds.
"""

import sys
import time
from concurrent.futures import ProcessPoolExecutor
from functools import partial

from lessons.processes.pool_costs import executor_pool, tasks_per_second
from lessons.processes.pool_tasks import square
from lessons.tools.benchmarking import alternate, bench_main, bench_parser, medians
from lessons.tools.tasks import count_task

__all__ = ["cpu_speedups", "tiny_task_ratios", "main"]


def _serial_seconds(tasks, size):
    began = time.perf_counter()
    for _ in range(tasks):
        count_task(size)
    return time.perf_counter() - began


def _pool_seconds(executor_type, tasks, size, workers):
    with executor_type(max_workers=workers) as pool:
        list(pool.map(square, range(workers), timeout=60))  # workers up before the clock starts
        began = time.perf_counter()
        list(pool.map(count_task, [size] * tasks, timeout=600))
        return time.perf_counter() - began


def cpu_speedups(reference, rounds=3, tasks=8, size=3_000_000, workers=2):
    """Median speed-up over serial, by pool name, for `tasks` pure-Python counting tasks.

    Serial and the two pools take turns; each round's speed-up is over that round's serial
    run, so a load that comes and goes between rounds slows both sides of the ratio alike."""
    runs = alternate({
        "serial": partial(_serial_seconds, tasks, size),
        "rebuilt ProcessPool": partial(_pool_seconds, reference, tasks, size, workers),
        "ProcessPoolExecutor": partial(_pool_seconds, ProcessPoolExecutor, tasks, size, workers),
    }, rounds)
    serial = runs.pop("serial")
    return medians({name: [alone / pooled for alone, pooled in zip(serial, seconds)]
                    for name, seconds in runs.items()})


def _submitted_per_second(executor_type, tasks, workers=2):
    with executor_type(max_workers=workers) as pool:
        list(pool.map(square, range(workers), timeout=60))
        began = time.perf_counter()
        for future in [pool.submit(square, n) for n in range(tasks)]:
            future.result(timeout=120)
        return tasks / (time.perf_counter() - began)


def tiny_task_ratios(reference, rounds=3, tasks=10_000, chunksize=500):
    """Median throughputs (tasks/s) of the rebuilt pool and the standard one, by how tasks
    are handed out: ``submit``, ``map`` (chunksize 1), and ``map`` with `chunksize`."""
    rebuilt, standard = partial(executor_pool, reference), partial(executor_pool, ProcessPoolExecutor)
    return medians(alternate({
        "submit": partial(_submitted_per_second, reference, tasks),
        "submit, standard": partial(_submitted_per_second, ProcessPoolExecutor, tasks),
        "map": partial(tasks_per_second, rebuilt, 1, tasks=tasks),
        "map, standard": partial(tasks_per_second, standard, 1, tasks=tasks),
        "map, chunked": partial(tasks_per_second, rebuilt, chunksize, tasks=tasks),
    }, rounds))


def _measure(args):
    from lessons import solution  # the rebuilt pool lives in solutions/09_use_process_pools

    reference = solution("process-pool")
    print(f"2 workers, medians of {args.rounds} alternating rounds")
    for name, speedup in cpu_speedups(reference, args.rounds).items():
        print(f"cpu-bound, 8 tasks: {name:22} {speedup:5.2f}× serial")
    rates = tiny_task_ratios(reference, args.rounds, args.tasks)
    print(f"{args.tasks:,} tiny tasks, one per message (tasks/s):")
    for how in ("submit", "map"):
        print(f"  {how:6}: rebuilt {rates[how]:9,.0f}  ProcessPoolExecutor "
              f"{rates[how + ', standard']:9,.0f}  ratio {rates[how] / rates[how + ', standard']:.2f}")
    print(f"  map with chunksize 500: {rates['map, chunked']:,.0f} tasks/s, "
          f"{rates['map, chunked'] / rates['map']:.0f}× the unchunked map of the same pool")


def main(argv=None):
    parser = bench_parser("lessons.processes.process_pool_bench", __doc__,
                          rounds=(3, "alternating rounds"),
                          tasks=(10_000, "tiny tasks per run"))
    return bench_main(parser, argv, _measure)


if __name__ == "__main__":
    sys.exit(main())
