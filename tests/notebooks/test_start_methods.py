"""The start-method harness itself: it passes a process notebook under every method, catches a
process left running and a run that fell back to the default method; and every notebook that
starts processes is marked so (the lessons' runs are in test_under_<method>.py)."""

import multiprocessing
import re

import pytest

from tests.notebooks.notebook_files import ROOT, all_notebooks, code_cells, read, starts_processes
from tests.notebooks.start_method_matrix import (METHODS, expected_probe_output, failure,
                                                 run_under)

FIXTURES = ROOT / "tests" / "notebooks" / "fixtures"
DEMO, LEAKY = FIXTURES / "processes_demo.ipynb", FIXTURES / "leaves_a_process.ipynb"
# Code that starts processes; a notebook holding any of it must say it starts processes.
STARTS_PROCESSES = re.compile(r"ProcessPoolExecutor|multiprocessing\.(Process|Pool)\b|"
                              r"get_context\(|lessons\.processes|from multiprocessing import")


@pytest.mark.parametrize("method", METHODS)
def test_the_harness_passes_a_process_notebook_under(method, tmp_path):
    # Under spawn and forkserver the resource tracker (and the forkserver) stay alive: allowed.
    done = run_under(DEMO, method, tmp_path)
    assert done.returncode == 0, failure(done)
    assert re.search(r"\b8 passed\b", done.stdout), failure(done)  # 4 cells + 4 added


@pytest.mark.parametrize("method", METHODS)
def test_a_process_left_running_fails_under(method, tmp_path):
    done = run_under(LEAKY, method, tmp_path)
    assert done.returncode != 0
    assert "child processes left running" in done.stdout, failure(done)


def test_a_harness_that_falls_back_to_the_default_method_fails(tmp_path):
    default = multiprocessing.get_start_method()
    claimed = next(method for method in METHODS if method != default)
    done = run_under(DEMO, claimed, tmp_path, set_method=False)
    assert done.returncode != 0
    assert expected_probe_output(default).strip() in done.stdout, failure(done)


def test_every_notebook_that_starts_processes_says_so():
    for path in all_notebooks():
        nb = read(path)
        code = "\n".join(cell.source for cell in code_cells(nb))
        if STARTS_PROCESSES.search(code):
            assert starts_processes(nb), (f"{path.name} starts processes: add "
                                          '"lessons": {"starts_processes": true} to its metadata')
