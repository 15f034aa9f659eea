"""Checks of a pool whose worker dies: it dies in the middle of a task while the other worker
is busy and tasks wait, and every future not done must fail with BrokenProcessPool — none
left pending for ever — then submit refuses, shutdown returns, and no worker is left.

Each is ``run(pool) -> (passed, seen)`` (see ``running``). The dying task and the busy one
are both held at gates until they have started; then the check opens the dying task's gate
only, so the other worker is still busy and the waiting tasks still wait when it dies.
"""

from concurrent.futures.process import BrokenProcessPool

from lessons.checks.use_process_pools.context import WAIT, Stuck, how
from lessons.checks.use_process_pools.running import Check
from lessons.checks.use_process_pools.shutting_down import workers_gone
from lessons.processes.pool_tasks import die_when, held, square

__all__ = ["BREAKING"]

WAITING = 4  # tasks that wait for a worker when one dies
BROKEN = "raised BrokenProcessPool"


def _dies(pool):
    busy = pool.submit(held, pool.path("busy"), pool.path("busy-go"))
    dying = pool.submit(die_when, pool.path("dying"), pool.path("die"), 3)
    if not pool.started("busy", "dying"):
        pool.stuck = True
        raise Stuck(f"the 2 held tasks never both started, each on a worker of its own, "
                    f"within {WAIT:g} s")
    waiting = pool.call(f"{WAITING} calls of pool.submit(square, n) while both workers were "
                        "busy", lambda: [pool.instance.submit(square, n)
                                         for n in range(WAITING)])
    pool.notes["others"] = [busy] + waiting
    pool.open("die")
    seen = pool.result(dying)
    return (True, BROKEN) if seen.startswith(BROKEN) else (False, seen)


def _others_fail(pool):
    seen = pool.results(pool.notes["others"])
    named = ["the busy worker's task"] + [f"square({n})" for n in range(WAITING)]
    wrong = [f"{name} {s}" for name, s in zip(named, seen) if not s.startswith(BROKEN)]
    if wrong:
        return False, "; ".join(wrong)
    return True, f"each of the {WAITING + 1} {BROKEN}"


def _submit_when_broken(pool):
    try:
        future = pool.call("pool.submit(square, 3) on the broken pool", pool.instance.submit,
                           square, 3)
    except (Stuck, NotImplementedError):
        raise
    except Exception as error:  # a wrong answer may raise anything: shown, not raised
        if isinstance(error, BrokenProcessPool):
            return True, "submit raised BrokenProcessPool"
        return False, f"submit raised {how(error)}"
    seen = f"its future {pool.result(future)}"
    return (True, f"its future {BROKEN}") if BROKEN in seen else (False, seen)


def _shutdown_when_broken(pool):
    pool.call("shutdown(wait=True) of the broken pool", pool.instance.shutdown, wait=True)
    return True, "returned"


BREAKING = (
    Check("a worker that dies mid-task, while the other runs a held task and 4 wait: its "
          "future", f"{BROKEN} (within {WAIT:g} s)", _dies),
    Check("the other futures: the busy worker's task, and the 4 waiting",
          f"each of the {WAITING + 1} {BROKEN}", _others_fail, builds_on_previous=True),
    Check("pool.submit(square, 3) once the pool is broken",
          f"submit raised BrokenProcessPool, or its future {BROKEN}", _submit_when_broken, builds_on_previous=True),
    Check("shutdown(wait=True) of the broken pool", "returned", _shutdown_when_broken, builds_on_previous=True),
    Check("the worker processes, once the broken pool's shutdown has returned",
          "each exited and was joined", workers_gone, builds_on_previous=True),
)
