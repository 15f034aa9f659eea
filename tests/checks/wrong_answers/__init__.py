"""Wrong answers by exercise id: every exercise needs at least six, each named for its bug and
marked (``marks.fails``) with the behaviour it must fail."""

from tests.checks.wrong_answers import (build_a_thread_pool, condition, event_semaphore_barrier,
                                        go_beyond_one_machine, measure_io_and_cpu,
                                        races_and_locks, share_between_processes,
                                        start_processes, start_threads, use_process_pools,
                                        wait_for_threads)

__all__ = ["BY_EXERCISE"]

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
    "event": event_semaphore_barrier.EVENT,
    "semaphore": event_semaphore_barrier.SEMAPHORE,
    "bounded-semaphore": event_semaphore_barrier.BOUNDED_SEMAPHORE,
    "barrier": event_semaphore_barrier.BARRIER,
    "thread-pool": build_a_thread_pool.THREAD_POOL,
    "run-in-process": start_processes.RUN_IN_PROCESS,
    "process-pipeline": share_between_processes.PROCESS_PIPELINE,
    "shared-sum": share_between_processes.SHARED_SUM,
    "process-pool": use_process_pools.PROCESS_POOL,
    "speedup-and-efficiency": measure_io_and_cpu.SPEEDUP_AND_EFFICIENCY,
    "amdahl-fit": measure_io_and_cpu.AMDAHL_FIT,
    "word-count": go_beyond_one_machine.WORD_COUNT,
}
