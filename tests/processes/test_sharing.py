"""Lesson 08's children: a lost update made certain, and fixed by the Value's lock."""

import multiprocessing

from lessons.processes import sharing


def _run_two(target, *args):
    children = [multiprocessing.Process(target=target, args=args) for _ in range(2)]
    for child in children:
        child.start()
    for child in children:
        child.join(30)
    assert [child.exitcode for child in children] == [0, 0]


def test_lockstep_loses_exactly_one_update_per_round():
    counter = multiprocessing.Value("i", 0)
    _run_two(sharing.add_in_lockstep, counter, 50, multiprocessing.Barrier(2, timeout=10))
    assert counter.value == 50


def test_the_values_lock_loses_none():
    counter = multiprocessing.Value("i", 0)
    _run_two(sharing.add_with_lock, counter, 500)
    assert counter.value == 1000
