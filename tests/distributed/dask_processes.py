"""A real Dask cluster for the tests, started with Dask's own command line: a scheduler and
workers as separate processes (each worker under its nanny), on the address given — 127.0.0.1,
or a test host's address inside a network namespace — and stopped afterwards, with a check
that none of their processes is left.
"""

import os
import re
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import psutil

from lessons.course.paths import ROOT

__all__ = ["dask_cluster", "Cluster", "START_LIMIT"]

START_LIMIT = 60.0  # seconds for the scheduler to say its address (a busy machine is slow)
_ADDRESS = re.compile(r"Scheduler at:\s+(tcp://\S+)")


class Cluster:
    def __init__(self, address, scheduler, workers, logs):
        self.address, self.scheduler, self.workers, self.logs = address, scheduler, workers, logs

    def processes(self):
        """Every process of the cluster still alive: the commands and their children."""
        found = []
        for popen in [self.scheduler, *self.workers]:
            try:
                parent = psutil.Process(popen.pid)
                found += [parent, *parent.children(recursive=True)]
            except psutil.NoSuchProcess:
                pass
        return [p for p in found if _alive(p)]

    def worker_pids(self, index):
        """The pids of worker `index`'s nanny and of the worker process under it."""
        parent = psutil.Process(self.workers[index].pid)
        return {parent.pid, *(child.pid for child in parent.children(recursive=True))}


def _alive(process):
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _command(*args, prefix=()):
    return [*prefix, sys.executable, "-m", "dask", *args]


def _environment():
    # The workers import the course's task functions by name, as any worker of the course.
    return {**os.environ, "PYTHONPATH": str(ROOT), "DASK_DISTRIBUTED__LOGGING__DISTRIBUTED": "info"}


def _read_address(log, process):
    deadline = time.monotonic() + START_LIMIT
    while time.monotonic() < deadline:
        found = _ADDRESS.search(log.read_text(errors="replace"))
        if found:
            return found.group(1)
        if process.poll() is not None:
            raise RuntimeError(f"the scheduler ended ({process.returncode}):\n{log.read_text()}")
        time.sleep(0.05)
    raise TimeoutError(f"the scheduler gave no address in {START_LIMIT:g} s:\n{log.read_text()}")


@contextmanager
def dask_cluster(host="127.0.0.1", workers=(("127.0.0.1", ()),), scheduler_prefix=()):
    """A scheduler on `host` (port chosen by the OS) and one worker per (host, command prefix)
    in `workers`; yields a Cluster, stops everything after and checks nothing is left."""
    folder = Path(tempfile.mkdtemp(prefix="dask-cluster-"))
    started = []
    try:
        log = folder / "scheduler.log"
        scheduler = subprocess.Popen(
            _command("scheduler", "--host", host, "--port", "0",
                     "--dashboard-address", f"{host}:0", prefix=scheduler_prefix),
            stdout=subprocess.DEVNULL, stderr=log.open("w"), env=_environment(), cwd=folder)
        started.append(scheduler)
        address = _read_address(log, scheduler)
        popens = []
        for i, (worker_host, prefix) in enumerate(workers):
            popens.append(subprocess.Popen(
                _command("worker", address, "--host", worker_host, "--nworkers", "1",
                         "--nthreads", "1", "--no-dashboard",
                         "--preload", "lessons.distributed.worker_output", prefix=prefix),
                stdout=subprocess.DEVNULL, stderr=(folder / f"worker{i}.log").open("w"),
                env=_environment(), cwd=folder))
            started.append(popens[-1])
        yield Cluster(address, scheduler, popens, folder)
    finally:
        _stop(started)


def _stop(popens):
    """Ask every process to stop, then kill what remains; assert nothing of them is left."""
    everything = []
    for popen in popens:
        try:
            parent = psutil.Process(popen.pid)
            everything += [parent, *parent.children(recursive=True)]
        except psutil.NoSuchProcess:
            pass
    for process in everything:
        try:
            process.terminate()
        except psutil.NoSuchProcess:
            pass
    _, alive = psutil.wait_procs(everything, timeout=15)
    for process in alive:
        process.kill()
    psutil.wait_procs(alive, timeout=10)
    for popen in popens:
        popen.wait(10)
    left = [p for p in everything if _alive(p)]
    assert not left, f"left running: {left}"
