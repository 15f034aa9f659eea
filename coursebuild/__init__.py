"""Build tools for authors: learner notebooks from solutions, and executing notebooks in place."""
