"""Wrong answers to lesson 05's exercises, each named for its bug. Every one must fail check().

Each subclasses the reference and overrides only the method with the bug.
"""

from lessons import solution

Event = solution("event")
Semaphore = solution("semaphore")
BoundedSemaphore = solution("bounded-semaphore")


# --- event ----------------------------------------------------------------------------------

class EventClearSendsTheEvent(Event):
    """The seed's reading: clear() wakes the waiters, and they report being woken."""

    def clear(self):
        with self._cond:
            self._flag = False
            self._cond.notify_all()


class EventSetWakesOnlyOne(Event):
    """notify() instead of notify_all(): one waiter wakes, the others sleep on."""

    def set(self):
        with self._cond:
            self._flag = True
            self._cond.notify()


class EventSetWithoutNotify(Event):
    """Sets the flag but wakes nobody: waiters only see it when their timeout ends."""

    def set(self):
        with self._cond:
            self._flag = True


class EventWaitIgnoresTimeout(Event):
    """wait(timeout) waits for set() however long it takes."""

    def wait(self, timeout=None):
        with self._cond:
            return self._cond.wait_for(lambda: self._flag)


class EventWaitRechecksTheFlag(Event):
    """Loops on the flag after waking, so set() then clear() leaves the waiters asleep."""

    def wait(self, timeout=None):
        with self._cond:
            return self._cond.wait_for(lambda: self._flag, timeout)


class EventWaitReturnsNothing(Event):
    """Waits correctly but returns None, so callers can't tell a timeout from a set()."""

    def wait(self, timeout=None):
        super().wait(timeout)


EVENT = [EventClearSendsTheEvent, EventSetWakesOnlyOne, EventSetWithoutNotify,
         EventWaitIgnoresTimeout, EventWaitRechecksTheFlag, EventWaitReturnsNothing]


# --- semaphore ------------------------------------------------------------------------------

class SemaphoreIfInsteadOfWhile(Semaphore):
    """Trusts a wake-up: takes one after waiting once, even if another thread took it first."""

    def acquire(self, blocking=True, timeout=None):
        with self._cond:
            if self._value == 0:
                if not blocking or not self._cond.wait(timeout):
                    return False
            self._value -= 1  # may go below zero
            return True


class SemaphoreReleaseWakesOnlyOne(Semaphore):
    """release(n) adds n but notifies one waiter: the others sleep until their timeout."""

    def release(self, n=1):
        with self._cond:
            self._value += n
            self._cond.notify()


class SemaphoreIgnoringTimeout(Semaphore):
    """acquire(timeout=…) waits as long as it takes."""

    def acquire(self, blocking=True, timeout=None):
        return super().acquire(blocking)


class SemaphoreAcceptsNegativeValue(Semaphore):
    """Semaphore(-1) is accepted, and acquire waits for ever."""

    def __init__(self, value=1):
        super().__init__(max(value, 0))


class SemaphoreNeverBlocks(Semaphore):
    """acquire() only counts down: it never waits, so the limit is not a limit."""

    def acquire(self, blocking=True, timeout=None):
        with self._cond:
            self._value -= 1
            return True


class SemaphoreExitKeepsIt(Semaphore):
    """`with sem:` acquires but __exit__ forgets to release."""

    def __exit__(self, *exception):
        pass


SEMAPHORE = [SemaphoreIfInsteadOfWhile, SemaphoreReleaseWakesOnlyOne, SemaphoreIgnoringTimeout,
             SemaphoreAcceptsNegativeValue, SemaphoreNeverBlocks, SemaphoreExitKeepsIt]


# --- bounded-semaphore ----------------------------------------------------------------------

class BoundedSemaphoreWithoutBound(Semaphore):
    """A plain semaphore: extra releases are accepted."""


class BoundedSemaphoreOffByOne(BoundedSemaphore):
    """Refuses only beyond one more than the initial value."""

    def release(self, n=1):
        with self._cond:
            if self._value + n > self._initial_value + 1:
                raise ValueError("Semaphore released too many times")
            self._value += n
            self._cond.notify(n)


class BoundedSemaphoreChecksOnlyOne(BoundedSemaphore):
    """Checks as if every release were release(1): release(2) may go over the bound."""

    def release(self, n=1):
        with self._cond:
            if self._value + 1 > self._initial_value:
                raise ValueError("Semaphore released too many times")
            self._value += n
            self._cond.notify(n)


class BoundedSemaphoreCountsBeforeChecking(BoundedSemaphore):
    """Adds first and raises after: the ValueError comes, but the count is already too high."""

    def release(self, n=1):
        with self._cond:
            self._value += n
            self._cond.notify(n)
            if self._value > self._initial_value:
                raise ValueError("Semaphore released too many times")


BOUNDED_SEMAPHORE = [BoundedSemaphoreWithoutBound, BoundedSemaphoreOffByOne,
                     BoundedSemaphoreChecksOnlyOne, BoundedSemaphoreCountsBeforeChecking]


# --- barrier --------------------------------------------------------------------------------

Barrier = solution("barrier")


class BarrierWakesOnlyOne(Barrier):
    """notify() instead of notify_all(): one waiter leaves, the others wait until they time out."""

    def _end_round(self, state):
        self._round.state = state
        self._round = self._new_round()
        self._cond.notify()


class BarrierNeverStartsANewRound(Barrier):
    """Releases the round but keeps it: the next wait() finds it released and does not wait."""

    def _end_round(self, state):
        self._round.state = state
        self._cond.notify_all()


class BarrierTimeoutDoesNotBreak(Barrier):
    """A waiter that times out raises, but leaves the barrier whole for the others."""

    def _break(self):
        self._end_round("broken")


class BarrierIgnoresTimeout(Barrier):
    """wait(timeout) and the barrier's own timeout are ignored: a missing party means for ever."""

    def wait(self, timeout=None):
        return super().wait(timeout=float("inf"))


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


class BarrierResetKeepsWaiters(Barrier):
    """reset() only clears the broken flag: the current round's waiters are not told."""

    def reset(self):
        with self._cond:
            self._broken = False


BARRIER = [BarrierWakesOnlyOne, BarrierNeverStartsANewRound, BarrierTimeoutDoesNotBreak,
           BarrierIgnoresTimeout, BarrierActionInEveryThread, BarrierResetKeepsWaiters]
