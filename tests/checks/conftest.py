"""Lesson 11's checker runs on the cluster of the notebook's client when there is one, as a
learner's check does. The checker tests share one cluster, started on first use with Dask's
command line (so its workers are no child of this process: the tests that no check leaves a
child process running still look at every other exercise's children)."""

import pytest
from distributed import Client

from tests.distributed.dask_processes import dask_cluster


@pytest.fixture(scope="session")
def dask_client():
    with dask_cluster(workers=[("127.0.0.1", ()), ("127.0.0.1", ())]) as real:
        client = Client(real.address, timeout=60)
        client.wait_for_workers(2, timeout=120)
        yield client
        client.close()


@pytest.fixture(autouse=True)
def _cluster_for_word_count(request):
    if "word-count" in request.node.name:
        request.getfixturevalue("dask_client")
    yield
