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


def test_put_does_not_pickle_so_a_list_changed_after_put_arrives_changed():
    data, q, gate = [1], multiprocessing.Queue(), sharing.FeederGate()
    q.put(gate)
    q.put(data)
    data.append(2)
    gate.open()
    assert [q.get(timeout=30), q.get(timeout=30)] == ["gate", [1, 2]]
    q.close()
    q.join_thread()


def test_a_forked_sibling_holds_the_pipe_end_open_and_a_spawned_one_does_not():
    assert {method: sharing.eof_with_a_sibling_alive(method, wait=0.2)
            for method in ("fork", "spawn", "forkserver")} == {
        "fork": False, "spawn": True, "forkserver": True}
