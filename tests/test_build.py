"""The notebook build: solution regions become stubs, and notebooks/ is never stale."""

import pytest

from coursebuild.blanking import BlankingError, blank_source, cell_signature, learner_notebook
from lessons.registry import exercises
from tests.notebook_files import NOTEBOOKS, SOLUTIONS, read, solution_notebooks

SOLVED = '''def f(x):
    """Doc."""
    ### BEGIN SOLUTION
    return x + 1
    ### END SOLUTION
'''


def test_region_becomes_a_stub_at_its_indentation():
    assert blank_source(SOLVED) == ('def f(x):\n    """Doc."""\n    # YOUR CODE HERE\n'
                                    '    raise NotImplementedError()\n')


def test_source_without_region_is_unchanged():
    assert blank_source("x = 1\n") == "x = 1\n"


@pytest.mark.parametrize("source, problem", [
    ("### BEGIN SOLUTION\nx = 1\n### END SOLUTION\n", "inside a function body"),
    ("def f():\n    ### BEGIN SOLUTION\n    return 1\n", "never closed"),
    ("def f():\n    return 1\n    ### END SOLUTION\n", "without"),
    ("def f():\n    ### BEGIN SOLUTION\n    ### BEGIN SOLUTION\n", "inside another region"),
    ("class C:\n    ### BEGIN SOLUTION\n    x = 1\n    ### END SOLUTION\n", "not inside a function"),
])
def test_bad_regions_are_refused(source, problem):
    with pytest.raises(BlankingError, match=problem):
        blank_source(source)


@pytest.mark.parametrize("path", solution_notebooks(), ids=lambda p: p.name)
def test_learner_notebook_is_up_to_date(path):
    fresh = learner_notebook(read(path), path.name)
    committed_path = NOTEBOOKS / path.name
    assert committed_path.exists(), f"notebooks/{path.name} is missing: run `make notebooks`"
    assert cell_signature(read(committed_path)) == cell_signature(fresh), (
        f"notebooks/{path.name} is stale: run `make notebooks`")


def test_no_learner_notebook_without_a_solution():
    assert {p.name for p in NOTEBOOKS.glob("*.ipynb")} == {p.name for p in solution_notebooks()}


@pytest.mark.parametrize("exercise_id", list(exercises()))
def test_each_exercise_has_one_solved_cell_and_a_stub(exercise_id):
    exercise = exercises()[exercise_id]
    tag = f"exercise:{exercise_id}"
    solved = [c for c in read(SOLUTIONS / f"{exercise.lesson}.ipynb").cells
              if tag in c.metadata.get("tags", [])]
    learner = [c for c in read(NOTEBOOKS / f"{exercise.lesson}.ipynb").cells
               if tag in c.metadata.get("tags", [])]
    assert len(solved) == len(learner) == 1
    assert "### BEGIN SOLUTION" in solved[0].source
    assert "raise NotImplementedError()" in learner[0].source
    assert "### BEGIN SOLUTION" not in learner[0].source
    assert f'check("{exercise_id}"' in "".join(
        c.source for c in read(SOLUTIONS / f"{exercise.lesson}.ipynb").cells)


def test_every_exercise_has_hints_and_a_known_lesson():
    lessons = {p.stem for p in solution_notebooks()}
    for exercise in exercises().values():
        assert exercise.lesson in lessons
        assert len(exercise.hints) >= 2
        assert callable(exercise.load_checker())
