"""The per-pixel benchmark (host/bench_pixels.py, `python -m host bench`)
and its gcc reference build (host/gcc_ref.py, host/ref/): cycles add up
by range, spills are counted where the allocator spills, every C
translation computes exactly what lumajit computes, and the command line
gives the promised fields. The reference needs riscv64-unknown-elf-gcc
(`make bench` installs it); those tests skip, saying so, without it."""

import json
import os
import subprocess
import sys

import pytest

from device.jit.compiler import compile_shader
from host import bench_pixels, gcc_ref

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
needs_gcc = pytest.mark.skipif(not gcc_ref.have_gcc(),
                               reason="riscv64-unknown-elf-gcc is not installed (make bench "
                                      "installs it)")
TRANSLATED = [n for n, _ in bench_pixels.SHADERS if os.path.exists(bench_pixels.c_path(n))]

SIMPLE = """vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    return vec4(fragCoord / outputSize, sin(time), 1.0);
}
"""

# More values live across a helper call than there are registers that
# survive it: some must be spilled and reloaded. (sin of a per-pixel
# value: a uniform one would be called once a frame, see hoist.py.)
PRESSURE = """vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    float x = fragCoord.x, y = fragCoord.y;
%s
    float s = sin(time + x);
    return vec4(%s + s, 0.0, 0.0, 1.0);
}
""" % ("\n".join("    float v%d = x * %d.5 + y * %d.25;" % (i, i, i) for i in range(24)),
       " + ".join("v%d * s" % i for i in range(24)))


def test_cycles_by_range_add_up_to_the_frame():
    program = compile_shader(SIMPLE)
    figures = bench_pixels.lumajit_figures(SIMPLE)
    cycles = figures["cycles"]
    assert cycles["shader"] > 0 and cycles["helpers"] > 0 and cycles["frame"] > 0
    from host.render import frame_renderer
    total = 0
    r = frame_renderer(program, bench_pixels.SIZE, bench_pixels.SIZE)
    for t in bench_pixels.TIMES:
        total += r.run(t)[2]
    per_pixel = total / float(bench_pixels.SIZE ** 2 * len(bench_pixels.TIMES))
    assert abs(sum(cycles.values()) - per_pixel) < 1e-6


def test_spills_are_counted_where_the_allocator_spills():
    assert bench_pixels.lumajit_figures(SIMPLE)["spills"] == 0
    program = compile_shader(PRESSURE)
    assert sum(f[3] for f in program.functions) > 0, "the shader should need spill slots"
    offsets = bench_pixels.spill_offsets(program)
    assert offsets
    figures = bench_pixels.lumajit_figures(PRESSURE)
    # Every slot is stored and reloaded at least once a pixel.
    assert figures["spills"] >= 2 * sum(f[3] for f in program.functions)


@needs_gcc
@pytest.mark.parametrize("name", TRANSLATED)
def test_translation_computes_what_lumajit_computes(name):
    path = dict(bench_pixels.SHADERS)[name]
    if not os.path.exists(path):
        pytest.skip("%s is not beside the repository" % path)
    row = bench_pixels.measure(name, path)
    assert row["translation_max_diff_lsb"] == 0, row
    assert row["ratio"] > 0 and row["gcc_os_code_bytes"] > 0


@needs_gcc
def test_reference_image_layout():
    image = gcc_ref.build(bench_pixels.c_path("fx_plasma"))
    assert image.frame[0] == 0 < image.shader[0] < image.helpers_range[0] < len(image.code)
    assert image.symbols["lj_div"] >= image.helpers_range[0]


def test_command_line_json_and_errors():
    out = subprocess.run([sys.executable, "-m", "host", "bench", "--json", "--only",
                          "fx_plasma"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert rows[0]["shader"] == "fx_plasma" and rows[-1]["summary"]
    for field in ("cycles_per_pixel", "gcc_o2_cycles_per_pixel", "ratio", "code_bytes",
                  "gcc_os_code_bytes", "spills_per_pixel", "fps_16x16", "fps_32x32"):
        assert field in rows[0], field
    assert "geomean_ratio" in rows[-1]
    bad = subprocess.run([sys.executable, "-m", "host", "bench", "--only", "nope"], cwd=REPO,
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "no benchmark shader named nope" in bad.stderr
