"""Run a candidate's pools through their checks under each start method, and sum up.

A *script* is what one pool goes through, from ``ProcessPool(max_workers, mp_context)`` to
its end (a shutdown, or a break): a list of checks, each ``run(pool) -> (passed, seen)``.
The pools of a start method are made before the scripts of the method before it run, so
that their workers start up meanwhile (a ``spawn`` worker takes a while on a busy machine);
everything runs in one thread, one thing at a time, so nothing starts or reaps a process
while a pool is judged.

Each check gives one outcome, whatever happened: the same number for a blank stub as for a
right answer. Under each method a check is, in order of precedence,
* not written — the candidate raised NotImplementedError, here or in one of its threads
  (then every later check says so too, untried: it would only wait for code that isn't there);
* not tried — an earlier call got stuck (everything after it, for a verdict within seconds),
  or the check failed under an earlier method already;
* passed or failed, with what was seen.
"""

import multiprocessing
import multiprocessing.forkserver
import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from typing import Callable

from lessons.checks.use_process_pools.context import Pool, Skipped, Stuck, how
from lessons.checks.use_process_pools.processes import kill_left
from lessons.checks.kit.watch import Call
from lessons.course.checking import not_written
from lessons.course.session import session
from lessons.course.report import not_tried, outcome

__all__ = ["Check", "Script", "METHODS", "run_scripts"]

METHODS = ("fork", "spawn", "forkserver")
MAKE = 10.0  # seconds ProcessPool(...) may take: it only starts processes
CLEAN_UP = 1.0  # seconds every pool gets, together, to shut down once the checks are over
STUCK = "an earlier call got stuck"


@dataclass(frozen=True)
class Check:
    label: str  # what is tried
    expected: str  # the value or behaviour a right pool shows
    run: Callable  # run(pool) -> (passed: bool | None, seen: str)
    builds_on_previous: bool = False  # tried only if the check before it was, on this pool


@dataclass(frozen=True)
class Script:
    max_workers: int
    checks: tuple


class _Verdicts:
    """What each check showed under each method: label -> method -> (passed, seen)."""

    def __init__(self, scripts):
        self.checks = [check for script in scripts for check in script.checks]
        self.by_label = {check.label: {} for check in self.checks}
        self.stuck = False
        self.stub = None  # the first NotImplementedError seen

    def record(self, label, method, passed, seen):
        self.by_label[label][method] = (passed, seen)

    def failed_before(self, label):
        return any(passed is False for passed, _ in self.by_label[label].values())

    def outcomes(self):
        for check in self.checks:
            yield _summed(check, self.by_label[check.label])


def run_scripts(Candidate, scripts):
    """Progress (strings), then one outcome per check of `scripts`, in order."""
    verdicts = _Verdicts(scripts)
    before = set(multiprocessing.active_children())
    folders = tempfile.mkdtemp(prefix="process-pool-check-")
    # The fork server takes a while to start: it does so meanwhile, as no Process does (so
    # it reaps no child while one is judged).
    server = threading.Thread(target=multiprocessing.forkserver.ensure_running,
                              name="process-pool-check-fork-server", daemon=True)
    server.start()
    pools = {method: [] for method in METHODS}
    try:
        # Each method's pools are made while the method before runs its scripts, so their
        # workers start up meanwhile; nothing is made while a pool is judged.
        yield from _make_all(Candidate, scripts, "fork", pools["fork"], verdicts, folders)
        for before_it, method in zip(METHODS, METHODS[1:]):
            if method == "forkserver":
                server.join(MAKE)
            yield from _make_all(Candidate, scripts, method, pools[method], verdicts, folders)
            yield from _run_all(pools[before_it], verdicts)
        yield from _run_all(pools[METHODS[-1]], verdicts)
    finally:
        _close([pool for made in pools.values() for pool, _ in made], folders, before)
    # Announced, so that check() adds to these outcomes no exception that escaped earlier:
    # each check's own line already names those that escaped while it ran.
    yield "summing up"
    yield from verdicts.outcomes()


def _make_all(Candidate, scripts, method, made, verdicts, folders):
    for number, script in enumerate(scripts):
        pool = Pool(method, script.max_workers, os.path.join(folders, f"{method}-{number}"))
        yield f"ProcessPool(max_workers={script.max_workers}, mp_context=get_context({method!r}))"
        _make(Candidate, pool, verdicts)
        made.append((pool, script))


def _run_all(made, verdicts):
    for pool, script in made:
        for check in script.checks:
            yield from _run(check, pool, verdicts)


def _make(Candidate, pool, verdicts):
    """Make the candidate's pool (entered, as `with` does); if it can't be made, say why."""
    os.makedirs(pool.folder)
    if verdicts.stuck or verdicts.stub:
        return
    context = multiprocessing.get_context(pool.method)
    try:
        pool.instance = pool.call(f"ProcessPool(max_workers={pool.max_workers}, "
                                  f"mp_context=get_context({pool.method!r}))",
                                  lambda: Candidate(pool.max_workers, mp_context=context),
                                  patience=MAKE)
        pool.call("pool.__enter__()", pool.instance.__enter__)
    except Stuck as why:
        verdicts.stuck, pool.failed = True, str(why)
    except NotImplementedError as error:
        verdicts.stub = verdicts.stub or error
    except Exception as error:  # a wrong answer may raise anything
        pool.failed = f"ProcessPool(max_workers={pool.max_workers}, mp_context=" \
                      f"get_context({pool.method!r})) raised {how(error)}"


def _run(check, pool, verdicts):
    """Try `check` on `pool` (announced first), or say why it was not."""
    tried, pool.tried_last = pool.tried_last, False

    def record(passed, seen):
        verdicts.record(check.label, pool.method, passed, seen)

    if verdicts.stub is not None:
        return record(False, not_written(verdicts.stub))
    if verdicts.stuck:
        return record(None, STUCK)
    if verdicts.failed_before(check.label):
        return record(None, "failed under an earlier method already")
    if pool.failed:
        return record(False, pool.failed)
    if check.builds_on_previous and not tried:
        return record(None, "it builds on the check before it, not tried here")
    pool.tried_last = True
    yield f"{check.label} (under {pool.method})"
    errors = session().errors
    mark = len(errors)
    try:
        passed, seen = check.run(pool)
    except Skipped:
        return record(None, "the check before it, which it builds on, did not pass")
    except Stuck as why:
        passed, seen = False, str(why)
    except NotImplementedError as error:
        verdicts.stub = error
        passed, seen = False, not_written(error)
    except Exception as error:  # the candidate's call raised what no right pool raises
        passed, seen = False, f"raised {how(error)}"
    escaped = [error for _, error in errors[mark:]]
    stub = next((e for e in escaped if isinstance(e, NotImplementedError)), None)
    if stub is not None and not passed:
        verdicts.stub = verdicts.stub or stub
        seen = not_written(stub)
    elif escaped and not passed:
        seen += f" — meanwhile a thread of the pool raised {how(escaped[0])}"
    verdicts.stuck = verdicts.stuck or pool.stuck
    record(passed, seen)


def _summed(check, by_method):
    """One outcome for `check` from what it showed under each method."""
    expected = f"under {_named(METHODS)}: {check.expected}"
    states = [passed for passed, _ in by_method.values()]
    if False in states:
        return outcome(check.label, expected, _grouped(by_method), passed=False)
    if None in states:
        untried = {m: v for m, v in by_method.items() if v[0] is None}
        tried = {m: v for m, v in by_method.items() if v[0] is not None}
        why = _grouped(untried) + (f" (so far, {_grouped(tried)})" if tried else "")
        return not_tried(check.label, expected, why)
    return outcome(check.label, expected, _grouped(by_method), passed=True)


def _grouped(by_method):
    """'under fork, spawn and forkserver: returned 49', or each method's own: 'under fork:
    …; under spawn and forkserver: …'."""
    groups = {}
    for method, (_, seen) in by_method.items():
        groups.setdefault(seen, []).append(method)
    return "; ".join(f"under {_named(methods)}: {seen}" for seen, methods in groups.items())


def _named(methods):
    return methods[0] if len(methods) == 1 else ", ".join(methods[:-1]) + " and " + methods[-1]


def _close(pools, folders, before):
    """Release every held task, shut every pool down (together, within CLEAN_UP s), kill
    what is left, and remove the files."""
    for pool in pools:
        pool.release()
    calls = [Call(pool.instance.shutdown, wait=True) for pool in pools
             if pool.instance is not None and hasattr(pool.instance, "shutdown")]
    deadline = time.monotonic() + CLEAN_UP
    for call in calls:
        call.ended.wait(max(0.0, deadline - time.monotonic()))
    kill_left(before)
    shutil.rmtree(folders, ignore_errors=True)
