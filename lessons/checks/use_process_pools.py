"""Checker for lesson 09's exercise `process-pool`: a process pool Executor, drop-in for
ProcessPoolExecutor, whose workers run `lessons.processes.pool_worker.work`."""

import multiprocessing
import os
import tempfile
import time
from concurrent.futures import Executor
from concurrent.futures.process import BrokenProcessPool

from lessons.checks.watch import Call, public_name
from lessons.course.checking import trial
from lessons.processes.pool_tasks import (die, divide, sleep_then, square, start_method,
                                          until_file_exists)
from lessons.processes.workers import meet

__all__ = ["check_process_pool"]

METHODS = ("fork", "spawn", "forkserver")
WAIT = 5.0  # seconds any one future may take: a right pool answers these in well under one
# Seconds a right pool may take to see that a worker died (it takes milliseconds), counted
# from the submit: a busy machine may first have to start the worker under spawn.
NOTICE = 5.0
CLEAN_UP = 1.0  # seconds a shutdown gets when the check is over, before what is left is killed


def check_process_pool(Pool):
    """ProcessPool(max_workers, mp_context) proves, by behaviour, under fork, spawn and
    forkserver alike (each through `mp_context`; the default start method is left alone):

    * it is a concurrent.futures.Executor; max_workers of 0 raises ValueError;
    * submit returns a future with the task's result, computed in a worker started by the
      context's method;
    * map gives the results in the order of its inputs, though the tasks end in another order;
    * an exception raised in a worker comes back as the future's exception, of its own type;
    * its max_workers workers run tasks at the same time (2 tasks that can only finish
      together);
    * shutdown(wait=True) returns once every task submitted has finished, and leaves no worker
      process running; submit after shutdown raises RuntimeError;
    * shutdown(cancel_futures=True) cancels the tasks that have not started, and the others
      still finish;
    * a worker that dies in the middle of a task (as a crash would) breaks the pool: that
      future, and every other not yet done, fails with BrokenProcessPool — nothing waits for
      ever — and shutdown still returns, leaving no process behind.
    """
    batteries = [_basics(Pool)] + [_one_pool(Pool, method) for method in METHODS]
    batteries += [_parallel(Pool)] + [_broken_pool(Pool, method) for method in METHODS]
    for battery in batteries:
        failed = yield from _until_failure(battery)
        if failed:  # one wrong behaviour is the verdict: the rest would only take longer
            return


def _until_failure(battery):
    """Yield what `battery` yields until an outcome fails; True if one did."""
    for item in battery:
        yield item
        if not isinstance(item, str) and not item.passed:
            battery.close()  # runs its clean-up (finally) now
            return True
    return False


def _basics(Pool):
    yield from trial("issubclass(ProcessPool, concurrent.futures.Executor)", True,
                     lambda: issubclass(Pool, Executor))
    before = _children()
    try:
        yield from trial("ProcessPool(max_workers=0)", "raised ValueError",
                         lambda: _outcome_of(lambda: Pool(max_workers=0)))
    finally:
        _kill_left(before)


def _parallel(Pool):
    yield from trial("2 tasks on 2 workers that only finish if both run at the same time",
                     ["met", "met"], lambda: _met(Pool))


def _one_pool(Pool, method):
    before = _children()
    try:
        pool = yield from _started(Pool, method)
        try:
            yield from _behaviours(pool, method)
        finally:
            _shut_down(pool)
        yield from trial(f"[{method}] worker processes still running after shutdown", [],
                         lambda: _left_running(before))
    finally:  # also when the check stops early: nothing a wrong answer started survives it
        _kill_left(before)


def _behaviours(pool, method):
    yield from trial(f"[{method}] pool.submit(square, 7).result()", 49,
                     lambda: pool.submit(square, 7).result(WAIT))
    yield from trial(f"[{method}] how the worker that ran a task was started", method,
                     lambda: pool.submit(start_method).result(WAIT))
    yield from trial(f"[{method}] list(pool.map(...)) over 3 tasks that end last to first",
                     ["a", "b", "c"],
                     lambda: list(pool.map(sleep_then, [0.2, 0.1, 0], "abc", timeout=WAIT)))
    yield from trial(f"[{method}] pool.submit(divide, 1, 0).exception()",
                     "ZeroDivisionError", lambda: _error_name(pool.submit(divide, 1, 0)))
    yield from trial(f"[{method}] shutdown(cancel_futures=True) with 2 slow tasks running "
                     "and 8 waiting", "some cancelled, every other one finished",
                     lambda: _cancelled(pool))
    yield from trial(f"[{method}] pool.submit(square, 2) after shutdown",
                     "raised RuntimeError", lambda: _outcome_of(lambda: pool.submit(square, 2)))


def _broken_pool(Pool, method):
    before = _children()
    try:
        pool = yield from _started(Pool, method)
        try:
            crash = pool.submit(die, 3)
            yield from trial(f"[{method}] a worker that dies in the middle of a task: the "
                             "future", "raised BrokenProcessPool", lambda: _result_of(crash))
            yield from trial(f"[{method}] the other futures, once the pool is broken",
                             "raised BrokenProcessPool", lambda: _after_breaking(pool))
            yield from trial(f"[{method}] shutdown(wait=True) of the broken pool",
                             "returned None", lambda: _shut_down(pool, WAIT))
        finally:
            _shut_down(pool)
        yield from trial(f"[{method}] worker processes still running after the broken "
                         "pool's shutdown", [], lambda: _left_running(before))
    finally:
        _kill_left(before)


def _started(Pool, method):
    """A pool of 2 workers started by `method`, announced first: if it can't start, that is
    what the report says failed."""
    yield f"[{method}] ProcessPool(max_workers=2, mp_context=get_context({method!r}))"
    return Pool(max_workers=2, mp_context=multiprocessing.get_context(method))


def _outcome_of(call):
    """'returned X' or 'raised Name' (a learner's code may raise anything)."""
    try:
        value = call()
    except Exception as error:
        return f"raised {public_name(type(error)).rpartition('.')[2]}"
    if value is None or isinstance(value, (int, str)):
        return f"returned {value!r}"
    return f"returned a {type(value).__name__}"


def _result_of(future, patience=NOTICE):
    """How waiting for `future` ended, within `patience` s."""
    try:
        return f"returned {future.result(patience)!r}"
    except TimeoutError:
        return (f"still waiting after {patience:g} s: a dead worker must not leave a future "
                "hanging")
    except Exception as error:
        return f"raised {type(error).__name__}"


def _error_name(future):
    error = future.exception(WAIT)
    return "no exception" if error is None else type(error).__name__


def _cancelled(pool):
    """The slow tasks run until the checker creates a file, which it does only once
    shutdown() is under way: what is cancelled was cancelled while they still ran."""
    with tempfile.TemporaryDirectory() as folder:
        go = os.path.join(folder, "go")
        slow = [pool.submit(until_file_exists, go, WAIT) for _ in range(2)]
        waiting = [pool.submit(square, n) for n in range(8)]
        try:
            if not _running(slow, 1):
                return ("the slow tasks never showed as running: mark a future running "
                        "(set_running_or_notify_cancel) when its task goes to a worker")
            _running(slow, 2, patience=1.0)  # at once, unless the pool runs only one task
            shutdown = Call(pool.shutdown, wait=True, cancel_futures=True).once_blocked()
            returned_early = shutdown.ended.is_set()
        finally:
            open(go, "w").close()
        shutdown.finish(WAIT)
    if returned_early:
        return "shutdown returned while the 2 slow tasks still ran"
    futures = slow + waiting
    cancelled = sum(f.cancelled() for f in futures)
    others_done = all(f.done() and f.exception(0) is None for f in futures if not f.cancelled())
    if cancelled and others_done:
        return "some cancelled, every other one finished"
    return (f"{cancelled} of 10 cancelled; "
            + ("every other one finished" if others_done else "some others not finished"))


def _running(futures, count, patience=WAIT):
    """Wait until `count` of `futures` are running (or done); False if they aren't in time."""
    deadline = time.monotonic() + patience
    while sum(f.running() or f.done() for f in futures) < count:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def _after_breaking(pool):
    """Submit once the pool is broken: either submit raises, or the future fails."""
    try:
        future = pool.submit(square, 3)
    except BrokenProcessPool:
        return "raised BrokenProcessPool"
    return _result_of(future)


def _met(Pool):
    # A barrier in a manager process: its proxy travels to workers of any start method.
    before = _children()
    with multiprocessing.Manager() as manager:
        barrier = manager.Barrier(2, timeout=3)
        pool = Pool(max_workers=2)
        try:
            futures = [pool.submit(meet, barrier, n) for n in range(2)]
            return [_result_of(f, WAIT).removeprefix("returned ").strip("'") for f in futures]
        finally:
            _shut_down(pool)
            _kill_left(before)


def _children():
    return set(multiprocessing.active_children())


def _left_running(before, patience=2.0):
    """Pids of processes this one started, still alive, that were not there `before`."""
    deadline = time.monotonic() + patience
    while True:
        left = sorted(p.pid for p in _children() - before)
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.05)


def _shut_down(pool, patience=CLEAN_UP):
    """Shut a candidate's pool down, waiting at most `patience` s: how that call ended."""
    return Call(pool.shutdown).outcome(patience)


def _kill_left(before, patience=WAIT):
    """Kill what a wrong answer left running, so one check leaves nothing behind. Look again
    after each round: the candidate's own threads may still be starting or reaping workers."""
    deadline = time.monotonic() + patience
    while (left := _children() - before) and time.monotonic() < deadline:
        for process in left:
            process.kill()
            process.join(max(0.0, deadline - time.monotonic()))
