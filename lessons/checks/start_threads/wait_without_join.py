"""Checker for `wait-without-join`: wait for _thread threads with a lock, not with join."""

import threading

from lessons.checks.kit.forcing import Lockstep
from lessons.checks.kit.probes import Gate, kind_of_current_thread, meeting, raiser
from lessons.checks.kit.watch import GRACE, SLEEPS, Call, how_it_waits, wait_until
from lessons.course.checking import behaviours

__all__ = ["check_wait_without_join"]

STAGGER, STAGGERED_TIMEOUT = 0.25, 0.6  # 4 tasks end STAGGER s apart; the whole wait times out


def check_wait_without_join(wait_all):
    """wait_all(tasks, timeout=None) proves, by behaviour:

    * each task runs in a thread started with _thread, all of them at once;
    * it returns True only once every task has finished — a task that raises counts as
      finished — and wait_all([]) is True at once;
    * `timeout` bounds the whole wait, not each task's: False when it passes first;
      ``timeout=0`` does not wait, and no timeout waits as long as it takes (as for
      ``Lock.acquire``);
    * the count of tasks still running stays right when the task threads switch at every
      bytecode of the bookkeeping after a task (the switches are forced, not hoped for);
    * the caller waits asleep on a lock: it does not spin while the tasks run.
    """
    yield from behaviours(
        ("wait_all with 2 tasks that each report what kind of thread runs them",
         ["a _thread thread"] * 2, lambda: _kinds(wait_all)),
        ("wait_all with 3 tasks that only succeed if all 3 run at the same time",
         ["met"] * 3, lambda: _met(wait_all)),
        ("wait_all with a task that ends at once and 2 that run until released, "
         "one after the other: when it returns", "returned True once every task "
         "had ended", lambda: _finished(wait_all)),
        ("wait_all with a task that raises ValueError and 2 that run until "
         "released, one after the other: when it returns", "returned True once "
         "every task had ended", lambda: _finished(wait_all, raising=True)),
        (f"wait_all with 4 tasks ending {STAGGER} s apart, "
         f"timeout={STAGGERED_TIMEOUT} (less than the whole, more than each gap)",
         "returned False after its timeout", lambda: _staggered(wait_all)),
        ("wait_all([task that runs until released], timeout=0)",
         "returned False", lambda: _zero_timeout(wait_all)),
        ("wait_all([task that runs until released]) with no timeout: released "
         "after 1 s", "still waiting after 1 s; then returned True",
         lambda: _no_timeout(wait_all)),
        ("wait_all with 4 tasks whose threads switch at every bytecode once the "
         "task returns", "returned True", lambda: _lockstep(wait_all)),
        ("processor time the caller uses while wait_all waits for a task",
         SLEEPS.format("waiter"),
         lambda: _sleeps(wait_all)),
        ("wait_all([])", True, lambda: wait_all([])),
    )


def _kinds(wait_all):
    caller, kinds = threading.get_ident(), []
    wait_all([lambda: kinds.append(kind_of_current_thread(caller))] * 2)
    return sorted(kinds)


def _met(wait_all):
    results = []
    wait_all([lambda task=task: results.append(task()) for task in meeting(3)])
    return sorted(results)


def _finished(wait_all, raising=False):
    first = raiser(ValueError("raised on purpose by the check")) if raising else (lambda: None)
    first_ran, gates = threading.Event(), [Gate(limit=5.0) for _ in range(2)]

    def first_task():
        try:
            first()
        finally:
            first_ran.set()
    call = Call(wait_all, [first_task] + [gate.task() for gate in gates])
    # A call that already ended (it raised) starts no task: don't wait for one.
    wait_until(lambda: first_ran.is_set() or call.ended.is_set(), GRACE)
    for gate in gates:
        wait_until(lambda: gate.entered or call.ended.is_set(), 1)
        # It must not return while a task still runs: look once it sits waiting.
        if call.once_blocked().ended.is_set():
            gate.open()
            return f"{call.outcome()} while a task still ran"
        gate.open()
    return f"{call.outcome()} once every task had ended"


def _staggered(wait_all):
    gates = [Gate(limit=5.0) for _ in range(4)]
    call = Call(wait_all, [gate.task() for gate in gates], timeout=STAGGERED_TIMEOUT)
    # Every task has begun, so the caller's wait begins now: the stagger is timed from here.
    wait_until(lambda: all(gate.entered for gate in gates) or call.ended.is_set(), GRACE)
    for gate in gates:  # each task ends STAGGER s after the one before
        if call.ended.wait(STAGGER):
            break
        gate.open()
    ended = call.timed_out(STAGGERED_TIMEOUT)
    for gate in gates:
        gate.open()
    return ended


def _zero_timeout(wait_all):
    gate = Gate(limit=5.0)
    call = Call(wait_all, [gate.task()], timeout=0)
    ended = call.outcome()
    gate.open()
    call.finish()
    return ended


def _no_timeout(wait_all):
    gate = Gate(limit=5.0)
    call = Call(wait_all, [gate.task()])
    early = "still waiting after 1 s" if not call.ended.wait(1.0) else f"{call.outcome()} at once"
    gate.open()
    return f"{early}; then {call.outcome()}"


def _lockstep(wait_all):
    lockstep = Lockstep(4)

    def task():
        lockstep.enter(frames_up=1)  # interleave the candidate's code that runs after the task
    call = Call(wait_all, [task] * 4)
    return call.outcome()


def _sleeps(wait_all):
    gate = Gate(limit=30.0)
    call = Call(wait_all, [gate.task()])
    if not gate.wait_entered(1):
        gate.open()
        return f"the task never ran; wait_all {call.outcome()}"
    return how_it_waits(call, gate.open, "waiter")
