# The ESP32-C3 itself: generated code in an executable arena, frames
# scheduled from a hardware timer (they run between REPL bytecodes and
# while the REPL waits for input), LEDs driven by machine.bitstream (RMT on
# esp32) with WS2812 timing. The virtual board replaces exactly this module
# (device/sim_platform.py).

import machine
import micropython
import time

from . import execmem, viper_ops

# WS2812: high/low nanoseconds of a 0 bit, then of a 1 bit (800 kHz).
WS2812_TIMING = (400, 850, 800, 450)


class C3Platform:
    name = "esp32c3"

    def __init__(self, pin, arena_bytes=8192):
        execmem.check_firmware()
        execmem.check_retarget()
        self.arena = execmem.CodeArena(arena_bytes)
        self.pin = machine.Pin(pin, machine.Pin.OUT)
        self.fn = None
        self.timer = None

    def address(self, buf):
        return viper_ops.address_of(buf)

    def load(self, code, entry):
        self.fn = self.arena.load(code, entry)

    def run(self, params, table, lut, out):
        self.fn(viper_ops.address_of(params))

    def show(self, leds):
        machine.bitstream(self.pin, 0, WS2812_TIMING, leds)

    def start_ticker(self, fps, callback):
        self.stop_ticker()
        self.timer = machine.Timer(0)
        self.timer.init(period=max(1, 1000 // fps),
                        callback=lambda t: micropython.schedule(callback, 0))

    def stop_ticker(self):
        if self.timer is not None:
            self.timer.deinit()
            self.timer = None

    def ticks_ms(self):
        return time.ticks_ms()
