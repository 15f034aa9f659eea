"""solution(): the reference answers are modules of lessons.solutions, built from solutions/,
so they pickle by reference and work in a child process under every start method."""

import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor

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
    # A ProcessPoolExecutor's workers are not daemons, so the checks of the process lessons
    # can start children of their own there (a multiprocessing.Pool's workers cannot).
    ids = list(exercises())
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(2, mp_context=context) as pool:
        reports = list(pool.map(check, ids, [solution(i) for i in ids], timeout=100))
    failed = [str(report) for report in reports if not report.passed]
    assert not failed, "\n".join(failed)


def test_an_unknown_id_is_a_plain_error():
    with pytest.raises(LessonError, match="There is no exercise 'nope'"):
        solution("nope")
