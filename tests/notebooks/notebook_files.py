"""Where the course's notebooks are, and what the tests need to know about them."""

import nbformat

from lessons.course.paths import NOTEBOOKS, ROOT, SOLUTIONS  # noqa: F401 (used by tests)

IGNORE_TAG = "nbval-ignore-output"
IGNORE_REASON = "# output not compared: "


def solution_notebooks():
    return sorted(SOLUTIONS.glob("*.ipynb"))


def all_notebooks():
    return solution_notebooks() + sorted(NOTEBOOKS.glob("*.ipynb"))


def lesson_number(path):
    """The two-digit lesson number a notebook's name starts with ("08" for 08_share_...)."""
    return path.name.split("_", 1)[0]


def lesson_numbers():
    """Every lesson's number, in order."""
    return sorted({lesson_number(path) for path in solution_notebooks()})


def read(path):
    return nbformat.read(path, as_version=4)


def code_cells(nb):
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def starts_processes(nb_or_path):
    """Does this notebook start child processes? Its author says so in its metadata
    (``"lessons": {"starts_processes": true}``); such a notebook runs under every start method."""
    nb = read(nb_or_path) if not isinstance(nb_or_path, nbformat.NotebookNode) else nb_or_path
    return bool(nb.metadata.get("lessons", {}).get("starts_processes", False))


def process_notebooks():
    return [path for path in all_notebooks() if starts_processes(path)]


def thread_notebooks():
    return [path for path in all_notebooks() if not starts_processes(path)]


def ignored_output_cells():
    """(notebook, cell index, reason) for every cell whose output nbval does not compare."""
    found = []
    for path in all_notebooks():
        for index, cell in enumerate(read(path).cells):
            if IGNORE_TAG in cell.metadata.get("tags", []):
                first = cell.source.splitlines()[0] if cell.source else ""
                reason = first[len(IGNORE_REASON):] if first.startswith(IGNORE_REASON) else ""
                found.append((f"{path.parent.name}/{path.name}", index, reason))
    return found
