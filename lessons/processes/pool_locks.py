"""Lesson 09: a lock and a shared value for a pool's tasks, the two ways that work.

A ``multiprocessing.Lock`` or ``Value`` cannot be an argument of a pool task: pickling one
outside the start of a process raises ``RuntimeError`` ("… should only be shared between
processes through inheritance"). So either each worker receives them as it starts — the
pool's ``initializer`` stores them in this module's globals (``share``), and the tasks use
them from there (``add_shared``) — or a ``Manager`` holds them, and the tasks get proxies,
which pickle like any argument (``add_through``). Children return nothing to print.
"""

__all__ = ["share", "add_shared", "add_through", "hold"]

# Set in each worker by `share`, the pool's initializer: the worker inherits them at start.
_lock = None
_total = None


def hold(lock):
    """A task that takes `lock` as an argument: it never runs, pickling the lock fails first."""
    with lock:
        return True


def share(lock, total):
    """Pool initializer: keep the lock and the shared value for this worker's tasks."""
    global _lock, _total
    _lock, _total = lock, total


def add_shared(n):
    """Add `n` to the value `share` stored, under the lock it stored; returns None."""
    with _lock:  # `+=` reads, then writes: two processes must not interleave them
        _total.value += n


def add_through(lock, total, n):
    """Add `n` to a Manager's value proxy `total`, under its lock proxy `lock`; returns None."""
    with lock:  # a proxy's `+=` is a get, then a set: two round trips to the manager
        total.value += n
