"""Explore every schedule of a scenario: count those that fail, find a shortest failing one."""

from dataclasses import dataclass

from lessons.tools.interleaving.model import Unfreezable
from lessons.tools.interleaving.schedule import ScenarioError

__all__ = ["Exploration", "explore", "MAX_STATES"]

MAX_STATES = 200_000


@dataclass(frozen=True)
class Exploration:
    """What explore found: counts of schedules, and the shortest that fails."""

    schedules: int
    broken: int  # schedules in which an invariant breaks (or a thread raises)
    deadlocks: int  # schedules that end with every live thread blocked
    failing: int  # schedules that break or deadlock
    states: int  # distinct states visited
    shortest: tuple | None  # a shortest failing schedule (None if none fails)
    problem: str | None  # what goes wrong at its end

    @property
    def passed(self):
        return self.failing == 0

    def __repr__(self):
        text = (f"{self.schedules:,} schedules: {self.broken:,} break an invariant, "
                f"{self.deadlocks:,} deadlock")
        if self.shortest is not None:
            text += f"\nshortest failing schedule: {list(self.shortest)}\n  {self.problem}"
        return text


@dataclass(frozen=True)
class _Future:
    """Counts for the schedules that continue from one state."""

    schedules: int
    broken: int
    deadlocks: int
    failing: int
    shortest: tuple | None
    problem: str | None


def explore(scenario, max_states=MAX_STATES):
    """Every schedule of `scenario`, counted: how many break an invariant, deadlock, and a
    shortest failing one. Stops with ScenarioError past `max_states` distinct states.

    States already seen are remembered (see the package docstring): two schedules that reach
    the same state have the same future, so it is computed once.
    """
    scenario.run()  # checks the set-up once, with the messages a person needs
    explorer = _Explorer(scenario, max_states)
    future = explorer.visit(scenario.run(False), ())
    return Exploration(future.schedules, future.broken, future.deadlocks, future.failing,
                       explorer.distinct_states(), future.shortest, future.problem)


class _Explorer:
    """A depth-first walk over every schedule, remembering the future of each state seen."""

    def __init__(self, scenario, max_states):
        self.scenario = scenario
        self.max_states = max_states
        self.memo = {}
        self.visits = 0
        self.hits = 0  # visits answered from memory
        self.memoise = True

    def distinct_states(self):
        return self.visits - self.hits

    def key_of(self, run):
        if not self.memoise:
            return None
        if self.visits > 5000 and self.hits * 100 < self.visits:
            # Almost no state is reached twice (threads that keep a history, say):
            # remembering states costs more than it saves.
            self.memoise = False
            return None
        try:
            return run.key()
        except Unfreezable:
            self.memoise = False  # a value we can't compare: count every schedule instead
            return None

    def visit(self, run, prefix):
        self.visits += 1
        key = self.key_of(run)
        if key is not None and key in self.memo:
            self.hits += 1
            return self.memo[key]
        if self.distinct_states() > self.max_states:
            raise ScenarioError(f"explore stopped after {self.max_states:,} distinct states: "
                                "make the threads shorter, or pass a larger max_states")
        future = self.future_of(run, prefix)
        if key is not None:
            self.memo[key] = future
        return future

    def future_of(self, run, prefix):
        here = run.problem_now()
        runnable = run.runnable()
        if not runnable:
            deadlock = not run.finished()
            problem = here or (run.deadlock_message() if deadlock else None)
            return _Future(1, int(bool(here)), int(deadlock), int(bool(problem)),
                           () if problem else None, problem)
        children = []
        for index, name in enumerate(runnable):
            # The last child continues this run; the others replay the prefix afresh.
            last = index == len(runnable) - 1
            child = run if last else self.scenario.replay(prefix, False)
            children.append((name, self.visit(child.step(name), prefix + (name,))))
        return combine(children, here)


def combine(children, here):
    """The future of a state from its children's futures (`here`: a problem in the state)."""
    total = sum(f.schedules for _, f in children)
    if here:
        return _Future(total, total, sum(f.deadlocks for _, f in children), total, (), here)
    shortest, problem = None, None
    for name, f in children:  # thread order: the first of equal length wins
        if f.shortest is not None and (shortest is None or len(f.shortest) + 1 < len(shortest)):
            shortest, problem = (name,) + f.shortest, f.problem
    return _Future(total, sum(f.broken for _, f in children),
                   sum(f.deadlocks for _, f in children),
                   sum(f.failing for _, f in children), shortest, problem)
