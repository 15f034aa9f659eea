"""Checkers for lesson 01, Start threads: one module per exercise."""

from lessons.checks.start_threads.collect_results import check_collect_results
from lessons.checks.start_threads.result_thread import check_result_thread
from lessons.checks.start_threads.wait_without_join import check_wait_without_join

__all__ = ["check_collect_results", "check_result_thread", "check_wait_without_join"]
