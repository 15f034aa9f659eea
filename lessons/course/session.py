"""A check's session: the process-wide changes a checker makes (the thread exception hooks,
the switch interval) go through it and are undone when the check ends, even when the checker
is abandoned at its deadline and its thread runs on; and the exceptions that escaped the
candidate's threads meanwhile, collected instead of printed.

``session()`` is the session of the check whose checker runs in the calling thread; outside
any check (a probe tried by hand) it is a detached one, which changes nothing lasting.
"""

import sys
import threading
from contextlib import contextmanager

from lessons.course.report import Outcome
from lessons.course.trials import not_written

__all__ = ["Session", "session", "bound", "describe_error"]


def describe_error(error):
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


class Session:
    """One check's process-wide changes, and the exceptions that escaped threads meanwhile.

    Exceptions escaping threads are collected instead of printed: a candidate's thread may raise
    (a stub raises NotImplementedError), and its traceback would land in the notebook's output
    with this machine's paths. Threads started with ``_thread`` report through
    ``sys.unraisablehook``, not ``threading.excepthook``, so both are collected.
    """

    def __init__(self):
        self.errors = []  # (which thread, exception), in the order they escaped
        self.open = False
        self._lock = threading.Lock()
        self._hooks = self._interval = None
        self._older = {}

    @contextmanager
    def installed(self):
        with self._lock:
            self._hooks = threading.excepthook, sys.unraisablehook
            self._interval = sys.getswitchinterval()
            # Threads alive now (the caller's, earlier checks' leftovers), known by their
            # outermost frame: a new thread may reuse the ident of one that has ended since.
            self._older = {ident: _outermost(frame)
                           for ident, frame in sys._current_frames().items()}
            threading.excepthook, sys.unraisablehook = self._thread_raised, self._unraisable
            self.open = True
        try:
            yield self
        finally:
            with self._lock:  # from now on, this session changes nothing
                self.open = False
                threading.excepthook, sys.unraisablehook = self._hooks
                sys.setswitchinterval(self._interval)

    def _ours(self):
        """Whether the thread calling a hook started during this check."""
        older = self._older.get(threading.get_ident())
        return older is None or older is not _outermost(sys._getframe())

    def _thread_raised(self, args):
        if not self._ours():  # not this check's: as if we were not here
            return self._hooks[0](args)
        name = getattr(args.thread, "name", None)
        self.errors.append((f"thread {name!r}" if name else "a thread", args.exc_value))

    def _unraisable(self, unraisable):
        if not self._ours():
            return self._hooks[1](unraisable)
        thread = "a _thread thread" if "thread" in (unraisable.err_msg or "") else "a thread"
        self.errors.append((thread, unraisable.exc_value))

    @contextmanager
    def switch_interval(self, seconds):
        """Set sys.setswitchinterval for the body, if this session is still open."""
        with self._lock:
            changed = self.open
            if changed:
                sys.setswitchinterval(seconds)
        try:
            yield
        finally:
            with self._lock:
                if changed and self.open:
                    sys.setswitchinterval(self._interval)

    def errors_since(self, mark):
        return [error for _, error in self.errors[mark:]]

    def annotated(self, found, mark):
        """`found`, with the exceptions that escaped threads since `mark` if it failed."""
        escaped = self.errors[mark:]
        if found.passed or not escaped:
            return found
        said = "; ".join(f"{thread} raised {_escaped(error)}" for thread, error in escaped[:2])
        more = f" (and {len(escaped) - 2} more)" if len(escaped) > 2 else ""
        return Outcome(found.tried, found.expected, f"{found.seen} — meanwhile {said}{more}",
                       False)


def _escaped(error):
    if isinstance(error, NotImplementedError):
        return f"NotImplementedError — {not_written(error)}"
    return describe_error(error)


def _outermost(frame):
    while frame.f_back is not None:
        frame = frame.f_back
    return frame


class _Detached(Session):
    """The session of code run outside any check (a probe tried by hand): it changes nothing."""

    @contextmanager
    def switch_interval(self, seconds):
        previous = sys.getswitchinterval()
        sys.setswitchinterval(seconds)
        try:
            yield
        finally:
            sys.setswitchinterval(previous)


_local = threading.local()


def bound(current):
    """Make `current` the session of the checker running in this thread."""
    _local.session = current


def session():
    """The session of the check whose checker runs in this thread (a detached one elsewhere)."""
    found = getattr(_local, "session", None)
    return found if found is not None else _Detached()
