"""Small tasks that checkers hand to a candidate, to observe how it runs them."""

import threading
import time

from lessons.checks.kit.watch import wait_until

__all__ = ["sleeper", "raiser", "meeting", "Gate", "kind_of_current_thread"]


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


def meeting(parties, timeout=3.0):
    """`parties` tasks that each return "met" only if all of them run at the same time.

    Run one after another (or fewer at a time), the first waits `timeout` seconds and breaks
    the barrier, and every task returns "did not meet" instead: proof by behaviour, not by
    timing, that they overlapped.
    """
    barrier = threading.Barrier(parties, timeout=timeout)

    def task():
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            return "did not meet"
        return "met"
    return [task] * parties


class Gate:
    """Tasks that run until the checker opens the gate: no sleep decides when they end.

    ``task(result)`` waits for ``open()`` (at most `limit` s, so nothing waits for ever) and
    returns `result`; ``running`` counts tasks inside, ``peak`` the most at once.
    """

    def __init__(self, limit=10.0):
        self._opened = threading.Event()
        self._lock = threading.Lock()
        self.limit = limit
        self.entered = self.running = self.peak = self.finished = 0

    def task(self, result=None):
        def task():
            with self._lock:
                self.entered += 1
                self.running += 1
                self.peak = max(self.peak, self.running)
            try:
                self._opened.wait(self.limit)
                return result
            finally:
                with self._lock:
                    self.running -= 1
                    self.finished += 1
        return task

    def open(self):
        self._opened.set()

    def wait_entered(self, count, timeout=2.0):
        """Wait until `count` tasks have entered; False if they don't within `timeout`."""
        return wait_until(lambda: self.entered >= count, timeout)


def kind_of_current_thread(caller=None):
    """'a _thread thread', 'a threading.Thread' or "the caller's thread" (`caller`: its ident,
    else the main thread's)."""
    current = threading.current_thread()
    if current.ident == (caller if caller is not None else threading.main_thread().ident):
        return "the caller's thread"
    if isinstance(current, threading._DummyThread):
        return "a _thread thread"
    return "a threading.Thread"
