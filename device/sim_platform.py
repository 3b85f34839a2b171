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
        self.word = bytearray(4)        # a reply's length, a frame's P_FAULT

    def address(self, buf):
        return 1   # any non-zero value: the bridge knows where the data really is

    def _send(self, op, parts, replies=()):
        # The request, then its reply into the buffers `replies`, which it
        # fills exactly. Nothing is allocated from the request's first byte
        # to the reply's last: a MemoryError (a frame while a compile has
        # the heap full) cannot leave a reply behind for the next request.
        n = 0
        for p in parts:
            n += len(p)
        header = op + struct.pack("<I", n)
        self.req.write(header)
        for p in parts:
            self.req.write(p)
        self._fill(self.word)                  # the reply's length
        for r in replies:
            self._fill(r)

    def _fill(self, buf):
        # The bridge writes a reply at once: the first read nearly always
        # takes it all, without the memoryview.
        got = self.resp.readinto(buf)
        if got < len(buf):
            view = memoryview(buf)
            while got < len(buf):
                got += self.resp.readinto(view[got:])

    def load(self, code, entry):
        self._send(b"L", (struct.pack("<I", entry), code))

    def run(self, params, table, lut, out):
        # The reply: the output buffer, then the parameter block's P_FAULT
        # word as the frame left it.
        parts = (params, table, lut) if lut is not None else (params, table)
        self._send(b"F", parts, (out, self.word))
        params[F.P_FAULT:F.P_FAULT + 4] = self.word

    def show(self, leds):
        self._send(b"S", (leds,))

    def start_ticker(self, fps, callback):
        self.stop_ticker()
        self.ticking = True
        self.ticker_done.acquire()
        try:
            _thread.start_new_thread(self._tick, (max(1, 1000 // fps), callback))
        except MemoryError:
            # No thread: stop_ticker() must not wait for one.
            self.ticking = False
            self.ticker_done.release()
            raise

    def _tick(self, period_ms, callback):
        # In whole milliseconds, as the chip's timer: a float here would
        # be an allocation per frame, and a MemoryError would end the thread.
        while self.ticking:
            started = time.ticks_ms()
            callback(0)
            spent = time.ticks_diff(time.ticks_ms(), started)
            if spent < period_ms:
                time.sleep_ms(period_ms - spent)
        self.ticker_done.release()

    def stop_ticker(self):
        if self.ticking:
            self.ticking = False
            self.ticker_done.acquire()    # the frame in progress finishes first
            self.ticker_done.release()

    def ticks_ms(self):
        return time.ticks_ms()
