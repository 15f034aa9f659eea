"""Runnable lessons on Python concurrency.

Notebooks use three functions from here::

    from lessons import check, hint, solution

``check(exercise_id, candidate)`` grades an exercise by behaviour, ``hint(exercise_id)`` shows
the next hint, and ``solution(exercise_id)`` returns the reference answer from ``solutions/``.
"""

from lessons.checking import check
from lessons.hints import hint
from lessons.reference import solution

__all__ = ["check", "hint", "solution"]
