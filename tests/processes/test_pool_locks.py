"""Lesson 09's lock for pool tasks: refused as a task's argument, shared by inheritance (the
pool's initializer) or through a Manager, with no addition lost, under every start method."""

import multiprocessing

import pytest

from lessons.processes import pool_locks

METHODS = ("fork", "spawn", "forkserver")


@pytest.mark.parametrize("method", METHODS)
def test_a_lock_or_a_value_as_a_tasks_argument_is_refused(method):
    context = multiprocessing.get_context(method)
    with context.Pool(1) as pool:
        for shared, kind in ((context.Lock(), "Lock"), (context.Value("i", 0), "Synchronized")):
            with pytest.raises(RuntimeError, match=f"^{kind} objects should only be shared "
                                                   "between processes through inheritance$"):
                pool.apply_async(pool_locks.hold, (shared,)).get(timeout=30)
    assert not multiprocessing.active_children()


@pytest.mark.parametrize("method", METHODS)
def test_the_initializer_shares_them_and_no_addition_is_lost(method):
    context = multiprocessing.get_context(method)
    lock, total = context.Lock(), context.RawValue("i", 0)
    with context.Pool(2, initializer=pool_locks.share, initargs=(lock, total)) as pool:
        pool.map_async(pool_locks.add_shared, [1] * 400, chunksize=5).get(timeout=60)
    assert total.value == 400


@pytest.mark.parametrize("method", METHODS)
def test_a_managers_proxies_travel_as_arguments(method):
    context = multiprocessing.get_context(method)
    with context.Manager() as manager:
        lock, total = manager.Lock(), manager.Value("i", 0)
        with context.Pool(2) as pool:
            pool.starmap_async(pool_locks.add_through, [(lock, total, 2)] * 30).get(timeout=60)
        assert total.value == 60
    assert not multiprocessing.active_children()
