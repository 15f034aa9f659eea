"""How a wrong answer says which behaviour it must fail."""

__all__ = ["fails"]


def fails(at, raises=None):
    """Mark a wrong answer: the check of the behaviour whose label contains `at` must fail.

    `raises`: the exception the answer may raise out of that check (the checker then reports
    it against that behaviour); any other exception means the answer fails for a reason it
    was not written for.
    """
    def mark(answer):
        answer.fails_at, answer.may_raise = at, raises
        return answer
    return mark
