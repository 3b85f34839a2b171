# The frame entry's contract: the one native function MicroPython calls per
# frame. It is entered like any viper function (a0 = function object,
# a1 = n_args, a2 = n_kw, a3 = pointer to the mp_obj_t arguments) with one
# argument: the address of a parameter block, as a small int (C3 data
# addresses are below 2^30, so they fit), and returns the small int 0.
# For each LED of a coordinate table (device/layout.py) it calls the
# shader's main(fragCoord, outputSize, time) and stores the colour:
#   - raw: the Q16.16 R, G, B, A words (16 bytes per LED), when P_LUT is 0;
#   - LEDs: 3 bytes per LED: each of R, G, B clamped to [0, 1], scaled to
#     0..255, looked up in the 256-byte LUT (brightness and gamma) and
#     stored at its byte offset within the LED (colour order).
# Its code is assembled on the host (host/runtime/frame_entry.py).

from ..compat import const

# Parameter block: little-endian 32-bit words at these byte offsets.
P_OUT = const(0)       # data address of the output buffer
P_COUNT = const(4)     # LEDs (pixels) in the coordinate table
P_COORDS = const(8)    # data address of 2 * count Q16.16 words: x0, y0, x1, y1, ...
P_SIZE_X = const(12)   # outputSize.x, Q16.16
P_SIZE_Y = const(16)   # outputSize.y, Q16.16
P_TIME = const(20)     # seconds, Q16.16
P_LUT = const(24)      # data address of the 256-byte LUT, or 0 for raw output
P_ORDER = const(28)    # byte offsets of R, G, B in an LED: r | g << 8 | b << 16
P_FRAME = const(32)    # frames rendered since the shader started (Shadertoy's iFrame)
P_FUEL = const(36)     # fuel the frame has left (set before each frame)
P_FAULT = const(40)    # -1 before a frame; after it, the line of the loop that spent the fuel
P_SP = const(44)       # the frame entry's sp, for the fuel exit
PARAMS_BYTES = const(48)
# A program's globals follow the parameter block (Program.globals holds
# their initial bytes); while a frame runs, s11 holds the block's address.
GLOBALS = const(48)
# Fuel: every loop's back edge spends 1, plus the calls its body makes,
# plus 1 per 16 IR instructions of it (device/alloc_loops.py; a function's
# calls per run are bounded by parser.MAX_CALLS). When a frame has spent
# it all, the loop jumps to the entry's fuel exit, which stores its line
# (0 for a library function's loop) in P_FAULT and ends the frame as if it
# had finished. A million trips is 4 ms of checks alone on the C3; a
# runaway loop's body of 100 cycles makes 0.6 s. A 32x32 frame with a
# 64-trip loop per pixel needs 65,536. (The default of config's "fuel".)
FUEL_PER_FRAME = const(1048576)
RAW_BYTES_PER_LED = const(16)
LED_BYTES_PER_LED = const(3)
