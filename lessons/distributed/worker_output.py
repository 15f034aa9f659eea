"""Where a worker's print goes: a Dask worker preload that sends the worker's standard output
to a file in the worker's own scratch folder, as a remote worker's goes to its host's log.

The lesson's local cluster loads it into each worker (``preload=[__name__]``); so does
``dask worker --preload lessons.distributed.worker_output``. Then ``output_of_this_worker``,
run on every worker with ``client.run``, fetches what each printed. Without it, a local
worker's output would reach this notebook through the kernel's file descriptors, late and
under whichever cell runs then (lesson 07).
"""

import os
import sys

__all__ = ["dask_setup", "output_of_this_worker", "LOG_NAME"]

LOG_NAME = "output.log"


def dask_setup(worker):
    """Dask calls this in each worker process as it starts: point file descriptor 1 there."""
    sys.stdout.flush()
    log = os.open(os.path.join(worker.local_directory, LOG_NAME),
                  os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(log, 1)
    os.close(log)


def output_of_this_worker(dask_worker):
    """What this worker printed so far ('' if it has no log: not started with the preload)."""
    path = os.path.join(dask_worker.local_directory, LOG_NAME)
    if not os.path.exists(path):
        return ""
    with open(path, encoding="utf-8", errors="replace") as log:
        return log.read()
