"""Checker for `result-thread`: a Thread subclass that keeps its target's result or error."""

import threading

from lessons.checks.kit.probes import Gate, raiser
from lessons.checks.kit.watch import GRACE
from lessons.course.checking import behaviours
from lessons.course.session import session

__all__ = ["check_result_thread"]


def check_result_thread(ResultThread):
    """ResultThread proves, by behaviour:

    * it is a threading.Thread, and still one: ``name``, ``daemon``, ``args`` and ``kwargs``
      work as for Thread, no target runs nothing (as ``Thread()`` does), ``start()`` returns at
      once while the target runs on, in the new thread;
    * ``.result`` is None before the run, then what the target returned;
    * a target that raises leaves ``.error`` set to the exception, ``.result`` None, and
      nothing escapes the thread.
    """
    yield from behaviours(
        ("issubclass(ResultThread, threading.Thread)", True,
         lambda: issubclass(ResultThread, threading.Thread)),
        ("ResultThread(target=f): .result and .error before start()", "None, None",
         lambda: _before_start(ResultThread(target=lambda: 1))),
        ("ResultThread(target=pow, args=(2, 10)), start(), join(); then .result",
         1024, lambda: _ran(ResultThread(target=pow, args=(2, 10))).result),
        ("target=lambda a, b=0: a - b, args=(10,), kwargs={'b': 3}; then .result",
         7, lambda: _ran(ResultThread(target=lambda a, b=0: a - b, args=(10,),
                                      kwargs={"b": 3})).result),
        ("a target that returns threading.current_thread(); is .result the thread?",
         "the ResultThread object (the target ran in the new thread)",
         lambda: _ran_in_itself(ResultThread)),
        ("start() on a target that runs until released: does start() return at "
         "once, with is_alive() True?", "start returned; is_alive() True",
         lambda: _start_returns_at_once(ResultThread)),
        ("Thread options: name='fetcher', daemon=True; daemon=False; no daemon "
         "given (inherits it, as Thread does)", "fetcher, True, False, inherited",
         lambda: _options(ResultThread)),
        ("ResultThread() with no target: start(), join(); .result and .error",
         "None, None", lambda: _before_start(_ran(ResultThread()))),
        ("a target that raises ValueError('bad input'); then .error and .result",
         "error is the ValueError, result is None, nothing escaped the thread",
         lambda: _raising(ResultThread)),
    )


def _ran(thread):
    thread.start()
    thread.join(GRACE)
    if thread.is_alive():
        raise TimeoutError(f"the thread was still running {GRACE:g} s after start()")
    return thread


def _before_start(thread):
    return f"{thread.result!r}, {thread.error!r}"


def _ran_in_itself(ResultThread):
    thread = _ran(ResultThread(target=threading.current_thread))
    if thread.result is thread:
        return "the ResultThread object (the target ran in the new thread)"
    return f"{thread.result!r} (the target ran in another thread)"


def _start_returns_at_once(ResultThread):
    gate = Gate(limit=GRACE)
    thread = ResultThread(target=gate.task("done"), daemon=True)
    try:
        thread.start()
        alive = thread.is_alive()
    finally:
        gate.open()  # a start() that ran the target itself has returned only now
    thread.join(GRACE)
    if not gate.entered:
        return "the target never ran"
    return f"start returned; is_alive() {alive}"


def _options(ResultThread):
    named = ResultThread(target=lambda: 1, name="fetcher", daemon=True)
    plain = ResultThread(target=lambda: 1, daemon=False)
    inherited = ResultThread(target=lambda: 1).daemon == threading.Thread().daemon
    return (f"{named.name}, {named.daemon}, {plain.daemon}, "
            f"{'inherited' if inherited else 'not inherited'}")


def _raising(ResultThread):
    error = ValueError("bad input")
    mark = len(session().errors)
    thread = _ran(ResultThread(target=raiser(error)))
    escaped = any(e is error for e in session().errors_since(mark))
    return (f"error is {'the ValueError' if thread.error is error else repr(thread.error)}, "
            f"result is {thread.result!r}, "
            f"{'the exception escaped the thread' if escaped else 'nothing escaped the thread'}")
