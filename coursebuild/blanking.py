"""Turn solution notebooks into learner notebooks by blanking the solution regions.

In ``solutions/``, solution code sits between ``### BEGIN SOLUTION`` and ``### END SOLUTION``
(nbgrader's markers), always inside a function or method body. In ``notebooks/`` each region
becomes ``# YOUR CODE HERE`` and ``raise NotImplementedError()`` at the region's indentation,
so the stub still defines the function, and calling it says "not written yet".
"""

import ast
import copy

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
STUB = ("# YOUR CODE HERE", "raise NotImplementedError()")
GENERATED_NOTE = ("Generated from solutions/{name} by `make notebooks` with the solution "
                  "regions blanked. Edit the solutions/ notebook, not this one.")


class BlankingError(ValueError):
    """A solution region that cannot be blanked into a working stub."""


def blank_source(source, where="a cell"):
    """`source` with every solution region replaced by the stub; unchanged if it has none."""
    out, region_start = [], None
    for number, line in enumerate(source.splitlines(keepends=True), start=1):
        marker = line.strip()
        if marker == BEGIN:
            if region_start is not None:
                raise BlankingError(f"{where}, line {number}: {BEGIN} inside another region")
            region_start = number
            indent = line[: len(line) - len(line.lstrip())]
            if not indent:
                raise BlankingError(f"{where}, line {number}: a solution region must sit inside "
                                    "a function body (indented), so the stub still defines it")
            out.extend(f"{indent}{stub}\n" for stub in STUB)
        elif marker == END:
            if region_start is None:
                raise BlankingError(f"{where}, line {number}: {END} without {BEGIN}")
            region_start = None
        elif region_start is None:
            out.append(line)
    if region_start is not None:
        raise BlankingError(f"{where}, line {region_start}: {BEGIN} is never closed")
    blanked = "".join(out)
    if blanked != source:
        check_stub_defines(blanked, where)
    return blanked


def check_stub_defines(source, where):
    """Refuse a stub that raises outside a function (running the cell would fail)."""
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        raise BlankingError(f"{where}: the blanked code does not parse: {error}") from None
    bodies = [tree.body] + [node.body for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    for body in bodies:
        for statement in body:
            if isinstance(statement, ast.Raise) and "NotImplementedError" in ast.unparse(statement):
                raise BlankingError(f"{where}: a solution region is not inside a function body")


def has_solution(source):
    return any(line.strip() == BEGIN for line in source.splitlines())


def learner_notebook(solution_nb, name):
    """A copy of the solution notebook `name` with regions blanked and outputs cleared."""
    nb = copy.deepcopy(solution_nb)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        cell.source = blank_source(cell.source, where=f"solutions/{name}, cell {index}")
        cell.outputs = []
        cell.execution_count = None
    nb.metadata.setdefault("lessons", {})["generated"] = GENERATED_NOTE.format(name=name)
    return nb


def cell_signature(nb):
    """What must match between a fresh build and the committed learner notebook."""
    return [(cell.cell_type, cell.source, tuple(cell.metadata.get("tags", ())))
            for cell in nb.cells]
