"""Checker for lesson 07, Start processes: the exercise `run-in-process`.

The contract it proves, under each of fork, spawn and forkserver: ``run_in_process(fn, *args,
timeout=None)`` runs ``fn(*args)`` in another process (the child runs
``lessons.processes.workers.call_and_send``) and returns its value, even one too big for a
pipe's buffer; re-raises the child's exception in the parent, with the child's traceback text
attached (a note, or the ``__cause__``); reports a child killed by a signal as
``ChildProcessError`` naming the signal, promptly, with no timeout given; on timeout kills the
child and raises ``TimeoutError``; and returns (or raises) only once its child is joined.

Nothing is judged by timing except "promptly": within 6 s for calls that take milliseconds
when right on a quiet machine (a busy one may take seconds to start children). Every call has
that limit, and what a wrong answer leaves running is killed and
reported (``lessons.checks.process_probes``).
"""

import os

from lessons.checks.process_probes import each_method, fixed
from lessons.processes.workers import kill_myself, make_bytes, raise_value_error
from lessons.tools.workloads import sleep_task

__all__ = ["check_run_in_process"]

LIMIT = 6.0  # seconds any one call may take when right: milliseconds, on a quiet machine
BIG = 1_000_000  # bytes: more than a pipe's buffer holds


def check_run_in_process(run_in_process):
    yield from each_method(run_in_process, BEHAVIOURS, LIMIT)


def _child_pid(attempt, _):
    if attempt.raised is not None or not isinstance(attempt.returned, int):
        return attempt.how()
    return "ok" if attempt.returned != os.getpid() else "returned the parent's pid: fn ran here"


def _big_value(attempt, _):
    if attempt.raised is None and attempt.returned == bytes(BIG):
        return "ok"
    return attempt.how(show=lambda value: f"a {type(value).__name__}, not {BIG:,} zero bytes")


def _reraised_with_traceback(attempt, _):
    error = attempt.raised
    if not (isinstance(error, ValueError) and str(error) == "boom"):
        return attempt.how()
    text = "\n".join(getattr(error, "__notes__", [])) + str(error.__cause__ or "")
    return "ok" if "raise_value_error" in text else "ValueError: boom, without the child's traceback"


def _killed_child_reported(attempt, _):
    error = attempt.raised
    return "ok" if isinstance(error, ChildProcessError) and "SIGKILL" in str(error) \
        else attempt.how()


def _timed_out(attempt, _):
    return "ok" if isinstance(attempt.raised, TimeoutError) else attempt.how()


# label → (setup, judge): see lessons.checks.process_probes.each_method.
BEHAVIOURS = {
    "run_in_process(os.getpid): a pid other than the parent's": (fixed(os.getpid), _child_pid),
    f"run_in_process(make_bytes, {BIG:_}): a value bigger than a pipe's buffer":
        (fixed(make_bytes, BIG), _big_value),
    "run_in_process(raise_value_error, 'boom'): ValueError('boom') raised here, with the "
    "child's traceback text": (fixed(raise_value_error, "boom"), _reraised_with_traceback),
    "run_in_process(kill_myself), no timeout: ChildProcessError naming SIGKILL, promptly":
        (fixed(kill_myself), _killed_child_reported),
    "run_in_process(sleep_task, 30, timeout=0.2): TimeoutError":
        (fixed(sleep_task, 30, timeout=0.2), _timed_out),
}
