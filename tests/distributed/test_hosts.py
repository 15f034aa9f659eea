"""Three hosts on one machine: the scheduler and each worker in a network namespace of its
own, joined by veth pairs to a bridge, as machines on a switch. The exercise's reference counts
words across them; one worker host is lost mid-run (every process in it killed), and the totals
still arrive, complete and correct. Needs root and `ip netns` (as in CI here); skipped, with
the reason, elsewhere."""

import os
import shutil
import subprocess
import threading
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import pytest
from distributed import Client

from lessons import solution
from lessons.distributed.tasks import gated_words_in, started_marks, words_in
from tests.distributed.dask_processes import dask_cluster

NET = "10.213.7"  # a private network that exists only between these namespaces and a bridge
TAG = f"dk{os.getpid() % 100000}"  # names unique to this run: ≤ 15 characters per interface


def _ip(*args, netns=None):
    prefix = ["ip", "netns", "exec", netns] if netns else []
    return subprocess.run([*prefix, "ip", *args], check=True, capture_output=True, text=True,
                          timeout=30)


def _namespaces_possible():
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("ip") is None:
        return "needs root and iproute2's `ip`"
    probe = f"{TAG}probe"
    try:
        _ip("netns", "add", probe)
    except subprocess.CalledProcessError as error:
        return f"`ip netns add` failed: {error.stderr.strip()}"
    _ip("netns", "delete", probe)
    return None


pytestmark = pytest.mark.skipif(bool(_namespaces_possible()), reason=str(_namespaces_possible()))


@contextmanager
def three_hosts():
    """{name: (address, command prefix)} for hosts 'scheduler', 'w1', 'w2'; torn down after."""
    bridge, hosts = f"{TAG}br", {}
    try:
        _ip("link", "add", bridge, "type", "bridge")
        _ip("addr", "add", f"{NET}.1/24", "dev", bridge)
        _ip("link", "set", bridge, "up")
        for number, name in enumerate(("scheduler", "w1", "w2"), start=10):
            netns, outside, inside = f"{TAG}{name}", f"{TAG}v{number}", f"{TAG}p{number}"
            _ip("netns", "add", netns)
            hosts[name] = (f"{NET}.{number}", ("ip", "netns", "exec", netns))
            _ip("link", "add", outside, "type", "veth", "peer", "name", inside)
            _ip("link", "set", inside, "netns", netns)
            _ip("link", "set", outside, "master", bridge, "up")
            _ip("addr", "add", f"{NET}.{number}/24", "dev", inside, netns=netns)
            _ip("link", "set", inside, "up", netns=netns)
            _ip("link", "set", "lo", "up", netns=netns)
        yield hosts
    finally:
        for name in ("scheduler", "w1", "w2"):
            _kill_host(f"{TAG}{name}")
            subprocess.run(["ip", "netns", "delete", f"{TAG}{name}"], capture_output=True,
                           timeout=30)
        subprocess.run(["ip", "link", "delete", bridge], capture_output=True, timeout=30)


def _pids_in(netns):
    found = subprocess.run(["ip", "netns", "pids", netns], capture_output=True, text=True,
                           timeout=30)
    return {int(pid) for pid in found.stdout.split()}


def _kill_host(netns):
    """Lose a host: every process in its namespace ends at once."""
    for pid in _pids_in(netns):
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass


def test_word_count_across_three_hosts_survives_losing_one(tmp_path):
    texts = ["one fish two fish", "red fish blue fish", "one two three", "fish and chips"]
    paths = []
    for i, text in enumerate(texts):
        paths.append(str(tmp_path / f"part{i}.txt"))
        Path(paths[-1]).write_text(text, encoding="utf-8")
    with three_hosts() as hosts, dask_cluster(
            host=hosts["scheduler"][0], scheduler_prefix=hosts["scheduler"][1],
            workers=[hosts["w1"], hosts["w2"]]) as real:
        client = Client(real.address, timeout=60)
        try:
            client.wait_for_workers(2, timeout=120)
            hosts_of = {address: address.split("//")[1].split(":")[0]
                        for address in client.scheduler_info()["workers"]}
            assert sorted(hosts_of.values()) == [f"{NET}.11", f"{NET}.12"]  # two hosts
            found = {}
            counting = threading.Thread(target=lambda: found.update(
                totals=solution("word-count")(client, paths, gated_words_in)), daemon=True)
            counting.start()
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not (
                    {pid for p in paths for pid in started_marks(p)} & _pids_in(f"{TAG}w1")):
                time.sleep(0.01)
            assert {pid for p in paths for pid in started_marks(p)} & _pids_in(f"{TAG}w1"), \
                "no task started on host w1"
            _kill_host(f"{TAG}w1")  # host w1 is gone, mid-task
            for path in paths:
                Path(f"{path}.go").touch()
            counting.join(120)
            assert found.get("totals") == sum(map(words_in, paths), Counter())
            left = {a.split("//")[1].split(":")[0] for a in client.scheduler_info()["workers"]}
            assert left == {f"{NET}.12"}
        finally:
            client.close()
