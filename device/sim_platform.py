# The virtual board's stand-in for device/c3_platform.py: the only part of
# the device package that differs from the chip. A PC cannot run RV32 code
# from a MicroPython bytearray or drive an LED wire, so loading code,
# running a frame and showing LEDs go to the emulated C3 core over the
# bridge (host/sim/bridge.py, which documents the messages). Frames tick on
# a thread: the unix port's REPL blocks in read(), where the chip's runs
# scheduled callbacks.

import struct
import time
import _thread

from .jit import frame as F



class SimPlatform:
    name = "virtual"

    def __init__(self, bridge_dir="."):
        self.req = open(bridge_dir + "/.sim-req", "wb")
        self.resp = open(bridge_dir + "/.sim-resp", "rb")
        self.ticking = False
        self.ticker_done = _thread.allocate_lock()
        self.start_ms = time.ticks_ms()

    def address(self, buf):
        return 1   # any non-zero value: the bridge knows where the data really is

    def _send(self, op, parts, reply_into=None):
        # The reply's first len(reply_into) bytes go into reply_into; the
        # rest is returned.
        n = 0
        for p in parts:
            n += len(p)
        self.req.write(op + struct.pack("<I", n))
        for p in parts:
            self.req.write(p)
        size = struct.unpack("<I", self._read(4))[0]
        if reply_into is not None:
            view = memoryview(reply_into)
            got = 0
            while got < len(view):
                got += self.resp.readinto(view[got:])
            size -= got
        return self._read(size)

    def _read(self, n):
        data = b""
        while len(data) < n:
            data += self.resp.read(n - len(data))
        return data

    def load(self, code, entry):
        self._send(b"L", (struct.pack("<I", entry), code))

    def run(self, params, table, lut, out):
        # The reply: the output buffer, then the parameter block's P_FAULT
        # word as the frame left it.
        parts = (params, table, lut) if lut is not None else (params, table)
        params[F.P_FAULT:F.P_FAULT + 4] = self._send(b"F", parts, out)

    def show(self, leds):
        self._send(b"S", (leds,))

    def start_ticker(self, fps, callback):
        self.stop_ticker()
        self.ticking = True
        self.ticker_done.acquire()
        _thread.start_new_thread(self._tick, (1.0 / fps, callback))

    def _tick(self, period, callback):
        while self.ticking:
            started = time.ticks_ms()
            callback(0)
            spent = time.ticks_diff(time.ticks_ms(), started) / 1000.0
            if spent < period:
                time.sleep(period - spent)
        self.ticker_done.release()

    def stop_ticker(self):
        if self.ticking:
            self.ticking = False
            self.ticker_done.acquire()    # the frame in progress finishes first
            self.ticker_done.release()

    def ticks_ms(self):
        return time.ticks_ms()
