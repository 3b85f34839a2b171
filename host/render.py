"""Run a compiled shader on the emulated ESP32-C3, exactly as the board will.

The program's bytes are loaded into emulated SRAM, the parameter block and
output buffer are allocated beside them, and the frame entry is called once
through the viper calling convention. Output is raw Q16.16 RGBA decoded to
floats, row-major, row 0 at fragCoord.y = 0.5.
"""

import struct

from device.jit import frame
from host.emulator import C3Emulator

Q16 = 65536.0
# Instructions allowed per pixel before the emulator gives up. Shaders
# cannot loop yet, so this only guards against a compiler bug; issue 8
# gives the generated code its own fuel budget.
INSTRUCTIONS_PER_PIXEL_LIMIT = 1_000_000


def q16(value):
    """Seconds (or any real) to a Q16.16 word, rounded to nearest."""
    return int(round(value * Q16))


class Frame:
    def __init__(self, width, height, rgba, instructions, cycles):
        self.width = width
        self.height = height
        self.rgba = rgba
        self.instructions = instructions
        self.cycles = cycles

    @property
    def instructions_per_pixel(self):
        return self.instructions / float(self.width * self.height)


class Renderer:
    """One program loaded into one emulator; render() may be called repeatedly."""

    def __init__(self, program, width, height):
        self.width = width
        self.height = height
        self.emu = C3Emulator()
        self.code_addr = self.emu.load_code(bytes(program.code))
        self.entry = self.code_addr + program.entry
        self.params = self.emu.alloc(frame.PARAMS_BYTES)
        self.out = self.emu.alloc(width * height * frame.BYTES_PER_PIXEL)

    def render(self, time):
        emu = self.emu
        emu.write(self.params, struct.pack("<IiiI", self.out, self.width, self.height,
                                           q16(time) & 0xFFFFFFFF))
        result = emu.call_viper(self.entry, [self.params], max_instructions=
                                INSTRUCTIONS_PER_PIXEL_LIMIT * self.width * self.height)
        if result.value != 0:
            raise RuntimeError("frame entry returned %d" % result.value)
        n = self.width * self.height * 4
        raw = struct.unpack("<%di" % n, emu.read(self.out, 4 * n))
        return Frame(self.width, self.height, [v / Q16 for v in raw], result.instructions,
                     getattr(result, "cycles", None))


def render(program, width, height, time):
    return Renderer(program, width, height).render(time)
