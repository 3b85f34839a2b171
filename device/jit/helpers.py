# Runtime helpers: hand-written RV32IM routines that compiled shaders call
# (HCALL) for the operations too long to inline. Each is emitted once per
# program, and only when used. Contract: arguments in a0/a1, result in a0;
# they are leaf routines touching only a0-a5 and t0-t2 (alloc_fast's
# HELPER_CLOBBER), so values in other registers survive a call.
#
# The algorithms favour exactness and simplicity in this version; their
# accuracy/cycle tuning is issue 6. Host-side float references live in the
# tests.

from . import rv32 as R
from .rv32 import ZERO, RA, T0, T1, T2, A0, A1, A2, A3, A4
from .ir import H_DIV, H_MOD, H_SIN, H_COS, H_SQRT

# Label of each helper, indexed by its HCALL id.
NAMES = ("div", "mod", "sin", "cos", "sqrt")

# One turn = 2^32 phase units: 2^32 / (2*pi) in Q16.16, so a Q16.16
# multiply of radians by it gives the phase, wrapping modulo one turn.
PHASE_PER_RADIAN = 683565276

# round(sin(i * pi / 256) * 65536) for i = 0..128, then entry 127 again so
# the interpolation at the very top of the quarter reads a valid word.
# 130 little-endian words, a bytes literal so that nothing is converted on
# the chip; tests/test_helpers.py regenerates it and compares.
SIN_TABLE = (
    b"\x00\x00\x00\x00\x24\x03\x00\x00\x48\x06\x00\x00\x6c\x09\x00\x00"
    b"\x90\x0c\x00\x00\xb3\x0f\x00\x00\xd5\x12\x00\x00\xf7\x15\x00\x00"
    b"\x18\x19\x00\x00\x38\x1c\x00\x00\x56\x1f\x00\x00\x74\x22\x00\x00"
    b"\x90\x25\x00\x00\xab\x28\x00\x00\xc4\x2b\x00\x00\xdc\x2e\x00\x00"
    b"\xf1\x31\x00\x00\x05\x35\x00\x00\x17\x38\x00\x00\x27\x3b\x00\x00"
    b"\x34\x3e\x00\x00\x3f\x41\x00\x00\x47\x44\x00\x00\x4d\x47\x00\x00"
    b"\x50\x4a\x00\x00\x50\x4d\x00\x00\x4d\x50\x00\x00\x48\x53\x00\x00"
    b"\x3e\x56\x00\x00\x32\x59\x00\x00\x22\x5c\x00\x00\x0f\x5f\x00\x00"
    b"\xf8\x61\x00\x00\xdd\x64\x00\x00\xbe\x67\x00\x00\x9b\x6a\x00\x00"
    b"\x74\x6d\x00\x00\x49\x70\x00\x00\x1a\x73\x00\x00\xe6\x75\x00\x00"
    b"\xad\x78\x00\x00\x70\x7b\x00\x00\x2f\x7e\x00\x00\xe8\x80\x00\x00"
    b"\x9c\x83\x00\x00\x4c\x86\x00\x00\xf6\x88\x00\x00\x9a\x8b\x00\x00"
    b"\x3a\x8e\x00\x00\xd4\x90\x00\x00\x68\x93\x00\x00\xf7\x95\x00\x00"
    b"\x80\x98\x00\x00\x03\x9b\x00\x00\x80\x9d\x00\x00\xf7\x9f\x00\x00"
    b"\x68\xa2\x00\x00\xd2\xa4\x00\x00\x36\xa7\x00\x00\x94\xa9\x00\x00"
    b"\xeb\xab\x00\x00\x3c\xae\x00\x00\x86\xb0\x00\x00\xc9\xb2\x00\x00"
    b"\x05\xb5\x00\x00\x3a\xb7\x00\x00\x68\xb9\x00\x00\x8f\xbb\x00\x00"
    b"\xaf\xbd\x00\x00\xc7\xbf\x00\x00\xd8\xc1\x00\x00\xe2\xc3\x00\x00"
    b"\xe4\xc5\x00\x00\xde\xc7\x00\x00\xd1\xc9\x00\x00\xbc\xcb\x00\x00"
    b"\x9f\xcd\x00\x00\x7a\xcf\x00\x00\x4d\xd1\x00\x00\x18\xd3\x00\x00"
    b"\xdb\xd4\x00\x00\x96\xd6\x00\x00\x48\xd8\x00\x00\xf2\xd9\x00\x00"
    b"\x94\xdb\x00\x00\x2d\xdd\x00\x00\xbe\xde\x00\x00\x46\xe0\x00\x00"
    b"\xc6\xe1\x00\x00\x3c\xe3\x00\x00\xaa\xe4\x00\x00\x10\xe6\x00\x00"
    b"\x6c\xe7\x00\x00\xbf\xe8\x00\x00\x0a\xea\x00\x00\x4b\xeb\x00\x00"
    b"\x83\xec\x00\x00\xb3\xed\x00\x00\xd9\xee\x00\x00\xf5\xef\x00\x00"
    b"\x09\xf1\x00\x00\x13\xf2\x00\x00\x14\xf3\x00\x00\x0c\xf4\x00\x00"
    b"\xfa\xf4\x00\x00\xdf\xf5\x00\x00\xba\xf6\x00\x00\x8c\xf7\x00\x00"
    b"\x54\xf8\x00\x00\x13\xf9\x00\x00\xc8\xf9\x00\x00\x73\xfa\x00\x00"
    b"\x15\xfb\x00\x00\xad\xfb\x00\x00\x3b\xfc\x00\x00\xc0\xfc\x00\x00"
    b"\x3b\xfd\x00\x00\xac\xfd\x00\x00\x13\xfe\x00\x00\x71\xfe\x00\x00"
    b"\xc4\xfe\x00\x00\x0e\xff\x00\x00\x4e\xff\x00\x00\x85\xff\x00\x00"
    b"\xb1\xff\x00\x00\xd4\xff\x00\x00\xec\xff\x00\x00\xfb\xff\x00\x00"
    b"\x00\x00\x01\x00\xfb\xff\x00\x00"
)


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


def gen_sin_table(a):
    a.align(4)
    a.label("sin.table")
    a.data(SIN_TABLE)


# helper id -> generators it needs, in emission order
_PARTS = {H_DIV: (gen_div,), H_MOD: (gen_mod,), H_SIN: (gen_sincos,), H_COS: (gen_sincos,),
          H_SQRT: (gen_sqrt,)}
_TABLES = {H_SIN: (gen_sin_table,), H_COS: (gen_sin_table,)}


def emit(a, used):
    # Emit the helpers in `used` (a set of ids) and their tables into Asm a.
    done = []
    for table in (_PARTS, _TABLES):
        for hid in sorted(used):
            for gen in table[hid] if hid in table else ():
                if gen not in done:
                    done.append(gen)
                    gen(a)
