"""start_client: a local cluster by default, the configured scheduler otherwise, and a plain
line within seconds when the configured one is not there."""

import socket
import subprocess
import sys

import dask
import psutil
import pytest

from lessons.course.errors import LessonError
from lessons.course.paths import ROOT
from lessons.distributed import cluster, tasks


def _closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the block ends: nobody listens


def test_an_unreachable_scheduler_gets_one_plain_line():
    address = f"tcp://127.0.0.1:{_closed_port()}"
    with dask.config.set({"scheduler-address": address}), pytest.raises(LessonError) as raised:
        cluster.start_client()
    assert str(raised.value) == (f"no Dask scheduler at {address}; unset DASK_SCHEDULER_ADDRESS "
                                 "to use a local cluster")


def test_the_environment_variable_is_what_names_the_scheduler():
    # A fresh interpreter, as a learner's kernel: Dask reads DASK_SCHEDULER_ADDRESS at import.
    address = f"tcp://127.0.0.1:{_closed_port()}"
    script = ("from lessons.distributed import cluster\n"
              "try:\n    cluster.start_client()\n"
              "except Exception as error:\n    print(type(error).__name__, error)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, cwd=ROOT, env={"DASK_SCHEDULER_ADDRESS": address,
                                                      "PATH": "/usr/bin:/bin"})
    assert done.stdout.strip() == (f"LessonError no Dask scheduler at {address}; unset "
                                   "DASK_SCHEDULER_ADDRESS to use a local cluster"), done.stderr


def test_an_address_that_is_not_one_is_named():
    with dask.config.set({"scheduler-address": "my-laptop"}), pytest.raises(LessonError) as raised:
        cluster.start_client()
    assert "can't read the Dask scheduler address 'my-laptop'" in str(raised.value)


def test_the_local_cluster_has_2_single_threaded_workers_and_leaves_nothing():
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    client = cluster.start_client()
    try:
        assert cluster.describe(client) == ("a local cluster started by this client: "
                                            "2 worker processes × 1 thread(s)")
        pids = cluster.worker_pids(client)
        assert len(set(pids.values())) == 2
        assert client.submit(tasks.shout, "hi").result(timeout=30) in pids.values()
        printed = "".join(cluster.worker_output(client).values())
        assert printed == "HI\n"  # in the worker's own log, not in this process's output
        assert cluster.dashboard(client).startswith("‹http://127.0.0.1:")
    finally:
        client.close()
    # multiprocessing's resource tracker stays on purpose, for the interpreter's lifetime.
    left = [p.cmdline() for p in psutil.Process().children(recursive=True)
            if p.pid not in before and p.status() != psutil.STATUS_ZOMBIE
            and "from multiprocessing.resource_tracker import main" not in " ".join(p.cmdline())]
    assert left == []
