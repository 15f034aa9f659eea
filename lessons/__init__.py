"""Runnable lessons on Python concurrency.

Notebooks use these functions from here::

    from lessons import check, hint, solution, show_solution

``check(exercise_id, candidate)`` grades an exercise by behaviour, ``hint(exercise_id)`` shows
the next hint, ``solution(exercise_id)`` returns the reference answer from ``solutions/``, and
``show_solution(exercise_id)`` prints its whole cell (helpers included), to copy.

The package is layered; a layer imports only from the layers above it:

* ``lessons.course`` — the course machinery (check, hint, solution, the exercise registry);
  standard library only;
* ``lessons.tools`` — tools several lessons reuse (timelines, the interleaving explorer);
* one package per topic — ``lessons.threads`` (lessons 01–06), ``lessons.processes``
  (07–09), ``lessons.performance`` (10): a lesson's helpers, and the functions child
  processes import;
* ``lessons.checks`` — one checker module per lesson;
* ``lessons.solutions`` — generated from ``solutions/`` by the build: never edit it.
"""

from lessons.course.checking import check
from lessons.course.hints import hint
from lessons.course.reference import show_solution, solution

__all__ = ["check", "hint", "solution", "show_solution"]
