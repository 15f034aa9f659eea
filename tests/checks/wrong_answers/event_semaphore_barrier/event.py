"""Wrong answers to lesson 05's `event`, each named for its bug and marked with the behaviour
it must fail."""

from lessons import solution
from tests.checks.wrong_answers.marks import fails

Event = solution("event")


# --- event ----------------------------------------------------------------------------------

@fails('does clear() wake it')
class EventClearSendsTheEvent(Event):
    """The seed's reading: clear() wakes the waiters, and they report being woken."""

    def clear(self):
        with self._cond:
            self._flag = False
            self._cond.notify_all()


@fails('3 threads wait(5)')
class EventSetWakesOnlyOne(Event):
    """notify() instead of notify_all(): one waiter wakes, the others sleep on."""

    def set(self):
        with self._cond:
            self._flag = True
            self._cond.notify()


@fails('a thread waits with wait() (no timeout)')
class EventSetWithoutNotify(Event):
    """Sets the flag but wakes nobody: waiters only see it when their timeout ends."""

    def set(self):
        with self._cond:
            self._flag = True


@fails('set(), clear(), then is_set() and wait(0.2)')
class EventWaitIgnoresTimeout(Event):
    """wait(timeout) waits for set() however long it takes."""

    def wait(self, timeout=None):
        with self._cond:
            return self._cond.wait_for(lambda: self._flag)


@fails('set() and clear() before they run again')
class EventWaitRechecksTheFlag(Event):
    """Loops on the flag after waking, so set() then clear() leaves the waiters asleep."""

    def wait(self, timeout=None):
        with self._cond:
            return self._cond.wait_for(lambda: self._flag, timeout)


@fails('a new Event')
class EventWaitReturnsNothing(Event):
    """Waits correctly but returns None, so callers can't tell a timeout from a set()."""

    def wait(self, timeout=None):
        super().wait(timeout)


@fails("a thread waits with wait() (no timeout)")
class EventWaitWithoutTimeoutReturnsAtOnce(Event):
    """Passes timeout=None on as 0: a wait with no timeout does not wait at all."""

    def wait(self, timeout=None):
        return super().wait(timeout or 0)


@fails("set(), clear(), then is_set()")
class EventClearDoesNothing(Event):
    """clear() forgets to reset the flag."""

    def clear(self):
        pass


EVENT = [EventWaitWithoutTimeoutReturnsAtOnce,
         EventClearDoesNothing,
         EventClearSendsTheEvent,
         EventSetWakesOnlyOne,
         EventSetWithoutNotify,
         EventWaitIgnoresTimeout,
         EventWaitRechecksTheFlag,
         EventWaitReturnsNothing]
