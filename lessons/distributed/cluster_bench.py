"""Lesson 11's figures: ``python -m lessons.distributed.cluster_bench`` (part of ``make bench``).

* what a local cluster of 2 workers × 1 thread takes to start and to close;
* what a tiny task costs on it, against a 2-process ``ProcessPoolExecutor`` (µs per task);
* the cpu-bound workload of lesson 10 (tasks counting to 2,000,000) on the cluster's 2 workers,
  against the same tasks one after another here: the speed-up.

The contenders take turns, round after round, and each figure is the median over the rounds,
printed with the machine's conditions (``lessons.tools.benchmarking``).
"""

import sys
import time

from lessons.distributed import cluster, costs
from lessons.tools.benchmarking import alternate, bench_main, bench_parser, medians

__all__ = ["main"]

COUNT = 2_000_000  # per task: about 0.1 s of pure-Python counting on a 2020s core


def _start_and_close():
    began = time.perf_counter()
    client = cluster.start_client()
    started = time.perf_counter()
    client.close()
    return {"start a local cluster (s)": started - began,
            "close it (s)": time.perf_counter() - started}


def _measure(args):
    print(f"a local cluster of 2 workers × 1 thread; {args.tiny:,} tiny tasks; {args.tasks} "
          f"tasks counting to {COUNT:,}; median of {args.rounds} alternating rounds")
    timings = alternate({"start and close": _start_and_close}, args.rounds)
    client = cluster.start_client()
    try:
        costs.cluster_time(client, 1, 10)  # the workers import the tasks once, before the clock
        timings.update(alternate({
            "tiny task, cluster (µs)": lambda: costs.cluster_time(client, 1, args.tiny)
            / args.tiny * 1e6,
            "tiny task, process pool (µs)": lambda: costs.pool_time(1, args.tiny) / args.tiny * 1e6,
            "count, serial (s)": lambda: costs.serial_time(COUNT, args.tasks),
            "count, cluster (s)": lambda: costs.cluster_time(client, COUNT, args.tasks),
        }, args.rounds))
    finally:
        client.close()
    median = medians(timings)
    for name, value in median.items():
        print(f"{name:<32} {value:10.3f}")
    print(f"{'tiny task: cluster ÷ pool':<32} "
          f"{median['tiny task, cluster (µs)'] / median['tiny task, process pool (µs)']:10.1f}×")
    print(f"{'count: speed-up on the cluster':<32} "
          f"{median['count, serial (s)'] / median['count, cluster (s)']:10.2f}×")


def main(argv=None):
    parser = bench_parser("lessons.distributed.cluster_bench", __doc__,
                          rounds=(5, "alternating rounds"),
                          tiny=(1000, "tiny tasks per run"),
                          tasks=(8, "counting tasks per run"))
    return bench_main(parser, argv, _measure)


if __name__ == "__main__":
    sys.exit(main())
