"""A committed notebook opens in JupyterLab unchanged: no unsaved-changes dot before anything runs.

When a kernel connects, JupyterLab writes the kernel's spec and `language_info` into the
notebook's metadata, and marks it changed if either differs from the file (it compares them
value by value). Seen in a browser: with `language_info` lacking Python's version, every notebook
showed the dot at once, and saving it added only that version. So the build writes both exactly
as the kernel reports them; these tests fail if a notebook, or the build, drifts from that.
"""

import re

import nbformat
import pytest
from ipykernel.ipkernel import IPythonKernel
from ipykernel.kernelspec import get_kernel_dict

from coursebuild.executing import KERNELSPEC, as_jupyterlab_writes_it
from tests.notebooks.notebook_files import all_notebooks, read

NOTEBOOK_IDS = [f"{p.parent.name}/{p.name}" for p in all_notebooks()]


def _without_version(language_info):
    return {key: value for key, value in language_info.items() if key != "version"}


def test_the_build_writes_the_kernelspec_jupyterlab_writes():
    spec = get_kernel_dict()  # ipykernel's own `python3` kernel, the one `make lab` installs
    assert KERNELSPEC == {"name": "python3", "display_name": spec["display_name"],
                          "language": spec["language"]}


def test_the_build_keeps_the_kernels_language_info_and_drops_widget_state():
    nb = nbformat.v4.new_notebook(metadata={
        "language_info": dict(IPythonKernel.language_info),
        "kernelspec": {"name": "python3", "display_name": "Python 3"},
        "widgets": {"application/vnd.jupyter.widget-state+json": {"state": {}}}})
    as_jupyterlab_writes_it(nb)
    assert nb.metadata["language_info"] == IPythonKernel.language_info  # version included
    assert nb.metadata["kernelspec"] == KERNELSPEC
    assert "widgets" not in nb.metadata


@pytest.mark.parametrize("path", all_notebooks(), ids=NOTEBOOK_IDS)
def test_committed_metadata_is_what_jupyterlab_would_write_back(path):
    nb = read(path)
    assert nb.nbformat == nbformat.current_nbformat
    assert nb.nbformat_minor == nbformat.current_nbformat_minor  # cell ids, as JupyterLab saves
    assert all(cell.get("id") for cell in nb.cells)
    assert nb.metadata["kernelspec"] == KERNELSPEC
    found = nb.metadata["language_info"]
    # The version is the building kernel's, so it is compared with the one the others record;
    # every other field is what ipykernel reports on any version.
    assert re.fullmatch(r"3\.\d+\.\d+", found.get("version", "")), (
        f"{path.name}: language_info has no Python version: JupyterLab adds it on opening, "
        "and shows the notebook as changed (rebuild it: `make notebooks`)")
    assert _without_version(found) == _without_version(IPythonKernel.language_info)
    assert "widgets" not in nb.metadata


def test_every_notebook_records_the_same_python():
    versions = {read(path).metadata["language_info"].get("version") for path in all_notebooks()}
    assert len(versions) == 1, f"built on several Pythons: {sorted(map(str, versions))}"
