"""The kit checkers share: reuse before you write.

``probes`` (tasks handed to a candidate: gates, meetings, raisers), ``watch`` (seeing a call
block, end or spin, without sleeps), ``forcing`` (thread switches forced, not hoped for) and
``process_probes`` (a candidate run under each start method, and what it leaves behind
reaped). A new checker needs a probe? Look here first; add it here if two checkers need it.
"""

__all__ = ["forcing", "probes", "process_probes", "watch"]
