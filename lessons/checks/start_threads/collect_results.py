"""Checker for `collect-results`: run_all(tasks) runs one thread per task, all at once."""

import threading

from lessons.checks.kit.probes import Gate, meeting, sleeper
from lessons.checks.kit.watch import GRACE, Call, wait_until
from lessons.course.checking import behaviours

__all__ = ["check_collect_results", "finishing_in_order"]

FRUIT = ["pear", "fig", "apple", "kiwi"]
FINISH_ORDER = [3, 2, 0, 1]  # kiwi first, fig last: neither task order nor sorted order
MANY = 40  # more tasks than any default pool size (ThreadPoolExecutor's is at most 32)
# How long the long task runs, once it has begun: well past a join(timeout=1), even when a busy
# machine starts the candidate's last join late.
LONG = 2.0
# Results that are easy to lose, merge or mistake for "no result yet".
ODD_RESULTS = [None, 0, False, "", ValueError("returned, not raised"), (1, 2), "same", "same"]
REPEATED = ("places 0 and 2 hold ['call 1', 'call 2'], place 1 holds 'other'; the repeated "
            "task ran 2 time(s)")


def check_collect_results(run_all):
    """run_all(tasks) proves, by behaviour:

    * it returns a list of the tasks' results in task order — not the order they finished in,
      not sorted;
    * each task runs in a thread of its own, none of them the caller's, and all of them at
      once: 40 tasks that can only finish if all 40 run at the same time;
    * it returns only once every task has finished, however long a task takes (over 1 s too);
    * a result is whatever the task returned, kept as it is: None, 0, False, '', an exception
      object (returned, not raised), a tuple, the same value twice;
    * the same task listed twice runs twice, and each place holds its own call's result (a
      result keyed by the task would give both places one call's);
    * run_all([]) is [].
    """
    yield from behaviours(
        ("run_all with 4 tasks returning 'pear', 'fig', 'apple', 'kiwi' that "
         "finish kiwi, apple, pear, fig", FRUIT,
         lambda: run_all(finishing_in_order(FRUIT, FINISH_ORDER))),
        ("run_all with 3 tasks that each report the thread running them",
         "3 different threads, none of them the caller's",
         lambda: _threads_used(run_all)),
        (f"run_all with {MANY} tasks that only succeed if all {MANY} run at the "
         "same time", f"{MANY} × 'met'", lambda: _counted(run_all(meeting(MANY)))),
        ("whether run_all returns only after every task has finished (one runs "
         f"{LONG:g} s)", ["short", "long"], lambda: _after_the_long_task(run_all)),
        ("run_all with 8 tasks returning None, 0, False, '', ValueError('returned, not raised') "
         "(an object, not raised), (1, 2), and 'same' twice", f"returned {ODD_RESULTS!r}",
         lambda: Call(run_all, [lambda value=value: value for value in ODD_RESULTS]).outcome()),
        ("run_all([count, other, count]): the same task listed twice", REPEATED,
         lambda: _repeated(run_all)),
        ("run_all([])", [], lambda: run_all([])),
    )


def _repeated(run_all):
    """The same `count` listed twice: each call returns its own number, so both places must
    hold a call's own result — one place per call, not one per task."""
    calls, lock = [], threading.Lock()

    def count():
        with lock:
            calls.append(f"call {len(calls) + 1}")
            return calls[-1]
    call = Call(run_all, [count, lambda: "other", count])
    returned = call.outcome()
    if not returned.startswith("returned") or not isinstance(call.returned, list) \
            or len(call.returned) != 3:
        return f"{returned}, and the repeated task ran {len(calls)} time(s)"
    first, other, last = call.returned
    return (f"places 0 and 2 hold {sorted((first, last), key=repr)!r}, place 1 holds "
            f"{other!r}; the repeated task ran {len(calls)} time(s)")


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
    """The long task runs until the checker opens its gate: LONG s after it began, or at once
    when run_all returns, so a run_all that returned early is seen whatever the load."""
    gate, finished = Gate(limit=LONG + 2 * GRACE), []

    def long_task():
        gate.task()()
        finished.append("long")
        return "long"
    call = Call(run_all, [sleeper("short", 0.0), long_task])
    if wait_until(lambda: gate.entered or call.ended.is_set(), GRACE):
        call.ended.wait(LONG)
    early = call.ended.is_set() and not finished
    gate.open()
    returned = call.outcome()
    if early:
        return f"{returned}, before the {LONG:g} s task finished"
    return call.returned if returned.startswith("returned") else returned
