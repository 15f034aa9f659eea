"""Checkers, one module per lesson, named after its notebook (``start_threads`` for
``01_start_threads``). Each checker is a generator (see ``lessons.course.checking``); the
tasks and watchers they hand to a candidate are in ``probes``; ``process_probes`` runs a
candidate under each start method and reaps what it leaves behind.
"""

__all__ = ["build_a_thread_pool", "condition", "event_semaphore_barrier", "probes",
           "process_probes", "races_and_locks", "share_between_processes", "start_processes",
           "start_threads", "wait_for_threads"]
