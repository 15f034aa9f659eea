"""The cost table: every transport delivers every byte, and the plan stays within bounds."""

from lessons.processes import costs


def test_plan_sends_between_3_and_2000_messages_per_size():
    assert costs.plan([100, 64 << 20], volume=4 << 20) == [(100, 2000), (64 << 20, 3)]


def test_every_transport_measures_every_size():
    rows = costs.measure((100, 100_000), volume=1 << 20)
    assert {(row["transport"], row["size"]) for row in rows} == {
        (transport, size) for transport in costs.TRANSPORTS for size in (100, 100_000)}
    assert all(row["bytes_per_s"] > 0 and row["per_message_s"] > 0 for row in rows)


def test_throughput_is_shown_in_the_unit_that_suits_it_never_as_zero():
    assert [costs.rate(r) for r in (2.5e9, 12.3e6, 1.34e6, 999e3, 3e3)] == [
        "2.5 GB/s", "12.3 MB/s", "1.34 MB/s", "999 kB/s", "3 kB/s"]


def test_time_per_message_is_in_microseconds_below_a_millisecond():
    assert [costs.per_message(s) for s in (7.04e-8, 8.12e-6, 9.99e-4, 3.26e-3, 0.0402)] == [
        "0.0704 µs", "8.12 µs", "999 µs", "3.26 ms", "40.2 ms"]
