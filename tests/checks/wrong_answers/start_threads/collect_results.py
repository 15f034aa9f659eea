"""Wrong answers to lesson 01's `collect-results`, each named for its bug and marked with the
behaviour it must fail."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from tests.checks.wrong_answers.marks import fails


# --- collect-results: run_all(tasks) -------------------------------------------------------

ONE_THREAD_EACH = "each report the thread running them"
ALL_AT_ONCE = "only succeed if all 40 run"
ORDER = "returning 'pear', 'fig', 'apple', 'kiwi'"


@fails(ONE_THREAD_EACH)
def run_all_one_after_another(tasks):
    return [task() for task in tasks]


@fails(ONE_THREAD_EACH)
def run_all_calls_run_not_start(tasks):
    results = [None] * len(tasks)
    for index, task in enumerate(tasks):
        threading.Thread(target=lambda i=index, t=task: results.__setitem__(i, t())).run()
    return results


@fails("returns only after every task has finished")
def run_all_never_joins(tasks):
    results = [None] * len(tasks)
    for index, task in enumerate(tasks):
        threading.Thread(target=lambda i=index, t=task: results.__setitem__(i, t())).start()
    return results


@fails(ORDER)
def run_all_in_completion_order(tasks):
    results = []
    threads = [threading.Thread(target=lambda t=task: results.append(t())) for task in tasks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@fails(ALL_AT_ONCE)
def run_all_joins_each_before_starting_the_next(tasks):
    results = [None] * len(tasks)
    for index, task in enumerate(tasks):
        thread = threading.Thread(target=lambda i=index, t=task: results.__setitem__(i, t()))
        thread.start()
        thread.join()
    return results


@fails(ORDER)
def run_all_sorting_the_results(tasks):
    return sorted(run_all_in_completion_order(tasks))


@fails(ALL_AT_ONCE)
def run_all_on_a_default_thread_pool(tasks):
    with ThreadPoolExecutor() as pool:
        return list(pool.map(lambda task: task(), tasks))


@fails("one runs 2 s")
def run_all_joining_with_a_timeout(tasks):
    results = [None] * len(tasks)
    threads = [threading.Thread(target=lambda i=i, t=t: results.__setitem__(i, t()), daemon=True)
               for i, t in enumerate(tasks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=1)
    return results


@fails(ORDER)
def run_all_passing_args_that_are_not_a_tuple(tasks):
    results = [None] * len(tasks)

    def run_one(task):
        results[tasks.index(task)] = task()
    threads = [threading.Thread(target=run_one, args=(task)) for task in tasks]  # (task) is no tuple
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@fails("the same task listed twice")
def run_all_one_thread_per_distinct_task(tasks):
    """Keys threads and results by task: a task listed twice runs once, both places get it."""
    results = {}
    threads = {task: threading.Thread(target=lambda t=task: results.__setitem__(t, t()))
               for task in tasks}
    for thread in threads.values():
        thread.start()
    for thread in threads.values():
        thread.join()
    return [results[task] for task in tasks]


@fails("the same task listed twice")
def run_all_keeping_results_by_task(tasks):
    """One thread per place, but results kept by task: the two calls of a task listed twice
    share one slot, so both places show the same call's result."""
    results = {}
    threads = [threading.Thread(target=lambda t=task: results.__setitem__(t, t()))
               for task in tasks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [results[task] for task in tasks]


@fails("returning None, 0, False")
def run_all_raising_returned_exceptions(tasks):
    """Treats an exception object a task returned as one it raised."""
    results = [None] * len(tasks)
    threads = [threading.Thread(target=lambda i=index, t=task: results.__setitem__(i, t()))
               for index, task in enumerate(tasks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for result in results:
        if isinstance(result, Exception):
            raise result
    return results


@fails("returning None, 0, False")
def run_all_waiting_until_no_slot_is_none(tasks):
    """Waits for every slot to hold a result instead of joining: a task that returns None
    looks unfinished for ever (the wait gives up after 5 s, so the test leaves nothing
    running)."""
    results = [None] * len(tasks)
    for index, task in enumerate(tasks):
        threading.Thread(target=lambda i=index, t=task: results.__setitem__(i, t())).start()
    deadline = time.monotonic() + 5
    while None in results and time.monotonic() < deadline:
        time.sleep(0.01)
    return results


COLLECT_RESULTS = [run_all_one_thread_per_distinct_task, run_all_keeping_results_by_task,
                   run_all_raising_returned_exceptions,
                   run_all_waiting_until_no_slot_is_none, run_all_one_after_another,
                   run_all_calls_run_not_start, run_all_never_joins, run_all_in_completion_order,
                   run_all_joins_each_before_starting_the_next, run_all_sorting_the_results,
                   run_all_on_a_default_thread_pool, run_all_joining_with_a_timeout,
                   run_all_passing_args_that_are_not_a_tuple]
