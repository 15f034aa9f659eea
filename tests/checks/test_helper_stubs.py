"""A stub left in a helper — a method the learner's own threads run — is named in the report,
not only the main function's."""

import pytest

from lessons import check, solution


def _with_stub(exercise_id, helper):
    """The reference with one helper method left as the notebook's stub."""
    def stub(self):
        # YOUR CODE HERE
        raise NotImplementedError()
    stub.__name__ = stub.__qualname__ = helper
    stub.__code__ = stub.__code__.replace(co_name=helper)
    return type("Answer", (solution(exercise_id),), {helper: stub})


@pytest.mark.parametrize("exercise_id, helper", [("joinable-thread", "_run"),
                                                 ("thread-pool", "_work_loop")])
def test_a_helper_left_unwritten_is_named(exercise_id, helper):
    report = check(exercise_id, _with_stub(exercise_id, helper))
    assert not report.passed
    assert f"not written yet: {helper}() raises NotImplementedError" in str(report), str(report)
