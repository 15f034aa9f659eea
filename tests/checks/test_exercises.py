"""Checker tests that span the lessons: no lesson's checkers go untested, every answer names an
exercise that exists, and the references keep what wrong answers rely on. Each lesson's checker
tests (reference, stub, wrong and right answers) are in tests/checks/test_lesson_NN.py."""

from pathlib import Path

import pytest

from lessons import solution
from lessons.course.registry import exercises
from tests.checks.exercise_tests import lessons_with_exercises
from tests.checks.right_answers import BY_EXERCISE as RIGHT
from tests.checks.wrong_answers import BY_EXERCISE as WRONG

HERE = Path(__file__).parent


def test_every_lesson_with_exercises_has_its_checker_test_file():
    missing = [f"test_lesson_{lesson}.py" for lesson in lessons_with_exercises()
               if not (HERE / f"test_lesson_{lesson}.py").exists()]
    assert not missing, (f"add {missing} to tests/checks/ (a copy of test_lesson_01.py with "
                         "the lesson's number), or its exercises' checkers go untested")


def test_every_answer_is_for_an_exercise_that_exists():
    unknown = (set(WRONG) | set(RIGHT)) - set(exercises())
    assert not unknown, f"answers for exercises that do not exist: {sorted(unknown)}"


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
