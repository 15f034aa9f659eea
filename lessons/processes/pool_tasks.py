"""Tasks that lesson 09 hands to process pools: module functions, so every start method can
send them to a child by name. None of them prints: children return what they have to say."""

import multiprocessing
import os
import time

from lessons.processes.workers import square  # shared with lessons 07-08's exercises

__all__ = ["square", "add", "sleep_then", "until_file_exists", "pid_after", "die", "divide", "greeting",
           "remember", "start_method"]

_remembered = None  # set in each worker by `remember`, the pool's initializer


def add(x, y):
    return x + y


def sleep_then(seconds, value=None):
    """Wait `seconds`, then return `value`: a slow task."""
    time.sleep(seconds)
    return value


def until_file_exists(path, limit, value=None):
    """Wait until `path` exists (at most `limit` s), then return `value`: a slow task that the
    parent ends when it chooses, by creating the file, whatever the start method."""
    deadline = time.monotonic() + limit
    while not os.path.exists(path) and time.monotonic() < deadline:
        time.sleep(0.005)
    return value


def pid_after(seconds):
    """The worker's pid, after `seconds`: slow enough that one worker can't take every task."""
    time.sleep(seconds)
    return os.getpid()


def die(code=1):
    """End the worker at once, as a crash would: no exception, no clean-up, no answer."""
    os._exit(code)


def divide(x, y):
    return x / y


def remember(value):
    """An initializer: runs once in each worker when it starts."""
    global _remembered
    _remembered = value


def greeting(name):
    """Uses what the initializer left in this worker."""
    return f"{_remembered}, {name}"


def start_method(_=None):
    """How this worker was started, by its own account."""
    return multiprocessing.get_start_method()

