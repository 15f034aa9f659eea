"""The process checkers: a right answer defined where no child could import it (like a notebook
cell) passes under fork, spawn and forkserver; a stub gets as many lines as a right answer,
each saying which function is not written yet; every line says what it expects. (Each wrong
answer failing for its own bug, and leaving no process behind, is
tests/checks/test_exercises.py's.)"""

import multiprocessing
import re
import types

import pytest

from coursebuild.blanking import blank_source
from lessons import check, solution
from lessons.course.reference import solution_cell_source

EXERCISE = {"run_in_process": "run-in-process", "run_pipeline": "process-pipeline",
            "shared_sum": "shared-sum"}
# The helper each reference cell calls on every path the checker tries (run-in-process's on a
# child that ended without sending).
HELPER = {"run-in-process": "_how_it_ended", "process-pipeline": "_collect",
          "shared-sum": "_partial_sums"}
CASES = [(e, n) for n, e in EXERCISE.items()]


def _cell(source):
    cell = types.ModuleType("__main__")  # like a notebook cell: not in sys.modules
    exec(source, cell.__dict__)
    return cell


@pytest.mark.parametrize("exercise_id, name", CASES)
def test_a_right_answer_no_child_could_import_passes_under_every_method(exercise_id, name):
    report = check(exercise_id, getattr(_cell(solution_cell_source(exercise_id)), name))
    assert report.passed, str(report)
    assert all(o.seen.endswith("under fork, spawn and forkserver") for o in report.outcomes)
    assert not multiprocessing.active_children()


def _blank_only(source, function):
    """`source` with the solution region of `function` alone blanked."""
    start = source.index(f"def {function}(")
    end = source.find("\ndef ", start + 1)
    end = len(source) if end < 0 else end
    return source[:start] + blank_source(source[start:end]) + source[end:]


@pytest.mark.parametrize("exercise_id, name", CASES)
def test_a_stub_left_in_a_helper_is_named_and_the_check_goes_on(exercise_id, name):
    source = _blank_only(solution_cell_source(exercise_id), HELPER[exercise_id])
    report = check(exercise_id, getattr(_cell(source), name))
    reference = check(exercise_id, solution(exercise_id))
    assert len(report.outcomes) == len(reference.outcomes), str(report)
    named = [o for o in report.outcomes if f"{HELPER[exercise_id]}() raises" in o.seen]
    assert named and all(o.passed is False for o in named), str(report)
    assert not multiprocessing.active_children()


@pytest.mark.parametrize("exercise_id", EXERCISE.values())
def test_a_blank_stub_gets_a_line_per_behaviour(exercise_id):
    stub = _cell(blank_source(solution_cell_source(exercise_id)))
    report = check(exercise_id, getattr(stub, {e: n for n, e in EXERCISE.items()}[exercise_id]))
    reference = check(exercise_id, solution(exercise_id))
    assert [o.tried for o in report.outcomes] == [o.tried for o in reference.outcomes]
    assert all(o.passed is False and "not written yet" in o.seen for o in report.outcomes)


@pytest.mark.parametrize("exercise_id", EXERCISE.values())
def test_every_line_says_what_it_expects(exercise_id):
    report = check(exercise_id, solution(exercise_id))
    for o in report.outcomes:
        assert not o.expected.startswith("so under"), o
        assert re.search(r"[A-Za-z]*Error|\d|\[|pid|bytes", o.expected), o
