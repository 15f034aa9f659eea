"""The widget re-runs and redraws; the benchmark writes its CSV and PNGs, which load back."""

import matplotlib
import pytest

import struct

from lessons.performance import bench
from lessons.performance import sweep_widget
from lessons.performance.measure import Measurement
from lessons.performance.sweep_widget import sweep_control, worker_counts

matplotlib.use("Agg")


@pytest.mark.parametrize("low, high, counts", [
    (1, 1, [1]), (1, 6, [1, 2, 4, 6]), (3, 8, [3, 4, 8]), (1, 64, [1, 2, 4, 8, 16, 32, 64])])
def test_worker_counts_are_powers_of_two_between_the_ends(low, high, counts):
    assert worker_counts(low, high) == counts


def test_widget_reruns_and_redraws_when_controls_change():
    control = sweep_control("sleep", "threads", workers=(1, 2), tasks=4)
    assert repr(control) == "SweepControl(workload='sleep', runner='threads', workers=(1, 2))"
    assert bytes(control.image.value).startswith(b"\x89PNG")
    assert [(m.runner, m.workers) for m in control.measurements] == [
        ("serial", 1), ("threads", 1), ("threads", 2)]
    control.runner.value = "asyncio"
    assert {m.runner for m in control.measurements} == {"serial", "asyncio"}
    before = control.measurements
    control.again.click()
    assert control.measurements is not before and control.message.value == ""


def test_widget_says_in_one_line_what_cannot_run():
    control = sweep_control("sleep", "asyncio", workers=(1, 2), tasks=4)
    control.workload.value = "count"
    assert "Can't run this:" in control.message.value
    assert "'count' has none" in control.message.value


def test_widget_says_a_run_is_under_way_and_takes_no_clicks_meanwhile(monkeypatch):
    seen = []
    real_sweep = sweep_widget.sweep

    def watched_sweep(*args, **kwargs):
        control = controls[0] if controls else None
        if control is not None:
            seen.append((control.message.value, control.again.disabled, control.runner.disabled))
        return real_sweep(*args, **kwargs)

    controls = []
    monkeypatch.setattr(sweep_widget, "sweep", watched_sweep)
    control = sweep_control("sleep", "threads", workers=(1, 2), tasks=4)
    controls.append(control)
    control.workers.value = (1, 4)
    assert seen == [("<i>Running sleep on serial, then threads with 1, 2, 4 workers…</i>",
                     True, True)]
    assert control.message.value == "" and not control.again.disabled


def test_widget_takes_the_old_chart_away_when_it_cannot_run():
    control = sweep_control("sleep", "asyncio", workers=(1, 2), tasks=4)
    assert bytes(control.image.value).startswith(b"\x89PNG") and control.image.layout.display is None
    control.workload.value = "count"
    assert "Can't run this:" in control.message.value
    assert bytes(control.image.value) == b"" and control.image.layout.display == "none"
    assert control.measurements == [] and not control.workload.disabled
    control.workload.value = "sleep"  # runs again: the chart comes back
    assert bytes(control.image.value).startswith(b"\x89PNG") and control.image.layout.display is None


def test_widget_shows_the_chart_at_its_own_size():
    control = sweep_control("sleep", "threads", workers=(1, 2), tasks=4)
    png = bytes(control.image.value)
    width, height = struct.unpack(">II", png[16:24])  # the PNG's IHDR: its pixel size
    assert (width, height) == sweep_widget.PIXELS
    assert control.image.layout.width == f"{width}px"  # shown 1:1, not stretched
    assert control.image.layout.height == "auto"  # scaled down, keeping its shape, if narrower


def test_matrix_writes_a_csv_that_loads_back_and_draws_pngs(tmp_path, monkeypatch):
    monkeypatch.setattr(bench, "MATRIX", {
        "sleep": (4, {"threads": (1, 2)}), "count": (2, {"processes": (1,)})})
    results = bench.matrix()
    bench.write_csv(results, tmp_path / "io_cpu.csv")
    assert bench.load(tmp_path / "io_cpu.csv") == results
    bench._draw(results, tmp_path)
    assert sorted(p.name for p in tmp_path.glob("*.png")) == [
        "io_cpu_speedups.png", "io_cpu_utilisation.png", "io_cpu_walls.png"]
    assert all(isinstance(m, Measurement) for found in results.values() for m in found)


def test_load_of_a_missing_file_is_empty(tmp_path):
    assert bench.load(tmp_path / "nothing.csv") == {}


def test_bench_refuses_nonsense_arguments():
    with pytest.raises(SystemExit):
        bench.main(["--rounds", "0"])


def test_sleeps_only_measures_the_sleeps_and_writes_no_matrix(tmp_path, capsys):
    assert bench.main(["--sleeps-only", "--rounds", "1", "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert "sleeps, 50 threads, of ideal" in printed
    assert "sleeps, 50 bare threads (no pool), of ideal" in printed
    assert "count," not in printed and "hash," not in printed
    assert list(tmp_path.iterdir()) == []
