"""Checkers for lesson 04, Coordinate threads with a Condition."""

import threading
import time

from lessons.checks.probes import Call, blocked_calls, no_thread_switch, outcomes
from lessons.course.report import outcome


def check_bounded_queue(BoundedQueue):
    tried = "put 1, 2, 3 into BoundedQueue(); then get() three times"
    yield tried
    q = BoundedQueue()
    for item in (1, 2, 3):
        q.put(item)
    yield outcome(tried, [1, 2, 3], [q.get(), q.get(), q.get()])

    tried = "BoundedQueue(2) after 2 puts: qsize(), full(), and put_nowait(3)"
    yield tried
    q = BoundedQueue(2)
    q.put("a")
    q.put("b")
    yield outcome(tried, "2, True, raised queue.Full",
                  f"{q.qsize()}, {q.full()}, {Call(q.put_nowait, 3).outcome()}")

    tried = "get_nowait() on an empty BoundedQueue(2)"
    yield tried
    yield outcome(tried, "raised queue.Empty", Call(BoundedQueue(2).get_nowait).outcome())

    tried = "get(timeout=0.2) on an empty queue, then put(timeout=0.2) on a full one"
    yield tried
    q = BoundedQueue(1)
    got = Call(q.get, timeout=0.2)
    waited_get = got.timed_out(0.2)
    q.put("x")
    put = Call(q.put, "y", timeout=0.2)
    waited_put = put.timed_out(0.2)
    unblock(q, got, put)
    yield outcome(tried, "raised queue.Empty after its timeout, raised queue.Full after its timeout",
                  f"{waited_get}, {waited_put}")

    tried = "a get() that waits on an empty queue, then a put('hello'): does put wake it?"
    yield tried
    q = BoundedQueue(1)
    getter = Call(q.get, timeout=5).once_blocked()
    q.put("hello")
    yield outcome(tried, "returned 'hello'", getter.outcome())
    unblock(q, getter)

    tried = "a put('second') that waits on a full BoundedQueue(1), then a get()"
    yield tried
    q = BoundedQueue(1)
    q.put("first")
    putter = Call(q.put, "second", timeout=5).once_blocked()
    first = q.get()
    woken = putter.outcome()
    second = Call(q.get_nowait).outcome()
    yield outcome(tried, "'first', then put returned None, then get_nowait returned 'second'",
                  f"{first!r}, then put {woken}, then get_nowait {second}")

    tried = ("a get(timeout=1) waits; another thread puts an item and takes it straight back "
             "before the waiter runs: does the woken get check the queue again?")
    yield tried
    q = BoundedQueue(1)
    waiter = Call(q.get, timeout=1).once_blocked()
    with no_thread_switch():  # the waiter is woken but cannot run before get_nowait
        q.put("stolen")
        q.get_nowait()
    yield outcome(tried, "raised queue.Empty", waiter.outcome())
    unblock(q, waiter)

    tried = "2 getters wait; 2 items are put: does each getter get one?"
    yield tried
    q = BoundedQueue()
    getters = blocked_calls(2, q.get, timeout=5)
    q.put("p")
    q.put("q")
    yield outcome(tried, ["returned 'p'", "returned 'q'"], sorted(outcomes(getters)))
    unblock(q, *getters)

    tried = "get(timeout=-1) and put(1, timeout=-1)"
    yield tried
    q = BoundedQueue(1)
    yield outcome(tried, "raised ValueError, raised ValueError",
                  f"{Call(q.get, timeout=-1).outcome()}, {Call(q.put, 1, timeout=-1).outcome()}")

    yield from check_tasks(BoundedQueue)

    tried = "3 producers put 40 items each into BoundedQueue(2); 3 consumers get them all"
    yield tried
    yield outcome(tried, "120 items, each received once", producers_and_consumers(BoundedQueue))


def check_tasks(BoundedQueue):
    tried = "put 3 items; a worker gets each and calls task_done() 0.1 s later; join()"
    yield tried
    q = BoundedQueue()
    for item in range(3):
        q.put(item)
    done = []

    def worker():
        for _ in range(3):
            item = q.get(timeout=3)
            time.sleep(0.1)
            done.append(item)
            q.task_done()
    working = Call(worker)
    joined = Call(q.join)
    joined_how = joined.outcome()
    finished = len(done)
    working.outcome()
    yield outcome(tried, "join returned when 3 of 3 tasks were done",
                  f"join {returned(joined_how)} when {finished} of 3 tasks were done")

    tried = "join() on a queue with one item put and no task_done() yet"
    yield tried
    q = BoundedQueue()
    q.put("unfinished")
    joined = Call(q.join)
    early = joined.outcome(timeout=0.3) + " after 0.3 s"
    q.get()
    q.task_done()
    yield outcome(tried, "still blocked after 0.3 s; after task_done: returned",
                  f"{early}; after task_done: {returned(joined.outcome())}")

    tried = "task_done() once more than there were items"
    yield tried
    q = BoundedQueue()
    q.put(1)
    q.get()
    q.task_done()
    yield outcome(tried, "raised ValueError", Call(q.task_done).outcome())


def returned(ended):
    """'returned', whatever join() returned (queue.Queue.join gives None; ours may give True)."""
    return "returned" if ended.startswith("returned") else ended


def unblock(q, *calls):
    """Let calls that a wrong answer left blocked finish, so no thread stays behind."""
    for _ in range(4):
        if all(call.ended.is_set() for call in calls):
            return
        for attempt in (lambda: q.put_nowait("unblock"), q.get_nowait):
            try:
                attempt()
            except Exception:  # a wrong answer may raise anything here
                pass
        time.sleep(0.05)


def producers_and_consumers(BoundedQueue, producers=3, consumers=3, each=40):
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
        q.put(stop, timeout=2)
    ends += outcomes(takers, timeout=5)
    problems = [end for end in ends if end != "returned None"]
    if problems:
        return f"a producer or consumer {problems[0]}"
    total = producers * each
    if sorted(received) == list(range(total)):
        return f"{total} items, each received once"
    return f"{len(received)} items received, {len(set(received))} different, expected {total}"

