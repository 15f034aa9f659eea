"""Lesson 10's tasks and its local HTTP server: each does its work, and the server is gone
after its block."""

import asyncio
import hashlib
import os
import threading
import urllib.error

import pytest

from lessons.performance import tasks
from lessons.performance.server import BODY, local_server


def test_the_server_answers_blocking_and_async_clients_then_stops():
    before = set(threading.enumerate())
    with local_server(delay=0.0) as url:
        assert url.startswith("http://127.0.0.1:")
        assert tasks.fetch(url) == len(BODY)
        assert asyncio.run(tasks.fetch_async(url)) == len(BODY)
    assert not [t for t in threading.enumerate() if t not in before and t.is_alive()]
    with pytest.raises(urllib.error.URLError):
        tasks.fetch(url)


def test_buffers_are_built_once_per_size_and_compress_but_not_to_nothing():
    assert tasks.prepare_buffer(1) is tasks.prepare_buffer(1)
    assert len(tasks.prepare_buffer(1)) == tasks.MiB
    assert tasks.hash_buffer(1) == hashlib.sha256(tasks.prepare_buffer(1)).hexdigest()[:8]
    assert tasks.MiB // 20 < tasks.compress_buffer(1) < tasks.MiB


def test_timed_call_reports_value_process_and_processor_time():
    value, pid, cpu = tasks.timed_call(tasks.count_task, 1000)
    assert (value, pid) == (sum(range(1000)), os.getpid())
    assert cpu >= 0


def test_mixed_task_and_async_sleep_return_their_values():
    assert tasks.wait_then_count(10) == 45
    assert asyncio.run(tasks.sleep_async(0.001)) == 0.001


def test_warm_worker_sets_up_and_names_its_process():
    assert tasks.warm_worker(tasks.prepare_buffer, 1, 0.0) == os.getpid()
    assert tasks.warm_worker(None, None, 0.0) == os.getpid()
