"""Checkers for lesson 03, Find races, fix them with locks. All four run model programs in the
interleaving explorer, so they judge every schedule, not the few a real run happens to take."""

from lessons.course.errors import LessonError
from lessons.tools.interleaving import Lock, Scenario, ScheduleError, Shared, schedule_problem
from lessons.threads.lock_scenarios import counter_scenario, lost_update, transfer_scenario, two_transfers
from lessons.course.report import outcome

CYCLE = (("a", "b"), ("b", "c"), ("c", "a"))


def check_find_lost_update(candidate):
    run = yield from replayed(candidate, lost_update(), "two incrementers")
    if run is None:
        return
    yield outcome("whether every thread finished", True, run.finished())
    yield outcome("the counter at the end (2 increments: 1 means one was lost)", 1,
                  run.state.counter)


def check_find_deadlock(candidate):
    run = yield from replayed(candidate, two_transfers(), "transfers a → b and b → a")
    if run is None:
        return
    yield outcome("how the run ends", "deadlock: every live thread is blocked",
                  "deadlock: every live thread is blocked" if run.deadlocked()
                  else describe_end(run))


def replayed(candidate, scenario, what):
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
        run = scenario.replay(schedule)
    except ScheduleError as error:
        yield outcome(tried, "every step possible", str(error), passed=False)
        return None
    yield outcome(tried, "every step possible", "every step possible")
    return run


def describe_end(run):
    if run.outcome() == "unfinished":
        return f"{run.ending()} (a deadlock is when no thread can step)"
    return run.ending()


class WatchedCounter(Shared):
    """A counter that notes each read and write, to see which step does what."""

    def __init__(self):
        super().__init__(lock=Lock())
        self._value = 0
        self.accesses = []

    @property
    def counter(self):
        self.accesses.append("read")
        return self._value

    @counter.setter
    def counter(self, value):
        self.accesses.append("write")
        self._value = value


def check_fix_with_lock(program):
    tried = "one thread alone: which steps read and write s.counter"
    yield tried
    run = yield from started(Scenario({"A": program}, WatchedCounter), tried)
    if run is None:
        return
    steps = []
    while run.runnable():
        before = len(run.state.accesses)
        run.step("A")
        steps.append(set(run.state.accesses[before:]))
    together = any({"read", "write"} <= step for step in steps)
    yield outcome(tried, "the read and the write in different steps (the yield between them kept)",
                  "the read and the write in the same step: keep the `yield` between them, "
                  "it stands for a switch you can't prevent" if together else
                  "the read and the write in different steps (the yield between them kept)"
                  if steps and run.finished() else describe_end(run))
    for threads in (2, 3):
        yield from explored(counter_scenario(program, threads),
                            f"every schedule of {threads} threads running it on one counter")


def check_fix_deadlock(program):
    tried = ("one transfer a → b alone: its steps (two acquires and the switch between read "
             "and write make 3)")
    yield tried
    run = yield from started(transfer_scenario(program, (("a", "b"),)), tried)
    if run is None:
        return
    while run.runnable():
        run.step("A")
    yield outcome(tried, "3 step(s), balances right", f"{run.threads['A'].steps} step(s), "
                  + ("balances right" if run.finished() and not run.broken else describe_end(run)),
                  passed=run.threads["A"].steps == 3 and run.finished() and not run.broken)
    yield from explored(transfer_scenario(program), "every schedule of a → b and b → a")
    yield from explored(transfer_scenario(program, CYCLE),
                        "every schedule of a → b, b → c and c → a")


def started(scenario, tried):
    """A fresh run of `scenario`, or None after yielding why the program can't start."""
    try:
        return scenario.run()
    except LessonError as error:
        yield outcome(tried, "a thread program", str(error), passed=False)
        return None


def explored(scenario, tried):
    yield tried
    try:
        found = scenario.explore()
    except LessonError as error:
        yield outcome(tried, "a program the explorer can run", str(error), passed=False)
        return
    expected = f"{found.schedules:,} schedules: 0 break an invariant, 0 deadlock"
    yield outcome(tried, expected, repr(found).replace("\n", " · "), passed=found.passed)
