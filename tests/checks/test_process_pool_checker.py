"""The `process-pool` checker beyond right and wrong (tests/checks/test_exercises.py has those):
a right answer no child could import passes under every start method; a stub, whole or in a
helper, fails every line as not written, naming the function, with as many lines as a right
answer; a pool that gets stuck has the rest reported not tried; and the judgement of "every
worker exited and was joined" sees a zombie and a running worker without reaping them."""

import multiprocessing
import re
import time
import types

import pytest

from coursebuild.blanking import blank_source
from lessons import check
from lessons.checks.use_process_pools import SCRIPTS
from lessons.checks.use_process_pools.processes import left_over, state_of
from lessons.course.reference import solution_cell_source
from lessons.processes.pool_tasks import sleep_then

EXERCISE = "process-pool"
LINES = 2 + sum(len(script.checks) for script in SCRIPTS)


def _cell(source):
    """The cell's source run as a notebook cell is: in a module no child could import."""
    cell = types.ModuleType("__main__")
    exec(source, cell.__dict__)
    return cell


def test_a_right_answer_no_child_could_import_passes_under_every_method():
    report = check(EXERCISE, _cell(solution_cell_source(EXERCISE)).ProcessPool)
    assert report.passed, str(report)
    assert len(report.outcomes) == LINES
    for line in report.outcomes[2:]:  # each behaviour: its value, under each method
        assert line.expected.startswith("under fork, spawn and forkserver: "), line
        assert line.seen.startswith("under fork"), line
    assert not multiprocessing.active_children()


def test_the_blank_stub_fails_every_line_as_not_written_naming_the_function():
    report = check(EXERCISE, _cell(blank_source(solution_cell_source(EXERCISE))).ProcessPool)
    assert len(report.outcomes) == LINES, str(report)
    failed = [line for line in report.outcomes if line.passed is False]
    assert len(failed) == LINES - 2, str(report)  # the class line and max_workers=0 (given) pass
    assert all("__init__() raises NotImplementedError" in line.seen for line in failed)
    assert not multiprocessing.active_children()


def test_a_stub_left_in_a_helper_is_named_and_every_line_still_reported():
    source = solution_cell_source(EXERCISE)
    # Blank only the body of _complete, as a learner who wrote everything else would leave it.
    start = source.index("    def _complete(self, worker):")
    begin = source.index("### BEGIN SOLUTION", start)
    end = source.index("### END SOLUTION", begin)
    stubbed = source[:begin] + "raise NotImplementedError()\n        " + source[end:]
    report = check(EXERCISE, _cell(stubbed).ProcessPool)
    assert len(report.outcomes) == LINES, str(report)
    assert not report.passed
    named = [line for line in report.outcomes if "_complete() raises" in line.seen]
    assert named and all(line.passed is False for line in named), str(report)
    assert not multiprocessing.active_children()


class _NeverAnswers:
    """A pool whose futures never end: every wait for one runs out of patience."""

    def __init__(self, max_workers=None, mp_context=None):
        from concurrent.futures import Future
        self.future = Future

    def submit(self, fn, /, *args, **kwargs):
        return self.future()

    def shutdown(self, wait=True, *, cancel_futures=False):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_after_a_stuck_call_the_rest_is_reported_not_tried_within_seconds():
    began = time.monotonic()
    report = check(EXERCISE, _NeverAnswers)
    took = time.monotonic() - began
    assert len(report.outcomes) == LINES, str(report)
    states = [line.passed for line in report.outcomes]
    assert states.count(False) >= 2 and states.count(None) >= LINES - 4, str(report)
    assert "still pending after 5 s" in str(report)
    assert re.search(r"not tried", report.summary()), report.summary()
    assert took < 20, f"{took:.1f} s"


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_a_worker_that_exited_unjoined_is_seen_without_being_reaped(method):
    context = multiprocessing.get_context(method)
    process = context.Process(target=sleep_then, args=(0,))
    process.start()
    pid = process.pid
    try:
        deadline = time.monotonic() + 10
        while state_of(pid) == "running" and time.monotonic() < deadline:
            time.sleep(0.01)
        assert state_of(pid) == "zombie"
        assert "1 worker ended but never joined" in left_over({pid}, {process})
        assert state_of(pid) == "zombie"  # looking did not reap it
    finally:
        process.join(5)
    assert state_of(pid) == "gone"
    assert left_over({pid}, {process}) == ""


def test_a_running_worker_is_seen_running():
    process = multiprocessing.get_context("fork").Process(target=sleep_then, args=(30,))
    process.start()
    try:
        assert left_over({process.pid}, {process}) == "1 worker still running"
    finally:
        process.kill()
        process.join(5)
