"""Wrong answers to lesson 03's exercises, each named for its bug and marked with the behaviour
it must fail."""

from lessons.threads.lock_scenarios import AMOUNT
from tests.checks.wrong_answers.marks import fails

# --- find-lost-update: a schedule of two incrementers (A, B: read, then write) ---------------


@fails("the counter at the end")
def one_after_another():
    return ["A", "A", "B", "B"]


@fails("whether every thread finished")
def stops_before_the_writes():
    return ["A", "B"]


@fails("replaying the schedule")
def names_a_thread_that_does_not_exist():
    return ["A", "C", "A", "B"]


@fails("replaying the schedule")
def steps_a_finished_thread():
    return ["A", "A", "A", "B", "B"]


@fails("replaying the schedule")
def thread_numbers_instead_of_names():
    return [0, 1, 0, 1]


@fails("replaying the schedule")
def lowercase_thread_names():
    return ["a", "b", "a", "b"]


@fails("replaying the schedule")
def forgets_to_return_the_schedule():
    ["A", "B", "A", "B"]  # noqa: B018 - the bug: no return


@fails("whether every thread finished")
def leaves_b_unfinished():
    return ["A", "B", "A"]


FIND_LOST_UPDATE = [one_after_another, stops_before_the_writes,
                    names_a_thread_that_does_not_exist, steps_a_finished_thread,
                    thread_numbers_instead_of_names, lowercase_thread_names,
                    forgets_to_return_the_schedule, leaves_b_unfinished]


# --- fix-with-lock: an incrementer that takes s.lock -----------------------------------------

@fails("every schedule of 2 threads")
def incrementer_without_the_lock(s):
    yield
    value = s.counter
    yield
    s.counter = value + 1


@fails("every schedule of 2 threads")
def incrementer_locking_after_the_read(s):
    yield
    value = s.counter
    yield s.lock.acquire()
    s.counter = value + 1
    s.lock.release()


@fails("every schedule of 2 threads")
def incrementer_never_releasing(s):
    yield s.lock.acquire()
    value = s.counter
    yield
    s.counter = value + 1


@fails("one thread alone")
def incrementer_without_the_switch_point(s):
    yield s.lock.acquire()
    s.counter = s.counter + 1
    s.lock.release()


@fails("one thread alone")
def incrementer_acquiring_without_yield(s):
    yield
    s.lock.acquire()
    value = s.counter
    yield
    s.counter = value + 1
    s.lock.release()


@fails("every schedule of 2 threads")
def incrementer_releasing_before_the_write(s):
    yield s.lock.acquire()
    value = s.counter
    yield
    s.lock.release()  # in the same step as the write: another thread may run in between
    s.counter = value + 1


@fails("one thread alone")
def incrementer_releasing_twice(s):
    yield s.lock.acquire()
    value = s.counter
    yield
    s.counter = value + 1
    s.lock.release()
    s.lock.release()


FIX_WITH_LOCK = [incrementer_without_the_lock, incrementer_locking_after_the_read,
                 incrementer_never_releasing, incrementer_without_the_switch_point,
                 incrementer_acquiring_without_yield, incrementer_releasing_before_the_write,
                 incrementer_releasing_twice]


# --- find-deadlock: a schedule of transfers a → b (A) and b → a (B) ---------------------------

@fails("how the run ends")
def one_transfer_after_the_other():
    return ["A", "A", "A", "B", "B", "B"]


@fails("how the run ends")
def stops_after_one_lock():
    return ["A"]


@fails("replaying the schedule")
def steps_a_blocked_thread():
    return ["A", "B", "A"]


@fails("replaying the schedule")
def a_single_name_not_a_list():
    return "AB"


@fails("how the run ends")
def one_thread_takes_both_locks():
    return ["A", "A"]


@fails("replaying the schedule")
def names_the_accounts_not_the_threads():
    return ["X", "Y"]


@fails("replaying the schedule")
def forgets_to_return_the_deadlock():
    ["A", "B"]  # noqa: B018 - the bug: no return


FIND_DEADLOCK = [one_transfer_after_the_other, stops_after_one_lock, steps_a_blocked_thread,
                 a_single_name_not_a_list, one_thread_takes_both_locks,
                 names_the_accounts_not_the_threads, forgets_to_return_the_deadlock]


# --- fix-deadlock: transfer(s, source, target) that cannot deadlock ---------------------------

def _locked_move(s, first, second, source, target):
    """A transfer holding `first`, then `second`; right whenever the order is one order."""
    yield s.locks[first].acquire()
    yield s.locks[second].acquire()
    from_balance, to_balance = s.balance[source], s.balance[target]
    yield
    s.balance[source] = from_balance - AMOUNT
    s.balance[target] = to_balance + AMOUNT
    s.locks[second].release()
    s.locks[first].release()


@fails("every schedule of a → b and b → a")
def transfer_in_argument_order(s, source, target):
    yield from _locked_move(s, source, target, source, target)


@fails("one transfer a → b alone")
def transfer_without_locks(s, source, target):
    yield
    from_balance, to_balance = s.balance[source], s.balance[target]
    yield
    s.balance[source] = from_balance - AMOUNT
    s.balance[target] = to_balance + AMOUNT


@fails("one transfer a → b alone")
def transfer_locking_only_the_source(s, source, target):
    yield s.locks[source].acquire()
    from_balance, to_balance = s.balance[source], s.balance[target]
    yield
    s.balance[source] = from_balance - AMOUNT
    s.balance[target] = to_balance + AMOUNT
    s.locks[source].release()


@fails("one transfer a → b alone")
def transfer_releasing_the_first_lock_early(s, source, target):
    first, second = sorted((source, target))
    yield s.locks[first].acquire()
    s.locks[first].release()
    yield s.locks[second].acquire()
    from_balance, to_balance = s.balance[source], s.balance[target]
    yield
    s.balance[source] = from_balance - AMOUNT
    s.balance[target] = to_balance + AMOUNT
    s.locks[second].release()


@fails("one transfer a → b alone")
def transfer_without_the_switch_point(s, source, target):
    yield
    s.balance[source] -= AMOUNT
    s.balance[target] += AMOUNT


@fails("every schedule of a → c and c → a")
def transfer_ordered_only_for_a_and_b(s, source, target):
    first, second = (target, source) if (source, target) == ("b", "a") else (source, target)
    yield from _locked_move(s, first, second, source, target)


@fails("every schedule of a → b and b → a")
def transfer_writing_after_the_release(s, source, target):
    first, second = sorted((source, target))
    yield s.locks[first].acquire()
    yield s.locks[second].acquire()
    from_balance, to_balance = s.balance[source], s.balance[target]
    yield
    s.balance[source] = from_balance - AMOUNT
    s.locks[second].release()
    s.locks[first].release()
    s.balance[target] = to_balance + AMOUNT  # after the release, in the same step


FIX_DEADLOCK = [transfer_in_argument_order, transfer_without_locks,
                transfer_locking_only_the_source, transfer_releasing_the_first_lock_early,
                transfer_without_the_switch_point, transfer_ordered_only_for_a_and_b,
                transfer_writing_after_the_release]
