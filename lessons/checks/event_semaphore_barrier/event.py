"""Checker for `event`: an Event built from a Condition and a flag."""

from lessons.checks.kit.forcing import no_thread_switch
from lessons.checks.kit.watch import Call, blocked_calls, outcomes
from lessons.course.checking import behaviours

__all__ = ["check_event"]


def check_event(Event):
    """Event() proves threading.Event's documented behaviour:

    * a new Event is not set: is_set() is False, wait(0) returns False;
    * set() sets it: is_set() is True, and wait() and wait(0) return True at once;
    * clear() resets it and wakes nobody: a wait(timeout) then returns False after its timeout;
    * set() wakes every waiter, also a wait() with no timeout, and each returns True — even
      when clear() follows before they run.
    """
    yield from behaviours(
        ("a new Event: is_set() and wait(0)", "False, returned False",
         lambda: _state(Event(), 0)),
        ("set(), then is_set(), wait() (no timeout) and wait(0)",
         "True, returned True, returned True", lambda: _set_then_waits(Event())),
        ("set(), clear(), then is_set() and wait(0.2)",
         "False, returned False after its timeout", lambda: _cleared(Event())),
        ("a thread waits with wait() (no timeout); then set()", "returned True",
         lambda: _woken(Event())),
        ("3 threads wait(5) on a new Event; then set()", ["returned True"] * 3,
         lambda: _all_woken(Event())),
        ("a thread waits with wait(0.5); another calls clear(): does clear() wake "
         "it? (the seed says clear() 'sends' the event)",
         "returned False after its timeout", lambda: _clear_wakes_nobody(Event())),
        ("3 threads wait(1); another calls set() and clear() before they run again",
         ["returned True"] * 3, lambda: _set_then_clear(Event())),
    )


def _state(event, timeout):
    return f"{Call(event.is_set).outcome().removeprefix('returned ')}, " \
           f"{Call(event.wait, timeout).outcome()}"


def _set_then_waits(event):
    Call(event.set).finish()
    return f"{_state(event, None)}, {Call(event.wait, 0).outcome()}"


def _cleared(event):
    Call(event.set).finish()
    Call(event.clear).finish()
    return (f"{Call(event.is_set).outcome().removeprefix('returned ')}, "
            f"{Call(event.wait, 0.2).timed_out(0.2)}")


def _woken(event):
    waiter = Call(event.wait).once_blocked()
    Call(event.set).finish()
    return waiter.outcome()


def _all_woken(event):
    waiters = blocked_calls(3, event.wait, 5)
    Call(event.set).finish()
    return outcomes(waiters)


def _clear_wakes_nobody(event):
    waiter = Call(event.wait, 0.5).once_blocked()
    Call(event.clear).finish()
    ended = waiter.timed_out(0.5)
    Call(event.set).finish()
    return ended


def _set_then_clear(event):
    waiters = blocked_calls(3, event.wait, 1)
    with no_thread_switch():  # the waiters are woken but cannot run before clear()
        event.set()
        event.clear()
    ended = outcomes(waiters)
    Call(event.set).finish()
    return ended
