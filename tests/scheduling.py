"""How the suite's tests are shared out between the xdist workers: each test on its own, except
a notebook, whose cells go whole to one worker, and the long tests first.

A run lasts as long as its busiest worker. Whole test files per worker (``--dist loadfile``)
left one worker alone at the end with the start-method runs, the longest tests there are;
test by test (``--dist load``) would split a notebook's cells between two kernels. So: one
work unit per test, or per notebook, handed out longest first, so the short tests at the end
fill whichever worker frees up first (longest-processing-time-first scheduling).

Used by conftest.py, for ``--dist load``. This module imports xdist, so only when it runs.
"""

import re

from xdist.scheduler import LoadScopeScheduling

__all__ = ["NotebooksWholeScheduling", "longest_first"]

# Kinds of test by how long one of them takes, longest first (seconds on a quiet 2-core
# machine, measured with benchmarks/suite_times.py); the first pattern a node id matches wins.
# Within a kind, tests keep the order they were collected in.
KINDS = (
    r"^tests/notebooks/test_(under_|thread_notebooks)",  # a lesson's notebooks: 10-60 s
    r"\.ipynb::",  # a notebook's cells in one kernel (given on the command line): 5-30 s
    r"^tests/notebooks/",  # the start-method harness's own runs: 5-15 s
    r"^tests/checks/test_lesson_",  # a checker's verdict: up to 10 s (40 s with processes)
    r"",  # the rest: unit tests, mostly well under a second each
)


def _kind(nodeid):
    return next(rank for rank, pattern in enumerate(KINDS) if re.search(pattern, nodeid))


def longest_first(items):
    """`items` (pytest items) sorted by kind, longest first; stable within a kind."""
    return sorted(items, key=lambda item: _kind(item.nodeid))


class NotebooksWholeScheduling(LoadScopeScheduling):
    """Load scheduling in collection order, a notebook's cells kept together: a work unit is
    one test, or one notebook (all the items of an ``.ipynb`` file)."""

    def _split_scope(self, nodeid):
        path = nodeid.split("::", 1)[0]
        return path if path.endswith(".ipynb") else nodeid
