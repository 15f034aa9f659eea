"""solution(): the reference answers are modules of lessons.solutions, built from solutions/,
so they pickle by reference and work in a child process under every start method;
show_solution() prints an exercise's whole reference cell, helpers included."""

import inspect
import multiprocessing
import pickle
import types
from concurrent.futures import ProcessPoolExecutor

import pytest

from coursebuild.blanking import blank_source
from lessons import check, show_solution, solution
from lessons.course.reference import solution_cell_source, solution_source
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


# --- the whole reference cell: solution_source / show_solution ---------------------------------

def _as_a_cell(*sources):
    """Run `sources` one after another in one namespace, as cells of a notebook would."""
    cell = types.ModuleType("__main__")  # like a notebook's: no child process imports it
    for source in sources:
        exec(source, cell.__dict__)
    return cell


@pytest.mark.parametrize("exercise_id", list(exercises()))
def test_solution_source_is_the_whole_exercise_cell_without_markers(exercise_id):
    cell = solution_cell_source(exercise_id)
    expected = "".join(line for line in cell.splitlines(keepends=True)
                       if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))
    assert solution_source(exercise_id) == expected.rstrip("\n") + "\n"
    assert "NotImplementedError()" not in solution_source(exercise_id)


def test_pasting_the_function_alone_leaves_a_helper_blank_and_the_whole_cell_does_not():
    # run-in-process: `run_in_process` calls `_how_it_ended`, which the exercise also blanks.
    stub = blank_source(solution_cell_source("run-in-process"))
    function_only = _as_a_cell(stub, inspect.getsource(solution("run-in-process")))
    assert not check("run-in-process", function_only.run_in_process).passed
    whole_cell = _as_a_cell(stub, solution_source("run-in-process"))
    report = check("run-in-process", whole_cell.run_in_process)
    assert report.passed, str(report)
    assert not multiprocessing.active_children()


def test_show_solution_prints_the_whole_cell_after_one_comment_line(capsys):
    show_solution("process-pool")
    printed = capsys.readouterr().out
    first, rest = printed.split("\n\n", 1)
    assert first == "# The reference answer to 'process-pool' (09_use_process_pools): the whole cell."
    assert rest == solution_source("process-pool")
    assert "def _death_of(" in rest and "class ProcessPool(Executor):" in rest


def test_show_solution_of_an_unknown_id_is_a_plain_error():
    with pytest.raises(LessonError, match="There is no exercise 'nope'"):
        show_solution("nope")
