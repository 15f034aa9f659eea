"""The reference solutions are drop-in replacements: CPython's own tests for queue.Queue,
threading.Event, Semaphore, BoundedSemaphore and Barrier pass against them.

The tests come from the `test` package of the interpreter running this suite (`test.test_queue`,
`test.lock_tests`), so they are the ones for that version. Some interpreters (several Linux
distributions' packages) leave `test` out; then these tests are skipped, saying why.
"""

import importlib
import io
import queue
import sys
import unittest

import pytest

from lessons import solution

# Tests we do not run, and why. Everything else in each CPython test class runs.
EXCLUDED = {
    # queue.Queue.shutdown() and queue.ShutDown are new in Python 3.13. BoundedQueue rebuilds
    # the API that 3.11 to 3.13 share; lesson 04 leaves shutdown() as a "going further" task.
    "queue": {"test_shutdown_*": "shutdown() is new in 3.13; not part of the lesson's queue"},
    "event": {
        # _at_fork_reinit() is a private hook CPython calls to reset locks in a forked child.
        "test_at_fork_reinit": "private CPython hook _at_fork_reinit(), not public API",
        # Expects repr() "<threading.Event at 0x…: unset>": the module name is threading's.
        "test_repr": "repr() text names the module threading; cosmetic, not behaviour",
    },
    "semaphore": {"test_repr": "repr() text names the module threading; cosmetic"},
    "bounded-semaphore": {"test_repr": "repr() text names the module threading; cosmetic"},
    "barrier": {"test_repr": "repr() text names the module threading; cosmetic"},
}


def cpython_test_module(name):
    try:
        return importlib.import_module(name)
    except ImportError as missing:
        pytest.skip(f"this interpreter has no CPython test package ({name}: {missing}); "
                    "install it (e.g. the python3-test package) to run CPython's own tests")


def queue_case():
    test_queue = cpython_test_module("test.test_queue")
    # test_basic picks the expected order by the class's name: "Queue" means FIFO.
    reference = type("Queue", (solution("bounded-queue"),), {})

    class ReferenceQueueTest(test_queue.BaseQueueTestMixin, unittest.TestCase):
        queue = queue  # where the tests find Full and Empty: the standard ones

        def setUp(self):
            self.type2test = reference
            super().setUp()
    return ReferenceQueueTest


def lock_tests_case(base_name, attribute, reference):
    lock_tests = cpython_test_module("test.lock_tests")
    return type(f"Reference{base_name}", (getattr(lock_tests, base_name),),
                {attribute: staticmethod(reference)})


CASES = {
    "queue": queue_case,
    "event": lambda: lock_tests_case("EventTests", "eventtype", solution("event")),
    "semaphore": lambda: lock_tests_case("SemaphoreTests", "semtype", solution("semaphore")),
    "bounded-semaphore": lambda: lock_tests_case("BoundedSemaphoreTests", "semtype",
                                                 solution("bounded-semaphore")),
    "barrier": lambda: lock_tests_case("BarrierTests", "barriertype", solution("barrier")),
}


def excluded(name, exclusions):
    return any(name == pattern or (pattern.endswith("*") and name.startswith(pattern[:-1]))
               for pattern in exclusions)


@pytest.mark.parametrize("suite", list(CASES))
def test_cpython_tests_pass_against_the_reference(suite):
    case = CASES[suite]()
    everything = unittest.TestLoader().loadTestsFromTestCase(case)
    chosen = [t for t in everything if not excluded(t._testMethodName, EXCLUDED[suite])]
    skipped = sorted(t._testMethodName for t in everything if t not in chosen)
    output = io.StringIO()
    result = unittest.TextTestRunner(stream=output, verbosity=2).run(unittest.TestSuite(chosen))
    print(f"{suite}: ran {result.testsRun} CPython tests, excluded {len(skipped)}: {skipped}")
    assert result.testsRun == len(chosen) > 0
    assert result.wasSuccessful(), output.getvalue()
    assert not result.skipped, result.skipped


def test_an_interpreter_without_the_test_package_skips_and_says_why(monkeypatch):
    monkeypatch.setitem(sys.modules, "test.lock_tests", None)  # importing it now fails
    with pytest.raises(pytest.skip.Exception, match="no CPython test package"):
        cpython_test_module("test.lock_tests")
