"""How long `explore` takes to cover every schedule of two sizes the course promises.

    python benchmarks/explore_figures.py

2 threads × 6 steps have 12! / (6! 6!) = 924 schedules; 3 threads × 4 steps have
12! / (4! 4! 4!) = 34,650. Each is explored twice: threads that share a counter (many schedules
reach the same state, which explore counts once), and threads that append to a shared log (every
schedule reaches a state of its own: the worst case, where remembering states saves nothing).
"""

import time

from lessons.tools.benchmarking import reported_conditions
from lessons.tools.interleaving.examples import scenarios, schedules_of

BOUND = 2.0  # seconds, per figure


def main():
    with reported_conditions():
        _explore_both_sizes()


def _explore_both_sizes():
    for threads, steps in [(2, 6), (3, 4)]:
        expected = schedules_of(threads, steps)
        for label, scenario in scenarios(threads, steps):
            times = []
            for _ in range(3):
                began = time.perf_counter()
                found = scenario.explore()
                times.append(time.perf_counter() - began)
            best = min(times)
            print(f"{threads} threads × {steps} steps, {label:14}: {found.schedules:>6,} schedules "
                  f"(expected {expected:,}), {found.states:>6,} states, "
                  f"{best:.3f} s (best of 3){'' if best <= BOUND else '  OVER ' + str(BOUND) + ' s'}")
            assert found.schedules == expected


if __name__ == "__main__":
    main()
