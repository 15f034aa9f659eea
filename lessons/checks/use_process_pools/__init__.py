"""Checker for lesson 09's exercise `process-pool`: a process pool Executor, drop-in for
concurrent.futures.ProcessPoolExecutor, whose workers run `lessons.processes.pool_worker.work`.

``check_process_pool(ProcessPool)`` proves, by behaviour, each line below under ``fork``,
``spawn`` and ``forkserver`` alike (each through ``mp_context``; the default start method is
left alone), with the tasks of ``lessons.processes.pool_tasks``:

* it is a concurrent.futures.Executor; ``max_workers=0`` raises ValueError;
* ``submit(fn, *args)`` returns a future with the task's result, computed in a worker process
  (not the caller's) started by the context's method;
* its ``max_workers`` workers run tasks at the same time;
* ``map`` gives the results in the order of its inputs, though the tasks end in another order;
* a future is done as soon as its own task has ended, whatever else still runs
  (``as_completed`` gives it first);
* an exception raised by a task comes back as its future's exception, of its own type and
  message, and the pool goes on;
* a task that cannot be pickled (a lambda, a lock as argument) fails its own future with the
  pickling error — submit itself returns — and the pool goes on;
* tasks and results far bigger than a pipe's buffer (1 MiB), several waiting for the same
  worker, all come back right;
* ``submit`` returns at once, with a future not done, while every worker is busy;
* ``cancel()`` of a future whose task has not started returns True, and that task never runs;
* ``shutdown()`` (``wait=True``, ``cancel_futures=False``) returns once every task submitted
  and not cancelled has run; then every worker process has exited and been joined, ``submit``
  raises RuntimeError, and calling ``shutdown()`` again, or leaving the ``with`` block, is
  harmless;
* ``shutdown(wait=False, cancel_futures=True)`` returns at once, while a task still runs; the
  tasks not yet handed to a worker are cancelled, the others still finish with their results,
  and then the workers exit and are joined;
* a worker that dies in the middle of a task (as a crash would), while another worker is busy
  and tasks wait, breaks the pool: every future not yet done — the dead worker's, the busy
  worker's, the waiting ones — fails with BrokenProcessPool, none waits for ever; submit then
  raises BrokenProcessPool (or its future does); shutdown(wait=True) returns, and every worker
  has exited and been joined.

Orders are forced with files the checker controls (``pool_tasks.gated``), never with sleeps.
Whether workers have exited is read without reaping them (``processes``). A stub's
NotImplementedError fails every check as "not written yet", naming the function; checks after
a call that got stuck are reported not tried; the report has one line per check either way.
"""

import multiprocessing
from concurrent.futures import Executor

from lessons.checks.use_process_pools.at_work import AT_WORK
from lessons.checks.use_process_pools.breaking import BREAKING
from lessons.checks.use_process_pools.context import WAIT, how
from lessons.checks.use_process_pools.processes import kill_left
from lessons.checks.use_process_pools.running import Script, run_scripts
from lessons.checks.use_process_pools.shutting_down import ENDING, ENDING_AT_ONCE
from lessons.checks.kit.watch import Call
from lessons.course.checking import not_written, trial

__all__ = ["check_process_pool", "SCRIPTS"]

# What each pool goes through, from its making to its end: one pool of each per start method.
SCRIPTS = (Script(2, AT_WORK + ENDING), Script(1, ENDING_AT_ONCE), Script(2, BREAKING))


def check_process_pool(Pool):
    """The contract in this module's docstring, one outcome per line of it that is tried."""
    yield from trial("issubclass(ProcessPool, concurrent.futures.Executor)", True,
                     lambda: isinstance(Pool, type) and issubclass(Pool, Executor))
    yield from trial("ProcessPool(max_workers=0)", "raised ValueError",
                     lambda: _made_with_no_worker(Pool))
    yield from run_scripts(Pool, SCRIPTS)


def _made_with_no_worker(Pool):
    before = set(multiprocessing.active_children())
    call = Call(Pool, max_workers=0)
    try:
        if not call.ended.wait(WAIT):
            return f"still blocked after {WAIT:g} s"
        if isinstance(call.raised, NotImplementedError):
            return not_written(call.raised)
        if call.raised is not None:
            return f"raised {how(call.raised).partition(':')[0]}"
        Call(getattr(call.returned, "shutdown", lambda: None), wait=False).ended.wait(WAIT)
        return "returned a pool"
    finally:
        kill_left(before)
