"""Runtime helpers: hand-written RV32IM routines that compiled shaders call
(HCALL) for the operations too long to inline.

They are assembled here, on the host, into position-independent blobs in
device/jit/runtime.py; the device copies a blob into a program once, and
only when the program uses it. Contract: arguments in a0/a1, result in a0;
leaf routines touching only a0-a5 and t0-t2 (alloc_fast's HELPER_CLOBBER),
so values in other registers survive a call.

The algorithms favour exactness and simplicity in this version; their
accuracy/cycle tuning is issue 6.
"""

from device.jit import rv32 as R
from device.jit.rv32 import ZERO, RA, T0, T1, T2, A0, A1, A2, A3, A4
from device.jit.ir import H_DIV, H_MOD, H_SIN, H_COS, H_SQRT

# One turn = 2^32 phase units: 2^32 / (2*pi) in Q16.16, so a Q16.16
# multiply of radians by it gives the phase, wrapping modulo one turn.
PHASE_PER_RADIAN = 683565276



def _ret(a):
    a(R.i(R.JALR, ZERO, RA, 0))


def gen_div(a):
    # a0 = a0 / a1 in Q16.16, truncated toward zero. Saturates to
    # +-0x7FFFFFFF on overflow and division by zero; 0 / 0 = 0.
    # Integer part with divu, then 16 fraction bits by restoring division.
    a.label("div")
    a(R.r(R.XOR, T2, A0, A1))                    # sign of the quotient in bit 31
    a.branch(R.BGE, A0, ZERO, "div.apos")
    a(R.r(R.SUB, A0, ZERO, A0))
    a.label("div.apos")
    a.branch(R.BGE, A1, ZERO, "div.bpos")
    a(R.r(R.SUB, A1, ZERO, A1))
    a.label("div.bpos")
    a.branch(R.BEQ, A1, ZERO, "div.zero")
    a(R.r(R.DIVU, A2, A0, A1))                   # integer part q
    a(R.i(R.SRLI, T0, A2, 15))
    a.branch(R.BNE, T0, ZERO, "div.sat")    # q >= 2^15 does not fit
    a(R.r(R.MUL, T0, A2, A1),
      R.r(R.SUB, A3, A0, T0),                    # remainder r < |b|
      R.i(R.SLLI, A2, A2, 16),
      R.u(R.LUI, A4, 8))                         # bit = 2^15
    a.label("div.loop")
    a(R.i(R.SLLI, A3, A3, 1))                    # r < 2^31, so 2r fits unsigned
    a.branch(R.BLTU, A3, A1, "div.skip")
    a(R.r(R.SUB, A3, A3, A1),
      R.r(R.OR, A2, A2, A4))
    a.label("div.skip")
    a(R.i(R.SRLI, A4, A4, 1))
    a.branch(R.BNE, A4, ZERO, "div.loop")
    a.branch(R.BGE, T2, ZERO, "div.done")
    a(R.r(R.SUB, A2, ZERO, A2))
    a.label("div.done")
    a(R.i(R.ADDI, A0, A2, 0))
    _ret(a)
    a.label("div.zero")
    a.branch(R.BEQ, A0, ZERO, "div.ret")    # 0 / 0 = 0 (a0 is 0 already)
    a.label("div.sat")
    a(R.u(R.LUI, A0, 0x80000),
      R.i(R.ADDI, A0, A0, -1))                   # 0x7FFFFFFF
    a.branch(R.BGE, T2, ZERO, "div.ret")
    a(R.r(R.SUB, A0, ZERO, A0))
    a.label("div.ret")
    _ret(a)


def gen_mod(a):
    # a0 = mod(a0, a1) = x - y * floor(x / y), exact: with both operands in
    # the same fixed-point scale this is the floored integer remainder.
    # mod(x, 0) = 0.
    a.label("mod")
    a.branch(R.BEQ, A1, ZERO, "mod.zero")
    a(R.r(R.REM, A2, A0, A1))
    a.branch(R.BEQ, A2, ZERO, "mod.zero")
    a(R.r(R.XOR, T0, A2, A1))
    a.branch(R.BLT, T0, ZERO, "mod.fix")    # signs differ: floor, not trunc
    a(R.i(R.ADDI, A0, A2, 0))
    _ret(a)
    a.label("mod.fix")
    a(R.r(R.ADD, A0, A2, A1))
    _ret(a)
    a.label("mod.zero")
    a(R.i(R.ADDI, A0, ZERO, 0))
    _ret(a)


def gen_sincos(a):
    # sin/cos of Q16.16 radians. The angle becomes a phase (2^32 = one
    # turn); a 129-entry quarter-wave table with linear interpolation gives
    # the value. cos is sin a quarter turn later.
    hi, lo = R.hi_lo(PHASE_PER_RADIAN)
    a.label("cos")
    a(R.u(R.LUI, A1, 0x40000))                   # quarter turn
    a.jal(ZERO, "sin.phase")
    a.label("sin")
    a(R.i(R.ADDI, A1, ZERO, 0))
    a.label("sin.phase")
    a(R.u(R.LUI, T0, hi), R.i(R.ADDI, T0, T0, lo),
      R.r(R.MUL, T1, A0, T0),
      R.r(R.MULH, T2, A0, T0),
      R.i(R.SRLI, T1, T1, 16),
      R.i(R.SLLI, T2, T2, 16),
      R.r(R.OR, A0, T2, T1),
      R.r(R.ADD, A0, A0, A1),                    # phase, modulo one turn
      R.i(R.SRLI, A1, A0, 30),                   # quadrant
      R.i(R.SLLI, A2, A0, 2),
      R.i(R.SRLI, A2, A2, 1),                    # position in the quadrant, [0, 2^31)
      R.i(R.ANDI, T0, A1, 1))
    a.branch(R.BEQ, T0, ZERO, "sin.rising")
    a(R.u(R.LUI, T0, 0x80000),
      R.r(R.SUB, A2, T0, A2))                    # falling quadrants read the table mirrored
    a.label("sin.rising")
    a(R.i(R.SRLI, T0, A2, 24),                   # table index 0..128
      R.i(R.SLLI, T0, T0, 2))
    a.la(T1, "sin.table")
    a(R.r(R.ADD, T1, T1, T0),
      R.i(R.LW, T0, T1, 0),
      R.i(R.LW, T1, T1, 4),
      R.r(R.SUB, T1, T1, T0),
      R.i(R.SLLI, A2, A2, 8),
      R.i(R.SRLI, A2, A2, 16),                   # 16-bit fraction between entries
      R.r(R.MUL, T1, T1, A2),
      R.i(R.SRAI, T1, T1, 16),
      R.r(R.ADD, A0, T0, T1),
      R.i(R.ANDI, A1, A1, 2))
    a.branch(R.BEQ, A1, ZERO, "sin.done")
    a(R.r(R.SUB, A0, ZERO, A0))                  # second half of the turn
    a.label("sin.done")
    _ret(a)


def gen_sqrt(a):
    # a0 = floor(sqrt(a0 * 2^16)): the exact Q16.16 square root, digit by
    # digit (two input bits per step, 24 steps); sqrt of x <= 0 is 0.
    a.label("sqrt")
    a(R.i(R.ADDI, A1, ZERO, 0),                  # remainder
      R.i(R.ADDI, A2, ZERO, 0),                  # root
      R.i(R.ADDI, A3, ZERO, 24))
    a.branch(R.BGE, ZERO, A0, "sqrt.zero")
    a.label("sqrt.loop")
    a(R.i(R.SRLI, T0, A0, 30),
      R.i(R.SLLI, A0, A0, 2),
      R.i(R.SLLI, A1, A1, 2),
      R.r(R.OR, A1, A1, T0),
      R.i(R.SLLI, A2, A2, 1),
      R.i(R.SLLI, T0, A2, 1),
      R.i(R.ADDI, T0, T0, 1))                    # trial 2 * root + 1
    a.branch(R.BLTU, A1, T0, "sqrt.next")
    a(R.r(R.SUB, A1, A1, T0),
      R.i(R.ADDI, A2, A2, 1))
    a.label("sqrt.next")
    a(R.i(R.ADDI, A3, A3, -1))
    a.branch(R.BNE, A3, ZERO, "sqrt.loop")
    a.label("sqrt.zero")
    a(R.i(R.ADDI, A0, A2, 0))
    _ret(a)


def sin_table():
    # round(sin(i * pi / 256) * 65536) for i = 0..128, then entry 127 again
    # so the interpolation at the very top of the quarter reads a valid word.
    import math
    values = [round(math.sin(i * math.pi / 256) * 65536) for i in range(129)]
    values.append(values[127])
    return b"".join(v.to_bytes(4, "little") for v in values)


def gen_sin_table(a):
    a.align(4)
    a.label("sin.table")
    a.data(sin_table())


# Blobs: (generators, helper ids with their entry labels). A blob holds
# code that calls nothing outside itself, so it can go anywhere (4-aligned).
BLOBS = (
    ((gen_div,), ((H_DIV, "div"),)),
    ((gen_mod,), ((H_MOD, "mod"),)),
    ((gen_sincos, gen_sin_table), ((H_SIN, "sin"), (H_COS, "cos"))),
    ((gen_sqrt,), ((H_SQRT, "sqrt"),)),
)
