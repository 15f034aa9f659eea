"""solution(): the reference answers are modules of lessons.solutions, built from solutions/,
so they pickle by reference and work in a child process under every start method."""

import multiprocessing
import pickle

import pytest

from lessons import check, solution
from lessons.course.errors import LessonError
from lessons.course.registry import exercises


def test_a_solution_pickles_by_reference():
    for exercise_id, exercise in exercises().items():
        answer = solution(exercise_id)
        assert answer.__module__ == "lessons.solutions." + exercise_id.replace("-", "_")
        assert pickle.loads(pickle.dumps(answer)) is answer


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_every_solution_unpickles_and_passes_its_check_in_a_child(method):
    # The answers travel to the children pickled, as any argument of a pool's task does; each
    # child unpickles one by importing its module, then grades it with the same check().
    ids = list(exercises())
    with multiprocessing.get_context(method).Pool(2) as pool:
        reports = pool.starmap_async(check, [(i, solution(i)) for i in ids]).get(timeout=100)
    failed = [str(report) for report in reports if not report.passed]
    assert not failed, "\n".join(failed)


def test_an_unknown_id_is_a_plain_error():
    with pytest.raises(LessonError, match="There is no exercise 'nope'"):
        solution("nope")
