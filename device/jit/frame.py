# The frame entry's contract: the one native function MicroPython calls per
# frame. It is entered like any viper function (a0 = function object,
# a1 = n_args, a2 = n_kw, a3 = pointer to the mp_obj_t arguments) with one
# argument: the address of a parameter block, as a small int (C3 data
# addresses are below 2^30, so they fit). It loops over the pixels row by
# row, calls the shader's main(fragCoord, outputSize, time) with fragCoord
# at pixel centres, stores the raw Q16.16 RGBA and returns the small int 0.
# Its code is assembled on the host (host/runtime/frame_entry.py).

# Parameter block: little-endian 32-bit words at these byte offsets.
P_OUT = 0        # data address of the output buffer
P_WIDTH = 4      # pixels per row (int)
P_HEIGHT = 8     # rows (int)
P_TIME = 12      # seconds, Q16.16
PARAMS_BYTES = 16
BYTES_PER_PIXEL = 16   # raw Q16.16 R, G, B, A
