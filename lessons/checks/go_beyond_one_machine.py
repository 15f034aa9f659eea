"""Checker for lesson 11, Go beyond one machine: the exercise `word-count`.

The contract it proves: ``word_count(client, paths, count=words_in)``

1. returns the totals of ``count(path)`` (a Counter of one file's words) over `paths`, as a
   Counter (any mapping with those counts passes);
2. runs every ``count(path)`` as a task on a worker of `client`, never in the caller;
3. gives the same totals whatever order the tasks finish in;
4. counts a path listed twice twice, and returns an empty Counter for no paths;
5. raises a task's error in the caller, as the task raised it (a missing file:
   ``FileNotFoundError``), instead of returning a partial count;
6. returns complete, correct totals when a worker process dies while tasks run;
7. leaves the caller's list of paths as it was.

The check runs on the notebook's cluster (``distributed.default_client()``) when there is one,
else on a local cluster it starts and closes. Orders are forced, not hoped for: the `count` it
hands the candidate is ``gated_words_in``, which marks that it started and then waits for a
gate file the checker creates — so the checker finishes tasks in the order it chooses, and
stops a worker while it holds a task. Each call has LIMIT seconds; what it left waiting at a
gate is let through afterwards.
"""

import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Mapping
from contextlib import contextmanager
from pathlib import Path

import distributed

from lessons.checks.kit.watch import Call, public_name
from lessons.course.checking import not_written, trial
from lessons.distributed import cluster
from lessons.distributed.tasks import gated_words_in, started_marks, started_on, words_in

__all__ = ["check_word_count"]

LIMIT = 6.0  # seconds a call may take: well under a second when right on a quiet machine
RESTART_LIMIT = 30.0  # seconds for a stopped worker's nanny to start a new one
TEXTS = ("the cat sat on the mat", "the dog sat", "a cat and a dog and the end", "end")


def check_word_count(word_count):
    with _cluster() as client, _files() as paths:
        yield "waiting for the cluster's two workers"
        # A worker stopped by an earlier check may still be restarting.
        client.wait_for_workers(2, timeout=RESTART_LIMIT)
        yield from _plain(word_count, client, paths)
        yield from _on_workers(word_count, client, paths)
        yield from _out_of_order(word_count, client, paths)
        yield from _listed_twice(word_count, client, paths)
        yield from _no_paths(word_count, client)
        yield from _missing_file(word_count, client, paths)
        yield from _worker_dies(word_count, client, paths)


@contextmanager
def _cluster():
    try:
        client = distributed.default_client()
        started = client.status != "running"
    except ValueError:  # no client in this process
        started = True
    if started:  # start a local cluster for the check, and close it after
        client = cluster.start_client()
    try:
        yield client
    finally:
        if started:
            client.close()


@contextmanager
def _files():
    folder = Path(tempfile.mkdtemp(prefix="word-count-"))
    try:
        paths = []
        for i, text in enumerate(TEXTS):
            path = folder / f"part{i}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        yield paths
    finally:
        for path in folder.glob("*.txt"):
            Path(f"{path}.go").touch()  # let through any task still waiting at its gate
        shutil.rmtree(folder, ignore_errors=True)


def _totals(paths):
    return sum((words_in(path) for path in paths), Counter())


def _shown(counts):
    return "{" + ", ".join(f"{word!r}: {n}" for word, n in sorted(counts.items())) + "}"


def _run(word_count, client, paths, count=words_in, meanwhile=None):
    """How the call ended: ('returned', value) / ('raised', error) / ('blocked', None)."""
    given = list(paths)
    call = Call(word_count, client, given, count)
    if meanwhile is not None:
        meanwhile(call)
    if not call.ended.wait(LIMIT):
        return "blocked", None, given == paths
    if isinstance(call.raised, NotImplementedError):
        return "stub", call.raised, given == paths
    if call.raised is not None:
        return "raised", call.raised, given == paths
    return "returned", call.returned, given == paths


def _judge(ended, value, unchanged, expected):
    """What the learner sees for a call expected to return `expected` totals."""
    if ended == "stub":
        return not_written(value)
    if ended == "blocked":
        return f"still running after {LIMIT:g} s"
    if ended == "raised":
        return f"raised {public_name(type(value))}: {value}"
    if not isinstance(value, Mapping):
        return f"returned a {type(value).__name__}, not a Counter: {value!r}"[:200]
    if not unchanged:
        return "changed the list of paths it was given"
    return _shown(expected) if Counter(value) == expected else _shown(Counter(value))


def _plain(word_count, client, paths):
    three = paths[:3]
    expected = _totals(three)
    yield from trial("word_count(client, 3 files): the totals of their words", _shown(expected),
                     lambda: _judge(*_run(word_count, client, three), expected))


def _on_workers(word_count, client, paths):
    def observe():
        for path in paths:
            Path(f"{path}.go").touch()
        ended, value, unchanged = _run(word_count, client, paths, gated_words_in)
        if ended != "returned":
            return _judge(ended, value, unchanged, _totals(paths))
        ran_on = [address for path in paths for address in started_on(path)]
        if not ran_on:
            return "count was never called"
        if "" in ran_on:
            return "count ran outside the cluster's workers (in the caller?)"
        return "every count ran on a worker"
    yield from trial("each count(path) runs as a task on a worker, not in the caller",
                     "every count ran on a worker", _fresh(paths, observe))


def _out_of_order(word_count, client, paths):
    expected = _totals(paths)

    def release_last_first(call):
        # Of the tasks that have started, let the one for the latest file finish first.
        released, deadline, settled = set(), time.monotonic() + LIMIT, _Settled()
        while len(released) < len(paths) and not call.ended.is_set() \
                and time.monotonic() < deadline:
            waiting = [p for p in paths if started_marks(p) and p not in released]
            if len(waiting) >= min(2, len(paths) - len(released)) or settled(waiting):
                Path(f"{waiting[-1]}.go").touch()
                released.add(waiting[-1])
            time.sleep(0.005)

    yield from trial(f"{len(paths)} files whose tasks finish latest file first: the totals",
                     _shown(expected), _fresh(paths, lambda: _judge(
                         *_run(word_count, client, paths, gated_words_in, release_last_first),
                         expected)))


class _Settled:
    """Called with what is waiting now: True once the same non-empty set has waited SETTLE s
    with nothing else starting. A candidate that runs one task at a time (or pins every task
    to one worker) never has two waiting: it is let through one task at a time."""

    SETTLE = 0.3

    def __init__(self):
        self.key, self.since = None, time.monotonic()

    def __call__(self, waiting):
        key = tuple(waiting)
        if not waiting or key != self.key:
            self.key, self.since = key, time.monotonic()
            return False
        return time.monotonic() - self.since >= self.SETTLE


def _listed_twice(word_count, client, paths):
    twice = [paths[0], paths[1], paths[0]]
    expected = _totals(twice)
    yield from trial("word_count(client, [a, b, a]): a path listed twice counts twice",
                     _shown(expected), lambda: _judge(*_run(word_count, client, twice), expected))


def _no_paths(word_count, client):
    yield from trial("word_count(client, []): an empty Counter", "{}",
                     lambda: _judge(*_run(word_count, client, []), Counter()))


def _missing_file(word_count, client, paths):
    missing = str(Path(paths[0]).with_name("no-such-file.txt"))

    def observe():
        ended, value, _ = _run(word_count, client, [paths[0], missing, paths[1]])
        if ended == "stub":
            return not_written(value)
        if ended == "raised" and isinstance(value, FileNotFoundError):
            return "raised FileNotFoundError"
        if ended == "raised":
            return f"raised {public_name(type(value))}: {value}"
        return "still running" if ended == "blocked" else f"returned {value!r}"[:200]
    yield from trial("one of 3 files is missing: its task's FileNotFoundError raised here",
                     "raised FileNotFoundError", observe)


def _worker_dies(word_count, client, paths):
    expected = _totals(paths)

    def stop_a_busy_worker(call):
        deadline, settled = time.monotonic() + LIMIT, _Settled()
        while not call.ended.is_set() and time.monotonic() < deadline:
            busy = sorted({a for path in paths for a in started_on(path)})
            if len(busy) >= 2 or settled(busy):
                break
            time.sleep(0.005)
        busy = sorted({a for path in paths for a in started_on(path) if a})
        if busy:
            cluster.stop_worker(client, busy[0])
        for path in paths:
            Path(f"{path}.go").touch()

    tried = "a worker process dies while tasks run: complete, correct totals"
    yield tried
    # A worker stopped by an earlier check may still be restarting: this needs two.
    client.wait_for_workers(2, timeout=RESTART_LIMIT)
    yield from trial(tried, _shown(expected), _fresh(paths, lambda: _judge(
        *_run(word_count, client, paths, gated_words_in, stop_a_busy_worker), expected)))


def _fresh(paths, observe):
    """`observe`, with every gate closed and every start mark gone before it runs."""
    def run():
        for path in paths:
            for mark in Path(path).parent.glob(f"{Path(path).name}.*"):
                mark.unlink()
        return observe()
    return run
