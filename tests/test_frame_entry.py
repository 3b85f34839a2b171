"""The frame entry (device/jit/frame.py) on the emulator: it walks any LED
coordinate table in order, and in LED mode turns each colour into a byte
(clamp to [0, 1], scale to 0..255 rounding to nearest, LUT) stored at its
colour-order offset. LED bytes are checked against the raw output of the
same shader put through that rule here."""

import random

from device.jit.compiler import compile_shader
from host.render import Renderer, grid, q16

# Colours that leave [0, 1] on both sides, and vary with position and time.
SHADER = """
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    return vec4(uv.x * 1.5 - 0.25, 1.2 - uv.y * 1.4, fract(uv.x + uv.y + time), 1.0);
}
"""


def expected_byte(value_q16, lut):
    v = min(max(value_q16, 0), 65536)
    return lut[(v * 255 + 32768) >> 16]


def test_led_bytes_follow_the_raw_colours():
    program = compile_shader(SHADER)
    rng = random.Random(7)
    lut = bytes(rng.randrange(256) for _ in range(256))
    coords = grid(7, 5)
    raw_data, _, _ = Renderer(program, coords, (7, 5)).run(0.3)
    for name, offsets in (("RGB", (0, 1, 2)), ("GRB", (1, 0, 2)), ("BGR", (2, 1, 0))):
        order = offsets[0] | offsets[1] << 8 | offsets[2] << 16
        leds, _, _ = Renderer(program, coords, (7, 5), lut, order).run(0.3)
        assert len(leds) == 3 * 35
        for i in range(35):
            for c in range(3):
                value = int.from_bytes(raw_data[16 * i + 4 * c:16 * i + 4 * c + 4], "little",
                                       signed=True)
                assert leds[3 * i + offsets[c]] == expected_byte(value, lut), (name, i, c)


def test_any_coordinate_order_is_walked_as_given():
    program = compile_shader(SHADER)
    coords = grid(4, 4)
    pairs = [coords[i:i + 2] for i in range(0, len(coords), 2)]
    shuffled = pairs[::-1][:5] + [[q16(1.25), q16(3.5)]]
    flat = [v for p in shuffled for v in p]
    whole = Renderer(program, coords, (4, 4)).render(1.0).rgba
    picked = Renderer(program, flat, (4, 4)).render(1.0).rgba
    for k, pair in enumerate(shuffled[:5]):
        i = pairs.index(pair)
        assert picked[4 * k:4 * k + 4] == whole[4 * i:4 * i + 4]
    # An arbitrary point: uv = (1.25/4, 3.5/4) -> red = uv.x * 1.5 - 0.25
    assert abs(picked[20] - (1.25 / 4 * 1.5 - 0.25)) < 1e-3


def test_an_empty_layout_renders_nothing():
    program = compile_shader(SHADER)
    data, instructions, _ = Renderer(program, [], (1, 1)).run(0.0)
    # The entry's own work only: 13 registers saved and restored, the
    # parameters read; one pixel's call to main would add more than 20.
    assert data == b"" and instructions < 45
