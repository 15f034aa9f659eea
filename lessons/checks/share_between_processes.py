"""Checkers for lesson 08, Share between processes: `process-pipeline` and `shared-sum`.

`process-pipeline`, the contract proved under each of fork, spawn and forkserver:
``run_pipeline(function, items, workers=2, timeout=10)`` starts `workers` processes running
``lessons.processes.workers.pipeline_worker`` at the same time, feeds them every item, stops
each with its own sentinel, and returns every result exactly once, in the items' order (not
the order they arrive), results too big for a pipe's buffer included; an item whose call
raised has its exception in its place; a worker killed mid-way is reported as
``ChildProcessError``, promptly, not waited for; nothing is left running.

`shared-sum`: ``shared_sum(values, workers=2, timeout=10, worker=sum_slice)`` puts the values
in one shared memory block, has `workers` processes each sum a slice of it in place (every
item in exactly one slice), returns the total; ``0`` for no values; a failing worker is
reported as ``ChildProcessError``, promptly; and the block is unlinked afterwards, whether the
workers succeeded or not, with no child left running.

Orders are forced with probes, not sleeps: items that finish in reverse order by construction
(a shared counter), tasks that only succeed if all workers run at once (a Barrier). "Promptly"
is the one timing: within 6 s for calls that take a fraction of a second when right (children
start slowly on a busy machine); the probes wait longer than that, so a candidate that runs
items one at a time is stuck, not lucky.
"""

import functools
import multiprocessing
from multiprocessing import shared_memory

from lessons.checks.process_probes import each_method, fixed
from lessons.processes.workers import (die_on, fail_on, finish_in_reverse,
                                       make_bytes, meet, square, sum_slice_telling)

__all__ = ["check_run_pipeline", "check_shared_sum"]

LIMIT = 6.0  # seconds any one call may take when right (a busy machine starts children slowly)
PATIENCE = LIMIT + 2  # probes wait longer than a call may take: a wrong answer is then stuck


def check_run_pipeline(run_pipeline):
    yield from each_method(run_pipeline, PIPELINE, LIMIT)


def _reverse_finishers():
    turn = multiprocessing.Value("i", 0)
    return (functools.partial(finish_in_reverse, turn, 1, patience=PATIENCE), [0, 1]), {}, None


def _three_meeting():
    barrier = multiprocessing.Barrier(3, timeout=PATIENCE)
    return (functools.partial(meet, barrier), [0, 1, 2]), {"workers": 3}, None


def _expect(value, show=repr):
    def judge(attempt, _):
        if attempt.raised is None and attempt.returned == value:
            return "ok"
        return attempt.how(show)
    return judge


def _errors_in_place(attempt, _):
    if attempt.raised is None and isinstance(attempt.returned, list):
        shown = [repr(r) for r in attempt.returned]
        if shown == ["0", "1", "4", "ValueError('bad item 3')", "16"]:
            return "ok"
    return attempt.how()


def _child_process_error(attempt, _):
    return "ok" if isinstance(attempt.raised, ChildProcessError) else attempt.how()


def _lengths(value):
    try:
        return f"items of lengths {[len(v) for v in value]}"
    except TypeError:
        return repr(value)


PIPELINE = {
    "run_pipeline(square, range(10)): every result once, in order":
        (fixed(square, range(10)), _expect([n * n for n in range(10)])),
    "run_pipeline(f, [0, 1]) where item 1 finishes first: results in item order":
        (_reverse_finishers, _expect([0, 10])),
    "run_pipeline(f, [0, 1, 2], workers=3) where f returns 'met' only if 3 workers run at once":
        (_three_meeting, _expect(["met"] * 3)),
    "run_pipeline(make_bytes, [200_000] * 4): results bigger than a pipe's buffer":
        (fixed(make_bytes, [200_000] * 4), _expect([bytes(200_000)] * 4, _lengths)),
    "run_pipeline(partial(fail_on, 3), range(5)): the ValueError in its place, the rest done":
        (fixed(functools.partial(fail_on, 3), range(5)), _errors_in_place),
    "run_pipeline(partial(die_on, 2), range(6)): a worker killed, ChildProcessError, promptly":
        (fixed(functools.partial(die_on, 2), range(6)), _child_process_error),
    "run_pipeline(square, []): []": (fixed(square, []), _expect([])),
}


def check_shared_sum(shared_sum):
    yield from each_method(shared_sum, SHARED_SUM, LIMIT)


def _telling(values, fail=False, **kwargs):
    """Call with a worker that tells the checker the block's name, to see it unlinked."""
    def setup():
        names = multiprocessing.SimpleQueue()
        worker = functools.partial(sum_slice_telling, names, fail=fail)
        return (values,), {**kwargs, "worker": worker}, names
    return setup


def _sum_and_unlinked(expected):
    def judge(attempt, names):
        leaked = _leaked_blocks(names)
        if attempt.raised is not None or attempt.returned != expected:
            return attempt.how() + (f", {leaked}" if leaked else "")
        return leaked or "ok"
    return judge


def _failure_reported(attempt, names):
    leaked = _leaked_blocks(names)
    if not isinstance(attempt.raised, ChildProcessError):
        return attempt.how() + (f", {leaked}" if leaked else "")
    return leaked or "ok"


def _leaked_blocks(names):
    """'' if every block the workers were given is unlinked; else unlink them, say how many."""
    found = set()
    while not names.empty():
        found.add(names.get())
    leaked = 0
    for name in found:
        try:
            block = shared_memory.SharedMemory(name=name)
        except FileNotFoundError:
            continue  # unlinked, as it should be
        leaked += 1
        block.close()
        block.unlink()
    names.close()
    return f"{leaked} shared memory block(s) left, not unlinked" if leaked else ""


SHARED_SUM = {
    "shared_sum(list(range(1000))), 2 workers: 499500, the block unlinked after":
        (_telling(list(range(1000))), _sum_and_unlinked(499500)),
    "shared_sum([5, -2, 7], workers=3): each item in exactly one slice":
        (_telling([5, -2, 7], workers=3), _sum_and_unlinked(10)),
    "shared_sum(list(range(10)), workers=4): uneven slices": (_telling(list(range(10)),
                                                                       workers=4),
                                                              _sum_and_unlinked(45)),
    "shared_sum(list(range(100)), worker=<one that fails>): ChildProcessError, promptly, "
    "the block unlinked": (_telling(list(range(100)), fail=True), _failure_reported),
    "shared_sum([]): 0": (fixed([]), _expect(0)),
}
