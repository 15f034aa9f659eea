"""Checkers for lesson 02, Wait for threads."""

import threading
import time

from lessons.course.report import outcome

# A join that waits on a Condition uses almost no processor time; one that spins uses most of
# the wait. The bound is far from both, so a busy machine does not blur them.
WAIT = 0.8
SPIN_CPU = 0.1


def check_joinable_thread(JoinableThread):
    tried = "the target's thread: is it started with _thread (not threading.Thread)?"
    yield tried
    kinds = []
    thread = JoinableThread(target=lambda: kinds.append(kind_of_current_thread()))
    thread.start()
    wait_for(lambda: kinds, 2)
    yield outcome(tried, ["a _thread thread"], kinds)
    settle(thread)

    tried = f"join() on a thread whose target runs for {WAIT} s"
    yield tried
    ends = []
    go = threading.Event()
    thread = JoinableThread(target=lambda: (go.wait(5), ends.append("target finished")))
    thread.start()
    timer = threading.Timer(WAIT, go.set)
    timer.start()
    cpu_before = time.thread_time()
    thread.join()
    cpu = time.thread_time() - cpu_before
    ends.append("join returned")
    go.set()
    timer.join(2)
    yield outcome(tried, ["target finished", "join returned"], ends)

    tried = f"processor time the joining thread used while join() waited {WAIT} s"
    yield tried
    yield outcome(tried, f"under {SPIN_CPU} s: it sleeps on a Condition",
                  f"under {SPIN_CPU} s: it sleeps on a Condition" if cpu < SPIN_CPU
                  else f"{cpu:.2f} s: it spins in a loop instead of waiting",
                  passed=cpu < SPIN_CPU)

    tried = "is_alive() before start(), then join(timeout=0.2) on a target that runs 1.5 s"
    yield tried
    release = threading.Event()
    thread = JoinableThread(target=release.wait, args=(1.5,))
    alive_before = thread.is_alive()
    thread.start()
    began = time.monotonic()
    thread.join(timeout=0.2)
    elapsed = time.monotonic() - began
    alive_during = thread.is_alive()
    release.set()
    seen = (f"before start: {alive_before}; join returned "
            + ("after about 0.2 s" if 0.1 <= elapsed < 1.0 else
               "at once" if elapsed < 0.1 else "only when the target had finished")
            + f"; is_alive() then: {alive_during}")
    yield outcome(tried, "before start: False; join returned after about 0.2 s; "
                  "is_alive() then: True", seen)
    settle(thread)
    yield outcome("is_alive() after the target finished", False, thread.is_alive())

    tried = "a spurious wake-up: notify_all() on the thread's Condition while its target runs"
    yield tried
    release = threading.Event()
    thread = JoinableThread(target=release.wait, args=(3,))
    thread.start()
    conditions = conditions_of(thread)
    returned = joined_in_background(thread)
    time.sleep(0.2)  # let the joiner reach wait()
    for condition in conditions:
        with condition:
            condition.notify_all()
    early = returned.wait(0.3)
    release.set()
    late = returned.wait(2)
    wake(thread)
    if not conditions:
        seen = "found no threading.Condition among its attributes; build join on one"
    elif early:
        seen = "join() returned while the target still ran (check the flag in a while loop)"
    else:
        seen = ("join() kept waiting, then returned when the target finished" if late
                else "join() never returned after the target finished")
    yield outcome(tried, "join() kept waiting, then returned when the target finished", seen)

    tried = "3 threads call join() on one thread; then its target finishes"
    yield tried
    release = threading.Event()
    thread = JoinableThread(target=release.wait, args=(3,))
    thread.start()
    joiners = [joined_in_background(thread) for _ in range(3)]
    time.sleep(0.3)  # let all three reach wait()
    release.set()
    deadline = time.monotonic() + 2
    woken = sum(joiner.wait(max(deadline - time.monotonic(), 0)) for joiner in joiners)
    wake(thread)
    yield outcome(tried, "3 of 3 joiners returned", f"{woken} of 3 joiners returned")

    tried = "join() on a thread that has already finished"
    yield tried
    ran = threading.Event()
    thread = JoinableThread(target=ran.set)
    thread.start()
    ran.wait(2)
    time.sleep(0.2)  # let it finish what follows its target
    returned = joined_in_background(thread)
    prompt = returned.wait(1)
    wake(thread)
    yield outcome(tried, "returned at once",
                  "returned at once" if prompt else "still blocked 1 s later: it waits for a "
                  "notify that happened before it began waiting (check a flag first)")

    tried = "join() on a thread whose target raises ValueError"
    yield tried
    thread = JoinableThread(target=raise_value_error)
    thread.start()
    returned = joined_in_background(thread)
    finished = returned.wait(2)
    wake(thread)
    yield outcome(tried, "join() returned; is_alive() is False",
                  f"join() {'returned' if finished else 'still blocked 2 s later'}; "
                  f"is_alive() is {thread.is_alive()}")

    tried = "start() called twice"
    yield tried
    thread = JoinableThread(target=lambda: None)
    thread.start()
    try:
        thread.start()
        seen = "no exception"
    except RuntimeError:
        seen = "RuntimeError"
    except Exception as error:
        seen = type(error).__name__
    settle(thread)
    yield outcome(tried, "RuntimeError", seen)


def kind_of_current_thread():
    current = threading.current_thread()
    if type(current).__name__ == "_DummyThread":
        return "a _thread thread"
    if current is threading.main_thread():
        return "the caller's thread"
    return "a threading.Thread"


def raise_value_error():
    raise ValueError("raised on purpose by the check")


def wait_for(ready, timeout):
    deadline = time.monotonic() + timeout
    while not ready() and time.monotonic() < deadline:
        time.sleep(0.01)


def conditions_of(thread):
    """The threading.Condition objects among the candidate's attributes."""
    return [value for value in vars(thread).values() if isinstance(value, threading.Condition)]


def joined_in_background(thread):
    """An Event set when thread.join() (no timeout) returns in a helper thread."""
    returned = threading.Event()

    def join():
        thread.join()
        returned.set()
    threading.Thread(target=join, name="lessons-joiner", daemon=True).start()
    return returned


def wake(thread):
    """Release joiners a wrong answer left waiting: notify on its Conditions (once its flag is
    set, a correct wait loop ends)."""
    time.sleep(0.05)
    for condition in conditions_of(thread):
        with condition:
            condition.notify_all()


def settle(thread):
    """Wait, with a timeout, for `thread` to finish before the next probe."""
    thread.join(timeout=2)
