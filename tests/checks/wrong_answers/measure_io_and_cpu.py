"""Wrong answers for lesson 10's exercises, each named for its bug and marked with the
behaviour it must fail."""

import statistics

from tests.checks.wrong_answers.marks import fails


def _scaling(timings, summary=statistics.median, baseline=None, order=sorted,
             efficiency=lambda speedup, n: speedup / n, cap=False):
    """A right `scaling` with one part swapped out by each wrong answer."""
    if 1 not in timings:
        raise ValueError("no 1-worker timing")
    medians = {n: summary(runs) for n, runs in timings.items()}
    base = medians[1] if baseline is None else baseline(medians)
    result = {}
    for n in order(medians):
        speedup = base / medians[n]
        speedup = min(speedup, n) if cap else speedup
        result[n] = (speedup, efficiency(speedup, n))
    return result


@fails("one run each")
def inverted_speedup(timings):
    medians = {n: statistics.median(runs) for n, runs in timings.items()}
    if 1 not in medians:
        raise ValueError("no 1-worker timing")
    return {n: (medians[n] / medians[1], medians[n] / medians[1] / n) for n in sorted(medians)}


@fails("one run each")
def efficiency_not_divided_by_workers(timings):
    return _scaling(timings, efficiency=lambda speedup, n: speedup)


@fails("median of an odd number")
def mean_of_runs(timings):
    return _scaling(timings, summary=statistics.mean)


@fails("median of an odd number")
def fastest_run(timings):
    return _scaling(timings, summary=min)


@fails("median of an even number")
def median_as_the_middle_element(timings):
    return _scaling(timings, summary=lambda runs: sorted(runs)[len(runs) // 2])


@fails("the baseline is the 1-worker time")
def fastest_time_as_baseline(timings):
    return _scaling(timings, baseline=lambda medians: min(medians.values()))


@fails("the baseline is the 1-worker time")
def first_listed_as_baseline(timings):
    return _scaling(timings, baseline=lambda medians: next(iter(medians.values())))


@fails("listed by workers")
def keeps_the_order_given(timings):
    return _scaling(timings, order=list)


@fails("as measured")
def speedup_capped_at_workers(timings):
    return _scaling(timings, cap=True)


@fails("unchanged")
def sorts_the_runs_in_place(timings):
    for runs in timings.values():
        runs.sort()  # the median, the quick way: but the caller's lists are now reordered
    return _scaling(timings, summary=lambda runs: statistics.median(runs))


@fails("no 1-worker timing")
def key_error_without_baseline(timings):
    medians = {n: statistics.median(runs) for n, runs in timings.items()}
    return {n: (medians[1] / medians[n], medians[1] / medians[n] / n) for n in sorted(medians)}


@fails("not rounded")
def medians_rounded_too_early(timings):
    return _scaling(timings, summary=lambda runs: round(statistics.median(runs), 2))


@fails("listed by workers")
def sorted_by_speedup(timings):
    result = _scaling(timings)
    return dict(sorted(result.items(), key=lambda item: item[1]))


@fails("listed by workers")
def sorted_as_text(timings):
    return _scaling(timings, order=lambda medians: sorted(medians, key=str))


@fails("in their order")
def sorts_the_callers_dict_in_place(timings):
    pairs = sorted(timings.items())
    timings.clear()
    timings.update(pairs)  # same keys, same lists: only the caller's order changed
    return _scaling(timings)


def _trimmed_mean(runs):
    """The mean without the fastest and the slowest run: the median for 3 and 4 runs."""
    kept = sorted(runs)[1:-1] if len(runs) > 2 else runs
    return sum(kept) / len(kept)


@fails("5 runs each")
def trimmed_mean_of_runs(timings):
    return _scaling(timings, summary=_trimmed_mean)


def _middle_of_few(runs):
    """Right for up to 5 runs: an even count takes the second and third, as for 4."""
    ordered = sorted(runs)
    if len(ordered) % 2 or len(ordered) < 3:
        return ordered[len(ordered) // 2] if len(ordered) % 2 else sum(ordered) / 2
    return (ordered[1] + ordered[2]) / 2


@fails("the median of 6 runs")
def middle_two_as_the_second_and_third(timings):
    return _scaling(timings, summary=_middle_of_few)


def _points(workers, speedups):
    return [(1 - 1 / n, 1 / s - 1 / n) for n, s in zip(workers, speedups) if n > 1]


def _fraction(workers, speedups, clip=lambda s: min(1.0, max(0.0, s)),
              lengths_differ=lambda workers, speedups: len(workers) != len(speedups)):
    """A right `serial_fraction` with its clipping or its length check swapped out by each
    wrong answer."""
    if lengths_differ(workers, speedups):
        raise ValueError("workers and speedups differ in length")
    points = _points(workers, speedups)
    if not points:
        raise ValueError("nothing to fit")
    return clip(sum(x * y for x, y in points) / sum(x * x for x, _ in points))


@fails("follow Amdahl's law")
def parallel_fraction_instead(workers, speedups):
    return 1 - _fraction(workers, speedups)


@fails("measured, noisy")
def average_of_each_points_estimate(workers, speedups):
    if len(workers) != len(speedups):
        raise ValueError("workers and speedups differ in length")
    points = _points(workers, speedups)
    if not points:
        raise ValueError("nothing to fit")
    return min(1.0, max(0.0, sum(y / x for x, y in points) / len(points)))


@fails("measured, noisy")
def most_workers_only(workers, speedups):
    if len(workers) != len(speedups):
        raise ValueError("workers and speedups differ in length")
    if max(workers) < 2:
        raise ValueError("nothing to fit")
    n, s = max(zip(workers, speedups))
    return min(1.0, max(0.0, (1 / s - 1 / n) / (1 - 1 / n)))


@fails("faster than ideal")
def not_clipped(workers, speedups):
    return _fraction(workers, speedups, clip=lambda s: s)


@fails("slower with more workers")
def clipped_only_below(workers, speedups):
    return _fraction(workers, speedups, clip=lambda s: max(0.0, s))


@fails("lengths differ")
def zips_lists_of_different_lengths(workers, speedups):
    return _fraction(workers, speedups, lengths_differ=lambda workers, speedups: False)


@fails("nothing to fit")
def divides_by_zero_with_nothing_to_fit(workers, speedups):
    if len(workers) != len(speedups):
        raise ValueError("workers and speedups differ in length")
    points = _points(workers, speedups)
    return min(1.0, max(0.0, sum(x * y for x, y in points) / sum(x * x for x, _ in points)))


@fails("fitted, then clipped")
def clips_each_point(workers, speedups):
    if len(workers) != len(speedups):
        raise ValueError("workers and speedups differ in length")
    points = [(x, min(x, max(0.0, y))) for x, y in _points(workers, speedups)]
    if not points:
        raise ValueError("nothing to fit")
    return sum(x * y for x, y in points) / sum(x * x for x, _ in points)


@fails("a single measurement decides")
def needs_two_measurements(workers, speedups):
    if len(workers) < 2:
        raise ValueError("a fit needs at least two measurements")
    return _fraction(workers, speedups)


@fails("no 1-worker measurement needed")
def first_entry_as_the_serial_run(workers, speedups):
    return _fraction(workers[1:], speedups[1:])  # "the first is the 1-worker run": not always


@fails("adds nothing")
def rescaled_to_the_1_worker_speedup(workers, speedups):
    base = dict(zip(workers, speedups)).get(1, 1.0)
    return _fraction(workers, [s / base for s in speedups])


@fails("the other way")
def length_checked_one_way(workers, speedups):
    return _fraction(workers, speedups,
                     lengths_differ=lambda workers, speedups: len(workers) > len(speedups))


@fails("each counts")
def one_measurement_per_worker_count(workers, speedups):
    """Pairs workers with speed-ups through a dict: a later measurement at the same count
    replaces the earlier one."""
    if len(workers) != len(speedups):
        raise ValueError("workers and speedups differ in length")
    by_workers = dict(zip(workers, speedups))
    return _fraction(list(by_workers), list(by_workers.values()))


@fails("unchanged, in their order")
def drops_one_worker_measurements_in_place(workers, speedups):
    """Removes the 1-worker measurements from the caller's own lists before fitting."""
    if len(workers) != len(speedups):
        raise ValueError("workers and speedups differ in length")
    while 1 in workers:
        index = workers.index(1)
        del workers[index], speedups[index]
    return _fraction(workers, speedups)


SPEEDUP_AND_EFFICIENCY = [trimmed_mean_of_runs, middle_two_as_the_second_and_third,
                          inverted_speedup, efficiency_not_divided_by_workers, mean_of_runs,
                          fastest_run, median_as_the_middle_element, fastest_time_as_baseline,
                          first_listed_as_baseline, keeps_the_order_given,
                          speedup_capped_at_workers, sorts_the_runs_in_place,
                          key_error_without_baseline, medians_rounded_too_early, sorted_by_speedup,
                          sorted_as_text, sorts_the_callers_dict_in_place]
AMDAHL_FIT = [one_measurement_per_worker_count, drops_one_worker_measurements_in_place,
              parallel_fraction_instead, average_of_each_points_estimate, most_workers_only,
              not_clipped, clipped_only_below, zips_lists_of_different_lengths,
              divides_by_zero_with_nothing_to_fit, clips_each_point, needs_two_measurements,
              first_entry_as_the_serial_run, rescaled_to_the_1_worker_speedup,
              length_checked_one_way]
