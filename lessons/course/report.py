"""What a check found: one outcome per behaviour tried, rendered as ✓/✗/· lines.

An outcome's ``passed`` is True (✓), False (✗) or None (·, not tried: an earlier call got
stuck, so the checker could not go on). Not-tried behaviours are counted apart, so a learner
sees how much is left to learn about, not only what failed.
"""

import html
from dataclasses import dataclass

__all__ = ["Outcome", "Report", "outcome", "not_tried", "mark", "mark_html"]


@dataclass(frozen=True)
class Outcome:
    tried: str
    expected: str
    seen: str
    passed: bool | None  # None: not tried


def not_tried(tried, expected, why):
    """An Outcome for a behaviour the checker could not try, and `why` (e.g. "an earlier call
    got stuck")."""
    return Outcome(tried, expected if isinstance(expected, str) else repr(expected),
                   f"not tried: {why}", None)


def outcome(tried, expected, seen, passed=None):
    """An Outcome; unless told otherwise it passed when `seen` equals `expected`.

    Values that are not strings are shown with repr(), so the learner sees exact values.
    """
    if passed is None:
        passed = seen == expected
    show = lambda value: value if isinstance(value, str) else repr(value)  # noqa: E731
    return Outcome(tried, show(expected), show(seen), bool(passed))


@dataclass(frozen=True)
class Report:
    exercise_id: str
    outcomes: tuple[Outcome, ...]

    @property
    def passed(self):
        return bool(self.outcomes) and all(o.passed is True for o in self.outcomes)

    def counts(self):
        """(passed, failed, not tried)."""
        states = [o.passed for o in self.outcomes]
        return (states.count(True), states.count(False),
                sum(state is None for state in states))

    def summary(self):
        if len(self.outcomes) == 1 and not self.passed:
            return f"{self.exercise_id}: not passed yet"
        good, bad, untried = self.counts()
        if self.passed:
            return f"{self.exercise_id}: passed ({good} of {good} checks)"
        parts = [f"{good} passed", f"{bad} failed"] + ([f"{untried} not tried"] if untried else [])
        return f"{self.exercise_id}: not passed yet ({', '.join(parts)})"

    def __str__(self):
        lines = [f"{mark(self.passed)} {self.summary()}"]
        for o in self.outcomes:
            lines.append(f"  {mark(o.passed)} {o.tried}")
            lines.append(f"      expected: {o.expected}")
            lines.append(f"      saw:      {o.seen}")
        return "\n".join(lines)

    def __repr__(self):
        return str(self)

    def _repr_pretty_(self, printer, cycle):
        printer.text(str(self))

    def _repr_html_(self):
        rows = "".join(
            f"<li style='list-style:none'>{mark_html(o.passed)} {html.escape(o.tried)}"
            f"<br><span style='margin-left:1.6em'>expected: <code>{html.escape(o.expected)}</code>"
            f"</span><br><span style='margin-left:1.6em'>saw: <code>{html.escape(o.seen)}</code>"
            f"</span></li>"
            for o in self.outcomes
        )
        return (f"<div><strong>{mark_html(self.passed)} {html.escape(self.summary())}</strong>"
                f"<ul style='padding-left:0.5em'>{rows}</ul></div>")


def mark(passed):
    return {True: "✓", False: "✗", None: "·"}[passed]


def mark_html(passed):
    colour = {True: "green", False: "#c00", None: "#888"}[passed]
    return f"<span style='color:{colour}'>{mark(passed)}</span>"
