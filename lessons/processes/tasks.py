"""What the children of lessons 07–08's exercises run, and small tasks to hand them.

The learner writes the parent's side in a notebook cell; everything a child runs comes from
here, so it imports by module and name under ``fork``, ``spawn`` and ``forkserver`` alike.
No function here prints: a child's output reaches a notebook late, in no set order, under
whichever cell runs when it arrives (see ``child_output``), so children send what they have
to say.
"""

import io
import os
import signal
import sys
import time
import traceback
from multiprocessing import shared_memory

__all__ = ["call_and_send", "pipeline_worker", "square", "fail_on", "raise_value_error",
           "raise_key_error",
           "kill_myself", "make_bytes", "die_on", "finish_in_reverse", "meet", "sum_slice",
           "sum_slice_telling", "fail_slice", "silence_stderr",
           # what the checkers of lessons 07-08 hand a candidate, to force an order or an ending
           "exit_without_sending", "ignore_sigterm_then_wait", "busy_or_die", "square_slowly",
           "hang_slice"]


def call_and_send(connection, fn, args):
    """Run ``fn(*args)`` and send one message on `connection`, then close it.

    ``("returned", value)``, or ``("raised", exception, traceback_text)`` if `fn` raised (or
    if its value cannot be pickled). A child killed by a signal sends nothing: the parent then
    sees ``EOFError`` on its end, once every copy of this end is closed. `connection` may also
    be a ``multiprocessing.Queue`` (the message is then ``put``).
    """
    send = getattr(connection, "send", None) or connection.put
    try:
        message = ("returned", fn(*args))
    except BaseException as error:  # a SystemExit too: the parent must hear about it
        message = ("raised", error, traceback.format_exc())
    try:
        send(message)
    except Exception as error:  # the value (or the exception) does not pickle
        send(("raised", TypeError(f"the child's result could not be sent back: "
                                             f"{type(error).__name__}: {error}"),
                         traceback.format_exc()))
    finally:
        connection.close()


def pipeline_worker(function, tasks, results):
    """A pipeline's worker: take ``(index, item)`` from `tasks` until a ``None`` sentinel.

    For each, put ``(index, function(item))`` on `results`, or ``(index, exception)`` if the
    call raised: one bad item doesn't stop the worker. Returns when it reads ``None``.
    """
    while True:
        task = tasks.get()
        if task is None:
            return
        index, item = task
        try:
            value = function(item)
        except Exception as error:
            value = error
        results.put((index, value))


def square(x):
    return x * x


def fail_on(bad, x):
    """``x * x``, but raise ValueError for the item `bad` (use with functools.partial)."""
    if x == bad:
        raise ValueError(f"bad item {x}")
    return x * x


def raise_value_error(message):
    """Raise ValueError(message) from a function of its own (so a traceback names it)."""
    raise ValueError(message)


def raise_key_error(key):
    """Raise KeyError(key): an exception whose args are not its message (str() quotes the key)."""
    raise KeyError(key)


def kill_myself(signum=signal.SIGKILL):
    """End this process with `signum` (SIGKILL, as the kernel's out-of-memory killer would)."""
    os.kill(os.getpid(), signum)
    time.sleep(60)  # not reached


def die_on(bad, x):
    """``x * x``, but the process running it is killed (SIGKILL) on the item `bad`."""
    if x == bad:
        kill_myself()
    return x * x


def make_bytes(size):
    """`size` bytes: a result too big for a pipe's buffer when `size` is over ~64 KiB."""
    return bytes(size)


def finish_in_reverse(turn, last, x, patience=5.0, travel=0.5):
    """``x * 10``, returned only when `turn` (a shared Value) reaches ``last - x``.

    Items then finish in reverse order, by construction: a probe for a parent that collects
    results in the order they arrive instead of the order of the items. A result still has to
    travel (its worker's feeder thread writes it to the pipe), so an item that has seen its
    turn waits `travel` seconds more before returning: the one wait here, and only a wrong
    answer's detection depends on it. Gives up waiting for its turn after `patience` seconds
    (a parent that runs items one at a time never lets `turn` move).
    """
    deadline = time.monotonic() + patience
    while turn.value != last - x and time.monotonic() < deadline:
        time.sleep(0.002)
    if x != last:
        time.sleep(travel)
    with turn.get_lock():
        turn.value += 1
    return x * 10


def meet(barrier, x):
    """'met' if every party of `barrier` waits on it at once (within its timeout)."""
    try:
        barrier.wait()
    except Exception:  # threading.BrokenBarrierError, re-exported by multiprocessing
        return "did not meet"
    return "met"


def silence_stderr():
    """Send this process's stderr nowhere: in a notebook its tracebacks would land late, under
    whichever cell is running when they arrive (in a terminal on Windows)."""
    sys.stderr = io.StringIO()


def sum_slice(name, start, stop, results):
    """Sum items ``start:stop`` of the int64 array in the shared block `name`; put
    ``(start, total)`` on `results`. Reads the block in place: nothing is copied."""
    block = shared_memory.SharedMemory(name=name)
    try:
        numbers = block.buf.cast("q")
        total = sum(numbers[start:stop])
        numbers.release()
    finally:
        block.close()  # this process's mapping; unlinking is the creator's job
    results.put((start, total))


def sum_slice_telling(names, name, start, stop, results, then=None):
    """`sum_slice` (or `then`, e.g. `fail_slice`) after putting the block's name on `names`:
    a checker's side channel, to see which blocks the workers read, and them unlinked after."""
    names.put(name)
    (then or sum_slice)(name, start, stop, results)


def fail_slice(name, start, stop, results):
    """A worker that fails before putting anything (ValueError, traceback silenced)."""
    silence_stderr()
    raise ValueError(f"cannot sum items {start}:{stop}")


# What the checkers of lessons 07-08 hand a candidate: endings and orders they control.

def exit_without_sending(code):
    """End the process at once with exit code `code`: no exception, nothing sent, as a crash
    (or ``os._exit``) would. (``sys.exit(code)`` would be caught by `call_and_send` and sent
    back as a ``SystemExit``.)"""
    os._exit(code)


def ignore_sigterm_then_wait(limit):
    """Ignore SIGTERM, then wait `limit` s: only SIGKILL ends it sooner. Returns "late" (a
    parent's timeout should have ended it long before)."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    time.sleep(limit)
    return "late"


def busy_or_die(started, limit, x):
    """Item 0 keeps its worker busy: it creates the file `started`, then waits `limit` s. Item 1
    waits until `started` exists (at most `limit` s), then its worker is killed (SIGKILL): a
    worker dies while another is busy, in that order, whatever the start method."""
    if x == 0:
        open(started, "w").close()
        time.sleep(limit)
        return x
    deadline = time.monotonic() + limit
    while not os.path.exists(started) and time.monotonic() < deadline:
        time.sleep(0.005)
    kill_myself()


def square_slowly(seconds, x):
    """``x * x`` after `seconds` (at once for item 0, so the first result comes as soon as a
    worker has started): results that trickle in, each soon after the last."""
    if x:
        time.sleep(seconds)
    return x * x


def hang_slice(name, start, stop, results, limit=30.0):
    """A worker that never finishes (within `limit` s): it puts nothing."""
    time.sleep(limit)
