"""Wrong answers to lesson 02's exercise, each named for its bug. Every one must fail check().

Each is a small variation of a correct JoinableThread, so each fails for its one bug only.
"""

import _thread
import threading
import time

from tests.checks.wrong_answers.marks import fails


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


@fails('processor time a joiner uses')
class JoinBusyWaits(Joinable):
    def join(self, timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self.finished:
            if deadline is not None and time.monotonic() > deadline:
                return


@fails('join(timeout=0.2)')
class JoinIgnoresTheTimeout(Joinable):
    def join(self, timeout=None):
        with self.condition:
            while not self.finished:
                self.condition.wait()


@fails('meant for another waiter')
class JoinWithIfInsteadOfWhile(Joinable):
    def join(self, timeout=None):
        with self.condition:
            if not self.finished:
                self.condition.wait(timeout)


@fails('join() on a thread whose target runs until released')
class FlagSetBeforeTheTargetRan(Joinable):
    def run(self):
        with self.condition:
            self.finished = True
            self.condition.notify_all()
        self.target(*self.args)


@fails('3 threads call join()')
class NotifyWakesOnlyOneJoiner(Joinable):
    def run(self):
        try:
            self.target(*self.args)
        finally:
            with self.condition:
                self.finished = True
                self.condition.notify()


@fails('already finished')
class WaitsWithoutCheckingTheFlag(Joinable):
    def join(self, timeout=None):
        with self.condition:
            self.condition.wait(timeout)


@fails('target raises ValueError')
class FlagNotSetWhenTheTargetRaises(Joinable):
    def run(self):
        self.target(*self.args)
        with self.condition:
            self.finished = True
            self.condition.notify_all()


@fails('started with _thread')
class StartedWithThreadingThread(Joinable):
    def start(self):
        if self.started:
            raise RuntimeError("threads can only be started once")
        self.started = True
        threading.Thread(target=self.run, daemon=True).start()


@fails('start() called twice')
class StartsTwiceWithoutComplaint(Joinable):
    def start(self):
        self.started = True
        _thread.start_new_thread(self.run, ())


@fails("is_alive() before start()")
class AliveBeforeStart(Joinable):
    def is_alive(self):
        return not self.finished


@fails("is_alive() once the target has finished")
class AliveForEverOnceStarted(Joinable):
    def is_alive(self):
        return self.started


JOINABLE_THREAD = [AliveBeforeStart, AliveForEverOnceStarted, JoinBusyWaits, JoinIgnoresTheTimeout, JoinWithIfInsteadOfWhile,
                   FlagSetBeforeTheTargetRan, NotifyWakesOnlyOneJoiner,
                   WaitsWithoutCheckingTheFlag, FlagNotSetWhenTheTargetRaises,
                   StartedWithThreadingThread, StartsTwiceWithoutComplaint]
