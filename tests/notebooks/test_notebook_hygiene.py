"""Committed notebooks: executed, free of this machine's traces, few ignored outputs, each
linking to the next. (That they run as committed and leave no thread or child process behind:
test_thread_notebooks.py and test_under_<method>.py.)"""

import os
import re
import sys
import sysconfig
import tempfile

import pytest

from tests.notebooks.notebook_files import (IGNORE_REASON, ROOT, all_notebooks, code_cells,
                                            ignored_output_cells, read, solution_notebooks)

NOTEBOOK_IDS = [f"{p.parent.name}/{p.name}" for p in all_notebooks()]


@pytest.mark.parametrize("path", all_notebooks(), ids=NOTEBOOK_IDS)
def test_every_code_cell_is_executed_and_error_free(path):
    for cell in code_cells(read(path)):
        if cell.source.strip():
            assert cell.execution_count is not None, cell.source[:60]
            assert not [o for o in cell.outputs if o.output_type == "error"], cell.source[:60]


@pytest.mark.parametrize("path", all_notebooks(), ids=NOTEBOOK_IDS)
def test_no_trace_of_the_machine_that_ran_it(path):
    text = path.read_text(encoding="utf-8")
    places = {str(ROOT), os.path.expanduser("~"), sys.prefix, sys.base_prefix,
              tempfile.gettempdir(), sysconfig.get_paths()["purelib"]}
    for place in sorted(p for p in places if len(p) > 4):
        assert place not in text, f"{path.name} mentions {place}"
    assert " at 0x" not in text, f"{path.name} shows a memory address"


def test_ignored_outputs_are_few_and_explained():
    cells = ignored_output_cells()
    assert all(reason.strip() for _, _, reason in cells), (
        f"each ignored cell starts with '{IGNORE_REASON}<why>': {cells}")
    total = sum(len(code_cells(read(p))) for p in all_notebooks())
    assert len(cells) <= 0.10 * total, f"{len(cells)} of {total} code cells ignored"


def test_reasons_are_only_on_ignored_cells():
    for path in all_notebooks():
        for cell in code_cells(read(path)):
            if cell.source.startswith(IGNORE_REASON):
                assert "nbval-ignore-output" in cell.metadata.get("tags", []), cell.source[:60]


def test_every_lesson_says_next_with_a_link_to_a_notebook_that_exists():
    paths = solution_notebooks()
    for here, after in zip(paths, paths[1:] + [None]):
        prose = "\n".join(c.source for c in read(here).cells if c.cell_type == "markdown")
        for target in re.findall(r"\]\(([^)#]+\.ipynb)\)", prose):
            assert (here.parent / target).exists(), f"{here.name} links to {target}"
        nexts = [line for line in prose.splitlines() if "Next:" in line]
        if after is not None:
            assert any(f"]({after.name})" in line for line in nexts), (
                f"{here.name}: its Next: line should link to {after.name}")
