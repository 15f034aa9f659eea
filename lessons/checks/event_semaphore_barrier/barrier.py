"""Checker for `barrier`: a Barrier built from a Condition and rounds of arrivals."""

from lessons.checks.kit.watch import Call, blocked_calls, outcomes
from lessons.course.checking import behaviours

__all__ = ["check_barrier"]

BROKEN = "raised threading.BrokenBarrierError"
ROUNDS = 300


def check_barrier(Barrier):
    """Barrier(parties, action=None, timeout=None) proves threading.Barrier's behaviour:

    * parties < 1 raises ValueError (threading.Barrier does from Python 3.13; 3.9–3.12
      accept Barrier(0)); `parties` threads calling wait() all go on together, each
      with its own index 0 … parties-1, round after round (hundreds of fast rounds);
    * the action runs once per round, in one thread, before any thread goes on; an action that
      raises breaks the barrier: every waiter gets BrokenBarrierError, none stays stranded;
    * wait(timeout) — and the barrier's own timeout — breaks the barrier when it passes:
      every waiter, and any later wait(), raises BrokenBarrierError; wait(timeout=0) does not
      wait;
    * n_waiting counts the waiters; abort() breaks the barrier; reset() wakes the waiters with
      BrokenBarrierError and makes the barrier usable again, after abort() too.
    """
    yield from behaviours(
        ("Barrier(0)", "raised ValueError", lambda: Call(Barrier, 0).outcome()),
        ("Barrier(3): 3 threads call wait(timeout=5); do all 3 go on at once?",
         [0, 1, 2], lambda: _indexes(_round(Barrier(3), 3))),
        (f"Barrier(3): 3 threads pass it {ROUNDS} times in a row, as fast as they "
         "can", f"{ROUNDS} rounds, indexes 0, 1, 2 in each",
         lambda: _rounds(Barrier(3))),
        ("Barrier(2) passed once by 2 threads; then 1 thread alone calls "
         "wait(timeout=0.3)", f"{BROKEN} after its timeout", lambda: _alone(Barrier)),
        ("Barrier(2): 1 thread alone calls wait(timeout=0)", f"{BROKEN} at once",
         lambda: _no_wait(Barrier(2))),
        ("Barrier(3): only 2 threads come, with wait(timeout=0.3); then .broken, "
         "and a late wait()", f"2 × {BROKEN}; broken True; the late wait {BROKEN}",
         lambda: _broken_by_timeout(Barrier(3))),
        ("Barrier(3, timeout=0.2): 1 thread calls wait() (the barrier's own timeout)",
         f"{BROKEN} after its timeout",
         lambda: Call(Barrier(3, timeout=0.2).wait).timed_out(0.2)),
        ("Barrier(3, action=count): how often the action ran when each of 3 threads "
         "returns", ["returned 1"] * 3, lambda: _action_once(Barrier)),
        ("Barrier(3, action that raises): 3 threads call wait(timeout=5)",
         f"the action's ZeroDivisionError in one thread, {BROKEN} in 2; broken True",
         lambda: _action_raises(Barrier)),
        ("Barrier(3): 2 threads wait(timeout=5) and n_waiting is read; then abort()",
         f"n_waiting 2; 2 × {BROKEN}; broken True", lambda: _aborted(Barrier(3))),
        ("Barrier(3): 2 threads wait(timeout=5); reset(); then 3 new threads "
         "wait(timeout=5)", f"2 × {BROKEN}; then [0, 1, 2], broken False",
         lambda: _reset(Barrier(3), abort=False)),
        ("Barrier(3): abort(); reset(); then 3 threads wait(timeout=5)",
         "then [0, 1, 2], broken False", lambda: _reset(Barrier(3), abort=True)),
    )


def _round(barrier, threads, timeout=5):
    return outcomes([Call(barrier.wait, timeout=timeout) for _ in range(threads)])


def _indexes(ends):
    """[0, 1, 2] from ['returned 1', 'returned 0', 'returned 2']; otherwise the outcomes."""
    if not all(end.startswith("returned ") for end in ends):
        return ends
    try:
        return sorted(int(end.removeprefix("returned ")) for end in ends)
    except ValueError:
        return ends


def _described(ends):
    """['raised X', 'raised X'] as '2 × raised X'; otherwise the list itself."""
    return f"{len(ends)} × {ends[0]}" if ends and len(set(ends)) == 1 else repr(ends)


def _rounds(barrier):
    def passes():
        return [barrier.wait(timeout=5) for _ in range(ROUNDS)]
    runners = [Call(passes) for _ in range(3)]
    ends = outcomes(runners, timeout=15)
    if any(not end.startswith("returned") for end in ends):
        return f"a thread {next(e for e in ends if not e.startswith('returned'))}"
    rounds = list(zip(*(runner.returned for runner in runners)))
    bad = [number for number, indexes in enumerate(rounds, 1) if sorted(indexes) != [0, 1, 2]]
    if bad:
        return f"round {bad[0]} gave indexes {list(rounds[bad[0] - 1])}"
    return f"{ROUNDS} rounds, indexes 0, 1, 2 in each"


def _alone(Barrier):
    barrier = Barrier(2)
    _round(barrier, 2)
    return Call(barrier.wait, timeout=0.3).timed_out(0.3)


def _no_wait(barrier):
    call = Call(barrier.wait, timeout=0)
    ended = call.outcome()
    if call.ended.is_set() and call.elapsed < 1.0:
        return f"{ended} at once"
    return ended


def _broken_by_timeout(barrier):
    ends = _round(barrier, 2, timeout=0.3)
    late = Call(barrier.wait, timeout=2).outcome(timeout=1)  # at once, or still blocked
    return f"{_described(ends)}; broken {barrier.broken!r}; the late wait {late}"


def _action_once(Barrier):
    ran = []
    barrier = Barrier(3, action=lambda: ran.append("action"))
    return outcomes([Call(lambda: (barrier.wait(timeout=5), len(ran))[1]) for _ in range(3)])


def _action_raises(Barrier):
    barrier = Barrier(3, action=lambda: 1 / 0)
    ends = sorted(_round(barrier, 3))
    action = ends.count("raised ZeroDivisionError")
    broken = ends.count(BROKEN)
    if action == 1 and broken == 2:
        return (f"the action's ZeroDivisionError in one thread, {BROKEN} in 2; "
                f"broken {barrier.broken!r}")
    return f"{ends}; broken {barrier.broken!r}"


def _aborted(barrier):
    waiters = blocked_calls(2, barrier.wait, timeout=5)
    waiting = barrier.n_waiting
    Call(barrier.abort).finish()
    return f"n_waiting {waiting!r}; {_described(outcomes(waiters))}; broken {barrier.broken!r}"


def _reset(barrier, abort):
    if abort:
        Call(barrier.abort).finish()
        freed = "then"
    else:
        waiters = blocked_calls(2, barrier.wait, timeout=5)
        Call(barrier.reset).finish()
        freed = f"{_described(outcomes(waiters))}; then"
    if abort:
        Call(barrier.reset).finish()
    again = _indexes(_round(barrier, 3))
    return f"{freed} {again}, broken {barrier.broken!r}"
