"""Small tasks that checkers hand to a candidate to observe how it runs them."""

import threading
import time


def sleeper(result, seconds):
    """A task that sleeps, then returns `result` (tasks finish in the order their sleeps end)."""
    def task():
        time.sleep(seconds)
        return result
    return task


def meeting(parties, timeout=1.0):
    """`parties` tasks that each return "met" only if all of them run at the same time.

    Run one after another, the first waits `timeout` seconds and breaks the barrier, and every
    task returns "did not meet" instead: proof by behaviour, not by timing, that they overlapped.
    """
    barrier = threading.Barrier(parties, timeout=timeout)

    def task():
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            return "did not meet"
        return "met"
    return [task] * parties


class Finishing:
    """Tasks that record, as they end, that they have ended."""

    def __init__(self, durations):
        self.durations = durations
        self.finished = [False] * len(durations)

    def tasks(self):
        def make(index, seconds):
            def task():
                time.sleep(seconds)
                self.finished[index] = True
                return index
            return task
        return [make(i, s) for i, s in enumerate(self.durations)]

    def count(self):
        return sum(self.finished)
