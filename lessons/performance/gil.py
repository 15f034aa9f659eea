"""The GIL, measured: which build this is, the switch interval, and the convoy effect.

On a GIL build only one thread runs Python bytecode at a time. A thread that wants the GIL
while another computes waits the switch interval (``sys.getswitchinterval()``, 0.005 s by
default in CPython 3.2 and later), then asks the holder to drop it, and the holder does the next
time it checks its eval breaker (when a function starts, at calls, where a loop jumps back:
not between every two bytecodes, and not inside a C call until it returns). So a thread that
only waits for I/O, and needs the GIL for a moment each time it wakes, wakes late while a
cpu-bound thread runs — by at least about a switch interval, often more: when several
threads compete (a Jupyter kernel runs several of its own), when the holder is inside a long
C call that keeps the GIL, or when the machine is busy: the convoy effect. ``convoy`` measures that
lateness. C code that releases the GIL lets other threads run meanwhile: ``pause_beside``
shows whether a call does.

Free-threaded builds (3.13t, 3.14t; ``sysconfig.get_config_var("Py_GIL_DISABLED")``) can run
without a GIL: ``sys._is_gil_enabled()`` (3.13+) says whether this one does.
"""

import statistics
import sys
import sysconfig
import threading
import time

from lessons.course.session import session
from lessons.tools.tasks import count_task

__all__ = ["gil_enabled", "free_threaded_build", "convoy", "switch_interval", "pause_beside"]


def gil_enabled():
    """True when a GIL serialises Python threads: always before 3.13, where
    ``sys._is_gil_enabled`` does not exist."""
    probe = getattr(sys, "_is_gil_enabled", None)
    return True if probe is None else probe()


def free_threaded_build():
    """Was this interpreter built free-threaded (it may still run with the GIL on)?"""
    return bool(sysconfig.get_config_var("Py_GIL_DISABLED"))


def switch_interval(seconds):
    """A ``with`` block during which ``sys.getswitchinterval()`` is `seconds`; the old value
    comes back after. Inside a check, the check's session undoes it even if abandoned."""
    return session().switch_interval(seconds)


def _wake_up_delays(duration, nap):
    """How much later than asked a thread wakes from `nap` s sleeps, for `duration` s."""
    delays, end = [], time.perf_counter() + duration
    while time.perf_counter() < end:
        began = time.perf_counter()
        time.sleep(nap)
        delays.append(time.perf_counter() - began - nap)
    return delays


def convoy(duration=0.25, nap=0.001):
    """(median wake-up delay alone, median wake-up delay while a thread counts), seconds.

    The sleeping thread is this one; the counting thread is joined before this returns.
    """
    alone = _wake_up_delays(duration, nap)
    stop = threading.Event()

    def compute():
        while not stop.is_set():
            count_task(20_000)
    counter = threading.Thread(target=compute, name="cpu-bound")
    counter.start()
    try:
        busy = _wake_up_delays(duration, nap)
    finally:
        stop.set()
        counter.join(5)
    return statistics.median(alone), statistics.median(busy)


def pause_beside(call, timeout=5):
    """(the longest another Python thread went without running while `call()` ran, how long
    `call()` took), seconds. A call that keeps the GIL stops that thread for about all of its
    time; a call that releases it lets it run on."""
    stamps, started, stop = [], threading.Event(), threading.Event()

    def tick():
        started.set()
        while not stop.is_set():
            stamps.append(time.perf_counter())
    ticker = threading.Thread(target=tick, name="ticker")
    ticker.start()
    try:
        started.wait(timeout)
        began = time.perf_counter()
        call()
        ended = time.perf_counter()
    finally:
        stop.set()
        ticker.join(timeout)
    moments = [began, *(t for t in stamps if began < t < ended), ended]
    return max(b - a for a, b in zip(moments, moments[1:])), ended - began
