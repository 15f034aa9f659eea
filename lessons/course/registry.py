"""The exercise registry: ids, lessons, titles and hints, read from ``exercises.toml``."""

import importlib
import inspect
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lessons.course.errors import LessonError

REGISTRY_FILE = Path(__file__).with_name("exercises.toml")
# What check() accepts for each kind of exercise:
#   function  a function;  class  a class;
#   program   a thread program for the interleaving explorer (a generator function);
#   schedule  a list of thread names, or a function that returns one.
KINDS = ("function", "class", "program", "schedule")
# Seconds before check() gives up on a checker that has not ended (a wrong answer's verdict
# must come within 10 s); checkers see a stuck candidate sooner, by watching it block.
DEADLINE = 9.0


@dataclass(frozen=True)
class Exercise:
    id: str
    lesson: str  # notebook stem, e.g. "01_start_threads"
    title: str
    reference: str  # name the solution cell defines
    kind: str  # one of KINDS
    checker: str  # "module:function" of a generator of outcomes
    deadline: float  # seconds before a check calls the candidate stuck
    hints: tuple[str, ...]

    def load_checker(self):
        module_name, _, function_name = self.checker.partition(":")
        return getattr(importlib.import_module(module_name), function_name)

    def kind_problem(self, candidate):
        """Say in plain words why `candidate` cannot be this exercise's answer, or return None."""
        if self.kind == "class" and not inspect.isclass(candidate):
            return (f"`{self.id}` asks for a class (like `{self.reference}`), "
                    f"but got {describe(candidate)}. Pass the class itself, not an instance.")
        if self.kind == "function" and (inspect.isclass(candidate) or not callable(candidate)):
            return (f"`{self.id}` asks for a function (like `{self.reference}`), "
                    f"but got {describe(candidate)}. Pass the function itself, without calling it.")
        if self.kind == "program" and (inspect.isclass(candidate) or not callable(candidate)):
            return (f"`{self.id}` asks for a thread program: a function with `yield` in it "
                    f"(like `{self.reference}`), but got {describe(candidate)}. Pass the "
                    "function itself, without calling it.")
        if self.kind == "schedule":
            return schedule_kind_problem(self, candidate)
        return None


def schedule_kind_problem(exercise, candidate):
    # Only the kind is judged here; what the list holds is judged where schedules are run
    # (lessons.tools.interleaving.schedule_problem), with the same words for every schedule.
    if callable(candidate) and not inspect.isclass(candidate):
        return None  # a function that returns the schedule: the checker calls it
    if isinstance(candidate, (list, tuple)):
        return None
    return (f"`{exercise.id}` asks for a schedule: a list of thread names such as "
            f"['A', 'B', 'A'] (or a function, like `{exercise.reference}`, that returns one), "
            f"but got {describe(candidate)}.")


def describe(value):
    if inspect.isclass(value):
        return f"the class `{value.__name__}`"
    return f"a value of type `{type(value).__name__}`"


@cache
def exercises():
    """All exercises by id, in registry order."""
    with REGISTRY_FILE.open("rb") as f:
        raw = tomllib.load(f)["exercises"]
    table = {}
    for exercise_id, fields in raw.items():
        exercise = Exercise(
            id=exercise_id,
            lesson=fields["lesson"],
            title=fields["title"],
            reference=fields["reference"],
            kind=fields["kind"],
            checker=fields["checker"],
            deadline=float(fields.get("deadline", DEADLINE)),
            hints=tuple(fields["hints"]),
        )
        if exercise.kind not in KINDS:
            raise ValueError(f"{REGISTRY_FILE.name}: {exercise_id}: kind must be one of {KINDS}")
        table[exercise_id] = exercise
    return table


def exercise(exercise_id):
    """The exercise with this id, or a LessonError listing the valid ids."""
    table = exercises()
    if isinstance(exercise_id, str) and exercise_id in table:
        return table[exercise_id]
    valid = ", ".join(f"'{name}'" for name in table)
    raise LessonError(f"There is no exercise {exercise_id!r}. Valid ids: {valid}.")
