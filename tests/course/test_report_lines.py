"""Reports count ✓, ✗ and · (not tried) apart and render each; the checker machinery gives a
declared behaviour a line whatever happens: a stub, a behaviour that cannot be tried, a hang,
an exception, a stub left in a helper running in another thread."""

import threading

from lessons.course.checking import CannotTry, behaviours, run_checker
from lessons.course.report import Outcome, Report, mark, mark_html, not_tried, outcome


def _report(*states):
    return Report("demo", tuple(Outcome(f"behaviour {i}", "1", "1" if s else "2", s)
                                for i, s in enumerate(states)))


def test_counts_keep_passed_failed_and_not_tried_apart():
    assert _report(True, False, None, None).counts() == (1, 1, 2)
    assert _report(True, True).counts() == (2, 0, 0)


def test_summary_names_not_tried_only_when_there_are_some():
    assert _report(True, False, None).summary() == (
        "demo: not passed yet (1 passed, 1 failed, 1 not tried)")
    assert _report(True, False).summary() == "demo: not passed yet (1 passed, 1 failed)"
    assert _report(True, True).summary() == "demo: passed (2 of 2 checks)"


def test_a_not_tried_behaviour_keeps_the_report_from_passing():
    report = _report(True, None)
    assert report.passed is False
    assert str(report).splitlines()[0].startswith("✗ ")


def test_not_tried_renders_as_a_dot_in_text_and_in_grey_in_html():
    report = Report("demo", (not_tried("the last behaviour", 3, "an earlier call got stuck"),))
    text = str(report)
    assert "  · the last behaviour" in text
    assert "expected: 3" in text
    assert "saw:      not tried: an earlier call got stuck" in text
    page = report._repr_html_()
    assert "<span style='color:#888'>·</span> the last behaviour" in page
    assert "not tried: an earlier call got stuck" in page


def test_marks_for_each_state():
    assert [mark(s) for s in (True, False, None)] == ["✓", "✗", "·"]
    assert [mark_html(s).count("color:") for s in (True, False, None)] == [1, 1, 1]
    assert "green" in mark_html(True) and "#c00" in mark_html(False)


def test_outcome_compares_and_shows_exact_values():
    assert outcome("t", [0, None], [False, None]).passed is True  # == as Python compares
    shown = outcome("t", "returned 0", "returned False")
    assert (shown.passed, shown.expected, shown.seen) == (False, "returned 0", "returned False")


# --- the machinery: one line per declared behaviour -----------------------------------------

def _unwritten_helper():
    raise NotImplementedError()


def _stub():
    raise NotImplementedError()


def test_a_stub_fails_each_behaviour_and_the_checker_goes_on():
    def checker(candidate):
        yield from behaviours(("first", 1, candidate), ("second", 2, lambda: 2),
                              ("third", 3, candidate))

    found = run_checker(checker, _stub, deadline=5)
    assert [(o.tried, o.passed) for o in found] == [("first", False), ("second", True),
                                                    ("third", False)]
    assert "_stub() raises NotImplementedError" in found[0].seen
    assert found[0].expected == "1"


def test_a_behaviour_that_cannot_be_tried_is_a_dot_and_the_next_one_runs():
    def needs_the_first():
        raise CannotTry("the first could not run")

    def checker(candidate):
        yield from behaviours(("first", 1, lambda: 0), ("second", 2, needs_the_first),
                              ("third", 3, lambda: 3))

    found = run_checker(checker, None, deadline=5)
    assert [o.passed for o in found] == [False, None, True]
    assert found[1].seen == "not tried: the first could not run"


def test_after_a_hang_the_behaviours_not_reached_are_not_tried():
    never = threading.Event()

    def checker(candidate):
        yield from behaviours(("first", 1, lambda: 1), ("hangs", "returned", candidate),
                              ("third", 3, lambda: 3), ("fourth", 4, lambda: 4))

    found = run_checker(checker, lambda: never.wait(10), deadline=0.3)
    never.set()
    assert [(o.tried, o.passed) for o in found] == [
        ("first", True), ("hangs", False), ("third", None), ("fourth", None)]
    assert found[1].expected == "returned"  # what was expected, not a generic phrase
    assert "deadlocked or lost a wake-up" in found[1].seen
    assert found[2].seen.startswith("not tried: ")


def test_after_an_exception_the_behaviours_not_reached_are_not_tried():
    def checker(candidate):
        yield from behaviours(("first", 1, lambda: {}["missing"]), ("second", 2, lambda: 2))

    found = run_checker(checker, None, deadline=5)
    assert [(o.tried, o.passed) for o in found] == [("first", False), ("second", None)]
    assert found[0].seen == "raised KeyError: 'missing'"


def test_a_stub_in_a_helper_run_by_the_candidates_thread_is_named():
    def candidate():
        worker = threading.Thread(target=_unwritten_helper)
        worker.start()
        worker.join(5)
        return "nothing"

    def checker(candidate):
        yield from behaviours(("runs the helper", "something", candidate))

    found = run_checker(checker, candidate, deadline=5)
    assert [o.passed for o in found] == [False]
    assert "_unwritten_helper() raises NotImplementedError" in found[0].seen
    assert found[0].expected == "something"
