"""Two cells that bracket a notebook to prove it leaves no thread or child process behind.

``BASELINE`` goes first, ``LEAK_CHECK`` last; the check raises in the kernel, with what it
found, if a thread or a child process is still running. The processes ``multiprocessing``
keeps on purpose are allowed, and recognised by what they are (the command they run): the
resource tracker (spawn, forkserver) and the forkserver's server, each a child of the kernel.
A worker the server forked runs the server's command line, but it is the server's child, and
it is caught like any other leftover.
"""

# Threads that belong to libraries, not to the lesson, are started before the baseline is
# taken: numpy (under matplotlib) starts its BLAS workers when first imported, and pyzmq starts
# a garbage-collector thread the first time the kernel sends a large buffer (a widget's image).
BASELINE = """\
import numpy as _leak_numpy
from zmq.utils.garbage import gc as _leak_zmq_gc
_leak_zmq_gc.start()
import threading as _leak_threading, multiprocessing as _leak_mp, psutil as _leak_psutil
_leak_before = set(_leak_threading.enumerate())
_leak_os_threads = _leak_psutil.Process().num_threads()
"""

# Threads started with _thread show up in threading.enumerate() as dummies that never leave it,
# whether or not they still run, so they are counted at the operating system's level instead.
# multiprocessing's own helper threads (a Queue's feeder, a Pool's handlers) count like any.
LEAK_CHECK = """\
import time as _leak_time
_LEAK_KEPT_ON_PURPOSE = ("from multiprocessing.resource_tracker import main",
                         "from multiprocessing.forkserver import main")

def _leak_kept_on_purpose(process, kernel):
    # Kept on purpose: the kernel's own child running one of those commands. The workers the
    # forkserver forks run the same command line, but they are the server's children.
    try:
        return (process.ppid() == kernel.pid
                and any(arg.startswith(_LEAK_KEPT_ON_PURPOSE) for arg in process.cmdline()))
    except _leak_psutil.Error:  # it has just ended
        return True

# Dask keeps one thread for the process's life once it has used it (distributed.utils'
# offload executor), as multiprocessing keeps its resource tracker: allowed, by its name.
_LEAK_THREADS_KEPT_ON_PURPOSE = ("Dask-Offload_",)

_leak_deadline = _leak_time.monotonic() + 2  # a thread may still be finishing its last line
while True:
    _new_threads = [t for t in _leak_threading.enumerate() if t not in _leak_before
                    and t.is_alive() and not isinstance(t, _leak_threading._DummyThread)]
    _kept = [t for t in _new_threads if t.name.startswith(_LEAK_THREADS_KEPT_ON_PURPOSE)]
    _leaked = [t.name for t in _new_threads if t not in _kept]
    _extra_os_threads = _leak_psutil.Process().num_threads() - _leak_os_threads - len(_kept)
    _kernel = _leak_psutil.Process()
    _children = [p for p in _kernel.children(recursive=True)
                 if not _leak_kept_on_purpose(p, _kernel)]
    if not (_leaked or _extra_os_threads > 0 or _children) or _leak_time.monotonic() > _leak_deadline:
        break
    _leak_time.sleep(0.05)
assert not _leaked, f"threads left running: {_leaked}"
assert _extra_os_threads <= 0, f"{_extra_os_threads} more operating-system threads than before"
assert not _children, f"child processes left running: {[p.pid for p in _children]}"
"""
