"""The cost table: every transport delivers every byte, and the plan stays within bounds."""

from lessons.processes import costs


def test_plan_sends_between_3_and_2000_messages_per_size():
    assert costs.plan([100, 64 << 20], volume=4 << 20) == [(100, 2000), (64 << 20, 3)]


def test_every_transport_measures_every_size():
    rows = costs.measure((100, 100_000), volume=1 << 20)
    assert {(row["transport"], row["size"]) for row in rows} == {
        (transport, size) for transport in costs.TRANSPORTS for size in (100, 100_000)}
    assert all(row["bytes_per_s"] > 0 and row["per_message_s"] > 0 for row in rows)
