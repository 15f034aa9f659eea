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

from lessons.processes.tasks import pipeline_worker, sum_slice
from tests.checks.wrong_answers.marks import fails


def _pipeline(function, items, workers, timeout, bug=None):
    items = list(items)
    tasks, results = multiprocessing.Queue(), multiprocessing.Queue()
    count = 1 if bug == "one worker" else workers
    processes = [multiprocessing.Process(target=pipeline_worker, args=(function, tasks, results))
                 for _ in range(count)]
    finished = False
    try:
        for process in processes:
            process.start()
        for task in enumerate(items):
            tasks.put(task)
        for _ in processes[:1] if bug == "one sentinel" else processes:
            tasks.put(None)
        if bug == "joins first":
            for process in processes:
                process.join()
        arrived = _arrivals(results, len(items), processes, timeout, bug)
        finished = True
    finally:
        for process in [] if bug == "never joins" else processes:
            if not finished and process.is_alive() and bug != "leaves workers":
                process.kill()
            process.join(timeout if finished else 0.1)
        if not finished:
            tasks.cancel_join_thread()
    for index, value in arrived:
        if bug == "raises first error" and isinstance(value, Exception):
            raise value
    if bug == "arrival order":
        return [value for _, value in arrived]
    return [value for _, value in sorted(arrived, key=lambda pair: pair[0])]


def _arrivals(results, count, processes, timeout, bug):
    """(index, value) pairs as they arrive; the reference's collecting loop, with `bug`."""
    arrived, deadline = [], time.monotonic() + timeout
    while len(arrived) < count:
        try:
            arrived.append(results.get(timeout=_get_timeout(deadline, timeout, bug)))
        except queue.Empty:
            if bug == "lets queue.Empty out":
                raise
            if any(p.exitcode not in (None, 0) for p in processes):
                raise ChildProcessError("a worker died") from None
            if bug == "timeout per get" or time.monotonic() > deadline:
                raise TimeoutError("results missing") from None
    return arrived


def _get_timeout(deadline, timeout, bug):
    if bug == "waits for ever":
        return None
    if bug == "timeout per get":
        return timeout  # each get waits up to `timeout`: the call, many times that
    if bug in ("looks when time is up", "lets queue.Empty out"):
        return max(0.0, deadline - time.monotonic())  # a dead worker is seen only then
    return 0.05


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


def run_pipeline_looking_at_the_workers_only_when_time_is_up(function, items, workers=2,
                                                             timeout=10):
    """Waits for each result until the deadline, and only then sees that a worker died."""
    return _pipeline(function, items, workers, timeout, "looks when time is up")


def run_pipeline_with_a_timeout_per_result(function, items, workers=2, timeout=10):
    """Gives each get() the whole timeout: results that keep coming keep it going for ever."""
    return _pipeline(function, items, workers, timeout, "timeout per get")


def run_pipeline_letting_queue_empty_out(function, items, workers=2, timeout=10):
    """Raises the queue.Empty of its last get() instead of TimeoutError."""
    return _pipeline(function, items, workers, timeout, "lets queue.Empty out")


def run_pipeline_leaving_workers_running_on_timeout(function, items, workers=2, timeout=10):
    """Raises TimeoutError but kills no worker: they go on running."""
    return _pipeline(function, items, workers, timeout, "leaves workers")


def run_pipeline_on_one_worker(function, items, workers=2, timeout=10):
    """Starts one worker whatever `workers` says."""
    return _pipeline(function, items, workers, timeout, "one worker")


def run_pipeline_never_joining_its_workers(function, items, workers=2, timeout=10):
    """Returns the results without joining its workers."""
    return _pipeline(function, items, workers, timeout, "never joins")


def _shared_sum(values, workers, timeout, worker, bug=None):
    if not values and bug not in ("no empty check", "block for nothing"):
        return 0
    block = shared_memory.SharedMemory(create=True, size=max(1, 8 * len(values)))
    if not values:  # "block for nothing": a 1-byte block, never unlinked
        return 0
    results, processes, blocks, finished = multiprocessing.Queue(), [], [block], False
    try:
        _fill(block, values)
        for start, stop in _slices(len(values), workers, bug):
            if bug == "block per worker":
                blocks.append(shared_memory.SharedMemory(create=True, size=8 * (stop - start)))
                _fill(blocks[-1], values[start:stop])
                name, start, stop = blocks[-1].name, 0, stop - start
            else:
                name = block.name
            process = multiprocessing.Process(target=worker, args=(name, start, stop, results))
            process.start()
            processes.append(process)
        total = sum(_partial_sums(results, processes, timeout, bug))
        finished = True
        return total
    finally:
        for process in processes if bug != "never joins" else []:
            process.join(timeout if finished else 0)
            if process.is_alive() and bug != "leaves workers":
                process.kill()
                process.join(5)
        for each in blocks:
            each.close()
            if bug != "never unlinks" and (finished or bug != "unlinks on success only"):
                each.unlink()


def _fill(block, values):
    numbers = block.buf.cast("q")
    numbers[:len(values)] = array("q", values)
    numbers.release()


def _slices(count, workers, bug):
    if bug == "one slice":
        return [(0, count)] if count else []
    if bug == "drops the remainder":
        step = count // workers
        return [(i * step, (i + 1) * step) for i in range(workers)]
    step = count // workers if bug == "floor step" else -(-count // workers)
    return [(i, min(i + step, count)) for i in range(0, count, step)]


def _partial_sums(results, processes, timeout, bug):
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
    return sums


def shared_sum_never_unlinking(values, workers=2, timeout=10, worker=sum_slice):
    """Closes the block but never unlinks it: it stays in memory after the program."""
    return _shared_sum(values, workers, timeout, worker, "never unlinks")


def shared_sum_unlinking_only_on_success(values, workers=2, timeout=10, worker=sum_slice):
    """Unlinks the block only when every worker succeeded (no finally)."""
    return _shared_sum(values, workers, timeout, worker, "unlinks on success only")


def shared_sum_dropping_the_remainder(values, workers=2, timeout=10, worker=sum_slice):
    """Gives each worker len(values) // workers items: an uneven split loses the last ones."""
    return _shared_sum(values, workers, timeout, worker, "drops the remainder")


def shared_sum_stepping_by_the_floor(values, workers=2, timeout=10, worker=sum_slice):
    """Steps by len(values) // workers: 0 when there are fewer values than workers."""
    return _shared_sum(values, workers, timeout, worker, "floor step")


def shared_sum_with_a_block_per_worker(values, workers=2, timeout=10, worker=sum_slice):
    """Copies each slice into a block of its own: as many blocks as workers, not one."""
    return _shared_sum(values, workers, timeout, worker, "block per worker")


def shared_sum_ignoring_a_failed_worker(values, workers=2, timeout=10, worker=sum_slice):
    """Returns the sum of what arrived when a worker failed, as if it were the total."""
    return _shared_sum(values, workers, timeout, worker, "ignores failures")


def shared_sum_waiting_for_ever_for_a_failed_worker(values, workers=2, timeout=10,
                                                    worker=sum_slice):
    """Waits for every partial sum with no timeout: a failed worker's never comes."""
    return _shared_sum(values, workers, timeout, worker, "waits for ever")


def shared_sum_leaving_workers_running_on_timeout(values, workers=2, timeout=10,
                                                  worker=sum_slice):
    """Raises TimeoutError but kills no worker: they go on running."""
    return _shared_sum(values, workers, timeout, worker, "leaves workers")


def shared_sum_failing_on_no_values(values, workers=2, timeout=10, worker=sum_slice):
    """Asks for a block of 0 bytes when there are no values: ValueError."""
    return _shared_sum(values, workers, timeout, worker, "no empty check")


def shared_sum_leaving_a_block_for_no_values(values, workers=2, timeout=10, worker=sum_slice):
    """Creates a 1-byte block for no values, returns 0 and never unlinks it."""
    return _shared_sum(values, workers, timeout, worker, "block for nothing")


def shared_sum_in_one_process(values, workers=2, timeout=10, worker=sum_slice):
    """One slice, one process, whatever `workers` says: right total, nothing shared out."""
    return _shared_sum(values, workers, timeout, worker, "one slice")


def shared_sum_never_joining(values, workers=2, timeout=10, worker=sum_slice):
    """Returns the total without joining its workers."""
    return _shared_sum(values, workers, timeout, worker, "never joins")


BUSY = "a worker killed while the other is busy"
WHOLE_CALL = "timeout bounds the whole call"
FAILS = {
    run_pipeline_with_one_sentinel_for_all_workers: "every result once",
    run_pipeline_joining_workers_before_collecting: "bigger than a pipe's buffer",
    run_pipeline_in_arrival_order: "results in item order",
    run_pipeline_raising_the_first_error: "ValueError in its place",
    run_pipeline_waiting_for_ever_for_a_dead_worker: BUSY,
    run_pipeline_looking_at_the_workers_only_when_time_is_up: BUSY,
    run_pipeline_with_a_timeout_per_result: WHOLE_CALL,
    run_pipeline_letting_queue_empty_out: WHOLE_CALL,
    run_pipeline_leaving_workers_running_on_timeout: WHOLE_CALL,
    run_pipeline_on_one_worker: "only if 3 workers run at once",
    run_pipeline_never_joining_its_workers: "every result once",
    shared_sum_never_unlinking: "one shared memory block",
    shared_sum_unlinking_only_on_success: "a failed worker",
    shared_sum_dropping_the_remainder: "can't all be the same size",
    shared_sum_stepping_by_the_floor: "fewer values than workers",
    shared_sum_with_a_block_per_worker: "one shared memory block",
    shared_sum_ignoring_a_failed_worker: "a failed worker",
    shared_sum_waiting_for_ever_for_a_failed_worker: "a failed worker",
    shared_sum_leaving_workers_running_on_timeout: "timeout honoured",
    shared_sum_failing_on_no_values: "shared_sum([])",
    shared_sum_leaving_a_block_for_no_values: "shared_sum([])",
    shared_sum_never_joining: "one shared memory block",
    shared_sum_in_one_process: "one shared memory block",
}
PROCESS_PIPELINE = [wrong for wrong in FAILS if wrong.__name__.startswith("run_pipeline")]
SHARED_SUM = [wrong for wrong in FAILS if wrong.__name__.startswith("shared_sum")]

for _answer, _behaviour in FAILS.items():  # the marks tests/checks/test_exercises.py reads
    fails(_behaviour)(_answer)
