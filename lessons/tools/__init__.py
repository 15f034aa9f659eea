"""Tools that several lessons use: timelines of who ran what (``timeline``), the interleaving
explorer and its stepper widget (``interleaving``), tasks for demos and benchmarks
(``tasks``), what every benchmark shares — contenders taking turns, medians, the
machine's conditions — (``benchmarking``), and the running interpreter's own source
(``source``).

A tool may use the course machinery (``lessons.course``), never a lesson's topic package.
"""

__all__ = ["benchmarking", "interleaving", "source", "timeline", "tasks"]
