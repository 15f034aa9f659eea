"""The loop each worker of the rebuilt process pool runs: answers, errors with their
tracebacks, answers that can't be pickled, the sentinel; and the tasks lesson 09 hands out."""

import multiprocessing
import pickle
import sys

import pytest

from lessons.processes import pool_tasks
from lessons.processes.pool_worker import RemoteTraceback, run_chunk, work


class Unpicklable:
    def __reduce__(self):
        raise pickle.PicklingError("this one stays where it is")


def make_unpicklable():
    return Unpicklable()


@pytest.fixture
def worker():
    parent_end, child_end = multiprocessing.Pipe()
    process = multiprocessing.get_context("fork").Process(target=work, args=(child_end,))
    process.start()
    child_end.close()
    yield parent_end
    parent_end.send(None)
    process.join(10)
    assert process.exitcode == 0  # the sentinel ends it cleanly


def ask(connection, fn, *args, **kwargs):
    connection.send((fn, args, kwargs))
    assert connection.poll(10), "the worker did not answer"
    return connection.recv()


def test_answers_come_back_in_order(worker):
    assert ask(worker, pow, 2, 10) == (True, 1024)
    assert ask(worker, int, "ff", base=16) == (True, 255)


def test_an_error_comes_back_with_the_workers_traceback(worker):
    ok, error = ask(worker, pool_tasks.divide, 1, 0)
    assert not ok and isinstance(error, ZeroDivisionError)
    assert isinstance(error.__cause__, RemoteTraceback)
    assert "in divide" in str(error.__cause__)


def test_an_answer_that_cannot_be_pickled_is_answered_with_the_pickling_error(worker):
    ok, error = ask(worker, make_unpicklable)
    assert not ok and isinstance(error, pickle.PicklingError)


def test_system_exit_in_a_task_belongs_to_the_task(worker):
    ok, error = ask(worker, sys.exit, 3)
    assert not ok and isinstance(error, SystemExit)
    assert ask(worker, pow, 3, 2) == (True, 9)  # and the worker carries on


def test_a_closed_pipe_ends_the_worker():
    # Under spawn: a forked worker would hold a copy of the parent's end too.
    parent_end, child_end = multiprocessing.Pipe()
    process = multiprocessing.get_context("spawn").Process(target=work, args=(child_end,))
    process.start()
    child_end.close()
    parent_end.close()
    process.join(10)
    assert process.exitcode == 0


def test_run_chunk_runs_each_args_tuple():
    assert run_chunk(pow, [(2, 3), (3, 2)]) == [8, 9]


def test_the_initializer_leaves_what_tasks_use():
    pool_tasks.remember("hi")
    assert pool_tasks.greeting("ann") == "hi, ann"
