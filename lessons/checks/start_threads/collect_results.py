"""Checker for `collect-results`: run_all(tasks) runs one thread per task, all at once."""

import threading
import time

from lessons.checks.probes import meeting, sleeper
from lessons.course.checking import trial

__all__ = ["check_collect_results", "finishing_in_order"]

FRUIT = ["pear", "fig", "apple", "kiwi"]
FINISH_ORDER = [3, 2, 0, 1]  # kiwi first, fig last: neither task order nor sorted order
MANY = 40  # more tasks than any default pool size (ThreadPoolExecutor's is at most 32)


def check_collect_results(run_all):
    """run_all(tasks) proves, by behaviour:

    * it returns a list of the tasks' results in task order — not the order they finished in,
      not sorted;
    * each task runs in a thread of its own, none of them the caller's, and all of them at
      once: 40 tasks that can only finish if all 40 run at the same time;
    * it returns only once every task has finished, however long a task takes (over 1 s too);
    * run_all([]) is [].
    """
    yield from trial("run_all with 4 tasks returning 'pear', 'fig', 'apple', 'kiwi' that "
                     "finish kiwi, apple, pear, fig", FRUIT,
                     lambda: run_all(finishing_in_order(FRUIT, FINISH_ORDER)))
    yield from trial("run_all with 3 tasks that each report the thread running them",
                     "3 different threads, none of them the caller's",
                     lambda: _threads_used(run_all))
    yield from trial(f"run_all with {MANY} tasks that only succeed if all {MANY} run at the "
                     "same time", f"{MANY} × 'met'", lambda: _counted(run_all(meeting(MANY))))
    yield from trial("whether run_all returns only after every task has finished (one takes "
                     "1.2 s)", ["short", "long"], lambda: _after_the_long_task(run_all))
    yield from trial("run_all([])", [], lambda: run_all([]))


def finishing_in_order(values, order, patience=0.5):
    """Tasks returning `values`, that end in `order` (task indexes) when all run at once.

    Each task waits until the tasks before it in `order` have ended — no sleep decides the
    order. Run one after another, each gives up waiting after `patience` s.
    """
    cond, ended = threading.Condition(), [0]

    def make(index):
        def task():
            turn = order.index(index)
            with cond:
                cond.wait_for(lambda: ended[0] >= turn, patience)
                ended[0] = max(ended[0], turn + 1)
                cond.notify_all()
            return values[index]
        return task
    return [make(index) for index in range(len(values))]


def _threads_used(run_all):
    caller = threading.get_ident()
    # Each task waits for the others before reporting, so all 3 threads are alive at once and
    # their idents differ (a finished thread's ident may be reused by the next one).
    idents = run_all([lambda meet=meet: (meet(), threading.get_ident())[1]
                      for meet in meeting(3)])
    if not isinstance(idents, list):
        return f"run_all returned {idents!r}, not a list"
    if len(set(idents)) == 3 and caller not in idents:
        return "3 different threads, none of them the caller's"
    callers = sum(ident == caller for ident in idents)
    return f"{len(set(idents))} different thread(s), {callers} result(s) from the caller's thread"


def _counted(results):
    if isinstance(results, list) and results == ["met"] * len(results):
        return f"{len(results)} × 'met'"
    if isinstance(results, list):
        return f"{results.count('met')} × 'met' of {len(results)} results"
    return repr(results)


def _after_the_long_task(run_all):
    finished = []

    def long_task():
        time.sleep(1.2)
        finished.append("long")
        return "long"
    returned = run_all([sleeper("short", 0.0), long_task])
    return returned if finished else f"{returned!r}, returned before the 1.2 s task finished"
