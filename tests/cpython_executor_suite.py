"""CPython's own executor tests (``test.test_concurrent_futures``), as pytest tests of a
rebuilt executor: one pytest test per CPython test, named exclusions with their reasons.

Used by the thread pool's (lesson 06) and the process pool's (lesson 09) conformance tests.
Some installations leave the ``test`` package out, or parts of it: ``load()`` then skips the
calling test module, saying why.
"""

import importlib
import unittest

import pytest

MODULES = ("executor", "test_as_completed", "test_deadlock", "test_shutdown", "test_wait",
           "util")


def load():
    """The modules of test.test_concurrent_futures by short name; skips the caller if absent."""
    try:
        return {name: importlib.import_module(f"test.test_concurrent_futures.{name}")
                for name in MODULES}
    except ImportError as missing:
        pytest.skip(f"this interpreter has no test.test_concurrent_futures package ({missing}); "
                    "run the suite on one that ships it, e.g. `make test PYTHON=python3.13`",
                    allow_module_level=True)


def cases(executor_type, mixins, executor_mixins, excluded):
    """A pytest.param(case, name) per test of each mixin, with each of CPython's executor
    mixins (which make the executor in setUp: util.ExecutorMixin, or one per start method)."""
    loader = unittest.TestLoader()
    base = load()["util"].BaseTestCase
    for maker in executor_mixins:
        method = getattr(maker, "ctx", "")
        for mixin in mixins:
            case = type(f"Reference{method.title()}{mixin.__name__}", (mixin, maker, base),
                        {"executor_type": executor_type, "__module__": mixin.__module__})
            for name in loader.getTestCaseNames(case):
                marks = [pytest.mark.skip(reason=excluded[name])] if name in excluded else []
                label = f"{method}-{mixin.__name__}.{name}".lstrip("-")
                yield pytest.param(case, name, id=label, marks=marks)


def run(case, name):
    """Run one CPython test; skip as it skips, fail with its own report."""
    result = unittest.TestResult()
    case(name).run(result)
    if result.skipped:
        pytest.skip(result.skipped[0][1])
    problems = [text for _, text in result.errors + result.failures]
    assert result.wasSuccessful(), "\n".join(problems)


def names_in(mixins):
    return {name for mixin in mixins for name in unittest.TestLoader().getTestCaseNames(mixin)}
