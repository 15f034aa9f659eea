"""Tasks that lesson 09 hands to process pools: module functions, so every start method can
send them to a child by name. None of them prints: children return what they have to say.

The checker of the exercise `process-pool` orders what happens with files it controls, never
with sleeps: a task *held* at a gate creates a file saying it has started, then waits until
the checker creates the gate's file (or a ``release`` file in the same folder, or removes the
folder: the checker releases every task when it is done, whatever happened). Each wait has a
limit, so a task outlives no check by more than that.
"""

import multiprocessing
import os
import time

from lessons.processes.tasks import square  # shared with lessons 07-08's exercises

__all__ = ["square", "add", "sleep_then", "until_file_exists", "pid_after", "die", "divide",
           "greeting", "remember", "start_method", "HOLD", "released", "held", "gated",
           "touch", "die_when", "reverse"]

HOLD = 20.0  # seconds a held task waits for its gate at most: longer than any check
POLL = 0.005  # seconds between looks at the files

_remembered = None  # set in each worker by `remember`, the pool's initializer


def add(x, y):
    return x + y


def sleep_then(seconds, value=None):
    """Wait `seconds`, then return `value`: a slow task."""
    time.sleep(seconds)
    return value


def until_file_exists(path, limit, value=None):
    """Wait until `path` exists (at most `limit` s), then return `value`: a slow task that the
    parent ends when it chooses, by creating the file, whatever the start method."""
    deadline = time.monotonic() + limit
    while not os.path.exists(path) and time.monotonic() < deadline:
        time.sleep(POLL)
    return value


def pid_after(seconds):
    """The worker's pid, after `seconds`: slow enough that one worker can't take every task."""
    time.sleep(seconds)
    return os.getpid()


def die(code=1):
    """End the worker at once, as a crash would: no exception, no clean-up, no answer."""
    os._exit(code)


def divide(x, y):
    return x / y


def remember(value):
    """An initializer: runs once in each worker when it starts."""
    global _remembered
    _remembered = value


def greeting(name):
    """Uses what the initializer left in this worker."""
    return f"{_remembered}, {name}"


def start_method(_=None):
    """How this worker was started, by its own account."""
    return multiprocessing.get_start_method()


def released(gate):
    """Whether a task held at `gate` may go on: the gate's file, or its folder's ``release``
    file, exists, or the folder is gone."""
    folder = os.path.dirname(gate)
    return (os.path.exists(gate) or os.path.exists(os.path.join(folder, "release"))
            or not os.path.isdir(folder))


def _wait_for(gate, limit):
    deadline = time.monotonic() + limit
    while not released(gate) and time.monotonic() < deadline:
        time.sleep(POLL)


def touch(path, value=None):
    """Create the file `path`, holding this worker's pid (proof that this task ran, and
    where), and return `value`."""
    with open(path + ".part", "w", encoding="ascii") as file:
        file.write(str(os.getpid()))
    os.replace(path + ".part", path)  # whoever sees the file sees the whole pid
    return value


def gated(value=None, started=None, gate=None, done=None, limit=HOLD):
    """Create `started` (holding the worker's pid), wait for `gate`, create `done`, return
    `value` (each file optional)."""
    if started:
        touch(started)
    if gate:
        _wait_for(gate, limit)
    if done:
        touch(done)
    return value


def held(started, gate, limit=HOLD):
    """Keep this worker busy: create `started`, wait for `gate`; return the worker's pid."""
    gated(started=started, gate=gate, limit=limit)
    return os.getpid()


def die_when(started, gate, code=3, limit=HOLD):
    """Create `started`, wait for `gate`, then end the worker as a crash would (exit `code`)."""
    gated(started=started, gate=gate, limit=limit)
    os._exit(code)


def reverse(data):
    """`data` reversed: a task whose argument and result are as big as the caller makes them."""
    return data[::-1]
