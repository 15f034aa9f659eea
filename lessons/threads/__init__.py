"""Lessons 01–06 (threads): the helpers their notebooks and checkers use.

How ``join`` works inside (``join_internals``), lesson 03's model programs
(``lock_scenarios``), the blog post's thread pool repaired (``queue_pool``), pools on a
timeline and the widget to try them (``pool_timeline``), and the per-task cost of thread pools
(``thread_pool_bench``, ``make bench``).
"""

__all__ = ["join_internals", "lock_scenarios", "pool_timeline", "queue_pool",
           "thread_pool_bench"]
