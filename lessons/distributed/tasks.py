"""What lesson 11's workers run: module functions, so any worker imports them by name — the
course's rule for every function that runs in another process. (Dask does not need it: it
ships a notebook's functions by value with cloudpickle. The lesson shows both.)

None of them prints, except ``shout``, which is there to show where a worker's print goes.
"""

import os
import re
import time
from collections import Counter
from pathlib import Path

from distributed import get_worker

from lessons.processes.pool_tasks import until_file_exists

__all__ = ["nap", "square", "add", "total", "fails_for", "shout", "words_in", "gated_words_in",
           "started_marks", "started_on", "note_and_wait", "end_this_process", "GATE_LIMIT"]

GATE_LIMIT = 30.0  # seconds a gated task waits for its gate before giving up
_WORD = re.compile(r"[a-z']+")


def nap(seconds):
    """Sleep `seconds`, then return the pid of the worker that slept."""
    time.sleep(seconds)
    return os.getpid()


def square(x):
    return x * x


def add(x, y):
    return x + y


def total(values):
    return sum(values)


def fails_for(x, bad):
    """`x` squared, except that `bad` raises ValueError: an error that happens on a worker."""
    if x == bad:
        raise ValueError(f"{x} is not allowed here")
    return x * x


def shout(text):
    """Print `text` on the worker, and return the worker's pid."""
    print(text.upper(), flush=True)
    return os.getpid()


def words_in(path):
    """A Counter of the words in the text file at `path` (lower-cased letters and apostrophes)."""
    return Counter(_WORD.findall(Path(path).read_text(encoding="utf-8").lower()))


def gated_words_in(path):
    """`words_in(path)`, held back until the file `path + '.go'` exists.

    It first leaves a mark `path + '.started-<pid>'` holding the address of the worker it runs
    on (empty if it runs on none), so whoever made the files knows which worker is counting
    which file, and decides when each may finish: results in an order it chooses, a worker it
    can stop mid-task.
    """
    Path(f"{path}.started-{os.getpid()}").write_text(_worker_address(), encoding="utf-8")
    if not until_file_exists(f"{path}.go", GATE_LIMIT, True):
        raise TimeoutError(f"{path}: nobody opened the gate within {GATE_LIMIT:g} s")
    return words_in(path)


def started_marks(path):
    """The pids that started counting `path` (see ``gated_words_in``), in no set order."""
    prefix = f"{Path(path).name}.started-"
    return [int(p.name[len(prefix):]) for p in Path(path).parent.glob(prefix + "*")]


def started_on(path):
    """The addresses of the workers that started counting `path` ('' for a start outside any
    worker), in no set order."""
    marks = Path(path).parent.glob(f"{Path(path).name}.started-*")
    return [mark.read_text(encoding="utf-8") for mark in marks]


def _worker_address():
    try:
        return get_worker().address
    except ValueError:  # not running in a Dask worker
        return ""


def note_and_wait(folder, name):
    """A task with a side effect: append a line to `folder`/runs.txt, then wait for the gate
    `folder`/`name`.go. If its worker dies while it waits, Dask runs it again elsewhere, and
    the line is written twice."""
    with open(Path(folder) / "runs.txt", "a", encoding="utf-8") as runs:
        runs.write(f"{name} ran in {os.getpid()}\n")
    if not until_file_exists(str(Path(folder) / f"{name}.go"), GATE_LIMIT, True):
        raise TimeoutError(f"{name}: nobody opened the gate within {GATE_LIMIT:g} s")
    return name


async def end_this_process(code=1):
    """End the process this runs in at once, as a crash would: no clean-up, no goodbye to the
    scheduler. A coroutine, so a worker runs it in its event loop (``client.run(...,
    wait=False)`` takes only coroutines) even while its task thread is busy."""
    os._exit(code)
