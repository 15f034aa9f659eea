"""Lesson 07's helpers: the post's ``info``/``f`` example, start-up costs, a terminated child
that held a lock, forking with a lock held, what a child sees of a module global set at run
time, and a lesson helper that refuses, in one line, what no child could run.

Children here return or send what they found; the parent prints.
"""

import multiprocessing
import os
import pickle
import statistics
import threading
import time
import warnings

from lessons.course.errors import LessonError
from lessons.processes.tasks import call_and_send, silence_stderr

__all__ = ["info", "f", "print_when_told", "do_nothing", "fail_quietly",
           "hold_lock_until_stopped", "setting", "read_setting", "settings_seen_by_children",
           "startup_times", "fork_with_a_lock_held", "ask_children", "plain_problem"]


def info(title):
    """The post's ``info(title)``, returning what it printed (a child's print may go nowhere)."""
    return {"title": title, "module name": __name__, "parent process": os.getppid(),
            "process id": os.getpid()}


def f(name, results):
    """The post's ``f(name)``: its ``info`` and its greeting, put on the queue `results`."""
    results.put((info("function f"), f"hello {name}"))


def print_when_told(gate, line, patience=30):
    """Print `line` once something arrives on `gate` (a Connection), or after `patience` s.

    The one child in the course that prints, to show where a child's output goes: its
    parent decides when, so the demo does not depend on timing.
    """
    gate.poll(patience)
    print(line, flush=True)


def do_nothing():
    """A child that only starts and ends: what is left to measure is the start-up."""


def fail_quietly(message):
    """Raise ValueError(message) in a child, its traceback silenced: in a notebook it would
    land, late, under whichever cell is running when it arrives (see ``child_output``)."""
    silence_stderr()
    raise ValueError(message)


def hold_lock_until_stopped(lock, holding, patience=60):
    """Take `lock` in a ``with`` block, set the Event `holding`, and sleep `patience` seconds.

    A child for ``terminate()``: SIGTERM ends a Python process at once, so the ``with`` block
    never exits and the lock, shared with the parent, stays held.
    """
    with lock:
        holding.set()
        time.sleep(patience)


# A module global, and what a child sees of it: a forked child is a copy of its parent (it
# sees a value the parent set at run time); a spawn or forkserver child imports this module
# afresh (it sees the value set at import).
setting = "as imported"


def read_setting():
    """The module global `setting`, as the process running this sees it."""
    return setting


def settings_seen_by_children(methods=("fork", "spawn", "forkserver"), timeout=30):
    """{method: the module global `setting` as a child started by that method sees it}.

    Set ``start.setting`` in the parent first: only a forked child sees the change.
    """
    return {method: _ask_one(multiprocessing.get_context(method), read_setting, timeout)
            for method in methods}


def _ask_one(context, target, timeout):
    """target() run in one child of `context`: its value."""
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=call_and_send, args=(sender, target, ()))
    child.start()
    sender.close()
    try:
        return _receive(receiver, timeout)
    finally:
        receiver.close()
        child.join(timeout)
        if child.is_alive():
            child.kill()
            child.join(5)


def startup_times(methods=("fork", "spawn", "forkserver"), repeats=20):
    """{method: [seconds to start and join one child that does nothing], …}.

    The first forkserver child also starts the server; it is timed separately, so the list
    holds the cost of every later child (the server is started once per parent). Each of
    those imports this module itself, as a spawned child does, unless the server preloaded it
    (``set_forkserver_preload``; by default it imports nothing of ours: a notebook's
    ``__main__`` has no file, and up to 3.13.0 a bug kept even a script's ``__main__`` from
    being preloaded): that import, not the fork, is most of its cost.
    """
    times = {}
    for method in methods:
        context = multiprocessing.get_context(method)
        if method == "forkserver":
            _start_and_join(context)  # starts the server
        times[method] = [_start_and_join(context) for _ in range(repeats)]
    return times


def _start_and_join(context):
    began = time.perf_counter()
    child = context.Process(target=do_nothing)
    child.start()
    child.join(30)
    if child.exitcode != 0:
        raise RuntimeError(f"a child that does nothing ended with exit code {child.exitcode}")
    return time.perf_counter() - began


def fork_with_a_lock_held(wait=0.5):
    """Fork while another thread holds a lock; what the child finds, and what the parent heard.

    Returns {"child got the lock": bool, "warnings": [category names], "message": text}: the
    child tries the lock for `wait` seconds and reports; 3.12+ warns about forking a process
    that has other threads (a DeprecationWarning, shown only if the filters let it through).
    """
    lock, holding, done = threading.Lock(), threading.Event(), threading.Event()

    def holder():
        with lock:
            holding.set()
            done.wait(10)

    thread = threading.Thread(target=holder, name="lock-holder")
    thread.start()
    holding.wait(10)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    try:
        with warnings.catch_warnings(record=True) as heard:
            warnings.simplefilter("always", DeprecationWarning)
            child = context.Process(target=_try_lock, args=(lock, wait, sender))
            child.start()
        sender.close()
        got = receiver.recv() if receiver.poll(10 + wait) else "no answer"
        child.join(10)
    finally:
        done.set()
        thread.join(10)
        receiver.close()
    messages = [str(w.message) for w in heard if issubclass(w.category, DeprecationWarning)]
    return {"child got the lock": got, "warnings": [w.category.__name__ for w in heard],
            "message": _without_pid(messages[0]) if messages else ""}


def _try_lock(lock, wait, connection):
    got = lock.acquire(timeout=wait)  # the copy of the lock is held: by a thread not copied
    connection.send(got)
    connection.close()


def _without_pid(message):
    import re
    return re.sub(r"pid=\d+", "pid=…", message)


def ask_children(target, args_list, *, timeout=10):
    """Run ``target(*args)`` in one child per args tuple; their values, in order.

    Refuses, with one plain line (a LessonError), a target defined in a notebook cell and an
    argument that cannot be pickled: what no child under spawn or forkserver could run.
    """
    for args in args_list:
        problem = plain_problem(target, args)
        if problem:
            raise LessonError(problem)
    ends = [multiprocessing.Pipe(duplex=False) for _ in args_list]
    children = [multiprocessing.Process(target=call_and_send, args=(sender, target, args))
                for (_, sender), args in zip(ends, args_list)]
    try:
        for child, (_, sender) in zip(children, ends):
            child.start()
            sender.close()
        return [_receive(receiver, timeout) for receiver, _ in ends]
    finally:
        for child in children:
            if child.is_alive():
                child.kill()
            if child.pid is not None:
                child.join(5)
        for receiver, sender in ends:
            receiver.close()
            sender.close()


def _receive(receiver, timeout):
    if not receiver.poll(timeout):
        raise TimeoutError(f"a child sent nothing within {timeout} s")
    message = receiver.recv()
    if message[0] == "raised":
        raise message[1]
    return message[1]


def plain_problem(target, args=()):
    """Why no child started by spawn or forkserver could run ``target(*args)``, or None."""
    name = getattr(target, "__qualname__", repr(target))
    if getattr(target, "__module__", None) == "__main__" or "<lambda>" in name \
            or "<locals>" in name:
        return (f"`{name}` is defined in this notebook (or inside a function), so a child "
                "started by spawn or forkserver cannot import it: put it in a .py module and "
                "import it from there (see 'The notebook trap').")
    for position, arg in enumerate(args, 1):
        try:
            pickle.dumps(arg)
        except RuntimeError:
            pass  # a multiprocessing Queue, Lock, Value…: they travel as a child's arguments
        except Exception as error:
            return (f"argument {position} ({type(arg).__name__}) cannot be pickled, so it "
                    f"cannot be sent to a child process ({error}): pass plain data, or an "
                    "object made for processes (a multiprocessing Queue, Value, Array).")
    return None
