"""Lesson 11_go_beyond_one_machine: its checkers against right and wrong answers (the tests are
written once, in tests/checks/exercise_tests.py)."""

from tests.checks.exercise_tests import checker_tests_of

globals().update(checker_tests_of("11"))
