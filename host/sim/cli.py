"""`python -m host sim`: a virtual board on a pty, until Ctrl-C.

Its filesystem is a directory (--dir, default a new temporary one), as a
board's flash is: lumajit is installed there (host/deploy.py) and its
main.py runs at power-on."""

import argparse
import os
import signal
import sys
import tempfile
import time

from host import deploy
from host.device_compile import micropython_exe
from host.sim.board import VirtualBoard, DEFAULT_HEAP
from host.sim.bridge import NativeBridge


def parser():
    p = argparse.ArgumentParser(prog="python -m host sim",
                                description="a virtual ESP32-C3 on a pty")
    p.add_argument("--dir", help="the board's filesystem (default: a new temporary directory)")
    p.add_argument("--heap", default=DEFAULT_HEAP,
                   help="MicroPython heap, as a C3 has free (default %s)" % DEFAULT_HEAP)
    return p


def main(argv=None):
    args = parser().parse_args(argv)
    board_dir = args.dir or tempfile.mkdtemp(prefix="lumajit-board-")
    if not os.path.isdir(board_dir):
        print("lumajit: error: %s is not a directory" % board_dir, file=sys.stderr)
        return 2
    board = start(board_dir, args.heap)
    print(board.port, flush=True)
    print("virtual ESP32-C3 on %s (filesystem %s); Ctrl-C to stop" % (board.port, board_dir),
          file=sys.stderr, flush=True)
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    try:
        while not stop:
            time.sleep(0.2)
    except KeyboardInterrupt:
        pass
    board.stop()
    board.bridge.stop()
    return 0


def start(board_dir, heap=DEFAULT_HEAP, install=True):
    """Install lumajit into board_dir (unless install is False: it is there
    already) and power the virtual board on; the returned board has .port
    and .bridge (the emulated core and LED wire)."""
    if install:
        deploy.install(board_dir)
    bridge = NativeBridge(board_dir).start()
    board = VirtualBoard(board_dir, micropython_exe(), heap).start()
    board.bridge = bridge
    return board
