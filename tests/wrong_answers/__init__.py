"""Wrong answers by exercise id: every exercise needs at least three, each named for its bug."""

from tests.wrong_answers import condition, signals, start_threads

BY_EXERCISE = {
    "collect-results": start_threads.COLLECT_RESULTS,
    "result-thread": start_threads.RESULT_THREAD,
    "wait-without-join": start_threads.WAIT_WITHOUT_JOIN,
    "bounded-queue": condition.BOUNDED_QUEUE,
    "event": signals.EVENT,
    "semaphore": signals.SEMAPHORE,
    "bounded-semaphore": signals.BOUNDED_SEMAPHORE,
    "barrier": signals.BARRIER,
}
