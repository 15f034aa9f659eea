"""lessons.tools.source prints the code of a function without its docstrings and comments,
and, asked for some lines, prints whole statements in their blocks."""

import threading

from lessons.tools.source import code_lines, show


def sample(flag):
    """A docstring, left out.

    Over two lines.
    """
    # a comment line, left out
    if flag:  # a trailing comment, cut off
        return "#not a comment"

    return None


def blocks(items, timeout):
    got = False
    try:
        if timeout is None:
            got = items.pop()
        else:
            got = items.pop(
                timeout)
        return got
    finally:
        if not got:
            try:
                items.clear()
            except ValueError:
                pass


def test_code_lines_drop_docstrings_comments_and_blank_lines():
    assert code_lines(sample) == ["def sample(flag):", "    if flag:",
                                  '        return "#not a comment"', "    return None"]


def test_containing_keeps_matching_statements_under_their_block_headers():
    assert code_lines(sample, containing=["#not"]) == [
        "def sample(flag):", "    if flag:", '        return "#not a comment"', "    ..."]


def test_containing_keeps_whole_statements_clause_chains_and_marks_gaps():
    assert code_lines(blocks, containing=["timeout)", "clear"]) == [
        "def blocks(items, timeout):",
        "    ...",
        "    try:",
        "        if timeout is None:",
        "            ...",
        "        else:",
        "            got = items.pop(",
        "                timeout)",
        "        ...",
        "    finally:",
        "        if not got:",
        "            try:",
        "                items.clear()",
        "            ...",
    ]


def test_show_dedents_what_it_prints(capsys):
    show(sample, containing=["return None"])
    assert capsys.readouterr().out == "def sample(flag):\n    ...\n    return None\n"


def test_methods_of_the_standard_library():
    assert code_lines(threading.Event.clear) == ["def clear(self):", "    with self._cond:",
                                                 "        self._flag = False"]
