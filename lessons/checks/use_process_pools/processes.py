"""The worker processes of a candidate's pool: whether they have exited and been joined,
judged without reaping them for the candidate, and, after each check, killing what is left.

Honest means looking without changing what is looked at. ``multiprocessing.active_children()``
and ``Process.is_alive()`` poll, which reaps a child that has exited (``waitpid``) and forgets
it: a pool that never joined its workers would then look clean. So the judgement reads, and
changes nothing:

* ``/proc/<pid>/stat`` (where there is one): a pid still there and not a zombie is a process
  still running; a zombie (``Z``) has exited but nobody waited for it;
* ``multiprocessing.process._children``: ``Process.start()`` adds the process, ``join()`` (or
  a poll that finds it ended) removes it. What is still there was never joined.

Under ``forkserver`` the workers are the fork server's children, reaped by it as they end, so
only the second shows a missing join. Both hold only while nothing else polls: the checker
runs its pools one at a time and judges right after the candidate's call returns.
"""

import multiprocessing
import multiprocessing.process
import os
import time

__all__ = ["unjoined", "state_of", "left_over", "left_over_within", "kill_left"]

POLL = 0.01  # seconds between looks


def unjoined():
    """The Process objects started in this process and not joined yet (read, not polled)."""
    return set(multiprocessing.process._children)


def state_of(pid):
    """'running', 'zombie' (exited, not waited for) or 'gone', for a child's `pid`."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            state = stat.read().rpartition(")")[2].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return "gone"
    except OSError:  # no /proc here: a signal 0 tells alive (or a zombie) from gone
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return "gone"
        return "running"
    return "zombie" if state in ("Z", "X") else "running"


def left_over(pids, processes):
    """What is left of a pool's workers: '' if each has exited and been joined, else a
    plain description ("1 worker still running; …"). `pids`: those its tasks reported;
    `processes`: the Process objects it started (their pids count too)."""
    pids = set(pids) | {process.pid for process in processes if process.pid}
    states = {pid: state_of(pid) for pid in sorted(pids)}
    running = [pid for pid, state in states.items() if state == "running"]
    zombies = {pid for pid, state in states.items() if state == "zombie"}
    not_joined = {p.pid for p in processes & unjoined() if p.pid not in running} | zombies
    parts = []
    if running:
        parts.append(f"{_count(running, 'worker')} still running")
    if not_joined:
        parts.append(f"{_count(not_joined, 'worker')} ended but never joined "
                     "(join each worker process before shutdown returns)")
    return "; ".join(parts)


def left_over_within(pids, processes, patience):
    """`left_over`, looking again until nothing is left or `patience` s have passed: for a
    pool whose workers end after shutdown(wait=False) returned."""
    deadline = time.monotonic() + patience
    while (left := left_over(pids, processes)) and time.monotonic() < deadline:
        time.sleep(POLL)
    return left


def _count(items, noun):
    return f"1 {noun}" if len(items) == 1 else f"{len(items)} {noun}s"


def kill_left(before, patience=5.0):
    """Kill what a candidate left running that was not there `before` (a set of Process
    objects), so that a check leaves nothing behind. Looks again after each round: the
    candidate's own threads may still be starting or reaping workers."""
    deadline = time.monotonic() + patience
    while (left := set(multiprocessing.active_children()) - before) \
            and time.monotonic() < deadline:
        for process in left:
            process.kill()
            process.join(max(0.0, deadline - time.monotonic()))
