"""Checkers for lesson 01, Start threads."""

import threading
import time

from lessons.checks.probes import Finishing, meeting, raiser, sleeper
from lessons.course.report import outcome


def check_collect_results(run_all):
    tried = "run_all with 3 tasks that finish in reverse order (sleeping 0.15, 0.1, 0.05 s)"
    yield tried
    yield outcome(tried, [0, 1, 2], run_all([sleeper(i, 0.05 * (3 - i)) for i in range(3)]))

    tried = "run_all with 3 tasks that each report the thread running them"
    yield tried
    caller = threading.get_ident()
    # Each task waits for the others before reporting, so all 3 threads are alive at once and
    # their idents differ (a finished thread's ident may be reused by the next one).
    idents = run_all([lambda meet=meet: (meet(), threading.get_ident())[1]
                      for meet in meeting(3)])
    yield outcome(tried, "3 different threads, none of them the caller's",
                  describe_threads(idents, caller),
                  passed=len(set(idents)) == 3 and caller not in idents)

    tried = "run_all with 4 tasks that only succeed if all 4 run at the same time"
    yield tried
    yield outcome(tried, ["met"] * 4, run_all(meeting(4)))

    tried = "whether run_all returns only after every task has finished"
    yield tried
    finishing = Finishing([0.02, 0.12, 0.06])
    run_all(finishing.tasks())
    yield outcome(tried, "3 of 3 finished on return", f"{finishing.count()} of 3 finished on return")

    tried = "run_all([])"
    yield tried
    yield outcome(tried, [], run_all([]))


def describe_threads(idents, caller):
    if not isinstance(idents, list):
        return f"run_all returned {idents!r}, not a list"
    callers = sum(ident == caller for ident in idents)
    return f"{len(set(idents))} different thread(s), {callers} result(s) from the caller's thread"


def check_result_thread(ResultThread):
    tried = "issubclass(ResultThread, threading.Thread)"
    yield tried
    yield outcome(tried, True, issubclass(ResultThread, threading.Thread))

    tried = "ResultThread(target=f).result before start()"
    yield tried
    yield outcome(tried, None, ResultThread(target=lambda: 1).result)

    tried = "ResultThread(target=pow, args=(2, 10)), start(), join(); then .result"
    yield tried
    thread = started(ResultThread(target=pow, args=(2, 10)))
    yield outcome(tried, 1024, thread.result)

    tried = "target=lambda a, b=0: a - b, args=(10,), kwargs={'b': 3}; then .result"
    yield tried
    thread = started(ResultThread(target=lambda a, b=0: a - b, args=(10,), kwargs={"b": 3}))
    yield outcome(tried, 7, thread.result)

    tried = "a target that returns threading.current_thread(); is .result the thread itself?"
    yield tried
    thread = started(ResultThread(target=threading.current_thread))
    yield outcome(tried, "the ResultThread object (the target ran in the new thread)",
                  "the ResultThread object" if thread.result is thread
                  else f"{thread.result!r} (the target ran in another thread)",
                  passed=thread.result is thread)

    tried = "ResultThread(target=f, name='fetcher').name"
    yield tried
    yield outcome(tried, "fetcher", ResultThread(target=lambda: 1, name="fetcher").name)

    tried = "a target that raises ValueError('bad input'); then .error and .result"
    yield tried
    error = ValueError("bad input")
    escaped = []
    previous, threading.excepthook = threading.excepthook, escaped.append
    try:
        thread = started(ResultThread(target=raiser(error)))
    finally:
        threading.excepthook = previous
    yield outcome(tried, "error is the ValueError, result is None, nothing escaped the thread",
                  f"error is {'the ValueError' if thread.error is error else repr(thread.error)}, "
                  f"result is {thread.result!r}, "
                  f"{'the exception escaped the thread' if escaped else 'nothing escaped the thread'}")


def started(thread, timeout=2.0):
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise TimeoutError(f"the thread was still running {timeout} s after start()")
    return thread


def check_wait_without_join(wait_all):
    tried = "wait_all with 2 tasks that each report what kind of thread runs them"
    yield tried
    kinds = []

    def report_kind():
        current = threading.current_thread()
        kinds.append("a _thread thread" if type(current).__name__ == "_DummyThread"
                     else "a threading.Thread" if isinstance(current, threading.Thread)
                     and current.ident != caller else "the caller's thread")
    caller = threading.get_ident()
    wait_all([report_kind, report_kind])
    yield outcome(tried, ["a _thread thread", "a _thread thread"], sorted(kinds))

    tried = "wait_all with 3 tasks sleeping 0.02, 0.12 and 0.06 s: its result, and tasks finished"
    yield tried
    finishing = Finishing([0.02, 0.12, 0.06])
    returned = wait_all(finishing.tasks())
    yield outcome(tried, "True, 3 of 3 finished", f"{returned!r}, {finishing.count()} of 3 finished")

    tried = "wait_all with 3 tasks that only succeed if all 3 run at the same time"
    yield tried
    results = []
    wait_all([lambda task=task: results.append(task()) for task in meeting(3)])
    yield outcome(tried, ["met"] * 3, sorted(results))

    tried = "wait_all([task that blocks for 3 s], timeout=0.2)"
    yield tried
    release = threading.Event()
    began = time.monotonic()
    returned = wait_all([lambda: release.wait(3)], timeout=0.2)
    elapsed = time.monotonic() - began
    release.set()
    prompt = returned is False and elapsed < 1.5
    yield outcome(tried, "False, within 1.5 s",
                  "False, within 1.5 s" if prompt else f"{returned!r} after {elapsed:.1f} s",
                  passed=prompt)

    tried = "wait_all([])"
    yield tried
    yield outcome(tried, True, wait_all([]))
