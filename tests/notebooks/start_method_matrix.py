"""Run a notebook under a given start method, validated strictly by nbval, in a fresh pytest;
and the notebooks that start no processes, the same way but once, under the kernel's default.

The notebook itself names no start method. A copy of it gets, in front, a cell that sets the
method for the whole kernel and the leak check's baseline; at the end, a cell in which a child
process says how it was started (judged by what the child is, see
``lessons.processes.start_methods``) with the expected answer as its committed output, then
the leak check. nbval compares every cell of the copy with the committed outputs, so the run
fails if an output differs, if children were started another way than claimed, or if anything
is left running. A notebook that starts no processes (method None) gets only the leak check's
two cells: its run fails if an output differs or if a thread or process is left running.
"""

import os
import subprocess
import sys

import nbformat
import pytest

from tests.notebooks.leak_check import BASELINE, LEAK_CHECK
from tests.notebooks.notebook_files import ROOT, process_notebooks, read, thread_notebooks

METHODS = ("fork", "spawn", "forkserver")
SET_METHOD = ("import multiprocessing as _matrix_mp\n"
              "_matrix_mp.set_start_method({method!r}, force=True)\n")
PROBE = ("from lessons.processes.start_methods import how_children_start as _matrix_probe\n"
         "print(_matrix_probe())\n")
NOTEBOOK_LIMIT = 100  # seconds one notebook may take under one method


def _cell(source, stdout=None):
    """A code cell as if executed: nbval compares only cells with an execution count."""
    cell = nbformat.v4.new_code_cell(source)
    cell.execution_count = 1
    if stdout is not None:
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=stdout)]
    return cell


def expected_probe_output(method):
    return f"children are started by {method} (the child says: {method})\n"


def bracketed_copy(path, method, directory, set_method=True):
    """Write the bracketed copy of notebook `path` into `directory`/<its folder's name>/ (so
    solutions/ and notebooks/ copies of one lesson don't collide); its path. Method None: a
    notebook that starts no processes, bracketed by the leak check only."""
    nb = read(path)
    front = [_cell(SET_METHOD.format(method=method))] if set_method and method else []
    probe = [_cell(PROBE, expected_probe_output(method))] if method else []
    nb.cells[:0] = front + [_cell(BASELINE)]
    nb.cells += probe + [_cell(LEAK_CHECK)]
    target = directory / path.parent.name / path.name
    target.parent.mkdir(exist_ok=True)
    nbformat.write(nb, target)
    return target


def run_under(paths, method, directory, set_method=True):
    """Validate the notebooks `paths` (or one path) under `method` with nbval, in one fresh
    pytest (each notebook in its own kernel): the finished pytest process.

    One pytest for them all: starting pytest with nbval costs seconds, a notebook's own kernel
    about one. `set_method=False` leaves the kernel's default in place: the tests use it to
    prove that a harness which silently fell back to the default would be caught.
    """
    paths = [paths] if isinstance(paths, os.PathLike) else list(paths)
    copies = [bracketed_copy(path, method, directory, set_method) for path in paths]
    (directory / "pytest.ini").write_text("[pytest]\n")  # not the course's own options
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
               "-c", str(directory / "pytest.ini"), "--rootdir", str(directory),
               "--nbval", "--nbval-current-env", "--nbval-cell-timeout=60",
               f"--nbval-sanitize-with={ROOT / 'tests' / 'sanitize.cfg'}", *map(str, copies)]
    env = dict(os.environ, PYTHON_COLORS="0")
    return subprocess.run(command, cwd=directory, env=env, capture_output=True, text=True,
                          timeout=NOTEBOOK_LIMIT * len(paths))


def failure(done):
    """What a failed run printed, for the assertion message."""
    return (f"exit {done.returncode} (cell numbers count the cells added in front: 2 under a "
            "start method, 1 in a notebook that starts no processes)\n"
            f"{done.stdout[-12000:]}\n{done.stderr[-2000:]}")


def notebook_test(method):
    """The test of the process notebooks under `method` (or, method None, of the notebooks
    that start no processes, under the kernel's default), one test a lesson: its notebooks in
    both folders in one nbval run. The workers share the lessons out, longest first."""
    lessons = lesson_notebooks(process_notebooks() if method else thread_notebooks())

    @pytest.mark.timeout(NOTEBOOK_LIMIT * max(map(len, lessons.values()), default=0) + 10)
    @pytest.mark.parametrize("paths", list(lessons.values()), ids=list(lessons))
    def test(paths, tmp_path):
        done = run_under(paths, method, tmp_path)
        assert done.returncode == 0, failure(done)
        assert f"{_cells(paths, method)} passed" in done.stdout, failure(done)  # all cells ran

    return test


def lesson_notebooks(paths):
    """{lesson notebook stem: [its notebooks among `paths`, in solutions/ and notebooks/]}."""
    lessons = {}
    for path in paths:
        lessons.setdefault(path.stem, []).append(path)
    return lessons


def _cells(paths, method):
    """How many cells nbval compares in the bracketed copies of `paths` (4 cells are added
    under a start method, 2 to a notebook that starts no processes)."""
    added = 4 if method else 2
    return sum(sum(cell.cell_type == "code" for cell in read(path).cells) + added
               for path in paths)
