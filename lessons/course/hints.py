"""Progressive hints: each call to ``hint(exercise_id)`` shows the next one."""

from collections import Counter
from dataclasses import dataclass

from lessons.course import registry
from lessons.course.errors import LessonError

_shown = Counter()  # hints shown so far in this kernel, by exercise id


@dataclass(frozen=True)
class Hint:
    text: str

    def __str__(self):
        return self.text

    def __repr__(self):
        return self.text

    def _repr_pretty_(self, printer, cycle):
        printer.text(self.text)

    def _repr_markdown_(self):
        return self.text


def hint(exercise_id):
    """Show the next hint for `exercise_id`; past the last one, point to the solution."""
    try:
        exercise = registry.exercise(exercise_id)
    except LessonError as problem:
        return Hint(str(problem))
    number = _shown[exercise.id] + 1
    total = len(exercise.hints)
    if number > total:
        return Hint(f"No more hints for '{exercise.id}': you have seen all {total}. "
                    f"The reference answer is `solution('{exercise.id}')`, "
                    f"also in solutions/{exercise.lesson}.ipynb.")
    _shown[exercise.id] = number
    return Hint(f"Hint {number} of {total} for '{exercise.id}': {exercise.hints[number - 1]}")


def reset_hints():
    """Start every exercise's hints from the first again."""
    _shown.clear()
