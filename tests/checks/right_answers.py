"""Right answers in other shapes than the reference: a checker judges behaviour, not structure,
so each of these must pass."""

import _thread
import threading

__all__ = ["BY_EXERCISE"]


class JoinableThreadOnAnEvent:
    """Keeps its state in an Event (built on a Condition and a flag) instead of its own."""

    def __init__(self, target, args=()):
        self.target, self.args = target, args
        self.done = threading.Event()
        self.start_lock = threading.Lock()
        self.started = False

    def start(self):
        with self.start_lock:
            if self.started:
                raise RuntimeError("threads can only be started once")
            self.started = True
        _thread.start_new_thread(self._run, ())

    def _run(self):
        try:
            self.target(*self.args)
        finally:
            self.done.set()

    def join(self, timeout=None):
        self.done.wait(timeout)

    def is_alive(self):
        return self.started and not self.done.is_set()


BY_EXERCISE = {
    "joinable-thread": [JoinableThreadOnAnEvent],
}
