"""Reference answers: ``solution(exercise_id)`` returns one, ``show_solution(exercise_id)``
prints its whole cell (``solution_source`` returns that text).

The one hand-edited copy of each answer is the cell tagged ``exercise:<id>`` in
``solutions/<lesson>.ipynb``. The build writes that cell to a module of ``lessons.solutions``
(``make notebooks``), so an answer is a real module's class or function: it pickles by
reference and loads in a child process under every start method, and ``inspect.getsource``
works on it. But an exercise's cell often holds more than the one name it asks for (helper
functions, constants, imports), and the source of the class or function alone, pasted in place
of the stub, would leave those helpers blank: ``show_solution`` prints the whole cell.
"""

import importlib
import inspect
import json

from lessons.course import registry
from lessons.course.errors import LessonError
from lessons.course.paths import SOLUTIONS

__all__ = ["solution", "solution_source", "show_solution", "solution_cell_source",
           "solution_module_name"]

_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")  # the build's markers: no code in them


def solution_module_name(exercise_id):
    """``lessons.solutions.<id with _>``: where the build writes an exercise's answer."""
    return "lessons.solutions." + exercise_id.replace("-", "_")


def solution(exercise_id):
    """The reference class or function for `exercise_id`, defined in ``solutions/``."""
    exercise = registry.exercise(exercise_id)
    module = _answer_module(exercise)
    if not hasattr(module, exercise.reference):
        raise LessonError(f"The solution cell for '{exercise.id}' does not define "
                          f"`{exercise.reference}`.")
    return getattr(module, exercise.reference)


def solution_source(exercise_id):
    """The whole reference cell of `exercise_id` — imports, helpers and the answer — as text
    to paste in place of the exercise's cell: what the build wrote to ``lessons.solutions``,
    without its "generated" header or the solution markers."""
    exercise = registry.exercise(exercise_id)
    text = inspect.getsource(_answer_module(exercise))
    body = text.split("\n\n", 1)[1] if text.startswith("# Generated") else text
    return "".join(line for line in body.splitlines(keepends=True)
                   if line.strip() not in _MARKERS)


def show_solution(exercise_id):
    """Print the whole reference cell of `exercise_id`, ready to copy into the exercise's cell
    (then run it and its `check`)."""
    exercise = registry.exercise(exercise_id)
    print(f"# The reference answer to '{exercise.id}' ({exercise.lesson}): the whole cell.\n")
    print(solution_source(exercise.id), end="")


def _answer_module(exercise):
    try:
        module = importlib.import_module(solution_module_name(exercise.id))
    except ModuleNotFoundError as error:
        if error.name != solution_module_name(exercise.id):
            raise
        raise LessonError(f"The answer to '{exercise.id}' has not been built: run "
                          "`make notebooks` (it writes lessons/solutions/ from solutions/)."
                          ) from None
    return module


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
