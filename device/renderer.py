# A layout's frame: its coordinate table, LUT and LED buffer, and the one
# native call that fills the buffer (device/jit/frame.py), then the LEDs.

import struct

from .jit import frame as F
from .layout import q16


class Renderer:
    def __init__(self, platform, layout, lut, order, fuel=F.FUEL_PER_FRAME):
        self.platform = platform
        self.fuel = fuel
        self.count = layout.count
        # Raw little-endian words: what the native loop reads, and a buffer
        # whose len() is its size in bytes (an array's is its item count).
        self.table = bytearray(layout.coords)
        self.lut = lut
        self.out = bytearray(layout.count * F.LED_BYTES_PER_LED)
        self.frame_count = 0
        self.fixed = (platform.address(self.out), layout.count, platform.address(self.table),
                      q16(layout.size[0]), q16(layout.size[1]), platform.address(lut), order)
        self.set_globals(b"")

    def set_globals(self, image):
        # A new program: its globals' initial bytes follow the parameter
        # block (device/jit/frame.py), and iFrame counts from 0 again.
        self.params = bytearray(F.PARAMS_BYTES + len(image))
        self.params[F.GLOBALS:] = image
        out, count, table, sx, sy, lut, order = self.fixed
        struct.pack_into("<IiIiiIII", self.params, 0, out, count, table, sx, sy, 0, lut, order)
        self.frame_count = 0

    def frame(self, time_q16):
        # Returns -1, or the line of the loop that spent the frame's fuel
        # (0: a library function's); the LEDs then show the frame as far
        # as it got.
        params = self.params
        struct.pack_into("<iiii", params, F.P_FRAME, self.frame_count, self.fuel, -1, 0)
        struct.pack_into("<i", params, F.P_TIME, time_q16)
        self.frame_count += 1
        self.platform.run(params, self.table, self.lut, self.out)
        self.platform.show(self.out)
        return struct.unpack_from("<i", params, F.P_FAULT)[0]
