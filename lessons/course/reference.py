"""Reference answers: ``solution(exercise_id)``.

The one hand-edited copy of each answer is the cell tagged ``exercise:<id>`` in
``solutions/<lesson>.ipynb``. The build writes that cell to a module of ``lessons.solutions``
(``make notebooks``), so an answer is a real module's class or function: it pickles by
reference and loads in a child process under every start method, and ``inspect.getsource``
works on it.
"""

import importlib
import json

from lessons.course import registry
from lessons.course.errors import LessonError
from lessons.course.paths import SOLUTIONS

__all__ = ["solution", "solution_cell_source", "solution_module_name"]


def solution_module_name(exercise_id):
    """``lessons.solutions.<id with _>``: where the build writes an exercise's answer."""
    return "lessons.solutions." + exercise_id.replace("-", "_")


def solution(exercise_id):
    """The reference class or function for `exercise_id`, defined in ``solutions/``."""
    exercise = registry.exercise(exercise_id)
    try:
        module = importlib.import_module(solution_module_name(exercise.id))
    except ModuleNotFoundError as error:
        if error.name != solution_module_name(exercise.id):
            raise
        raise LessonError(f"The answer to '{exercise.id}' has not been built: run "
                          "`make notebooks` (it writes lessons/solutions/ from solutions/)."
                          ) from None
    if not hasattr(module, exercise.reference):
        raise LessonError(f"The solution cell for '{exercise.id}' does not define "
                          f"`{exercise.reference}`.")
    return getattr(module, exercise.reference)


def solution_cell_source(exercise_id):
    """The source of the cell tagged ``exercise:<id>`` in the exercise's solution notebook."""
    exercise = registry.exercise(exercise_id)
    path = SOLUTIONS / f"{exercise.lesson}.ipynb"
    if not path.exists():
        raise LessonError(f"solutions/{path.name} was not found. The course must be installed "
                          "from a clone, with `pip install -e .`, for this to find it.")
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    tag = f"exercise:{exercise.id}"
    found = [c for c in cells if tag in c.get("metadata", {}).get("tags", [])]
    if len(found) != 1:
        raise LessonError(f"solutions/{path.name} has {len(found)} cells tagged {tag!r}; "
                          "it needs exactly one.")
    source = found[0]["source"]
    return source if isinstance(source, str) else "".join(source)
