"""Force the thread switches a race needs, instead of hoping for them.

* ``no_thread_switch()`` keeps other threads out while its body runs (a woken waiter cannot
  run before the ``clear()`` that follows the ``set()``).
* ``Lockstep`` makes a few threads take turns at every bytecode of the candidate's code, so a
  check-then-act or read-modify-write that is not under a lock interleaves at its worst.
"""

import sys
import threading
import time
from contextlib import contextmanager

from lessons.course.session import session

__all__ = ["no_thread_switch", "Lockstep"]


@contextmanager
def no_thread_switch():
    """Run the body without letting another thread in, on a GIL build of CPython.

    A thread keeps the GIL until it blocks or another thread has waited a whole switch interval
    for it, so a body that does not block runs as one step: a waiter woken by `set()` or
    `put()` cannot run before the `clear()` or `get_nowait()` that follows it. (On a
    free-threaded build there is no GIL to hold: the body may interleave, and checks relying on
    this only catch the bug sometimes; a correct answer passes either way.) The switch interval
    is the check session's to restore, even if the check is abandoned inside the body.
    """
    with session().switch_interval(5.0):
        yield


_OURS = frozenset({__file__, threading.__file__})
_WOKEN_LIMIT = 2.0  # seconds a busy machine may take to run a party handed its turn


class Lockstep:
    """`parties` threads that, once each has called `enter()`, take turns at every bytecode.

    ``enter()`` waits for every party, then traces the caller's frame (and what it calls, but
    not the threading module nor this file) one bytecode at a time: after each bytecode the
    thread hands the turn to the next party and waits for its own turn again — at most
    `patience` s: a party that does not take its turn is blocked on a lock another one holds
    (or not running), and is skipped until it runs again. A party leaves when the traced frame
    returns. ``enter(frames_up=1)`` traces the caller's caller: a task
    handed to the candidate traces the candidate's code that runs after the task returns.
    """

    def __init__(self, parties, patience=0.05):
        self._cond = threading.Condition()
        self._parties, self._patience = parties, patience
        self._order, self._late, self._owner = [], set(), None
        self._all_in = threading.Barrier(parties, timeout=1.0)

    def enter(self, frames_up=0):
        me = threading.get_ident()
        with self._cond:
            self._order.append(me)
        try:
            self._all_in.wait()
        except threading.BrokenBarrierError:
            pass  # not every party came: interleave those that did
        try:
            home = sys._getframe(1 + frames_up)
        except ValueError:  # nobody called the caller (a thread's own function): no code after
            self._leave(me)
            return

        def each_bytecode(frame, event, arg):
            if event in ("opcode", "line"):  # lines too: 3.12 sends no opcode events here
                self._pass_turn(me)
            elif event == "return" and frame is home:
                sys.settrace(None)
                self._leave(me)
            return each_bytecode

        def on_call(frame, event, arg):
            if frame.f_code.co_filename in _OURS:
                return None
            frame.f_trace = each_bytecode  # first: 3.13 enables opcode events only then
            frame.f_trace_opcodes = True
            return each_bytecode
        home.f_trace_opcodes = True
        home.f_trace = each_bytecode
        sys.settrace(on_call)

    def _leave(self, me):
        with self._cond:
            if me in self._order:
                self._order.remove(me)
            self._late.discard(me)
            self._cond.notify_all()

    def _active(self):
        return [party for party in self._order if party not in self._late]

    def _pass_turn(self, me):
        """After one bytecode: hand the turn to the next party and wait for it to come back.

        A party that does not take its turn within `patience` and is not waiting for it here is
        blocked (on a lock another holds): it is skipped until it runs a bytecode again. One
        that still waits here was only not scheduled yet, and gets its turn."""
        with self._cond:
            self._late.discard(me)
            active = self._active()
            if me not in active or len(active) < 2:
                return
            handed = active[(active.index(me) + 1) % len(active)]
            self._owner = handed
            self._cond.notify_all()
            deadline = time.monotonic() + _WOKEN_LIMIT
            while not self._cond.wait_for(
                    lambda: self._owner == me or me not in self._order or len(self._active()) < 2,
                    self._patience):
                if self._owner != handed:
                    return
                if not _waits_here(handed) or time.monotonic() > deadline:
                    self._late.add(handed)
                    self._owner = me
                    return


def _waits_here(ident):
    """True while thread `ident` is inside this module: waiting for a turn it was just handed
    (a loaded machine has not run it yet), not blocked in the candidate's code."""
    frame = sys._current_frames().get(ident)
    while frame is not None:
        if frame.f_code.co_filename == __file__:
            return True
        frame = frame.f_back
    return False
