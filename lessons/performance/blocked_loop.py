"""A cpu-bound call inside a coroutine blocks the event loop: measured, and moved off it.

A ticker coroutine asks to wake every few milliseconds and records how late it wakes. Next to
it, the same counting work runs three ways:

* ``"in the loop"``: called straight from a coroutine, with no ``await``: nothing else in the
  loop runs until it returns, so the ticker wakes late by about the whole work's time;
* ``"asyncio.to_thread"``: in a thread; the loop runs on, though on a GIL build it waits for
  the GIL each time it wakes, at least about a switch interval and often more, which is
  longer than a tick of a few ms: the ticker misses many of its ticks (the convoy effect);
* ``"a process pool"``: ``loop.run_in_executor`` on a ``ProcessPoolExecutor``: another
  interpreter, another GIL.
"""

import asyncio
import time
from concurrent.futures import ProcessPoolExecutor

from lessons.performance.runners import in_loop_thread
from lessons.tools.tasks import count_task

__all__ = ["WAYS", "loop_stalls"]

WAYS = ("in the loop", "asyncio.to_thread", "a process pool")
TICK = 0.002  # seconds between the ticker's wake-ups
TIMEOUT = 60


def _work(way, size, pool):
    """The coroutine doing the counting `way`."""
    async def blocking():
        return count_task(size)  # no await: the loop can do nothing else meanwhile

    async def off_the_loop():
        if way == "asyncio.to_thread":
            moved = asyncio.to_thread(count_task, size)
        else:
            moved = asyncio.get_running_loop().run_in_executor(pool, count_task, size)
        return await asyncio.wait_for(moved, TIMEOUT)
    return blocking if way == "in the loop" else off_the_loop


def _stall(work):
    """(longest lateness of the ticker, its ticks while the work ran, seconds the work took),
    in one event loop."""
    async def main():
        loop, late, done = asyncio.get_running_loop(), [], asyncio.Event()

        async def ticker():
            while not done.is_set():
                began = loop.time()
                await asyncio.sleep(TICK)
                late.append(loop.time() - began - TICK)
        ticking = asyncio.create_task(ticker())
        await asyncio.sleep(5 * TICK)  # the ticker is under way
        began, ticks = time.perf_counter(), len(late)
        await work()  # awaited directly, not as a task: the ticks are counted the moment it ends
        took, ticks = time.perf_counter() - began, len(late) - ticks
        done.set()
        await asyncio.wait_for(ticking, TIMEOUT)
        return max(late), ticks, took
    return in_loop_thread(main)


def loop_stalls(size=2_000_000):
    """{way: (the ticker's longest lateness, its ticks during the work, the work's seconds)}
    for each of WAYS. A blocked loop ticks 0 times while the work runs: the ticker can't."""
    found = {}
    with ProcessPoolExecutor(max_workers=1) as pool:
        pool.submit(count_task, 1).result(timeout=TIMEOUT)  # started before we measure
        for way in WAYS:
            found[way] = _stall(_work(way, size, pool))
    return found
