"""The frame entry: the one native function MicroPython calls per frame.

Contract in device/jit/frame.py. Assembled here on the host; the device
links the bytes (device/jit/runtime.py) and patches the call to main.
"""

from device.jit import rv32 as R
from device.jit.rv32 import ZERO, RA, SP, S0, S1, S2, S3, S4, S5, A0, A1, A2, A3, A4
from device.jit.frame import P_OUT, P_WIDTH, P_HEIGHT, P_TIME, BYTES_PER_PIXEL

_SAVED = (RA, S0, S1, S2, S3, S4, S5)


def emit(a):
    # Emit the entry into Asm a, from offset 0. Calls label "main".
    a(R.i(R.ADDI, SP, SP, -32))
    for i in range(len(_SAVED)):
        a(R.s(R.SW, _SAVED[i], SP, 28 - 4 * i))
    a(R.i(R.LW, S0, A3, 0),
      R.i(R.SRAI, S0, S0, 1),                 # small int -> parameter block address
      R.i(R.LW, S1, S0, P_WIDTH),
      R.i(R.LW, S2, S0, P_HEIGHT),
      R.i(R.LW, S3, S0, P_OUT),
      R.i(R.ADDI, S5, ZERO, 0))               # y
    a.branch(R.BGE, ZERO, S1, "frame.done")
    a.branch(R.BGE, ZERO, S2, "frame.done")
    a.label("frame.row")
    a(R.i(R.ADDI, S4, ZERO, 0))               # x
    a.label("frame.pixel")
    a(R.i(R.SLLI, A0, S4, 1), R.i(R.ADDI, A0, A0, 1), R.i(R.SLLI, A0, A0, 15),   # x + 0.5
      R.i(R.SLLI, A1, S5, 1), R.i(R.ADDI, A1, A1, 1), R.i(R.SLLI, A1, A1, 15),   # y + 0.5
      R.i(R.SLLI, A2, S1, 16),
      R.i(R.SLLI, A3, S2, 16),
      R.i(R.LW, A4, S0, P_TIME))
    a.label("main.call")
    a.jal(RA, "main")
    a(R.s(R.SW, A0, S3, 0), R.s(R.SW, A1, S3, 4), R.s(R.SW, A2, S3, 8), R.s(R.SW, A3, S3, 12),
      R.i(R.ADDI, S3, S3, BYTES_PER_PIXEL),
      R.i(R.ADDI, S4, S4, 1))
    a.branch(R.BLT, S4, S1, "frame.pixel")
    a(R.i(R.ADDI, S5, S5, 1))
    a.branch(R.BLT, S5, S2, "frame.row")
    a.label("frame.done")
    a(R.i(R.ADDI, A0, ZERO, 1))               # small int 0
    for i in range(len(_SAVED)):
        a(R.i(R.LW, _SAVED[i], SP, 28 - 4 * i))
    a(R.i(R.ADDI, SP, SP, 32), R.i(R.JALR, ZERO, RA, 0))
