"""Wrong answers by exercise id: every exercise needs at least three, each named for its bug."""

from tests.wrong_answers import start_threads, thread_pool

BY_EXERCISE = {
    "collect-results": start_threads.COLLECT_RESULTS,
    "result-thread": start_threads.RESULT_THREAD,
    "wait-without-join": start_threads.WAIT_WITHOUT_JOIN,
    "thread-pool": thread_pool.THREAD_POOL,
}
