"""make demo: the Perlin benchmark, compiled by lumajit and animated on the
emulated ESP32-C3 (the virtual board's core), with the compile figures
measured under the real MicroPython interpreter."""

import os
import sys
import time

from host import images
from host.cli import compile_file, helper_names, Failure
from host.render import frame_renderer

C3_HZ = 160_000_000


def run(shader, out_dir, frames, size):
    if not os.path.exists(shader):
        raise Failure("lumajit: error: the benchmark %s is missing (the shared/ folder "
                      "sits beside the repository)" % shader, 2)
    from host import device_compile
    width, height = size
    program = compile_file(shader)
    print("shader:      %s" % os.path.relpath(shader))
    print("code:        %d bytes, %d functions, helpers %s"
          % (len(program.code), len(program.functions), ", ".join(helper_names(program))))
    mp = device_compile.compile_on_micropython(shader, "104k")
    peak = device_compile.compile_on_micropython(shader, "512k", sample_peak=True)
    print("MicroPython: compiled in a 104 KB heap (-X heapsize=104k, 64-bit unix port), code %s"
          % ("byte-identical to CPython's" if mp.code == bytes(program.code) else "DIFFERENT"))
    print("heap:        peak %.1f KB live during the compile = compiler %.1f KB (.mpy) + "
          "workspace %.1f KB + source + transient peak %.1f KB; %d B retained after"
          % (peak.peak_live_bytes / 1024.0, mp.resident_bytes / 1024.0,
             mp.workspace_bytes / 1024.0, peak.transient_peak_bytes / 1024.0, mp.retained_bytes))
    os.makedirs(out_dir, exist_ok=True)
    renderer = frame_renderer(program, width, height)
    rgba_frames = []
    started = time.time()
    instructions = cycles = 0
    for i in range(frames):
        frame = renderer.render(i / 8.0)
        rgba_frames.append(frame.rgba)
        instructions += frame.instructions
        cycles += frame.cycles or 0
        images.save_png(frame.rgba, width, height,
                        os.path.join(out_dir, "frame%03d.png" % i), images.default_scale(width, height))
    pixels = width * height * frames
    gif = os.path.join(out_dir, "perlin.gif")
    images.save_gif(rgba_frames, width, height, gif, images.default_scale(width, height), 125)
    print("rendered:    %d frames of %dx%d in %.1f s (emulator): %s and frame*.png"
          % (frames, width, height, time.time() - started, os.path.relpath(gif)))
    print("per pixel:   %.0f instructions, %.0f modelled C3 cycles -> %.0f fps at %dx%d "
          "on a 160 MHz C3 (cycle model, not a measurement)"
          % (instructions / pixels, cycles / pixels, C3_HZ / (cycles / frames), width, height))
    return 0


if __name__ == "__main__":
    sys.exit(run(sys.argv[1], sys.argv[2], 24, (16, 16)))
