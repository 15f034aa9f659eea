"""Checkers, one per lesson, named after its notebook (``start_threads`` for
``01_start_threads``); a lesson with several exercises may be a package with one module per
exercise. Each checker is a generator (see ``lessons.course.checking``) whose docstring says
which behaviours it proves.

What they share: ``probes`` (tasks handed to a candidate), ``watch`` (seeing a call block, end
or spin, without sleeps) and ``forcing`` (thread switches forced, not hoped for).
"""

__all__ = ["build_a_thread_pool", "condition", "event_semaphore_barrier", "forcing", "probes",
           "races_and_locks", "start_threads", "wait_for_threads", "watch"]
