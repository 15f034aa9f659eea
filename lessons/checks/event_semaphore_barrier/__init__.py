"""Checkers for lesson 05, Signal with an Event, limit with a Semaphore, meet at a Barrier:
one module per primitive, each proving the standard library class's documented behaviour."""

from lessons.checks.event_semaphore_barrier.barrier import check_barrier
from lessons.checks.event_semaphore_barrier.event import check_event
from lessons.checks.event_semaphore_barrier.semaphore import check_bounded_semaphore, check_semaphore

__all__ = ["check_barrier", "check_bounded_semaphore", "check_event", "check_semaphore"]
