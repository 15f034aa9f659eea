"""Wrong answers to lesson 02's exercise, each named for its bug. Every one must fail check().

Each is a small variation of a correct JoinableThread, so each fails for its one bug only.
"""

import _thread
import threading
import time


class Joinable:
    """A correct base: the wrong answers below override the one method they get wrong."""

    def __init__(self, target, args=()):
        self.target, self.args = target, args
        self.finished = False
        self.started = False
        self.condition = threading.Condition(threading.Lock())

    def start(self):
        if self.started:
            raise RuntimeError("threads can only be started once")
        self.started = True
        _thread.start_new_thread(self.run, ())

    def run(self):
        try:
            self.target(*self.args)
        finally:
            with self.condition:
                self.finished = True
                self.condition.notify_all()

    def join(self, timeout=None):
        with self.condition:
            self.condition.wait_for(lambda: self.finished, timeout)

    def is_alive(self):
        return self.started and not self.finished


class JoinBusyWaits(Joinable):
    def join(self, timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self.finished:
            if deadline is not None and time.monotonic() > deadline:
                return


class JoinIgnoresTheTimeout(Joinable):
    def join(self, timeout=None):
        with self.condition:
            while not self.finished:
                self.condition.wait()


class JoinWithIfInsteadOfWhile(Joinable):
    def join(self, timeout=None):
        with self.condition:
            if not self.finished:
                self.condition.wait(timeout)


class FlagSetBeforeTheTargetRan(Joinable):
    def run(self):
        with self.condition:
            self.finished = True
            self.condition.notify_all()
        self.target(*self.args)


class NotifyWakesOnlyOneJoiner(Joinable):
    def run(self):
        try:
            self.target(*self.args)
        finally:
            with self.condition:
                self.finished = True
                self.condition.notify()


class WaitsWithoutCheckingTheFlag(Joinable):
    def join(self, timeout=None):
        with self.condition:
            self.condition.wait(timeout)


class FlagNotSetWhenTheTargetRaises(Joinable):
    def run(self):
        self.target(*self.args)
        with self.condition:
            self.finished = True
            self.condition.notify_all()


class StartedWithThreadingThread(Joinable):
    def start(self):
        if self.started:
            raise RuntimeError("threads can only be started once")
        self.started = True
        threading.Thread(target=self.run, daemon=True).start()


class StartsTwiceWithoutComplaint(Joinable):
    def start(self):
        self.started = True
        _thread.start_new_thread(self.run, ())


JOINABLE_THREAD = [JoinBusyWaits, JoinIgnoresTheTimeout, JoinWithIfInsteadOfWhile,
                   FlagSetBeforeTheTargetRan, NotifyWakesOnlyOneJoiner,
                   WaitsWithoutCheckingTheFlag, FlagNotSetWhenTheTargetRaises,
                   StartedWithThreadingThread, StartsTwiceWithoutComplaint]
