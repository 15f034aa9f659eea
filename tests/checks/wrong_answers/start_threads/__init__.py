"""Wrong answers to lesson 01's checkers, a module per checker module of
``lessons/checks/start_threads/``; the lists by exercise are re-exported here."""

from tests.checks.wrong_answers.start_threads.collect_results import COLLECT_RESULTS
from tests.checks.wrong_answers.start_threads.result_thread import RESULT_THREAD
from tests.checks.wrong_answers.start_threads.wait_without_join import WAIT_WITHOUT_JOIN

__all__ = ["COLLECT_RESULTS", "RESULT_THREAD", "WAIT_WITHOUT_JOIN"]
