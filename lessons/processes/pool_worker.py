"""The side of a process pool that runs in the workers: the loop each child process runs.

Lesson 09's exercise rebuilds a process pool. The learner writes the parent's side in a
notebook cell; this loop runs in the children, so it must be importable by module and name
under ``spawn`` and ``forkserver``: it lives here, never in a cell.

Protocol, over one duplex ``multiprocessing.Pipe`` per worker:

* the parent sends ``(fn, args, kwargs)``, or ``None`` for "no more work: exit";
* the worker answers each task, in order, with ``(True, result)`` or ``(False, error)``;
  the error pickles with its traceback text, and the parent gets the exception back with
  that text attached as its ``__cause__`` (a ``RemoteTraceback``).

A task the worker cannot even unpickle kills the worker (the parent then sees it die, as it
would a crash); an answer that cannot be pickled is answered with the pickling error instead.
"""

import traceback
from multiprocessing.reduction import ForkingPickler

__all__ = ["work", "run_chunk", "RemoteTraceback"]


class RemoteTraceback(Exception):
    """The traceback of an exception raised in a worker, as text: the parent shows it as the
    cause of the exception it re-raises."""

    def __str__(self):
        return self.args[0]


def _rebuild(error, traceback_text):
    error.__cause__ = RemoteTraceback(f'\n"""\n{traceback_text}"""')
    return error


class _ErrorWithTraceback:
    """Pickles as the exception, rebuilt in the parent with its traceback text as its cause."""

    def __init__(self, error):
        self.error = error
        self.text = "".join(traceback.format_exception(error))

    def __reduce__(self):
        return _rebuild, (self.error, self.text)


def run_chunk(fn, chunk):
    """Run `fn(*args)` for each args tuple of `chunk`: many small tasks as one message."""
    return [fn(*args) for args in chunk]


def work(connection):
    """Run tasks from `connection` until told to stop (or the parent has gone)."""
    while True:
        try:
            task = connection.recv()  # an error unpickling it ends this worker: see above
        except EOFError:  # every copy of the pool's end is closed: nothing more will come
            return  # (a forked worker holds a copy of its own, so it waits for the sentinel)
        if task is None:
            return
        fn, args, kwargs = task
        try:
            answer = (True, fn(*args, **kwargs))
        except BaseException as error:  # SystemExit too: it belongs to the task, not to us
            answer = (False, _ErrorWithTraceback(error))
        del task, fn, args, kwargs  # hold no reference to the task while we wait for the next
        connection.send_bytes(_pickled(answer))
        del answer


def _pickled(answer):
    """The answer as bytes; if it cannot be pickled, the error that says why, as bytes."""
    try:
        return ForkingPickler.dumps(answer)
    except BaseException as error:
        try:
            return ForkingPickler.dumps((False, _ErrorWithTraceback(error)))
        except BaseException:  # the error itself won't pickle: send its text
            text = "".join(traceback.format_exception(error))
            return ForkingPickler.dumps((False, RuntimeError(text)))
