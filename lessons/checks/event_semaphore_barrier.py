"""Checkers for lesson 05, Signal with an Event, limit with a Semaphore, meet at a Barrier."""

import time

from lessons.checks.probes import Call, blocked_calls, meeting, no_thread_switch, outcomes
from lessons.course.report import outcome


def check_event(Event):
    tried = "a new Event: is_set() and wait(0)"
    yield tried
    event = Event()
    yield outcome(tried, "False, returned False",
                  f"{event.is_set()}, {Call(event.wait, 0).outcome()}")

    tried = "set(), then is_set() and wait() (no timeout)"
    yield tried
    event.set()
    yield outcome(tried, "True, returned True", f"{event.is_set()}, {Call(event.wait).outcome()}")

    tried = "set(), clear(), then is_set() and wait(0.2)"
    yield tried
    event.clear()
    waiting = Call(event.wait, 0.2)
    yield outcome(tried, "False, returned False after its timeout",
                  f"{event.is_set()}, {waiting.timed_out(0.2)}")
    event.set()

    tried = "3 threads wait(5) on a new Event; then set()"
    yield tried
    event = Event()
    waiters = blocked_calls(3, event.wait, 5)
    event.set()
    yield outcome(tried, ["returned True"] * 3, outcomes(waiters))

    tried = ("a thread waits with wait(0.5); another calls clear(): does clear() wake it? "
             "(the seed says clear() 'sends' the event)")
    yield tried
    event = Event()
    waiter = Call(event.wait, 0.5).once_blocked()
    event.clear()
    yield outcome(tried, "returned False after its timeout", waiter.timed_out(0.5))
    event.set()

    tried = "3 threads wait(1); another calls set() and clear() before they run again"
    yield tried
    event = Event()
    waiters = blocked_calls(3, event.wait, 1)
    with no_thread_switch():  # the waiters are woken but cannot run before clear()
        event.set()
        event.clear()
    yield outcome(tried, ["returned True"] * 3, outcomes(waiters))
    event.set()


def check_semaphore(Semaphore):
    tried = "Semaphore(-1)"
    yield tried
    yield outcome(tried, "raised ValueError", Call(Semaphore, -1).outcome())

    tried = "Semaphore(2): acquire(blocking=False) three times, release(), acquire(blocking=False)"
    yield tried
    sem = Semaphore(2)
    tries = [sem.acquire(blocking=False) for _ in range(3)]
    sem.release()
    yield outcome(tried, [True, True, False, True], tries + [sem.acquire(blocking=False)])

    tried = "Semaphore() (value 1): acquire(), then acquire(timeout=0.2) in another thread"
    yield tried
    sem = Semaphore()
    sem.acquire()
    second = Call(sem.acquire, timeout=0.2)
    yield outcome(tried, "returned False after its timeout", second.timed_out(0.2))
    sem.release()

    tried = "acquire(blocking=False, timeout=1) (a timeout makes no sense without blocking)"
    yield tried
    refused = Call(Semaphore(1).acquire, blocking=False, timeout=1).outcome()
    yield outcome(tried, "raised ValueError", refused)

    tried = "Semaphore(0): a thread waits in acquire(timeout=5); then release(): does it wake?"
    yield tried
    sem = Semaphore(0)
    waiter = Call(sem.acquire, timeout=5).once_blocked()
    sem.release()
    yield outcome(tried, "returned True", waiter.outcome())

    tried = ("Semaphore(0): a thread waits in acquire(timeout=1); another releases and "
             "acquires straight back before the waiter runs")
    yield tried
    sem = Semaphore(0)
    waiter = Call(sem.acquire, timeout=1).once_blocked()
    with no_thread_switch():  # the waiter is woken but cannot run before the acquire
        sem.release()
        stolen = sem.acquire(blocking=False)
    yield outcome(tried, "True, then the waiter returned False after its timeout",
                  f"{stolen}, then the waiter {waiter.timed_out(1)}")
    sem.release(2)

    tried = "Semaphore(0): 3 threads wait in acquire(timeout=5); release(2), then release()"
    yield tried
    sem = Semaphore(0)
    waiters = blocked_calls(3, sem.acquire, timeout=5)
    sem.release(2)
    first = woken_count(waiters, 2)
    sem.release()
    yield outcome(tried, "2 acquired after release(2), 3 after release()",
                  f"{first} acquired after release(2), {woken_count(waiters, 3)} after release()")
    sem.release(3)

    tried = "Semaphore(2) and 2 tasks that each hold it and succeed only if both hold it at once"
    yield tried
    sem = Semaphore(2)
    tasks = [Call(holding, sem, task) for task in meeting(2)]
    yield outcome(tried, ["returned 'met'"] * 2, outcomes(tasks))

    tried = "Semaphore(1): `with sem:` around code that raises; then acquire(blocking=False)"
    yield tried
    sem = Semaphore(1)
    try:
        with sem:
            inside = sem.acquire(blocking=False)
            raise KeyError("inside the with block")
    except KeyError:
        pass
    yield outcome(tried, "False inside the block, True after it",
                  f"{inside} inside the block, {sem.acquire(blocking=False)} after it")


def holding(sem, task):
    with sem:
        return task()


def woken_count(calls, expected, timeout=2.0):
    """How many of `calls` returned True, once `expected` of them have (or `timeout` passed)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and sum(call.ended.is_set() for call in calls) < expected:
        time.sleep(0.02)
    return sum(call.ended.is_set() and call.returned is True for call in calls)


def check_bounded_semaphore(BoundedSemaphore):
    tried = "BoundedSemaphore(2): release() before any acquire()"
    yield tried
    sem = BoundedSemaphore(2)
    yield outcome(tried, "raised ValueError", Call(sem.release).outcome())

    tried = "then acquire() twice, release(2), and release() once more"
    yield tried
    sem.acquire()
    sem.acquire()
    yield outcome(tried, "returned None, then raised ValueError",
                  f"{Call(sem.release, 2).outcome()}, then {Call(sem.release).outcome()}")

    tried = "BoundedSemaphore(2) acquired once: release(2) (one too many)"
    yield tried
    sem = BoundedSemaphore(2)
    sem.acquire()
    refused = Call(sem.release, 2).outcome()
    after = [sem.acquire(blocking=False) for _ in range(3)]
    yield outcome(tried, "raised ValueError, and the count stays 1: "
                  "acquire() gives [True, False, False]",
                  f"{refused}, and acquire() gives {after}",
                  passed=refused == "raised ValueError" and after == [True, False, False])

    tried = "BoundedSemaphore(1): acquire(), release(), acquire(blocking=False)"
    yield tried
    sem = BoundedSemaphore(1)
    sem.acquire()
    sem.release()
    yield outcome(tried, True, sem.acquire(blocking=False))

    tried = "it is still a semaphore: BoundedSemaphore(1) held; acquire(timeout=0.2) elsewhere"
    yield tried
    second = Call(sem.acquire, timeout=0.2)
    yield outcome(tried, "returned False after its timeout", second.timed_out(0.2))


def check_barrier(Barrier):
    tried = "Barrier(0)"
    yield tried
    yield outcome(tried, "raised ValueError", Call(Barrier, 0).outcome())

    tried = "Barrier(3): 3 threads call wait(timeout=5); do all 3 go on at once?"
    yield tried
    barrier = Barrier(3)
    arrivals = [Call(barrier.wait, timeout=5) for _ in range(3)]
    yield outcome(tried, ["returned 0", "returned 1", "returned 2"], sorted(outcomes(arrivals)))

    tried = "Barrier(2) passed once by 2 threads; then 1 thread alone calls wait(timeout=0.3)"
    yield tried
    barrier = Barrier(2)
    outcomes([Call(barrier.wait, timeout=5) for _ in range(2)])
    alone = Call(barrier.wait, timeout=0.3)
    yield outcome(tried, "raised threading.BrokenBarrierError after its timeout", alone.timed_out(0.3))

    tried = "Barrier(3): only 2 threads come, with wait(timeout=0.3); then .broken, and a late wait()"
    yield tried
    barrier = Barrier(3)
    early = [Call(barrier.wait, timeout=0.3) for _ in range(2)]
    ends = outcomes(early)
    late = Call(barrier.wait, timeout=2).outcome(timeout=1)  # at once, or still blocked
    if late == "raised threading.BrokenBarrierError":
        late += " at once"
    yield outcome(tried, "2 × raised threading.BrokenBarrierError; broken True; the late wait "
                  "raised threading.BrokenBarrierError at once",
                  f"{described(ends)}; broken {barrier.broken!r}; the late wait {late}")

    tried = "Barrier(3, timeout=0.2): 1 thread calls wait() (the barrier's own timeout)"
    yield tried
    lonely = Call(Barrier(3, timeout=0.2).wait)
    yield outcome(tried, "raised threading.BrokenBarrierError after its timeout", lonely.timed_out(0.2))

    tried = "Barrier(3, action=count): how often the action ran when each of 3 threads returns"
    yield tried
    ran = []
    barrier = Barrier(3, action=lambda: ran.append("action"))
    seen = [Call(lambda: (barrier.wait(timeout=5), len(ran))[1]) for _ in range(3)]
    yield outcome(tried, ["returned 1"] * 3, outcomes(seen))

    tried = "Barrier(3): 2 threads wait(timeout=5) and n_waiting is read; then abort()"
    yield tried
    barrier = Barrier(3)
    waiters = blocked_calls(2, barrier.wait, timeout=5)
    waiting = barrier.n_waiting
    barrier.abort()
    yield outcome(tried, "n_waiting 2; 2 × raised threading.BrokenBarrierError; broken True",
                  f"n_waiting {waiting!r}; {described(outcomes(waiters))}; broken {barrier.broken!r}")

    tried = "Barrier(3): 2 threads wait(timeout=5); reset(); then 3 new threads wait(timeout=5)"
    yield tried
    barrier = Barrier(3)
    waiters = blocked_calls(2, barrier.wait, timeout=5)
    barrier.reset()
    freed = described(outcomes(waiters))
    again = [Call(barrier.wait, timeout=5) for _ in range(3)]
    yield outcome(tried, "2 × raised threading.BrokenBarrierError; then [0, 1, 2], broken False",
                  f"{freed}; then {indexes(outcomes(again))}, broken {barrier.broken!r}")


def described(ends):
    """['raised X', 'raised X'] as '2 × raised X'; otherwise the list itself."""
    return f"{len(ends)} × {ends[0]}" if ends and len(set(ends)) == 1 else repr(ends)


def indexes(ends):
    """['returned 1', 'returned 0'] as '[0, 1]'; otherwise the list itself."""
    if not all(end.startswith("returned ") for end in ends):
        return repr(ends)
    return f"[{', '.join(sorted(end.removeprefix('returned ') for end in ends))}]"
