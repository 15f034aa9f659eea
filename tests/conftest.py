"""Shared test set-up: list the notebook cells whose output is not compared, with reasons."""

from tests.notebooks.notebook_files import ignored_output_cells

# Notebooks under tests/ are fixtures that the tests run themselves (under each start method,
# or to see a leak caught), never lessons for nbval to collect.
collect_ignore_glob = ["*.ipynb", "*/*.ipynb"]


def pytest_terminal_summary(terminalreporter):
    cells = ignored_output_cells()
    terminalreporter.section(f"notebook cells whose output is not compared: {len(cells)}")
    for notebook, index, reason in cells:
        terminalreporter.line(f"{notebook} cell {index}: {reason or '(NO REASON GIVEN)'}")
