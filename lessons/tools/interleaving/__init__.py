"""The interleaving explorer: step the threads of a small model program one switch at a time,
and explore every order.

A *thread program* is a generator function of the shared state. Each ``yield`` marks a point
where the scheduler may switch to another thread; a *step* runs one thread from the ``yield``
where it is paused to its next one (or to its end). A thread starts paused at its first
``yield``: code before it runs when the thread is created, so keep it to local set-up. A
*schedule* is the list of thread names stepped, in order.

Model locks block the stepping thread: ``yield state.lock.acquire()`` pauses the thread in
front of the lock, and its next step first takes the lock, which it can't while another thread
holds it. ``state.lock.release()`` is an ordinary call.

    def incrementer(s):
        yield
        value = s.counter      # read
        yield                  # a switch may happen here
        s.counter = value + 1  # write

    scenario = Scenario({"A": incrementer, "B": incrementer}, lambda: Shared(counter=0),
                        final=counter_is_2)
    scenario.replay(["A", "B", "A", "B"])   # one run, step by step
    scenario.explore()                      # every schedule: how many fail, the shortest one

``explore`` memoises the states it has seen (shared state, each thread's position and local
variables, who holds which lock): two schedules that reach the same state have the same future,
so it is counted once however many schedules lead there. That holds when threads share only
the state object, as every program here does (not globals, not variables of an enclosing
function). When states can't be compared by value, or none repeats, it counts every schedule.

The package, by job: ``model`` (shared state, model locks, snapshots), ``schedule`` (schedules
and errors), ``stepping`` (one run, step by step), ``exploring`` (every schedule),
``scenario`` (what ties them together), ``stepper`` (the stepper; imports ipywidgets, so it is
not imported here).
"""

from lessons.tools.interleaving.exploring import MAX_STATES, Exploration, explore
from lessons.tools.interleaving.model import Lock, RLock, Shared
from lessons.tools.interleaving.scenario import Scenario, replay
from lessons.tools.interleaving.schedule import ScenarioError, ScheduleError, schedule_problem
from lessons.tools.interleaving.stepping import Run, program_source

__all__ = ["Lock", "RLock", "Shared", "Scenario", "Run", "Exploration", "explore", "replay",
           "ScheduleError", "ScenarioError", "schedule_problem", "program_source", "MAX_STATES"]
