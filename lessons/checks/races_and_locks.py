"""Checkers for lesson 03, Find races, fix them with locks. All four run model programs in the
interleaving explorer, so they judge every schedule, not the few a real run happens to take.

The explorer runs a step (from one ``yield`` to the next) as one piece, so a step that releases
a lock and then writes would hide its race there. The checkers' shared state sees it: every read
and write of the counter, and of each balance, must happen with its lock held — a step that
touches them after the release raises, and the schedule counts as broken.
"""

from itertools import combinations

from lessons.course.checking import trial
from lessons.course.errors import LessonError
from lessons.course.report import outcome
from lessons.threads.lock_scenarios import (ACCOUNTS, AMOUNT, OPENING_BALANCE, lost_update,
                                            mover, two_transfers)
from lessons.tools.interleaving import Lock, Scenario, ScheduleError, Shared, schedule_problem
from lessons.tools.interleaving.model import stepping_thread

__all__ = ["check_find_lost_update", "check_find_deadlock", "check_fix_with_lock",
           "check_fix_deadlock", "UnguardedAccess"]

CYCLES = ((("a", "b"), ("b", "c"), ("c", "a")), (("a", "c"), ("c", "b"), ("b", "a")))


def check_find_lost_update(candidate):
    """The schedule proves: every step in it is possible on two incrementers, both finish, and
    the counter ends at 1 — one of the two updates lost."""
    run = yield from _replayed(candidate, lost_update(), "two incrementers")
    if run is not None:
        yield outcome("whether every thread finished", True, run.finished())
        yield outcome("the counter at the end (2 increments: 1 means one was lost)", 1,
                      run.state.counter)


def check_find_deadlock(candidate):
    """The schedule proves: every step in it is possible on transfers a → b and b → a, and the
    run ends with every live thread blocked."""
    run = yield from _replayed(candidate, two_transfers(), "transfers a → b and b → a")
    if run is not None:
        yield outcome("how the run ends", "deadlock: every live thread is blocked",
                      "deadlock: every live thread is blocked" if run.deadlocked()
                      else _describe_end(run))


def _replayed(candidate, scenario, what):
    """Replay the candidate's schedule; the Run, or None after yielding why it can't run."""
    tried = "getting the schedule"
    yield tried
    schedule = candidate() if callable(candidate) else candidate
    problem = schedule_problem(schedule)
    if problem:
        yield outcome(tried, "a list of thread names", problem, passed=False)
        return None
    tried = f"replaying {list(schedule)} on {what}"
    yield tried
    try:
        return scenario.replay(schedule)
    except ScheduleError as error:
        yield outcome(tried, "every step possible", str(error), passed=False)
        return None


def _describe_end(run):
    if run.outcome() == "unfinished":
        return f"{run.ending()} (a deadlock is when no thread can step)"
    return run.ending()


class UnguardedAccess(Exception):
    """A thread touched shared data without holding the lock that guards it."""


def _guard(lock, what, action):
    thread = stepping_thread()
    if thread is not None and lock.owner != thread.name:
        raise UnguardedAccess(f"{action} {what} without holding {lock.name}")


class GuardedCounter(Shared):
    """s.counter and s.lock; reading or writing the counter in a step needs the lock held."""

    def __init__(self, log=None):
        super().__init__(lock=Lock(), _counter=0, _log=log)

    @property
    def counter(self):
        _guard(self.lock, "s.counter", "read")
        if self._log is not None:
            self._log[-1].add("read")
        return self._counter

    @counter.setter
    def counter(self, value):
        _guard(self.lock, "s.counter", "wrote")
        if self._log is not None:
            self._log[-1].add("write")
        self._counter = value

    def __repr__(self):
        return f"counter={self._counter}, lock={self.lock!r}"


class GuardedBalances(dict):
    """The balances; reading or writing one in a step needs that account's lock held."""

    def __init__(self, locks):
        super().__init__(dict.fromkeys(ACCOUNTS, OPENING_BALANCE))
        self._locks = locks

    def __getitem__(self, account):
        _guard(self._locks[account], f"s.balance[{account!r}]", "read")
        return super().__getitem__(account)

    def __setitem__(self, account, value):
        _guard(self._locks[account], f"s.balance[{account!r}]", "wrote")
        super().__setitem__(account, value)


def _counting(program, threads):
    def counts_every_increment(s):
        return s._counter == threads
    counts_every_increment.__doc__ = f"counter == {threads}"
    return Scenario([program] * threads, GuardedCounter, final=counts_every_increment)


def _transfers(program, moves):
    expected = dict.fromkeys(ACCOUNTS, OPENING_BALANCE)
    for source, target in moves:
        expected[source] -= AMOUNT
        expected[target] += AMOUNT

    def balances_add_up(s):
        return dict(s.balance) == expected
    balances_add_up.__doc__ = f"balances == {expected}"

    def bank():
        locks = {name: Lock(name) for name in ACCOUNTS}
        return Shared(balance=GuardedBalances(locks), locks=locks)
    return Scenario([mover(program, *move) for move in moves], bank, final=balances_add_up)


def check_fix_with_lock(program):
    """The incrementer proves: alone, it still reads and writes s.counter in different steps
    (the switch between them kept); run by 2 and by 3 threads, no schedule loses an update,
    deadlocks, or touches s.counter without holding s.lock."""
    yield from trial("one thread alone: which steps read and write s.counter",
                     "the read and the write in different steps (the yield between them kept)",
                     lambda: _steps_alone(program))
    for threads in (2, 3):
        yield from _explored(_counting(program, threads),
                             f"every schedule of {threads} threads running it on one counter")


def _steps_alone(program):
    log = [set()]
    run = Scenario({"A": program}, lambda: GuardedCounter(log)).run()
    while run.runnable():
        log.append(set())
        run.step("A")
    if not run.finished() or run.broken:
        return _describe_end(run)
    if any({"read", "write"} <= step for step in log):
        return ("the read and the write in the same step: keep the `yield` between them, "
                "it stands for a switch you can't prevent")
    if not any("write" in step for step in log):
        return "no write to s.counter"
    return "the read and the write in different steps (the yield between them kept)"


def check_fix_deadlock(program):
    """The transfer proves: alone, a → b moves AMOUNT and finishes; for every pair of accounts,
    transfers both ways at once, and for the two cycles of three accounts, no schedule
    deadlocks, breaks the balances, or touches a balance without holding its account's lock."""
    yield from trial("one transfer a → b alone", "finished, balances right",
                     lambda: _transfer_alone(program))
    for x, y in combinations(ACCOUNTS, 2):
        yield from _explored(_transfers(program, ((x, y), (y, x))),
                             f"every schedule of {x} → {y} and {y} → {x}")
    for cycle in CYCLES:
        yield from _explored(_transfers(program, cycle), "every schedule of "
                             + ", ".join(f"{x} → {y}" for x, y in cycle))


def _transfer_alone(program):
    run = _transfers(program, (("a", "b"),)).run()
    while run.runnable():
        run.step("A")
    return "finished, balances right" if run.outcome() == "ok" else _describe_end(run)


def _explored(scenario, tried):
    yield tried
    try:
        found = scenario.explore()
    except LessonError as error:
        yield outcome(tried, "a program the explorer can run", str(error), passed=False)
        return
    expected = f"{found.schedules:,} schedules: 0 break an invariant, 0 deadlock"
    yield outcome(tried, expected, repr(found).replace("\n", " · "), passed=found.passed)
