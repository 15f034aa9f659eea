"""Checker for lesson 06's exercise `thread-pool`: a drop-in concurrent.futures Executor."""

import os
import signal
import sys
import threading
import time
import warnings
from concurrent.futures import Executor, Future

from lessons.checks.kit.probes import Gate, meeting, raiser
from lessons.checks.kit.watch import GRACE, PATIENCE, Call, wait_until, wait_until_settled
from lessons.course.checking import behaviours

__all__ = ["check_thread_pool"]


def check_thread_pool(Pool):
    """Pool(max_workers) proves concurrent.futures.Executor's documented behaviour:

    * it is an Executor; max_workers < 1 raises ValueError;
    * submit(fn, *args, **kwargs) returns a Future with fn's result — or its exception, after
      which the worker goes on with the next task;
    * max_workers tasks run at once, and no more;
    * map() gives the results in input order, and map(timeout=t) raises TimeoutError after t
      while the tasks still run; result(timeout=t) too;
    * shutdown(wait=True) returns once the running tasks are done; submit() after it raises
      RuntimeError; shutdown(cancel_futures=True) cancels the tasks not started; leaving
      ``with`` leaves no worker thread behind;
    * like ThreadPoolExecutor, tasks still queued when the interpreter exits still run.
    """
    yield from behaviours(
        ("issubclass(Pool, concurrent.futures.Executor)", True,
         lambda: issubclass(Pool, Executor)),
        ("Pool(max_workers=0)", "raised ValueError",
         lambda: Call(Pool, max_workers=0).outcome()),
        ("Pool(max_workers=4): submit(pow, 2, 10) and submit(int, 'ff', base=16)",
         "Futures with results 1024 and 255", lambda: _submitted(Pool)),
        ("4 tasks on Pool(max_workers=4) that only succeed if all 4 run at the "
         "same time", ["met"] * 4, lambda: _together(Pool)),
        ("3 tasks on Pool(max_workers=2): how many run at once",
         "2 at once; the third starts when one ends", lambda: _at_most(Pool)),
        ("pool.map over tasks that finish in reverse order", [0, 1, 2, 3],
         lambda: _mapped(Pool)),
        ("pool.map(task, [1, 2], timeout=0.2) on tasks that run until released: "
         "next(results)", "raised TimeoutError after its timeout",
         lambda: _map_timeout(Pool)),
        ("future.result(timeout=0.2) on a task that runs until released",
         "raised TimeoutError after its timeout", lambda: _result_timeout(Pool)),
        ("a task raising ValueError on Pool(max_workers=1), then submit(pow, 3, 2)",
         "the ValueError in the first future, 9 from the second",
         lambda: _after_an_error(Pool)),
        ("shutdown(wait=True) with two tasks still running: are they done on "
         "return? Then submit()", "2 of 2 done; then raised RuntimeError",
         lambda: _shutdown_waits(Pool)),
        ("shutdown(cancel_futures=True) with 1 task running and 5 waiting on "
         "Pool(max_workers=1)", "5 cancelled, the running one finished",
         lambda: _cancelled(Pool)),
        ("leaving `with Pool(max_workers=3)` after a task: are the pool's worker "
         "threads gone?", "no worker thread left", lambda: _threads_left(Pool)),
        ("a program that submits 3 tasks and exits without shutdown(): do the "
         "tasks run?", "3 of 3 tasks ran before the interpreter exited",
         lambda: _at_exit(Pool)),
    )


def _shut(pool):
    """Shut down a pool a check has finished with, without waiting on a wrong one."""
    Call(pool.shutdown, wait=False).finish()


def _submitted(Pool):
    pool = Pool(max_workers=4)
    try:
        futures = [pool.submit(pow, 2, 10), pool.submit(int, "ff", base=16)]
        if not all(isinstance(f, Future) for f in futures):
            return f"{futures!r}, not Futures"
        return "Futures with results {} and {}".format(*(f.result(GRACE) for f in futures))
    finally:
        _shut(pool)


def _together(Pool):
    pool = Pool(max_workers=4)
    try:
        return [f.result(GRACE * 2) for f in [pool.submit(task) for task in meeting(4)]]
    finally:
        _shut(pool)


def _at_most(Pool):
    before = set(sys._current_frames())
    pool, gates = Pool(max_workers=2), [Gate(limit=5.0) for _ in range(3)]
    entered = lambda: sum(gate.entered for gate in gates)  # noqa: E731
    try:
        futures = [pool.submit(gate.task()) for gate in gates]
        wait_until(lambda: entered() >= 2, GRACE * 2)
        # A pool with a thread per task starts the third at once: once every thread the pool
        # started sits blocked, any task that could start has.
        wait_until_settled(before, GRACE * 2)
        early = entered()
        gates[0].open()
        later = wait_until(lambda: entered() == 3, GRACE * 2)
        for gate in gates:
            gate.open()
        [f.result(GRACE) for f in futures]
        if early == 2 and later:
            return "2 at once; the third starts when one ends"
        return f"{early} at once" + ("" if later else "; the third never started")
    finally:
        _shut(pool)


def _mapped(Pool):
    pool, first_may_end = Pool(max_workers=4), threading.Event()
    try:
        done = [threading.Event() for _ in range(4)]

        def task(index):  # run one at a time, each waits PATIENCE s for the next in vain
            if index + 1 < len(done):
                done[index + 1].wait(PATIENCE)
            if index == 0:  # so the caller waits for results while some are not done
                first_may_end.wait(GRACE * 2)
            done[index].set()
            return index
        mapping = Call(lambda: list(pool.map(task, range(4), timeout=GRACE * 3)))
        mapping.once_blocked()
        first_may_end.set()
        ended = mapping.outcome(GRACE * 3)
        return mapping.returned if ended.startswith("returned") else ended
    finally:
        _shut(pool)


def _map_timeout(Pool):
    pool, gate = Pool(max_workers=2), Gate(limit=5.0)
    try:
        # map() starts the clock: call it in the watched call, so the wait is timed from there.
        ended = Call(lambda: next(pool.map(lambda _: gate.task()(), [1, 2], timeout=0.2))
                     ).timed_out(0.2)
        return ended.replace("raised concurrent.futures._base.TimeoutError", "raised TimeoutError")
    finally:
        gate.open()
        _shut(pool)


def _result_timeout(Pool):
    pool, gate = Pool(max_workers=1), Gate(limit=5.0)
    try:
        future = pool.submit(gate.task())
        ended = Call(future.result, timeout=0.2).timed_out(0.2)
        return ended.replace("raised concurrent.futures._base.TimeoutError", "raised TimeoutError")
    finally:
        gate.open()
        _shut(pool)


def _after_an_error(Pool):
    pool, error = Pool(max_workers=1), ValueError("raised on purpose by the check")
    try:
        failed = Call(pool.submit(raiser(error)).exception, timeout=GRACE)
        delivered = failed.finish() and failed.returned is error
        later = Call(pool.submit(pow, 3, 2).result, timeout=GRACE).outcome()
        return (f"{'the ValueError' if delivered else 'no ValueError'} in the first future, "
                f"{later.removeprefix('returned ')} from the second")
    finally:
        _shut(pool)


def _shutdown_waits(Pool):
    pool, gate = Pool(max_workers=2), Gate(limit=GRACE * 3)
    futures = [pool.submit(gate.task()) for _ in range(2)]
    gate.wait_entered(2, GRACE * 2)
    shutdown = Call(pool.shutdown, wait=True).once_blocked()
    returned_early = shutdown.ended.is_set()
    gate.open()
    shutdown.finish(GRACE * 2)
    done = "shutdown returned while both still ran" if returned_early else (
        f"{sum(f.done() for f in futures)} of 2 done")
    return f"{done}; then {Call(pool.submit, pow, 2, 2).outcome()}"


def _cancelled(Pool):
    pool, gate = Pool(max_workers=1), Gate(limit=5.0)
    running = pool.submit(gate.task())
    waiting = [pool.submit(pow, 2, i) for i in range(5)]
    gate.wait_entered(1)  # the worker has taken the first task; the other 5 wait in line
    Call(pool.shutdown, wait=False, cancel_futures=True).finish()
    gate.open()
    Call(pool.shutdown, wait=True).finish()
    finished = running.done() and not running.cancelled()
    return (f"{sum(f.cancelled() for f in waiting)} cancelled, the running one "
            f"{'finished' if finished else 'not finished'}")


def _threads_left(Pool):
    before = set(threading.enumerate())
    with Pool(max_workers=3) as pool:
        pool.submit(pow, 2, 2).result(GRACE)
    left = lambda: [t.name for t in threading.enumerate()  # noqa: E731
                    if t not in before and t.is_alive() and t is not threading.current_thread()
                    and not t.name.startswith("lessons-check")]
    wait_until(lambda: not left())
    return "no worker thread left" if not left() else f"{len(left())} still running: {sorted(left())}"


def _at_exit(Pool, tasks=3):
    """In a forked child: submit tasks that take a moment, then exit as the interpreter does."""
    if not hasattr(os, "fork"):
        return "3 of 3 tasks ran before the interpreter exited"  # no fork here: not checked
    read, write = os.pipe()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads running
        pid = os.fork()
    if pid == 0:
        _child_exits(Pool, write, tasks)
    os.close(write)
    ran = Call(_read_all, read).outcome(timeout=GRACE * 2)
    os.close(read)
    _reap(pid)
    count = ran.count("x") if ran.startswith("returned") else 0
    return f"{count} of {tasks} tasks ran before the interpreter exited"


def _child_exits(Pool, write, tasks):
    try:
        pool = Pool(max_workers=1)
        for _ in range(tasks):
            pool.submit(lambda: (time.sleep(0.05), os.write(write, b"x")))
        # What the interpreter does at exit: threading's exit hooks (newest first: this pool's),
        # then join the non-daemon threads.
        threading._shutdown()
    finally:
        os._exit(0)


def _read_all(fd):
    chunks = []
    while chunk := os.read(fd, 64):
        chunks.append(chunk)
    return b"".join(chunks).decode()


def _reap(pid):
    """Collect the child's exit; kill it if it has not exited within GRACE s."""
    deadline = time.monotonic() + GRACE
    while os.waitpid(pid, os.WNOHANG) == (0, 0):
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return
        time.sleep(0.01)
