"""Run a workload's tasks serially, on threads, on processes, or with asyncio, and time it.

Every runner starts its workers before the clock starts (a pool's start-up is not the work),
then measures, from the first task handed out to the last result back:

* wall time (``time.perf_counter``);
* CPU time: this process's, all threads included (``time.process_time``), plus the processor
  time each task used in a worker process (``tasks.timed_call`` reports it from there). A
  worker's own overhead outside its tasks (unpickling, pipes) is not counted.

The asyncio runners run their event loop in a thread of their own: a notebook's kernel
already runs a loop in its main thread, and ``asyncio.run`` refuses to start a second one
there.
"""

import asyncio
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from lessons.performance.tasks import timed_call, warm_worker

__all__ = ["RUNNERS", "TIMEOUT", "in_loop_thread"]

TIMEOUT = 120  # seconds any one run may take
WARM_UP = 30  # seconds for a pool's workers to start


class _Clock:
    def __init__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def stop(self, results=()):
        """(wall s, CPU s) since the start; `results` are `timed_call`'s triples."""
        wall = time.perf_counter() - self.wall
        here = os.getpid()
        elsewhere = sum(cpu for _, pid, cpu in results if pid != here)
        return wall, time.process_time() - self.cpu + elsewhere


def _prepare(workload, argument):
    if workload.prepare is not None:
        workload.prepare(argument)


def serial(workload, argument, tasks, workers):
    _prepare(workload, argument)
    clock = _Clock()
    for _ in range(tasks):
        workload.task(argument)
    return clock.stop()


def _warm_threads(pool, workers):
    """Every thread of the pool started: `workers` tasks that can only end together."""
    meeting = threading.Barrier(workers, timeout=WARM_UP)
    for future in [pool.submit(meeting.wait) for _ in range(workers)]:
        future.result(timeout=WARM_UP)


def _warm_processes(pool, workers, workload, argument):
    """Every worker process started and set up. Warm-up tasks pause, so that one worker
    can't take them all; rounds go on until `workers` different pids have answered."""
    seen, deadline = set(), time.monotonic() + WARM_UP
    while len(seen) < workers and time.monotonic() < deadline:
        futures = [pool.submit(warm_worker, workload.prepare, argument, 0.02)
                   for _ in range(workers)]
        seen.update(future.result(timeout=WARM_UP) for future in futures)


def threads(workload, argument, tasks, workers):
    _prepare(workload, argument)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        _warm_threads(pool, workers)
        clock = _Clock()  # threads' CPU time is this process's: no need to ask each task
        futures = [pool.submit(workload.task, argument) for _ in range(tasks)]
        for future in futures:
            future.result(timeout=TIMEOUT)
        return clock.stop()


def processes(workload, argument, tasks, workers):
    with ProcessPoolExecutor(max_workers=workers) as pool:
        _warm_processes(pool, workers, workload, argument)
        clock = _Clock()
        futures = [pool.submit(timed_call, workload.task, argument) for _ in range(tasks)]
        return clock.stop([future.result(timeout=TIMEOUT) for future in futures])


def in_loop_thread(main):
    """``asyncio.run(main())`` in a thread of its own, joined with a timeout."""
    box = {}

    def target():
        try:
            box["value"] = asyncio.run(main())
        except BaseException as error:  # handed to the caller, raised there
            box["error"] = error
    runner = threading.Thread(target=target, name="lesson-event-loop")
    runner.start()
    runner.join(TIMEOUT + WARM_UP)
    if runner.is_alive():
        raise TimeoutError(f"the event loop did not finish within {TIMEOUT + WARM_UP} s")
    if "error" in box:
        raise box["error"]
    return box["value"]


def coroutines(workload, argument, tasks, workers):
    """asyncio.gather of the workload's coroutines, at most `workers` running at once."""
    async def main():
        limit = asyncio.Semaphore(workers)

        async def one():
            async with limit:
                return await workload.coroutine(argument)
        clock = _Clock()
        await asyncio.wait_for(asyncio.gather(*(one() for _ in range(tasks))), TIMEOUT)
        return clock.stop()
    return in_loop_thread(main)


def _in_executor(pool, workload, argument, tasks, use_to_thread):
    async def main():
        loop = asyncio.get_running_loop()
        clock = _Clock()  # run_in_executor hands the task out at once: time from here
        if use_to_thread:
            loop.set_default_executor(pool)  # to_thread runs on the loop's default executor
            calls = [asyncio.to_thread(timed_call, workload.task, argument)
                     for _ in range(tasks)]
        else:
            calls = [loop.run_in_executor(pool, timed_call, workload.task, argument)
                     for _ in range(tasks)]
        results = await asyncio.wait_for(asyncio.gather(*calls), TIMEOUT)
        return clock.stop(results)
    return in_loop_thread(main)


def to_thread(workload, argument, tasks, workers):
    """asyncio.to_thread for every task, on a default executor of `workers` threads."""
    _prepare(workload, argument)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        _warm_threads(pool, workers)
        return _in_executor(pool, workload, argument, tasks, use_to_thread=True)


def in_processes(workload, argument, tasks, workers):
    """loop.run_in_executor on a process pool of `workers` for every task."""
    with ProcessPoolExecutor(max_workers=workers) as pool:
        _warm_processes(pool, workers, workload, argument)
        return _in_executor(pool, workload, argument, tasks, use_to_thread=False)


# name → (run, starts processes, needs a coroutine)
RUNNERS = {
    "serial": (serial, False, False),
    "threads": (threads, False, False),
    "processes": (processes, True, False),
    "asyncio": (coroutines, False, True),
    "asyncio to_thread": (to_thread, False, False),
    "asyncio + processes": (in_processes, True, False),
}
