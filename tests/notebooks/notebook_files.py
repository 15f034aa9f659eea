"""Where the course's notebooks are, for the tests."""

import nbformat

from lessons.course.paths import NOTEBOOKS, ROOT, SOLUTIONS  # noqa: F401 (used by tests)


def solution_notebooks():
    return sorted(SOLUTIONS.glob("*.ipynb"))


def all_notebooks():
    return solution_notebooks() + sorted(NOTEBOOKS.glob("*.ipynb"))


def read(path):
    return nbformat.read(path, as_version=4)


def code_cells(nb):
    return [cell for cell in nb.cells if cell.cell_type == "code"]


IGNORE_TAG = "nbval-ignore-output"
IGNORE_REASON = "# output not compared: "


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
