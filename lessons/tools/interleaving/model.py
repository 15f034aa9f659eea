"""The model world that thread programs run in: shared state, and locks whose acquire blocks.

``yield state.lock.acquire()`` pauses a thread in front of the lock; its next step first takes
the lock, which it can't while another thread holds it. ``state.lock.release()`` is an
ordinary call. ``freeze`` snapshots a state by value, so the explorer can tell when two
schedules have reached the same one.
"""

import threading
from dataclasses import dataclass

__all__ = ["Lock", "RLock", "Acquire", "Shared", "Unfreezable", "freeze", "freeze_or_none",
           "stepping_thread"]

# The thread run being stepped right now (set by lessons.tools.interleaving.stepping), so a
# model lock knows who calls it.
_stepping = threading.local()


def stepping_thread():
    """The ThreadRun being stepped in this (real) thread, or None."""
    return getattr(_stepping, "thread", None)


def set_stepping_thread(thread):
    _stepping.thread = thread


class Lock:
    """A model of threading.Lock: ``yield lock.acquire()`` blocks while another thread holds
    it; ``lock.release()`` frees it. Not re-entrant: its holder blocks on it too."""

    reentrant = False

    def __init__(self, name=None):
        self.name = name
        self.owner = None  # name of the thread holding it
        self.count = 0

    def acquire(self):
        request = Acquire(self)
        thread = stepping_thread()
        if thread is not None:
            thread.requests.append(request)  # must be yielded: see ThreadRun.step
        return request

    def release(self):
        thread = stepping_thread()
        if self.owner is None:
            raise RuntimeError(f"release unlocked lock {self.name!r}")
        if self.reentrant and thread is not None and self.owner != thread.name:
            raise RuntimeError(f"cannot release un-acquired lock {self.name!r}")
        self.count -= 1
        if self.count == 0:
            self.owner = None

    def free_for(self, thread_name):
        return self.owner is None or (self.reentrant and self.owner == thread_name)

    def take(self, thread_name):
        self.owner = thread_name
        self.count += 1

    def __enter__(self):
        raise TypeError("a model lock can't be used in `with`: its acquire may block, so write "
                        "`yield s.lock.acquire()` ... `s.lock.release()`")

    def __exit__(self, *exc):
        return False

    def __repr__(self):
        held = "free" if self.owner is None else f"held by {self.owner}"
        if self.reentrant and self.count > 1:
            held += f" ×{self.count}"
        return f"{type(self).__name__}({self.name!r}, {held})"


class RLock(Lock):
    """A model of threading.RLock: its holder may acquire it again; release as many times."""

    reentrant = True


@dataclass(frozen=True)
class Acquire:
    lock: Lock

    def __repr__(self):
        return f"acquire {self.lock.name!r}"


class Shared:
    """The state the threads share: attributes given as keywords. Locks among them (or in a
    dict among them) are named after their attribute or key unless they have a name."""

    def __init__(self, **fields):
        for field, value in fields.items():
            if isinstance(value, Lock) and value.name is None:
                value.name = field
            if isinstance(value, dict):
                for key, item in value.items():
                    if isinstance(item, Lock) and item.name is None:
                        item.name = str(key)
        self.__dict__.update(fields)

    def __repr__(self):
        return ", ".join(f"{field}={value!r}" for field, value in vars(self).items())


class Unfreezable(Exception):
    """A value explore cannot compare by value; it then explores without memoising."""


ATOMS = frozenset({type(None), bool, int, float, str, bytes})
# A frozen list, dict, set, lock or Shared is a tuple that starts with this object, which no
# program's own tuples can contain: so a frozen list never equals a frozen tuple.
_TAG = object()


def freeze_or_none(value):
    try:
        return freeze(value)
    except Unfreezable:
        return None


def freeze(value):
    """A hashable snapshot of `value`, equal for equal states (see the module docstring)."""
    kind = type(value)
    if kind in ATOMS:
        return value
    if kind is tuple or kind is list:
        items = tuple(v if type(v) in ATOMS else freeze(v) for v in value)
        return items if kind is tuple else (_TAG, "list", items)
    if isinstance(value, Lock):
        return (_TAG, "lock", value.name, value.owner, value.count)
    if isinstance(value, Shared):
        return (_TAG, "shared", tuple((k, freeze(v)) for k, v in vars(value).items()))
    if isinstance(value, dict):
        return (_TAG, "dict", tuple((freeze(k), freeze(v)) for k, v in value.items()))
    if isinstance(value, (set, frozenset)):
        return (_TAG, "set", frozenset(freeze(v) for v in value))
    raise Unfreezable(kind.__name__)
