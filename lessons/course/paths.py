"""Where the course's files are: the repository root, and its notebook folders.

The course runs from a clone (``pip install -e .``): ``solution()`` reads ``solutions/``, and
the build and the tests write and read both notebook folders.
"""

from pathlib import Path

__all__ = ["ROOT", "SOLUTIONS", "NOTEBOOKS", "PYPROJECT"]

ROOT = Path(__file__).resolve().parents[2]
SOLUTIONS = ROOT / "solutions"
NOTEBOOKS = ROOT / "notebooks"
PYPROJECT = ROOT / "pyproject.toml"
