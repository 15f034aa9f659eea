"""How does this interpreter start child processes? Ask a child, and judge by what it is.

A child made by ``fork`` is a copy of its parent: it still holds a value the parent set at run
time. One made by ``spawn`` is a fresh interpreter whose parent is the starter; one made by
``forkserver`` is forked by a server process, so its parent is that server. The child also
reports the start method ``multiprocessing`` believes in; the two must agree.
"""

import multiprocessing
import os

__all__ = ["how_children_start", "judge"]

# Set in the parent just before a child starts: only a forked copy of the parent still sees it.
_set_by_the_parent_at_run_time = False


def _evidence(starter_pid):
    """Run in the child: what it can see of how it was made."""
    return {
        "copy of the parent": _set_by_the_parent_at_run_time,
        "child of the starter": os.getppid() == starter_pid,
        "start method": multiprocessing.get_start_method(),
    }


def _send_evidence(connection, starter_pid):
    connection.send(_evidence(starter_pid))
    connection.close()


def judge(evidence):
    """The start method the evidence shows: fork, spawn or forkserver."""
    if evidence["copy of the parent"]:
        return "fork"
    return "spawn" if evidence["child of the starter"] else "forkserver"


def how_children_start(timeout=30):
    """Start one child the default way; one line that says how it was started.

    Raises TimeoutError if the child does not answer within `timeout` seconds.
    """
    global _set_by_the_parent_at_run_time
    _set_by_the_parent_at_run_time = True
    receiver, sender = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.Process(target=_send_evidence, args=(sender, os.getpid()),
                                    name="start-method-probe")
    child.start()
    sender.close()  # ours: the child has its own copy
    try:
        if not receiver.poll(timeout):
            raise TimeoutError(f"the probe child sent nothing within {timeout} s")
        evidence = receiver.recv()
    finally:
        receiver.close()
        child.join(timeout)
        if child.is_alive():
            child.kill()
            child.join(timeout)
        _set_by_the_parent_at_run_time = False
    return (f"children are started by {judge(evidence)} "
            f"(the child says: {evidence['start method']})")
