"""Every checker can tell right from wrong: the reference passes, the stub and the named wrong
answers fail — each for the behaviour it was written to get wrong. Each runs through the public
check(), as a learner's answer would."""

import multiprocessing
import types

import pytest

from coursebuild.blanking import blank_source
from lessons import check, solution
from lessons.course.reference import solution_cell_source
from lessons.course.registry import exercises
from tests.checks.right_answers import BY_EXERCISE as RIGHT
from tests.checks.wrong_answers import BY_EXERCISE

EXERCISE_IDS = list(exercises())
WRONG = [pytest.param(exercise_id, wrong, id=f"{exercise_id}-{wrong.__name__}")
         for exercise_id, answers in BY_EXERCISE.items() for wrong in answers]
# What a wrong answer written for another bug would show: it broke, it did not fail as meant.
ACCIDENTS = ("AttributeError", "NameError", "OverflowError", "UnboundLocalError",
             "RecursionError")


@pytest.mark.parametrize("exercise_id", EXERCISE_IDS)
def test_reference_solution_passes(exercise_id):
    report = check(exercise_id, solution(exercise_id))
    assert report.passed, str(report)


@pytest.mark.parametrize("exercise_id", EXERCISE_IDS)
def test_blank_stub_fails_as_not_written(exercise_id):
    # The learner's stub, built from the solution cell exactly as notebooks/ gets it.
    stub = types.ModuleType("stub")
    exec(blank_source(solution_cell_source(exercise_id)), stub.__dict__)
    report = check(exercise_id, getattr(stub, exercises()[exercise_id].reference))
    assert not report.passed
    assert "not written yet" in str(report)
    labels = [o.tried for o in report.outcomes]
    assert len(labels) == len(set(labels)), f"a label shown twice:\n{report}"


@pytest.mark.parametrize("exercise_id", EXERCISE_IDS)
def test_every_exercise_has_six_named_wrong_answers(exercise_id):
    answers = BY_EXERCISE.get(exercise_id, [])
    assert len(answers) >= 6
    assert len({answer.__name__ for answer in answers}) == len(answers)
    assert all(hasattr(answer, "fails_at") for answer in answers)


@pytest.mark.parametrize("exercise_id, wrong", WRONG)
def test_wrong_answer_fails_for_its_bug(exercise_id, wrong):
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


@pytest.mark.parametrize("exercise_id, right", [
    pytest.param(exercise_id, right, id=f"{exercise_id}-{right.__name__}")
    for exercise_id, answers in RIGHT.items() for right in answers])
def test_right_answer_of_another_shape_passes(exercise_id, right):
    report = check(exercise_id, right)
    assert report.passed, str(report)


# The wrong answers to these exercises subclass the reference and override one method: they
# rely on these attributes of it (the ones the notebook's exercise cell gives the learner).
PINNED = {
    "bounded-queue": ((), ["items", "maxsize", "mutex", "not_empty", "not_full",
                           "all_tasks_done", "unfinished_tasks", "_full", "_wait_for"]),
    "event": ((), ["_cond", "_flag"]),
    "semaphore": ((), ["_cond", "_value"]),
    "bounded-semaphore": ((2,), ["_cond", "_value", "_initial_value"]),
    "barrier": ((2,), ["_cond", "_round", "_parties", "_broken", "_new_round", "_end_round",
                       "_break"]),
}


@pytest.mark.parametrize("exercise_id", PINNED)
def test_reference_keeps_the_attributes_wrong_answers_rely_on(exercise_id):
    args, names = PINNED[exercise_id]
    instance = solution(exercise_id)(*args)
    assert [name for name in names if not hasattr(instance, name)] == []
