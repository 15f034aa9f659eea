"""Checker for lesson 02's exercise `joinable-thread`: join built as Python 2 built it."""

import sys
import threading

from lessons.checks.kit.probes import Gate, kind_of_current_thread, raiser
from lessons.checks.kit.watch import (CONDITION_WAIT, GRACE, SLEEPS, Call, asleep_unnotified,
                                  how_it_waits, wait_until, wait_until_gone)
from lessons.course.checking import behaviours

__all__ = ["check_joinable_thread"]

TIMEOUT = 0.2


def check_joinable_thread(JoinableThread):
    """JoinableThread(target, args=()) proves, by behaviour:

    * ``start()`` runs ``target(*args)`` in a thread started with _thread; a second
      ``start()`` raises RuntimeError;
    * ``join()`` returns once the target has finished — also when it raised — and not
      before; every joiner returns; on a thread that has already finished it returns at once;
    * ``join(timeout)`` returns after about `timeout` while the target still runs;
    * a notify_all() meant for another waiter does not make ``join()`` return early;
    * ``is_alive()``: False before ``start()``, True while the target runs, False after;
    * the joiner sleeps while it waits: it does not spin.
    """
    yield from behaviours(
        ("the target's thread: is it started with _thread (not threading.Thread)?",
         ["a _thread thread"], lambda: _kind(JoinableThread)),
        ("join() on a thread whose target runs until released",
         ["target finished", "join returned"], lambda: _order(JoinableThread)),
        (f"is_alive() before start(), then join(timeout={TIMEOUT}) on a target that "
         "runs until released", "before start: False; join returned after its "
         "timeout; is_alive() then: True", lambda: _timeout(JoinableThread)),
        ("is_alive() once the target has finished", False,
         lambda: _finished(JoinableThread, lambda: None).is_alive()),
        ("a notify_all() meant for another waiter, on the Condition join() waits "
         "on, while the target runs", "join() kept waiting, then returned when the "
         "target finished", lambda: _stray_notify(JoinableThread)),
        ("3 threads call join() on one thread; then its target finishes",
         ["returned"] * 3, lambda: _three_joiners(JoinableThread)),
        ("join() on a thread that has already finished", "returned",
         lambda: _returned(Call(_finished(JoinableThread, lambda: None).join))),
        ("join() on a thread whose target raises ValueError",
         "join() returned; is_alive() is False", lambda: _raising(JoinableThread)),
        ("processor time a joiner uses while join() waits for the target",
         SLEEPS.format("joiner"),
         lambda: _sleeps(JoinableThread)),
        ("start() called twice", "raised RuntimeError",
         lambda: _started_twice(JoinableThread)),
    )


def _started(JoinableThread, target):
    thread = JoinableThread(target=target)
    thread.start()
    return thread


def _running(JoinableThread, gate):
    """A thread whose target is inside `gate`: whatever the check does next, the target has
    begun (a busy machine may not have run the new thread yet when start() returns)."""
    thread = _started(JoinableThread, gate.task())
    gate.wait_entered(1, GRACE)
    return thread


def _kind(JoinableThread):
    kinds, ran = [], threading.Event()
    _started(JoinableThread, lambda: (kinds.append(kind_of_current_thread()), ran.set()))
    ran.wait(GRACE)
    return kinds


def _finished(JoinableThread, target):
    """A thread whose target has run and whose _thread thread has ended, all of it."""
    idents, ran = [], threading.Event()
    thread = _started(JoinableThread, lambda: (idents.append(threading.get_ident()), ran.set(),
                                               target()))
    if ran.wait(GRACE):
        wait_until_gone(idents[0])
    return thread


def _order(JoinableThread):
    gate, ends = Gate(limit=GRACE * 2), []
    thread = _started(JoinableThread, lambda: (gate.task()(), ends.append("target finished")))
    gate.wait_entered(1, GRACE)
    joiner = Call(lambda: (thread.join(), ends.append("join returned")))
    joiner.once_blocked()
    gate.open()
    joiner.finish()
    return ends


def _timeout(JoinableThread):
    gate = Gate(limit=TIMEOUT + GRACE * 2)
    thread = JoinableThread(target=gate.task())
    before = thread.is_alive()
    thread.start()
    gate.wait_entered(1, GRACE)
    joiner = Call(thread.join, timeout=TIMEOUT)
    ended = joiner.timed_out(TIMEOUT)
    alive = thread.is_alive()
    gate.open()
    how = ("only when the target finished" if ended.startswith("still") else
           "after its timeout" if ended.endswith("after its timeout") else
           "at once" if ended.endswith("without waiting") else ended)
    return f"before start: {before}; join returned {how}; is_alive() then: {alive}"


def _stray_notify(JoinableThread):
    gate = Gate(limit=GRACE * 3)
    thread = _running(JoinableThread, gate)
    joiner = Call(thread.join).once_blocked()
    condition = _condition_waited_on(joiner.thread)
    if condition is None:
        gate.open()
        joiner.finish()
        return "join() kept waiting, then returned when the target finished"  # no Condition
    asleep = asleep_unnotified(joiner.thread)
    with condition:
        condition.notify_all()
    # Woken, join() either returns (wrong: the target still runs) or waits again, on a new
    # waiter lock: watch for either, however late the machine runs the woken joiner.
    wait_until(lambda: joiner.ended.is_set()
               or asleep_unnotified(joiner.thread) not in (None, asleep), GRACE)
    early = joiner.ended.is_set()
    gate.open()
    if early:
        return "join() returned while the target still ran (look at the flag again in a loop)"
    if joiner.finish():
        return "join() kept waiting, then returned when the target finished"
    return "join() never returned after the target finished"


def _condition_waited_on(thread):
    """The Condition `thread` sleeps on, if the candidate's own code waits on it (not an
    Event's or a Semaphore's, which nobody else may notify)."""
    frame = sys._current_frames().get(thread.ident)
    if frame is None or frame.f_code is not CONDITION_WAIT:
        return None
    caller = frame.f_back
    while caller is not None and caller.f_code.co_filename == threading.__file__:
        if caller.f_code.co_name != "wait_for":
            return None  # inside Event.wait, Semaphore.acquire, …
        caller = caller.f_back
    return frame.f_locals.get("self")


def _three_joiners(JoinableThread):
    gate = Gate(limit=GRACE * 3)
    thread = _running(JoinableThread, gate)
    joiners = [Call(thread.join).once_blocked() for _ in range(3)]
    gate.open()
    return [_returned(joiner) for joiner in joiners]


def _raising(JoinableThread):
    thread = _started(JoinableThread, raiser(ValueError("raised on purpose by the check")))
    joined = _returned(Call(thread.join))
    return f"join() {joined}; is_alive() is {thread.is_alive()}"


def _sleeps(JoinableThread):
    gate = Gate(limit=30.0)
    thread = _running(JoinableThread, gate)
    joiner = Call(thread.join).once_blocked()
    return how_it_waits(joiner, gate.open, "joiner")


def _returned(call):
    """'returned', whatever join() returned (Thread.join gives None; yours may give True)."""
    ended = call.outcome()
    return "returned" if ended.startswith("returned") else ended


def _started_twice(JoinableThread):
    thread = _started(JoinableThread, lambda: None)
    return Call(thread.start).outcome()
