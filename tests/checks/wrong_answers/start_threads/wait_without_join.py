"""Wrong answers to lesson 01's exercise `wait-without-join`, each named for its bug and marked
with the behaviour it must fail."""

import _thread
import threading
import time

from tests.checks.wrong_answers.marks import fails

# --- wait-without-join: wait_all(tasks, timeout=None) --------------------------------------

def _waiter(count_under_lock=True, count_errors=True, per_task=False):
    """wait_all, right but for the switches given: each False brings one bug."""
    def wait_all(tasks, timeout=None):
        if not tasks:
            return True
        remaining = [len(tasks)]
        count_lock, all_done = _thread.allocate_lock(), _thread.allocate_lock()
        all_done.acquire()
        done_each = [_thread.allocate_lock() for _ in tasks]
        for lock in done_each:
            lock.acquire()

        def count_down(index):
            done_each[index].release()
            if count_under_lock:
                count_lock.acquire()
            remaining[0] -= 1
            if remaining[0] == 0:
                all_done.release()
            if count_under_lock:
                count_lock.release()

        def run(index, task):
            if not count_errors:
                task()
                return count_down(index)
            try:
                task()
            finally:
                count_down(index)
        for index, task in enumerate(tasks):
            _thread.start_new_thread(run, (index, task))
        wait = -1 if timeout is None else timeout
        if per_task:
            return all(lock.acquire(timeout=wait) for lock in done_each)
        return all_done.acquire(timeout=wait)
    return wait_all


@fails("a task that ends at once and 2 that run until released")
def wait_all_without_waiting(tasks, timeout=None):
    for task in tasks:
        _thread.start_new_thread(task, ())
    return True


@fails("what kind of thread")
def wait_all_with_threading_and_join(tasks, timeout=None):
    threads = [threading.Thread(target=task) for task in tasks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    return not any(thread.is_alive() for thread in threads)


@fails("a task that ends at once and 2 that run until released")
def wait_all_until_the_first_finishes(tasks, timeout=None):
    if not tasks:
        return True
    done = _thread.allocate_lock()
    done.acquire()

    def run(task):
        task()
        if done.locked():
            done.release()
    for task in tasks:
        _thread.start_new_thread(run, (task,))
    return done.acquire(timeout=-1 if timeout is None else timeout)


@fails("ending 0.25 s apart")
def wait_all_ignoring_the_timeout(tasks, timeout=None):
    return _waiter()(tasks)


@fails("what kind of thread")
def wait_all_one_after_another(tasks, timeout=None):
    for task in tasks:
        task()
    return True


wait_all_counting_without_a_lock = fails("switch at every bytecode")(
    _waiter(count_under_lock=False))
wait_all_counting_without_a_lock.__name__ = "wait_all_counting_without_a_lock"
wait_all_never_counting_a_task_that_raises = fails("a task that raises ValueError")(
    _waiter(count_errors=False))
wait_all_never_counting_a_task_that_raises.__name__ = "wait_all_never_counting_a_task_that_raises"
wait_all_with_a_timeout_per_task = fails("ending 0.25 s apart")(_waiter(per_task=True))
wait_all_with_a_timeout_per_task.__name__ = "wait_all_with_a_timeout_per_task"


@fails("timeout=0)")
def wait_all_taking_timeout_0_as_no_timeout(tasks, timeout=None):
    return _waiter()(tasks, timeout or None)


@fails("with no timeout")
def wait_all_taking_no_timeout_as_0(tasks, timeout=None):
    return _waiter()(tasks, timeout or 0)


@fails("processor time the caller uses")
def wait_all_spinning(tasks, timeout=None):
    remaining = [len(tasks)]
    count_lock = _thread.allocate_lock()
    deadline = None if timeout is None else time.monotonic() + timeout

    def run(task):
        try:
            task()
        finally:
            with count_lock:
                remaining[0] -= 1
    for task in tasks:
        _thread.start_new_thread(run, (task,))
    while remaining[0]:
        if deadline is not None and time.monotonic() > deadline:
            return False
    return True


WAIT_WITHOUT_JOIN = [wait_all_without_waiting, wait_all_with_threading_and_join,
                     wait_all_until_the_first_finishes, wait_all_ignoring_the_timeout,
                     wait_all_one_after_another, wait_all_counting_without_a_lock,
                     wait_all_never_counting_a_task_that_raises, wait_all_with_a_timeout_per_task,
                     wait_all_taking_timeout_0_as_no_timeout, wait_all_taking_no_timeout_as_0,
                     wait_all_spinning]
