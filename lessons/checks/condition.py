"""Checker for lesson 04's exercise `bounded-queue`: a queue.Queue built on Conditions.

Every call that may block runs in a watched ``Call``, so a lost wake-up is seen asleep,
un-notified, within half a second — not waited out.
"""

import threading

from lessons.checks.kit.forcing import no_thread_switch
from lessons.checks.kit.probes import Gate
from lessons.checks.kit.watch import Call, blocked_calls, outcomes, wait_until
from lessons.course.checking import behaviours

__all__ = ["check_bounded_queue"]


def check_bounded_queue(BoundedQueue):
    """BoundedQueue(maxsize=0) proves queue.Queue's documented behaviour:

    * first in, first out; maxsize 0 means no limit; qsize(), empty(), full();
    * put_nowait on a full queue raises queue.Full, get_nowait on an empty one queue.Empty;
      get(timeout) and put(timeout) raise them after the timeout; a negative timeout raises
      ValueError;
    * a put wakes a waiting get, a get wakes a waiting put, and each of 2 waiting getters gets
      one of 2 items; a woken get looks at the queue again (an item taken before it ran);
    * join() waits until task_done() was called for every item put; one task_done() too many
      raises ValueError;
    * 3 producers and 3 consumers through BoundedQueue(2) pass every item exactly once.
    """
    yield from behaviours(
        ("put 1, 2, 3 into BoundedQueue(); then get() three times",
         "returned [1, 2, 3]", lambda: Call(_fifo, BoundedQueue).outcome()),
        ("BoundedQueue(2) after 2 puts: qsize(), empty(), full(), and put_nowait(3)",
         "returned (2, False, True, 'raised queue.Full')",
         lambda: Call(_sizes, BoundedQueue).outcome()),
        ("get_nowait() on an empty BoundedQueue(2); then empty()",
         "raised queue.Empty; True", lambda: _empty(BoundedQueue(2))),
        ("get(timeout=0.2) on an empty queue, then put(timeout=0.2) on a full one",
         "raised queue.Empty after its timeout, raised queue.Full after its timeout",
         lambda: _timeouts(BoundedQueue(1))),
        ("a get() that waits on an empty queue, then a put('hello'): does put wake "
         "it?", "returned 'hello'", lambda: _put_wakes_get(BoundedQueue(1))),
        ("a put('second') that waits on a full BoundedQueue(1), then a get()",
         "'first', then put returned None, then get_nowait returned 'second'",
         lambda: _get_wakes_put(BoundedQueue(1))),
        ("a get(timeout=1) waits; another thread puts an item and takes it "
         "straight back before the waiter runs: does the woken get check the queue "
         "again?", "raised queue.Empty", lambda: _stolen(BoundedQueue(1))),
        ("2 getters wait; 2 items are put: does each getter get one?",
         ["returned 'p'", "returned 'q'"], lambda: _two_getters(BoundedQueue())),
        ("get(timeout=-1) and put(1, timeout=-1)", "raised ValueError, raised "
         "ValueError", lambda: _negative(BoundedQueue(1))),
        ("put 3 items; a worker gets each and calls task_done() when released; "
         "join()", "join still blocked with 2 of 3 done; returned when 3 of 3 were "
         "done", lambda: _join_waits(BoundedQueue())),
        ("task_done() once more than there were items", "raised ValueError",
         lambda: _too_many_done(BoundedQueue())),
        ("3 producers put 40 items each into BoundedQueue(2); 3 consumers get them "
         "all", "120 items, each received once", lambda: _traffic(BoundedQueue)),
    )


def _fifo(BoundedQueue):
    q = BoundedQueue()
    for item in (1, 2, 3):
        q.put(item)
    return [q.get(), q.get(), q.get()]


def _sizes(BoundedQueue):
    q = BoundedQueue(2)
    q.put("a")
    q.put("b")
    return q.qsize(), q.empty(), q.full(), Call(q.put_nowait, 3).outcome()


def _empty(q):
    return f"{Call(q.get_nowait).outcome()}; {Call(q.empty).outcome().removeprefix('returned ')}"


def _timeouts(q):
    got = Call(q.get, timeout=0.2)
    waited_get = got.timed_out(0.2)
    Call(q.put, "x").finish()
    waited_put = Call(q.put, "y", timeout=0.2).timed_out(0.2)
    return f"{waited_get}, {waited_put}"


def _put_wakes_get(q):
    getter = Call(q.get, timeout=5).once_blocked()
    Call(q.put, "hello").finish()
    return getter.outcome()


def _get_wakes_put(q):
    Call(q.put, "first").finish()
    putter = Call(q.put, "second", timeout=5).once_blocked()
    first = Call(q.get).outcome().removeprefix("returned ")
    woken = putter.outcome()
    return f"{first}, then put {woken}, then get_nowait {Call(q.get_nowait).outcome()}"


def _stolen(q):
    waiter = Call(q.get, timeout=1).once_blocked()
    with no_thread_switch():  # the waiter is woken but cannot run before get_nowait
        q.put("stolen")
        q.get_nowait()
    return waiter.timed_out(1).removesuffix(" after its timeout")


def _two_getters(q):
    getters = blocked_calls(2, q.get, timeout=5)
    Call(q.put, "p").finish()
    Call(q.put, "q").finish()
    return sorted(outcomes(getters))


def _negative(q):
    return f"{Call(q.get, timeout=-1).outcome()}, {Call(q.put, 1, timeout=-1).outcome()}"


def _join_waits(q):
    for item in range(3):
        Call(q.put, item).finish()
    gates, done = [Gate(limit=5.0) for _ in range(3)], []

    def worker():
        for gate in gates:
            q.get(timeout=3)
            gate.task()()
            done.append(gate)
            q.task_done()
    joined = Call(q.join).once_blocked()  # waiting before any task is done
    working = Call(worker)
    gates[0].open()
    gates[1].open()
    wait_until(lambda: len(done) == 2)
    early = joined.outcome(timeout=0.3)
    gates[2].open()
    later = joined.outcome()
    working.finish()
    return (f"join {_returned(early)} with 2 of 3 done; "
            f"{_returned(later)} when {len(done)} of 3 were done")


def _returned(ended):
    """'returned', whatever join() returned (queue.Queue.join gives None; yours may give True)."""
    return "returned" if ended.startswith("returned") else ended


def _too_many_done(q):
    Call(q.put, 1).finish()
    Call(q.get).finish()
    Call(q.task_done).finish()
    return Call(q.task_done).outcome()


def _traffic(BoundedQueue, producers=3, consumers=3, each=40):
    q = BoundedQueue(2)
    received, lock = [], threading.Lock()
    stop = object()

    def produce(start):
        for item in range(start, start + each):
            q.put(item, timeout=2)

    def consume():
        while (item := q.get(timeout=2)) is not stop:
            with lock:
                received.append(item)
    makers = [Call(produce, p * each) for p in range(producers)]
    takers = [Call(consume) for _ in range(consumers)]
    ends = outcomes(makers, timeout=5)
    for _ in takers:  # one stop marker per consumer, once every item is in
        Call(q.put, stop, timeout=2).finish()
    ends += outcomes(takers, timeout=5)
    problems = [end for end in ends if end != "returned None"]
    if problems:
        return f"a producer or consumer {problems[0]}"
    total = producers * each
    if sorted(received) == list(range(total)):
        return f"{total} items, each received once"
    return f"{len(received)} items received, {len(set(received))} different, expected {total}"
