"""Run an exercise's checker against a learner's candidate, within a deadline.

A checker is a generator function ``checker(candidate)`` that yields

* a ``str`` to announce what it is about to try (used if the candidate then hangs or raises),
* an ``Outcome`` (see ``lessons.course.report.outcome``) for each behaviour it judged.

``check`` never raises for a wrong answer: exceptions, stubs and hangs become ✗ lines.
"""

import sys
import threading
from contextlib import contextmanager

from lessons.course import registry
from lessons.course.errors import LessonError
from lessons.course.report import Outcome, Report, outcome

NOT_WRITTEN = ("not written yet: it raises NotImplementedError. Replace the "
               "`raise NotImplementedError()` line under `# YOUR CODE HERE` with your code")


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


def trial(tried, expected, observe, passed=None):
    """Try one behaviour: ``yield from trial(tried, expected, observe)``.

    Announces `tried` first, so a hang or an exception in `observe()` is reported against it;
    then judges what `observe()` returns: equal to `expected`, or ``passed(seen)`` if given.
    """
    yield tried
    seen = observe()
    yield outcome(tried, expected, seen, None if passed is None else passed(seen))


def run_checker(checker, candidate, deadline):
    """The outcomes `checker` yields for `candidate`, cut short after `deadline` seconds."""
    outcomes = []
    progress = {"trying": "starting the checks", "ended": None}

    def drive():
        try:
            for item in checker(candidate):
                if isinstance(item, str):
                    progress["trying"] = item
                else:
                    outcomes.append(item)
        except NotImplementedError:
            progress["ended"] = NOT_WRITTEN
        except Exception as error:  # a wrong answer may raise anything; report, don't crash
            progress["ended"] = f"raised {describe_error(error)}"

    with thread_errors_collected() as thread_errors:
        runner = threading.Thread(target=drive, name="lessons-check", daemon=True)
        runner.start()
        runner.join(deadline)
    found = list(outcomes)
    if runner.is_alive():
        found.append(Outcome(progress["trying"], f"to finish within {deadline:g} s",
                             "still running: it probably deadlocked or lost a wake-up "
                             "(a thread waits for something that will never happen)", False))
    elif progress["ended"] == NOT_WRITTEN:
        found.append(Outcome(progress["trying"], "your code to run", NOT_WRITTEN, False))
    elif progress["ended"]:
        found.append(Outcome(progress["trying"], "no exception", progress["ended"], False))
    elif not found:
        found.append(Outcome("running the checks", "at least one result", "none", False))
    if any(isinstance(e, NotImplementedError) for e in thread_errors) and not found[-1].passed:
        found[-1] = Outcome(found[-1].tried, "your code to run", NOT_WRITTEN, False)
    return found


def describe_error(error):
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


@contextmanager
def thread_errors_collected():
    """Collect exceptions escaping threads instead of printing their tracebacks.

    A candidate's thread may raise (a stub raises NotImplementedError); its traceback would land
    in the notebook's output with this machine's paths. Checkers report the errors they expect.
    Threads started with ``_thread`` report through ``sys.unraisablehook``, not
    ``threading.excepthook``, so both are collected.
    """
    errors = []
    previous, previous_unraisable = threading.excepthook, sys.unraisablehook
    threading.excepthook = lambda args: errors.append(args.exc_value)
    sys.unraisablehook = lambda unraisable: errors.append(unraisable.exc_value)
    try:
        yield errors
    finally:
        threading.excepthook, sys.unraisablehook = previous, previous_unraisable
