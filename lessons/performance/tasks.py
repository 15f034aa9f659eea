"""What lesson 10's workloads run, one task at a time: module functions, so a worker process
imports them by name under every start method. None of them prints.

* waiting: ``sleep_task`` (from ``lessons.tools.tasks``), ``fetch`` (an HTTP request to
  the lesson's local server) and their coroutine twins ``sleep_async``, ``fetch_async``;
* computing in pure Python, holding the GIL: ``count_task``;
* computing in C that releases the GIL: ``hash_buffer`` (``hashlib``), ``compress_buffer``
  (``zlib``);
* both: ``wait_then_count``.

``timed_call`` wraps a task to report the processor time it used, and in which process, so
the runners can add up the CPU time of work done in worker processes.
"""

import asyncio
import functools
import hashlib
import os
import time
import urllib.request
import zlib
from urllib.parse import urlsplit

from lessons.tools.tasks import count_task, sleep_task

__all__ = ["sleep_task", "sleep_async", "fetch", "fetch_async", "count_task", "hash_buffer",
           "compress_buffer", "wait_then_count", "prepare_buffer", "timed_call",
           "warm_worker"]

MiB = 1 << 20
TIMEOUT = 10  # seconds any one request may take


async def sleep_async(seconds):
    """`sleep_task` as a coroutine: the event loop runs others while it waits."""
    await asyncio.sleep(seconds)
    return seconds


def fetch(url):
    """GET `url` with a timeout; the number of bytes in the answer."""
    with urllib.request.urlopen(url, timeout=TIMEOUT) as answer:
        return len(answer.read())


async def fetch_async(url):
    """`fetch` as a coroutine, on asyncio's own streams (HTTP/1.0: the server closes)."""
    parts = urlsplit(url)
    reader, writer = await asyncio.wait_for(
        asyncio.open_connection(parts.hostname, parts.port), TIMEOUT)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        writer.write(f"GET {path} HTTP/1.0\r\nHost: {parts.hostname}\r\n\r\n".encode())
        answer = await asyncio.wait_for(reader.read(), TIMEOUT)
    finally:
        writer.close()
        await writer.wait_closed()
    head, _, body = answer.partition(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1.0 200") and not head.startswith(b"HTTP/1.1 200"):
        raise ConnectionError(f"{url} answered {head.splitlines()[:1]}")
    return len(body)


@functools.lru_cache(maxsize=2)
def prepare_buffer(mebibytes):
    """A buffer of `mebibytes` MiB that zlib can compress, but not trivially: built once per
    process, so a task's time is hashing or compressing, not making data."""
    block = b"".join(hashlib.sha256(i.to_bytes(4, "little")).digest()[:8] + b"concurrency!"
                     for i in range(4096))  # 80 KiB: 8 random bytes in every 20
    copies = -(-mebibytes * MiB // len(block))
    return (block * copies)[:mebibytes * MiB]


def hash_buffer(mebibytes):
    """SHA-256 of a `mebibytes` MiB buffer. hashlib releases the GIL while it hashes 2 KiB
    or more (hashlib's documentation: "larger than 2047 bytes"), so threads hashing at once
    use several cores even on a GIL build, if the cores are free."""
    return hashlib.sha256(prepare_buffer(mebibytes)).hexdigest()[:8]


def compress_buffer(mebibytes):
    """zlib-compress a `mebibytes` MiB buffer; its compressed size. zlib releases the GIL
    while it compresses, as hashlib does while it hashes."""
    return len(zlib.compress(prepare_buffer(mebibytes), 6))


def wait_then_count(size):
    """Waiting, then computing: sleep 5 ms, then count to `size` (a few ms for the
    lesson's sizes)."""
    time.sleep(0.005)
    return count_task(size)


def timed_call(task, argument):
    """(task(argument), this process's pid, processor seconds this thread used for it)."""
    began = time.thread_time()
    value = task(argument)
    return value, os.getpid(), time.thread_time() - began


def warm_worker(prepare, argument, pause):
    """Run a workload's set-up in this worker, wait `pause` s (so that one worker can't take
    every warm-up task), and say which process this is."""
    if prepare is not None:
        prepare(argument)
    time.sleep(pause)
    return os.getpid()
