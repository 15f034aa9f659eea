"""Show the running interpreter's own source of a standard-library function, as code only.

Docstrings, comments and blank lines differ between Python versions more often than code does,
so lessons print code lines only; a notebook's output then holds on every version whose code is
the same (the lesson says which versions that is).
"""

import ast
import inspect
import io
import textwrap
import tokenize


def code_lines(function, containing=()):
    """The lines of `function`'s code, without docstrings, comments or blank lines.

    With `containing`, only the lines that contain one of those strings.
    """
    source = textwrap.dedent(inspect.getsource(function))
    docstrings = set()
    for node in ast.walk(ast.parse(source)):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
            docstrings.update(range(body[0].lineno, body[0].end_lineno + 1))
    comments = {token.start[0]: token.start[1]
                for token in tokenize.generate_tokens(io.StringIO(source).readline)
                if token.type == tokenize.COMMENT}
    lines = []
    for number, line in enumerate(source.splitlines(), start=1):
        code = line[:comments.get(number, len(line))].rstrip()
        if number in docstrings or not code.strip():
            continue
        if not containing or any(text in code for text in containing):
            lines.append(code)
    return lines


def show(function, containing=()):
    """Print `code_lines(function, containing)`."""
    print(textwrap.dedent("\n".join(code_lines(function, containing))))
