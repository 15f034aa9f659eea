"""A scenario: thread programs, how to make their shared state, and what must hold."""

from lessons.tools.interleaving.exploring import MAX_STATES, explore
from lessons.tools.interleaving.schedule import ScenarioError, ScheduleError, schedule_problem, thread_names
from lessons.tools.interleaving.stepping import Run

__all__ = ["Scenario", "replay"]


class Scenario:
    """Thread programs, how to make their shared state, and what must hold.

    threads:   {name: program}, or a list of programs (named "A", "B", ...)
    state:     a function returning a fresh shared state (a Shared), called once per run
    invariant: state -> bool, must hold after every step
    final:     state -> bool, must hold once every thread has finished
    """

    def __init__(self, threads, state, invariant=None, final=None):
        if not isinstance(threads, dict):
            threads = dict(zip(thread_names(), threads))
        if not threads:
            raise ScenarioError("a scenario needs at least one thread")
        self.threads = dict(threads)
        self.state = state
        self.invariant = invariant
        self.final = final

    def run(self, record=True):
        """A fresh run, no step taken."""
        return Run(self, record)

    def replay(self, schedule, record=True):
        """Run `schedule` (thread names in order); ScheduleError if a step is impossible."""
        problem = schedule_problem(schedule)
        if problem:
            raise ScheduleError(problem)
        run = self.run(record)
        for name in schedule:
            run.step(name)
        return run

    def explore(self, max_states=MAX_STATES):
        """Every schedule, counted (see lessons.tools.interleaving.exploring.explore)."""
        return explore(self, max_states)


def replay(scenario, schedule):
    """One run of `scenario` following `schedule` (see Scenario.replay)."""
    return scenario.replay(schedule)
