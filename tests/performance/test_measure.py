"""Measuring: every runner runs the workloads it can, counts the CPU time of its worker
processes, leaves nothing running, and refuses in one line what it can't run."""

import multiprocessing
import threading

import pytest

from lessons.course.errors import LessonError
from lessons.performance import measure as m
from lessons.performance import io_cpu_workloads
from lessons.performance.runners import RUNNERS
from lessons.tools.tasks import count_task


@pytest.fixture
def nothing_left_running():
    before = set(threading.enumerate())
    yield
    assert not [t for t in threading.enumerate() if t not in before and t.is_alive()]
    assert not multiprocessing.active_children()


@pytest.mark.parametrize("runner", list(RUNNERS))
def test_every_runner_runs_sleeps(runner, nothing_left_running):
    found = m.measure("sleep", runner, workers=2, tasks=4, size=0.001)
    assert (found.workload, found.runner, found.workers, found.tasks) == ("sleep", runner, 2, 4)
    assert found.wall > 0 and found.cpu >= 0


@pytest.mark.parametrize("runner", ["threads", "asyncio"])
def test_real_io_goes_through_the_local_server(runner, nothing_left_running):
    assert m.measure("http", runner, workers=3, tasks=6, size=0.0).tasks == 6


@pytest.mark.parametrize("runner", ["processes", "asyncio + processes"])
def test_cpu_time_of_worker_processes_is_counted(runner, nothing_left_running):
    found = m.measure("count", runner, workers=2, tasks=4, size=300_000)
    # The parent only waits; the counting happened in the workers and is in found.cpu.
    assert found.cpu > 0 and found.utilisation > 0


@pytest.mark.parametrize("name", ["hash", "zlib", "mixed"])
def test_gil_releasing_and_mixed_workloads_run_on_threads(name, nothing_left_running):
    size = 10_000 if name == "mixed" else 1
    assert m.measure(name, "asyncio to_thread", workers=2, tasks=2, size=size).tasks == 2


def test_sweep_gives_serial_and_every_case_with_speedups():
    found = m.sweep("sleep", ("threads", "asyncio"), {"threads": (1, 2), "asyncio": (4,)},
                    tasks=4, size=0.001, rounds=2)
    assert [(x.runner, x.workers) for x in found] == [
        ("serial", 1), ("threads", 1), ("threads", 2), ("asyncio", 4)]
    speedups = m.speedups(found)
    assert speedups["serial", 1] == 1.0 and set(speedups) == {(x.runner, x.workers) for x in found}


def local_function(n):
    return n


@pytest.mark.parametrize("workload, runner, workers, tasks, size, says", [
    ("sleep", "threads", 0, None, None, "workers must be a whole number of at least 1, not 0"),
    ("sleep", "threads", 2.5, None, None, "workers must be a whole number"),
    ("sleep", "threads", 1, 0, None, "tasks must be a whole number of at least 1, not 0"),
    ("nap", "threads", 1, None, None, "unknown workload 'nap': choose one of sleep, http"),
    ("sleep", "fibers", 1, None, None, "unknown runner 'fibers': choose one of serial"),
    ("count", "asyncio", 1, None, None, "'count' has none: use 'asyncio to_thread'"),
    ("sleep", "processes", 100, None, None, "100 worker processes are too many"),
    ("sleep", "threads", 1, 10_000, 1.0, "would take about"),
    ("count", "serial", 1, None, 10**12, "ask for a smaller size or fewer tasks"),
])
def test_bad_input_gets_one_line(workload, runner, workers, tasks, size, says):
    with pytest.raises(LessonError, match=None) as refused:
        m.measure(workload, runner, workers, tasks=tasks, size=size)
    assert says in str(refused.value) and "\n" not in str(refused.value)


def test_a_function_no_worker_could_import_is_refused_for_processes_only():
    mine = io_cpu_workloads.of(lambda n: n, 1, tasks=2, name="mine")
    with pytest.raises(LessonError, match="cannot import it"):
        m.measure(mine, "processes", 1)
    assert m.measure(mine, "threads", 1).tasks == 2
    assert m.measure(io_cpu_workloads.of(count_task, 10, tasks=2), "processes", 1).tasks == 2


def test_a_sweep_too_long_is_refused_before_anything_runs():
    with pytest.raises(LessonError, match="this sweep would take"):
        m.sweep("sleep", ("threads",), (1,), tasks=5000, size=0.1)


def test_a_workload_needs_a_function():
    with pytest.raises(LessonError, match="needs a function"):
        io_cpu_workloads.of(42, 1)
