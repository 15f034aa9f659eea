"""The reference `thread-pool` Pool passes CPython's own executor tests.

From ``test.test_concurrent_futures``, in the package form that CPython 3.13 ships (some
installations leave the ``test`` package out, or parts of it): the generic executor, shutdown,
wait and as_completed tests, with the reference Pool as ``executor_type``. Each CPython test is
one pytest test here.
"""

import unittest

import pytest

try:
    from test.test_concurrent_futures import executor, test_as_completed, test_shutdown, util
    from test.test_concurrent_futures import test_wait
except ImportError as missing:
    pytest.skip(f"this interpreter has no test.test_concurrent_futures package ({missing}); "
                "run the suite on one that ships it, e.g. `make test PYTHON=python3.13`",
                allow_module_level=True)

from lessons import solution

MIXINS = [executor.ExecutorTest, test_shutdown.ExecutorShutdownTest, test_wait.WaitTests,
          test_as_completed.AsCompletedTests]

# Left out, and why. Everything else in the four mixins above runs.
EXCLUDED = {
    # These start a child interpreter whose script imports the executor *by name* from
    # concurrent.futures; our Pool is not there, so they would test ThreadPoolExecutor.
    "test_interpreter_shutdown": "imports the executor by name in a child interpreter",
    "test_submit_after_interpreter_shutdown": "imports the executor by name in a child interpreter",
    "test_hang_gh83386": "imports the executor by name in a child interpreter",
}


class ReferencePoolMixin(util.ExecutorMixin):
    executor_type = solution("thread-pool")


def cases():
    loader = unittest.TestLoader()
    for mixin in MIXINS:
        case = type(f"ReferencePool{mixin.__name__}", (ReferencePoolMixin, mixin, util.BaseTestCase),
                    {"__module__": mixin.__module__})
        for name in loader.getTestCaseNames(case):
            marks = [pytest.mark.skip(reason=EXCLUDED[name])] if name in EXCLUDED else []
            yield pytest.param(case, name, id=f"{mixin.__name__}.{name}", marks=marks)


@pytest.mark.parametrize("case, name", list(cases()))
def test_cpython_executor_test(case, name):
    result = unittest.TestResult()
    case(name).run(result)
    if result.skipped:
        pytest.skip(result.skipped[0][1])
    problems = [text for _, text in result.errors + result.failures]
    assert result.wasSuccessful(), "\n".join(problems)


def test_every_exclusion_names_a_real_test():
    names = {name for mixin in MIXINS for name in unittest.TestLoader().getTestCaseNames(mixin)}
    assert set(EXCLUDED) <= names
