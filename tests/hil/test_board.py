"""The board's everyday flow, through pytest-embedded's serial service: load
a shader and read its figures, compare its LED bytes with the host
emulator's, load a bad shader while the good one keeps rendering, reset and
find the last good shader running again."""

import time

from device.jit.compiler import compile_shader
from host.render import board_renderer
from repl import call, reset

SHADER = """
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    return vec4(uv.y, 0.25 + 0.5 * uv.x, uv.x * uv.y, 1.0);
}
"""
BAD = "vec4 main(vec2 f, vec2 s, float t) {\n    float k = 1.0 +;\n    return vec4(k);\n}\n"


def expected_leds(cfg):
    return board_renderer(compile_shader(SHADER), cfg).run(0.0)[0].hex()


def frames_after(dut, seconds):
    before = call(dut, "stats()")["frames"]
    time.sleep(seconds)
    return call(dut, "stats()")["frames"] - before


def test_load_a_shader_and_read_its_figures(dut):
    reply = call(dut, "load(%r)" % SHADER)
    assert reply["ok"] and reply["running"]
    assert reply["code_bytes"] > 0 and reply["compile_ms"] >= 0
    assert reply["heap_before"] > 0 and reply["heap_after"] > 0
    assert frames_after(dut, 0.5) > 0


def test_led_bytes_match_the_host_emulator(dut):
    call(dut, "load(%r)" % SHADER)
    time.sleep(0.3)
    cfg = call(dut, "config()")["config"]
    assert call(dut, "pixels()")["leds"] == expected_leds(cfg)


def test_a_bad_shader_answers_with_its_error_and_the_old_one_keeps_rendering(dut):
    call(dut, "load(%r)" % SHADER)
    started = time.time()
    reply = call(dut, "load(%r)" % BAD)
    assert time.time() - started < 1.0
    assert not reply["ok"] and reply["running"]
    assert reply["error"].startswith("shader.glsl:2:20: error: ")
    assert frames_after(dut, 0.5) > 0


def test_after_a_reset_the_last_good_shader_runs_again(dut):
    call(dut, "load(%r)" % SHADER)
    reset(dut)
    time.sleep(0.5)
    stats = call(dut, "stats()", timeout=15)
    assert stats["running"] and stats["code_bytes"] > 0
    assert frames_after(dut, 0.5) > 0
