"""What every ``make bench`` figure shares: the contenders take turns, round after round, each
figure is the median over the rounds, and it is printed with the conditions it was measured in.

* ``alternate(contenders, rounds)`` runs each contender once a round, in turn, so a machine
  that gets busier or quieter during the run slows them all alike; ``medians(runs)`` reduces.
* ``conditions()`` says what a reader needs to compare a figure with another (as pyperf
  does): the interpreter and its build (GIL or free-threaded), the start method, the cores
  there are and the cores this process may use, and the load average.
* ``bench_parser(prog, doc, **counts)`` and ``bench_main(parser, argv, body)`` are every
  benchmark's command line: whole-number options that must be at least 1, then the body run
  between the conditions before and after (load average, wall time, and the cores kept busy:
  CPU time of the process and its finished children ÷ wall time).

Nothing here asserts a timing: the figures are printed for a reader to judge.
"""

import argparse
import multiprocessing
import os
import statistics
import sys
import sysconfig
import time
from collections.abc import Mapping
from contextlib import contextmanager

__all__ = ["alternate", "medians", "conditions", "load_average", "cores_kept_busy",
           "reported_conditions", "positive_int", "bench_parser", "bench_main"]


def alternate(contenders, rounds):
    """Run every contender once a round, in the order given, for `rounds` rounds.

    `contenders` maps a name to a callable taking no argument that returns one figure (a
    number), or a mapping of several figures by their own names (one run measuring several
    things). Returns {figure name: [value of each round, ...]}, in first-seen order.
    """
    if rounds < 1:
        raise ValueError(f"rounds must be at least 1, not {rounds!r}")
    runs = {}
    for _ in range(rounds):
        for name, contender in contenders.items():
            found = contender()
            figures = found.items() if isinstance(found, Mapping) else [(name, found)]
            for figure, value in figures:
                runs.setdefault(figure, []).append(value)
    return runs


def medians(runs):
    """{name: median of its values} for the {name: [values]} that `alternate` returns."""
    return {name: statistics.median(values) for name, values in runs.items()}


def _build():
    """'GIL build' or 'free-threaded build, GIL on/off at run time' (3.13+ may switch it)."""
    if not sysconfig.get_config_var("Py_GIL_DISABLED"):
        return "GIL build"
    gil_on = getattr(sys, "_is_gil_enabled", lambda: True)()
    return f"free-threaded build, GIL {'on' if gil_on else 'off'} at run time"


def _start_method():
    """The start method in use, or the platform's default (first of the list) if none is set
    yet; asking never fixes it, so a benchmark may still choose one after."""
    chosen = multiprocessing.get_start_method(allow_none=True)
    return chosen or f"{multiprocessing.get_all_start_methods()[0]} (the default)"


def _usable_cores():
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count()


def load_average():
    """'1.20 0.90 0.80' (last 1, 5, 15 minutes), or 'unknown' where the system has none."""
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except (AttributeError, OSError):  # Windows has no getloadavg
        return "unknown"


def conditions():
    """{what: value}, as text, of the conditions a figure was measured in."""
    return {
        "python": " ".join(sys.version.split()),
        "build": _build(),
        "start method": _start_method(),
        "cores": f"{os.cpu_count()} on the machine, {_usable_cores()} usable by this process",
        "load average (1, 5, 15 min)": load_average(),
    }


def cores_kept_busy(cpu_seconds, wall_seconds):
    """CPU time ÷ wall time: how many cores the work kept busy on average."""
    if wall_seconds <= 0:
        raise ValueError(f"wall time must be positive, not {wall_seconds!r}")
    return cpu_seconds / wall_seconds


def _cpu_seconds():
    """CPU time of this process and of its children that have ended (been waited for)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


@contextmanager
def reported_conditions(out=None):
    """Print the conditions before the body, and after it the load average, the wall time
    and the cores kept busy (the process and its ended children: pools shut down count)."""
    out = out or sys.stdout
    for what, value in conditions().items():
        print(f"{what:<28} {value}", file=out)
    cpu, began = _cpu_seconds(), time.perf_counter()
    yield
    wall = time.perf_counter() - began
    busy = cores_kept_busy(_cpu_seconds() - cpu, wall) if wall > 0 else 0.0
    print(f"{'load average after':<28} {load_average()}", file=out)
    print(f"{'wall time, cores kept busy':<28} {wall:.1f} s, {busy:.2f} "
          "(CPU time of this process and its children ÷ wall time)", file=out)


def positive_int(text):
    """argparse type: a whole number of at least 1, refused in plain words otherwise."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def bench_parser(prog, doc, **counts):
    """An ArgumentParser for ``python -m <prog>``, described by the first line of `doc`, with
    one option ``--name`` per count: ``name=(default, help)``, a whole number at least 1.
    Underscores in a name become dashes (``matrix_rounds`` → ``--matrix-rounds``)."""
    parser = argparse.ArgumentParser(prog=f"python -m {prog}",
                                     description=doc.strip().splitlines()[0])
    for name, (default, text) in counts.items():
        parser.add_argument(f"--{name.replace('_', '-')}", type=positive_int, default=default,
                            help=f"{text} (default {default:,})")
    return parser


def bench_main(parser, argv, body, out=None):
    """Parse `argv`, then run ``body(args)`` between the conditions before and after; 0."""
    args = parser.parse_args(argv)
    with reported_conditions(out):
        body(args)
    return 0
