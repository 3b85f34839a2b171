"""Flashing a board: a documented stub until issue 3.

Issue 3 builds it: a pinned MicroPython release for ESP32_GENERIC_C3 (see
firmware/README.md), esptool detecting the chip and refusing anything but an
ESP32-C3, erase and write with progress, then deploying the device package
as .mpy with mpremote. Until then `make flash` says so and exits 2.
"""

import sys


def main(args):
    print("lumajit: flashing a board is not implemented yet (issue 3); use the emulator: "
          "python -m host render FILE", file=sys.stderr)
    return 2
