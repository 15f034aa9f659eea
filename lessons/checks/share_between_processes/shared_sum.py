"""Checker for lesson 08's exercise `shared-sum`.

The contract it proves, each line under fork, spawn and forkserver:
``shared_sum(values, workers=2, timeout=10, worker=sum_slice)`` puts the values in *one*
shared memory block, has processes each sum a slice of it in place (every item in exactly one
slice, however many values and workers: fewer values than workers, sizes that don't divide
evenly), and

* returns the total; ``0`` for no values;
* creates exactly one block, which every worker reads, and leaves none allocated afterwards
  (the block is unlinked whatever happened);
* raises ``ChildProcessError`` when a worker fails, promptly;
* raises ``TimeoutError`` once `timeout` seconds pass with a worker that never finishes;
* returns or raises only once every worker is joined: none is left running.

What the call does is seen from outside: the workers it is handed tell the checker the name of
the block they read (a queue of the checker's), and the blocks created in this process are
the ones registered with multiprocessing's resource tracker during the call (``SharedMemory``
registers each block it creates, in the thread that creates it). The calls of one start
method run at the same time. "Promptly": within 6 s for calls that take a fraction of a
second when right.
"""

import functools
import multiprocessing
import multiprocessing.resource_tracker as resource_tracker
import threading
from contextlib import contextmanager
from multiprocessing import shared_memory

from lessons.checks.kit.process_probes import Behaviour, each_method
from lessons.processes.tasks import fail_slice, hang_slice, sum_slice_telling

__all__ = ["check_shared_sum"]

LIMIT = 8.0  # seconds any one call may take when right (a busy machine starts children slowly)
SHORT = 0.5  # seconds: the timeout given with a worker that never finishes


def check_shared_sum(shared_sum):
    yield from each_method(shared_sum, SHARED_SUM, LIMIT, watch=_blocks_created)


@contextmanager
def _blocks_created():
    """The shared memory blocks this process registers in the body (creates), as a list of
    ``(thread, block name)``: ``SharedMemory(create=True)`` registers its block with the
    resource tracker. The tracker's function is wrapped only for the body, and still works."""
    created, lock = [], threading.Lock()
    original = resource_tracker.register

    def register(name, rtype):
        if rtype == "shared_memory":
            with lock:  # block.name has no leading slash
                created.append((threading.current_thread(), name.lstrip("/")))
        return original(name, rtype)

    resource_tracker.register = register
    try:
        yield created
    finally:
        resource_tracker.register = original


def _telling(values, then=None, **kwargs):
    """Call with a worker that tells the checker the name of the block it reads."""
    def setup(folder):
        names = multiprocessing.SimpleQueue()
        worker = functools.partial(sum_slice_telling, names, then=then)
        return (values,), {**kwargs, "worker": worker}, names
    return setup


def _plain(values):
    return lambda folder: ((values,), {}, None)


def _blocks(attempt, names):
    """(how many distinct blocks the call created or its workers read, how many are left)."""
    found = set(attempt.watched)
    while names is not None and not names.empty():
        found.add(names.get())
    if names is not None:
        names.close()
    return len(found), _unlink_left(found)


def _unlink_left(names):
    """How many of the blocks `names` still exist; unlinks them, so none outlives the check."""
    left = 0
    for name in names:
        try:
            block = shared_memory.SharedMemory(name=name)
        except FileNotFoundError:
            continue  # unlinked, as it should be
        left += 1
        block.close()
        block.unlink()
    return left


def _left_said(left):
    return f"{left} shared memory block(s) left allocated, not unlinked" if left else ""


def _total(expected, said, blocks=1, processes=None):
    """A judge: returned `expected`, from `blocks` shared memory block(s), none left, summed
    by `processes` worker processes (if given: one per slice, a slice per worker)."""
    def judge(attempt, names):
        used, left = _blocks(attempt, names)
        problems = [_left_said(left)] if left else []
        if used != blocks:
            problems.append(f"{used} shared memory blocks created or read, not {blocks}")
        if processes is not None and len(attempt.started) != processes:
            problems.append(f"{len(attempt.started)} worker process(es) started, not "
                            f"{processes} (one per slice, a slice per worker)")
        if attempt.in_time and attempt.raised is None and attempt.returned == expected:
            return (False, "; ".join([f"returned {expected!r}"] + problems)) if problems \
                else (True, said)
        return False, "; ".join([attempt.how()] + problems)
    return judge


def _raised(kind, said):
    """A judge: raised `kind`, and left no block allocated."""
    def judge(attempt, names):
        _, left = _blocks(attempt, names)
        if attempt.in_time and isinstance(attempt.raised, kind) and not left:
            return True, said
        return False, "; ".join(filter(None, [attempt.how(), _left_said(left)]))
    return judge


ONE_BLOCK = "from one shared memory block that every worker reads, unlinked afterwards"
SHARED_SUM = [
    Behaviour("shared_sum(list(range(1000))), 2 workers: one shared memory block",
              f"499500, {ONE_BLOCK}, by 2 worker processes", _telling(list(range(1000))),
              _total(499500, f"499500, {ONE_BLOCK}, by 2 worker processes", processes=2)),
    Behaviour("shared_sum([5, -2], workers=3): fewer values than workers",
              "3, each item in exactly one slice", _telling([5, -2], workers=3),
              _total(3, "3, each item in exactly one slice")),
    Behaviour("shared_sum(list(range(5)), workers=3): slices that can't all be the same size",
              "10, each item in exactly one slice, by 3 worker processes",
              _telling(list(range(5)), workers=3),
              _total(10, "10, each item in exactly one slice, by 3 worker processes",
                     processes=3)),
    Behaviour("shared_sum(list(range(100)), worker=<one that fails>): a failed worker",
              "ChildProcessError, promptly, the block unlinked",
              _telling(list(range(100)), then=fail_slice),
              _raised(ChildProcessError, "ChildProcessError, the block unlinked")),
    Behaviour(f"shared_sum(list(range(100)), timeout={SHORT:g}, worker=<one that never "
              "finishes>): timeout honoured", "TimeoutError, no worker left running, the block "
              "unlinked", _telling(list(range(100)), then=hang_slice, timeout=SHORT),
              _raised(TimeoutError, "TimeoutError, the block unlinked")),
    Behaviour("shared_sum([]): no values", "0, no block left allocated", _plain([]),
              _total(0, "0, no block left allocated", blocks=0)),
]
