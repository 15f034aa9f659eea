"""Lesson 08's children: a lost update made certain, and fixed by the Value's lock."""

import multiprocessing
import time

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


def test_proxy_reads_ignores_a_batch_the_machine_paused():
    class PausedOnce:
        """Reads cost nothing, but the first one stalls as a busy machine may stall it."""
        reads = 0

        def __getitem__(self, index):
            self.reads += 1
            if self.reads == 1:
                time.sleep(0.05)
            return 0

    sequence = PausedOnce()
    assert sharing.proxy_reads(sequence, 300) < 0.001  # the stalled batch alone: 2.5 ms a read
    assert sequence.reads == 300
