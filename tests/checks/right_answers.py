"""Right answers in other shapes than the reference: a checker judges behaviour, not structure,
so each of these must pass."""

import _thread
import math
import multiprocessing
import queue
import signal
import statistics
import threading
import time
from array import array
from concurrent.futures import ThreadPoolExecutor
from multiprocessing import shared_memory
from multiprocessing.connection import wait

from lessons.processes.workers import call_and_send, pipeline_worker, sum_slice

__all__ = ["BY_EXERCISE"]


class JoinableThreadOnAnEvent:
    """Keeps its state in an Event (built on a Condition and a flag) instead of its own."""

    def __init__(self, target, args=()):
        self.target, self.args = target, args
        self.done = threading.Event()
        self.start_lock = threading.Lock()
        self.started = False

    def start(self):
        with self.start_lock:
            if self.started:
                raise RuntimeError("threads can only be started once")
            self.started = True
        _thread.start_new_thread(self._run, ())

    def _run(self):
        try:
            self.target(*self.args)
        finally:
            self.done.set()

    def join(self, timeout=None):
        self.done.wait(timeout)

    def is_alive(self):
        return self.started and not self.done.is_set()


BY_EXERCISE = {
    "joinable-thread": [JoinableThreadOnAnEvent],
}


def incrementer_with_an_extra_yield(s):
    """A bare yield more than needed: one more switch point, still right."""
    yield
    yield s.lock.acquire()
    value = s.counter
    yield
    s.counter = value + 1
    s.lock.release()


def transfer_with_an_extra_yield(s, source, target):
    """Locks in reverse sorted order (one order is all it takes), and an extra switch point."""
    first, second = sorted((source, target), reverse=True)
    yield
    yield s.locks[first].acquire()
    yield s.locks[second].acquire()
    from_balance, to_balance = s.balance[source], s.balance[target]
    yield
    s.balance[source] = from_balance - 10
    s.balance[target] = to_balance + 10
    s.locks[second].release()
    s.locks[first].release()


BY_EXERCISE["fix-with-lock"] = [incrementer_with_an_extra_yield]
BY_EXERCISE["fix-deadlock"] = [transfer_with_an_extra_yield]
BY_EXERCISE["thread-pool"] = [ThreadPoolExecutor]  # the standard library's own executor


class NoBaselineError(ValueError):
    """An answer's own error: still a ValueError, as the contract asks."""


def scaling_with_its_own_error(timings):
    """Raises a ValueError subclass, and builds the result pair by pair."""
    try:
        serial = statistics.median(timings[1])
    except KeyError:
        raise NoBaselineError("no 1-worker timing") from None
    result = {}
    for n in sorted(timings):
        speedup = serial / statistics.median(timings[n])
        result[n] = (speedup, speedup / n)
    return result


def serial_fraction_with_statistics_errors(workers, speedups):
    """Lets `statistics.StatisticsError` (a ValueError) report bad input; sums with fsum."""
    if len(workers) != len(speedups):
        raise statistics.StatisticsError("workers and speedups differ in length")
    xs = [1 - 1 / n for n in workers]
    ys = [1 / s - 1 / n for n, s in zip(workers, speedups)]
    squares = math.fsum(x * x for x in xs)
    if squares == 0:
        raise statistics.StatisticsError("no measurement with more than one worker")
    return min(1.0, max(0.0, math.fsum(x * y for x, y in zip(xs, ys)) / squares))


BY_EXERCISE["speedup-and-efficiency"] = [scaling_with_its_own_error]
BY_EXERCISE["amdahl-fit"] = [serial_fraction_with_statistics_errors]


# Lessons 07-08: the parent's side written another way; the children still run the package's
# functions (call_and_send, pipeline_worker, the worker handed in).

def run_in_process_over_a_queue(fn, *args, timeout=None):
    """A multiprocessing.Queue instead of a Pipe; a child's end seen through its exit code."""
    results = multiprocessing.Queue()
    child = multiprocessing.Process(target=call_and_send, args=(results, fn, args))
    child.start()
    deadline = None if timeout is None else time.monotonic() + timeout
    try:
        message = _first_message(results, child, deadline)
    finally:
        if child.is_alive():
            child.kill()
        child.join(5)
        results.close()
        results.join_thread()
    if message[0] == "raised":
        message[1].add_note(message[2])
        raise message[1]
    return message[1]


def _first_message(results, child, deadline):
    while True:
        wait = 0.02 if deadline is None else max(0.0, min(0.02, deadline - time.monotonic()))
        try:
            return results.get(timeout=wait)
        except queue.Empty:
            if child.exitcode is not None:  # ended: what it sent is in the pipe by now
                try:
                    return results.get(block=False)
                except queue.Empty:
                    raise ChildProcessError(_ending(child.exitcode)) from None
            if deadline is not None and time.monotonic() >= deadline:
                raise TimeoutError("no result in time") from None


def _ending(exitcode):
    if exitcode < 0:
        return f"killed by {signal.Signals(-exitcode).name}"
    return f"exit code {exitcode}, and nothing sent"


def run_pipeline_with_sentinels(function, items, workers=2, timeout=10):
    """Tasks on a SimpleQueue, results put in place as they come; a dead worker is seen by
    waiting on the workers' sentinels."""
    items = list(items)
    tasks, results = multiprocessing.SimpleQueue(), multiprocessing.Queue()
    processes = [multiprocessing.Process(target=pipeline_worker, args=(function, tasks, results))
                 for _ in range(workers)]
    out, missing = [None] * len(items), set(range(len(items)))
    deadline = time.monotonic() + timeout
    try:
        for process in processes:
            process.start()
        for task in list(enumerate(items)) + [None] * workers:
            tasks.put(task)
        while missing:
            _wait_for_results(results, processes, deadline, out, missing)
        return out
    finally:
        for process in processes:
            if missing and process.is_alive():
                process.kill()
            process.join(5)
        results.close()
        results.join_thread()
        tasks.close()


def _wait_for_results(results, processes, deadline, out, missing):
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError(f"{len(missing)} results missing")
    try:
        index, value = results.get(timeout=min(remaining, 0.05))
    except queue.Empty:
        ended = wait([process.sentinel for process in processes], timeout=0)
        if any(process.exitcode for process in processes if process.sentinel in ended):
            raise ChildProcessError("a worker died") from None
        return
    out[index] = value
    missing.discard(index)


def shared_sum_in_balanced_slices(values, workers=2, timeout=10, worker=sum_slice):
    """Slices whose sizes differ by at most one (divmod), no more workers than values, the
    block filled from bytes."""
    values = list(values)
    if not values:
        return 0
    block = shared_memory.SharedMemory(create=True, size=8 * len(values))
    results, processes, done = multiprocessing.Queue(), [], False
    try:
        block.buf[:8 * len(values)] = array("q", values).tobytes()
        count = min(workers, len(values))
        size, extra = divmod(len(values), count)
        start = 0
        for i in range(count):
            stop = start + size + (i < extra)
            processes.append(multiprocessing.Process(
                target=worker, args=(block.name, start, stop, results)))
            processes[-1].start()
            start = stop
        total = sum(_one_sum(results, processes, time.monotonic() + timeout)
                    for _ in processes)
        done = True
        return total
    finally:
        for process in processes:
            process.join(5 if done else 0)
            if process.is_alive():
                process.kill()
                process.join(5)
        results.close()
        results.join_thread()
        block.close()
        block.unlink()


def _one_sum(results, processes, deadline):
    while time.monotonic() < deadline:
        try:
            return results.get(timeout=0.05)[1]
        except queue.Empty:
            if any(process.exitcode for process in processes):
                raise ChildProcessError("a worker failed") from None
    raise TimeoutError("a partial sum did not come in time")


BY_EXERCISE["run-in-process"] = [run_in_process_over_a_queue]
BY_EXERCISE["process-pipeline"] = [run_pipeline_with_sentinels]
BY_EXERCISE["shared-sum"] = [shared_sum_in_balanced_slices]
