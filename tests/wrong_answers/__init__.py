"""Wrong answers by exercise id: every exercise needs at least three, each named for its bug."""

from tests.wrong_answers import start_threads, wait_for_threads

BY_EXERCISE = {
    "collect-results": start_threads.COLLECT_RESULTS,
    "result-thread": start_threads.RESULT_THREAD,
    "wait-without-join": start_threads.WAIT_WITHOUT_JOIN,
    "joinable-thread": wait_for_threads.JOINABLE_THREAD,
}
