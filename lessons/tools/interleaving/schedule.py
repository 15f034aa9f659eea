"""Schedules (the order threads step in), and the errors of the interleaving explorer."""

import inspect
import itertools

from lessons.course.errors import LessonError

__all__ = ["ScheduleError", "ScenarioError", "schedule_problem", "thread_names", "describe"]


class ScheduleError(LessonError):
    """A schedule that cannot be run: an unknown, finished or blocked thread."""


class ScenarioError(LessonError):
    """A scenario that cannot be set up or explored: a thread program that is not one."""


def thread_names():
    """A, B, ..., Z, then T26, T27, ..."""
    for number in itertools.count():
        yield chr(ord("A") + number) if number < 26 else f"T{number}"


def schedule_problem(schedule):
    """Why `schedule` is not a list of thread names, in plain words; None if it is one."""
    if isinstance(schedule, str) or not isinstance(schedule, (list, tuple)):
        return (f"a schedule is a list of thread names such as ['A', 'B', 'A'], not a value of "
                f"type `{type(schedule).__name__}`")
    for number, name in enumerate(schedule, start=1):
        if not isinstance(name, str):
            return (f"step {number} of the schedule is {name!r}, a value of type "
                    f"`{type(name).__name__}`; thread names are strings: write 'A', with quotes")
    return None


def describe(function):
    """A function's docstring's first line, or its name."""
    doc = inspect.getdoc(function)
    return doc.splitlines()[0] if doc else getattr(function, "__name__", repr(function))
