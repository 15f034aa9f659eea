"""Writes solutions/09_use_process_pools.ipynb (run from the worktree root)."""
import nbformat
from nbformat.v4 import new_code_cell as code, new_markdown_cell as md, new_notebook

reference = open("dev/reference_cell.py").read().rstrip() + "\n"
cells = [
md("""# 09 · Use process pools

A pool keeps worker processes running and hands them tasks, so you pay for starting a process
once, not once per task. This lesson runs the blog post's `Pool` example the way it should be
written, goes through the rest of `multiprocessing.Pool` and
`concurrent.futures.ProcessPoolExecutor`, and then has you **build a process pool yourself** —
the exercise the course has been building towards: lesson 06's `Executor`, on processes, and
one that notices when a worker dies.

**You will**
- run `Pool.map`, `imap_unordered` and `apply_async(...).get(timeout)`, and see what a timeout
  does (and does not do) to a task;
- use `close`/`join`/`terminate`, `starmap`, `imap`, `chunksize`, `initializer`,
  `maxtasksperchild` and callbacks, and read a worker's traceback;
- use `ProcessPoolExecutor` (`submit`, `map`, `as_completed`, `mp_context`,
  `max_tasks_per_child`, `cancel_futures`) and recover from `BrokenProcessPool`;
- compare `Pool`, `ProcessPoolExecutor` and `ThreadPoolExecutor`;
- build `ProcessPool`, a `concurrent.futures.Executor` on processes, from `Process`, pipes and a
  thread of your own.

**Time:** teaching 45 min · exercises 50 min

As in lessons 07 and 08, every function a worker runs comes from a module of the package
(`lessons.processes.pool_tasks`), never from a cell: under `spawn` and `forkserver` a worker
imports what it runs by module and name."""),
code("""import concurrent.futures
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import Pool

import matplotlib.pyplot as plt

from lessons import check, hint, solution
from lessons.course.machine_values import seconds, varies
from lessons.processes import pool_costs
from lessons.processes.pool_tasks import (add, die, divide, greeting, pid_after, remember,
                                          sleep_then, square)"""),
md("""## The blog post's example, done right

The blog post starts a `Pool(processes=4)` and maps `f(x) = x * x` over `range(10)`; here `f` is
`square`, from the package. `with` makes sure the workers are gone when the block ends.
`imap_unordered` hands results back as they come, in an order nobody can promise, so we sort
them before printing. `apply_async` returns an `AsyncResult` at once; `get(timeout=1)` waits for
it, a second at most.

Then the blog post asks four tasks which process ran them (`os.getpid`). How many different pids
come back depends on which worker happened to pick up which task — one worker may take two —
so the count is printed masked, next to what holds on any machine."""),
code("""with Pool(processes=4) as pool:
    print(pool.map(square, range(10)))
    print(sorted(pool.imap_unordered(square, range(10))))   # arrival order varies: sort
    print(pool.apply_async(square, (20,)).get(timeout=1))
    pids = {pool.apply_async(os.getpid, ()).get(timeout=5) for _ in range(4)}
print("different worker pids:", varies(len(pids)))
print("between 1 and 4 of them:", 1 <= len(pids) <= 4)
print("the parent's pid among them:", os.getpid() in pids)"""),
md("""### "We lacked patience"

The blog post waits one second for a task that sleeps ten. Three things are worth knowing (shown
here with short sleeps):

1. `get(timeout)` raises **`multiprocessing.TimeoutError`**, which is *not* the builtin
   `TimeoutError` (it is a `multiprocessing.ProcessError`, on 3.11–3.13), while
   `concurrent.futures.TimeoutError` *is* the builtin, since 3.11;
2. the task does not stop: it goes on running in its worker;
3. leaving `with Pool()` calls `terminate()`, which kills the workers: a task still running then
   never finishes, and its result never arrives."""),
code("""with Pool(processes=1) as pool:
    slow = pool.apply_async(sleep_then, (3, "done"))
    try:
        slow.get(timeout=0.2)
    except multiprocessing.TimeoutError as error:
        print("raised", f"{type(error).__module__}.{type(error).__qualname__}")
    print("still running in its worker:", not slow.ready())
print("after the with block, its result ever arrived:", slow.ready())

print("multiprocessing.TimeoutError is the builtin TimeoutError:",
      issubclass(multiprocessing.TimeoutError, TimeoutError))
print([kind.__name__ for kind in multiprocessing.TimeoutError.__mro__])
print("concurrent.futures.TimeoutError is the builtin:",
      concurrent.futures.TimeoutError is TimeoutError)"""),
md("""## The rest of `Pool`

- **Closing.** `close()` says "no more tasks": the workers finish what is queued, then exit, and
  `join()` waits for them. `terminate()` kills them, done or not — that is what leaving a `with`
  block does. `Pool.join()` has no timeout, so first wait for the results, with one.
- **`starmap`** unpacks each item as arguments: `add(1, 2)`, `add(3, 4)`.
- **`map` or `imap`?** `map` builds the whole list and returns when every task is done; `imap`
  returns an iterator that hands out each result, in order, as soon as it and those before it
  are done — less memory, and the first result sooner.
- **Errors.** An exception in a worker comes back to whoever asks for the result, with the
  worker's traceback attached as its `__cause__` (a `RemoteTraceback`, whose text names the
  worker's files: print only its last line). `error_callback` gets it too."""),
code("""pool = Pool(2)
print(pool.map_async(square, range(5)).get(timeout=5))
print(pool.starmap_async(add, [(1, 2), (3, 4)]).get(timeout=5))
print(type(pool.map_async(square, range(3)).get(timeout=5)).__name__, "from map;",
      type(pool.imap(square, range(3))).__name__, "from imap")

failures = []
answer = pool.apply_async(divide, (1, 0), error_callback=failures.append)
try:
    answer.get(timeout=5)
except ZeroDivisionError as error:
    print("raised", repr(error))
    print("its cause:", type(error.__cause__).__name__, "—",
          str(error.__cause__).strip().strip('"').strip().splitlines()[-1])
print("error_callback got:", [repr(error) for error in failures])

pool.close()   # no more tasks
pool.join()    # the workers have exited
print("child processes still running:", multiprocessing.active_children())"""),
md("""How long until the first result, `map` against `imap`, for eight tasks of 50 ms on two
workers? `map` hands nothing out before all eight are done; `imap` hands out the first as soon as
it is done. (The times are masked; that `imap`'s first result comes no later than `map`'s holds
by construction.)"""),
code("""with Pool(2) as pool:
    pool.map_async(square, range(2)).get(timeout=30)   # both workers up first
    after_map = pool_costs.first_result_after(pool, "map")
    after_imap = pool_costs.first_result_after(pool, "imap")
print("first result after: map", seconds(after_map), "· imap", seconds(after_imap))"""),
md("""### `chunksize`: many tiny tasks as one message

Each task travels to a worker and back: a pickle, a write, a read, a wake-up. For tiny tasks that
trip costs far more than the work. `chunksize` sends tasks in batches. Below, tasks per second
through a warm pool of 2 workers, for chunk sizes from 1 to 1,000 (log scales; the numbers depend
on the machine, the shape does not)."""),
code("""# extra code – measures tasks per second by chunk size, then draws the figure below
sizes = [1, 10, 100, 1000]
rates = [pool_costs.tasks_per_second(pool_costs.POOLS["multiprocessing.Pool"], size, tasks=4000)
         for size in sizes]
print("chunksize 100 sends tiny tasks faster than chunksize 1:", rates[2] > rates[0])
figure, axes = plt.subplots(figsize=(6, 3.2))
axes.plot(sizes, rates, marker="o")
axes.set_xscale("log")
axes.set_yscale("log")
axes.set_xlabel("chunksize (tasks per message)")
axes.set_ylabel("tiny tasks per second")
axes.set_title("multiprocessing.Pool, 2 workers, 4,000 tasks of x * x")
axes.grid(True, which="both", alpha=0.3)
figure.tight_layout()
plt.show()"""),
md("""### Setting workers up, and replacing them

`initializer(*initargs)` runs once in each worker as it starts: open a connection, load a model,
set a module-level value the tasks then use. `maxtasksperchild=n` replaces a worker after n
tasks — a cure for tasks that leak memory. With one worker and `maxtasksperchild=2`, six tasks
need three workers, one after the other."""),
code("""with Pool(2, initializer=remember, initargs=("hello",)) as pool:
    print(pool.map_async(greeting, ["ann", "bob"]).get(timeout=5))

with Pool(1, maxtasksperchild=2) as pool:
    pids = pool.map_async(pid_after, [0] * 6, chunksize=1).get(timeout=30)
print("workers that ran the 6 tasks:", len(set(pids)))"""),
md("""## `ProcessPoolExecutor`

`concurrent.futures.ProcessPoolExecutor` is lesson 06's `Executor` on processes: `submit`
returns a `Future`, `map` keeps the order of its inputs (with a `chunksize`, as `Pool.map`),
`as_completed` hands futures out as they finish. `mp_context` picks the start method for this
pool only, leaving the default alone; `max_tasks_per_child` (3.11+) replaces workers like
`maxtasksperchild` (it needs a start method other than `fork`: with no `mp_context` it picks
`spawn`). `shutdown(cancel_futures=True)` cancels the tasks that have not started."""),
code("""with ProcessPoolExecutor(max_workers=2) as executor:
    print(executor.submit(square, 12).result(timeout=5))
    print(list(executor.map(square, range(10), chunksize=5, timeout=5)))
    futures = [executor.submit(square, n) for n in range(5)]
    print(sorted(future.result() for future in as_completed(futures, timeout=5)))

spawning = multiprocessing.get_context("spawn")
with ProcessPoolExecutor(max_workers=1, mp_context=spawning, max_tasks_per_child=2) as executor:
    pids = [executor.submit(pid_after, 0).result(timeout=30) for _ in range(4)]
print("workers that ran 4 tasks with max_tasks_per_child=2:", len(set(pids)))

executor = ProcessPoolExecutor(max_workers=1)
running = executor.submit(sleep_then, 0.3, "finished")
waiting = [executor.submit(square, n) for n in range(5)]
executor.shutdown(wait=True, cancel_futures=True)
print("the running task:", running.result(timeout=0))
print("cancelled while waiting:", varies(sum(f.cancelled() for f in waiting)), "of 5;",
      "every other one done:", all(f.done() for f in waiting))"""),
md("""### When a worker dies: `BrokenProcessPool`

A task that ends its worker abruptly — a crash in C code, the out-of-memory killer, here
`os._exit` — cannot report anything. `ProcessPoolExecutor` notices that a worker has gone and
fails that future, and every other one not yet done, with `BrokenProcessPool`, instead of letting
them wait for ever. The pool is then unusable: `submit` raises too. What to do: find out why the
worker died (its exit code is in the message since 3.12… or look at the system's logs), and start
a new pool. (`multiprocessing.Pool`, on the other hand, replaces a dead worker silently, and the
task it was running is lost: its result never arrives — `get` needs a timeout.)"""),
code("""executor = ProcessPoolExecutor(max_workers=2)
crash = executor.submit(die, 3)
try:
    crash.result(timeout=30)
except BrokenProcessPool as error:
    print("the crashed task:", type(error).__name__)
try:
    executor.submit(square, 2)
except BrokenProcessPool:
    print("submit on a broken pool: BrokenProcessPool")
executor.shutdown(wait=True)

with ProcessPoolExecutor(max_workers=2) as executor:   # a new pool works again
    print("a new pool:", executor.submit(square, 2).result(timeout=30))"""),
md("""## Side by side

| | `multiprocessing.Pool` | `ProcessPoolExecutor` | `ThreadPoolExecutor` |
|---|---|---|---|
| submit one task | `apply_async` → `AsyncResult` | `submit` → `Future` | `submit` → `Future` |
| many tasks, in order | `map`, `imap`, `starmap`, with `chunksize` | `map(chunksize=…)` | `map` (`chunksize` ignored) |
| as they finish | `imap_unordered`, callbacks | `as_completed`, `add_done_callback` | `as_completed`, `add_done_callback` |
| waiting too long | `multiprocessing.TimeoutError` | `TimeoutError` (builtin, 3.11+) | `TimeoutError` (builtin, 3.11+) |
| a task raises | re-raised by `get`, `RemoteTraceback` cause | re-raised by `result`, `_RemoteTraceback` cause | re-raised by `result` |
| a worker dies | replaced silently; its task is lost | `BrokenProcessPool` for every pending future | — (threads don't die alone) |
| leaving `with` | `terminate()`: running tasks killed | `shutdown(wait=True)`: tasks finish | `shutdown(wait=True)`: tasks finish |
| workers share memory | no: arguments and results are pickled | no: pickled | yes |

And what each costs on this machine: starting a pool of 2 until its first answer, then the time
per tiny task through it. Both are masked; that a thread pool starts faster than a process pool
holds anywhere: starting a process means a new interpreter (or a copy of this one), starting a
thread does not."""),
code("""costs = {name: pool_costs.startup_and_per_task(make, tasks=1000)
         for name, make in pool_costs.POOLS.items()}
for name, (start_up, per_task) in costs.items():
    print(f"{name:22} start-up {seconds(start_up)}  per task {seconds(per_task)}")
print("ThreadPoolExecutor starts faster than both process pools:",
      costs["ThreadPoolExecutor"][0] < min(costs["multiprocessing.Pool"][0],
                                           costs["ProcessPoolExecutor"][0]))"""),
md("""## Rebuild it: a process pool `Executor`

In lesson 06 you built a thread pool `Executor`. Now build **`ProcessPool(max_workers,
mp_context)`**, a `concurrent.futures.Executor` that runs tasks in worker processes, like
`ProcessPoolExecutor`:

- `submit(fn, *args, **kwargs)` returns a `Future` at once; `map` (given: it rests on `submit`,
  with chunks) keeps the input order;
- a task's exception comes back as its future's exception;
- `shutdown(wait=True, cancel_futures=False)` — afterwards `submit` raises `RuntimeError`, and no
  worker process is left running;
- a worker that dies mid-task breaks the pool: every future not yet done fails with
  `concurrent.futures.process.BrokenProcessPool`, and nothing waits for ever.

**What runs where.** Your cell is the parent's side. The loop each worker runs,
`lessons.processes.pool_worker.work(connection)`, comes from the package (a function defined in a
cell could not be found by a `spawn` or `forkserver` child): it reads `(fn, args, kwargs)` from
its end of a pipe, answers each task in order with `(True, result)` or `(False, exception)`, and
exits when it reads `None`, the sentinel. `_Worker` (given) starts one worker with its pipe;
`_death_of` (given) says how a worker died.

**The design.** One thread of yours in the parent, the *manager*, sends pending tasks to workers,
then waits with `multiprocessing.connection.wait` for any of: an answer on a busy worker's pipe,
a worker's `process.sentinel` (ready once that process has ended), or a wake-up from `submit` or
`shutdown`. The reference below also hands a task to an idle worker straight from `submit`, and
lets a small task wait in a busy worker's pipe, so workers never idle between tiny tasks;
yours need not. `check` runs your pool under `fork`, `spawn` and `forkserver` (through
`mp_context`), in about five seconds when it is right. `hint("process-pool")` helps."""),
code(reference, metadata={"tags": ["exercise:process-pool"]}),
code("""check("process-pool", ProcessPool)"""),
md("""The reference passes CPython's own tests for executors (`test.test_concurrent_futures`: the
`Executor`, `wait`, `as_completed`, shutdown and deadlock tests — workers that crash, exit or
raise while pickling, unpickling or running a task — under `fork`, `spawn` and `forkserver`),
which this course's test suite runs against it on every change.

Whatever you wrote, the cells below use the reference: a cpu-bound task on 2 workers, and a
worker that dies."""),
code("""from lessons.tools.workloads import count_task

ReferencePool = solution("process-pool")
with ReferencePool(max_workers=2) as pool:
    print(list(pool.map(count_task, [10, 100, 1000], timeout=30)))
    print(list(pool.map(square, range(10), chunksize=4, timeout=30)))

pool = ReferencePool(max_workers=2)
try:
    pool.submit(die, 3).result(timeout=30)
except BrokenProcessPool as error:
    how = str(error.__cause__).rsplit("(", 1)[-1].rstrip(")")   # its pid varies: left out
    print(type(error).__name__, "— the worker ended with", how)
pool.shutdown(wait=True)"""),
md("""## Key points

- A pool pays for starting processes once; every task still pays a round trip: pickle, pipe,
  unpickle, and back. `chunksize` spreads that cost over many tiny tasks.
- `Pool.apply_async(...).get(timeout)` raises `multiprocessing.TimeoutError`, not the builtin
  `TimeoutError`, and the task keeps running; leaving `with Pool()` terminates the workers.
- `ProcessPoolExecutor` is the `Executor` you know from threads; a dead worker breaks it loudly
  (`BrokenProcessPool`), where `Pool` replaces the worker and loses the task.
- Workers import what they run: functions for a pool live in modules, not in notebook cells.
- A process pool is small pieces around a pipe per worker and a thread that watches answers and
  deaths — the same shape as lesson 06's thread pool, one level down.

## Going further

- CPython's `Lib/concurrent/futures/process.py`: the diagram in its module docstring, and how
  its manager thread detects a dead worker (`wait` on the result pipe and the sentinels) — the
  design this lesson's reference follows.
- `joblib.Parallel` (with loky) reuses its pool between calls and ships functions defined in a
  notebook by value (lesson 07).
- `max_tasks_per_child`, `initializer` and `mp_context` combined: a pool of fresh `spawn`
  workers per task, for code that leaks.

**Next:** measure io-bound against cpu-bound work: serial, threads, processes and asyncio."""),
]
nb = new_notebook(cells=cells)
nb.metadata["lessons"] = {"starts_processes": True}
nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
nbformat.write(nb, "solutions/09_use_process_pools.ipynb")
print("written")
