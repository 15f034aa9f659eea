"""What the running interpreter's ``Thread.join`` waits on, read from its own source.

CPython has used three designs (lesson 02 explains them):

* 2.x: a ``Condition`` named ``__block`` and a ``__stopped`` flag, ``while not stopped: wait()``;
* 3.4–3.12: ``_tstate_lock``, a lock the runtime releases once the thread's state is deleted
  (the flag stays, as ``_is_stopped``, set by ``join`` once it has seen the lock released);
* 3.13+: ``_handle``, a ``_thread._ThreadHandle`` made by ``Thread.__init__`` and tied to the
  operating-system thread by ``start()``.

Nothing here is cached or decided by version number: each function inspects this interpreter.
"""

import inspect
import threading

# What each design's Thread.join calls, as it appears in its source.
DESIGNS = {
    "_handle": "a _thread._ThreadHandle (3.13+)",
    "_wait_for_tstate_lock": "_tstate_lock, a lock released by the runtime (3.4–3.12)",
    "__block": "a Condition and a __stopped flag (Python 2)",
}


def join_source():
    """The source of this interpreter's ``threading.Thread.join``."""
    return inspect.getsource(threading.Thread.join)


def join_waits_on():
    """The name in ``Thread.join``'s source of what it waits on (a key of DESIGNS)."""
    source = join_source()
    for name in DESIGNS:
        if name in source:
            return name
    raise LookupError("this interpreter's Thread.join uses none of the designs lesson 02 knows")


def finished_as_join_sees_it(thread):
    """Has `thread` finished, according to the object that join waits on?"""
    handle = getattr(thread, "_handle", None)
    if handle is not None and hasattr(handle, "is_done"):  # 3.13+: made in __init__
        return handle.is_done()
    lock = thread._tstate_lock  # 3.4–3.12: held while the thread's state exists
    if lock is None:  # not started yet, or join has already seen it released
        return thread.ident is not None
    return not lock.locked()
