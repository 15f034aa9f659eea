"""The environment check behind notebook 00 and `python -m lessons setup-check`."""

import re
import subprocess
import sys
import tomllib
from importlib import metadata

from lessons.course import setup_check
from lessons.__main__ import main
from lessons.course.paths import PYPROJECT


def test_cli_reports_ready_on_this_machine():
    done = subprocess.run([sys.executable, "-m", "lessons", "setup-check"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[-1].startswith("✓ Ready")
    for what in ["Python", "Global interpreter lock", "CPU cores", "start method",
                 "ipykernel", "ipywidgets", "matplotlib"]:
        assert any(what in line for line in lines), what


def test_missing_or_old_package_is_a_cross(monkeypatch):
    real = metadata.version
    fake = {"ipywidgets": "7.0.0"}

    def version(name):
        if name == "matplotlib":
            raise metadata.PackageNotFoundError(name)
        return fake.get(name) or real(name)

    monkeypatch.setattr(setup_check.metadata, "version", version)
    text, ready = setup_check.report()
    assert not ready
    assert "✗ matplotlib: ‹missing›" in text
    assert "✗ ipywidgets: ‹7.0.0›" in text
    assert text.splitlines()[-1] == "✗ Not ready: 2 problem(s) above."


def test_cli_lists_exercises(capsys):
    assert main(["exercises"]) == 0
    assert "collect-results" in capsys.readouterr().out


def test_version_tuple_reads_release_versions():
    assert setup_check.version_tuple("8.1.9") == (8, 1, 9)
    assert setup_check.version_tuple("3.11.0rc1") == (3, 11, 0)
    assert setup_check.version_tuple("6.29") > setup_check.version_tuple("6.3")


def test_minimum_versions_are_pyprojects_dependencies():
    declared = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["dependencies"]
    # "bokeh>=3.9,<3.10": the check needs only the lowest version a lesson works with
    lowest = {re.match(r"[A-Za-z0-9_.-]+", spec).group(): re.search(r">=([0-9.]+)", spec).group(1)
              for spec in declared}
    assert setup_check.minimum_versions() == lowest
