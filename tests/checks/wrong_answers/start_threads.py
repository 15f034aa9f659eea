"""Wrong answers to lesson 01's exercises, each named for its bug. Every one must fail check()."""

import _thread
import threading


# --- collect-results: run_all(tasks) -------------------------------------------------------

def run_all_one_after_another(tasks):
    return [task() for task in tasks]


def run_all_calls_run_not_start(tasks):
    results = [None] * len(tasks)
    for index, task in enumerate(tasks):
        threading.Thread(target=lambda i=index, t=task: results.__setitem__(i, t())).run()
    return results


def run_all_never_joins(tasks):
    results = [None] * len(tasks)
    for index, task in enumerate(tasks):
        threading.Thread(target=lambda i=index, t=task: results.__setitem__(i, t())).start()
    return results


def run_all_in_completion_order(tasks):
    results = []
    threads = [threading.Thread(target=lambda t=task: results.append(t())) for task in tasks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def run_all_joins_each_before_starting_the_next(tasks):
    results = [None] * len(tasks)
    for index, task in enumerate(tasks):
        thread = threading.Thread(target=lambda i=index, t=task: results.__setitem__(i, t()))
        thread.start()
        thread.join()
    return results


COLLECT_RESULTS = [run_all_one_after_another, run_all_calls_run_not_start, run_all_never_joins,
                   run_all_in_completion_order, run_all_joins_each_before_starting_the_next]


# --- result-thread: ResultThread ------------------------------------------------------------

class ResultThreadWithoutSuperInit(threading.Thread):
    def __init__(self, target=None, args=(), kwargs=None, **options):
        self.target, self.args, self.kwargs = target, args, kwargs or {}
        self.result = self.error = None

    def run(self):
        self.result = self.target(*self.args, **self.kwargs)


class ResultThreadCallingTargetInInit(threading.Thread):
    def __init__(self, target=None, args=(), kwargs=None, **options):
        super().__init__(**options)
        self.error = None
        self.result = target(*args, **(kwargs or {})) if target else None


class ResultThreadDroppingKwargs(threading.Thread):
    def __init__(self, target=None, args=(), kwargs=None, **options):
        super().__init__(**options)
        self.target, self.args = target, args
        self.result = self.error = None

    def run(self):
        try:
            self.result = self.target(*self.args)
        except Exception as error:
            self.error = error


class ResultThreadLettingErrorsEscape(threading.Thread):
    def __init__(self, target=None, args=(), kwargs=None, **options):
        super().__init__(**options)
        self.target, self.args, self.kwargs = target, args, kwargs or {}
        self.result = self.error = None

    def run(self):
        self.result = self.target(*self.args, **self.kwargs)


class ResultThreadRunningInStart(threading.Thread):
    def __init__(self, target=None, args=(), kwargs=None, **options):
        super().__init__(**options)
        self.target, self.args, self.kwargs = target, args, kwargs or {}
        self.result = self.error = None

    def start(self):  # never makes a thread: run() happens in the caller
        self.run()

    def join(self, timeout=None):
        pass

    def is_alive(self):
        return False

    def run(self):
        try:
            self.result = self.target(*self.args, **self.kwargs)
        except Exception as error:
            self.error = error


RESULT_THREAD = [ResultThreadWithoutSuperInit, ResultThreadCallingTargetInInit,
                 ResultThreadDroppingKwargs, ResultThreadLettingErrorsEscape,
                 ResultThreadRunningInStart]


# --- wait-without-join: wait_all(tasks, timeout=None) --------------------------------------

def wait_all_without_waiting(tasks, timeout=None):
    for task in tasks:
        _thread.start_new_thread(task, ())
    return True


def wait_all_with_threading_and_join(tasks, timeout=None):
    threads = [threading.Thread(target=task) for task in tasks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    return not any(thread.is_alive() for thread in threads)


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


def wait_all_ignoring_the_timeout(tasks, timeout=None):
    if not tasks:
        return True
    remaining = [len(tasks)]
    count_lock, all_done = _thread.allocate_lock(), _thread.allocate_lock()
    all_done.acquire()

    def run(task):
        task()
        with count_lock:
            remaining[0] -= 1
            if remaining[0] == 0:
                all_done.release()
    for task in tasks:
        _thread.start_new_thread(run, (task,))
    return all_done.acquire()


def wait_all_one_after_another(tasks, timeout=None):
    for task in tasks:
        task()
    return True


WAIT_WITHOUT_JOIN = [wait_all_without_waiting, wait_all_with_threading_and_join,
                     wait_all_until_the_first_finishes, wait_all_ignoring_the_timeout,
                     wait_all_one_after_another]
