"""Run a compiled shader on the emulated ESP32-C3, exactly as the board will.

The program's bytes are loaded into emulated SRAM, the parameter block, the
LED coordinate table and the output buffer are allocated beside them, and the
frame entry is called once through the viper calling convention
(device/jit/frame.py). A W x H frame is a coordinate table of pixel centres,
row 0 at fragCoord.y = 0.5; raw output is Q16.16 RGBA decoded to floats.
"""

import struct

from device import color, layout
from device.jit import frame as F
from device.layout import q16
from host.emulator import C3Emulator

Q16 = 65536
# Instructions allowed per pixel, and per loop trip of fuel, before the
# emulator gives up: the generated code's own fuel ends a runaway loop long
# before, so this only guards against a compiler bug.
INSTRUCTIONS_PER_PIXEL_LIMIT = 1_000_000
INSTRUCTIONS_PER_TRIP_LIMIT = 1_000


def instruction_limit(count, fuel):
    """The instructions a frame of `count` pixels with `fuel` may take."""
    return (INSTRUCTIONS_PER_PIXEL_LIMIT * max(count, 1)
            + INSTRUCTIONS_PER_TRIP_LIMIT * max(fuel, 0))


def grid(width, height):
    """The coordinate table of a width x height frame, row by row from y = 0.5."""
    table = []
    for y in range(height):
        for x in range(width):
            table += [(2 * x + 1) << 15, (2 * y + 1) << 15]
    return table


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
    """One program and one LED layout in one emulator; render() may be called
    repeatedly. With `lut` (256 bytes) and `order` (device/color.py) it
    produces LED bytes, otherwise raw Q16.16 RGBA. `emu`: a C3Emulator (or
    a subclass that profiles) to run in, else a new one. `fuel`: loop trips
    per frame (device/jit/frame.py); after run(), `fault` is None or the
    line of the loop that spent them."""

    def __init__(self, program, coords, size, lut=None, order=0, emu=None,
                 fuel=F.FUEL_PER_FRAME):
        self.fuel = fuel
        self.fault = None
        self.count = len(coords) // 2
        self.size = size
        self.emu = emu = emu or C3Emulator()
        self.entry = emu.load_code(bytes(program.code)) + program.entry
        self.params = emu.alloc(F.PARAMS_BYTES + len(program.globals))
        emu.write(self.params + F.GLOBALS, bytes(program.globals))
        self.frame_count = 0
        self.capacity = self.count
        table = emu.alloc(4 * len(coords))
        emu.write(table, struct.pack("<%di" % len(coords), *coords))
        lut_addr = 0
        if lut is not None:
            lut_addr = emu.alloc(256)
            emu.write(lut_addr, bytes(lut))
        self.per_led = F.LED_BYTES_PER_LED if lut is not None else F.RAW_BYTES_PER_LED
        self.out = emu.alloc(self.count * self.per_led)
        self.fixed = (self.out, self.count, table, q16(size[0]), q16(size[1]), lut_addr, order)

    def set_coords(self, coords):
        """Render the next frames at these LED coordinates (x, y, x, y...,
        Q16.16) instead: at most as many as the renderer was made with."""
        count = len(coords) // 2
        if count > self.capacity:
            raise ValueError("%d coordinates; this renderer holds %d" % (count, self.capacity))
        out, _, table, sx, sy, lut, order = self.fixed
        self.emu.write(table, struct.pack("<%di" % len(coords), *coords))
        self.count = count
        self.fixed = (out, count, table, sx, sy, lut, order)

    def run(self, time):
        """One frame: (output bytes, instructions, modelled cycles)."""
        out, count, table, sx, sy, lut, order = self.fixed
        self.emu.write(self.params, struct.pack("<IiIiiIIIiii", out, count, table, sx, sy,
                                                q16(time) & 0xFFFFFFFF, lut, order,
                                                self.frame_count, self.fuel, -1))
        self.frame_count += 1
        result = self.emu.call_viper(self.entry, [self.params],
                                     max_instructions=instruction_limit(count, self.fuel))
        if result.value != 0:
            raise RuntimeError("frame entry returned %d" % result.value)
        fault = struct.unpack("<i", self.emu.read(self.params + F.P_FAULT, 4))[0]
        self.fault = None if fault < 0 else fault
        return self.emu.read(out, count * self.per_led), result.instructions, result.cycles

    def render(self, time):
        """Raw output as a Frame of floats (the renderer must have no LUT)."""
        data, instructions, cycles = self.run(time)
        raw = struct.unpack("<%di" % (4 * self.count), data)
        width, height = self.size
        return Frame(int(width), int(height), [v / float(Q16) for v in raw], instructions, cycles)


def board_renderer(program, cfg):
    """What a board with configuration cfg (device/config.py) puts on its
    LEDs: its layout, brightness/gamma LUT and colour order."""
    lay = layout.from_config(cfg)
    return Renderer(program, list(lay.coords), lay.size,
                    color.lut(cfg["brightness"], cfg["gamma"]), color.order(cfg["order"]))


def frame_renderer(program, width, height):
    return Renderer(program, grid(width, height), (width, height))


def render(program, width, height, time):
    return frame_renderer(program, width, height).render(time)
