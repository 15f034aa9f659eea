"""Lessons 07–09 (processes): their helpers, and the functions child processes run.

Everything a child process runs lives in a module here, never in a notebook cell: under the
``spawn`` and ``forkserver`` start methods a child imports its function by module and name.

* ``start`` — lesson 07: the blog post's ``info``/``f``, start-up times, forking with a lock
  held, ``ask_children`` (which refuses, in one line, what no child could run);
* ``child_output`` — lesson 07: where a child's ``print`` lands in a notebook, shown in a
  fresh kernel per start method;
* ``main_name`` — a small script: ``__name__`` in a child under each start method;
* ``scripts`` — run programs in a fresh interpreter (the notebook trap, joblib, the
  resource tracker's warning) and report their output without this machine's paths;
* ``sharing`` — lesson 08: what its children run (Queue, Pipe, Value/Array, Lock, shared
  memory, Manager);
* ``tasks`` — what the children of lessons 07–08's exercises run, and probe tasks;
* ``costs`` — Queue, Pipe and SharedMemory against memcpy (``python -m
  lessons.processes.costs``, ``make bench``);
* ``start_methods`` — tells, from a child's own evidence, how children are being started;
* ``pool_worker`` — lesson 09: the loop each worker of the rebuilt process pool runs;
* ``pool_tasks`` — the tasks lesson 09 hands to pools; ``pool_costs`` what a pool costs, and
  ``process_pool_bench`` lesson 09's figures (``make bench``);
* ``pool_locks`` — lesson 09: a lock and a shared value for a pool's tasks, by inheritance (an
  ``initializer``) or through a ``Manager``.
"""

__all__ = ["child_output", "costs", "main_name", "pool_costs", "pool_locks", "pool_tasks",
           "pool_worker", "process_pool_bench", "scripts", "sharing", "start", "start_methods",
           "tasks"]
