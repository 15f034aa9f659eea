"""Small scenarios with known answers: for the explorer's and the widget's tests, and for
``benchmarks/explore_figures.py``, which times explore on the sizes the course promises.

t threads of s steps each have (t·s)! / (s!)^t schedules: 924 for 2 × 6, 34,650 for 3 × 4.
"""

import math

from lessons.tools.interleaving.model import Shared
from lessons.tools.interleaving.scenario import Scenario

__all__ = ["schedules_of", "counting", "logging", "scenarios", "two_visitors"]


def schedules_of(threads, steps):
    """How many schedules `threads` threads of `steps` steps each have."""
    return math.factorial(threads * steps) // math.factorial(steps) ** threads


def counting(steps):
    """A thread program of `steps` steps that increments a shared counter steps/2 times:
    many schedules reach the same state, which explore counts once."""
    def program(s):
        for _ in range(steps // 2):
            yield
            value = s.counter
            yield
            s.counter = value + 1
    return program


def logging(name, steps):
    """A thread program of `steps` steps that appends to a shared log: every schedule reaches
    a state of its own, the worst case, where remembering states saves nothing."""
    def program(s):
        for step in range(steps):
            yield
            s.log.append((name, step))
    return program


def scenarios(threads, steps):
    """("shared counter", scenario) and ("shared log", scenario) of that size."""
    names = "ABC"[:threads]
    yield "shared counter", Scenario([counting(steps)] * threads, lambda: Shared(counter=0))
    yield "shared log", Scenario({n: logging(n, steps) for n in names}, lambda: Shared(log=[]))


def at_most_one_inside(s):
    """at most one thread inside"""
    return s.inside <= 1


def visitor(s):
    yield
    s.inside += 1
    yield
    s.inside -= 1


def two_visitors():
    """Two threads that enter and leave a room no lock guards; the invariant: one at a time.
    6 schedules, 4 of which break it; the shortest is ['A', 'B']."""
    return Scenario([visitor, visitor], lambda: Shared(inside=0), invariant=at_most_one_inside)
