"""Wrong answers to lesson 05's `semaphore` and `bounded-semaphore`, each named for its bug and
marked with the behaviour it must fail."""

from lessons import solution
from tests.checks.wrong_answers.marks import fails

Semaphore = solution("semaphore")
BoundedSemaphore = solution("bounded-semaphore")


# --- semaphore ------------------------------------------------------------------------------

@fails('acquires straight back before the waiter runs')
class SemaphoreIfInsteadOfWhile(Semaphore):
    """Trusts a wake-up: takes one after waiting once, even if another thread took it first."""

    def acquire(self, blocking=True, timeout=None):
        with self._cond:
            if self._value == 0:
                if not blocking or not self._cond.wait(timeout):
                    return False
            self._value -= 1  # may go below zero
            return True


@fails('release(2), then release()')
class SemaphoreReleaseWakesOnlyOne(Semaphore):
    """release(n) adds n but notifies one waiter: the others sleep until their timeout."""

    def release(self, n=1):
        with self._cond:
            self._value += n
            self._cond.notify()


@fails('then acquire(timeout=0.2) in another thread')
class SemaphoreIgnoringTimeout(Semaphore):
    """acquire(timeout=…) waits as long as it takes."""

    def acquire(self, blocking=True, timeout=None):
        return super().acquire(blocking)


@fails('Semaphore(-1)')
class SemaphoreAcceptsNegativeValue(Semaphore):
    """Semaphore(-1) is accepted, and acquire waits for ever."""

    def __init__(self, value=1):
        super().__init__(max(value, 0))


@fails('acquire(blocking=False) three times')
class SemaphoreNeverBlocks(Semaphore):
    """acquire() only counts down: it never waits, so the limit is not a limit."""

    def acquire(self, blocking=True, timeout=None):
        with self._cond:
            self._value -= 1
            return True


@fails('`with sem:`')
class SemaphoreExitKeepsIt(Semaphore):
    """`with sem:` acquires but __exit__ forgets to release."""

    def __exit__(self, *exception):
        pass


@fails("release(0) and release(-1)")
class SemaphoreReleasingNothing(Semaphore):
    """release(n) takes any n: release(0) and release(-1) are accepted."""

    def release(self, n=1):
        with self._cond:
            self._value += n
            self._cond.notify(max(n, 0))


@fails("a failed acquire changes nothing")
class SemaphoreCountingDownOnFailure(Semaphore):
    """A non-blocking acquire that fails still counts down."""

    def acquire(self, blocking=True, timeout=None):
        if blocking:
            return super().acquire(blocking, timeout)
        with self._cond:
            self._value -= 1
            if self._value < 0:
                return False
            return True


@fails("waits in acquire() (no timeout)")
class SemaphoreTakingNoTimeoutAsZero(Semaphore):
    """acquire() with no timeout gives up at once instead of waiting."""

    def acquire(self, blocking=True, timeout=None):
        if not blocking and timeout is not None:
            raise ValueError("can't specify timeout for non-blocking acquire")
        with self._cond:
            if blocking and not self._cond.wait_for(lambda: self._value > 0, timeout or 0):
                return False
            if self._value == 0:
                return False
            self._value -= 1
            return True


@fails("a timeout makes no sense without blocking")
class SemaphoreAcceptingATimeoutWithoutBlocking(Semaphore):
    """acquire(blocking=False, timeout=1) is taken as a blocking acquire with a timeout."""

    def acquire(self, blocking=True, timeout=None):
        return super().acquire(True if timeout is not None else blocking, timeout)


SEMAPHORE = [SemaphoreReleasingNothing, SemaphoreCountingDownOnFailure,
             SemaphoreTakingNoTimeoutAsZero, SemaphoreAcceptingATimeoutWithoutBlocking, SemaphoreIfInsteadOfWhile, SemaphoreReleaseWakesOnlyOne, SemaphoreIgnoringTimeout,
             SemaphoreAcceptsNegativeValue, SemaphoreNeverBlocks, SemaphoreExitKeepsIt]



# --- bounded-semaphore ----------------------------------------------------------------------

@fails('release() before any acquire()')
class BoundedSemaphoreWithoutBound(Semaphore):
    """A plain semaphore: extra releases are accepted."""


@fails('release() before any acquire()')
class BoundedSemaphoreOffByOne(BoundedSemaphore):
    """Refuses only beyond one more than the initial value."""

    def release(self, n=1):
        with self._cond:
            if self._value + n > self._initial_value + 1:
                raise ValueError("Semaphore released too many times")
            self._value += n
            self._cond.notify(n)


@fails('release(2) (one too many)')
class BoundedSemaphoreChecksOnlyOne(BoundedSemaphore):
    """Checks as if every release were release(1): release(2) may go over the bound."""

    def release(self, n=1):
        with self._cond:
            if self._value + 1 > self._initial_value:
                raise ValueError("Semaphore released too many times")
            self._value += n
            self._cond.notify(n)


@fails('release(2) (one too many)')
class BoundedSemaphoreCountsBeforeChecking(BoundedSemaphore):
    """Adds first and raises after: the ValueError comes, but the count is already too high."""

    def release(self, n=1):
        with self._cond:
            self._value += n
            self._cond.notify(n)
            if self._value > self._initial_value:
                raise ValueError("Semaphore released too many times")


@fails("2 threads call release() at the same time")
class BoundedSemaphoreCheckingOutsideTheLock(BoundedSemaphore):
    """Checks the bound, then takes the lock to add: two releases can both pass the check."""

    def release(self, n=1):
        if n < 1:
            raise ValueError("n must be one or more")
        if self._value + n > self._initial_value:
            raise ValueError("Semaphore released too many times")
        with self._cond:
            self._value += n
            self._cond.notify(n)


@fails("a thread waits in acquire() (no timeout)")
class BoundedSemaphoreWakingNobody(BoundedSemaphore):
    """Checks the bound and adds, but never notifies: waiters sleep on."""

    def release(self, n=1):
        with self._cond:
            if n < 1 or self._value + n > self._initial_value:
                raise ValueError("Semaphore released too many times")
            self._value += n


@fails("release(0) and release(-1)")
class BoundedSemaphoreReleasingNothing(BoundedSemaphore):
    """Checks the bound but not n: release(0) and release(-1) pass."""

    def release(self, n=1):
        with self._cond:
            if self._value + n > self._initial_value:
                raise ValueError("Semaphore released too many times")
            self._value += n
            self._cond.notify(max(n, 0))


FAILED_ACQUIRES = "both fail; then release(), release() once more"


@fails(FAILED_ACQUIRES)
class BoundedSemaphoreCountingFailedAcquires(BoundedSemaphore):
    """Bounds releases by the acquires it counted, counting each attempt before it knows
    whether it succeeds: after a failed acquire, one release too many is accepted."""

    def __init__(self, value=1):
        super().__init__(value)
        self._held = 0

    def acquire(self, blocking=True, timeout=None):
        with self._cond:
            self._held += 1
        return super().acquire(blocking, timeout)

    def release(self, n=1):
        if n < 1:
            raise ValueError("n must be one or more")
        with self._cond:
            if n > self._held:
                raise ValueError("Semaphore released too many times")
            self._held -= n
            self._value += n
            self._cond.notify(n)


@fails(FAILED_ACQUIRES)
class BoundedSemaphoreForgettingTimedOutAcquires(BoundedSemaphoreCountingFailedAcquires):
    """Takes back the count of a failed acquire(blocking=False), but not of an acquire whose
    timeout passed."""

    def acquire(self, blocking=True, timeout=None):
        got = super().acquire(blocking, timeout)
        if not got and not blocking:
            with self._cond:
                self._held -= 1
        return got


BOUNDED_SEMAPHORE = [BoundedSemaphoreCountingFailedAcquires,
                     BoundedSemaphoreForgettingTimedOutAcquires,
                     BoundedSemaphoreCheckingOutsideTheLock, BoundedSemaphoreWakingNobody,
                     BoundedSemaphoreReleasingNothing, BoundedSemaphoreWithoutBound,
                     BoundedSemaphoreOffByOne, BoundedSemaphoreChecksOnlyOne,
                     BoundedSemaphoreCountsBeforeChecking]
