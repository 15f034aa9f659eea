"""Wrong answers for lesson 11's `word-count`, each named for its bug and marked with the
behaviour it must fail."""

import functools
import operator
from collections import Counter
from concurrent.futures import FIRST_COMPLETED

from distributed import wait

from tests.checks.wrong_answers.marks import fails


@fails("runs as a task on a worker")
def counts_in_the_caller(client, paths, count):
    totals = Counter()
    for path in paths:
        totals.update(count(path))  # the files are read here: the cluster does nothing
    return totals


@fails("3 files")
def replaces_counts_with_dict_update(client, paths, count):
    totals = {}
    for future in client.map(count, paths):
        totals.update(future.result(timeout=60))  # a word in two files keeps the last count
    return totals


@fails("listed twice counts twice")
def one_task_per_distinct_path(client, paths, count):
    futures = {path: client.submit(count, path) for path in paths}
    totals = Counter()
    for future in futures.values():
        totals.update(future.result(timeout=60))
    return totals


@fails("FileNotFoundError raised here")
def skips_files_that_fail(client, paths, count):
    totals = Counter()
    for counted in client.gather(client.map(count, paths), errors="skip"):
        totals.update(counted)
    return totals


@fails("finish latest file first")
def keeps_what_finished_first(client, paths, count):
    futures = client.map(count, paths)
    done, _ = wait(futures, timeout=60, return_when=FIRST_COMPLETED)
    totals = Counter()
    for future in futures:
        if future in done:  # the rest are still running: left out
            totals.update(future.result())
    return totals


@fails("a worker process dies")
def pins_every_task_to_one_worker(client, paths, count):
    first = sorted(client.scheduler_info()["workers"])[0]
    futures = client.map(count, paths, workers=[first], allow_other_workers=False)
    totals = Counter()
    for future in futures:  # that worker dies: its replacement has another address
        totals.update(future.result(timeout=60))
    return totals


@fails("an empty Counter")
def adds_up_with_reduce(client, paths, count):
    return functools.reduce(operator.add, client.gather(client.map(count, paths)))


@fails("3 files")
def counts_on_every_worker(client, paths, count):
    totals = Counter()
    for path in paths:  # client.run runs the function on every worker: each file counted twice
        for counted in client.run(count, path).values():
            totals.update(counted)
    return totals


@fails("3 files")
def returns_the_counts_per_file(client, paths, count):
    return [future.result(timeout=60) for future in client.map(count, paths)]


WORD_COUNT = [counts_in_the_caller, replaces_counts_with_dict_update, one_task_per_distinct_path,
              skips_files_that_fail, keeps_what_finished_first, pins_every_task_to_one_worker,
              adds_up_with_reduce, counts_on_every_worker, returns_the_counts_per_file]
