"""Execute notebooks in place with a kernel on this very interpreter."""

import os
import sys
import uuid
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from nbclient import NotebookClient

KERNEL_NAME = "python3"
CELL_TIMEOUT = 60  # seconds; a lesson cell that takes longer is a bug
# What JupyterLab writes as `kernelspec` when ipykernel's `python3` kernel connects.
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": KERNEL_NAME}


class ThisInterpreterKernels(KernelSpecManager):
    """Always start the kernel on ``sys.executable``, whatever kernels are installed."""

    def get_kernel_spec(self, kernel_name):
        return KernelSpec(argv=[sys.executable, "-m", "ipykernel_launcher", "-f",
                                "{connection_file}"],
                          display_name=KERNELSPEC["display_name"],
                          language=KERNELSPEC["language"], name=KERNEL_NAME,
                          # ipykernel sets FORCE_COLOR, and 3.13+ would then colour
                          # tracebacks with escape codes: keep committed outputs plain text.
                          env={"PYTHON_COLORS": "0"})


def execute(nb, workdir):
    """Run every cell of `nb` (modified in place) with `workdir` as the kernel's cwd."""
    client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name=KERNEL_NAME,
                            kernel_manager_class=_manager_class(),
                            resources={"metadata": {"path": str(workdir)}},
                            record_timing=False)
    client.execute()
    return as_jupyterlab_writes_it(nb)


def as_jupyterlab_writes_it(nb):
    """`nb`'s metadata (changed in place) as JupyterLab sets it once a kernel connects.

    JupyterLab copies the kernel's spec and its `language_info` (Python's version included)
    into the notebook when the kernel starts, and any value that differs from the file's marks
    the notebook changed: the unsaved-changes dot, before anything has run. So the metadata is
    exactly what it writes: the kernel's `language_info` as this build's kernel reported it,
    and the spec of the `python3` kernel. (Run on another Python version, JupyterLab records
    that version instead: a real change.)
    """
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    # Saved widget state holds random model ids, so it would change on every run; a widget
    # needs a live kernel to do anything, and its text output is kept in the cell.
    nb.metadata.pop("widgets", None)
    return nb


def execute_in_place(path):
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    execute(nb, path.parent)
    nbformat.write(nb, path)


def _manager_class():
    from jupyter_client.manager import KernelManager
    from traitlets import default

    class Manager(KernelManager):
        def _kernel_spec_manager_default(self):
            return ThisInterpreterKernels(data_dir=self.data_dir)

        @default("transport")
        def _transport_default(self):
            # Talk to the kernel over Unix sockets in Jupyter's private runtime folder, not
            # over TCP on loopback: nothing to eavesdrop on, so ipykernel (7+) has no
            # "running over TCP without encryption" warning to print for every notebook.
            # Windows has no such sockets: TCP there, and the warning with it.
            return "tcp" if os.name == "nt" else "ipc"

        @default("ip")
        def _ip_default(self):
            if self.transport != "ipc":
                return super()._ip_default()
            # An absolute path: the kernel runs in the notebook's folder, not in ours.
            from jupyter_core.paths import jupyter_runtime_dir

            os.makedirs(jupyter_runtime_dir(), mode=0o700, exist_ok=True)
            return os.path.join(jupyter_runtime_dir(), f"coursebuild-{uuid.uuid4().hex}-ipc")

    return Manager
