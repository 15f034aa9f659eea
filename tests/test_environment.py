"""environment.yml (conda, Binder) pins exactly what requirements.txt pins for pip."""

import re

import yaml

from tests.notebooks.notebook_files import ROOT

# The same project on PyPI and conda-forge, where the names differ.
CONDA_NAMES = {"dask": "dask-core"}  # conda-forge's "dask" adds pandas and more


def pip_pins():
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = re.fullmatch(r"([A-Za-z0-9_.\-]+)==(\S+)", line).groups()
            pins[name.lower()] = version
    return pins


def conda_pins():
    spec = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert spec["channels"] == ["conda-forge"]
    pins = {}
    for item in spec["dependencies"]:
        if isinstance(item, str) and "=" in item and not item.startswith("python"):
            name, version = item.split("=", 1)
            pins[name.lower()] = version
    return pins, spec


def test_every_pip_pin_is_exact():
    assert pip_pins(), "requirements.txt pins nothing"


def test_conda_and_pip_pin_the_same_versions():
    conda, _ = conda_pins()
    pip = {CONDA_NAMES.get(name, name): version for name, version in pip_pins().items()}
    assert conda == pip


def test_environment_installs_the_course_package_and_python():
    _, spec = conda_pins()
    assert "python>=3.11" in spec["dependencies"]
    pip_section = [item["pip"] for item in spec["dependencies"] if isinstance(item, dict)]
    assert pip_section == [["-e ."]]


def test_each_conda_dependency_says_why_it_is_there():
    for line in (ROOT / "environment.yml").read_text().splitlines():
        if re.match(r"\s+- [a-z].*=", line):
            assert "#" in line, f"no reason given: {line.strip()}"
