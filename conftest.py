"""Set-up for every test, notebooks included (this file sits above tests/, solutions/ and
notebooks/ so it applies to all three)."""

import os

from tests.notebooks.notebook_files import starts_processes

# ipykernel sets FORCE_COLOR in its kernels, and Python 3.13+ then colours tracebacks with
# escape codes, while the committed outputs are plain text. PYTHON_COLORS=0 wins over
# FORCE_COLOR, and the kernels nbval starts inherit it from this process.
os.environ["PYTHON_COLORS"] = "0"


def pytest_ignore_collect(collection_path, config):
    # A notebook that starts processes is validated under each start method in turn by
    # tests/notebooks/test_start_methods.py, not once here under the default.
    if collection_path.suffix == ".ipynb" and starts_processes(collection_path):
        return True
    return None
