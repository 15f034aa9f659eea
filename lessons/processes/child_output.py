"""Where a child process's ``print`` lands in a notebook: run it in a fresh kernel and watch.

A kernel run by Jupyter (ipykernel 6 and later, ``capture_fd_output`` on by default, on Linux
and macOS) points its file descriptors 1 and 2 at a pipe, and a thread of its own forwards
whatever comes through to the notebook, as output of *the cell running at that moment* (or of
the last one). A child started by ``spawn`` or ``forkserver`` inherits those descriptors, so
its ``print`` reaches the notebook too, late; a ``fork`` child also inherits the kernel's
``sys.stdout`` object, which sends through the kernel. (On Windows it goes to the terminal.)

That cannot be shown in the lesson's own kernel and compared exactly: when it arrives is up
to timing, and a kernel started under pytest (nbval) does not capture its descriptors at all.
So `where_prints_land` starts a kernel as JupyterLab would, runs two cells in it per start
method — the first starts a child that waits, the second tells it to print — and reads the
kernel's messages itself, waiting (with a timeout) until the child's line has come.
"""

import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

__all__ = ["where_prints_land"]

_START = """
import multiprocessing
from lessons.processes.start import print_when_told
_context = multiprocessing.get_context({method!r})
_gate, _gate_in = _context.Pipe(duplex=False)
_child = _context.Process(target=print_when_told, args=(_gate, {line!r}))
_child.start()
_gate.close()
"""
_TELL = """
_gate_in.send(True)
_gate_in.close()
_child.join(30)
"""
_CELLS = ("the cell that started the child", "the next cell, which told it to print")


def where_prints_land(methods=("fork", "spawn", "forkserver"), timeout=30):
    """{method: where the child's line showed up}, from a fresh kernel on this interpreter.

    Raises TimeoutError if the kernel does not start, a cell does not finish, or the child's
    line does not arrive within `timeout` seconds. The kernel is shut down either way.
    """
    # jupyter_client's blocking calls run an event loop; called from a thread that already
    # runs one (a kernel's), they start a helper thread that never ends. In a thread of our
    # own they run a loop of their own, and nothing is left running.
    outcome = {}

    def watch():
        try:
            outcome["value"] = _in_a_fresh_kernel(methods, timeout)
        except BaseException as error:
            outcome["error"] = error

    watcher = threading.Thread(target=watch, name="where-prints-land")
    watcher.start()
    watcher.join(timeout * (len(methods) + 4))
    if watcher.is_alive():
        raise TimeoutError(f"the demo kernel did not finish within {timeout} s a step")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _in_a_fresh_kernel(methods, timeout):
    import zmq
    from jupyter_client import BlockingKernelClient
    from jupyter_client.connect import write_connection_file

    with tempfile.TemporaryDirectory() as folder:
        connection_file, _ = write_connection_file(str(Path(folder) / "kernel.json"),
                                                   transport="ipc",
                                                   ip=str(Path(folder) / "ipc"))
        kernel = _start_kernel(connection_file, folder)
        context = zmq.Context()  # ours, so that its threads end with it
        client = BlockingKernelClient(connection_file=connection_file, context=context)
        client.load_connection_file()
        client.start_channels(hb=False)  # a heartbeat misses on a busy machine: "died"
        try:
            client.wait_for_ready(timeout=timeout)
            return {method: _one_method(client, method, timeout) for method in methods}
        finally:
            _shut_down(client, kernel, timeout)
            context.destroy(linger=0)


def _start_kernel(connection_file, folder):
    # As JupyterLab starts one: no pytest variable in its environment (ipykernel does not
    # capture descriptors under pytest), this package importable, plain tracebacks.
    env = {name: value for name, value in os.environ.items() if name != "PYTEST_CURRENT_TEST"}
    root = str(Path(__file__).resolve().parents[2])
    env.update(PYTHON_COLORS="0", PYTHONPATH=os.pathsep.join(
        filter(None, [root, os.environ.get("PYTHONPATH")])))
    return subprocess.Popen([sys.executable, "-m", "ipykernel_launcher", "-f", connection_file],
                            cwd=folder, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _shut_down(client, kernel, timeout):
    """Ask the kernel to exit (its forkserver and resource tracker follow it); kill it if not."""
    client.shutdown()
    client.stop_channels()
    try:
        kernel.wait(timeout)
    except subprocess.TimeoutExpired:
        kernel.kill()
        kernel.wait(timeout)


def _one_method(client, method, timeout):
    line = f"hello from a {method} child"
    cells = [client.execute(code) for code in
             (_START.format(method=method, line=line), _TELL)]
    for cell in cells:
        client.get_shell_msg(timeout=timeout)  # each cell's execute_reply, in order
    seen = _stream_messages(client, lambda text: line + "\n" in text, timeout)
    where = [_CELLS[cells.index(parent)] if parent in cells else "another cell"
             for parent, _ in seen]
    return where[0] if len(set(where)) == 1 else " and ".join(where)


def _stream_messages(client, done, timeout):
    """(parent request id, text) of each stream message until `done(all text so far)`."""
    seen, text = [], ""
    while not done(text):
        try:
            message = client.get_iopub_msg(timeout=timeout)
        except Exception:  # queue.Empty: nothing more came
            raise TimeoutError(f"the child's line did not reach the kernel's output "
                               f"within {timeout} s") from None
        if message["msg_type"] == "stream":
            seen.append((message["parent_header"].get("msg_id"), message["content"]["text"]))
            text += message["content"]["text"]
        elif message["msg_type"] == "error":
            raise RuntimeError("a cell failed in the demo kernel: "
                               + " ".join(message["content"]["traceback"][-1:]))
    return seen
