"""lessons.tools.timeline: spans from threads, overlap statistics and the chart."""

import pickle
import threading
import time

import matplotlib

from lessons.tools.timeline import Span, Timeline, timed

matplotlib.use("Agg")


def sleep_in_threads(count, seconds, together):
    timeline = Timeline()

    def nap(index):
        with timeline.span(f"nap {index}"):
            time.sleep(seconds)

    threads = [threading.Thread(target=nap, args=(i,), name=f"t{i}") for i in range(count)]
    for thread in threads:
        thread.start()
        if not together:
            thread.join(5)
    for thread in threads:
        thread.join(5)
    return timeline


def test_four_threads_sleeping_together_overlap():
    timeline = sleep_in_threads(4, 0.2, together=True)
    assert len(timeline.spans) == 4
    assert timeline.peak_overlap() == 4
    assert 0.2 <= timeline.wall() < 0.6  # about 0.2 s: generous for a busy CI machine
    assert timeline.busy() >= 0.8
    assert sorted(timeline.workers()) == ["t0", "t1", "t2", "t3"]


def test_four_threads_one_after_another_do_not():
    timeline = sleep_in_threads(4, 0.2, together=False)
    assert timeline.peak_overlap() == 1
    assert timeline.wall() >= 0.8


def test_statistics_on_exact_spans():
    timeline = Timeline([Span("a", "x", 0.0, 1.0), Span("b", "y", 0.5, 2.0),
                         Span("a", "z", 1.0, 1.5), Span("c", "w", 3.0, 4.0)])
    assert timeline.wall() == 4.0
    assert timeline.busy() == 1.0 + 1.5 + 0.5 + 1.0
    assert timeline.peak_overlap() == 2  # a's end at 1.0 meets its next start: not 3
    assert timeline.workers() == ["a", "b", "c"]
    assert Timeline().wall() == 0.0 and Timeline().peak_overlap() == 0


def test_spans_pickle_so_child_processes_can_send_them():
    spans = []
    with timed("work", into=spans):
        pass
    assert pickle.loads(pickle.dumps(spans[0])) == spans[0]
    assert spans[0].worker == threading.current_thread().name
    timeline = Timeline()
    timeline.extend(spans)
    assert timeline.spans == spans


def test_span_is_recorded_even_when_the_body_raises():
    timeline = Timeline()
    try:
        with timeline.span("fails"):
            raise ValueError
    except ValueError:
        pass
    assert [s.label for s in timeline.spans] == ["fails"]


def test_plot_draws_a_row_per_worker_and_the_figures():
    timeline = Timeline([Span("a", "x", 10.0, 11.0), Span("b", "y", 10.5, 12.0)])
    ax = timeline.plot(title="demo")
    assert [label.get_text() for label in ax.get_yticklabels()] == ["a", "b"]
    assert "demo" in ax.get_title() and "peak overlap 2" in ax.get_title()
    assert ax.get_xlim()[0] <= 0.0 and ax.get_xlim()[1] >= 2.0  # drawn from the first start
    matplotlib.pyplot.close(ax.figure)


def test_waiting_spans_count_for_wall_time_but_not_for_work():
    timeline = Timeline([Span("p", "make", 0.0, 1.0), Span("p", "blocked in put", 1.0, 3.0),
                         Span("q", "make", 0.5, 1.5)], waiting={"blocked in put"})
    assert timeline.wall() == 3.0
    assert timeline.busy() == 2.0
    assert timeline.peak_overlap() == 2


def test_plot_by_label_has_a_legend_entry_per_label():
    timeline = Timeline([Span("p", "make", 0.0, 1.0), Span("p", "blocked in put", 1.0, 3.0),
                         Span("c", "handle", 0.5, 1.5), Span("c", "handle", 2.0, 2.5)],
                        waiting={"blocked in put"})
    ax = timeline.plot(colour_by="label")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "make", "handle", "blocked in put (waiting)"]  # in the order each first started
    assert "busy 2.50 s" in ax.get_title()
    matplotlib.pyplot.close(ax.figure)
