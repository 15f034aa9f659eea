"""The former name of ``thread_pool_bench``, kept only while lesson 06's notebooks still import
it (``from lessons.threads.pool_benchmark import run, summary``).

The course's rename script rewrites those imports and removes this module; new code imports
``lessons.threads.thread_pool_bench``.
"""

from lessons.threads.thread_pool_bench import contenders, main, run, summary

__all__ = ["contenders", "run", "summary", "main"]
