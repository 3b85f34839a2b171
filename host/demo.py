"""make demo: the Perlin benchmark through the whole flow, on a virtual board
unless a real one is given (PORT=...).

The shader is sent over the serial REPL, compiled on the board, and its LED
frames are read back from the board (srv.pixels()) into a GIF and PNGs.
Alongside: the compile's figures under the real MicroPython interpreter and
the modelled cost per pixel on the emulated C3."""

import os
import sys
import tempfile
import time

from device import color, layout
from host import device_compile, images
from host.cli import compile_file, helper_names, Failure
from host.client import Board, BoardError
from host.render import frame_renderer

C3_HZ = 160_000_000


def run(shader, out_dir, frames, size, port=None):
    if not os.path.exists(shader):
        raise Failure("lumajit: error: the benchmark %s is missing (the shared/ folder "
                      "sits beside the repository)" % shader, 2)
    width, height = size
    program = compile_file(shader)
    print("shader:      %s" % os.path.relpath(shader))
    print("code:        %d bytes, %d functions, helpers %s"
          % (len(program.code), len(program.functions), ", ".join(helper_names(program))))
    heap_figures(shader, program)
    cost_figures(program, width, height)
    board = None
    if port is None:
        from host.sim.cli import start
        board = start(tempfile.mkdtemp(prefix="lumajit-demo-board-"))
        port = board.port
        print("board:       virtual ESP32-C3 on %s" % port)
    try:
        preview(shader, port, out_dir, frames, size, virtual=board is not None)
    except BoardError as e:
        raise Failure("lumajit: error: %s" % e, 3)
    finally:
        if board is not None:
            board.stop()
            board.bridge.stop()
    return 0


def heap_figures(shader, program):
    mp = device_compile.compile_on_micropython(shader, device_compile.PERLIN_HEAP)
    peak = device_compile.compile_on_micropython(shader, "512k", sample_peak=True)
    print("MicroPython: compiled with -X heapsize=%s (64-bit unix port), code %s"
          % (device_compile.PERLIN_HEAP,
             "byte-identical to CPython's" if mp.code == bytes(program.code) else "DIFFERENT"))
    print("heap:        peak %.1f KB live during the compile = compiler %.1f KB (.mpy) + "
          "workspace %.1f KB + source + transient peak %.1f KB; %d B retained after"
          % (peak.peak_live_bytes / 1024.0, mp.resident_bytes / 1024.0,
             mp.workspace_bytes / 1024.0, peak.transient_peak_bytes / 1024.0, mp.retained_bytes))


def cost_figures(program, width, height):
    frame = frame_renderer(program, width, height).render(1.0)
    pixels = width * height
    print("per pixel:   %.0f instructions, %.0f modelled C3 cycles -> %.0f fps at %dx%d "
          "on a 160 MHz C3 (cycle model, not a measurement)"
          % (frame.instructions / pixels, frame.cycles / pixels, C3_HZ / frame.cycles,
             width, height))


def preview(shader, port, out_dir, frames, size, virtual):
    width, height = size
    board = Board(port)
    try:
        if virtual:
            # The preview shows the shader's colours: full brightness, no gamma.
            for key, value in (("layout", {"type": "matrix", "width": width, "height": height}),
                               ("brightness", 1.0), ("gamma", 1.0)):
                board.call("config(%r, %r)" % (key, value))
        with open(shader) as f:
            reply = board.load(f.read(), os.path.basename(shader))
        if not reply.get("ok"):
            raise Failure(reply.get("error", "the board refused the shader"), 1)
        print("on board:    compiled in %d ms; heap %d -> %d bytes; %d bytes of code"
              % (reply["compile_ms"], reply["heap_before"], reply["heap_after"],
                 reply["code_bytes"]))
        cfg = board.call("config()")["config"]
        lay = layout.from_config(cfg)
        offsets = color.order(cfg["order"])
        os.makedirs(out_dir, exist_ok=True)
        captured = []
        last = -1
        started = time.time()
        while len(captured) < frames and time.time() - started < 60:
            reply = board.call("pixels()")
            if reply["frames"] != last:
                last = reply["frames"]
                captured.append(leds_to_rgba(bytes.fromhex(reply["leds"]), lay, offsets))
            time.sleep(0.1)
        stats = board.call("stats()")
    finally:
        board.close()
    w, h = int(lay.size[0]), int(lay.size[1])
    scale = images.default_scale(w, h)
    for i, rgba in enumerate(captured):
        images.save_png(rgba, w, h, os.path.join(out_dir, "frame%03d.png" % i), scale)
    gif = os.path.join(out_dir, "perlin.gif")
    images.save_gif(captured, w, h, gif, scale, 100)
    print("rendered:    %d LED frames read back from the board (%.1f fps there): %s and frame*.png"
          % (len(captured), stats["fps"], os.path.relpath(gif)))


def leds_to_rgba(leds, lay, offsets):
    # LED bytes (colour order) back into an image of the layout's size.
    w, h = int(lay.size[0]), int(lay.size[1])
    rgba = [0.0] * (4 * w * h)
    shifts = (offsets & 0xFF, (offsets >> 8) & 0xFF, (offsets >> 16) & 0xFF)
    for i in range(lay.count):
        x = lay.coords[2 * i] >> 16
        y = lay.coords[2 * i + 1] >> 16
        if 0 <= x < w and 0 <= y < h:
            at = 4 * (y * w + x)
            for c in range(3):
                rgba[at + c] = leds[3 * i + shifts[c]] / 255.0
            rgba[at + 3] = 1.0
    return rgba


if __name__ == "__main__":
    sys.exit(run(sys.argv[1], sys.argv[2], 24, (16, 16)))
