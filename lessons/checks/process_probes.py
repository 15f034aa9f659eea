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
from contextlib import contextmanager

from lessons.checks.watch import Call, public_name, wait_until
from lessons.course.report import outcome

__all__ = ["METHODS", "LEFT_BEHIND", "under", "Attempt", "each_method", "fixed"]

METHODS = ("fork", "spawn", "forkserver")


@contextmanager
def under(method):
    """Start children with `method` in the body; the previous default afterwards."""
    previous = multiprocessing.get_start_method(allow_none=True)
    multiprocessing.set_start_method(method, force=True)
    try:
        yield method
    finally:
        multiprocessing.set_start_method(previous, force=True)


STUCK_ENOUGH = 1
LEFT_BEHIND = "after each call above: are its children joined when it returns or raises?"


def each_method(candidate, behaviours, limit):
    """Try every behaviour under each start method: the checker's progress, then outcomes.

    `behaviours` maps a label to ``(setup, judge)``: ``setup()`` (called once the method is
    the default, so probes are made for it) returns ``(args, kwargs, probe)``; the candidate
    is called with args and kwargs, within `limit` seconds; ``judge(attempt, probe)`` says
    "ok" or what it saw instead. One outcome per behaviour, then one for leftover children.
    For a verdict within seconds, a behaviour that failed under one method is not tried under
    the next, and once a call got stuck nothing more is tried.
    """
    verdicts = {label: {} for label in behaviours}
    left, stuck = [], 0
    for method in METHODS:
        with under(method):
            for label, (setup, judge) in behaviours.items():
                if any(v != "ok" for v in verdicts[label].values()):
                    continue  # failed under one method already: once is enough
                if stuck >= STUCK_ENOUGH:
                    verdicts[label][method] = "not tried: earlier calls got stuck"
                    continue
                yield f"{label} (children started by {method})"
                args, kwargs, probe = setup()
                attempt = Attempt(candidate, *args, limit=limit, **kwargs)
                stuck += not attempt.in_time
                if attempt.left != "none":
                    left.append(f"{label.partition(':')[0]} under {method}: {attempt.left}")
                verdicts[label][method] = judge(attempt, probe)
    everywhere = "so under fork, spawn and forkserver"
    for label in behaviours:
        wrong = [f"under {m}: {v}" for m, v in verdicts[label].items() if v != "ok"]
        yield outcome(label, everywhere, "; ".join(wrong) or everywhere, passed=not wrong)
    yield outcome(LEFT_BEHIND, "no child left behind", "; ".join(left) or "no child left behind")


def fixed(*args, **kwargs):
    """A setup that calls the candidate with these arguments, and no probe."""
    return lambda: (args, kwargs, None)


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
        if isinstance(self.call.raised, NotImplementedError):
            raise self.call.raised  # a stub: the checker reports "not written yet"
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
    return f"{len(children)} child(ren) left behind: " + ", ".join(parts)
