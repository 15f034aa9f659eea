"""Checkers, one module per lesson. Each is a generator: see ``lessons.checking``."""
