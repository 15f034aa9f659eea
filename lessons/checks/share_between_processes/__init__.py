"""Checkers for lesson 08, Share between processes: one module per exercise."""

from lessons.checks.share_between_processes.process_pipeline import check_run_pipeline
from lessons.checks.share_between_processes.shared_sum import check_shared_sum

__all__ = ["check_run_pipeline", "check_shared_sum"]
