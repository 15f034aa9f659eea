"""Lessons 07–09 (processes): their helpers, and the functions child processes run.

Everything a child process runs lives in a module here, never in a notebook cell: under the
``spawn`` and ``forkserver`` start methods a child imports its function by module and name.
``start_methods`` tells, from a child's own evidence, how children are being started;
``pool_worker`` is the loop each worker of lesson 09's rebuilt process pool runs, and
``pool_tasks`` the tasks lesson 09 hands to pools.
"""

__all__ = ["pool_tasks", "pool_worker", "start_methods"]
