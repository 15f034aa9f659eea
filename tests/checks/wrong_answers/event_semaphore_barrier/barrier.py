"""Wrong answers to lesson 05's exercise `barrier`, each named for its bug and marked with the
behaviour it must fail. Most subclass the reference and override only the method with the bug."""

import threading

from lessons import solution
from tests.checks.wrong_answers.marks import fails

# --- barrier --------------------------------------------------------------------------------

Barrier = solution("barrier")


@fails('do all 3 go on at once?')
class BarrierWakesOnlyOne(Barrier):
    """notify() instead of notify_all(): one waiter leaves, the others wait until they time out."""

    def _end_round(self, state):
        self._round.state = state
        self._round = self._new_round()
        self._cond.notify()


@fails('passed once by 2 threads')
class BarrierNeverStartsANewRound(Barrier):
    """Releases the round but keeps it: the next wait() finds it released and does not wait."""

    def _end_round(self, state):
        self._round.state = state
        self._cond.notify_all()


@fails('only 2 threads come')
class BarrierTimeoutDoesNotBreak(Barrier):
    """A waiter that times out raises, but leaves the barrier whole for the others."""

    def _break(self):
        self._end_round("broken")


@fails('passed once by 2 threads')
class BarrierIgnoresTimeout(Barrier):
    """wait(timeout) and the barrier's own timeout are ignored: a missing party means for ever."""

    def __init__(self, parties, action=None, timeout=None):
        super().__init__(parties, action, None)

    def wait(self, timeout=None):
        return super().wait(None)


@fails('how often the action ran')
class BarrierActionInEveryThread(Barrier):
    """Every thread runs the action as it leaves, not the last one before releasing."""

    def __init__(self, parties, action=None, timeout=None):
        super().__init__(parties, None, timeout)
        self.every_time = action

    def wait(self, timeout=None):
        index = super().wait(timeout)
        if self.every_time is not None:
            self.every_time()
        return index


@fails('2 threads wait(timeout=5); reset()')
class BarrierResetKeepsWaiters(Barrier):
    """reset() only clears the broken flag: the current round's waiters are not told."""

    def reset(self):
        with self._cond:
            self._broken = False


@fails("action that raises")
class BarrierActionErrorStrandsTheOthers(Barrier):
    """The action runs unguarded: when it raises, the round never ends for the others."""

    def __init__(self, parties, action=None, timeout=None):
        super().__init__(parties, None, timeout)
        self.unguarded = action

    def wait(self, timeout=None):
        with self._cond:
            last = self._round.count == self._parties - 1
            if last and self.unguarded is not None:
                self.unguarded()  # raises with the lock held: nobody is told
        return super().wait(timeout)


@fails("wait(timeout=0)")
class BarrierTakingTimeout0AsNone(Barrier):
    """wait(timeout=0) uses the barrier's default (None): it waits for ever."""

    def wait(self, timeout=None):
        return super().wait(timeout or None)


@fails("abort(); reset()")
class BarrierResetLeavesItBroken(Barrier):
    """reset() wakes the waiters but forgets to clear the broken state."""

    def reset(self):
        with self._cond:
            if self._round.count:
                self._end_round("broken")


@fails("300 times in a row")
class BarrierWithoutRounds:
    """Counts arrivals and waits for the count to drop to 0: a fast thread that comes back
    for the next round before the others have woken counts up again, and they sleep on."""

    def __init__(self, parties, action=None, timeout=None):
        if parties < 1:
            raise ValueError("parties must be >= 1")
        self.parties, self._action, self._timeout = parties, action, timeout
        self._cond = threading.Condition()
        self.n_waiting, self.broken = 0, False

    def wait(self, timeout=None):
        timeout = self._timeout if timeout is None else timeout
        with self._cond:
            if self.broken:
                raise threading.BrokenBarrierError
            index = self.n_waiting
            self.n_waiting += 1
            if self.n_waiting == self.parties:
                if self._action is not None:
                    self._action()
                self.n_waiting = 0
                self._cond.notify_all()
                return index
            if not self._cond.wait_for(lambda: self.n_waiting == 0 or self.broken, timeout):
                self.abort_locked()
            if self.broken:
                raise threading.BrokenBarrierError
            return index

    def abort_locked(self):
        self.broken = True
        self.n_waiting = 0
        self._cond.notify_all()

    def abort(self):
        with self._cond:
            self.abort_locked()

    def reset(self):
        with self._cond:
            self.abort_locked()
            self.broken = False


BARRIER = [BarrierActionErrorStrandsTheOthers, BarrierTakingTimeout0AsNone,
           BarrierResetLeavesItBroken, BarrierWithoutRounds, BarrierWakesOnlyOne, BarrierNeverStartsANewRound, BarrierTimeoutDoesNotBreak,
           BarrierIgnoresTimeout, BarrierActionInEveryThread, BarrierResetKeepsWaiters]
