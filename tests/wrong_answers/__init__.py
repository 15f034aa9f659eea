"""Wrong answers by exercise id: every exercise needs at least three, each named for its bug."""

from tests.wrong_answers import (condition, races_and_locks, signals, start_threads,
                                 thread_pool, wait_for_threads)

BY_EXERCISE = {
    "collect-results": start_threads.COLLECT_RESULTS,
    "result-thread": start_threads.RESULT_THREAD,
    "wait-without-join": start_threads.WAIT_WITHOUT_JOIN,
    "joinable-thread": wait_for_threads.JOINABLE_THREAD,
    "find-lost-update": races_and_locks.FIND_LOST_UPDATE,
    "fix-with-lock": races_and_locks.FIX_WITH_LOCK,
    "find-deadlock": races_and_locks.FIND_DEADLOCK,
    "fix-deadlock": races_and_locks.FIX_DEADLOCK,
    "bounded-queue": condition.BOUNDED_QUEUE,
    "event": signals.EVENT,
    "semaphore": signals.SEMAPHORE,
    "bounded-semaphore": signals.BOUNDED_SEMAPHORE,
    "barrier": signals.BARRIER,
    "thread-pool": thread_pool.THREAD_POOL,
}
