"""Run an exercise's checker against a learner's candidate, within a deadline.

A checker is a generator function ``checker(candidate)`` that yields

* a ``str`` to announce what it is about to try (used if the candidate then hangs or raises),
* an ``Outcome`` (see ``lessons.course.report.outcome``) for each behaviour it judged.

``yield from trial(tried, expected, observe)`` does both for one behaviour;
``yield from behaviours(...)`` declares every behaviour first (see ``lessons.course.trials``),
so the report has a line for each even when the check stops early.

``check`` never raises for a wrong answer: exceptions, stubs and hangs become ✗ lines, and an
exception that escapes one of the candidate's own threads is named in the ✗ line of the
behaviour being tried when it escaped.

Each check runs in a *session* (``lessons.course.session``): the process-wide changes a checker
makes (the thread exception hooks, the switch interval) go through it, and are undone when the
check ends — even when the checker is abandoned at its deadline and its thread runs on.
"""

import os
import site
import sys
import sysconfig
import threading
import time

from lessons.course import registry
from lessons.course.errors import LessonError
from lessons.course.report import Outcome, Report, not_tried
from lessons.course.session import Session, bound, describe_error
from lessons.course.trials import (NOT_WRITTEN, CannotTry, Plan, behaviours, not_written,
                                   trial)

__all__ = ["check", "run_checker", "trial", "behaviours", "CannotTry", "describe_error",
           "NOT_WRITTEN", "not_written"]

STUCK_AFTER = 4.0  # seconds the checker's thread sits, unmoving, in the candidate's code
STUCK_SEEN = (f"still blocked after {STUCK_AFTER:g} s, using no processor time: it probably "
              "deadlocked or lost a wake-up (a thread waits for something that will never "
              "happen)")
STUCK = ("still running: it probably deadlocked or lost a wake-up "
         "(a thread waits for something that will never happen)")


def check(exercise_id, candidate):
    """Grade `candidate` for the exercise `exercise_id`; returns a Report (``.passed``)."""
    try:
        exercise = registry.exercise(exercise_id)
    except LessonError as problem:
        return Report(str(exercise_id), (Outcome("looking up the exercise", "a known id",
                                                 str(problem), False),))
    problem = exercise.kind_problem(candidate)
    if problem:
        return Report(exercise.id, (Outcome(f"checking what was passed to check({exercise.id!r}, …)",
                                            f"a {exercise.kind}", problem, False),))
    return Report(exercise.id, tuple(run_checker(exercise.load_checker(), candidate,
                                                 exercise.deadline)))


def run_checker(checker, candidate, deadline):
    """The outcomes `checker` yields for `candidate`, cut short after `deadline` seconds.

    When the checker declared its behaviours (a ``Plan``) and stopped before the end, the
    behaviours it did not reach follow as not tried, so every run has the same lines.
    """
    outcomes = []
    progress = {"trying": "starting the checks", "since": 0, "ended": None, "plan": ()}
    current = Session()

    def drive():
        bound(current)
        try:
            for item in checker(candidate):
                if isinstance(item, Plan):  # a checker may declare its steps in batches
                    progress["plan"] += item.steps
                elif isinstance(item, str):
                    progress["trying"], progress["since"] = item, len(current.errors)
                else:
                    outcomes.append(current.annotated(item, progress["since"]))
        except NotImplementedError as error:
            progress["ended"] = not_written(error)
        except Exception as error:  # a wrong answer may raise anything; report, don't crash
            progress["ended"] = f"raised {describe_error(error)}"

    with current.installed():
        runner = threading.Thread(target=drive, name="lessons-check", daemon=True)
        runner.start()
        stuck = _Watchdog(runner).wait(deadline)
        found = list(outcomes)
        ending = _ending(runner.is_alive(), progress, deadline, stuck)
        if ending is not None:
            found.append(current.annotated(ending, progress["since"]))
        found += _not_reached(progress["plan"], found, _why_stopped(runner.is_alive(), stuck))
        if not found:
            found.append(Outcome("running the checks", "at least one result", "none", False))
        _name_the_stub(found, current)
    return found


def _ending(still_running, progress, deadline, stuck):
    """The ✗ line for a checker that did not run to its end, or None."""
    expected = dict(progress["plan"]).get(progress["trying"])
    shown = lambda default: default if expected is None else _shown(expected)  # noqa: E731
    if still_running and stuck:
        return Outcome(progress["trying"], shown("your code to return"), STUCK_SEEN, False)
    if still_running:
        return Outcome(progress["trying"], shown(f"to finish within {deadline:g} s"), STUCK,
                       False)
    if progress["ended"] and progress["ended"].startswith("not written yet"):
        return Outcome(progress["trying"], shown("your code to run"), progress["ended"], False)
    if progress["ended"]:
        return Outcome(progress["trying"], "no exception", progress["ended"], False)
    return None


def _shown(expected):
    return expected if isinstance(expected, str) else repr(expected)


def _why_stopped(still_running, stuck):
    if still_running and stuck:
        return "the check stopped when an earlier call got stuck"
    if still_running:
        return "the check ran out of time before it got here"
    return "the check stopped at the line above"


def _not_reached(plan, found, why):
    """A not-tried outcome for each planned behaviour that has no line in `found`."""
    reported = {o.tried for o in found}
    return [not_tried(tried, expected, why) for tried, expected in plan if tried not in reported]


def _name_the_stub(found, current):
    """When a stub raised in one of the candidate's threads and no line says so yet, the last
    ✗ line says which function is not written (its own failure follows from that)."""
    stubs = [error for _, error in current.errors if isinstance(error, NotImplementedError)]
    if not stubs or any("not written yet" in o.seen for o in found):
        return
    failed = [index for index, o in enumerate(found) if o.passed is False]
    if failed:
        o = found[failed[-1]]
        found[failed[-1]] = Outcome(o.tried, o.expected, not_written(stubs[0]), False)


class _Watchdog:
    """Watches the checker's thread: stuck when it sits blocked in the candidate's code.

    The thread's innermost frame outside the standard library is the candidate's (not the
    course's, whose own waits are bounded), and neither that place nor the processor time
    the thread has used changes for STUCK_AFTER s: it waits for something that never comes.
    Longer than any wait a right answer, or a slow wrong one, makes the checker do in its code
    (a 2 s task; a 3 s meeting that never happens), even on a busy machine.
    """

    def __init__(self, thread):
        self.thread = thread
        self.last, self.since = None, time.monotonic()

    def wait(self, deadline):
        """Wait for the thread until `deadline` s; True if it was seen stuck before."""
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            self.thread.join(min(0.1, max(0.0, end - time.monotonic())))
            if not self.thread.is_alive():
                return False
            if self._stuck():
                return True
        return False

    def _stuck(self):
        place = _candidate_place(sys._current_frames().get(self.thread.ident))
        now = (place, _cpu_time(self.thread))
        if place is None or now != self.last:
            self.last, self.since = now, time.monotonic()
            return False
        return time.monotonic() - self.since >= STUCK_AFTER


_STDLIB = os.path.dirname(threading.__file__)
_COURSE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # lessons/
# Installed packages (Dask's client, say) are libraries like the standard library: a wait
# inside one belongs to whoever called it, the candidate or the course.
_LIBRARIES = tuple({_STDLIB, *site.getsitepackages(),
                    *(sysconfig.get_paths()[key] for key in ("stdlib", "purelib", "platlib"))})


def _candidate_place(frame):
    """(code, line) of the innermost frame outside the standard library and installed
    packages, if it is not ours."""
    while frame is not None and frame.f_code.co_filename.startswith(_LIBRARIES):
        frame = frame.f_back
    if frame is None:
        return None
    filename = os.path.abspath(frame.f_code.co_filename)
    ours = filename.startswith(_COURSE) and not filename.startswith(
        os.path.join(_COURSE, "solutions"))
    return None if ours else (frame.f_code, frame.f_lineno, frame.f_lasti)


def _cpu_time(thread):
    try:
        return time.clock_gettime(time.pthread_getcpuclockid(thread.ident))
    except (AttributeError, OSError):
        return None
