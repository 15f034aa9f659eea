"""Checker for lesson 07, Start processes: the exercise `run-in-process`.

The contract it proves, each line under fork, spawn and forkserver: ``run_in_process(fn,
*args, timeout=None)`` runs ``fn(*args)`` in another process (the child runs
``lessons.processes.tasks.call_and_send``) and

* returns its value, even one too big for a pipe's buffer;
* re-raises the child's exception in the parent — the exception itself, of its own type with
  its own args (a ``KeyError('k')`` stays one, not ``KeyError("'k'")``) — with the child's
  traceback text attached as a note (``add_note``, as the exercise asks):
  ``Traceback (most recent call last)`` and the frames of the function that raised;
* reports a child killed by a signal as ``ChildProcessError`` naming *that* signal (SIGKILL,
  SIGTERM), promptly: with no timeout given, and with a long one (a death is not a slow
  child: it is not waited out as a timeout);
* reports a child that ended with an exit code of its own, sending nothing, as
  ``ChildProcessError`` naming the code;
* on timeout kills the child, even one that ignores SIGTERM, and raises ``TimeoutError``;
  ``timeout=0`` means now;
* returns (or raises) only once its child is joined: every line above fails if the call
  leaves a child of its own unjoined.

The calls of one start method run at the same time. Nothing is judged by timing except
"promptly": within 6 s for calls that take milliseconds when right on a quiet machine (a busy
one may take a second to start children under spawn); the child that ignores SIGTERM is given
a timeout long after it has started (2 s; 0.5 s under fork), and would run twice as long. What a wrong answer leaves running is killed and reported
(``lessons.checks.kit.process_probes``).
"""

import functools
import multiprocessing
import os
import re
import signal

from lessons.checks.kit.process_probes import Behaviour, each_method, fixed, raised, returned
from lessons.processes.pool_tasks import until_file_exists
from lessons.processes.tasks import (exit_without_sending, ignore_sigterm_then_wait,
                                       kill_myself, make_bytes, raise_key_error,
                                       raise_value_error)

__all__ = ["check_run_in_process"]

LIMIT = 6.0  # seconds any one call may take when right: milliseconds, on a quiet machine
BIG = 1_000_000  # bytes: more than a pipe's buffer holds
LATE = 4.0  # seconds a child runs that a timeout must cut short
LONG = 60.0  # a timeout far longer than any call's limit: waiting it out is stuck
CUT = 2.0  # the timeout that cuts it: long after the child has started and ignored SIGTERM
# (a quarter of that under fork, whose child starts at once: the calls are made one by one)


def check_run_in_process(run_in_process):
    yield from each_method(run_in_process, BEHAVIOURS, LIMIT)


def _child_pid(attempt, _):
    if attempt.raised is not None or not isinstance(attempt.returned, int):
        return False, attempt.how()
    if attempt.returned == os.getpid():
        return False, "returned the parent's pid: fn ran here"
    return True, "another pid"


def _with_child_traceback(attempt, _):
    error = attempt.raised
    if not (isinstance(error, ValueError) and str(error) == "boom"):
        return False, attempt.how()
    text = "\n".join(map(str, getattr(error, "__notes__", [])))
    frames = "Traceback (most recent call last)" in text and "in raise_value_error" in text
    if frames:
        return True, "ValueError: boom, with the child's traceback in a note"
    if error.__cause__ is not None and "in raise_value_error" in str(error.__cause__):
        return False, "ValueError: boom, the child's traceback as its __cause__, not a note"
    shown = repr(text[:80]) if text else "no note"
    return False, f"ValueError: boom, with {shown} attached, not the child's traceback"


def _the_same_key_error(attempt, _):
    error = attempt.raised
    if isinstance(error, KeyError) and error.args == ("k",):
        return True, "KeyError('k')"
    if isinstance(error, KeyError):
        return False, f"KeyError with args {error.args!r}: rebuilt from its message?"
    return False, attempt.how()


def _naming(*words, said):
    """A judge: ChildProcessError whose message has every one of `words` (whole words)."""
    def judge(attempt, _):
        error = attempt.raised
        if attempt.in_time and isinstance(error, ChildProcessError) and all(
                re.search(rf"(?<![\w-]){re.escape(w)}(?![\w])", str(error)) for w in words):
            return True, said
        return False, attempt.how()
    return judge


def _killed_at_timeout(folder):
    cut = CUT / 4 if multiprocessing.get_start_method() == "fork" else CUT  # starts at once
    return (ignore_sigterm_then_wait, LATE), {"timeout": cut}, None


def _now(folder):
    never = os.path.join(folder, "never")
    return (until_file_exists, never, LATE, "late"), {"timeout": 0}, None


BEHAVIOURS = [
    Behaviour("run_in_process(os.getpid): a pid other than the parent's",
              "an int other than this process's pid", fixed(os.getpid), _child_pid),
    Behaviour(f"run_in_process(make_bytes, {BIG:_}): a value bigger than a pipe's buffer",
              f"{BIG:,} zero bytes", fixed(make_bytes, BIG),
              returned(bytes(BIG), f"{BIG:,} zero bytes",
                       show=lambda v: f"a {type(v).__name__}, not {BIG:,} zero bytes")),
    Behaviour("run_in_process(raise_value_error, 'boom'): raised here, with the child's "
              "traceback text",
              "ValueError: boom, with a note holding the child's traceback (its frames)",
              fixed(raise_value_error, "boom"), _with_child_traceback),
    Behaviour("run_in_process(raise_key_error, 'k'): the child's exception itself, its args "
              "kept", "KeyError('k') (args ('k',)), raised here", fixed(raise_key_error, "k"),
              _the_same_key_error),
    Behaviour("run_in_process(kill_myself), no timeout: the child killed by SIGKILL",
              "ChildProcessError naming SIGKILL, promptly", fixed(kill_myself),
              _naming("SIGKILL", said="ChildProcessError naming SIGKILL")),
    Behaviour("run_in_process(kill_myself, signal.SIGTERM): the child killed by SIGTERM",
              "ChildProcessError naming SIGTERM, promptly",
              fixed(functools.partial(kill_myself, signal.SIGTERM)),
              _naming("SIGTERM", said="ChildProcessError naming SIGTERM")),
    Behaviour("run_in_process(exit_without_sending, 3): the child exits with code 3, sending "
              "nothing", "ChildProcessError naming exit code 3, promptly",
              fixed(exit_without_sending, 3),
              _naming("3", said="ChildProcessError naming exit code 3")),
    Behaviour(f"run_in_process(ignore_sigterm_then_wait, …, timeout=t), the child ignoring "
              f"SIGTERM for {LATE:g} s, t at most {CUT:g} s: timeout honoured",
              "TimeoutError, the child killed and joined", _killed_at_timeout,
              raised(TimeoutError, "TimeoutError, the child killed and joined")),
    Behaviour(f"run_in_process(kill_myself, timeout={LONG:g}): the child killed by SIGKILL "
              "while a long timeout runs", "ChildProcessError naming SIGKILL, promptly (not "
              f"TimeoutError after {LONG:g} s)", fixed(kill_myself, timeout=LONG),
              _naming("SIGKILL", said="ChildProcessError naming SIGKILL")),
    Behaviour(f"run_in_process(until_file_exists, …, timeout=0) on a {LATE:g} s task: "
              "timeout=0 means now", "TimeoutError at once", _now,
              raised(TimeoutError, "TimeoutError")),
]
