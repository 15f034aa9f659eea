"""Right answers in other shapes than the reference: a checker judges behaviour, not structure,
so each of these must pass."""

import _thread
import math
import statistics
import threading
from concurrent.futures import ThreadPoolExecutor

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


def _process_pools():
    """One pipe per worker, one task at a time (the wrong answers' own right pool); and one
    call pipe shared by every worker, as ProcessPoolExecutor's call queue is."""
    from tests.checks.shared_queue_pool import SharedCallQueuePool
    from tests.checks.wrong_answers.use_process_pools import RightPool
    return [RightPool, SharedCallQueuePool]


BY_EXERCISE["process-pool"] = _process_pools()
