"""Checkers for lesson 03, Find races, fix them with locks. All four run model programs in the
interleaving explorer, so they judge every schedule, not the few a real run happens to take.

The explorer runs a step (from one ``yield`` to the next) as one piece, so a step that releases
a lock and then writes would hide its race there. The checkers' shared state sees it: every read
and write of the counter, and of each balance, must happen with its lock held — a step that
touches them after the release raises, and the schedule counts as broken.
"""

from itertools import combinations

from lessons.course.checking import CannotTry, behaviours
from lessons.course.errors import LessonError
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
    replay = _Replay(candidate, lost_update)
    yield from behaviours(
        ("replaying the schedule on two incrementers", "a list of thread names, every step "
         "possible", replay.problem, _passed),
        ("whether every thread finished", True, lambda: replay.run().finished()),
        ("the counter at the end (2 increments: 1 means one was lost)", 1,
         lambda: replay.run().state.counter),
    )


def check_find_deadlock(candidate):
    """The schedule proves: every step in it is possible on transfers a → b and b → a, and the
    run ends with every live thread blocked."""
    replay = _Replay(candidate, two_transfers)
    yield from behaviours(
        ("replaying the schedule on transfers a → b and b → a", "a list of thread names, every "
         "step possible", replay.problem, _passed),
        ("how the run ends", DEADLOCK, lambda: _how_it_ends(replay.run())),
    )


DEADLOCK = "deadlock: every live thread is blocked"


class _Replay:
    """The candidate's schedule replayed once, on a fresh scenario; the later behaviours look
    at its run, and cannot be tried when it could not be replayed."""

    def __init__(self, candidate, scenario):
        self.candidate, self.scenario = candidate, scenario
        self.done, self.result = False, None

    def problem(self):
        """The schedule, replayed; or why it could not be."""
        self.done = True
        schedule = self.candidate() if callable(self.candidate) else self.candidate
        problem = schedule_problem(schedule)
        if problem:
            return _Seen(problem, False)
        try:
            self.result = self.scenario().replay(schedule)
        except ScheduleError as error:
            return _Seen(f"{list(schedule)}: {error}", False)
        return _Seen(f"{list(schedule)}: every step possible", True)

    def run(self):
        if not self.done:
            self.problem()
        if self.result is None:
            raise CannotTry("the schedule could not be replayed (see above)")
        return self.result


def _how_it_ends(run):
    return DEADLOCK if run.deadlocked() else _describe_end(run)


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
    yield from behaviours(
        ("one thread alone: which steps read and write s.counter",
         "the read and the write in different steps (the yield between them kept)",
         lambda: _steps_alone(program)),
        *[_explored(lambda threads=threads: _counting(program, threads),
                    f"every schedule of {threads} threads running it on one counter")
          for threads in (2, 3)],
    )


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
    pairs = [((x, y), (y, x)) for x, y in combinations(ACCOUNTS, 2)]
    yield from behaviours(
        ("one transfer a → b alone", "finished, balances right",
         lambda: _transfer_alone(program)),
        *[_explored(lambda moves=moves: _transfers(program, moves), "every schedule of "
                    + (" and " if len(moves) == 2 else ", ").join(f"{x} → {y}" for x, y in moves))
          for moves in pairs + list(CYCLES)],
    )


def _transfer_alone(program):
    run = _transfers(program, (("a", "b"),)).run()
    while run.runnable():
        run.step("A")
    return "finished, balances right" if run.outcome() == "ok" else _describe_end(run)


EXPLORED = "every schedule finishes: none breaks an invariant, none deadlocks"


def _explored(scenario, tried):
    """The step exploring every schedule of `scenario()`: passed when none goes wrong."""
    return (tried, EXPLORED, lambda: _exploring(scenario()), _passed)


def _exploring(scenario):
    try:
        found = scenario.explore()
    except LessonError as error:
        return _Seen(f"{error} (expected a program the explorer can run)", False)
    return _Seen(repr(found).replace("\n", " · "), found.passed)


class _Seen:
    """What a step saw, shown as `text`, and whether that passes (not a plain comparison)."""

    def __init__(self, text, passed):
        self.text, self.passed = text, passed

    def __repr__(self):
        return self.text


def _passed(seen):
    return seen.passed
