"""Checker for lesson 08's exercise `process-pipeline`.

The contract it proves, each line under fork, spawn and forkserver:
``run_pipeline(function, items, workers=2, timeout=10)`` starts `workers` processes running
``lessons.processes.tasks.pipeline_worker`` at the same time, feeds them every item, stops
each with its own sentinel, and

* returns every result exactly once, in the items' order (not the order they arrive),
  results too big for a pipe's buffer included, ``[]`` for no items;
* puts an item's exception in its place, and still does the rest;
* raises ``ChildProcessError`` when a worker dies (killed mid-way), promptly — before its
  timeout, whatever the other workers are doing (one busy with a long item included);
* raises ``TimeoutError`` (not ``queue.Empty``) once `timeout` seconds have passed for the
  whole call, though results keep coming, each well within `timeout` of the last;
* returns or raises only once every worker is joined: none is left running, whatever
  happened.

Orders are forced with probes, not sleeps: items that finish in reverse order by
construction (a shared counter), tasks that only succeed if all workers run at once (a
Barrier), a worker that dies only once another is busy (a file the busy one creates).
The calls of one start method run at the same time. "Promptly" is the one timing: within 8 s
for calls that take a fraction of a second when right (children start slowly on a busy
machine; calls made together may take as long again while others end); the probes wait
longer than that, so a candidate that runs items one at a time is stuck, not lucky.
"""

import functools
import multiprocessing
import os

from lessons.checks.kit.process_probes import Behaviour, each_method, fixed, raised, returned
from lessons.processes.tasks import (busy_or_die, fail_on, finish_in_reverse, make_bytes,
                                       meet, square, square_slowly)

__all__ = ["check_run_pipeline"]

LIMIT = 8.0  # seconds any one call may take when right (a busy machine starts children slowly)
PATIENCE = LIMIT + 2  # probes wait longer than a call may take: a wrong answer is then stuck
SOON = 30.0  # the timeout given where a dead worker must stop the call long before it


def check_run_pipeline(run_pipeline):
    yield from each_method(run_pipeline, PIPELINE, LIMIT)


def _reverse_finishers(folder):
    turn = multiprocessing.Value("i", 0)
    return (functools.partial(finish_in_reverse, turn, 1, patience=PATIENCE), [0, 1]), {}, None


def _three_meeting(folder):
    barrier = multiprocessing.Barrier(3, timeout=PATIENCE)
    return (functools.partial(meet, barrier), [0, 1, 2]), {"workers": 3}, None


def _errors_in_place(attempt, _):
    right = [repr(ValueError("bad item 3")) if n == 3 else repr(n * n) for n in range(10)]
    if attempt.in_time and attempt.raised is None and isinstance(attempt.returned, list):
        if [repr(r) for r in attempt.returned] == right:
            return True, SQUARES
    return False, attempt.how()


def _busy_then_dead(folder):
    started = os.path.join(folder, f"busy-{multiprocessing.get_start_method()}")
    return (functools.partial(busy_or_die, started, PATIENCE), [0, 1]), {"timeout": SOON}, None


def _trickle(folder):
    """Results every quarter of the timeout or sooner, for twice the timeout: only the whole
    call's clock stops it. The first comes as soon as a worker has started, well within the
    timeout: 1 s (half a second under fork, whose children start at once, one call at a
    time)."""
    timeout = 0.5 if multiprocessing.get_start_method() == "fork" else 1.0
    items = range(1 + 2 * 2 * 4)  # two workers, each result a quarter timeout: 2 timeouts' work
    return (functools.partial(square_slowly, timeout / 4), items), {"timeout": timeout}, None


def _lengths(value):
    try:
        return f"items of lengths {[len(v) for v in value]}"
    except TypeError:
        return repr(value)


SQUARES = "[0, 1, 4, ValueError('bad item 3'), 16, …, 81], in item order"
PIPELINE = [
    Behaviour("run_pipeline(partial(fail_on, 3), range(10)): every result once, in item "
              "order, item 3's ValueError in its place", SQUARES,
              fixed(functools.partial(fail_on, 3), range(10)), _errors_in_place),
    Behaviour("run_pipeline(f, [0, 1, 2], workers=3) where f returns 'met' only if 3 workers "
              "run at once", "['met', 'met', 'met']", _three_meeting,
              returned(["met"] * 3, "['met', 'met', 'met']")),
    Behaviour("run_pipeline(f, [0, 1]) where item 1 finishes first: results in item order",
              "[0, 10], in item order", _reverse_finishers,
              returned([0, 10], "[0, 10], in item order")),
    Behaviour("run_pipeline(make_bytes, [200_000] * 4): results bigger than a pipe's buffer",
              "4 results of 200,000 zero bytes", fixed(make_bytes, [200_000] * 4),
              returned([bytes(200_000)] * 4, "4 results of 200,000 zero bytes", _lengths)),
    Behaviour("run_pipeline(square_slowly, range(17), timeout=t): results keep coming, each "
              "within t/4, for 2t: timeout bounds the whole call",
              "TimeoutError after about t, no worker left running", _trickle,
              raised(TimeoutError, "TimeoutError")),
    Behaviour(f"run_pipeline(busy_or_die, [0, 1], timeout={SOON:g}): a worker killed while the "
              "other is busy with a long item", f"ChildProcessError before its timeout "
              f"({SOON:g} s), promptly, the busy worker stopped", _busy_then_dead,
              raised(ChildProcessError, "ChildProcessError, promptly")),
    Behaviour("run_pipeline(square, []): []", "[]", fixed(square, []), returned([], "[]")),
]
