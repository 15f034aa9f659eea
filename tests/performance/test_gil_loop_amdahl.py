"""The GIL helpers, the blocked event loop, and Amdahl's law."""

import multiprocessing
import sys
import threading

import pytest

from lessons.performance import amdahl, blocked_loop, gil, overhead


def test_gil_enabled_follows_the_interpreter():
    probe = getattr(sys, "_is_gil_enabled", None)
    assert gil.gil_enabled() is (True if probe is None else probe())
    assert isinstance(gil.free_threaded_build(), bool)


def test_switch_interval_is_restored_even_after_an_error():
    old = sys.getswitchinterval()
    with pytest.raises(RuntimeError):
        with gil.switch_interval(0.001):
            assert sys.getswitchinterval() == pytest.approx(0.001)
            raise RuntimeError
    assert sys.getswitchinterval() == old


def test_convoy_measures_both_cases_and_joins_its_thread():
    before = threading.active_count()
    alone, busy = gil.convoy(duration=0.05)
    assert alone >= 0 and busy >= 0
    assert threading.active_count() == before


@pytest.mark.skipif(not gil.gil_enabled(), reason="without a GIL nothing stops the other thread")
def test_pause_beside_a_call_that_keeps_the_gil_is_about_all_of_it():
    before = threading.active_count()
    pause, took = gil.pause_beside(lambda: sum(range(3_000_000)))  # one C call, GIL held
    # The other thread may slip in only before the call's first C instruction.
    assert pause > took / 2
    assert threading.active_count() == before


def test_pause_beside_hashing_is_short():
    from lessons.performance.tasks import hash_buffer, prepare_buffer

    prepare_buffer(64)
    pause, took = gil.pause_beside(lambda: [hash_buffer(64) for _ in range(4)])
    # hashlib releases the GIL: the other thread runs on, paused only by the OS's scheduling.
    assert pause < took / 2


def test_loop_stalls_measures_every_way_and_leaves_nothing_running():
    found = blocked_loop.loop_stalls(size=50_000)
    assert list(found) == list(blocked_loop.WAYS)
    assert all(late >= 0 and ticks >= 0 and took > 0 for late, ticks, took in found.values())
    assert found["in the loop"][1] == 0  # the ticker cannot run while the loop is blocked
    assert not multiprocessing.active_children()


def test_amdahl_curve():
    assert amdahl.amdahl_speedup(1, 0.3) == pytest.approx(1)
    assert amdahl.amdahl_speedup(8, 0) == pytest.approx(8)
    assert amdahl.amdahl_speedup(4, 0.5) == pytest.approx(1 / (0.5 + 0.125))
    assert amdahl.ceiling(0.25) == 4 and amdahl.ceiling(0) == float("inf")
    with pytest.raises(ValueError, match="between 0 and 1"):
        amdahl.amdahl_speedup(2, 1.5)


def test_overhead_measures_tiny_tasks_and_a_crossover_on_both_runners():
    assert all(overhead.per_task_cost(runner, tasks=20) > 0 for runner in overhead.RUNNERS)
    per_task, first = overhead.crossover(sizes=(10, 1000), tasks=4)
    assert set(per_task) == set(overhead.RUNNERS)
    assert all(len(found) == 2 and min(found) > 0 for found in per_task.values())
    assert first in (None, 10, 1000)
    assert not multiprocessing.active_children()


def test_crossover_words_say_a_size_or_that_there_was_none():
    assert overhead.crossover_words(100_000) == (
        "processes first beat threads at tasks counting to 100,000")
    assert overhead.crossover_words(None) == "processes did not beat threads at any size tried"
