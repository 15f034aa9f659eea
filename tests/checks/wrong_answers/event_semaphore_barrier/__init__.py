"""Wrong answers to lesson 05's checkers, a module per checker module of
``lessons/checks/event_semaphore_barrier/``; the lists by exercise are re-exported here."""

from tests.checks.wrong_answers.event_semaphore_barrier.barrier import BARRIER
from tests.checks.wrong_answers.event_semaphore_barrier.event import EVENT
from tests.checks.wrong_answers.event_semaphore_barrier.semaphore import (BOUNDED_SEMAPHORE,
                                                                          SEMAPHORE)

__all__ = ["BARRIER", "BOUNDED_SEMAPHORE", "EVENT", "SEMAPHORE"]
