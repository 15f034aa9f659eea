"""Start a Dask client the way the lesson does: a real scheduler when Dask's configuration
names one, otherwise a local cluster of 2 worker processes × 1 thread.

``Client()`` with no argument already does exactly that choice: it reads Dask's
``scheduler-address`` setting (``DASK_SCHEDULER_ADDRESS``, or the config files) and otherwise
starts a ``LocalCluster``. ``start_client`` is ``Client()`` with three things a course needs:
a quiet cluster (``silence_logs``: workers log every start and stop), a dashboard on a free
port of 127.0.0.1 (never a fixed port another notebook holds, never every interface), and a
plain-language error within seconds when the configured scheduler is not there (``Client``
would try for its whole connect timeout, then raise a long ``OSError``).
"""

import logging
import os
import socket
from urllib.parse import urlsplit

import dask
from distributed import Client

from lessons.course.errors import LessonError
from lessons.course.machine_values import varies
from lessons.distributed.tasks import end_this_process
from lessons.distributed.worker_output import output_of_this_worker

__all__ = ["LOCAL", "configured_address", "start_client", "describe", "dashboard",
           "worker_pids", "worker_output", "stop_worker"]

# The embedded default on a 2-core machine, fixed so every machine shows the same lesson.
# Each worker prints into a log of its own (``worker_output``), as a remote worker would.
LOCAL = dict(n_workers=2, threads_per_worker=1, processes=True,
             dashboard_address="127.0.0.1:0", silence_logs=logging.CRITICAL,
             preload=["lessons.distributed.worker_output"])
REACH_TIMEOUT = 3.0  # seconds to reach a configured scheduler before saying it is not there
CONNECT_TIMEOUT = "10s"
# Dask warns about task graphs over 10 MB sent from the client; the lesson's graphs stay
# small, but a learner's experiment may not: warn only past 100 MB.
QUIET = {"distributed.admin.large-graph-warning-threshold": "100MB"}


def configured_address():
    """The scheduler Dask's configuration names (DASK_SCHEDULER_ADDRESS or config files), or None."""
    return dask.config.get("scheduler-address", None) or None


def start_client():
    """A Client: to the configured scheduler if there is one, else to a new local cluster."""
    dask.config.set(QUIET)
    address = configured_address()
    if address is None:
        return Client(**LOCAL)
    _check_reachable(address)
    with dask.config.set({"distributed.comm.timeouts.connect": CONNECT_TIMEOUT}):
        return Client()  # no argument: Dask reads the same setting


def _check_reachable(address):
    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    unset = "unset DASK_SCHEDULER_ADDRESS to use a local cluster"
    if parts.scheme != "tcp" or not parts.hostname or not parts.port:
        raise LessonError(f"can't read the Dask scheduler address {address!r} "
                          f"(expected tcp://HOST:PORT); {unset}")
    try:
        socket.create_connection((parts.hostname, parts.port), REACH_TIMEOUT).close()
    except OSError:
        raise LessonError(f"no Dask scheduler at {address}; {unset}") from None


def describe(client):
    """One line: which cluster this is, its workers and threads (an address masked)."""
    workers = client.scheduler_info()["workers"].values()
    threads = sorted({w["nthreads"] for w in workers})
    shape = f"{len(workers)} worker processes × {'/'.join(map(str, threads)) or 0} thread(s)"
    if client.cluster is not None:
        return f"a local cluster started by this client: {shape}"
    return f"the scheduler at {varies(client.scheduler.address)}: {varies(shape)}"


def dashboard(client):
    """The dashboard's link, masked (its port is chosen when the cluster starts)."""
    return varies(client.dashboard_link)


def worker_pids(client):
    """{worker address: its process id}, asked of every worker."""
    return client.run(os.getpid)


def worker_output(client):
    """{worker address: what it printed}, from the worker's own log (see ``worker_output``)."""
    return client.run(output_of_this_worker)


def stop_worker(client, address):
    """End the worker process at `address` at once, as a crash would (its nanny, if it has
    one, starts a new worker). Works on a remote worker too: the worker ends itself."""
    client.run(end_this_process, workers=[address], wait=False)
