"""Set-up for every test, notebooks included (this file sits above tests/, solutions/ and
notebooks/ so it applies to all three): the start-method rule for notebooks, the order tests
are handed to the workers in, and ``--lesson NN``, the authors' quick loop."""

import os
import re

import pytest

from tests.notebooks.notebook_files import lesson_number, lesson_numbers, starts_processes
from tests.scheduling import NotebooksWholeScheduling, longest_first

# ipykernel sets FORCE_COLOR in its kernels, and Python 3.13+ then colours tracebacks with
# escape codes, while the committed outputs are plain text. PYTHON_COLORS=0 wins over
# FORCE_COLOR, and the kernels nbval starts inherit it from this process.
os.environ["PYTHON_COLORS"] = "0"


def pytest_addoption(parser):
    parser.addoption(
        "--lesson", metavar="NN", default=None, type=_lesson_option,
        help="run only lesson NN's tests: its notebooks (under each start method if it starts "
             "processes), their leak checks and its checkers, e.g. --lesson 08")


def _lesson_option(text):
    """'8' or '08' -> '08'; anything else is refused with the lessons that exist."""
    number = text.strip().zfill(2)
    if number not in lesson_numbers():
        raise pytest.UsageError(f"--lesson {text}: there is no such lesson; the lessons are "
                                f"{', '.join(lesson_numbers())}")
    return number


def pytest_ignore_collect(collection_path, config):
    if collection_path.suffix != ".ipynb":
        return None
    # Only a folder given on the command line (`pytest solutions`) brings notebooks here: the
    # suite validates them in tests/notebooks/. One that starts processes is validated under
    # each start method in turn (test_under_<method>.py), never once under the default.
    if starts_processes(collection_path):
        return True
    lesson = config.getoption("lesson")
    if lesson is not None and lesson_number(collection_path) != lesson:
        return True
    return None


def pytest_collection_modifyitems(config, items):
    lesson = config.getoption("lesson")
    if lesson is not None:
        kept = [item for item in items if _is_about_lesson(item, lesson)]
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept
    # The workers are handed the tests in this order (tests/scheduling.py).
    items[:] = longest_first(items)


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist, called only when it runs
def pytest_xdist_make_scheduler(config, log):
    # --dist load, but with a notebook's cells kept on one worker (see tests/scheduling.py).
    if config.getvalue("dist") == "load":
        return NotebooksWholeScheduling(config, log)
    return None


def _is_about_lesson(item, lesson):
    """Is `item` one of lesson `lesson`'s tests? A notebook's cells, its checkers' file, or a
    test whose id names one of its notebooks (a start-method run, a leak check, ...)."""
    return (item.path.suffix == ".ipynb" or item.path.name == f"test_lesson_{lesson}.py"
            or re.search(rf"[\[/]{lesson}_", item.nodeid) is not None)
