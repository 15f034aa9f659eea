"""Lesson 07's helpers: plain one-line refusals, children's values, forking with a lock held."""

import threading

import pytest

from lessons.course.errors import LessonError
from lessons.processes.start import ask_children, fork_with_a_lock_held, plain_problem
from lessons.processes.tasks import square


def test_ask_children_returns_each_childs_value_in_order():
    assert ask_children(pow, [(2, 10), (3, 3)]) == [1024, 27]


def test_a_function_no_child_could_import_is_refused_in_one_line():
    with pytest.raises(LessonError) as refused:
        ask_children(lambda x: x, [(1,)])
    assert "cannot import it" in str(refused.value) and "\n" not in str(refused.value)


def test_an_argument_that_does_not_pickle_is_refused_in_one_line():
    problem = plain_problem(square, (threading.Lock(),))
    assert problem.startswith("argument 1 (lock) cannot be pickled") and "\n" not in problem


def test_objects_made_for_processes_are_accepted_as_arguments():
    import multiprocessing
    assert plain_problem(square, (multiprocessing.Queue(), multiprocessing.Value("i"))) is None


def test_a_lock_held_by_another_thread_at_fork_stays_held_in_the_child():
    assert fork_with_a_lock_held(wait=0.2)["child got the lock"] is False


def test_only_a_forked_child_sees_a_module_global_changed_at_run_time():
    from lessons.processes import start
    start.setting = "changed at run time"
    try:
        seen = start.settings_seen_by_children()
    finally:
        start.setting = "as imported"
    assert seen == {"fork": "changed at run time", "spawn": "as imported",
                    "forkserver": "as imported"}


def test_a_child_terminated_inside_with_lock_leaves_the_lock_held():
    import multiprocessing
    import signal

    from lessons.processes.start import hold_lock_until_stopped
    lock, holding = multiprocessing.Lock(), multiprocessing.Event()
    child = multiprocessing.Process(target=hold_lock_until_stopped, args=(lock, holding))
    child.start()
    assert holding.wait(30)
    child.terminate()
    child.join(30)
    assert child.exitcode == -signal.SIGTERM
    assert lock.acquire(timeout=0.2) is False  # the `with` never exited: no finally ran
