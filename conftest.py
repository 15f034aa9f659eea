"""Set-up for every test, notebooks included (this file sits above tests/, solutions/ and
notebooks/ so it applies to all three)."""

import os

# ipykernel sets FORCE_COLOR in its kernels, and Python 3.13+ then colours tracebacks with
# escape codes, while the committed outputs are plain text. PYTHON_COLORS=0 wins over
# FORCE_COLOR, and the kernels nbval starts inherit it from this process.
os.environ["PYTHON_COLORS"] = "0"
