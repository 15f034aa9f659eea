"""Lesson 11, Go beyond one machine: the same work on a Dask distributed cluster.

``cluster`` starts (or finds) the cluster and describes it; ``tasks`` holds the functions its
workers run, importable by name like every worker function of the course; ``costs`` measures
what a task costs on the cluster against a process pool; ``worker_output`` gives each worker
of the local cluster a log of its own; ``cluster_bench`` measures lesson 11's figures
(``make bench``).
"""

__all__ = ["cluster", "tasks", "costs", "worker_output", "cluster_bench"]
