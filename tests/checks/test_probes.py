"""The probes checkers use to watch a candidate: Call, blocked_calls, no_thread_switch."""

import queue
import sys
import threading

import pytest

from lessons.checks.kit.forcing import no_thread_switch
from lessons.checks.kit.watch import Call, blocked_calls, outcomes


def raising(error):
    def function():
        raise error
    return function


def test_call_says_how_it_ended():
    assert Call(pow, 2, 3).outcome() == "returned 8"
    assert Call(raising(ValueError("no"))).outcome() == "raised ValueError"
    assert Call(raising(queue.Empty())).outcome() == "raised queue.Empty"  # not _queue.Empty


def test_a_stub_raises_through_so_the_check_says_not_written_yet():
    with pytest.raises(NotImplementedError):
        Call(raising(NotImplementedError())).outcome()


def test_a_blocked_call_is_seen_blocked_then_woken():
    event = threading.Event()
    [waiter] = blocked_calls(1, event.wait, 5)
    assert waiter.outcome(timeout=0.1) == "still blocked"
    assert waiter.finish(timeout=5) is False  # asleep, un-notified: given up on in 0.5 s
    event.set()
    assert waiter.outcome() == "returned True"


def test_timed_out_tells_a_real_timeout_from_an_instant_one():
    assert Call(threading.Event().wait, 0.2).timed_out(0.2) == "returned False after its timeout"
    assert Call(lambda: False).timed_out(0.2) == "returned False at once, without waiting"


def test_outcomes_share_one_deadline():
    event = threading.Event()
    calls = blocked_calls(3, event.wait, 5)
    assert outcomes(calls, timeout=0.2) == ["still blocked"] * 3
    event.set()
    assert outcomes(calls) == ["returned True"] * 3


def test_no_thread_switch_restores_the_switch_interval():
    before = sys.getswitchinterval()
    with no_thread_switch():
        assert sys.getswitchinterval() > before
    assert sys.getswitchinterval() == before
