"""Every checker can tell right from wrong: the reference passes, the stub and the named wrong
answers fail — each for the behaviour it was written to get wrong — and right answers of other
shapes pass. Each runs through the public check(), as a learner's answer would.

The tests are written once, here, and parametrised per lesson: ``tests/checks/test_lesson_NN.py``
takes lesson NN's (``globals().update(checker_tests_of("NN"))``). One file a lesson lets the two
test workers share the checkers out (whole files go to one worker) and lets an author run one
lesson's checkers (``make test LESSON=NN``). test_exercises.py proves no lesson is left out.
"""

import multiprocessing
import types

import pytest

from coursebuild.blanking import blank_source
from lessons import check, solution
from lessons.course.reference import solution_cell_source
from lessons.course.registry import exercises
from tests.checks.right_answers import BY_EXERCISE as RIGHT
from tests.checks.wrong_answers import BY_EXERCISE as WRONG

# What a wrong answer written for another bug would show: it broke, it did not fail as meant.
ACCIDENTS = ("AttributeError", "NameError", "OverflowError", "UnboundLocalError",
             "RecursionError")


def lesson_of(exercise_id):
    """The two-digit lesson number of an exercise ("08" for a lesson "08_share_...")."""
    return exercises()[exercise_id].lesson.split("_", 1)[0]


def lessons_with_exercises():
    return sorted({lesson_of(exercise_id) for exercise_id in exercises()})


def _answers(by_exercise, ids):
    """pytest params (exercise id, answer) for the answers of the exercises `ids`."""
    return [pytest.param(exercise_id, answer, id=f"{exercise_id}-{answer.__name__}")
            for exercise_id in ids for answer in by_exercise.get(exercise_id, [])]


def reference_solution_passes(exercise_id):
    report = check(exercise_id, solution(exercise_id))
    assert report.passed, str(report)


def blank_stub_fails_as_not_written(exercise_id):
    # The learner's stub, built from the solution cell exactly as notebooks/ gets it.
    stub = types.ModuleType("stub")
    exec(blank_source(solution_cell_source(exercise_id)), stub.__dict__)
    report = check(exercise_id, getattr(stub, exercises()[exercise_id].reference))
    assert not report.passed
    assert "not written yet" in str(report)
    labels = [o.tried for o in report.outcomes]
    assert len(labels) == len(set(labels)), f"a label shown twice:\n{report}"


def exercise_has_six_named_wrong_answers(exercise_id):
    answers = WRONG.get(exercise_id, [])
    assert len(answers) >= 6
    assert len({answer.__name__ for answer in answers}) == len(answers)
    assert all(hasattr(answer, "fails_at") for answer in answers)


def wrong_answer_fails_for_its_bug(exercise_id, wrong):
    report = check(exercise_id, wrong)
    assert not report.passed, f"{wrong.__name__} passed:\n{report}"
    failing = [o for o in report.outcomes if o.passed is False]
    assert all(o.tried and o.expected and o.seen for o in failing)
    meant = [o for o in failing if wrong.fails_at in o.tried]
    assert meant, f"{wrong.__name__} did not fail {wrong.fails_at!r}:\n{report}"
    for o in meant:
        if o.expected == "no exception":  # the checker stopped: the answer raised
            assert wrong.may_raise and wrong.may_raise in o.seen, str(report)
        accidents = [name for name in ACCIDENTS if name in o.seen]
        assert not accidents, f"{wrong.__name__} broke ({accidents}):\n{report}"
    assert not multiprocessing.active_children(), "the check left a process running"


def right_answer_of_another_shape_passes(exercise_id, right):
    report = check(exercise_id, right)
    assert report.passed, str(report)


def checker_tests_of(lesson):
    """The checker tests of lesson `lesson` ("08"), by test name, for its test module's globals.

    New functions each call: a parametrize mark is stored on the function it decorates, so
    the lessons cannot share one."""
    ids = [exercise_id for exercise_id in exercises() if lesson_of(exercise_id) == lesson]
    by_id = pytest.mark.parametrize("exercise_id", ids)
    with_answer = "exercise_id, answer"

    @by_id
    def test_reference_solution_passes(exercise_id):
        reference_solution_passes(exercise_id)

    @by_id
    def test_blank_stub_fails_as_not_written(exercise_id):
        blank_stub_fails_as_not_written(exercise_id)

    @by_id
    def test_every_exercise_has_six_named_wrong_answers(exercise_id):
        exercise_has_six_named_wrong_answers(exercise_id)

    @pytest.mark.parametrize(with_answer, _answers(WRONG, ids))
    def test_wrong_answer_fails_for_its_bug(exercise_id, answer):
        wrong_answer_fails_for_its_bug(exercise_id, answer)

    @pytest.mark.parametrize(with_answer, _answers(RIGHT, ids))
    def test_right_answer_of_another_shape_passes(exercise_id, answer):
        right_answer_of_another_shape_passes(exercise_id, answer)

    tests = [test_reference_solution_passes, test_blank_stub_fails_as_not_written,
             test_every_exercise_has_six_named_wrong_answers, test_wrong_answer_fails_for_its_bug]
    if _answers(RIGHT, ids):  # not every lesson has right answers of other shapes
        tests.append(test_right_answer_of_another_shape_passes)
    return {test.__name__: test for test in tests}
