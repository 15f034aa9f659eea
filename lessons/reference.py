"""Load an exercise's reference answer from its solution notebook, the only copy of it.

The solution cell is the code cell tagged ``exercise:<id>`` in ``solutions/<lesson>.ipynb``.
It must be self-contained (its own imports). It runs in a fresh module, and its source is
registered with ``linecache`` so ``inspect.getsource`` works on what it defines.
"""

import json
import linecache
import sys
import types
from functools import cache
from pathlib import Path

from lessons import registry
from lessons.errors import LessonError

SOLUTIONS_DIR = Path(__file__).resolve().parent.parent / "solutions"


def solution(exercise_id):
    """The reference class or function for `exercise_id`, defined in ``solutions/``."""
    exercise = registry.exercise(exercise_id)
    namespace = load_solution_module(exercise.id).__dict__
    if exercise.reference not in namespace:
        raise LessonError(f"The solution cell for '{exercise.id}' does not define "
                          f"`{exercise.reference}`.")
    return namespace[exercise.reference]


def solution_cell_source(exercise_id):
    exercise = registry.exercise(exercise_id)
    path = SOLUTIONS_DIR / f"{exercise.lesson}.ipynb"
    if not path.exists():
        raise LessonError(f"solutions/{path.name} was not found. The course must be installed "
                          "from a clone, with `pip install -e .`, for solution() to find it.")
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    tag = f"exercise:{exercise.id}"
    found = [c for c in cells if tag in c.get("metadata", {}).get("tags", [])]
    if len(found) != 1:
        raise LessonError(f"solutions/{path.name} has {len(found)} cells tagged {tag!r}; "
                          "it needs exactly one.")
    source = found[0]["source"]
    return source if isinstance(source, str) else "".join(source)


@cache
def load_solution_module(exercise_id):
    source = solution_cell_source(exercise_id)
    exercise = registry.exercise(exercise_id)
    name = "lessons.solutions." + exercise.id.replace("-", "_")
    filename = f"<solutions/{exercise.lesson}.ipynb: {exercise.id}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    module = types.ModuleType(name)
    module.__file__ = filename
    # Registered so classes defined there pickle by reference and inspect can find them.
    sys.modules[name] = module
    exec(compile(source, filename, "exec"), module.__dict__)
    return module
