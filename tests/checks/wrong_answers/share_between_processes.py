"""Wrong answers to lesson 08's exercises `process-pipeline` and `shared-sum`, each the
reference with one bug, switched on in a shared body (`_pipeline`, `_shared_sum`), so each
differs from the reference exactly as its name says. ``FAILS`` names, for each, the behaviour
the checker must report as failed (a substring of that outcome's `tried`).
"""

import multiprocessing
import queue
import time
from array import array
from multiprocessing import shared_memory

from lessons.processes.workers import pipeline_worker, sum_slice
from tests.checks.wrong_answers.marks import fails


def _pipeline(function, items, workers, timeout, bug=None):
    items = list(items)
    tasks, results = multiprocessing.Queue(), multiprocessing.Queue()
    count = 1 if bug == "one worker" else workers
    processes = [multiprocessing.Process(target=pipeline_worker, args=(function, tasks, results))
                 for _ in range(count)]
    for process in processes:
        process.start()
    for task in enumerate(items):
        tasks.put(task)
    for _ in processes[:1] if bug == "one sentinel" else processes:
        tasks.put(None)
    if bug == "joins first":
        for process in processes:
            process.join()
    arrived, deadline = [], time.monotonic() + timeout
    try:
        while len(arrived) < len(items):
            try:
                arrived.append(results.get(timeout=None if bug == "waits for ever" else 0.05))
            except queue.Empty:
                if any(p.exitcode not in (None, 0) for p in processes):
                    raise ChildProcessError("a worker died") from None
                if time.monotonic() > deadline:
                    raise TimeoutError("results missing") from None
    finally:
        for process in processes if bug != "never joins" else []:
            if process.exitcode not in (None, 0):
                for other in processes:
                    if other.is_alive():
                        other.kill()
            process.join(timeout)
    for index, value in arrived:
        if bug == "raises first error" and isinstance(value, Exception):
            raise value
    if bug == "arrival order":
        return [value for _, value in arrived]
    return [value for _, value in sorted(arrived, key=lambda pair: pair[0])]


def run_pipeline_with_one_sentinel_for_all_workers(function, items, workers=2, timeout=10):
    """Puts one sentinel in all: the other workers wait for work for ever."""
    return _pipeline(function, items, workers, timeout, "one sentinel")


def run_pipeline_joining_workers_before_collecting(function, items, workers=2, timeout=10):
    """Joins the workers before taking their results: big results never leave the workers."""
    return _pipeline(function, items, workers, timeout, "joins first")


def run_pipeline_in_arrival_order(function, items, workers=2, timeout=10):
    """Returns the results in the order they arrived, not in the items' order."""
    return _pipeline(function, items, workers, timeout, "arrival order")


def run_pipeline_raising_the_first_error(function, items, workers=2, timeout=10):
    """Raises an item's exception instead of putting it in its place."""
    return _pipeline(function, items, workers, timeout, "raises first error")


def run_pipeline_waiting_for_ever_for_a_dead_worker(function, items, workers=2, timeout=10):
    """Waits for results with no timeout: a killed worker's result never comes."""
    return _pipeline(function, items, workers, timeout, "waits for ever")


def run_pipeline_on_one_worker(function, items, workers=2, timeout=10):
    """Starts one worker whatever `workers` says."""
    return _pipeline(function, items, workers, timeout, "one worker")


def run_pipeline_never_joining_its_workers(function, items, workers=2, timeout=10):
    """Returns the results without joining its workers."""
    return _pipeline(function, items, workers, timeout, "never joins")


def _shared_sum(values, workers, timeout, worker, bug=None):
    if not values and bug != "no empty check":
        return 0
    block = shared_memory.SharedMemory(create=True, size=8 * len(values))
    results, processes, finished = multiprocessing.Queue(), [], False
    try:
        numbers = block.buf.cast("q")
        numbers[:len(values)] = array("q", values)
        numbers.release()
        if bug == "drops the remainder":
            step = len(values) // workers
            slices = [(i * step, (i + 1) * step) for i in range(workers)]
        else:
            step = -(-len(values) // workers)
            slices = [(i, min(i + step, len(values))) for i in range(0, len(values), step)]
        for start, stop in slices:
            process = multiprocessing.Process(target=worker,
                                              args=(block.name, start, stop, results))
            process.start()
            processes.append(process)
        sums, deadline = [], time.monotonic() + timeout
        while len(sums) < len(processes):
            try:
                sums.append(results.get(timeout=None if bug == "waits for ever" else 0.05)[1])
            except queue.Empty:
                failed = any(p.exitcode not in (None, 0) for p in processes)
                if failed and bug == "ignores failures":
                    break
                if failed:
                    raise ChildProcessError("a worker failed") from None
                if time.monotonic() > deadline:
                    raise TimeoutError("partial sums missing") from None
        finished = True
        return sum(sums)
    finally:
        for process in processes if bug != "never joins" else []:
            if process.is_alive():
                process.kill()
            process.join(5)
        block.close()
        if bug != "never unlinks" and (finished or bug != "unlinks on success only"):
            block.unlink()


def shared_sum_never_unlinking(values, workers=2, timeout=10, worker=sum_slice):
    """Closes the block but never unlinks it: it stays in memory after the program."""
    return _shared_sum(values, workers, timeout, worker, "never unlinks")


def shared_sum_unlinking_only_on_success(values, workers=2, timeout=10, worker=sum_slice):
    """Unlinks the block only when every worker succeeded (no finally)."""
    return _shared_sum(values, workers, timeout, worker, "unlinks on success only")


def shared_sum_dropping_the_remainder(values, workers=2, timeout=10, worker=sum_slice):
    """Gives each worker len(values) // workers items: an uneven split loses the last ones."""
    return _shared_sum(values, workers, timeout, worker, "drops the remainder")


def shared_sum_ignoring_a_failed_worker(values, workers=2, timeout=10, worker=sum_slice):
    """Returns the sum of what arrived when a worker failed, as if it were the total."""
    return _shared_sum(values, workers, timeout, worker, "ignores failures")


def shared_sum_waiting_for_ever_for_a_failed_worker(values, workers=2, timeout=10,
                                                    worker=sum_slice):
    """Waits for every partial sum with no timeout: a failed worker's never comes."""
    return _shared_sum(values, workers, timeout, worker, "waits for ever")


def shared_sum_failing_on_no_values(values, workers=2, timeout=10, worker=sum_slice):
    """Asks for a block of 0 bytes when there are no values: ValueError."""
    return _shared_sum(values, workers, timeout, worker, "no empty check")


def shared_sum_never_joining(values, workers=2, timeout=10, worker=sum_slice):
    """Returns the total without joining its workers."""
    return _shared_sum(values, workers, timeout, worker, "never joins")


FAILS = {
    run_pipeline_with_one_sentinel_for_all_workers: "run_pipeline(square, range(10))",
    run_pipeline_joining_workers_before_collecting: "bigger than a pipe's buffer",
    run_pipeline_in_arrival_order: "results in item order",
    run_pipeline_raising_the_first_error: "the ValueError in its place",
    run_pipeline_waiting_for_ever_for_a_dead_worker: "a worker killed, ChildProcessError",
    run_pipeline_on_one_worker: "only if 3 workers run at once",
    run_pipeline_never_joining_its_workers: "children joined",
    shared_sum_never_unlinking: "the block unlinked after",
    shared_sum_unlinking_only_on_success: "worker=<one that fails>",
    shared_sum_dropping_the_remainder: "uneven slices",
    shared_sum_ignoring_a_failed_worker: "worker=<one that fails>",
    shared_sum_waiting_for_ever_for_a_failed_worker: "worker=<one that fails>",
    shared_sum_failing_on_no_values: "shared_sum([]): 0",
    shared_sum_never_joining: "children joined",
}
PROCESS_PIPELINE = [wrong for wrong in FAILS if wrong.__name__.startswith("run_pipeline")]
SHARED_SUM = [wrong for wrong in FAILS if wrong.__name__.startswith("shared_sum")]

for _answer, _behaviour in FAILS.items():  # the marks tests/checks/test_exercises.py reads
    fails(_behaviour)(_answer)
