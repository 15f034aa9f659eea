"""Lesson 07's fresh kernel: where a child's print lands in a notebook, per start method."""

import pytest

from lessons.processes.child_output import where_prints_land


@pytest.mark.timeout(120)
def test_a_childs_print_reaches_the_notebook_under_every_start_method():
    # fork: the child's copy of the kernel's sys.stdout names the cell that forked it;
    # spawn, forkserver: the kernel forwards its descriptor 1 under the cell running then.
    assert where_prints_land() == {
        "fork": "the cell that started the child",
        "spawn": "the next cell, which told it to print",
        "forkserver": "the next cell, which told it to print"}
