"""Checks of a pool at work: results, where tasks run, map's order, futures done as their
tasks end, exceptions, tasks that cannot be pickled, and tasks bigger than a pipe holds.

Each is ``run(pool) -> (passed, seen)`` (see ``running``). Where an order matters, files
force it: a task held at a gate ends when the check opens it, never after a sleep. A check
only counts on a task starting at once when a worker is idle; what waits behind a held task
is judged after the gate opens (a pool may queue a task behind a busy worker).
"""

import os
import threading
from concurrent.futures import as_completed

from lessons.checks.use_process_pools.context import WAIT, Stuck, how, unwritten
from lessons.checks.use_process_pools.running import Check
from lessons.processes.pool_tasks import divide, gated, held, reverse, square, start_method

__all__ = ["AT_WORK"]

# A lambda pickles by name, and `<lambda>` is no name: PicklingError. (Made in a function it
# would be AttributeError, "Can't pickle local object", on Python 3.11 to 3.13.)
_LAMBDA = lambda: 1  # noqa: E731
BIG = 1 << 20  # bytes: a task, and its result, far bigger than a pipe's buffer (64 KiB)
BIG_TASKS = 4  # on 2 workers: some wait for a worker that is busy with another


def _square(pool):
    seen = pool.result(pool.submit(square, 7))
    return seen == "returned 49", seen


def _keywords(pool):
    seen = pool.result(pool.submit(divide, 12, y=4))
    return seen == "returned 3.0", seen


def _both_at_once(pool):
    """Two tasks each held until the other has started: only 2 workers at once start both."""
    futures = [pool.submit(held, pool.path(f"both-{n}"), pool.path("both-go")) for n in (0, 1)]
    both = pool.started("both-0", "both-1")
    pool.open("both-go")
    pids = [seen.removeprefix("returned ") for seen in pool.results(futures)]
    if not both:
        pool.stuck = True  # it waited out its patience: the checker tries nothing more
        return False, "only one started while the other was held: the pool ran 1 at a time"
    if str(os.getpid()) in pids:
        return False, f"a task ran in this process (pid {os.getpid()}), not in a worker"
    if len(set(pids)) != 2:
        return False, f"both ran, their futures gave {pids}"
    return True, "both ran at once, each in its own worker process"


def _start_method(pool):
    seen = pool.result(pool.submit(start_method))
    return seen == f"returned {pool.method!r}", seen


def _map_order(pool):
    """map(gated, 'ab', …): 'a' is held until 'b' has ended, so they end in reverse order."""
    values, gates, dones = ["a", "b"], [pool.path("b-done"), None], [None, pool.path("b-done")]
    results = pool.call("list(pool.map(...))", _listed, pool.instance.map, gated, values,
                        [None, None], gates, dones, patience=WAIT + 1)
    return results == values, repr(results)


def _listed(map_, *args):
    return list(map_(*args, timeout=WAIT))


def _as_completed(pool):
    """The quick task's future is done while the held one still runs."""
    held_one = pool.submit(gated, "held", None, pool.path("completed-go"))
    quick = pool.submit(gated, "quick")
    try:
        first = next(as_completed([held_one, quick], timeout=WAIT))
    except TimeoutError:
        first = None
        pool.stuck = True  # it waited out its patience: the checker tries nothing more
    finally:
        pool.open("completed-go")
    results = pool.results([held_one, quick])
    if first is None:
        return False, (f"neither future done within {WAIT:g} s, while only one of the tasks "
                       f"was held; once it was released: {', '.join(results)}")
    seen = "quick, then held" if first is quick else "held, then quick"
    if results != ["returned 'held'", "returned 'quick'"]:
        seen += f" (their results: {', '.join(results)})"
    return seen == "quick, then held", seen


def _exception(pool):
    error = pool.result(pool.submit(divide, 1, 0))
    after = pool.result(pool.submit(square, 3))
    seen = f"its future {error}; square(3) then {after}"
    return seen == "its future raised ZeroDivisionError: division by zero; square(3) then " \
                   "returned 9", seen


def _unpicklable(pool):
    """A lambda, and a lock, as a task's argument: neither can travel to a worker."""
    seen = [_fails_alone(pool, what, argument) for what, argument in
            (("lambda", _LAMBDA), ("lock", threading.Lock()))]
    after = pool.result(pool.submit(square, 4))
    passed = all(": its future raised" in s and "BrokenProcessPool" not in s
                 for s in seen) and after == "returned 16"
    if passed:  # the pickling errors' words differ between Python versions: not shown
        return True, "each future raised its pickling error; the pool went on: square(4) " \
                     "then returned 16"
    return False, f"{seen[0]}; {seen[1]}; square(4) then {after}"


def _fails_alone(pool, what, argument):
    try:
        future = pool.call(f"pool.submit(square, <a {what}>)", pool.instance.submit, square,
                           argument)
    except (Stuck, NotImplementedError):
        raise
    except Exception as error:  # a wrong answer may raise anything: shown, not raised
        return (f"with a {what}: submit raised {how(error)}, where it should return a future "
                "that fails")
    return f"with a {what}: its future {pool.result(future)}"


def _big(pool):
    data = os.urandom(BIG)
    tasks = [bytes([n]) + data for n in range(BIG_TASKS)]
    futures = [pool.submit(reverse, task) for task in tasks]
    seen = []
    for task, future in zip(tasks, futures):
        try:
            right = future.result(WAIT) == task[::-1]
            seen.append("right" if right else "wrong bytes")
        except TimeoutError:
            pool.stuck = True
            seen.append(f"still pending after {WAIT:g} s")
            break
        except Exception as error:  # a wrong answer may raise anything: shown, not raised
            if unwritten(error):
                raise unwritten(error) from None
            seen.append(f"raised {how(error)}")
    if seen == ["right"] * BIG_TASKS:
        return True, f"each of the {BIG_TASKS} results right"
    return False, "; ".join(f"task {n}: {s}" for n, s in enumerate(seen))


AT_WORK = (
    Check("pool.submit(square, 7).result()", "returned 49", _square),
    Check("pool.submit(divide, 12, y=4).result(): keyword arguments reach the task",
          "returned 3.0", _keywords),
    Check("2 tasks on 2 workers, each held until the other has started",
          "both ran at once, each in its own worker process", _both_at_once),
    Check("pool.submit(start_method).result(): how its worker was started",
          "returned the method of the pool's mp_context ('fork', 'spawn', 'forkserver')",
          _start_method),
    Check("list(pool.map(...)) over 2 tasks, the first held until the second has ended",
          "['a', 'b'] (map gives the results in the order of its inputs)", _map_order),
    Check("as_completed over a held task and a quick one",
          "quick, then held (a future is done as soon as its own task has ended)",
          _as_completed),
    Check("pool.submit(divide, 1, 0), then pool.submit(square, 3)",
          "its future raised ZeroDivisionError: division by zero; square(3) then returned 9",
          _exception),
    Check("pool.submit(square, x) with an x that cannot be pickled (a lambda, a lock)",
          "each future raised its pickling error (submit itself returns a future); the pool "
          "went on: square(4) then returned 16", _unpicklable),
    Check(f"{BIG_TASKS} tasks with 1 MiB arguments and 1 MiB results on 2 workers",
          f"each of the {BIG_TASKS} results right (its argument reversed)", _big),
)
