"""What the checkers of the process lessons share: each start method in turn, a candidate's
calls with a time limit, each call's children known and none left behind.

The checkers switch the default start method (``set_start_method(m, force=True)``, undone in
a ``finally``) rather than pass a context to the candidate: the learner writes
``multiprocessing.Process(...)`` as the lesson teaches, and the default is what that uses.
``check()`` runs a checker in a thread while the notebook waits for it, so nothing else starts
processes in between.
"""

import multiprocessing
import multiprocessing.process
import sys
import tempfile
import time
from contextlib import contextmanager, nullcontext
from typing import Callable, NamedTuple

from lessons.checks.kit.watch import Call, public_name, wait_until
from lessons.course.checking import not_written
from lessons.course.report import not_tried, outcome

__all__ = ["METHODS", "under", "Behaviour", "Attempt", "each_method", "fixed", "describe",
           "raised", "returned"]

METHODS = ("fork", "spawn", "forkserver")
AT_ONCE = 2  # calls made at the same time under spawn and forkserver: their waits overlap
EVERYWHERE = "under fork, spawn and forkserver"


@contextmanager
def under(method):
    """Start children with `method` in the body; the previous default afterwards."""
    previous = multiprocessing.get_start_method(allow_none=True)
    multiprocessing.set_start_method(method, force=True)
    try:
        yield method
    finally:
        multiprocessing.set_start_method(previous, force=True)


class Behaviour(NamedTuple):
    """One line of a contract, tried under each start method.

    ``setup(folder)`` (called once the method is the default, so probes are made for it)
    returns ``(args, kwargs, probe)``; `folder` is a directory for the probes' files, removed
    at the end of the check. ``judge(attempt, probe)`` returns ``(passed, seen)``; `seen` says
    what happened, with no timing when it passed (a check's output in a notebook is compared).
    """
    label: str
    expected: str  # the value or behaviour the contract asks for, in words
    setup: Callable
    judge: Callable


def each_method(candidate, behaviours, limit, watch=nullcontext):
    """Try every behaviour under each start method: the checker's progress, then outcomes.

    Each call runs in a thread of its own, within `limit` seconds (`limit` for each call
    running, while none ends). Under spawn and forkserver, up to AT_ONCE calls run at the same
    time: their waits overlap, and children start while others' do (a busy machine then gives
    the check more of its time); under fork, one after another. The calls of one method are made inside ``with watch() as watched:``, a list of
    ``(thread, value)`` for judges that need to see what a call did in this process
    (``attempt.watched``: the values its thread added).

    A call that leaves a child of its own unjoined fails its behaviour, whatever it returned.
    One outcome per behaviour, the same number for a stub as for a right answer: a stub's
    NotImplementedError fails each behaviour as "not written yet" and the check goes on.
    A behaviour that failed under one method is not tried under the next, and once a call
    got stuck the rest is reported as not tried (·).
    """
    verdicts = {b.label: {} for b in behaviours}
    stuck = None
    with tempfile.TemporaryDirectory(prefix="lessons-check-") as folder:
        for method in METHODS:
            todo = [b for b in behaviours
                    if not stuck and all(passed for passed, _ in verdicts[b.label].values())]
            if not todo:
                continue
            with under(method):
                attempts = yield from _attempts(candidate, todo, folder, limit, watch)
            for behaviour, attempt in zip(todo, attempts):
                verdicts[behaviour.label][method] = _judged(behaviour, attempt)
                if not attempt.in_time and not stuck:
                    stuck = f"{behaviour.label.partition(':')[0]} got stuck under {method}"
    for behaviour in behaviours:
        yield _outcome(behaviour, verdicts[behaviour.label], stuck)


def _attempts(candidate, behaviours, folder, limit, watch):
    """One Attempt per behaviour, each judged once it has ended: under fork one after another,
    else up to AT_ONCE at a time. (A child forked while another thread holds a lock, say the
    resource tracker's, keeps it locked for ever, and would hold copies of the other calls'
    pipes; spawn and forkserver children start from a fresh process.)"""
    method = multiprocessing.get_start_method()
    at_once = 1 if method == "fork" else AT_ONCE
    waiting, running, attempts = list(behaviours), [], []
    last = time.monotonic()  # when a call last ended
    with watch() as watched:
        while waiting or running:
            while waiting and len(running) < at_once:
                behaviour = waiting.pop(0)
                yield f"{behaviour.label} (children started by {method})"
                running.append(_attempt(candidate, behaviour, folder, limit))
                attempts.append(running[-1])
            for attempt in [a for a in running if a.call.ended.wait(0.01)]:
                running.remove(attempt)
                last = attempt.settle(True).settled_at
            # Stuck: `limit` s for each call running, since the oldest began and since any
            # other ended (calls made together share a busy machine's time).
            if running and time.monotonic() - max(last, running[0].call.began) > \
                    limit * len(running):
                break
    for attempt in running:
        attempt.settle(attempt.call.ended.is_set())
    for attempt in attempts:
        attempt.watched = [value for thread, value in watched or []
                           if thread is attempt.call.thread]
    return attempts


def _attempt(candidate, behaviour, folder, limit):
    args, kwargs, probe = behaviour.setup(folder)
    attempt = Attempt(candidate, *args, limit=limit, **kwargs)
    attempt.probe = probe
    return attempt


def _judged(behaviour, attempt):
    """(passed, seen) for one call: the behaviour's judge, then what the call left behind."""
    if isinstance(attempt.call.raised, NotImplementedError):
        return False, not_written(attempt.call.raised)
    passed, seen = behaviour.judge(attempt, attempt.probe)
    if attempt.left != "none":  # what it did, then what it left
        return False, f"{attempt.how() if passed else seen}, but {attempt.left}"
    return passed, seen


def _outcome(behaviour, tried, stuck):
    label, expected = behaviour.label, behaviour.expected
    wrong = [(m, seen) for m, (passed, seen) in tried.items() if not passed]
    if wrong:
        seen = "; ".join(s if s.startswith("not written") else f"under {m}: {s}"
                         for m, s in wrong)
        return outcome(label, expected, seen, passed=False)
    if len(tried) < len(METHODS):
        done = ", ".join(m for m, (passed, _) in tried.items() if passed)
        why = f"{stuck}" + (f" (passed under {done} before)" if done else "")
        return not_tried(label, expected, why)
    said = {seen for _, seen in tried.values()}
    seen = f"{said.pop()}, {EVERYWHERE}" if len(said) == 1 else \
        "; ".join(f"under {m}: {s}" for m, (_, s) in tried.items())
    return outcome(label, expected, seen, passed=True)


def fixed(*args, **kwargs):
    """A setup that calls the candidate with these arguments, and no probe."""
    return lambda folder: (args, kwargs, None)


_START = multiprocessing.process.BaseProcess.start.__code__


def _recording_starts(function, started):
    """`function`, made to append to `started` each process its thread starts.

    A profile hook on that thread alone sees ``Process.start`` return: calls made at the same
    time in other threads then each know their own children. (``Process.start`` forgets the
    target and arguments, so a child can't be told by them afterwards.)"""
    def hook(frame, event, _):
        if event == "return" and frame.f_code is _START:
            started.append(frame.f_locals["self"])

    def call(*args, **kwargs):
        sys.setprofile(hook)
        try:
            return function(*args, **kwargs)
        finally:
            sys.setprofile(None)
    return call


class Attempt:
    """`function(*args, **kwargs)` called in a thread, given `limit` seconds to end.

    After ``settle()``, ``left`` describes the children it started and did not join ("none" if
    none): those are killed and reaped, so a wrong answer leaves nothing running.
    """

    def __init__(self, function, *args, limit=3.0, **kwargs):
        self.limit, self.started = limit, []
        self.call = Call(_recording_starts(function, self.started), *args, **kwargs)
        self.left = None

    def settle(self, in_time):
        """The call ended (`in_time`) or is given up on: reap what it left; returns self."""
        self.in_time, self.settled_at = in_time, time.monotonic()
        # A child the call joined (or saw ended) has its exit code; any other is left behind.
        self.left = _reap([child for child in self.started
                           if child._popen is not None and child._popen.returncode is None])
        if not self.in_time:  # its children are gone now: give it a moment to notice
            self.call.ended.wait(0.5)
        return self

    @property
    def raised(self):
        return self.call.raised

    @property
    def returned(self):
        return self.call.returned

    def how(self, show=repr):
        """'returned …', 'raised Name: message', or 'still blocked after … s'."""
        if not self.in_time:
            return f"still blocked after {self.limit:g} s"
        if self.raised is not None:
            return f"raised {describe(self.raised)}"
        return f"returned {show(self.returned)}"


def describe(error):
    name = public_name(type(error))
    return f"{name}: {error}" if str(error) else name


def raised(kind, said):
    """A judge: passed if the call raised `kind` (then `said` is what it saw)."""
    def judge(attempt, _):
        if attempt.in_time and isinstance(attempt.raised, kind):
            return True, said
        return False, attempt.how()
    return judge


def returned(value, said, show=repr):
    """A judge: passed if the call returned `value` (then `said` is what it saw)."""
    def judge(attempt, _):
        if attempt.in_time and attempt.raised is None and attempt.returned == value:
            return True, said
        return False, attempt.how(show)
    return judge


def _reap(children):
    """Kill and join `children`; say how many there were and in what state."""
    if not children:
        return "none"
    running = [child for child in children if child.exitcode is None]
    for child in children:
        if child.exitcode is None:
            child.kill()
        child.join(5)
    # The candidate's own thread may be joining them too and reap one first, a moment before
    # it records the exit code: wait for every exit code, so none still counts as running.
    wait_until(lambda: all(child.exitcode is not None for child in children), 5)
    ended = len(children) - len(running)
    parts = ([f"{len(running)} still running"] if running else []) + \
            ([f"{ended} ended but never joined"] if ended else [])
    return f"{len(children)} child(ren) left behind when it returned: " + ", ".join(parts)
