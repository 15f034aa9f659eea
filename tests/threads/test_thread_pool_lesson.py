"""Lesson 06's modules: the blog post's pool repaired, the pool-size widget, the overhead benchmark."""

import importlib
import json
import re
import threading

import matplotlib
import pytest

from lessons import solution
from lessons.course.paths import ROOT
from lessons.threads import thread_pool_bench
from lessons.threads.pool_timeline import pool_control, run_on_pool, title
from lessons.tools.timeline import Span, Timeline
from lessons.threads.queue_pool import QueuePool

matplotlib.use("Agg")


def test_queue_pool_survives_errors_and_stops_its_workers():
    done, before = [], set(threading.enumerate())
    with QueuePool(2) as pool:
        pool.add_task(lambda: 1 / 0)
        for n in range(5):
            pool.add_task(done.append, n)
        assert pool.join(timeout=5) is True
    assert sorted(done) == [0, 1, 2, 3, 4]
    assert [type(e) for e in pool.errors] == [ZeroDivisionError]
    assert not [t for t in threading.enumerate() if t not in before and t.is_alive()]


def test_queue_pool_join_times_out_while_a_task_runs():
    release = threading.Event()
    pool = QueuePool(1)
    pool.add_task(release.wait, 5)
    assert pool.join(timeout=0.1) is False
    release.set()
    assert pool.shutdown(timeout=5) is True


def test_run_on_pool_records_every_task_on_its_workers():
    timeline = run_on_pool(solution("thread-pool"), workers=3, tasks=9, kind="sleep", size=0.01)
    assert len(timeline.spans) == 9
    assert len(timeline.workers()) <= 3
    with pytest.raises(ValueError, match="kind must be one of"):
        run_on_pool(solution("thread-pool"), workers=1, tasks=1, kind="io")


def test_widget_reruns_and_redraws_when_controls_change():
    control = pool_control(tasks=8)
    assert repr(control) == "PoolControl(workers=4, kind='sleep')"
    assert bytes(control.image.value).startswith(b"\x89PNG")
    assert len(control.timeline.spans) == 8 and len(control.timeline.workers()) <= 4

    control.workers.value = 1
    assert control.timeline.workers() and len(control.timeline.workers()) == 1
    control.kind.value = "cpu"
    assert all(s.label.startswith("task") for s in control.timeline.spans)
    assert repr(control) == "PoolControl(workers=1, kind='cpu')"
    before = control.timeline
    control.again.click()
    assert control.timeline is not before and bytes(control.image.value).startswith(b"\x89PNG")


def test_slider_offers_1_to_64_workers_on_a_wide_track():
    control = pool_control(tasks=2)
    assert (control.workers.min, control.workers.max) == (1, 64)
    assert int(control.workers.layout.width.removesuffix("px")) >= 400
    assert {value for _, value in control.kind.options} == {"sleep", "cpu"}


def test_benchmark_runs_every_pool_and_compares_with_thread_pool_executor(capsys):
    assert thread_pool_bench.main(["--tasks", "200", "--rounds", "2", "--workers", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("python ")  # the conditions come first
    header = next(i for i, line in enumerate(out) if line.startswith("200 no-op tasks"))
    assert out[header].startswith("200 no-op tasks in windows of 1,000, 2 workers, median of 2")
    rows = out[header + 2:header + 2 + len(thread_pool_bench.contenders(object))]
    assert [line.split("  ")[0] for line in rows] == list(
        thread_pool_bench.contenders(solution("thread-pool")))
    assert rows[0].endswith("1.00×")  # ThreadPoolExecutor against itself
    assert out[-1].startswith("wall time, cores kept busy")


def test_benchmark_refuses_nonsense_arguments(capsys):
    with pytest.raises(SystemExit):
        thread_pool_bench.main(["--tasks", "0"])
    assert "--tasks: must be at least 1, got 0" in capsys.readouterr().err


def test_lesson_06_imports_run_and_summary_from_a_module_that_offers_them():
    # Whichever module lesson 06 imports them from, it must get the benchmark's own.
    source = "".join("".join(cell["source"]) for cell in json.loads(
        (ROOT / "solutions" / "06_build_a_thread_pool.ipynb").read_text())["cells"])
    module = re.search(r"from (lessons\.threads\.\w+) import run, summary", source).group(1)
    offered = importlib.import_module(module)
    assert (offered.run, offered.summary) == (thread_pool_bench.run, thread_pool_bench.summary)


def test_title_says_how_many_workers_got_tasks():
    six_rows = Timeline([Span(f"w{i}", "task", 0.0, 1.0) for i in range(6)])
    assert title(40, "cpu", 33, six_rows) == "40 cpu tasks on 33 workers: 6 of them got tasks"
    assert title(40, "sleep", 6, six_rows) == "40 sleep tasks on 6 workers: all of them got tasks"
    assert title(40, "sleep", 1, Timeline([Span("w", "task", 0.0, 1.0)])) == "40 sleep tasks on 1 worker"
