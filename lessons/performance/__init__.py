"""Lesson 10 (performance): io-bound against cpu-bound work, measured.

* ``tasks`` — what the workloads' tasks do (module functions: worker processes import them);
* ``server`` — a small HTTP server on 127.0.0.1 for real I/O, started and stopped by ``with``;
* ``io_cpu_workloads`` — the lesson's workloads: sleep, http, count, hash, zlib, mixed;
* ``runners`` — serial, threads, processes and asyncio (coroutines, ``to_thread``,
  ``run_in_executor`` on processes), workers started before the clock;
* ``measure`` — one case or a sweep: wall time, CPU time, speed-up; bad input refused in a line;
* ``overhead`` — what handing a task over costs, and where processes start to beat threads;
* ``amdahl`` — Amdahl's law; ``gil`` — the build, the switch interval, the convoy effect;
* ``blocked_loop`` — a cpu-bound coroutine blocks the event loop, and how to move it off;
* ``plots`` — the figures; ``sweep_widget`` — re-run a small case from a notebook;
* ``bench`` — the full matrix and the lesson's figures (``make bench``).
"""

__all__ = ["amdahl", "bench", "blocked_loop", "gil", "measure", "overhead", "plots", "runners",
           "server", "tasks", "sweep_widget", "io_cpu_workloads"]
