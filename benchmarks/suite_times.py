"""Where a test run's time goes: per phase of the suite and per xdist worker, from its log.

    python -m pytest -v --durations=0 ... > run.log 2>&1
    python -m benchmarks.suite_times run.log [more.log ...]   (from the repository root)

For each log: the seconds each phase took (setup + call + teardown of its tests, summed), and
how busy each worker was (the same sums by the worker that ran the test, as ``-v`` shows it:
``[gw0] ... PASSED <test>``). A run is as long as its busiest worker, so the two workers' sums
should be close. Figures are the tests' own, so the run's start-up (workers, collection) is
not in them: time the whole command for that (e.g. ``/usr/bin/time -v``).
"""

import re
import sys
from collections import defaultdict

# A test's phase: the first pattern its node id matches (order matters).
PHASES = (
    ("start methods (process notebooks x3)", r"^tests/notebooks/test_under_"),
    ("start-method harness", r"^tests/notebooks/test_start_methods"),
    ("notebooks, strict nbval + leak check", r"^tests/notebooks/test_thread_notebooks"),
    ("notebook hygiene (and, before, leak checks)", r"^tests/notebooks/"),
    ("notebooks, strict nbval", r"\.ipynb::"),
    ("checkers vs answers", r"^tests/checks/"),
    ("CPython's own tests, against the references", r"conformance"),
    ("other unit tests", r""),
)
DURATION = re.compile(r"^\s*([\d.]+)s (setup|call|teardown)\s+(\S.*?)\s*$")
WORKER = re.compile(r"^\[(gw\d+)\].*?(?:PASSED|FAILED|SKIPPED|ERROR|XFAIL|XPASS)\s+(\S+)")


def phase_of(nodeid):
    return next(name for name, pattern in PHASES if re.search(pattern, nodeid))


def read_log(lines):
    """(seconds by node id, worker by node id) from the lines of a ``-v --durations=0`` log."""
    seconds, workers = defaultdict(float), {}
    for line in lines:
        if match := DURATION.match(line):
            seconds[match[3]] += float(match[1])
        elif match := WORKER.match(line):
            # -v shows a notebook's cells as "folder/name::ipynb::Cell N"
            workers[match[2].replace("::ipynb::", ".ipynb::")] = match[1]
    return seconds, workers


def summary(seconds, workers):
    """Lines of text: seconds per phase, then per worker, largest first."""
    by_phase, by_worker = defaultdict(float), defaultdict(float)
    for nodeid, spent in seconds.items():
        by_phase[phase_of(nodeid)] += spent
        by_worker[workers.get(nodeid, "(no worker)")] += spent
    lines = [f"{spent:8.1f} s  {name}" for name, spent in
             sorted(by_phase.items(), key=lambda item: -item[1])]
    lines.append(f"{sum(seconds.values()):8.1f} s  all tests")
    lines += [f"{spent:8.1f} s  busy on {worker}" for worker, spent in sorted(by_worker.items())]
    return lines


def main(paths):
    if not paths:
        sys.exit("usage: python -m benchmarks.suite_times LOG [LOG ...] "
                 "(logs of pytest -v --durations=0)")
    for path in paths:
        with open(path, encoding="utf-8") as log:
            seconds, workers = read_log(log)
        if not seconds:
            sys.exit(f"{path}: no durations found; run pytest with -v --durations=0")
        print(f"== {path}")
        print("\n".join(summary(seconds, workers)))


if __name__ == "__main__":
    main(sys.argv[1:])
