"""Course machinery: what every lesson uses to grade, hint and show answers.

``check`` (``checking``, ``trials``, ``report``), ``hint`` (``hints``), ``solution``
(``reference``), the exercise registry (``registry``, ``exercises.toml``), the errors learners
see (``errors``), machine-dependent values in outputs (``machine_values``), the setup check
(``setup_check``) and where the course's files are (``paths``).

This layer imports nothing from the rest of ``lessons`` but the standard library: checkers and
reference answers are loaded by name, when an exercise asks for them.
"""

__all__ = ["checking", "errors", "hints", "machine_values", "paths", "reference", "registry",
           "report", "setup_check", "trials"]
