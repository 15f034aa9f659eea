"""The reference `thread-pool` Pool passes CPython's own executor tests: the generic executor,
shutdown, wait and as_completed tests, with the reference Pool as ``executor_type``."""

import pytest

from lessons import solution
from tests import cpython_executor_suite as suite

cpython = suite.load()
MIXINS = [cpython["executor"].ExecutorTest, cpython["test_shutdown"].ExecutorShutdownTest,
          cpython["test_wait"].WaitTests, cpython["test_as_completed"].AsCompletedTests]

# Left out, and why. Everything else in the four mixins above runs.
EXCLUDED = {
    # These start a child interpreter whose script imports the executor *by name* from
    # concurrent.futures; our Pool is not there, so they would test ThreadPoolExecutor.
    "test_interpreter_shutdown": "imports the executor by name in a child interpreter",
    "test_submit_after_interpreter_shutdown": "imports the executor by name in a child interpreter",
    "test_hang_gh83386": "imports the executor by name in a child interpreter",
}


@pytest.mark.parametrize("case, name", list(suite.cases(
    solution("thread-pool"), MIXINS, [cpython["util"].ExecutorMixin], EXCLUDED)))
def test_cpython_executor_test(case, name):
    suite.run(case, name)


def test_every_exclusion_names_a_real_test():
    assert set(EXCLUDED) <= suite.names_in(MIXINS)
