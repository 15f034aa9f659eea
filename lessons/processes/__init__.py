"""Lessons 07–09 (processes): their helpers, and the functions child processes run.

Everything a child process runs lives in a module here, never in a notebook cell: under the
``spawn`` and ``forkserver`` start methods a child imports its function by module and name.
``start_methods`` tells, from a child's own evidence, how children are being started.
"""

__all__ = ["start_methods"]
