"""The frame entry: the one native function MicroPython calls per frame.

Contract in device/jit/frame.py. Assembled here on the host; the device
links the bytes (device/jit/runtime.py) and patches the call to main.
"""

from device.jit import rv32 as R
from device.jit.rv32 import (ZERO, RA, SP, S0, S1, S2, S3, S4, S5, S6, S7, S8, S9, S10, S11,
                             T0, T1, T2, T6,
                             A0, A1, A2, A3, A4)
from device.jit.frame import (P_OUT, P_COUNT, P_COORDS, P_SIZE_X, P_SIZE_Y, P_TIME, P_LUT,
                              P_ORDER, P_FAULT, P_SP, RAW_BYTES_PER_LED, LED_BYTES_PER_LED)
from device.jit.ir import GP

# ra and every callee-saved register: the fuel exit leaves the shader's
# functions without their epilogues, so this one restores them all.
_SAVED = (RA, S0, S1, S2, S3, S4, S5, S6, S7, S8, S9, S10, S11)
_FRAME = 64                              # 13 words, 16-byte aligned


def emit(a):
    # Emit the entry into Asm a, from offset 0. Calls label "main".
    a(R.i(R.ADDI, SP, SP, -_FRAME))
    for i in range(len(_SAVED)):
        a(R.s(R.SW, _SAVED[i], SP, _FRAME - 4 - 4 * i))
    a(R.i(R.LW, S0, A3, 0),
      R.i(R.SRAI, S0, S0, 1),            # small int -> parameter block address
      R.i(R.LW, S1, S0, P_COUNT),        # LEDs left
      R.i(R.LW, S2, S0, P_COORDS),       # next (x, y)
      R.i(R.LW, S3, S0, P_OUT),          # next output
      R.i(R.LW, S4, S0, P_LUT),          # 0: raw output
      R.i(R.LW, S5, S0, P_ORDER),
      R.i(R.ADDI, S11, S0, 0),           # globals pointer (device/jit/ir.py GP)
      R.s(R.SW, SP, S0, P_SP))           # for the fuel exit
    a.branch(R.BGE, ZERO, S1, "frame.done")
    a.label("frame.led")
    a(R.i(R.LW, A0, S2, 0), R.i(R.LW, A1, S2, 4),
      R.i(R.LW, A2, S0, P_SIZE_X), R.i(R.LW, A3, S0, P_SIZE_Y), R.i(R.LW, A4, S0, P_TIME))
    a.label("main.call")
    a.jal(RA, "main")
    a.branch(R.BNE, S4, ZERO, "frame.bytes")
    a(R.s(R.SW, A0, S3, 0), R.s(R.SW, A1, S3, 4), R.s(R.SW, A2, S3, 8), R.s(R.SW, A3, S3, 12),
      R.i(R.ADDI, S3, S3, RAW_BYTES_PER_LED))
    a.jal(ZERO, "frame.next")
    a.label("frame.bytes")
    for channel, value in enumerate((A0, A1, A2)):
        _led_byte(a, channel, value)
    a(R.i(R.ADDI, S3, S3, LED_BYTES_PER_LED))
    a.label("frame.next")
    a(R.i(R.ADDI, S2, S2, 8), R.i(R.ADDI, S1, S1, -1))
    a.branch(R.BNE, S1, ZERO, "frame.led")
    a.label("frame.done")
    a(R.i(R.ADDI, A0, ZERO, 1))          # small int 0
    for i in range(len(_SAVED)):
        a(R.i(R.LW, _SAVED[i], SP, _FRAME - 4 - 4 * i))
    a(R.i(R.ADDI, SP, SP, _FRAME), R.i(R.JALR, ZERO, RA, 0))
    # The fuel exit (device/alloc_loops.py), jumped to from a loop with its
    # line in t6, at any depth of calls: the frame ends as if finished.
    a.label("frame.fuel")
    a(R.s(R.SW, T6, GP, P_FAULT), R.i(R.LW, SP, GP, P_SP))
    a.jal(ZERO, "frame.done")


def _led_byte(a, channel, value):
    # One colour channel: clamp the Q16.16 value to [0, 1], scale to a byte
    # rounding to nearest ((v * 255 + 0.5) >> 16), look it up in the LUT and
    # store it at the channel's offset within the LED.
    low = "frame.c%d.low" % channel
    high = "frame.c%d.high" % channel
    a.branch(R.BGE, value, ZERO, low)
    a(R.i(R.ADDI, value, ZERO, 0))
    a.label(low)
    a(R.u(R.LUI, T0, 0x10))              # 1.0
    a.branch(R.BGE, T0, value, high)
    a(R.i(R.ADDI, value, T0, 0))
    a.label(high)
    a(R.i(R.SLLI, T1, value, 8), R.r(R.SUB, T1, T1, value),    # v * 255
      R.u(R.LUI, T0, 0x8), R.r(R.ADD, T1, T1, T0), R.i(R.SRLI, T1, T1, 16),
      R.r(R.ADD, T1, S4, T1), R.i(R.LBU, T1, T1, 0),
      R.i(R.SRLI, T2, S5, 8 * channel), R.i(R.ANDI, T2, T2, 0xFF),
      R.r(R.ADD, T2, S3, T2), R.s(R.SB, T1, T2, 0))
