"""The process checkers: each wrong answer fails the behaviour its name promises, and a right
answer defined where no child could import it (like a notebook cell) passes under fork, spawn
and forkserver."""

import multiprocessing
import types

import pytest

from lessons import check
from lessons.course.reference import solution_cell_source
from tests.checks.wrong_answers import share_between_processes, start_processes

FAILS = {**start_processes.FAILS, **share_between_processes.FAILS}
EXERCISE = {"run_in_process": "run-in-process", "run_pipeline": "process-pipeline",
            "shared_sum": "shared-sum"}


def exercise_of(wrong):
    return next(exercise for prefix, exercise in EXERCISE.items()
                if wrong.__name__.startswith(prefix))


@pytest.mark.parametrize("wrong", FAILS, ids=lambda wrong: wrong.__name__)
def test_each_wrong_answer_fails_the_behaviour_it_is_named_for(wrong):
    assert wrong.__doc__, f"{wrong.__name__} has no docstring naming its bug"
    report = check(exercise_of(wrong), wrong)
    named = [o for o in report.outcomes if FAILS[wrong] in o.tried]
    assert len(named) == 1, f"no single outcome for {FAILS[wrong]!r}:\n{report}"
    assert not named[0].passed, str(report)
    assert not [o for o in report.outcomes if o.expected == "no exception"], str(report)
    assert not multiprocessing.active_children()


@pytest.mark.parametrize("exercise_id, name", [(e, n) for n, e in EXERCISE.items()])
def test_a_right_answer_no_child_could_import_passes_under_every_method(exercise_id, name):
    cell = types.ModuleType("__main__")  # like a notebook cell: not in sys.modules
    exec(solution_cell_source(exercise_id), cell.__dict__)
    report = check(exercise_id, getattr(cell, name))
    assert report.passed, str(report)
    assert "so under fork, spawn and forkserver" in str(report)
    assert not multiprocessing.active_children()
