"""The interleaving explorer: steps, blocking, replay's messages, explore's counts."""

import pytest

from lessons import solution
from lessons.tools.interleaving.examples import counting, scenarios, schedules_of, two_visitors
from lessons.tools.interleaving import (Lock, RLock, Scenario, ScenarioError, ScheduleError, Shared,
                                  explore, replay)
from lessons.threads.lock_scenarios import (counter_scenario, incrementer, lost_update, transfer,
                                    transfer_scenario, two_transfers)


def test_replay_shows_a_lost_update_step_by_step():
    run = replay(lost_update(), ["A", "B", "A", "B"])
    assert run.outcome() == "broken" and run.state.counter == 1
    text = repr(run)
    assert " 1. A: value = s.counter" in text and " 4. B: s.counter = value + 1" in text
    assert text.endswith("at the end, counter == 2 fails (state: counter=1)")  # no lock to show


def test_one_after_another_loses_nothing():
    run = lost_update().replay(["A", "A", "B", "B"])
    assert run.outcome() == "ok" and run.state.counter == 2


@pytest.mark.parametrize("schedule, message", [
    (["A", "C"], "step 2: there is no thread 'C'; the threads are 'A', 'B'."),
    (["A", "A", "A"], "step 3: thread 'A' has finished after 2 step(s); it has no step left."),
    ("AB", "a schedule is a list of thread names such as ['A', 'B', 'A'], not a value of type `str`"),
    ([0], "step 1 of the schedule is 0, a value of type `int`; thread names are strings: write 'A', with quotes"),
])
def test_bad_schedules_get_a_clear_message(schedule, message):
    with pytest.raises(ScheduleError) as caught:
        lost_update().replay(schedule)
    assert str(caught.value) == message


def test_stepping_a_blocked_thread_says_who_holds_the_lock():
    with pytest.raises(ScheduleError, match="step 3: thread 'A' is blocked: it waits for lock 'b', "
                       "held by 'B'. No thread can step: this is a deadlock."):
        two_transfers().replay(["A", "B", "A"])
    scenario = counter_scenario(solution("fix-with-lock"), 2)  # the reference answer
    with pytest.raises(ScheduleError, match="thread 'B' is blocked: .* held by 'A'. Step 'A' first."):
        scenario.replay(["A", "B"])


def test_a_deadlock_is_announced():
    run = two_transfers().replay(["A", "B"])
    assert run.deadlocked() and run.outcome() == "deadlock"
    assert repr(run).endswith("deadlock: every live thread is blocked: A waits for 'b' (held by B); "
                              "B waits for 'a' (held by A)")


def test_explore_counts_every_schedule_and_finds_the_shortest_failure():
    found = explore(lost_update())
    assert (found.schedules, found.broken, found.deadlocks) == (6, 4, 0)
    assert found.shortest == ("A", "B", "A", "B")
    assert not found.passed
    found = two_transfers().explore()
    assert (found.schedules, found.broken, found.deadlocks, found.shortest) == (4, 0, 2, ("A", "B"))


def test_a_lock_makes_every_schedule_pass():
    for threads in (2, 3):
        found = counter_scenario(solution("fix-with-lock"), threads).explore()
        assert found.passed and found.failing == 0 and found.shortest is None


def test_any_consistent_lock_order_prevents_the_deadlock():
    # Not the reference answer (sorted order) but its mirror image: also right.
    def reverse_order(s, source, target):
        first, second = sorted((source, target), reverse=True)
        yield s.locks[first].acquire()
        yield s.locks[second].acquire()
        a, b = s.balance[source], s.balance[target]
        yield
        s.balance[source], s.balance[target] = a - 10, b + 10
        s.locks[second].release()
        s.locks[first].release()
    assert transfer_scenario(reverse_order, (("a", "b"), ("b", "c"), ("c", "a"))).explore().passed


@pytest.mark.parametrize("threads, steps", [(2, 6), (3, 4)])
def test_explore_covers_all_schedules_of_the_promised_sizes(threads, steps):
    # The timings are measured by benchmarks/explore_figures.py, not asserted here.
    label, scenario = next(scenarios(threads, steps))
    found = scenario.explore()
    assert found.schedules == schedules_of(threads, steps)


def test_without_memoising_the_counts_are_the_same():
    def logging(s):
        for step in range(4):
            yield
            s.log.append(step)
    merged = Scenario([counting(4)] * 2, lambda: Shared(counter=0)).explore()
    unmerged = Scenario([logging] * 2, lambda: Shared(log=[object()])).explore()  # unfreezable
    assert merged.schedules == unmerged.schedules == 70
    assert merged.states < unmerged.states


def test_invariant_is_checked_after_every_step():
    found = two_visitors().explore()
    assert (found.schedules, found.broken) == (6, 4)
    assert found.shortest == ("A", "B") and "invariant broken: at most one thread inside" in found.problem


def test_rlock_is_reentrant_and_lock_is_not():
    def twice(s):
        yield s.lock.acquire()
        yield s.lock.acquire()
        s.lock.release()
        s.lock.release()
    assert Scenario([twice], lambda: Shared(lock=RLock())).replay(["A", "A"]).outcome() == "ok"
    with pytest.raises(ScheduleError, match="held by itself \\(a Lock is not re-entrant\\)"):
        Scenario([twice], lambda: Shared(lock=Lock())).replay(["A", "A"])


@pytest.mark.parametrize("program, words", [
    (lambda s: None, "returned NoneType, not a generator"),
])
def test_a_program_that_is_not_one_is_refused(program, words):
    with pytest.raises(ScenarioError, match=words):
        Scenario([program], lambda: Shared()).run()


def test_acquire_without_yield_and_bad_release_make_the_thread_raise():
    def forgets_yield(s):
        yield
        s.lock.acquire()

    def releases_twice(s):
        yield s.lock.acquire()
        s.lock.release()
        s.lock.release()
    run = Scenario([forgets_yield], lambda: Shared(lock=Lock())).replay(["A"])
    assert "called lock.acquire() without `yield`" in run.broken
    run = Scenario([releases_twice], lambda: Shared(lock=Lock())).replay(["A"])
    assert "raised RuntimeError: release unlocked lock 'lock'" in run.broken


def test_changing_shared_state_before_the_first_yield_is_refused():
    def eager(s):
        s.counter += 1
        yield
    with pytest.raises(ScenarioError, match="before its first `yield`"):
        Scenario([eager], lambda: Shared(counter=0)).run()


def test_explore_stops_at_its_limit():
    with pytest.raises(ScenarioError, match="explore stopped after 10 distinct states"):
        Scenario([counting(6)] * 2, lambda: Shared(counter=0)).explore(max_states=10)


def test_the_lesson_programs_are_as_the_lesson_says():
    assert transfer_scenario(transfer).explore().deadlocks == 2
    assert counter_scenario(incrementer, 3).explore().schedules == 90
