"""The reference `process-pool` ProcessPool passes CPython's own executor tests, under fork,
spawn and forkserver: the generic executor, shutdown, wait and as_completed tests, and the
deadlock tests (workers that crash, exit or raise while pickling, unpickling or running a task),
each with CPython's start-method mixin making the pool (`mp_context`)."""

import pytest

from lessons import solution
from tests import cpython_executor_suite as suite

cpython = suite.load()
MIXINS = [cpython["executor"].ExecutorTest, cpython["test_shutdown"].ExecutorShutdownTest,
          cpython["test_wait"].WaitTests, cpython["test_as_completed"].AsCompletedTests,
          cpython["test_deadlock"].ExecutorDeadlockTest]
START_METHODS = [cpython["util"].ProcessPoolForkMixin, cpython["util"].ProcessPoolSpawnMixin,
                 cpython["util"].ProcessPoolForkserverMixin]

# Left out, and why. Everything else in the five mixins above runs, under each start method.
# The first three test what tests/processes/test_pool_at_exit.py tests of the reference itself.
EXCLUDED = {
    "test_interpreter_shutdown": "imports the executor by name from concurrent.futures in a "
                                 "child interpreter",
    "test_submit_after_interpreter_shutdown": "imports the executor by name from "
                                              "concurrent.futures in a child interpreter",
    "test_hang_gh83386": "imports the executor by name from concurrent.futures in a child "
                         "interpreter",
    "test_shutdown_deadlock_pickle": "reads ProcessPoolExecutor's private attribute "
                                     "_executor_manager_thread",
}


@pytest.mark.parametrize("case, name", list(suite.cases(
    solution("process-pool"), MIXINS, START_METHODS, EXCLUDED)))
def test_cpython_executor_test(case, name):
    suite.run(case, name)


def test_every_exclusion_names_a_real_test():
    assert set(EXCLUDED) <= suite.names_in(MIXINS)
