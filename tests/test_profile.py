"""`python -m host profile`: compile memory and work measured under MicroPython."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from device.jit.compiler import compile_shader
from host import bench_compile, profile, scaling

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PERLIN = os.path.join(REPO, "..", "shared", "bench", "lp2025-test-perlin.glsl")
SHADERS = os.path.join(REPO, "tests", "shaders")


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "host"] + list(args), cwd=REPO,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def perlin():
    run = run_cli("profile", PERLIN, "--json", "--no-work")
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_json_has_the_figures_tools_need(perlin):
    for key in ("transient_peak_bytes", "retained_bytes", "resident_compiler_bytes",
                "compile_instructions", "est_c3_ms", "stages"):
        assert key in perlin
    assert perlin["compile_instructions"] is None and perlin["est_c3_ms"] is None
    assert "skipped" in perlin["work_note"]
    assert perlin["code_bytes"] == len(compile_shader(open(PERLIN).read()).code)


def test_stages_follow_the_compile(perlin):
    stages = perlin["stages"]
    names = [s["stage"] for s in stages]
    assert names[0] == "preprocess" and names[1] == "signatures" and names[-1] == "link"
    # Each function is parsed and then allocated, in the compiler's order.
    body = stages[2:-1]
    assert [s["stage"] for s in body] == ["parse", "allocate"] * (len(body) // 2)
    compiled = [s["function"] for s in body[::2]]
    assert compiled == [s["function"] for s in body[1::2]]
    program = compile_shader(open(PERLIN).read())
    assert sorted(compiled) == sorted(f[0] for f in program.functions)


def test_peaks_and_totals_are_consistent(perlin):
    stages = perlin["stages"]
    assert perlin["transient_peak_bytes"] == max(s["peak_bytes"] for s in stages)
    for s in stages:
        assert s["peak_bytes"] >= s["retained_bytes"] >= 0
        assert s["allocated_bytes"] > 0
    # Everything live at the peak was allocated by the compile.
    assert perlin["allocated_bytes"] >= perlin["transient_peak_bytes"]
    # The compiler is tens of KB; a compile's peak is KB, not MB.
    assert 20000 < perlin["resident_compiler_bytes"] < 200000
    assert 1000 < perlin["transient_peak_bytes"] < 200000


def test_peak_grows_with_what_a_function_holds(tmp_path):
    # One function eight times as long needs more IR at once: a real peak,
    # not a constant.
    short, long_ = tmp_path / "short.glsl", tmp_path / "long.glsl"
    short.write_text(scaling.length(1))
    long_.write_text(scaling.length(8))
    a = profile.profile(str(short), work=False)
    b = profile.profile(str(long_), work=False)
    assert b["transient_peak_bytes"] > a["transient_peak_bytes"] + 1024
    assert b["allocated_bytes"] > 4 * a["allocated_bytes"]


def test_table_names_every_stage(perlin):
    text = profile.format_table(perlin)
    for s in perlin["stages"]:
        assert s["function"] in text
    assert "transient peak" in text and "resident compiler" in text
    assert "not measured: skipped" in text


def test_bad_shader_is_reported_like_compile(tmp_path):
    bad = tmp_path / "bad.glsl"
    bad.write_text("vec4 main(vec2 p, vec2 s, float t) {\n    return vec4(q);\n}\n")
    run = run_cli("profile", str(bad))
    assert run.returncode == 1
    assert "bad.glsl:2:17: error: unknown identifier 'q'" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize("heap", ["12q", "1k", "", "99999m"])
def test_bad_heap_flag_is_a_usage_error(heap):
    run = run_cli("profile", PERLIN, "--heap", heap)
    assert run.returncode == 2
    assert "expected a heap size" in run.stderr


@pytest.mark.skipif(shutil.which("valgrind") is None,
                    reason="valgrind is not installed (make bench installs it)")
def test_compile_work_is_counted_and_deterministic():
    a = profile.callgrind_instructions(PERLIN, "1m", 4096)
    b = profile.callgrind_instructions(PERLIN, "1m", 4096)
    # Millions of instructions for a 4 KB shader; the same count each run.
    assert 10e6 < a < 2e9
    assert abs(a - b) <= a * 0.001


def test_scaling_shaders_grow_as_described():
    for n in bench_compile.SIZES:
        program = compile_shader(scaling.functions(n))
        assert len(program.functions) == n + 1          # and main
    sizes = [len(scaling.length(k)) for k in bench_compile.SIZES]
    per_block = (sizes[-1] - sizes[0]) / (bench_compile.SIZES[-1] - bench_compile.SIZES[0])
    for k, size in zip(bench_compile.SIZES, sizes):
        assert abs(size - (sizes[0] + per_block * (k - 1))) < 0.05 * size
    assert len(compile_shader(scaling.length(8)).functions) == 1


def test_slope_is_least_squares():
    assert bench_compile.slope([1, 2, 3], [2, 4, 6]) == pytest.approx(2.0)
    assert bench_compile.slope([0, 1, 2, 3], [1, 3, 2, 4]) == pytest.approx(0.8)
    assert bench_compile.slope([5, 5], [1, 9]) == 0.0
