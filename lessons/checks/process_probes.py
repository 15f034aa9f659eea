"""What the checkers of the process lessons share: each start method in turn, a candidate's
call with a time limit, and no child left behind.

The checkers switch the default start method (``set_start_method(m, force=True)``, undone in
a ``finally``) rather than pass a context to the candidate: the learner writes
``multiprocessing.Process(...)`` as the lesson teaches, and the default is what that uses.
``check()`` runs a checker in a thread while the notebook waits for it, so nothing else starts
processes in between.
"""

import multiprocessing
import multiprocessing.process
import tempfile
from contextlib import contextmanager, nullcontext
from typing import Callable, NamedTuple

from lessons.checks.watch import Call, public_name, wait_until
from lessons.course.checking import not_written
from lessons.course.report import not_tried, outcome

__all__ = ["METHODS", "under", "Behaviour", "Attempt", "each_method", "fixed", "describe",
           "raised", "returned"]

METHODS = ("fork", "spawn", "forkserver")
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

    ``setup(place)`` (called once the method is the default, so probes are made for it)
    returns ``(args, kwargs, probe)``: `place` has ``folder`` (a directory for the probes'
    files, emptied at the end of the check) and ``pace`` (seconds the first call under this
    method took: how slowly children start here now). ``judge(attempt, probe)`` returns
    ``(passed, seen)``; `seen` says what happened, with no timing when it passed (a check's
    output in a notebook is compared).
    """
    label: str
    expected: str  # the value or behaviour the contract asks for, in words
    setup: Callable
    judge: Callable


class _Place(NamedTuple):
    folder: str
    pace: float


def each_method(candidate, behaviours, limit, watch=nullcontext):
    """Try every behaviour under each start method: the checker's progress, then outcomes.

    Each call is made inside ``with watch() as watched:`` (``attempt.watched``, for judges
    that need to see what the call did in this process). The candidate is called with the setup's args and kwargs, within `limit` seconds; a call
    that leaves a child of its own unjoined fails its behaviour, whatever it returned. One
    outcome per behaviour, the same number for a stub as for a right answer: a stub's
    NotImplementedError fails each behaviour as "not written yet" and the check goes on.
    For a verdict within seconds, a behaviour that failed under one method is not tried under
    the next, and once a call got stuck the rest is reported as not tried (·).
    """
    verdicts = {b.label: {} for b in behaviours}
    stuck = None
    with tempfile.TemporaryDirectory(prefix="lessons-check-") as folder:
        for method in METHODS:
            pace = None
            with under(method):
                for behaviour in behaviours:
                    tried = verdicts[behaviour.label]
                    if stuck or any(not passed for passed, _ in tried.values()):
                        continue  # failed under one method already: once is enough
                    yield f"{behaviour.label} (children started by {method})"
                    place = _Place(folder, pace or 0.2)
                    attempt = _attempt(candidate, behaviour, place, limit, watch)
                    pace = attempt.elapsed if pace is None else pace
                    tried[method] = _judged(behaviour, attempt)
                    if not attempt.in_time:
                        stuck = f"{behaviour.label.partition(':')[0]} got stuck under {method}"
    for behaviour in behaviours:
        yield _outcome(behaviour, verdicts[behaviour.label], stuck)


def _attempt(candidate, behaviour, place, limit, watch):
    args, kwargs, probe = behaviour.setup(place)
    with watch() as watched:
        attempt = Attempt(candidate, *args, limit=limit, **kwargs)
    attempt.probe, attempt.watched = probe, watched
    return attempt


def _judged(behaviour, attempt):
    """(passed, seen) for one call: the behaviour's judge, then what the call left behind."""
    if isinstance(attempt.call.raised, NotImplementedError):
        return False, not_written(attempt.call.raised)
    passed, seen = behaviour.judge(attempt, attempt.probe)
    if attempt.left != "none":
        return False, f"{seen}, but {attempt.left}"
    return passed, seen


def _outcome(behaviour, tried, stuck):
    label, expected = behaviour.label, behaviour.expected
    wrong = [(m, seen) for m, (passed, seen) in tried.items() if not passed]
    if wrong:
        seen = "; ".join(f"under {m}: {s}" for m, s in wrong)
        return outcome(label, expected, seen, passed=False)
    if len(tried) < len(METHODS):
        done = ", ".join(tried)
        why = f"{stuck}" + (f" (passed under {done} before)" if done else "")
        return not_tried(label, expected, why)
    said = {seen for _, seen in tried.values()}
    seen = f"{said.pop()}, {EVERYWHERE}" if len(said) == 1 else \
        "; ".join(f"under {m}: {s}" for m, (_, s) in tried.items())
    return outcome(label, expected, seen, passed=True)


def fixed(*args, **kwargs):
    """A setup that calls the candidate with these arguments, and no probe."""
    return lambda place: (args, kwargs, None)


def _unjoined():
    # Process.start() adds a child to this set, join() (or an is_alive() that finds it ended)
    # removes it: what is still there was started and never waited for.
    return set(multiprocessing.process._children)


class Attempt:
    """`function(*args, **kwargs)` called in a thread, given `limit` seconds to end.

    Afterwards, ``left`` describes the children it started and did not join ("none" if
    none): those are killed and reaped, so a wrong answer leaves nothing running.
    """

    def __init__(self, function, *args, limit=3.0, **kwargs):
        before = _unjoined()
        self.limit = limit
        self.call = Call(function, *args, **kwargs)
        self.in_time = self.call.ended.wait(limit)
        self.left = _reap(_unjoined() - before)
        if not self.in_time:  # its children are gone now: give it a moment to notice
            self.call.ended.wait(0.5)

    @property
    def raised(self):
        return self.call.raised

    @property
    def returned(self):
        return self.call.returned

    @property
    def elapsed(self):
        """Seconds the call took (the limit, if it had not ended by then)."""
        return self.call.elapsed if self.in_time and self.call.elapsed is not None else self.limit

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
