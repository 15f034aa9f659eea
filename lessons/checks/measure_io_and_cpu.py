"""Checkers for lesson 10, Measure io-bound against cpu-bound work: the exercises
`speedup-and-efficiency` and `amdahl-fit`.

Both answers are pure functions of measurements, so both are judged on fixed numbers — never
on timings taken during the check: the verdict is the same on every machine, in milliseconds.
Numbers are compared after rounding to 6 decimal places (a right answer may add up floats in
another order).
"""

from lessons.course.checking import behaviours

__all__ = ["check_scaling", "check_serial_fraction"]

PLACES = 6


def _rounded(value):
    """`value` with every float rounded, in the same shape: what a right answer is compared by."""
    if isinstance(value, float):
        return round(value, PLACES)
    if isinstance(value, tuple):
        return tuple(_rounded(item) for item in value)
    if isinstance(value, list):
        return [_rounded(item) for item in value]
    if isinstance(value, dict):
        return {key: _rounded(item) for key, item in value.items()}
    return value


def _outcome(call):
    """What `call()` gives, rounded; or which exception it raised, by name. Any ValueError
    counts as one: the contract asks for a ValueError, and its subclasses are ValueErrors
    (`statistics.StatisticsError`, or the answer's own)."""
    try:
        return _rounded(call())
    except ValueError:
        return "raised ValueError"
    except (ZeroDivisionError, KeyError, IndexError, TypeError) as error:
        return f"raised {type(error).__name__}"


def _raises_value_error(call):
    seen = _outcome(call)
    return seen if isinstance(seen, str) else f"returned {seen!r}"


def check_scaling(scaling):
    """scaling(timings) proves, on fixed timings ({workers: [wall seconds of repeated runs]}):

    * it returns {workers: (speed-up, efficiency)}: speed-up = the 1-worker median ÷ that
      count's median, efficiency = speed-up ÷ workers;
    * each count's runs are summarised by their median (an outlier moves it little; with an
      even number of runs, the mean of the middle two), not their mean, nor their fastest,
      nor a mean without the extremes, and not rounded before the division — for any number
      of runs (1 to 6 here), given in any order;
    * every run counts, also a time measured twice at the same worker count (not a set);
    * the baseline is the 1-worker time wherever the dict lists it, not the fastest time;
    * the result is listed by workers, fewest first;
    * speed-ups above the ideal, or below 1, are reported as measured, not capped;
    * the timings passed in are left unchanged — the dict's order, and each list's runs
      and their order;
    * without a 1-worker timing it raises ValueError.
    """
    unordered = {4: [1.0], 1: [4.0], 2: [2.0]}
    mixed = {16: [1.0], 1: [2.0], 2: [0.8], 8: [4.0]}
    yield from behaviours(
        ("scaling({1: [4.0], 2: [2.5], 4: [1.6]}): one run each",
         {1: (1.0, 1.0), 2: (1.6, 0.8), 4: (2.5, 0.625)},
         lambda: _outcome(lambda: scaling({1: [4.0], 2: [2.5], 4: [1.6]}))),
        ("scaling({1: [4.0, 4.1, 9.0], 2: [2.0, 2.1, 2.0]}): the median of an "
         "odd number of runs, one an outlier", {1: (1.0, 1.0), 2: (2.05, 1.025)},
         lambda: _outcome(lambda: scaling({1: [4.0, 4.1, 9.0],
                                           2: [2.0, 2.1, 2.0]}))),
        ("scaling({1: [3.0, 5.0, 4.0, 6.0], 2: [2.0, 3.0]}): the median of an "
         "even number of runs", {1: (1.0, 1.0), 2: (1.8, 0.9)},
         lambda: _outcome(lambda: scaling({1: [3.0, 5.0, 4.0, 6.0],
                                           2: [2.0, 3.0]}))),
        (f"scaling({FIVE}): 5 runs each, one time measured twice: every run counts",
         {1: (1.0, 1.0), 2: (2.0, 1.0)}, lambda: _outcome(lambda: scaling(_copy(FIVE)))),
        (f"scaling({SIX}): the median of 6 runs", _rounded({1: (1.0, 1.0), 2: (7 / 3, 7 / 6)}),
         lambda: _outcome(lambda: scaling(_copy(SIX)))),
        ("scaling({4: [1.0], 1: [4.0], 2: [2.0]}): the baseline is the 1-worker "
         "time, listed anywhere", {1: (1.0, 1.0), 2: (2.0, 1.0), 4: (4.0, 1.0)},
         lambda: _outcome(lambda: scaling(dict(unordered)))),
        ("scaling({1: [1.0], 2: [0.64], 16: [0.125]}): the medians as measured, "
         "not rounded", {1: (1.0, 1.0), 2: (1.5625, 0.78125), 16: (8.0, 0.5)},
         lambda: _outcome(lambda: scaling({1: [1.0], 2: [0.64], 16: [0.125]}))),
        ("list(scaling({16: [1.0], 1: [2.0], 2: [0.8], 8: [4.0]})): listed by "
         "workers, fewest first", [1, 2, 8, 16],
         lambda: _outcome(lambda: list(scaling(dict(mixed))))),
        ("scaling({1: [2.0], 2: [0.8], 8: [4.0]}): faster than ideal and slower "
         "than serial, as measured", {1: (1.0, 1.0), 2: (2.5, 1.25),
                                      8: (0.5, 0.0625)},
         lambda: _outcome(lambda: scaling({1: [2.0], 2: [0.8], 8: [4.0]}))),
        (f"the timings after scaling({CALLERS}), as (workers, runs) pairs: unchanged, in "
         "their order", _rounded(list(CALLERS.items())),
         lambda: _after(scaling, _copy(CALLERS))),
        ("scaling({2: [1.0], 4: [0.5]}), no 1-worker timing: ValueError",
         "raised ValueError",
         lambda: _raises_value_error(lambda: scaling({2: [1.0], 4: [0.5]}))),
    )


# Medians 3.0 and 1.5; without the extremes the means are 3.033… and 1.533…; as sets, 3.05, 1.55.
FIVE = {1: [9.0, 3.0, 2.9, 3.1, 3.0], 2: [1.5, 1.4, 1.6, 1.5, 5.0]}
# Medians 3.5 and 1.5: the third and fourth of six, not the second and third.
SIX = {1: [6.0, 1.0, 5.0, 2.0, 4.0, 3.0], 2: [2.0, 1.5, 1.5, 1.0, 9.0, 1.0]}
CALLERS = {2: [3.0, 1.0, 2.0, 1.0, 5.0], 1: [5.0, 3.0, 4.0, 9.0, 6.0, 7.0], 4: [1.0]}


def _copy(timings):
    """A fresh copy for each call, so an answer that changes its input changes only its own."""
    return {workers: list(runs) for workers, runs in timings.items()}


def _after(call, *inputs):
    """The inputs after `call(*inputs)`, as lists (a dict as (key, value) pairs, since a
    dict's == would not see a new order): what the caller holds afterwards."""
    _outcome(lambda: call(*inputs))
    shown = [list(given.items()) if isinstance(given, dict) else given for given in inputs]
    return _rounded(shown[0] if len(shown) == 1 else tuple(shown))


def check_serial_fraction(serial_fraction):
    """serial_fraction(workers, speedups) proves, on fixed speed-ups:

    * it finds Amdahl's serial fraction s by least squares on the inverse speed-ups, which
      Amdahl's law makes a straight line through the origin: 1/S − 1/n = s·(1 − 1/n);
      so s = Σ x·y ÷ Σ x², with x = 1 − 1/n and y = 1/S − 1/n over every measurement;
    * it gives s back exactly for speed-ups that follow the law; one measurement with more
      than one worker decides s alone; 1-worker measurements add nothing (x = 0), whatever
      speed-up they report, and none is needed;
    * every measurement counts, also two at the same number of workers, and any number of them
      (6 here), in any order;
    * s is clipped to [0, 1] once fitted, not each point before: 0 for speed-ups above the
      ideal, 1 for slow-downs;
    * it raises ValueError when workers and speedups differ in length, and when no
      measurement has more than one worker (nothing to fit);
    * the lists passed in are left unchanged, in their order.
    """
    law = [1.0, 1 / 0.6, 1 / 0.4, 1 / 0.3]  # s = 0.2: 1 / (0.2 + 0.8/n) for 1, 2, 4, 8
    noisy = ([1, 2, 4, 8], [1.0, 1.7, 2.6, 3.1])
    unanchored = ([2, 4], [1.6, 2.5])
    straddling = ([2, 4], [2.2, 2.5])
    repeated = ([2, 4, 2, 8, 4, 16], [1.5, 2.5, 1.7, 3.0, 2.3, 3.6])
    yield from behaviours(
        ("serial_fraction([1, 2, 4, 8], speed-ups that follow Amdahl's law for "
         "s = 0.2)", 0.2, lambda: _outcome(lambda: serial_fraction([1, 2, 4, 8],
                                                                    law))),
        ("serial_fraction([1, 2, 4, 8], [1.0, 1.7, 2.6, 3.1]): measured, noisy",
         _rounded(_least_squares(*noisy)),
         lambda: _outcome(lambda: serial_fraction(*noisy))),
        ("serial_fraction([1, 1, 2], [1.0, 1.0, 1.5]): one measurement with 2 "
         "workers decides", _rounded(1 / 3),
         lambda: _outcome(lambda: serial_fraction([1, 1, 2], [1.0, 1.0, 1.5]))),
        (f"serial_fraction({repeated[0]}, {repeated[1]}): 6 measurements, 2 of them at each of "
         "2 and 4 workers: each counts", _rounded(_least_squares(*repeated)),
         lambda: _outcome(lambda: serial_fraction(*map(list, repeated)))),
        ("serial_fraction([2], [1.5]): a single measurement decides",
         _rounded(1 / 3), lambda: _outcome(lambda: serial_fraction([2], [1.5]))),
        ("serial_fraction([2, 4], [1.6, 2.5]): no 1-worker measurement needed",
         _rounded(_least_squares(*unanchored)),
         lambda: _outcome(lambda: serial_fraction(*unanchored))),
        ("serial_fraction([1, 2, 4], [0.9, 1.6, 2.5]): a 1-worker speed-up of 0.9 "
         "(noise) adds nothing", _rounded(_least_squares(*unanchored)),
         lambda: _outcome(lambda: serial_fraction([1, 2, 4], [0.9, 1.6, 2.5]))),
        ("serial_fraction([2, 4], [2.2, 2.5]): one point above the ideal, one "
         "below: fitted, then clipped", _rounded(_least_squares(*straddling)),
         lambda: _outcome(lambda: serial_fraction(*straddling))),
        ("serial_fraction([2, 4], [2.2, 4.5]): faster than ideal, so 0", 0.0,
         lambda: _outcome(lambda: serial_fraction([2, 4], [2.2, 4.5]))),
        ("serial_fraction([2, 4], [0.8, 0.6]): slower with more workers, so 1",
         1.0, lambda: _outcome(lambda: serial_fraction([2, 4], [0.8, 0.6]))),
        ("serial_fraction([1, 2, 4], [1.0, 1.8]): lengths differ: ValueError",
         "raised ValueError",
         lambda: _raises_value_error(lambda: serial_fraction([1, 2, 4], [1.0, 1.8]))),
        ("serial_fraction([1, 2], [1.0, 1.5, 2.0]): lengths differ the other way: "
         "ValueError", "raised ValueError",
         lambda: _raises_value_error(
             lambda: serial_fraction([1, 2], [1.0, 1.5, 2.0]))),
        ("serial_fraction([1, 1], [1.0, 1.0]): nothing to fit: ValueError",
         "raised ValueError",
         lambda: _raises_value_error(lambda: serial_fraction([1, 1], [1.0, 1.0]))),
        ("the lists after serial_fraction([4, 1, 2, 1, 8], [2.5, 1.0, 1.6, 0.9, 3.1]): "
         "unchanged, in their order", ([4, 1, 2, 1, 8], [2.5, 1.0, 1.6, 0.9, 3.1]),
         lambda: _after(serial_fraction, [4, 1, 2, 1, 8], [2.5, 1.0, 1.6, 0.9, 3.1])),
    )


def _least_squares(workers, speedups):
    """The contract's formula, for the checker's own expected value."""
    xs = [1 - 1 / n for n in workers]
    ys = [1 / s - 1 / n for n, s in zip(workers, speedups)]
    return sum(x * y for x, y in zip(xs, ys)) / sum(x * x for x in xs)
