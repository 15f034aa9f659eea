"""Lesson 11 against a real cluster: a scheduler and two workers started with Dask's own
command line on 127.0.0.1, named to the lesson by DASK_SCHEDULER_ADDRESS only."""

import re

import nbformat
from nbformat.v4 import new_code_cell

from coursebuild.executing import execute
from lessons.course.paths import SOLUTIONS
from tests.distributed.dask_processes import dask_cluster

LESSON = SOLUTIONS / "11_go_beyond_one_machine.ipynb"
WORKER_PIDS = "print('worker pids:', sorted(cluster.worker_pids(client).values()))"


def _printed(nb):
    return "".join(output.get("text", "") for cell in nb.cells if cell.cell_type == "code"
                   for output in cell.get("outputs", []) if output.output_type == "stream")


def test_the_lesson_runs_on_a_real_scheduler_and_its_workers(monkeypatch, tmp_path):
    with dask_cluster(workers=[("127.0.0.1", ()), ("127.0.0.1", ())]) as real:
        monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", real.address)
        nb = nbformat.read(LESSON, as_version=4)
        closing = next(i for i, cell in enumerate(nb.cells) if cell.source.startswith("client.close()"))
        nb.cells.insert(closing, new_code_cell(WORKER_PIDS))
        execute(nb, tmp_path)
        printed = _printed(nb)
        ours = real.worker_pids(0) | real.worker_pids(1)  # now: a stopped worker was replaced
    assert f"connected to: the scheduler at ‹{real.address}›" in printed
    assert "the workers' logs say: ['HELLO FROM A WORKER\\n']" in printed  # their own logs
    assert "every file counted: True" in printed
    assert "✓ word-count: passed" in "".join(
        "".join(o.get("data", {}).get("text/plain", "")) for cell in nb.cells
        for o in cell.get("outputs", []) if o.output_type == "execute_result")
    ran_on = {int(pid) for pid in re.search(r"worker pids: \[([\d, ]+)\]", printed)
              .group(1).split(",")}
    assert len(ran_on) == 2 and ran_on <= ours
