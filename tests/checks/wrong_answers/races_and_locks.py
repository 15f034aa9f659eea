"""Wrong answers to lesson 03's exercises, each named for its bug. Every one must fail check()."""

from lessons.threads.lock_scenarios import AMOUNT


# --- find-lost-update: a schedule of two incrementers (A, B: read, then write) ---------------

def one_after_another():
    return ["A", "A", "B", "B"]


def stops_before_the_writes():
    return ["A", "B"]


def names_a_thread_that_does_not_exist():
    return ["A", "C", "A", "B"]


def steps_a_finished_thread():
    return ["A", "A", "A", "B", "B"]


def thread_numbers_instead_of_names():
    return [0, 1, 0, 1]


FIND_LOST_UPDATE = [one_after_another, stops_before_the_writes,
                    names_a_thread_that_does_not_exist, steps_a_finished_thread,
                    thread_numbers_instead_of_names]


# --- fix-with-lock: an incrementer that takes s.lock -----------------------------------------

def incrementer_without_the_lock(s):
    yield
    value = s.counter
    yield
    s.counter = value + 1


def incrementer_locking_after_the_read(s):
    yield
    value = s.counter
    yield s.lock.acquire()
    s.counter = value + 1
    s.lock.release()


def incrementer_never_releasing(s):
    yield s.lock.acquire()
    value = s.counter
    yield
    s.counter = value + 1


def incrementer_without_the_switch_point(s):
    yield
    s.counter = s.counter + 1


def incrementer_acquiring_without_yield(s):
    yield
    s.lock.acquire()
    value = s.counter
    yield
    s.counter = value + 1
    s.lock.release()


FIX_WITH_LOCK = [incrementer_without_the_lock, incrementer_locking_after_the_read,
                 incrementer_never_releasing, incrementer_without_the_switch_point,
                 incrementer_acquiring_without_yield]


# --- find-deadlock: a schedule of transfers a → b (A) and b → a (B) ---------------------------

def one_transfer_after_the_other():
    return ["A", "A", "A", "B", "B", "B"]


def stops_after_one_lock():
    return ["A"]


def steps_a_blocked_thread():
    return ["A", "B", "A"]


def a_single_name_not_a_list():
    return "AB"


FIND_DEADLOCK = [one_transfer_after_the_other, stops_after_one_lock, steps_a_blocked_thread,
                 a_single_name_not_a_list]


# --- fix-deadlock: transfer(s, source, target) that cannot deadlock ---------------------------

def transfer_in_argument_order(s, source, target):
    yield s.locks[source].acquire()
    yield s.locks[target].acquire()
    from_balance, to_balance = s.balance[source], s.balance[target]
    yield
    s.balance[source] = from_balance - AMOUNT
    s.balance[target] = to_balance + AMOUNT
    s.locks[target].release()
    s.locks[source].release()


def transfer_without_locks(s, source, target):
    yield
    from_balance, to_balance = s.balance[source], s.balance[target]
    yield
    s.balance[source] = from_balance - AMOUNT
    s.balance[target] = to_balance + AMOUNT


def transfer_locking_only_the_source(s, source, target):
    yield s.locks[source].acquire()
    from_balance, to_balance = s.balance[source], s.balance[target]
    yield
    s.balance[source] = from_balance - AMOUNT
    s.balance[target] = to_balance + AMOUNT
    s.locks[source].release()


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


def transfer_without_the_switch_point(s, source, target):
    yield
    s.balance[source] -= AMOUNT
    s.balance[target] += AMOUNT


FIX_DEADLOCK = [transfer_in_argument_order, transfer_without_locks,
                transfer_locking_only_the_source, transfer_releasing_the_first_lock_early,
                transfer_without_the_switch_point]
