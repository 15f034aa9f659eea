"""The cost table: every transport delivers every byte, and the plan stays within bounds."""

import pytest

from lessons.processes import costs


def test_plan_sends_between_least_and_1000_messages_per_round():
    assert costs.plan([100, 10_000, 64 << 20], volume=4 << 20, rounds=5) == [
        (100, 1000), (10_000, 83), (64 << 20, 10)]
    assert costs.plan([64 << 20], volume=4 << 20, rounds=5, least=3) == [(64 << 20, 3)]


def test_plan_refuses_no_rounds_in_plain_words():
    with pytest.raises(ValueError, match="rounds and least must be at least 1"):
        costs.plan([100], volume=1 << 20, rounds=0)


def test_a_row_keeps_the_median_round_so_one_stall_does_not_decide_it():
    row = costs._row("Pipe", 1 << 20, 10, [0.010, 0.011, 0.500, 0.009, 0.010])
    assert (row["seconds"], row["rounds"]) == (0.010, 5)
    assert row["per_message_s"] == pytest.approx(0.001)
    assert row["bytes_per_s"] == pytest.approx((1 << 20) * 10 / 0.010)


def test_every_transport_measures_every_size_in_every_round():
    rows = costs.measure((100, 100_000), volume=1 << 20, rounds=3)
    assert {(row["transport"], row["size"]) for row in rows} == {
        (transport, size) for transport in costs.TRANSPORTS for size in (100, 100_000)}
    assert all(row["rounds"] == 3 and row["messages"] >= 10 for row in rows)
    assert all(row["bytes_per_s"] > 0 and row["per_message_s"] > 0 for row in rows)


def test_throughput_is_shown_in_the_unit_that_suits_it_never_as_zero():
    assert [costs.rate(r) for r in (2.5e9, 12.3e6, 1.34e6, 999e3, 3e3)] == [
        "2.5 GB/s", "12.3 MB/s", "1.34 MB/s", "999 kB/s", "3 kB/s"]


def test_time_per_message_is_in_microseconds_below_a_millisecond():
    assert [costs.per_message(s) for s in (7.04e-8, 8.12e-6, 9.99e-4, 3.26e-3, 0.0402)] == [
        "0.0704 µs", "8.12 µs", "999 µs", "3.26 ms", "40.2 ms"]
