"""Checker for lesson 06's exercise `thread-pool`: a drop-in concurrent.futures Executor."""

import threading
import time
from concurrent.futures import Executor, Future

from lessons.checks.probes import meeting, raiser, sleeper
from lessons.course.report import outcome

WAIT = 2.0  # seconds any single future may take in these checks


def check_thread_pool(Pool):
    tried = "issubclass(Pool, concurrent.futures.Executor)"
    yield tried
    yield outcome(tried, True, issubclass(Pool, Executor))

    tried = "Pool(max_workers=0)"
    yield tried
    yield outcome(tried, "ValueError", raised_by(lambda: Pool(max_workers=0)))

    before = set(threading.enumerate())
    with Pool(max_workers=4) as pool:
        tried = "pool.submit(pow, 2, 10): a Future, then its result"
        yield tried
        future = pool.submit(pow, 2, 10)
        yield outcome(tried, "a Future with result 1024",
                      f"a Future with result {future.result(timeout=WAIT)!r}"
                      if isinstance(future, Future) else f"{future!r}")

        tried = "pool.submit(int, 'ff', base=16).result()"
        yield tried
        yield outcome(tried, 255, pool.submit(int, "ff", base=16).result(timeout=WAIT))

        tried = "4 tasks on 4 workers that only succeed if all 4 run at the same time"
        yield tried
        futures = [pool.submit(task) for task in meeting(4)]
        yield outcome(tried, ["met"] * 4, [f.result(timeout=WAIT) for f in futures])

        tried = "pool.map over tasks that finish in reverse order"
        yield tried
        results = pool.map(lambda task: task(), [sleeper(i, 0.1 * (3 - i)) for i in range(4)])
        yield outcome(tried, [0, 1, 2, 3], list(results))

        tried = "future.result(timeout=0.2) on a task that runs for 3 s"
        yield tried
        release = threading.Event()
        slow = pool.submit(release.wait, 3)
        began = time.monotonic()
        raised = raised_by(lambda: slow.result(timeout=0.2))
        waited = time.monotonic() - began
        release.set()
        prompt = raised == "TimeoutError" and waited < 1.5
        yield outcome(tried, "TimeoutError within 1.5 s",
                      "TimeoutError within 1.5 s" if prompt else f"{raised} after {waited:.1f} s",
                      passed=prompt)
    tried = "leaving `with Pool(...)`: are the pool's worker threads gone?"
    yield tried
    yield outcome(tried, "no worker thread left", threads_left(before))

    tried = "a task raising ValueError on a 1-worker pool, then pool.submit(pow, 3, 2)"
    yield tried
    pool = Pool(max_workers=1)
    try:
        error = ValueError("bad task")
        failed = pool.submit(raiser(error))
        delivered = failed.exception(timeout=WAIT) is error
        later = pool.submit(pow, 3, 2).result(timeout=WAIT)
    finally:
        pool.shutdown(wait=False)
    yield outcome(tried, "the ValueError in the first future, 9 from the second",
                  f"{'the ValueError' if delivered else 'no ValueError'} in the first future, "
                  f"{later!r} from the second")

    tried = "shutdown(wait=True) with two 0.3 s tasks still running: are they done on return?"
    yield tried
    pool = Pool(max_workers=2)
    futures = [pool.submit(time.sleep, 0.3) for _ in range(2)]
    pool.shutdown(wait=True)
    yield outcome(tried, "2 of 2 done", f"{sum(f.done() for f in futures)} of 2 done")

    tried = "pool.submit(...) after shutdown()"
    yield tried
    yield outcome(tried, "RuntimeError", raised_by(lambda: pool.submit(pow, 2, 2)))

    tried = "shutdown(cancel_futures=True) with 1 task running and 5 waiting on 1 worker"
    yield tried
    pool = Pool(max_workers=1)
    started, release = threading.Event(), threading.Event()
    running = pool.submit(lambda: (started.set(), release.wait(3)))
    waiting = [pool.submit(pow, 2, i) for i in range(5)]
    started.wait(WAIT)  # the worker has taken the first task; the other 5 wait in line
    pool.shutdown(wait=False, cancel_futures=True)
    release.set()
    pool.shutdown(wait=True)
    yield outcome(tried, "5 cancelled, the running one finished",
                  f"{sum(f.cancelled() for f in waiting)} cancelled, the running one "
                  f"{'finished' if running.done() and not running.cancelled() else 'not finished'}")


def raised_by(action):
    """The name of the exception `action()` raises, or 'no exception'."""
    try:
        action()
    except Exception as error:
        return type(error).__name__
    return "no exception"


def threads_left(before, grace=2.0):
    """Describe threads started since `before` still alive after `grace` seconds at most."""
    deadline = time.monotonic() + grace
    while True:
        left = [t.name for t in threading.enumerate() if t not in before and t.is_alive()
                and t is not threading.current_thread()]
        if not left or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    return "no worker thread left" if not left else f"{len(left)} still running: {sorted(left)}"
