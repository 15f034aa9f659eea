"""Lesson 11, Go beyond one machine: the same work on a Dask distributed cluster.

``cluster`` starts (or finds) the cluster and describes it; ``tasks`` holds the functions its
workers run, importable by name like every worker function of the course; ``costs`` measures
what a task costs on the cluster against a process pool.
"""

__all__ = ["cluster", "tasks", "costs"]
