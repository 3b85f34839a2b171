"""The builtin report (host/builtin_report.py, `python -m host builtins`):
every builtin meets its goal (issue 6's, or the documented bound) on a
sample smaller than the report's million points, the command line gives
the fields it promises, and a missed goal is marked."""

import json
import os
import subprocess
import sys

import pytest

from host import builtin_cases, builtin_report
from host.builtin_cases import Case, CASES

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
POINTS = 20000
CYCLE_SAMPLES = 100
# Goals the report marks as missed, with the bound that holds instead (so
# that a regression still fails): division's helper takes at most 45
# cycles, but a call also pays the jal and an argument move.
MISSED_CYCLES = {"division": 49}


@pytest.fixture(scope="module")
def sizes():
    return builtin_report.helper_bytes()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_builtin_meets_its_goal(case, sizes):
    m = builtin_report.measure(case, POINTS, CYCLE_SAMPLES, sizes=sizes)
    figures = m.to_json()
    print(figures)
    assert m.points >= POINTS * 0.9
    assert m.error_goal_met(), figures
    if case.name in MISSED_CYCLES:
        assert not m.cycles_goal_met() and m.cycle_figures()[2] <= MISSED_CYCLES[case.name]
    else:
        assert m.cycles_goal_met(), figures
    if case.max_rel is not None:
        assert m.rel_points > POINTS // 4, "the relative goal was judged on too few points"


def test_a_missed_goal_is_marked(sizes):
    # sin held to an exactness it cannot have, in fewer cycles than it takes.
    strict = Case("sin", "sin(x)", CASES[0].reference, CASES[0].inputs, max_lsb=0, cycles=10)
    m = builtin_report.measure(strict, 2000, 20, sizes=sizes)
    assert not m.error_goal_met() and not m.cycles_goal_met() and not m.goal_met()
    table = builtin_report.format_table([m], builtin_report.all_tables())
    assert "MISSED" in table and "missed goals: sin" in table


def test_all_tables_fit_in_2_kb():
    assert 0 < builtin_report.all_tables() <= 2048


def test_command_line_json():
    out = subprocess.run([sys.executable, "-m", "host", "builtins", "--json", "--points",
                          "1000", "--only", "sin,division"], cwd=REPO, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    names = [r["name"] for r in rows]
    assert names == ["sin", "division", "all tables"]
    for r in rows[:2]:
        for field in ("max_err_lsb", "mean_err_lsb", "cycles_typical", "cycles_max", "bytes",
                      "goal_met"):
            assert field in r, field
        assert r["cycles_max"] >= r["cycles_typical"] > 0
        assert r["bytes"] > 0


@pytest.mark.parametrize("args, message", [
    (["--only", "sine"], "no builtin named sine"),
    (["--points", "12"], "points must be 1000..16777216"),
    (["--points", "many"], "expected a number of points"),
])
def test_command_line_errors(args, message):
    out = subprocess.run([sys.executable, "-m", "host", "builtins"] + args, cwd=REPO,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert message in out.stderr and "Traceback" not in out.stderr


def test_wrap_is_twos_complement():
    assert builtin_cases.wrap(32768.0) == -32768.0
    assert builtin_cases.wrap(-32769.0) == 32767.0
    assert builtin_cases.wrap(1.5) == 1.5


def test_record_appends_one_line_per_run(tmp_path, sizes):
    m = builtin_report.measure(CASES[0], 1000, 10, sizes=sizes)
    path = tmp_path / "builtins.jsonl"
    for _ in range(2):
        builtin_report.record([m], 1548, {"x.glsl": 12.5}, 1000, path=str(path))
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert len(lines) == 2
    assert lines[0]["builtins"][0]["name"] == "sin" and lines[0]["points"] == 1000
    assert lines[0]["shader_cycles_per_pixel"] == {"x.glsl": 12.5}


def test_benchmark_shaders_cycles_per_pixel():
    if not os.path.isdir(builtin_report.BENCH):
        pytest.skip("the shared/ folder with the benchmarks is not beside the repo")
    cycles = builtin_report.shader_cycles(size=4, times=(1.0,))
    assert sorted(cycles) == sorted(builtin_report.SHADERS)
    assert all(c > 100 for c in cycles.values())
