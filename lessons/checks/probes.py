"""Small tasks that checkers hand to a candidate to observe how it runs them."""

import sys
import threading
import time
from contextlib import contextmanager


def sleeper(result, seconds):
    """A task that sleeps, then returns `result` (tasks finish in the order their sleeps end)."""
    def task():
        time.sleep(seconds)
        return result
    return task


def raiser(error):
    """A task that raises `error`, to see where a candidate delivers a task's exception."""
    def task():
        raise error
    return task


def meeting(parties, timeout=1.0):
    """`parties` tasks that each return "met" only if all of them run at the same time.

    Run one after another, the first waits `timeout` seconds and breaks the barrier, and every
    task returns "did not meet" instead: proof by behaviour, not by timing, that they overlapped.
    """
    barrier = threading.Barrier(parties, timeout=timeout)

    def task():
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            return "did not meet"
        return "met"
    return [task] * parties


class Finishing:
    """Tasks that record, as they end, that they have ended."""

    def __init__(self, durations):
        self.durations = durations
        self.finished = [False] * len(durations)

    def tasks(self):
        def make(index, seconds):
            def task():
                time.sleep(seconds)
                self.finished[index] = True
                return index
            return task
        return [make(i, s) for i, s in enumerate(self.durations)]

    def count(self):
        return sum(self.finished)


class Call:
    """`function(*args)` run in its own thread, so a checker can watch it block and see how it ends.

    A candidate may block for ever (a lost wake-up, an ignored timeout): the thread is a daemon,
    and `outcome()` reports "still blocked" instead of waiting for it.
    """

    def __init__(self, function, *args, **kwargs):
        self.ended = threading.Event()
        self.returned = self.raised = None
        self.began, self.elapsed = time.monotonic(), None
        self.thread = threading.Thread(target=self._run, args=(function, args, kwargs),
                                       name="lessons-check-call", daemon=True)
        self.thread.start()

    def _run(self, function, args, kwargs):
        try:
            self.returned = function(*args, **kwargs)
        except BaseException as error:  # reported, never printed with a traceback
            self.raised = error
        finally:
            self.elapsed = time.monotonic() - self.began
            self.ended.set()

    def outcome(self, timeout=2.0):
        """'returned X', 'raised module.Name' ('raised Name' for builtins), or 'still blocked…'."""
        if not self.ended.wait(timeout):
            return "still blocked"
        if isinstance(self.raised, NotImplementedError):
            raise self.raised  # a stub: the checker reports "not written yet"
        if self.raised is not None:
            return f"raised {public_name(type(self.raised))}"
        return f"returned {self.returned!r}"

    def timed_out(self, timeout):
        """How a call that should wait out its `timeout` ended: '… after its timeout' if it did."""
        ended = self.outcome()
        if not self.ended.is_set():
            return ended
        if self.elapsed < 0.75 * timeout:
            return f"{ended} at once, without waiting"
        return f"{ended} after its timeout"

    def once_blocked(self, timeout=2.0):
        """This call, once it has blocked (see `wait_until_blocked`) or ended."""
        wait_until_blocked(self.thread, self.ended, timeout)
        return self


def blocked_calls(count, function, *args, **kwargs):
    """`count` Calls of `function(*args, **kwargs)`, returned once each has blocked (or ended)."""
    calls = [Call(function, *args, **kwargs) for _ in range(count)]
    return [call.once_blocked() for call in calls]


def outcomes(calls, timeout=2.0):
    """Each call's outcome, all within one `timeout` (not one timeout per call)."""
    deadline = time.monotonic() + timeout
    return [call.outcome(max(0.0, deadline - time.monotonic())) for call in calls]


def public_name(kind):
    """'ValueError', 'queue.Empty' (not '_queue.Empty': the C module behind `queue`)."""
    if kind.__module__ == "builtins":
        return kind.__qualname__
    module = kind.__module__
    public = sys.modules.get(module.lstrip("_"))
    if public is not None and getattr(public, kind.__qualname__, None) is kind:
        module = public.__name__
    return f"{module}.{kind.__qualname__}"


CONDITION_WAIT = threading.Condition.wait.__code__


def wait_until_blocked(thread, ended=None, timeout=2.0):
    """Wait until `thread` sits blocked in a threading primitive; False if it ends first.

    Proof by state, not by a sleep: a Condition, Event or Semaphore blocks inside the Python
    function `Condition.wait`, so that is the thread's innermost frame. (Its caller holds the
    condition's lock until `wait` has registered the waiter, so a `notify` cannot slip in
    before.) Code that blocks some other way (a bare lock's acquire has no Python frame) counts
    as blocked once its innermost line has not moved for 1 s; a thread that merely waits for a
    busy processor could look the same for a moment, hence the long second. Gives up, returning
    True, after `timeout`.
    """
    deadline = time.monotonic() + timeout
    last, still_since = None, time.monotonic()
    while time.monotonic() < deadline:
        if (ended is not None and ended.is_set()) or not thread.is_alive():
            return False
        frame = sys._current_frames().get(thread.ident)
        if frame is not None and frame.f_code.co_filename != __file__:  # not yet in the call
            if frame.f_code is CONDITION_WAIT:
                return True
            where = (frame.f_code, frame.f_lineno)
            if where != last:
                last, still_since = where, time.monotonic()
            elif time.monotonic() - still_since > 1.0:
                return True
        time.sleep(0.005)
    return True


@contextmanager
def no_thread_switch():
    """Run the body without letting another thread in, on a GIL build of CPython.

    A thread keeps the GIL until it blocks or another thread has waited a whole switch interval
    for it, so a body that does not block runs as one step: a waiter woken by `set()` or
    `put()` cannot run before the `clear()` or `get_nowait()` that follows it. This forces the
    order in which a lost or stolen wake-up happens, instead of hoping for it. (On a free-threaded
    build there is no GIL to hold: the body may interleave, and checks relying on this only
    catch the bug sometimes; a correct answer passes either way.)
    """
    previous = sys.getswitchinterval()
    sys.setswitchinterval(5.0)
    try:
        yield
    finally:
        sys.setswitchinterval(previous)
