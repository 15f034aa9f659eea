"""Checkers, one per lesson, named after its notebook (``start_threads`` for
``01_start_threads``); a lesson with several exercises may be a package with one module per
exercise. Each checker is a generator (see ``lessons.course.checking``) whose docstring says
which behaviours it proves.

What they share is the kit, ``kit``: reuse before you write.
"""

__all__ = ["build_a_thread_pool", "condition", "event_semaphore_barrier", "kit",
           "measure_io_and_cpu", "races_and_locks", "share_between_processes", "start_processes",
           "start_threads", "use_process_pools", "wait_for_threads"]
