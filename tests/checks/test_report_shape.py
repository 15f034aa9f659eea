"""A blank stub's report has the same lines as the reference's: one per behaviour, with the
same labels, so a learner who has written nothing yet sees everything the check will try, and
each unwritten part is a ✗ naming the function left to write."""

import types

import pytest

from coursebuild.blanking import blank_source
from lessons import check, solution
from lessons.course.reference import solution_cell_source
from lessons.course.registry import exercises

EXERCISE_IDS = list(exercises())


def blank_stub(exercise_id):
    """The learner's stub, built from the solution cell exactly as notebooks/ gets it."""
    stub = types.ModuleType("stub")
    exec(blank_source(solution_cell_source(exercise_id)), stub.__dict__)
    return getattr(stub, exercises()[exercise_id].reference)


def _same_shape(exercise_id):
    reference = check(exercise_id, solution(exercise_id))
    blank = check(exercise_id, blank_stub(exercise_id))
    assert len(blank.outcomes) == len(reference.outcomes), f"{blank}\n\n{reference}"
    assert [o.tried for o in blank.outcomes] == [o.tried for o in reference.outcomes]
    assert blank.passed is False and reference.passed is True
    return blank


@pytest.mark.parametrize("exercise_id", EXERCISE_IDS)
def test_blank_stub_has_a_line_for_every_behaviour_of_the_reference(exercise_id):
    blank = _same_shape(exercise_id)
    assert any("not written yet" in o.seen for o in blank.outcomes), str(blank)
