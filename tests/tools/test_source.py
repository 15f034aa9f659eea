"""lessons.tools.source prints the code of a function without its docstrings and comments."""

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


def test_code_lines_drop_docstrings_comments_and_blank_lines():
    assert code_lines(sample) == ["def sample(flag):", "    if flag:",
                                  '        return "#not a comment"', "    return None"]


def test_containing_keeps_only_matching_lines():
    assert code_lines(sample, containing=["return"]) == ['        return "#not a comment"',
                                                         "    return None"]


def test_show_dedents_what_it_prints(capsys):
    show(sample, containing=["return"])
    assert capsys.readouterr().out == '    return "#not a comment"\nreturn None\n'


def test_methods_of_the_standard_library():
    assert code_lines(threading.Event.clear) == ["def clear(self):", "    with self._cond:",
                                                 "        self._flag = False"]
