"""Runaway shaders: every loop's back edge spends one trip of the frame's
fuel (device/alloc_loops.py, device/jit/frame.py). Checked on the emulated
C3: the exact trip count a frame may take, the line reported, the frame
ending cleanly from any depth of calls (callee-saved registers and the
stack as MicroPython left them), loops too long for a branch, a loop at the
end of a function. On the virtual board: the error and its position at
load, the last good shader still rendering, and a shader whose loops grow
with time stopped while the REPL answers."""

import signal
import subprocess
import sys
import time

import capstone
import pytest

from device import alloc_loops
from device.jit import frame as F
from device.jit.compiler import compile_shader, CompileError
from host.render import frame_renderer
from sim_board_calls import board, call  # noqa: F401 (board: a fixture)

MAIN = "vec4 main(vec2 fragCoord, vec2 outputSize, float time) {\n%s\n}\n"

TEN_TRIPS = MAIN % """    float s = 0.0;
    for (int i = 0; i < 10; i++) {
        s += 0.05;
    }
    return vec4(s, fragCoord.x / outputSize.x, 0.0, 1.0);"""

RUNAWAY = MAIN % """    int k = 0;
    float s = 0.25;
    while (k >= 0) {
        k += 1;
        if (k > 1000) { k = 0; }
    }
    return vec4(s);"""


LIBRARY = MAIN % "    return vec4(lpfx_fbm(fragCoord, 1000000, 7u));"


def run(source, fuel, width=2, height=2):
    r = frame_renderer(compile_shader(source), width, height)
    r.fuel = fuel
    frame = r.render(0.5)
    return r.fault, frame


def test_a_frame_takes_exactly_its_fuel():
    # 4 pixels of 10 trips: 40 trips. The 40th spends the last one.
    fault, frame = run(TEN_TRIPS, 40)
    assert fault is None
    assert frame.rgba[0] == pytest.approx(0.5, abs=1e-3)
    fault, frame = run(TEN_TRIPS, 39)
    assert fault == 3
    # The first three pixels were written, the fourth not (its loop ran out).
    assert frame.rgba[8] == pytest.approx(0.5, abs=1e-3)
    assert frame.rgba[12:16] == [0.0] * 4


def test_a_trip_spends_one_plus_the_calls_in_the_body():
    # pair() makes 2 calls: a trip of the loop below costs 1 + 3 (the call
    # to pair and its own two). 4 pixels of 10 trips: 160.
    source = """
float leaf(float x) { return x * 0.5; }
float pair(float x) { return leaf(x) + leaf(x + 0.25); }
""" + MAIN % """    float s = 0.0;
    for (int i = 0; i < 10; i++) {
        s += pair(0.01);
    }
    return vec4(s, 0.0, 0.0, 1.0);"""
    fault, frame = run(source, 160)
    assert fault is None and frame.rgba[0] == pytest.approx(1.35, abs=1e-3)
    assert run(source, 159)[0] == 6


def test_a_long_body_spends_more_than_a_short_one():
    # 1 per 16 IR instructions of the body as well: a trip through
    # thousands of lines with no call is long too (found by mutation
    # fuzzing: a line repeated 2000 times in a loop).
    body = "\n".join("        s = s * 0.5 + %d.0 * 0.001;" % k for k in range(100))
    source = MAIN % ("    float s = 0.0;\n    for (int i = 0; i < 3; i++) {\n%s\n    }\n"
                     "    return vec4(s);" % body)
    assert run(source, 3, 1, 1)[0] == 3           # 3 trips of fuel: not enough
    assert run(source, 3 * 7, 1, 1)[0] == 3       # 100 statements: over 96 IR instructions
    assert run(source, 10000, 1, 1)[0] is None
    assert run(TEN_TRIPS, 10, 1, 1)[0] is None    # a short body: 1 per trip


def test_a_tree_of_calls_too_big_for_a_pixel_is_refused():
    # No loop spends fuel here, yet 2^17 calls per pixel would run for
    # minutes: the count is checked where each function ends.
    levels = ["float f0(float x) { return sin(x); }"]
    for k in range(1, 17):
        levels.append("float f%d(float x) { return f%d(x) + f%d(x * 1.5); }" % (k, k - 1, k - 1))
    source = "\n".join(levels) + "\n" + MAIN % "    return vec4(f16(fragCoord.x));"
    with pytest.raises(CompileError) as e:
        compile_shader(source)
    assert (e.value.line, e.value.col) == (17, 7)
    assert e.value.message == ("'f16' makes 131070 calls each time it runs, its callees' "
                               "included (at most 65536)")
    compile_shader("\n".join(levels[:16]) + "\n" + MAIN % "    return vec4(f15(fragCoord.x));")


def test_a_runaway_loop_ends_the_frame_and_names_its_line():
    fault, frame = run(RUNAWAY, 5000)
    assert fault == 4
    assert frame.instructions < 5000 * 12


def test_the_fuel_exit_unwinds_calls_and_keeps_what_micropython_needs():
    # The loop runs out three calls deep, with callee-saved registers in
    # use (values live across the calls); the emulator's viper call checks
    # that sp and s0-s11 come back as they were (host/emulator.py).
    source = """
float spin(float x) {
    int k = 0;
    while (x > -1.0) {
        k += 1;
        x += 0.001;
        if (k > 100) { x = 0.0; k = 0; }
    }
    return x;
}
float middle(float x) { float a = sin(x); return a + spin(a * 2.0) * cos(x); }
float outer(float x) { float b = x * 3.0; return b + middle(b) + b * b; }
""" + MAIN % "    float q = fragCoord.x;\n    return vec4(outer(q) + q, q, 0.0, 1.0);"
    fault, _ = run(source, 777)
    assert fault == 4
    # The same renderer can run again: the fuel is given back per frame.
    r = frame_renderer(compile_shader(source), 2, 1)
    r.fuel = 500
    r.render(0.0)
    r.render(0.1)
    assert r.fault == 4


def test_a_loop_longer_than_a_branch_reaches_checks_its_fuel_beside_the_header():
    body = "\n".join("        s = fract(s * 1.7 + %d.0 * 0.013) + sin(s + %d.0);" % (k, k)
                     for k in range(120))
    source = MAIN % ("    float s = fragCoord.x * 0.1;\n"
                     "    for (int i = 0; i < 3; i++) {\n%s\n    }\n"
                     "    return vec4(fract(s), 0.0, 0.0, 1.0);" % body)
    program = compile_shader(source)
    # The check sits above the header: its bge goes forward, over the exit.
    cs = capstone.Cs(capstone.CS_ARCH_RISCV, capstone.CS_MODE_RISCV32 | capstone.CS_MODE_RISCVC)
    name, start, size, _, _ = program.functions[-1]
    checks = [i for i in cs.disasm(bytes(program.code[start:start + size]), start)
              if i.mnemonic == "bgez" and i.op_str.startswith("t6")]
    assert size > 4096 and len(checks) == 1 and int(checks[0].op_str.split(",")[1], 0) > 0
    # Reference: the same loop unrolled by hand has no back edge at all.
    unrolled = MAIN % ("    float s = fragCoord.x * 0.1;\n%s\n"
                       "    return vec4(fract(s), 0.0, 0.0, 1.0);" % "\n".join([body] * 3))
    fault, frame = run(source, 1 << 20)
    assert fault is None
    assert frame.rgba == run(unrolled, 1 << 20)[1].rgba
    fault, _ = run(source, 5)        # 4 pixels of 3 trips
    assert fault == 3


def test_a_loop_ending_a_function_is_not_taken_for_a_tail_call():
    # The fuel exit's call is the last instruction of such a function; the
    # loop's exit branch goes past it to the epilogue.
    source = """
void bump(inout float s) {
    for (int i = 0; i < 4; i++) { s += 0.125; }
}
""" + MAIN % "    float s = 0.0;\n    bump(s);\n    return vec4(s, 0.0, 0.0, 1.0);"
    fault, frame = run(source, 100)
    assert fault is None and frame.rgba[0] == 0.5
    assert run(source, 15)[0] == 3


def test_the_bench_measures_3_cycles_per_trip():
    # host/bench_pixels.py quotes the checks' cost from the same program
    # with each check replaced by the plain jump: 10 trips per pixel.
    from host.bench_pixels import without_fuel_checks
    program = compile_shader(TEN_TRIPS)
    plain, checks = without_fuel_checks(program)
    assert checks == 1
    with_fuel = frame_renderer(program, 2, 2).render(0.5)
    without = frame_renderer(plain, 2, 2).render(0.5)
    assert without.rgba == with_fuel.rgba
    assert with_fuel.cycles - without.cycles == 4 * 10 * 3


def test_the_allocator_and_the_frame_agree_on_the_fuel_word():
    assert alloc_loops._P_FUEL == F.P_FUEL
    assert F.GLOBALS == F.PARAMS_BYTES


# ---- on the virtual board ------------------------------------------------------------------

GOOD = MAIN % "    return vec4(fragCoord.x / outputSize.x, 0.5, 0.25, 1.0);"
GROWS = MAIN % """    float s = 0.0;
    for (int i = 0; i < iFrame * 100; i++) {
        s += 0.001;
    }
    return vec4(fract(s), 0.0, 0.0, 1.0);"""




def frames_after(board, seconds=0.6):
    n = len(board.bridge.frames)
    time.sleep(seconds)
    return list(board.bridge.frames)[n:]


def test_on_the_board_a_runaway_shader_is_refused_and_the_last_good_one_comes_back(board):
    assert call(board, "config('fuel', 3000)")["ok"]
    assert call(board, "load(%r)" % GOOD)["running"]
    good = frames_after(board)[-1]
    out = call(board, "load(%r)" % RUNAWAY)
    assert not out["ok"] and out["running"]
    assert out["error"] == ("shader.glsl:4:5: error: shader exceeded its time budget at line 4: "
                            "its loops spent a frame's fuel, 3000 trips and calls (the 'fuel' setting)\n"
                            "    while (k >= 0) {\n    ^")
    shown = frames_after(board)
    assert shown and all(f == good for f in shown)
    assert call(board, "stats()")["running"]


def test_on_the_board_loops_that_grow_stop_the_shader_and_the_repl_answers(board):
    assert call(board, "config('fuel', 3000)")["ok"]
    out = call(board, "load(%r)" % GROWS)        # frame 0 takes no trip
    assert out["ok"] and out["running"]
    time.sleep(0.5)
    stats = call(board, "stats()")
    assert not stats["running"]
    assert stats["error"].startswith("shader.glsl:3:5: error: shader exceeded its time budget "
                                     "at line 3")
    assert not frames_after(board, 0.3)
    # Fixed, it runs again.
    assert call(board, "load(%r)" % GOOD)["running"]
    assert frames_after(board)


def test_a_library_loop_reports_line_0_and_the_board_says_so():
    # lpfx's lines are not the shader's. (On the virtual board the lpfx
    # library does not fit beside the compiler in the 64-bit port's heap, so
    # the board's message is checked by calling the server's formatter.)
    fault, _ = run(LIBRARY, 3000)
    assert fault == 0
    from device.server import Server
    server = Server.__new__(Server)
    server.cfg, server.fault = {"fuel": 3000}, 0
    assert server._budget_error("shader.glsl", LIBRARY) == (
        "shader.glsl: error: shader exceeded its time budget in a library loop: its loops spent "
        "a frame's fuel, 3000 trips and calls (the 'fuel' setting)")


def test_watch_says_when_the_shader_stops_later(board, tmp_path):
    # Live coding: the file is saved with a loop that grows with iFrame;
    # its first frame is fine, a later one is not. The watcher prints the
    # board's error once, without a new save.
    assert call(board, "config('fuel', 3000)")["ok"]
    shader = tmp_path / "live.glsl"
    shader.write_text(GROWS)
    watch = subprocess.Popen([sys.executable, "-m", "host", "watch", str(shader),
                              "--port", board.port], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(4)
    finally:
        watch.send_signal(signal.SIGINT)
        out, err = watch.communicate(timeout=10)
    assert watch.returncode == 0
    assert out.count("running on the board") == 1
    assert err.count("%s:3:5: error: shader exceeded its time budget at line 3" % shader) == 1
