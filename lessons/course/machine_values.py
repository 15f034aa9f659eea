"""Show values that depend on the machine (timings, versions, counts) inside ‹ ›.

Notebook outputs are validated by re-running them; the sanitizer file of the test suite
replaces every ‹…› with a placeholder, so these values can differ while the text around them
is still compared. Print every such value through this module, and nothing else in ‹ ›.
"""

OPEN, CLOSE = "‹", "›"


def varies(value):
    """`value` as text, marked as depending on the machine."""
    text = str(value)
    if OPEN in text or CLOSE in text:
        raise ValueError(f"a machine value may not itself contain {OPEN} or {CLOSE}: {text!r}")
    return f"{OPEN}{text}{CLOSE}"


def seconds(duration):
    """A duration in seconds, e.g. ‹0.503 s›, or ‹12.3 ms› below a tenth of a second."""
    if duration < 0.1:
        return varies(f"{duration * 1000:.3g} ms")
    return varies(f"{duration:.3g} s")
