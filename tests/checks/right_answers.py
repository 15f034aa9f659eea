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

from lessons import solution
from lessons.processes.tasks import call_and_send, pipeline_worker, sum_slice

__all__ = ["BY_EXERCISE"]


def word_count_as_a_task_graph(client, paths, count):
    """Lesson 11 with dask.delayed: one delayed count per path, added up in one more task."""
    import dask
    from collections import Counter
    parts = [dask.delayed(count)(path) for path in paths]
    return client.compute(dask.delayed(sum)(parts, Counter())).result(timeout=60)


def word_count_as_completed(client, paths, count):
    """Lesson 11 with as_completed: each file's count added as soon as it arrives."""
    from collections import Counter
    from distributed import as_completed
    totals = Counter()
    for future in as_completed(client.map(count, paths, pure=False), timeout=60):
        totals += future.result()
    return totals


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
    "word-count": [word_count_as_a_task_graph, word_count_as_completed],
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


# --- lessons 01–05: other shapes, and the standard library's own classes -------------------

def run_all_through_a_queue(tasks):
    """Threads put (index, result) pairs on a queue; the caller puts them in task order."""
    finished = queue.Queue()
    threads = [threading.Thread(target=lambda i=index, t=task: finished.put((i, t())))
               for index, task in enumerate(tasks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    pairs = [finished.get_nowait() for _ in tasks]
    return [result for _, result in sorted(pairs, key=lambda pair: pair[0])]


class ResultThreadWrappingItsTarget(threading.Thread):
    """Hands Thread a wrapped target instead of overriding run()."""

    def __init__(self, target=None, args=(), kwargs=None, **options):
        self.result = self.error = None

        def keep(*args, **kwargs):
            try:
                self.result = target(*args, **kwargs)
            except Exception as error:
                self.error = error
        super().__init__(target=keep if target is not None else None, args=args,
                         kwargs=kwargs, **options)


def wait_all_one_lock_per_task(tasks, timeout=None):
    """Each task releases its own lock when it ends; the caller takes them in turn, within
    what is left of the timeout."""
    locks = []
    for task in tasks:
        lock = _thread.allocate_lock()
        lock.acquire()

        def run(task=task, lock=lock):
            try:
                task()
            finally:
                lock.release()
        locks.append(lock)
        _thread.start_new_thread(run, ())
    deadline = None if timeout is None else time.monotonic() + timeout
    for lock in locks:
        left = -1 if deadline is None else max(0.0, deadline - time.monotonic())
        if not lock.acquire(timeout=left):
            return False
    return True


def lost_update_b_reads_first():
    return ["B", "A", "A", "B"]


def deadlock_b_first():
    return ["B", "A"]


class EventCountingGenerations:
    """wait() returns True once a set() happened since it began (a generation passed), even
    if clear() came before the waiter ran — as threading.Event's does."""

    def __init__(self):
        self._cond = threading.Condition(threading.Lock())
        self._flag, self._generation = False, 0

    def is_set(self):
        return self._flag

    def set(self):
        with self._cond:
            self._flag = True
            self._generation += 1
            self._cond.notify_all()

    def clear(self):
        with self._cond:
            self._flag = False

    def wait(self, timeout=None):
        with self._cond:
            if self._flag:
                return True
            began = self._generation
            return self._cond.wait_for(lambda: self._generation != began, timeout)


class SemaphoreWithADeadlineLoop:
    """Waits in its own loop against a deadline instead of Condition.wait_for."""

    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._cond, self._value = threading.Condition(), value

    def acquire(self, blocking=True, timeout=None):
        if not blocking and timeout is not None:
            raise ValueError("can't specify timeout for non-blocking acquire")
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while self._value == 0:
                left = None if deadline is None else deadline - time.monotonic()
                if not blocking or (left is not None and left <= 0):
                    return False
                self._cond.wait(left)
            self._value -= 1
            return True

    def release(self, n=1):
        if n < 1:
            raise ValueError("n must be one or more")
        with self._cond:
            self._value += n
            self._cond.notify(n)

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exception):
        self.release()


class BoundedSemaphoreReusingRelease(solution("semaphore")):
    """Checks the bound and calls the parent's release() under one reentrant lock."""

    def __init__(self, value=1):
        super().__init__(value)
        self._cond = threading.Condition(threading.RLock())
        self._initial_value = value

    def release(self, n=1):
        with self._cond:
            if n >= 1 and self._value + n > self._initial_value:
                raise ValueError("Semaphore released too many times")
            super().release(n)


class BarrierOfTheStandardLibrary(threading.Barrier):
    """threading.Barrier, refusing parties < 1 as it does from Python 3.13 (3.9–3.12 accept
    Barrier(0))."""

    def __init__(self, parties, action=None, timeout=None):
        if parties < 1:
            raise ValueError("parties must be > 0")
        super().__init__(parties, action, timeout)


BY_EXERCISE.update({
    "collect-results": [run_all_through_a_queue],
    "result-thread": [ResultThreadWrappingItsTarget],
    "wait-without-join": [wait_all_one_lock_per_task],
    "find-lost-update": [lost_update_b_reads_first],
    "find-deadlock": [deadlock_b_first],
    # The checkers prove the standard library's documented behaviour: its classes pass.
    "bounded-queue": [queue.Queue],
    "event": [EventCountingGenerations, threading.Event],
    "semaphore": [SemaphoreWithADeadlineLoop, threading.Semaphore],
    "bounded-semaphore": [BoundedSemaphoreReusingRelease, threading.BoundedSemaphore],
    "barrier": [BarrierOfTheStandardLibrary],
})
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
def _process_pools():
    """One pipe per worker, one task at a time (the wrong answers' own right pool); and one
    call pipe shared by every worker, as ProcessPoolExecutor's call queue is."""
    from tests.checks.shared_queue_pool import SharedCallQueuePool
    from tests.checks.wrong_answers.use_process_pools import RightPool
    return [RightPool, SharedCallQueuePool]


BY_EXERCISE["process-pool"] = _process_pools()
