"""check, hint and solution: plain messages for bad input, deadlines, rendering."""

import html
import inspect
import sys
import threading
import time

import pytest

from lessons import check, hint, solution
from lessons.checks.kit.forcing import no_thread_switch
from lessons.course.checking import run_checker
from lessons.course.errors import LessonError
from lessons.course.hints import reset_hints
from lessons.course.registry import exercises
from lessons.course.report import outcome


def test_unknown_id_lists_the_valid_ones():
    report = check("no-such-thing", print)
    assert not report.passed
    text = str(report)
    assert "There is no exercise 'no-such-thing'" in text
    for exercise_id in exercises():
        assert f"'{exercise_id}'" in text


@pytest.mark.parametrize("candidate, words", [
    (42, "a value of type `int`"),
    (threading.Thread, "the class `Thread`"),
])
def test_wrong_kind_of_candidate_gets_a_plain_message(candidate, words):
    report = check("collect-results", candidate)
    assert not report.passed
    assert words in str(report)


def test_instance_instead_of_class_is_explained():
    report = check("result-thread", threading.Thread())
    assert "Pass the class itself" in str(report)


def test_exception_from_candidate_is_reported_not_raised():
    def broken(tasks):
        raise KeyError("oops")
    report = check("collect-results", broken)
    assert not report.passed
    assert "raised KeyError: 'oops'" in str(report)


def test_hanging_candidate_is_called_stuck_after_the_deadline():
    never = threading.Event()

    def checker(candidate):
        yield "waiting for the candidate"
        candidate()
        yield outcome("unreachable", 1, 1)

    began = time.monotonic()
    found = run_checker(checker, lambda: never.wait(10), deadline=0.3)
    assert time.monotonic() - began < 5
    never.set()
    assert [o.passed for o in found] == [False]
    assert found[0].tried == "waiting for the candidate"
    assert "deadlocked or lost a wake-up" in found[0].seen


def test_outcomes_before_a_hang_are_kept():
    never = threading.Event()

    def checker(candidate):
        yield outcome("first", 1, 1)
        yield "second"
        candidate()

    found = run_checker(checker, lambda: never.wait(10), deadline=0.3)
    never.set()
    assert [o.passed for o in found] == [True, False]


def test_report_renders_text_and_html_with_every_part():
    report = check("collect-results", lambda tasks: [task() for task in tasks])
    text, page = str(report), report._repr_html_()
    assert text.startswith("✗ collect-results: not passed yet")
    for o in report.outcomes:
        assert o.tried in text and o.expected in text and o.seen in text
        assert ("✓" if o.passed else "✗") in text
    assert "✗" in page and "expected:" in page
    assert html.escape(report.outcomes[1].expected) in page


def test_hints_progress_then_point_to_the_solution():
    reset_hints()
    total = len(exercises()["collect-results"].hints)
    shown = [str(hint("collect-results")) for _ in range(total + 1)]
    assert [s.split(":")[0] for s in shown[:total]] == [
        f"Hint {n} of {total} for 'collect-results'" for n in range(1, total + 1)]
    assert "No more hints" in shown[-1] and "solution('collect-results')" in shown[-1]
    assert str(hint("nope")).startswith("There is no exercise 'nope'")
    reset_hints()


def test_solution_comes_from_the_notebook_with_its_source():
    run_all = solution("collect-results")
    assert run_all([lambda: 1, lambda: 2]) == [1, 2]
    source = inspect.getsource(run_all)
    assert source.startswith("def run_all(tasks):") and "### BEGIN SOLUTION" in source
    assert solution("collect-results") is run_all


def test_solution_of_unknown_id_is_a_plain_error():
    with pytest.raises(LessonError) as caught:
        solution("nope")
    assert caught.value._render_traceback_() == [f"LessonError: {caught.value}"]


@pytest.mark.parametrize("exercise_id, candidate, words", [
    ("find-lost-update", 42, "asks for a schedule: a list of thread names"),
    ("find-lost-update", "ABAB", "but got a value of type `str`"),
    ("find-lost-update", [1, 2], "step 1 of the schedule is 1, a value of type `int`; thread names are strings: write 'A', with quotes"),
    ("fix-with-lock", ["A"], "asks for a thread program: a function with `yield` in it"),
    ("fix-deadlock", threading.Thread, "but got the class `Thread`"),
])
def test_schedules_and_programs_get_a_plain_message(exercise_id, candidate, words):
    report = check(exercise_id, candidate)
    assert not report.passed
    assert words in str(report)


def test_a_schedule_may_be_given_as_a_list_or_a_function():
    assert check("find-lost-update", ["A", "B", "A", "B"]).passed
    assert check("find-lost-update", lambda: ("B", "A", "A", "B")).passed


def test_an_abandoned_checker_leaves_no_hook_or_switch_interval_behind():
    hooks, interval = (threading.excepthook, sys.unraisablehook), sys.getswitchinterval()
    inside, release = threading.Event(), threading.Event()

    def checker(candidate):
        yield "holding the switch interval"
        with no_thread_switch():
            inside.set()
            release.wait(10)  # abandoned here, at the deadline
        yield outcome("unreachable", 1, 1)

    found = run_checker(checker, None, deadline=0.5)
    assert inside.is_set() and not found[-1].passed
    assert (threading.excepthook, sys.unraisablehook) == hooks
    assert sys.getswitchinterval() == interval
    release.set()  # the abandoned checker now leaves its `with`: it must not undo anything
    time.sleep(0.1)
    assert sys.getswitchinterval() == interval
    assert (threading.excepthook, sys.unraisablehook) == hooks


def test_two_checks_in_a_row_never_see_each_others_thread_errors():
    late = threading.Event()

    def leaves_a_thread_behind(candidate):
        def raise_later():
            late.wait(10)
            raise KeyError("from the first check")
        threading.Thread(target=raise_later, daemon=True).start()
        yield outcome("first", 1, 1)

    seen = []

    def second(candidate):
        yield "second"
        late.set()  # the first check's thread raises while this check runs
        time.sleep(0.2)
        yield outcome("second", 1, 2)  # failing: it would name any thread error it saw

    escaped = []
    previous, threading.excepthook = threading.excepthook, escaped.append
    try:
        assert run_checker(leaves_a_thread_behind, None, deadline=2)[0].passed
        seen = run_checker(second, None, deadline=2)
    finally:
        threading.excepthook = previous
    assert "from the first check" not in seen[0].seen
    assert [type(args.exc_value) for args in escaped] == [KeyError]  # went to the old hook


def test_an_exception_in_the_candidates_thread_is_named_in_the_report():
    def run_all(tasks):
        results = [None] * len(tasks)

        def run_one(index, task):
            results[index] = task()
        threads = [threading.Thread(target=run_one, args=(task,)) for task in tasks]  # bug
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return results

    text = str(check("collect-results", run_all))
    assert "meanwhile thread 'Thread-" in text and "raised TypeError: " in text


def test_a_checker_stuck_in_the_candidates_code_is_seen_before_the_deadline():
    never = threading.Event()

    def checker(candidate):
        yield "calling the candidate"
        candidate()

    began = time.monotonic()
    found = run_checker(checker, lambda: never.wait(30), deadline=20)
    never.set()
    assert time.monotonic() - began < 8
    assert "still blocked after" in found[-1].seen
