"""The process checkers: a right answer defined where no child could import it (like a notebook
cell) passes under fork, spawn and forkserver. (Each wrong answer failing for its own bug, and
leaving no process behind, is tests/checks/test_exercises.py's.)"""

import multiprocessing
import types

import pytest

from lessons import check
from lessons.course.reference import solution_cell_source

EXERCISE = {"run_in_process": "run-in-process", "run_pipeline": "process-pipeline",
            "shared_sum": "shared-sum"}


@pytest.mark.parametrize("exercise_id, name", [(e, n) for n, e in EXERCISE.items()])
def test_a_right_answer_no_child_could_import_passes_under_every_method(exercise_id, name):
    cell = types.ModuleType("__main__")  # like a notebook cell: not in sys.modules
    exec(solution_cell_source(exercise_id), cell.__dict__)
    report = check(exercise_id, getattr(cell, name))
    assert report.passed, str(report)
    assert "so under fork, spawn and forkserver" in str(report)
    assert not multiprocessing.active_children()
