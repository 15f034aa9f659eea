"""Watch a candidate's calls from outside: how each ends, whether it sleeps or spins meanwhile.

Proof by state, not by sleeps: a call is *blocked* when its thread sits in ``Condition.wait``
(where every Condition, Event, Semaphore and Queue of the standard library sleeps) and *stuck*
when it has stayed there, un-notified, for ``PATIENCE`` seconds after everything that should
wake it has happened. So a lost wake-up costs a check half a second, not a long deadline.
"""

import inspect
import sys
import threading
import time

__all__ = ["Call", "blocked_calls", "outcomes", "wait_until_blocked", "asleep_unnotified",
           "public_name", "spin_ratio", "how_it_waits", "SLEEPS", "wait_until", "wait_until_gone",
           "wait_until_settled", "GRACE", "PATIENCE"]

PATIENCE = 0.5  # seconds asleep, un-notified, that prove a wake-up was lost
GRACE = 2.0  # seconds a call may take beyond what it should, on a busy machine

CONDITION_WAIT = threading.Condition.wait.__code__


def _blocking_lines():
    """The lines of Condition.wait where a waiter sleeps until notified (or timed out)."""
    try:
        lines, first = inspect.getsourcelines(threading.Condition.wait)
    except (OSError, TypeError):
        return frozenset()
    after_try = [i for i, line in enumerate(lines) if line.strip().startswith("try:")][:1]
    return frozenset(first + i for i, line in enumerate(lines)
                     if after_try and i > after_try[0] and "waiter.acquire(" in line)


_BLOCKING_LINES = _blocking_lines()


def asleep_unnotified(thread):
    """The waiter lock `thread` sleeps on in Condition.wait, if no notify has released it yet."""
    frame = sys._current_frames().get(thread.ident)
    if frame is None or frame.f_code is not CONDITION_WAIT or frame.f_lineno not in _BLOCKING_LINES:
        return None
    waiter = frame.f_locals.get("waiter")
    return waiter if waiter is not None and waiter.locked() else None


def _frame_of(thread):
    return sys._current_frames().get(thread.ident)


class Call:
    """`function(*args)` run in its own thread, so a checker can watch it block and see how it ends.

    A candidate may block for ever (a lost wake-up, an ignored timeout): the thread is a daemon,
    and `outcome()` reports "still blocked" instead of waiting for it.
    """

    def __init__(self, function, *args, **kwargs):
        self.ended = threading.Event()
        self.returned = self.raised = None
        self.began, self.elapsed, self.cpu = time.monotonic(), None, None
        self.thread = threading.Thread(target=self._run, args=(function, args, kwargs),
                                       name="lessons-check-call", daemon=True)
        self.thread.start()

    def _run(self, function, args, kwargs):
        cpu = time.thread_time()
        try:
            self.returned = function(*args, **kwargs)
        except BaseException as error:  # reported, never printed with a traceback
            self.raised = error
        finally:
            self.cpu = time.thread_time() - cpu
            self.elapsed = time.monotonic() - self.began
            self.ended.set()

    def finish(self, timeout=GRACE):
        """Wait until the call ends, at most `timeout` s; give up sooner once it is stuck (asleep
        un-notified for PATIENCE s). Call it when everything that should end the call is done."""
        deadline = time.monotonic() + timeout
        asleep, since = None, None
        while not self.ended.wait(0.01) and time.monotonic() < deadline:
            waiter = asleep_unnotified(self.thread)
            if waiter is None or waiter is not asleep:
                asleep, since = waiter, time.monotonic()
            elif time.monotonic() - since >= PATIENCE:
                break
        return self.ended.is_set()

    def outcome(self, timeout=GRACE):
        """'returned X', 'raised module.Name' ('raised Name' for builtins), or 'still blocked'.

        Waits as `finish` does: pass a short `timeout` to see that a call is still blocked."""
        if not self.finish(timeout):
            return "still blocked"
        if isinstance(self.raised, NotImplementedError):
            raise self.raised  # a stub: the checker reports "not written yet"
        if self.raised is not None:
            return f"raised {public_name(type(self.raised))}"
        return f"returned {self.returned!r}"

    def timed_out(self, timeout):
        """How a call that should wait out its `timeout` ended: '… after its timeout' if it did.

        Only a lower bound is a timing: a busy machine can make a call late, never early."""
        if not self.ended.wait(timeout + GRACE):
            return f"still blocked {GRACE:g} s past its timeout"
        ended = self.outcome()
        if self.elapsed < 0.75 * timeout:
            return f"{ended} at once, without waiting"
        return f"{ended} after its timeout"

    def once_blocked(self, timeout=GRACE):
        """This call, once it has blocked (see `wait_until_blocked`) or ended."""
        wait_until_blocked(self.thread, self.ended, timeout)
        return self


def blocked_calls(count, function, *args, **kwargs):
    """`count` Calls of `function(*args, **kwargs)`, returned once each has blocked (or ended)."""
    calls = [Call(function, *args, **kwargs) for _ in range(count)]
    return [call.once_blocked() for call in calls]


def outcomes(calls, timeout=GRACE):
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


def wait_until_blocked(thread, ended=None, timeout=GRACE):
    """Wait until `thread` sits blocked in a threading primitive; False if it ends first.

    A Condition, Event or Semaphore blocks inside the Python function `Condition.wait`, so that
    is the thread's innermost frame. (Its caller holds the condition's lock until `wait` has
    registered the waiter, so a `notify` cannot slip in before.) Code that blocks some other
    way (a bare lock's acquire has no Python frame) counts as blocked once its innermost line
    has not moved for PATIENCE s. Gives up, returning True, after `timeout`.
    """
    deadline = time.monotonic() + timeout
    last, still_since = None, time.monotonic()
    while time.monotonic() < deadline:
        if (ended is not None and ended.is_set()) or not thread.is_alive():
            return False
        frame = _frame_of(thread)
        if frame is not None and frame.f_code.co_filename != __file__:  # not yet in the call
            if frame.f_code is CONDITION_WAIT:
                return True
            where = (frame.f_code, frame.f_lineno)
            if where != last:
                last, still_since = where, time.monotonic()
            elif time.monotonic() - still_since > PATIENCE:
                return True
        time.sleep(0.005)
    return True


class _Known:
    """A thread known only by its ident (one `_thread` started, say), as wait_until_blocked
    takes a thread."""

    def __init__(self, ident):
        self.ident = ident

    def is_alive(self):
        return self.ident in sys._current_frames()


def wait_until_settled(since, timeout=GRACE):
    """Wait until every thread started after `since` (the idents running then) sits blocked
    or has ended: none of them is still on its way to run something."""
    deadline = time.monotonic() + timeout
    for ident in set(sys._current_frames()) - set(since):
        wait_until_blocked(_Known(ident), timeout=max(0.0, deadline - time.monotonic()))


def wait_until(ready, timeout=GRACE):
    """Poll `ready()` until it is true or `timeout` passes; its last value."""
    deadline = time.monotonic() + timeout
    while not ready() and time.monotonic() < deadline:
        time.sleep(0.005)
    return ready()


def wait_until_gone(ident, timeout=GRACE):
    """Wait until the thread `ident` has ended, all of it (not only the code we gave it)."""
    return wait_until(lambda: ident not in sys._current_frames(), timeout)


SPIN = 1 / 3  # a waiter that spins gets about as much processor time as the control thread
SLEEPS = "a sleeping {}: far less than a spinning thread's"


def how_it_waits(call, release, who):
    """SLEEPS.format(who) if `call` sleeps while it waits (see `spin_ratio`), else what it did."""
    ratio = spin_ratio(call, release)
    if ratio is None:
        return f"the {who} did not return once released"
    if ratio < SPIN:
        return SLEEPS.format(who)
    return f"{ratio:.0%} of a spinning thread's: it spins in a loop instead of waiting"


def spin_ratio(call, release, control_cpu=0.1):
    """How much processor time `call` burns while it waits, against a thread that spins.

    `call` must be blocked until `release()`. A control thread spins until it has used
    `control_cpu` s of processor time; then `release()` lets the call end. A waiter that sleeps
    uses almost nothing meanwhile; one that spins gets as much processor time as the control
    (on a busy machine both get less, in the same proportion). Returns call cpu / control cpu,
    or None if the call did not end.
    """
    used = []

    def control():
        began = time.thread_time()
        while time.thread_time() - began < control_cpu and not call.ended.is_set():
            pass
        used.append(time.thread_time() - began)
    spinner = threading.Thread(target=control, name="lessons-check-control", daemon=True)
    spinner.start()
    spinner.join(30)  # bounded; the control ends once it has its processor time
    release()
    if not call.finish():
        return None
    return call.cpu / max(used[0] if used else control_cpu, 1e-6)
