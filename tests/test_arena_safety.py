"""Code arena safety (host/arena_check.py): generated code stores only into
its output buffer, its stack frame and its globals.

Every test shader and both benchmarks run a 4x4 frame twice, in raw and
LED mode, with every store watched. The checker itself is shown to catch
each kind of stray store with small hand-assembled frame functions (the
frame contract of device/jit/frame.py: a3 points at the parameter block's
address as a small int), run through the very same check."""

import os
from collections import namedtuple

import pytest

import rv32_names as I
from device.jit import rv32, frame as F
from device.jit.compiler import compile_shader
from device.jit.rv32 import ZERO, RA, SP, A0, A3, T0, T1, T2
from host.arena_check import check_program, measure, STACK_LIMIT
from host.emulator import IBUS_OFFSET
from host.render import Renderer, grid

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHADERS = os.path.join(REPO, "tests", "shaders")
BENCH = os.path.join(REPO, "..", "shared", "bench")
BENCHMARKS = ("lp2025-test-perlin.glsl", "lp2025-rainbow.glsl")
CORPUS = sorted(os.path.join("tests", "shaders", n) for n in os.listdir(SHADERS)
                if n.endswith(".glsl"))


@pytest.mark.parametrize("path", CORPUS + [os.path.join("..", "shared", "bench", n)
                                           for n in BENCHMARKS])
def test_every_shader_stores_only_into_its_arena(path):
    full = os.path.join(REPO, path)
    if not os.path.exists(full):
        pytest.skip("the shared/ folder with the benchmark shaders is not beside the repo")
    with open(full) as f:
        program = compile_shader(f.read())
    violations, depth = measure(program, 4, 4, (0.0, 1.5))
    assert violations == [], "\n".join(map(str, violations))
    assert 52 <= depth <= STACK_LIMIT     # the frame entry saves 13 registers at sp-64+12 up


RUNAWAY = """
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    float s = 0.0;
    for (int i = 0; i < 100000; i++) { s += hash(fragCoord + float(i)); }
    return vec4(s);
}
float hash(vec2 p) { return fract(sin(dot(p, vec2(12.9, 78.2))) * 437.585); }
"""


def test_the_fuel_exit_stores_only_into_its_arena():
    # A loop that spends the frame's fuel leaves through the entry's fuel
    # exit (P_FAULT, sp back from P_SP), from inside a call.
    program = compile_shader(RUNAWAY)
    renderer = Renderer(program, grid(4, 4), (4, 4), fuel=100)
    renderer.run(0.0)
    assert renderer.fault == 4
    assert check_program(program, fuel=100) == []


# ---- the checker catches what it must ------------------------------------------

Program = namedtuple("Program", "code entry globals functions")
RET = (I.addi(A0, ZERO, 1), I.jalr(ZERO, RA, 0))       # return the small int 0
PARAMS = (I.lw(T0, A3, 0), I.srai(T0, T0, 1))          # t0 = the parameter block


def frame_function(*insns, globals_=b""):
    code = b"".join(i.to_bytes(rv32.size(i), "little") for i in insns + RET)
    return Program(code, 0, globals_, [("hand", 0, len(code), 0, 0)])


def caught(*insns):
    # The one kind of violation the program makes.
    violations = check_program(frame_function(*insns))
    assert len(violations) == 1, violations
    v = violations[0]
    assert v.where.startswith("hand+") and v.count == 4    # 2 times x raw and LED mode
    return v.what


def test_stores_into_the_output_the_globals_and_the_own_frame_are_allowed():
    assert check_program(frame_function(
        *PARAMS, I.addi(SP, SP, -16), I.sw(ZERO, SP, 12), I.sw(ZERO, SP, 0), I.addi(SP, SP, 16),
        I.lw(T1, T0, F.P_OUT), I.sw(ZERO, T1, 0), I.sb(ZERO, T1, 2),
        I.sw(ZERO, T0, F.GLOBALS), I.sw(ZERO, T0, F.GLOBALS + 4),
        I.sw(ZERO, T0, F.P_FUEL), I.sw(SP, T0, F.P_SP), globals_=bytes(8))) == []


def test_a_store_below_the_stack_pointer_is_caught():
    assert caught(I.sw(ZERO, SP, -4)) == "below the stack pointer"


def test_a_store_into_the_callers_frame_is_caught():
    assert caught(I.sw(ZERO, SP, 0)) == "above the entry's stack pointer (the caller's frame)"


def test_a_stack_deeper_than_the_limit_is_caught():
    assert STACK_LIMIT == 4096
    assert caught(I.addi(SP, SP, -2048), I.addi(SP, SP, -2048), I.addi(SP, SP, -16),
                  I.sw(ZERO, SP, 0),
                  I.addi(SP, SP, 2047), I.addi(SP, SP, 2047), I.addi(SP, SP, 18)
                  ).startswith("past the stack limit")


def test_a_store_just_past_the_output_buffer_is_caught():
    # out + count * 16: one LED past the end in raw mode, further in LED mode.
    assert caught(*PARAMS, I.lw(T1, T0, F.P_OUT), I.lw(T2, T0, F.P_COUNT), I.slli(T2, T2, 4),
                  I.add(T1, T1, T2), I.sw(ZERO, T1, 0)) == "outside the frame's memory"


def test_a_store_past_the_globals_is_caught():
    # The program has no globals: the first word after the block is not its own.
    assert caught(*PARAMS, I.sw(ZERO, T0, F.GLOBALS))


def test_a_store_into_the_parameter_blocks_fixed_words_is_caught():
    assert caught(*PARAMS, I.sw(ZERO, T0, F.P_OUT)) == "into the parameter block's word at +0"


def test_a_store_into_the_code_is_caught_through_either_bus():
    # auipc gives this instruction's instruction-bus address; minus the
    # offset, the same bytes' data-bus address.
    assert caught(I.auipc(T0, 0), I.lui(T1, IBUS_OFFSET >> 12), I.sub(T0, T0, T1),
                  I.sw(ZERO, T0, 16)) == "into the program's code"
    assert caught(I.auipc(T0, 0), I.sw(ZERO, T0, 16)) == "through the instruction bus"


def test_a_store_into_the_coordinate_table_is_caught():
    assert caught(*PARAMS, I.lw(T1, T0, F.P_COORDS), I.sw(ZERO, T1, 4)) == \
        "into the coordinate table"


def test_a_store_to_unmapped_memory_is_caught_and_ends_the_frame():
    violations = check_program(frame_function(I.lui(T0, 0x10000), I.sw(ZERO, T0, 0)))
    assert [(v.what, v.address, v.count) for v in violations] == [
        ("outside the frame's memory", 0x10000000, 2)]    # the first time in each mode


def test_watching_stores_leaves_the_counts_and_pixels_alone():
    with open(os.path.join(SHADERS, "fx_plasma.glsl")) as f:
        program = compile_shader(f.read())
    renderer = Renderer(program, grid(4, 4), (4, 4))
    plain = renderer.run(0.5)
    stores = []
    handle = renderer.emu.watch_writes(lambda *store: stores.append(store))
    watched = renderer.run(0.5)
    renderer.emu.unwatch_writes(handle)
    assert watched == plain and len(stores) > 16
    seen = len(stores)
    assert renderer.run(0.5) == plain and len(stores) == seen     # unwatched again
