"""Check that this machine can run the course, and say so in ✓/✗ lines.

Used by notebook 00 and by ``python -m lessons setup-check`` (for a room of workshop laptops).
"""

import multiprocessing
import os
import platform
import re
import sys
from dataclasses import dataclass
from importlib import metadata

from lessons.course.machine_values import varies

__all__ = ["report", "findings", "minimum_versions", "gil_enabled"]

MIN_PYTHON = (3, 11)
DISTRIBUTION = "lessons"  # this course, as pip installed it


@dataclass(frozen=True)
class Finding:
    ok: bool
    what: str
    value: str  # depends on the machine, shown inside ‹ ›
    note: str = ""

    def line(self):
        note = f" — {self.note}" if self.note else ""
        return f"{'✓' if self.ok else '✗'} {self.what}: {varies(self.value)}{note}"


def version_tuple(text):
    """(3, 11, 0) from "3.11.0rc1": the leading numbers of a release, enough to compare."""
    parts = []
    for piece in text.split("."):
        digits = re.match(r"\d+", piece)
        if not digits:
            break
        parts.append(int(digits.group()))
        if digits.group() != piece:  # "0rc1": a pre-release tag ends the release numbers
            break
    return tuple(parts)


def minimum_versions():
    """Distribution → the oldest version the lessons work with: the course's own requirements
    (``dependencies`` in pyproject.toml, as installed), so the two never disagree."""
    oldest = {}
    for requirement in metadata.requires(DISTRIBUTION) or ():
        if ";" in requirement:  # an extra (tests, JupyterLab): not needed to follow the course
            continue
        # "name>=1.2" or, with an upper bound too, "name<2,>=1.2" (as pip writes it back)
        name = re.match(r"\s*([A-Za-z0-9_.-]+)", requirement)
        lowest = re.search(r">=\s*([0-9][0-9.]*)", requirement)
        if name and lowest:
            oldest[name.group(1)] = lowest.group(1)
    return oldest


def gil_enabled():
    """True on a normal build; False on a free-threaded build (3.13t+) running without a GIL."""
    is_enabled = getattr(sys, "_is_gil_enabled", None)  # added in 3.13
    return True if is_enabled is None else is_enabled()


def findings():
    found = [
        Finding(sys.version_info >= MIN_PYTHON, "Python", platform.python_version(),
                f"the course needs {'.'.join(map(str, MIN_PYTHON))} or newer"),
        Finding(True, "Global interpreter lock",
                "enabled" if gil_enabled() else "disabled (free-threaded build)",
                "with it, one thread at a time runs Python code (lesson 03)"),
        Finding(True, "CPU cores", os.cpu_count() or 1,
                "2 or more show parallel speed-ups"),
        Finding(True, "Default start method for processes", multiprocessing.get_start_method(),
                "how multiprocessing starts a child: fork, spawn or forkserver"),
    ]
    try:
        packages = minimum_versions()
    except metadata.PackageNotFoundError:
        return found + [Finding(False, "the course's package", "not installed",
                                "run `make lab`, or `pip install -e .` in the course's folder")]
    for package, oldest in packages.items():
        try:
            installed = metadata.version(package)
        except metadata.PackageNotFoundError:
            found.append(Finding(False, package, "missing", "run `make lab` or `pip install -e .`"))
            continue
        ok = version_tuple(installed) >= version_tuple(oldest)
        found.append(Finding(ok, package, installed, f"needs {oldest} or newer"))
    return found


def report():
    """All findings as text, ending with a one-line verdict."""
    found = findings()
    problems = sum(not f.ok for f in found)
    verdict = ("✓ Ready: this machine can run the course." if not problems
               else f"✗ Not ready: {problems} problem(s) above.")
    return "\n".join([f.line() for f in found] + [verdict]), not problems
