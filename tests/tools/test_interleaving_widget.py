"""The stepper widget, headless: click its buttons, read what it shows."""

from lessons.tools.interleaving.stepper import Stepper
from lessons.threads.lock_scenarios import lost_update, two_transfers
from lessons.tools.interleaving.examples import two_visitors


def click(stepper, *names):
    for name in names:
        stepper.buttons[name].click()


def test_a_step_moves_the_highlight_and_the_shared_state():
    stepper = Stepper(lost_update())
    before = stepper.code["A"].value
    assert "▶     yield</div>" in before  # paused at its first yield
    click(stepper, "A")
    assert stepper.schedule == ["A"]
    assert stepper.code["A"].value != before
    assert "▶     yield                  # a switch may happen here" in stepper.code["A"].value
    assert "counter=0" in stepper.shared.value
    assert "<code>[&#x27;A&#x27;]</code>" in stepper.shared.value
    click(stepper, "A")
    assert "counter=1" in stepper.shared.value
    assert "thread A</b> · incrementer<br>finished" in stepper.code["A"].value


def test_a_lost_update_is_announced():
    stepper = Stepper(lost_update())
    click(stepper, "A", "B", "A", "B")
    assert "at the end, counter == 2 fails" in stepper.status.value


def test_a_deadlock_is_announced_and_a_blocked_thread_explained():
    stepper = Stepper(two_transfers())
    assert "thread B</b> · transfer(s, &#x27;b&#x27;, &#x27;a&#x27;)" in stepper.code["B"].value
    click(stepper, "A", "B")
    assert "deadlock: every live thread is blocked" in stepper.status.value
    click(stepper, "A")
    assert stepper.schedule == ["A", "B"]
    assert "thread &#x27;A&#x27; is blocked: it waits for lock &#x27;b&#x27;" in stepper.status.value


def test_stepping_a_finished_thread_is_explained_and_changes_nothing():
    stepper = Stepper(lost_update())
    click(stepper, "A", "A", "A")
    assert stepper.schedule == ["A", "A"]
    assert "thread &#x27;A&#x27; has finished" in stepper.status.value


def test_undo_and_reset():
    stepper = Stepper(lost_update())
    assert stepper.undo_button.disabled
    click(stepper, "A", "B", "A")
    stepper.undo_button.click()
    assert stepper.schedule == ["A", "B"] and stepper.status.value == ""
    stepper.reset_button.click()
    assert stepper.schedule == [] and "counter=0" in stepper.shared.value
    assert stepper.undo_button.disabled


def test_its_text_in_a_notebook_is_short_and_stable():
    stepper = Stepper(lost_update())
    text = stepper._repr_mimebundle_()["text/plain"]
    click(stepper, "A")
    assert text == "Stepper(2 threads: A, B)" == stepper._repr_mimebundle_()["text/plain"]


def test_a_broken_invariant_is_announced_as_soon_as_it_breaks():
    stepper = Stepper(two_visitors())
    click(stepper, "A")
    assert stepper.status.value == ""
    click(stepper, "B")
    assert "invariant broken: at most one thread inside" in stepper.status.value


def test_each_paused_thread_says_what_its_next_step_runs():
    stepper = Stepper(lost_update())
    assert "paused at line" in stepper.code["A"].value
    assert "next: value = s.counter<pre" in stepper.code["A"].value
    click(stepper, "A")
    assert "next: s.counter = value + 1<pre" in stepper.code["A"].value
    transfers = Stepper(two_transfers())
    click(transfers, "A")
    assert ("next: acquire &#x27;b&#x27;; from_balance, to_balance = s.balance[source], "
            "s.balance[target]<pre") in transfers.code["A"].value


def test_code_lines_never_wrap_they_scroll():
    stepper = Stepper(lost_update())
    assert "white-space:pre;" in stepper.code["A"].value
    assert stepper.code["A"].layout.overflow == "auto" and stepper.code["A"].layout.min_width == "0"
