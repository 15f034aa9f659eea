"""Amdahl's law: the speed-up `workers` workers can give when a fraction of the work is serial.

With a serial fraction s, n workers take s + (1 − s)/n of the serial time, so the speed-up is
1 / (s + (1 − s)/n): never more than 1/s, however many workers. Lesson 10's exercise
``amdahl-fit`` estimates s from measured speed-ups; this module draws the curve for it.
"""

__all__ = ["amdahl_speedup", "ceiling"]


def amdahl_speedup(workers, serial_fraction):
    """The speed-up Amdahl's law predicts for `workers` workers."""
    if not 0 <= serial_fraction <= 1:
        raise ValueError(f"a serial fraction is between 0 and 1, not {serial_fraction}")
    return 1 / (serial_fraction + (1 - serial_fraction) / workers)


def ceiling(serial_fraction):
    """The speed-up no number of workers can pass: 1/s (infinite when s is 0)."""
    return float("inf") if serial_fraction == 0 else 1 / serial_fraction
