"""How a checker tries behaviours: one at a time (``trial``), declared up front (``behaviours``).

A checker that declares its behaviours first (``yield from behaviours(...)``) gets one line
per behaviour whatever happens: a stub's NotImplementedError is a ✗ line and the checker goes
on; a behaviour that needs an earlier one raises ``CannotTry`` and is a · line; and when the
check stops early (stuck, abandoned, an exception), ``run_checker`` shows the behaviours it did
not reach as · lines. So a blank stub's report has the same lines as the reference's.
"""

from dataclasses import dataclass

from lessons.course.report import not_tried, outcome

__all__ = ["trial", "behaviours", "Plan", "CannotTry", "NOT_WRITTEN", "not_written"]

NOT_WRITTEN = ("not written yet: it raises NotImplementedError. Replace the "
               "`raise NotImplementedError()` line under `# YOUR CODE HERE` with your code")


def not_written(error):
    """What a stub's NotImplementedError says to the learner, naming the function it came from
    (a helper left unwritten fails the check as surely as the main function)."""
    frame = None
    traceback = error.__traceback__
    while traceback is not None:
        frame, traceback = traceback.tb_frame, traceback.tb_next
    name = frame.f_code.co_name if frame is not None else None
    if not name or name.startswith("<"):
        return NOT_WRITTEN
    return (f"not written yet: {name}() raises NotImplementedError. Replace the "
            f"`raise NotImplementedError()` line under `# YOUR CODE HERE` in {name}() with "
            "your code")


class CannotTry(Exception):
    """Raised by an ``observe()`` whose behaviour needs an earlier one that failed (a schedule
    that could not be replayed has no end to look at): the behaviour is shown not tried."""


@dataclass(frozen=True)
class Plan:
    """The behaviours a checker is about to try, as (tried, expected) pairs, in order."""
    steps: tuple


def trial(tried, expected, observe, passed=None):
    """Try one behaviour: ``yield from trial(tried, expected, observe)``.

    Announces `tried` first, so a hang or an exception in `observe()` is reported against it;
    then judges what `observe()` returns: equal to `expected`, or ``passed(seen)`` if given.
    A stub's NotImplementedError is this behaviour's ✗ (naming the unwritten function), and
    ``CannotTry`` its ·; either way the checker goes on with the next behaviour.
    """
    yield tried
    try:
        seen = observe()
    except NotImplementedError as error:
        yield outcome(tried, expected, not_written(error), passed=False)
        return
    except CannotTry as why:
        yield not_tried(tried, expected, str(why))
        return
    yield outcome(tried, expected, seen, None if passed is None else passed(seen))


def behaviours(*steps):
    """Declare every behaviour first, then try each: ``yield from behaviours((tried, expected,
    observe), …)`` — a step may add ``passed`` as for ``trial``. Steps are independent: each
    builds what it needs inside its ``observe``, so one failing does not stop the next."""
    yield Plan(tuple((step[0], step[1]) for step in steps))
    for step in steps:
        yield from trial(*step)
