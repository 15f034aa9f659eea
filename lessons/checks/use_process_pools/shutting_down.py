"""Checks of a pool's end: submit while every worker is busy, cancel, shutdown() with tasks
still waiting (it runs them all), shutdown(wait=False, cancel_futures=True) (it returns at
once, and cancels what has not started), shutting down twice, and the workers afterwards.

Each is ``run(pool) -> (passed, seen)`` (see ``running``); the checks of one script run in
order and leave what the next needs in ``pool.notes``. Tasks are held at gates the checks
open, so "while 2 tasks run" is a fact, not a hope.
"""

from lessons.checks.use_process_pools.context import WAIT, Stuck, how
from lessons.checks.use_process_pools.processes import left_over, left_over_within
from lessons.checks.use_process_pools.running import Check
from lessons.checks.kit.watch import Call
from lessons.processes.pool_tasks import held, square, touch

__all__ = ["ENDING", "ENDING_AT_ONCE", "workers_gone"]

WAITING = 6  # tasks queued behind the held ones


def _hold(pool, count):
    """`count` tasks held at the gate 'go', once each has started (else Stuck)."""
    names = [f"held-{n}" for n in range(count)]
    futures = [pool.submit(held, pool.path(name), pool.path("go")) for name in names]
    if not pool.started(*names):
        pool.stuck = True
        raise Stuck(f"the {count} held tasks never all started, each on a worker of its own, "
                    f"within {WAIT:g} s")
    return futures


def _submit_while_busy(pool):
    pool.notes["held"] = _hold(pool, 2)
    futures = pool.call(f"{WAITING} calls of pool.submit while both workers were busy",
                        lambda: [pool.instance.submit(touch, pool.path(f"ran-{n}"), n)
                                 for n in range(WAITING)])
    pool.notes["waiting"] = futures
    done = [n for n, future in enumerate(futures) if future.done()]
    if done:
        return False, f"returned futures already done ({done}) while every worker was busy"
    return True, f"returned {WAITING} futures, not done"


def _cancel(pool):
    """Cancel the last half: the first half must still run at shutdown."""
    futures = pool.notes["waiting"]
    tried = range(WAITING // 2, WAITING)
    accepted = dict(reversed([(n, futures[n].cancel()) for n in reversed(tried)]))
    pool.notes["cancelled"] = [n for n, ok in accepted.items() if ok]
    wrong = [n for n, ok in accepted.items() if ok and not futures[n].cancelled()]
    seen = f"cancel() returned {list(accepted.values())}"
    if wrong:
        return False, f"{seen}, but cancelled() was then False for the tasks {wrong}"
    return accepted[WAITING - 1], seen


def _shutdown_runs_all(pool):
    shutdown = Call(pool.instance.shutdown, wait=True).once_blocked()
    early = shutdown.ended.is_set()
    pool.open("go")
    if not shutdown.finish(WAIT):
        pool.stuck = True
        return False, f"still blocked {WAIT:g} s after the held tasks were released"
    if shutdown.raised is not None:
        raise shutdown.raised
    futures, cancelled = pool.notes["waiting"], pool.notes["cancelled"]
    wanted = [n for n in range(WAITING) if n not in cancelled]
    missed = [n for n in wanted if not (futures[n].done() and pool.ran(f"ran-{n}"))]
    if early:
        return False, "returned while the 2 held tasks still ran"
    if missed:
        return False, (f"returned, but the tasks {missed} (not cancelled) had not run: their "
                       f"futures {[_state(futures[n]) for n in missed]}")
    wrong = [n for n in wanted if pool.result(futures[n], 0) != f"returned {n}"]
    if wrong:
        return False, f"returned, but the futures {wrong} have no result (or a wrong one)"
    return True, "returned once the held tasks ended; every waiting task had run"


def _state(future):
    return "done" if future.done() else "running" if future.running() else "pending"


def _cancelled_never_ran(pool):
    cancelled = pool.notes["cancelled"]
    if not cancelled:
        return None, "no future was cancelled (see cancel() above)"
    ran = [n for n in cancelled if pool.ran(f"ran-{n}")]
    if ran:
        return False, f"the tasks {ran} ran, though their futures were cancelled"
    return True, f"none of the {len(cancelled)} ran"


def workers_gone(pool):
    """Right after a shutdown(wait=True) returned: is every worker exited and joined?"""
    left = left_over(pool.pids, pool.processes)
    return not left, left or "each exited and was joined"


def _submit_after(pool):
    try:
        pool.call("pool.submit(square, 2) after shutdown", pool.instance.submit, square, 2)
    except (Stuck, NotImplementedError):
        raise
    except Exception as error:  # a wrong answer may raise anything: shown, not raised
        if type(error) is RuntimeError:  # its message is the pool's own: not shown
            return True, "raised RuntimeError"
        return False, f"raised {how(error)}"
    return False, "returned a future"


def _twice(pool):
    seen = [_how_it_ends(pool, "shutdown() again", pool.instance.shutdown),
            _how_it_ends(pool, "leaving the with block", pool.instance.__exit__, None, None,
                         None)]
    return seen == ["shutdown() again returned", "leaving the with block returned"], \
        "; ".join(seen)


def _how_it_ends(pool, what, function, *args):
    try:
        pool.call(what, function, *args, patience=WAIT)
    except (Stuck, NotImplementedError):
        raise
    except Exception as error:  # a wrong answer may raise anything: shown, not raised
        return f"{what} raised {how(error)}"
    return f"{what} returned"


def _at_once(pool):
    futures = _hold(pool, 1)
    futures += pool.call(f"{WAITING} calls of pool.submit while the worker was busy",
                         lambda: [pool.instance.submit(touch, pool.path(f"ran-{n}"), n)
                                  for n in range(WAITING)])
    pool.notes["futures"] = futures
    shutdown = Call(pool.instance.shutdown, wait=False, cancel_futures=True)
    returned = shutdown.ended.wait(WAIT)  # the held task can't end: the gate is shut
    pool.open("go")
    if not returned:
        pool.stuck = True  # it waited out its patience: the checker tries nothing more
        shutdown.finish(WAIT)
        return False, f"still blocked after {WAIT:g} s while the held task ran"
    if shutdown.raised is not None:
        raise shutdown.raised
    return True, "returned while the held task still ran"


def _cancelled_or_run(pool):
    futures = pool.notes["futures"]
    cancelled = [n for n, future in enumerate(futures[1:]) if future.cancelled()]
    others = [n + 1 for n in range(WAITING) if n not in cancelled]
    results = pool.results([futures[0]] + [futures[n] for n in others])
    wanted = [f"returned {pid}" for pid in pool.pids] + [f"returned {n - 1}" for n in others]
    if not cancelled:
        return False, "none of the waiting tasks was cancelled"
    if results != wanted:
        return False, (f"{len(cancelled)} of the {WAITING} waiting cancelled; the held task "
                       f"and the others: {', '.join(results)}")
    return True, "some cancelled; the held task and every other one returned its result"


def _worker_ends(pool):
    left = left_over_within(pool.pids, pool.processes, WAIT)
    pool.stuck = pool.stuck or bool(left)  # it waited out its patience
    return not left, left or "exited and was joined"


ENDING = (
    Check("pool.submit while both workers run a held task",
          "returns a future at once, not done yet", _submit_while_busy),
    Check(f"future.cancel() on the last {WAITING // 2} of those futures, last first",
          "True at least for the last (its task has not started); cancelled() is then True",
          _cancel, builds_on_previous=True),
    Check("shutdown() (wait=True, cancel_futures=False) while 2 tasks are held and the rest "
          "wait", "returned once the held tasks ended; every waiting task had run",
          _shutdown_runs_all, builds_on_previous=True),
    Check("the tasks whose futures were cancelled", "none of them ran",
          _cancelled_never_ran, builds_on_previous=True),
    Check("the worker processes, once shutdown() has returned",
          "each exited and was joined", workers_gone, builds_on_previous=True),
    Check("pool.submit(square, 2) after shutdown", "raised RuntimeError", _submit_after, builds_on_previous=True),
    Check("shutdown() again, then leaving the with block the pool was made in",
          "shutdown() again returned; leaving the with block returned", _twice, builds_on_previous=True),
)

ENDING_AT_ONCE = (
    Check("shutdown(wait=False, cancel_futures=True) while 1 task is held and 6 wait "
          "(1 worker)", "returned while the held task still ran", _at_once),
    Check("the futures after shutdown(wait=False, cancel_futures=True)",
          "some cancelled (those not yet handed to the worker); the held task, once released, "
          "and every other one returned its result", _cancelled_or_run, builds_on_previous=True),
    Check("the worker process after shutdown(wait=False), once its tasks have ended",
          "exited and was joined (by the pool, within 5 s)", _worker_ends, builds_on_previous=True),
)
