"""How long `check()` takes to give its verdict, per exercise: the slowest of the reference
answer, each named wrong answer (``tests/checks/wrong_answers``) and a deadlocking answer.

    python -m benchmarks.verdict_times [--load N] [exercise-id ...]   (from the repository root)

``--load N`` runs N busy-loop processes beside the checks (started before, stopped after, by
this script), as on a machine shared with other jobs; without it the machine is left as it is.
The first lines say the conditions: Python version, cores, busy loops, load average.

The course promises a wrong answer's verdict within 10 s and a right answer's within 5 s on a
2-core machine. The deadlocking answers are defined here, so the figures can be measured on any
version of the checkers: each blocks for ever where a lost wake-up would (no notify, no timeout).
"""

import _thread
import argparse
import os
import subprocess
import sys
import threading
import time
from contextlib import contextmanager

from lessons import check, solution
from lessons.course.registry import exercises
from lessons.tools.benchmarking import reported_conditions
from tests.checks.wrong_answers import BY_EXERCISE

WRONG_BOUND, RIGHT_BOUND = 10.0, 5.0  # seconds


def _forever():
    """Block for ever on a lock nobody releases (the thread is a daemon of the checker)."""
    lock = _thread.allocate_lock()
    lock.acquire()
    lock.acquire()


def run_all_deadlocks(tasks):
    threads = [threading.Thread(target=_forever, daemon=True) for _ in tasks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return []


class ResultThreadDeadlocks(threading.Thread):
    def __init__(self, target=None, args=(), kwargs=None, **options):
        super().__init__(daemon=True)
        self.result = self.error = None

    def run(self):
        _forever()


def wait_all_deadlocks(tasks, timeout=None):
    _forever()


class JoinableThreadDeadlocks:
    def __init__(self, target, args=()):
        self.condition = threading.Condition()

    def start(self):
        pass

    def join(self, timeout=None):
        with self.condition:
            self.condition.wait()  # nobody notifies: a lost wake-up

    def is_alive(self):
        return True


class _WaitsForever:
    """Every method that might block waits on a Condition nobody notifies, ignoring timeouts."""

    def __init__(self, *args, **kwargs):
        self._cond = threading.Condition()

    def _wait(self, *args, **kwargs):
        with self._cond:
            self._cond.wait()


class BoundedQueueDeadlocks(_WaitsForever):
    put = get = join = put_nowait = get_nowait = task_done = _WaitsForever._wait
    qsize = full = empty = _WaitsForever._wait


class EventDeadlocks(_WaitsForever):
    set = clear = wait = is_set = _WaitsForever._wait


class SemaphoreDeadlocks(_WaitsForever):
    acquire = release = _WaitsForever._wait

    def __enter__(self):
        self._wait()

    def __exit__(self, *exc):
        self._wait()


class BarrierDeadlocks(_WaitsForever):
    wait = abort = reset = _WaitsForever._wait
    parties = n_waiting = broken = property(_WaitsForever._wait)


def _pool_deadlocks():
    from concurrent.futures import Executor, Future

    class PoolDeadlocks(Executor):
        def __init__(self, max_workers=4, thread_name_prefix="pool"):
            pass

        def submit(self, fn, /, *args, **kwargs):
            return Future()  # never run: every result() waits until its timeout

        def shutdown(self, wait=True, *, cancel_futures=False):
            _forever()
    return PoolDeadlocks


def incrementer_never_releasing(s):
    yield s.lock.acquire()
    value = s.counter
    yield
    s.counter = value + 1


def transfer_in_argument_order(s, source, target):
    yield s.locks[source].acquire()
    yield s.locks[target].acquire()
    s.locks[target].release()
    s.locks[source].release()


DEADLOCKING = {
    "collect-results": run_all_deadlocks,
    "result-thread": ResultThreadDeadlocks,
    "wait-without-join": wait_all_deadlocks,
    "joinable-thread": JoinableThreadDeadlocks,
    "fix-with-lock": incrementer_never_releasing,
    "fix-deadlock": transfer_in_argument_order,
    "bounded-queue": BoundedQueueDeadlocks,
    "event": EventDeadlocks,
    "semaphore": SemaphoreDeadlocks,
    "bounded-semaphore": SemaphoreDeadlocks,
    "barrier": BarrierDeadlocks,
    "thread-pool": _pool_deadlocks(),
}


def timed(exercise_id, candidate):
    began = time.perf_counter()
    report = check(exercise_id, candidate)
    return time.perf_counter() - began, report.passed


def main(ids):
    width = max(map(len, ids), default=8)
    print(f"{'exercise':{width}} {'right':>7} {'slowest wrong':>14}  {'deadlocking':>11}  "
          "slowest wrong answer")
    over = []
    for exercise_id in ids:
        right, passed = timed(exercise_id, solution(exercise_id))
        if not passed:
            over.append(f"{exercise_id}: the reference answer did not pass")
        wrong = [(timed(exercise_id, answer)[0], answer.__name__)
                 for answer in BY_EXERCISE.get(exercise_id, [])]
        slowest, name = max(wrong, default=(0.0, "-"))
        stuck = timed(exercise_id, DEADLOCKING[exercise_id])[0] if exercise_id in DEADLOCKING else None
        print(f"{exercise_id:{width}} {right:6.1f}s {slowest:13.1f}s  "
              f"{'-' if stuck is None else f'{stuck:.1f}s':>11}  {name}", flush=True)
        if right > RIGHT_BOUND:
            over.append(f"{exercise_id}: right answer {right:.1f} s")
        if max(slowest, stuck or 0.0) > WRONG_BOUND:
            over.append(f"{exercise_id}: wrong answer {max(slowest, stuck or 0.0):.1f} s")
    print("\n".join(["over the bounds:"] + over) if over else "every verdict within its bound")


@contextmanager
def busy_loops(count):
    """`count` processes that spin until the block ends; each is stopped, and waited for."""
    loops = [subprocess.Popen([sys.executable, "-c", "while True: pass"])
             for _ in range(count)]
    try:
        yield loops
    finally:
        for loop in loops:
            loop.kill()
            loop.wait(timeout=10)


def _arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.verdict_times",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("ids", nargs="*", metavar="exercise-id",
                        help="exercises to time (default: all)")
    parser.add_argument("--load", type=int, default=0, metavar="N",
                        help="run N busy-loop processes beside the checks (default 0: quiet)")
    options = parser.parse_args(argv)
    unknown = [exercise_id for exercise_id in options.ids if exercise_id not in exercises()]
    if unknown:
        parser.error(f"no exercise {', '.join(map(repr, unknown))}; "
                     f"the exercises are {', '.join(exercises())}")
    if options.load < 0:
        parser.error("--load N needs N ≥ 0 (the number of busy-loop processes)")
    return options


if __name__ == "__main__":
    options = _arguments(sys.argv[1:])
    with busy_loops(options.load):
        print(f"beside {options.load} busy loop(s) of ours")
        with reported_conditions():
            main(options.ids or list(exercises()))
