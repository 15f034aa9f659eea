"""The one exception the course raises at learners, shown without a traceback."""


class LessonError(ValueError):
    """A plain-language problem with what a learner passed in (an unknown id, say)."""

    def _render_traceback_(self):
        # IPython calls this instead of printing a traceback: the message is the whole story.
        return [f"{type(self).__name__}: {self}"]
