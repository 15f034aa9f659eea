"""Show the running interpreter's own source of a standard-library function, as code only.

Docstrings, comments and blank lines differ between Python versions more often than code does,
so lessons print code lines only; a notebook's output then holds on every version whose code is
the same (the lesson says which versions that is).

With ``containing``, only some statements are shown, but always whole and in their place: each
with every line it spans, under the headers of the blocks around it (``if``, ``try:``,
``finally:``…), and ``...`` where code was left out, so what is printed still reads as Python.
"""

import ast
import inspect
import io
import textwrap
import tokenize

# A header that continues the statement above it at the same indentation.
_CLAUSES = ("elif ", "elif(", "else:", "except", "finally:")


def code_lines(function, containing=()):
    """The lines of `function`'s code, without docstrings, comments or blank lines.

    With `containing`, only the statements with a line containing one of those strings, each
    whole and under the headers of its enclosing blocks; ``...`` marks the code left out.
    """
    source = textwrap.dedent(inspect.getsource(function))
    tree = ast.parse(source)
    code = _code_by_line(source, tree)
    if not containing:
        return list(code.values())
    kept = set()
    for number, line in code.items():
        if any(text in line for text in containing):
            statement = _innermost_simple_statement(tree, number)
            span = range(statement.lineno, statement.end_lineno + 1) if statement else [number]
            kept.update(n for n in span if n in code)
    for number in sorted(kept):
        kept.update(_headers_above(code, number))
    return _with_gaps(code, kept)


def _code_by_line(source, tree):
    """Line number → the line's code, for lines that hold code (not docstring, comment, blank)."""
    docstrings = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
            docstrings.update(range(body[0].lineno, body[0].end_lineno + 1))
    comments = {token.start[0]: token.start[1]
                for token in tokenize.generate_tokens(io.StringIO(source).readline)
                if token.type == tokenize.COMMENT}
    code = {}
    for number, line in enumerate(source.splitlines(), start=1):
        text = line[:comments.get(number, len(line))].rstrip()
        if number not in docstrings and text.strip():
            code[number] = text
    return code


def _innermost_simple_statement(tree, number):
    """The statement without a body (an assignment, a call…) that spans line `number`."""
    found = None
    for node in ast.walk(tree):
        if isinstance(node, ast.stmt) and not hasattr(node, "body") \
                and node.lineno <= number <= node.end_lineno:
            found = node
    return found


def _indent(line):
    return len(line) - len(line.lstrip())


def _headers_above(code, number):
    """The header lines of the blocks around line `number`: for each smaller indentation, the
    nearest line above; for an `else:`, `except`, `finally:` or `elif`, its `if` or `try` too."""
    numbers = sorted(n for n in code if n < number)
    headers, indent = [], _indent(code[number])
    for above in reversed(numbers):
        line = code[above]
        if _indent(line) < indent:
            headers.append(above)
            indent = _indent(line)
            if not line.lstrip().startswith(_CLAUSES):
                continue
            # A clause: keep the lines that open its chain, at the same indentation.
            for earlier in reversed([n for n in numbers if n < above]):
                if _indent(code[earlier]) < indent:
                    break
                if _indent(code[earlier]) == indent:
                    headers.append(earlier)
                    if not code[earlier].lstrip().startswith(_CLAUSES):
                        break
    return headers


def _with_gaps(code, kept):
    """The kept lines in order, with `...` (indented like the code it stands for) for each run
    of lines left out."""
    lines, gap = [], None
    for number, line in code.items():
        if number in kept:
            if gap is not None:
                lines.append(" " * _indent(gap) + "...")
                gap = None
            lines.append(line)
        elif gap is None:
            gap = line
    if gap is not None:
        lines.append(" " * _indent(gap) + "...")
    return lines


def show(function, containing=()):
    """Print `code_lines(function, containing)`."""
    print(textwrap.dedent("\n".join(code_lines(function, containing))))
