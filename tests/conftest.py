"""Shared test set-up: list the notebook cells whose output is not compared, with reasons."""

from tests.notebook_files import ignored_output_cells


def pytest_terminal_summary(terminalreporter):
    cells = ignored_output_cells()
    terminalreporter.section(f"notebook cells whose output is not compared: {len(cells)}")
    for notebook, index, reason in cells:
        terminalreporter.line(f"{notebook} cell {index}: {reason or '(NO REASON GIVEN)'}")
