"""One candidate pool under one start method, and what its checks share: the files that hold
and release its tasks, the pids its workers showed, and bounded calls into its code.

Every call into the candidate goes through ``call`` (in a thread of its own, given a limit)
and every wait for a future through ``result``: when either runs out of patience the pool
is *stuck*; from then on they wait no more, and the checker tries nothing more, so a verdict
comes within seconds.
"""

import os
import time

from lessons.checks.use_process_pools.processes import unjoined
from lessons.checks.kit.watch import Call, public_name

__all__ = ["Stuck", "Skipped", "Pool", "WAIT", "how", "unwritten"]

WAIT = 5.0  # seconds a right pool gets for anything (a worker's start-up on a busy machine)
POLL = 0.005  # seconds between looks at the files tasks create


class Stuck(Exception):
    """A call into the candidate, or a wait for its future, ran out of patience."""


class Skipped(Exception):
    """A check builds on what an earlier one left in ``pool.notes``, and it left nothing."""


class _Notes(dict):
    def __missing__(self, key):
        raise Skipped(key)


def unwritten(error):
    """The NotImplementedError of a stub behind `error` (raised, or its cause: a pool may
    turn a stub's error in its manager thread into BrokenProcessPool), or None."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, NotImplementedError):
            return error
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return None


def how(error):
    """'Name: message' for an exception a candidate raised (the name alone if no message)."""
    name = public_name(type(error)).rpartition(".")[2]
    return f"{name}: {error}" if str(error) else name


class Pool:
    """The candidate's pool under `method`, in `folder`; ``instance`` once it is made."""

    def __init__(self, method, max_workers, folder):
        self.method, self.max_workers, self.folder = method, max_workers, folder
        self.instance = self.failed = None  # the pool, or why there is none
        self.processes = set()  # Process objects this pool started (never polled here)
        self.pids = set()  # pids its tasks reported
        self.notes = _Notes()  # what one check leaves for the next
        self.stuck = False
        self.tried_last = True  # whether the check before the next one was tried

    # --- files -----------------------------------------------------------------------

    def path(self, name):
        return os.path.join(self.folder, name)

    def open(self, *names):
        """Open the gates `names`: the tasks held at them go on."""
        for name in names:
            with open(self.path(name), "w"):
                pass

    def release(self):
        """Let every task held in this folder go on (a task also goes when it is removed)."""
        if os.path.isdir(self.folder):
            self.open("release")

    def started(self, *names, patience=WAIT):
        """Wait until the tasks that create `names` have started (each file holds the pid of
        its worker, kept); False if one has not within `patience` s."""
        deadline = time.monotonic() + (0 if self.stuck else patience)
        while not all(os.path.exists(self.path(name)) for name in names):
            if time.monotonic() > deadline:
                return False
            time.sleep(POLL)
        for name in names:
            with open(self.path(name), encoding="ascii") as file:
                self.pids.add(int(file.read()))
        return True

    def ran(self, name):
        return os.path.exists(self.path(name))

    # --- calls into the candidate ------------------------------------------------------

    def call(self, what, function, *args, patience=WAIT, **kwargs):
        """`function(*args, **kwargs)`'s value; what it raised, raised; Stuck, saying `what`
        was still blocked, if it has not ended within `patience` s."""
        before = unjoined()
        call = Call(function, *args, **kwargs)
        ended = call.ended.wait(0 if self.stuck else patience)  # stuck: no more waiting
        self.processes |= unjoined() - before
        if not ended:
            self.stuck = True
            raise Stuck(f"{what} still blocked after {patience:g} s")
        if call.raised is not None:
            raise unwritten(call.raised) or call.raised
        return call.returned

    def submit(self, fn, *args, **kwargs):
        return self.call(f"pool.submit({fn.__name__}, …)", self.instance.submit, fn, *args,
                         **kwargs)

    def result(self, future, patience=WAIT):
        """How `future` ended: 'returned 49', 'raised ZeroDivisionError', or 'still pending
        after 5 s' (then the pool is stuck)."""
        try:
            return f"returned {future.result(0 if self.stuck else patience)!r}"
        except TimeoutError:
            self.stuck = True
            return f"still pending after {patience:g} s"
        except Exception as error:
            if unwritten(error):
                raise unwritten(error) from None  # a stub: the check says "not written yet"
            return f"raised {how(error)}"

    def results(self, futures, patience=WAIT):
        """`result` of each of `futures`, all within one `patience`."""
        deadline = time.monotonic() + patience
        return [self.result(future, max(0.0, deadline - time.monotonic()))
                for future in futures]
