"""What a task costs on the cluster, against lesson 09's process pool, and from what task size
the cluster pays off.

Every task the cluster runs goes from the client to the scheduler, which picks a worker, to
the worker, and its result's whereabouts back to the scheduler and then the client: several
messages over TCP and some bookkeeping, where a process pool writes to a pipe. For tiny tasks
that cost is all there is; for long ones it vanishes next to the work.
"""

import time
from concurrent.futures import ProcessPoolExecutor

from lessons.tools.tasks import count_task

__all__ = ["per_task_costs", "cluster_time", "pool_time", "serial_time", "payoff"]


def per_task_costs(client, tasks=400, workers=2):
    """{"dask cluster" | "process pool": seconds per task} for `tasks` tasks that count to 1."""
    return {"dask cluster": cluster_time(client, 1, tasks) / tasks,
            "process pool": pool_time(1, tasks, workers) / tasks}


def cluster_time(client, size, tasks):
    """Wall seconds for `tasks` tasks counting to `size` on the cluster, results back."""
    started = time.perf_counter()
    # pure=False: the tasks are all alike, and Dask would otherwise run one and reuse it.
    client.gather(client.map(count_task, [size] * tasks, pure=False))
    return time.perf_counter() - started


def pool_time(size, tasks, workers=2):
    """Wall seconds for the same on a ProcessPoolExecutor, its start-up left out."""
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(count_task, [1] * workers))  # start every worker before the clock
        started = time.perf_counter()
        list(pool.map(count_task, [size] * tasks))
        return time.perf_counter() - started


def serial_time(size, tasks):
    started = time.perf_counter()
    for _ in range(tasks):
        count_task(size)
    return time.perf_counter() - started


def payoff(client, sizes=(1_000, 10_000, 100_000, 1_000_000), tasks=8):
    """({"serial" | "dask cluster" | "process pool": [seconds per task, one per size]},
    the smallest size at which the cluster beat serial, or None)."""
    per_task = {"serial": [], "dask cluster": [], "process pool": []}
    for size in sizes:
        per_task["serial"].append(serial_time(size, tasks) / tasks)
        per_task["dask cluster"].append(cluster_time(client, size, tasks) / tasks)
        per_task["process pool"].append(pool_time(size, tasks) / tasks)
    faster = [size for size, alone, spread in zip(sizes, per_task["serial"],
                                                  per_task["dask cluster"]) if spread < alone]
    return per_task, (faster[0] if faster else None)
