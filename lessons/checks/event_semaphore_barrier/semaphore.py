"""Checkers for `semaphore` and `bounded-semaphore`: a counter on a Condition, and its bound."""

from lessons.checks.kit.forcing import Lockstep, no_thread_switch
from lessons.checks.kit.probes import meeting
from lessons.checks.kit.watch import Call, blocked_calls, outcomes
from lessons.course.checking import behaviours

__all__ = ["check_semaphore", "check_bounded_semaphore"]

FAILING = 0.05  # s: an acquire(timeout=…) that nobody releases for, so it fails
FAILED_ACQUIRES = ("returned False, returned False; release: returned None, raised ValueError; "
                   "then [True, False]")


def check_semaphore(Semaphore):
    """Semaphore(value=1) proves threading.Semaphore's documented behaviour:

    * a negative value raises ValueError; acquire(blocking=False) takes one while the count is
      above 0 and returns False — changing nothing — when it is 0; release() gives one back;
    * acquire(timeout=t) returns False after t when nothing is released; a timeout without
      blocking raises ValueError;
    * a release() wakes a waiter — also one in acquire() with no timeout; release(n) lets
      exactly n waiters through; release(0) and release(-1) raise ValueError;
    * a woken waiter looks at the count again (a release taken back before it ran);
    * Semaphore(2) lets 2 threads hold it at once; ``with`` releases it even on an exception.
    """
    yield from behaviours(
        ("Semaphore(-1)", "raised ValueError", lambda: Call(Semaphore, -1).outcome()),
        ("Semaphore(2): acquire(blocking=False) three times, release(), "
         "acquire(blocking=False)", "returned [True, True, False, True]",
         lambda: Call(_counting, Semaphore(2)).outcome()),
        *_from_zero(lambda: Semaphore(0), "Semaphore(0)"),
        ("Semaphore() (value 1): acquire(), then acquire(timeout=0.2) in another "
         "thread", "returned False after its timeout", lambda: _held(Semaphore())),
        ("acquire(blocking=False, timeout=1) (a timeout makes no sense without "
         "blocking)", "raised ValueError",
         lambda: Call(Semaphore(1).acquire, blocking=False, timeout=1).outcome()),
        ("Semaphore(2) and 2 tasks that each hold it and succeed only if both hold "
         "it at once", ["returned 'met'"] * 2,
         lambda: outcomes([Call(_holding, Semaphore(2), t) for t in meeting(2)])),
        ("Semaphore(1): `with sem:` around code that raises; acquire(blocking="
         "False) inside the block, then after it", "returned (False, True)",
         lambda: Call(_with, Semaphore(1)).outcome()),
    )


def _from_zero(at_zero, name):
    """The steps every semaphore passes from a count of 0 that may be released 3 times."""
    return [
        (f"{name}: acquire(blocking=False), release(), then acquire(blocking=False) "
         "twice (a failed acquire changes nothing)",
         "returned [False, True, False]", lambda: Call(_failed, at_zero()).outcome()),
        (f"{name}: a thread waits in acquire() (no timeout); then release()",
         "returned True", lambda: _woken(at_zero(), timeout=None)),
        (f"{name}: a thread waits in acquire(timeout=1); another releases and "
         "acquires straight back before the waiter runs",
         "True, then the waiter returned False after its timeout",
         lambda: _stolen(at_zero())),
        (f"{name}: 3 threads wait in acquire(timeout=5); release(2), then release()",
         "2 acquired and 1 still waiting after release(2); 3 acquired after "
         "release()", lambda: _exactly_n(at_zero())),
        (f"{name}: release(0) and release(-1); then acquire(blocking=False)",
         "raised ValueError, raised ValueError; returned False",
         lambda: _release_nothing(at_zero())),
    ]


def _counting(sem):
    tries = [sem.acquire(blocking=False) for _ in range(3)]
    sem.release()
    return tries + [sem.acquire(blocking=False)]


def _failed(sem):
    failed = sem.acquire(blocking=False)
    sem.release()
    return [failed, sem.acquire(blocking=False), sem.acquire(blocking=False)]


def _held(sem):
    Call(sem.acquire).finish()
    ended = Call(sem.acquire, timeout=0.2).timed_out(0.2)
    Call(sem.release).finish()
    return ended


def _woken(sem, timeout):
    waiter = Call(sem.acquire, timeout=timeout).once_blocked()
    Call(sem.release).finish()
    return waiter.outcome()


def _stolen(sem):
    waiter = Call(sem.acquire, timeout=1).once_blocked()
    with no_thread_switch():  # the waiter is woken but cannot run before the acquire
        sem.release()
        stolen = sem.acquire(blocking=False)
    return f"{stolen}, then the waiter {waiter.timed_out(1)}"


def _exactly_n(sem):
    waiters = blocked_calls(3, sem.acquire, timeout=5)
    Call(sem.release, 2).finish()
    ends = outcomes(waiters)
    first = ends.count("returned True")
    waiting = ends.count("still blocked")
    Call(sem.release).finish()
    after = outcomes(waiters).count("returned True")
    return (f"{first} acquired and {waiting} still waiting after release(2); "
            f"{after} acquired after release()")


def _release_nothing(sem):
    refused = f"{Call(sem.release, 0).outcome()}, {Call(sem.release, -1).outcome()}"
    return f"{refused}; {Call(sem.acquire, blocking=False).outcome()}"


def _holding(sem, task):
    with sem:
        return task()


def _with(sem):
    try:
        with sem:
            inside = sem.acquire(blocking=False)
            raise KeyError("raised on purpose by the check")
    except KeyError:
        pass
    return (inside, sem.acquire(blocking=False))


def check_bounded_semaphore(BoundedSemaphore):
    """BoundedSemaphore(value=1) proves threading.BoundedSemaphore's documented behaviour:

    * a release that would take the count above its initial value raises ValueError and
      changes nothing — release(n) too, counting all n;
    * the bound holds when two threads release at the same time (switching at every bytecode);
    * an acquire that fails — acquire(blocking=False) on 0, acquire(timeout=t) that times
      out — takes nothing: the count stays, and only what was taken may be released;
    * below the bound it is a Semaphore, with every behaviour `semaphore` proves from 0.
    """
    yield from behaviours(
        ("BoundedSemaphore(2): release() before any acquire()", "raised ValueError",
         lambda: Call(BoundedSemaphore(2).release).outcome()),
        ("BoundedSemaphore(2): acquire() twice, release(2), and release() once more",
         "returned None, then raised ValueError", lambda: _refill(BoundedSemaphore(2))),
        ("BoundedSemaphore(2) acquired once: release(2) (one too many); then "
         "acquire(blocking=False) three times", "raised ValueError, and the count "
         "stays 1: [True, False, False]", lambda: _over(BoundedSemaphore(2))),
        ("BoundedSemaphore(1) acquired once: 2 threads call release() at the same "
         "time, switching at every bytecode", "one returned None, one raised "
         "ValueError; then [True, False]", lambda: _racing(BoundedSemaphore(1))),
        ("BoundedSemaphore(1) acquired once: acquire(blocking=False) and "
         f"acquire(timeout={FAILING}) both fail; then release(), release() once more, and "
         "acquire(blocking=False) twice", FAILED_ACQUIRES,
         lambda: _failed_acquires(BoundedSemaphore(1))),
        *_from_zero(lambda: _drained(BoundedSemaphore(3)), "BoundedSemaphore(3) acquired 3 "
                    "times"),
    )


def _drained(sem):
    for _ in range(3):
        Call(sem.acquire, blocking=False).finish()
    return sem


def _failed_acquires(sem):
    """Failed acquires take nothing, so they leave nothing to give back: after them, one
    release() fills the semaphore and the next one is refused."""
    Call(sem.acquire).finish()
    failed = [Call(sem.acquire, blocking=False).outcome(),
              Call(sem.acquire, timeout=FAILING).outcome()]
    released = [Call(sem.release).outcome(), Call(sem.release).outcome()]
    after = Call(lambda: [sem.acquire(blocking=False) for _ in range(2)]).outcome()
    return (f"{', '.join(failed)}; release: {', '.join(released)}; "
            f"then {after.removeprefix('returned ')}")


def _refill(sem):
    Call(sem.acquire).finish()
    Call(sem.acquire).finish()
    return f"{Call(sem.release, 2).outcome()}, then {Call(sem.release).outcome()}"


def _over(sem):
    Call(sem.acquire).finish()
    refused = Call(sem.release, 2).outcome()
    after = Call(lambda: [sem.acquire(blocking=False) for _ in range(3)]).outcome()
    return f"{refused}, and the count stays 1: {after.removeprefix('returned ')}"


def _racing(sem):
    Call(sem.acquire).finish()
    lockstep = Lockstep(2)
    releases = [Call(lambda: (lockstep.enter(), sem.release())[1]) for _ in range(2)]
    ends = sorted(outcomes(releases))
    after = Call(lambda: [sem.acquire(blocking=False) for _ in range(2)]).outcome()
    said = ("one returned None, one raised ValueError" if ends == ["raised ValueError",
            "returned None"] else " and ".join(ends))
    return f"{said}; then {after.removeprefix('returned ')}"
