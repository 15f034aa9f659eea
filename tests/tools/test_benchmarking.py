"""The benchmark helper: turns, medians, conditions, the command line. No timing is asserted."""

import argparse
import io
import multiprocessing
import sys

import pytest

from lessons.tools import benchmarking
from lessons.tools.benchmarking import (alternate, bench_main, bench_parser, conditions,
                                        cores_kept_busy, medians, positive_int,
                                        reported_conditions)


def test_contenders_take_turns_round_after_round():
    calls = []
    contenders = {name: (lambda name=name: calls.append(name) or len(calls))
                  for name in ("a", "b", "c")}
    runs = alternate(contenders, rounds=3)
    assert calls == ["a", "b", "c"] * 3  # a, b, c, then again: never a, a, a, b, b, b
    assert runs == {"a": [1, 4, 7], "b": [2, 5, 8], "c": [3, 6, 9]}


def test_a_contender_may_return_several_named_figures():
    values = iter(range(100))
    runs = alternate({"pair": lambda: {"x": next(values), "y": next(values)},
                      "one": lambda: next(values)}, rounds=2)
    assert runs == {"x": [0, 3], "y": [1, 4], "one": [2, 5]}


def test_medians_reduce_each_figure():
    assert medians({"a": [5, 1, 3], "b": [2.0, 4.0]}) == {"a": 3, "b": 3.0}


def test_alternate_refuses_no_rounds():
    with pytest.raises(ValueError, match="rounds must be at least 1"):
        alternate({"a": lambda: 1}, rounds=0)


def test_conditions_name_the_interpreter_build_start_method_cores_and_load():
    found = conditions()
    assert found["python"] == " ".join(sys.version.split())
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    assert found["build"] == "GIL build" or f"GIL {'on' if gil else 'off'}" in found["build"]
    assert found["start method"].split()[0] in multiprocessing.get_all_start_methods()
    assert "usable by this process" in found["cores"]
    assert set(found) == {"python", "build", "start method", "cores",
                          "load average (1, 5, 15 min)"}


def test_asking_for_the_start_method_does_not_fix_it():
    before = multiprocessing.get_start_method(allow_none=True)
    conditions()
    assert multiprocessing.get_start_method(allow_none=True) == before


def test_load_average_says_unknown_where_the_system_has_none(monkeypatch):
    monkeypatch.delattr(benchmarking.os, "getloadavg")
    assert benchmarking.load_average() == "unknown"


def test_cores_kept_busy_is_cpu_time_over_wall_time():
    assert cores_kept_busy(3.0, 2.0) == 1.5
    with pytest.raises(ValueError, match="wall time must be positive"):
        cores_kept_busy(1.0, 0.0)


def test_conditions_are_printed_before_and_after_the_body():
    out = io.StringIO()
    with reported_conditions(out):
        print("the body", file=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("python ")
    assert lines.index("the body") == len(conditions())
    assert lines[-2].startswith("load average after")
    assert lines[-1].startswith("wall time, cores kept busy") and "÷ wall time" in lines[-1]


def test_counts_must_be_whole_numbers_of_at_least_one():
    assert positive_int("3") == 3
    for bad, message in (("0", "must be at least 1, got 0"), ("-2", "at least 1, got -2"),
                         ("two", "expected a whole number, got 'two'")):
        with pytest.raises(argparse.ArgumentTypeError, match=message):
            positive_int(bad)


def test_parser_names_the_module_and_turns_counts_into_options(capsys):
    parser = bench_parser("lessons.example", "First line.\n\nMore.",
                          rounds=(3, "rounds"), matrix_rounds=(1, "matrix"))
    assert parser.prog == "python -m lessons.example" and parser.description == "First line."
    args = parser.parse_args(["--matrix-rounds", "2"])
    assert (args.rounds, args.matrix_rounds) == (3, 2)
    with pytest.raises(SystemExit):
        parser.parse_args(["--rounds", "0"])
    assert "argument --rounds: must be at least 1, got 0" in capsys.readouterr().err


def test_main_runs_the_body_between_the_conditions_and_returns_0(capsys):
    seen = []
    parser = bench_parser("lessons.example", "Doc.", rounds=(2, "rounds"))
    assert bench_main(parser, ["--rounds", "4"], lambda args: seen.append(args.rounds)) == 0
    assert seen == [4]
    out = capsys.readouterr().out
    assert out.startswith("python ") and "cores kept busy" in out
