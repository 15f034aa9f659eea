"""Tasks for demos and benchmarks: one that waits (io-bound), one that computes (cpu-bound).

Module-level functions, so they also pickle for process pools under every start method.
"""

import time


def sleep_task(seconds):
    """Wait without using the processor, like a network call or a disk read."""
    time.sleep(seconds)
    return seconds


def count_task(n):
    """Keep the processor busy: a pure-Python loop that holds the GIL on GIL builds."""
    total = 0
    for i in range(n):
        total += i
    return total
