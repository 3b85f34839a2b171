"""Runtime helpers: hand-written RV32IM routines that compiled shaders call
(HCALL) for the operations too long to inline.

They are assembled here, on the host, into position-independent blobs in
device/jit/runtime.py; the device copies a blob into a program once, and
only when the program uses it. Contract: arguments in a0.. (a0/a1; a0..a3
for length), result in a0 (length leaves two more, for normalize, in a1
and a2); leaf routines touching only a0-a5 and t0-t2 (alloc_fast's
HELPER_CLOBBER), so values in other registers survive a call.

div (host/runtime/div.py), mod, sqrt (host/runtime/sqrt.py) and length are
exact; sin/cos, atan2, exp2 and log2
approximate, each to a measured bound (tests/test_helpers.py) chosen for
issue 6: within a few LSB of Q16.16 in at most 90 modelled cycles, with
all tables together about 1 KB (sin 520 bytes, atan2 516). length is
written with RVC forms where they exist (Asm.short), to keep it small.
"""

import math

from device.jit import rv32 as R
from device.jit.rv32 import ZERO, RA, T0, T1, T2, A0, A1, A2, A3, A4, A5
from host.runtime.approx import fit_polynomial
from host.runtime.asm import li, ret
from host.runtime import div
from host.runtime.div import gen_div
from host.runtime.sqrt import gen_sqrt, rsqrt_cubic
from device.jit.ir import (H_DIV, H_MOD, H_SIN, H_COS, H_SQRT, H_ATAN2, H_EXP2, H_LOG2,
                          H_LENGTH)

# One turn = 2^32 phase units: 2^32 / (2*pi) in Q16.16, so a Q16.16
# multiply of radians by it gives the phase, wrapping modulo one turn.
PHASE_PER_RADIAN = 683565276
HALF_PI = round(math.pi / 2 * 65536)
PI = round(math.pi * 65536)


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
    ret(a)
    a.label("mod.fix")
    a(R.r(R.ADD, A0, A2, A1))
    ret(a)
    a.label("mod.zero")
    a(R.i(R.ADDI, A0, ZERO, 0))
    ret(a)


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
    a.load_table(T1, T0, "sin.table", ((R.LW, T0, 0), (R.LW, T1, 4)))
    a(R.r(R.SUB, T1, T1, T0),
      R.i(R.SLLI, A2, A2, 8),
      R.i(R.SRLI, A2, A2, 16),                   # 16-bit fraction between entries
      R.r(R.MUL, T1, T1, A2),
      R.i(R.SRAI, T1, T1, 16),
      R.r(R.ADD, A0, T0, T1),
      R.i(R.ANDI, A1, A1, 2))
    a.branch(R.BEQ, A1, ZERO, "sin.done")
    a(R.r(R.SUB, A0, ZERO, A0))                  # second half of the turn
    a.label("sin.done")
    ret(a)


def sin_table():
    # round(sin(i * pi / 256) * 65536) for i = 0..128, then entry 127 again
    # so the interpolation at the very top of the quarter reads a valid word.
    values = [round(math.sin(i * math.pi / 256) * 65536) for i in range(129)]
    values.append(values[127])
    return b"".join(v.to_bytes(4, "little") for v in values)


def gen_sin_table(a):
    a.align(4)
    a.label("sin.table")
    a.data(sin_table())



# ---- atan2 ------------------------------------------------------------------

ATAN_SEGMENTS = 64       # of [0, 1]: linear interpolation within 1.3 LSB


def gen_atan2(a):
    # a0 = atan2(y = a0, x = a1) in (-pi, pi]; atan2(0, 0) = 0.
    # The octant is folded away first: t = min(|x|,|y|) / max(|x|,|y|) in
    # [0, 1] by one divu, atan(t) from a table with linear interpolation,
    # then pi/2 - a when |y| > |x|, pi - a when x < 0, -a when y < 0.
    a.label("atan2")
    a(R.i(R.SRAI, T0, A0, 31),                   # y < 0: all ones
      R.r(R.XOR, A2, A0, T0),
      R.r(R.SUB, A2, A2, T0),                    # |y|, unsigned (2^31 for -2^31)
      R.i(R.SRAI, T1, A1, 31),                   # x < 0: all ones
      R.r(R.XOR, A3, A1, T1),
      R.r(R.SUB, A3, A3, T1),                    # |x|
      R.r(R.SLTU, T2, A3, A2),                   # steep: |y| > |x|
      R.i(R.ADDI, A4, A2, 0),
      R.i(R.ADDI, A5, A3, 0))
    a.branch(R.BEQ, T2, ZERO, "atan2.ordered")
    a(R.i(R.ADDI, A4, A3, 0),
      R.i(R.ADDI, A5, A2, 0))
    a.label("atan2.ordered")                     # a4 = min <= a5 = max
    a(R.i(R.SRLI, A0, A5, 16))
    a.branch(R.BNE, A0, ZERO, "atan2.big")
    a.branch(R.BEQ, A5, ZERO, "atan2.ret")      # 0 / 0: a0 is already 0
    a(R.i(R.SLLI, A4, A4, 16))                   # max < 1.0: min << 16 fits
    _atan2_finish(a, "")
    # max >= 1.0: shift it right by s = bit length of (max >> 16), into
    # [2^15, 2^16), and min left by only 16 - s (min <= max keeps that in
    # 32 bits), so the quotient is as exact as in the small case. s comes
    # from one branch-free step of 8 and a 256-byte bit-length table, and
    # the finish is a second copy rather than a jump back (3 cycles): the
    # worst case stays within 90 cycles per call.
    a.label("atan2.big")
    a(R.i(R.SRLI, A1, A0, 8),
      R.r(R.SLTU, A1, ZERO, A1),                 # max >= 2^24
      R.i(R.SLLI, A2, A1, 3),                    # 8 or 0
      R.r(R.SRL, A0, A0, A2))
    a.load_table(A1, A0, "atan2.bitlen", ((R.LBU, A1, 0),))
    a(R.r(R.ADD, A2, A2, A1),                    # s
      R.r(R.SRL, A5, A5, A2),
      R.i(R.ADDI, A3, ZERO, 16),
      R.r(R.SUB, A3, A3, A2),
      R.r(R.SLL, A4, A4, A3))
    _atan2_finish(a, ".big")


def _atan2_finish(a, copy):
    # a0 = the angle from a4 = min << 16 and a5 = max (both scaled alike),
    # t2 = steep, t1 = x's sign, t0 = y's sign; then return.
    a(R.r(R.DIVU, A4, A4, A5),                   # t in [0, 2^16 (+2)]
      R.i(R.SRLI, A0, A4, 8),
      R.i(R.ANDI, A0, A0, -4))                   # segment * 4
    a.load_table(A1, A0, "atan2.table", ((R.LW, A1, 0),))
    a(R.i(R.ANDI, A4, A4, 1023),                 # position in the segment
      R.i(R.ANDI, A0, A1, 2047),                 # the segment's rise
      R.i(R.SRLI, A1, A1, 16),                   # atan at its start
      R.r(R.MUL, A0, A0, A4),
      R.i(R.SRLI, A0, A0, 10),
      R.r(R.ADD, A0, A0, A1))
    a.branch(R.BEQ, T2, ZERO, "atan2.flat" + copy)
    li(a, A1, HALF_PI)
    a(R.r(R.SUB, A0, A1, A0))
    a.label("atan2.flat" + copy)
    a.branch(R.BEQ, T1, ZERO, "atan2.right" + copy)
    li(a, A1, PI)
    a(R.r(R.SUB, A0, A1, A0))
    a.label("atan2.right" + copy)
    a(R.r(R.XOR, A0, A0, T0),
      R.r(R.SUB, A0, A0, T0))
    if not copy:
        a.label("atan2.ret")
    ret(a)


def atan_table():
    # Word i: atan at the start of segment i in its high half, the rise to
    # the next entry in its low half (< 2^11), for i = 0..64 (t = 1 plus the
    # quotient's overshoot of up to 2 LSB reads segment 64). Entries are
    # raised by half of the chord's sag (atan is concave on [0, 1]), and by
    # the mean loss of the two truncations, the quotient's and the
    # interpolation's, to centre the error.
    h = 1.0 / ATAN_SEGMENTS

    def entry(i):
        t = i * h
        sag = 2 * t / (1 + t * t) ** 2 * h * h / 16
        return round((math.atan(t) + sag) * 65536 + 0.5 + 0.5 / (1 + t * t))

    out = b""
    for i in range(ATAN_SEGMENTS + 1):
        v = entry(i)
        out += (v << 16 | (entry(i + 1) - v)).to_bytes(4, "little")
    return out


def gen_atan2_tables(a):
    a.align(4)
    a.label("atan2.table")
    a.data(atan_table())
    a.label("atan2.bitlen")
    a.data(bitlen_table())


def bitlen_table():
    return bytes(n.bit_length() for n in range(256))


# ---- exp2 and log2 ----------------------------------------------------------

# 2^f on [0, 1) within 4.3e-7 (0.03 LSB at 1.0), Q1.31 coefficients.
EXP2_POLY = [round(c * 2 ** 31) for c in fit_polynomial(lambda x: 2 ** x, 1.0, 5)]
# log2(1 + g) on [0, 1) within 1.1e-6 (0.07 LSB), Q2.30 coefficients.
LOG2_POLY = [round(c * 2 ** 30) for c in fit_polynomial(lambda x: math.log2(1 + x), 0.0, 7)]


def gen_exp2(a):
    # a0 = 2^a0: x = n + f with n = floor(x), f in [0, 1); 2^f by Horner's
    # rule on the unsigned Q0.32 fraction (every coefficient is positive),
    # giving m = 2^f in Q1.31, then m >> (15 - n) rounded. Saturates to
    # 0x7FFFFFFF for x >= 15; 0 for x < -17 (below half the last bit).
    a.label("exp2")
    a(R.i(R.SRAI, A1, A0, 16),                   # n
      R.i(R.ADDI, T0, ZERO, 15))
    a.branch(R.BGE, A1, T0, "exp2.sat")
    a(R.i(R.ADDI, T0, ZERO, -17))
    a.branch(R.BLT, A1, T0, "exp2.zero")
    a(R.i(R.SLLI, A0, A0, 16))                   # f, Q0.32
    li(a, A2, EXP2_POLY[-1])
    for c in reversed(EXP2_POLY[:-1]):
        a(R.r(R.MULHU, A2, A2, A0))
        li(a, T0, c)
        a(R.r(R.ADD, A2, A2, T0))
    a(R.i(R.ADDI, T0, ZERO, 14),
      R.r(R.SUB, A1, T0, A1),                    # 14 - n in [0, 31]
      R.r(R.SRL, A2, A2, A1),
      R.i(R.ADDI, A2, A2, 1),                    # round: m < 2^32 - 2^15, no carry out
      R.i(R.SRLI, A0, A2, 1))
    ret(a)
    a.label("exp2.sat")
    li(a, A0, 0x7FFFFFFF)
    ret(a)
    a.label("exp2.zero")
    a(R.i(R.ADDI, A0, ZERO, 0))
    ret(a)


def gen_log2(a):
    # a0 = log2(a0) for a0 > 0; 0x80000000 (the most negative value) for
    # a0 <= 0. The input v = 2^(31-k) * (1 + g) is normalised by a binary
    # search for k = its leading zeros, then log2(1 + g) by Horner's rule
    # on the Q0.32 fraction g with signed Q2.30 coefficients (mulhsu), and
    # log2(x) = 15 - k + log2(1 + g).
    a.label("log2")
    a.branch(R.BGE, ZERO, A0, "log2.neg")
    a(R.i(R.ADDI, A1, ZERO, 15))
    for k in (16, 8, 4, 2):
        a(R.i(R.SRLI, T0, A0, 32 - k))
        a.branch(R.BNE, T0, ZERO, "log2.k%d" % k)
        a(R.i(R.SLLI, A0, A0, k),
          R.i(R.ADDI, A1, A1, -k))
        a.label("log2.k%d" % k)
    a(R.i(R.SRLI, T0, A0, 31),
      R.i(R.XORI, T0, T0, 1),
      R.r(R.SLL, A0, A0, T0),
      R.r(R.SUB, A1, A1, T0),                    # 15 - k
      R.i(R.SLLI, A0, A0, 1))                    # g, Q0.32
    li(a, A2, LOG2_POLY[-1])
    for c in reversed(LOG2_POLY[1:-1]):
        a(R.r(R.MULHSU, A2, A2, A0))
        li(a, T0, c)
        a(R.r(R.ADD, A2, A2, T0))
    a(R.r(R.MULHSU, A2, A2, A0),                 # c0 = 0
      R.u(R.LUI, T0, 2),
      R.r(R.ADD, A2, A2, T0),                    # round Q2.30 to Q16.16
      R.i(R.SRAI, A2, A2, 14),
      R.i(R.SLLI, A1, A1, 16),
      R.r(R.ADD, A0, A1, A2))
    ret(a)
    a.label("log2.neg")
    a(R.u(R.LUI, A0, 0x80000))
    ret(a)


# ---- length -----------------------------------------------------------------

def _square_add(a, x):
    # (a5:a4) += x * x, 64 bits
    a.short(R.r(R.MUL, T0, x, x), R.r(R.MULH, T1, x, x),
            R.r(R.ADD, A4, A4, T0), R.r(R.SLTU, T0, A4, T0),
            R.r(R.ADD, A5, A5, T1), R.r(R.ADD, A5, A5, T0))


def gen_length(a):
    # a0 = sqrt(a0^2 + a1^2 + a2^2 + a3^2) for Q16.16 components, rounded
    # down: the floor of the square root of the exact sum of squares S (64
    # bits, Q32.32) is the Q16.16 length. 0x7FFFFFFF when S >= 2^62.
    #
    # S is normalised to N = S * 4^h, whose top two bits are not both 0;
    # M = (N's high word m) / 2^32 is in [1/4, 1). y = 1 / sqrt(M), Q1.31
    # in a3: a cubic within 0.71 %, then two Newton steps
    # y' = y (3 - M y^2) / 2, within 2^-26 and below it (the second's 3 is
    # lowered by 8 units, more than its truncations can add). Then
    # e = M y 2^31 >> (h - 1) is floor(sqrt(S)) or one less when h >= 6
    # (S < 2^52: lengths below 1024), and one more if (e + 1)^2 <= S.
    # Longer ones first add the share of the remainder,
    # (S - e^2) y 2^(h - 33), which falls short of the gap by less than 1.
    #
    # For normalize it also leaves a1 = h - 1 and a2 = y / 2 (a1 = 0 and
    # a2 = y / 4 when S >= 2^62): a component V scaled to V * 2^16 /
    # sqrt(S) is mulh(V << a1, a2) >> 13, and V << a1 cannot overflow.
    # (S = 0 leaves them undefined: every V is 0 then.)
    a.label("length")
    a(R.r(R.MUL, A4, A0, A0), R.r(R.MULH, A5, A0, A0))
    _square_add(a, A1)
    a(R.r(R.OR, T0, A2, A3))
    a.branch(R.BEQ, T0, ZERO, "length.summed")   # vec2
    _square_add(a, A2)
    a.branch(R.BEQ, A3, ZERO, "length.summed")   # vec3
    _square_add(a, A3)
    a.label("length.summed")
    a(R.i(R.SRLI, T0, A5, 30))
    a.branch(R.BNE, T0, ZERO, "length.huge")
    # a2 = the word to normalise, a3 = the word shifted in after it, a1 =
    # 2h - 2 so far.
    a.short(R.i(R.ADDI, A1, ZERO, -2),
            R.i(R.ADDI, A2, A5, 0),
            R.i(R.ADDI, A3, A4, 0))
    a.branch(R.BNE, A5, ZERO, "length.search")
    a.branch(R.BEQ, A4, ZERO, "length.zero")
    a.short(R.i(R.ADDI, A1, ZERO, 30),
            R.i(R.ADDI, A2, A4, 0),
            R.i(R.ADDI, A3, ZERO, 0))
    a.label("length.search")
    for k in (16, 8, 4, 2):
        a(R.i(R.SRLI, T0, A2, 32 - k))
        a.branch(R.BNE, T0, ZERO, "length.k%d" % k)
        a.short(R.i(R.SLLI, A2, A2, k),
                R.i(R.ADDI, A1, A1, k))
        a.label("length.k%d" % k)
    a.short(R.i(R.XORI, A0, A1, 30),             # 32 - 2h (a1 <= 28 here)
            R.r(R.SRL, A0, A3, A0),
            R.r(R.OR, A2, A2, A0))               # m
    a.label("length.m")
    rsqrt_cubic(a, A2, A3, A0)                   # y0, Q3.29
    a.short(R.u(R.LUI, T2, 0x0C000),             # 3, Q6.26
            R.r(R.MULHU, T0, A3, A3),            # y^2, Q6.26
            R.r(R.MULHU, T0, A2, T0),            # M y^2
            R.r(R.SUB, T0, T2, T0),
            R.r(R.MULHU, A3, A3, T0),            # y', Q8.24
            R.i(R.SLLI, A3, A3, 7),              # y', Q1.31 (below 2)
            R.u(R.LUI, T2, 0xC0000),
            R.i(R.ADDI, T2, T2, -8),             # 3, Q2.30, lowered
            R.r(R.MULHU, T0, A3, A3),            # y^2, Q2.30
            R.r(R.MULHU, T0, A2, T0),
            R.r(R.SUB, T0, T2, T0),
            R.r(R.MULHU, A3, A3, T0),
            R.i(R.SLLI, A3, A3, 1),
            R.r(R.MULHU, T0, A2, A3),            # sqrt(M) 2^31
            R.i(R.SRAI, A1, A1, 1),              # h - 1 (-1 when S >= 2^62)
            R.i(R.SLTI, T1, A1, 5))
    a.branch(R.BNE, T1, ZERO, "length.long")
    a.short(R.r(R.SRL, A0, T0, A1),              # e < 2^26
            R.r(R.MUL, T1, A0, A0),
            R.r(R.SUB, T1, A4, T1),              # S - e^2 < 2^32
            R.i(R.SLLI, T2, A0, 1),
            R.r(R.SLTU, T2, T2, T1),             # (e + 1)^2 <= S
            R.r(R.ADD, A0, A0, T2),
            R.i(R.SRLI, A2, A3, 1))
    a.label("length.ret")
    a.short(R.i(R.JALR, ZERO, RA, 0))
    a.label("length.long")                       # h < 6, or S >= 2^62
    a.branch(R.BLT, A1, ZERO, "length.sat")
    a.short(R.r(R.SRL, A0, T0, A1),
            R.r(R.MUL, T0, A0, A0),
            R.r(R.MULHU, T1, A0, A0),
            R.r(R.SLTU, T2, A4, T0),
            R.r(R.SUB, T0, A4, T0),
            R.r(R.SUB, T1, A5, T1),
            R.r(R.SUB, T1, T1, T2),              # D = S - e^2 < 2^40
            R.i(R.SLLI, T1, T1, 24),
            R.i(R.SRLI, T0, T0, 8),
            R.r(R.OR, T0, T0, T1),
            R.r(R.MULHU, T0, T0, A3),            # D y 2^-9
            R.i(R.XORI, T1, A1, 23),             # 23 - (h - 1), as h - 1 < 5
            R.r(R.SRL, T0, T0, T1),
            R.r(R.ADD, A0, A0, T0),
            R.i(R.ADDI, T0, A0, 1),              # e + 1 <= 2^31
            R.r(R.MUL, T1, T0, T0),
            R.r(R.MULHU, T2, T0, T0),
            R.r(R.SLTU, T1, A4, T1),
            R.r(R.SUB, T2, A5, T2),
            R.r(R.SUB, T2, T2, T1),              # high word of S - (e + 1)^2
            R.i(R.SRAI, T2, T2, 31),
            R.r(R.ADD, A0, T0, T2),
            R.i(R.SRLI, A2, A3, 1),
            R.i(R.JALR, ZERO, RA, 0))
    a.label("length.sat")
    a.short(R.u(R.LUI, A0, 0x80000),
            R.i(R.ADDI, A0, A0, -1),
            R.i(R.SRLI, A2, A3, 2),
            R.i(R.ADDI, A1, ZERO, 0),
            R.i(R.JALR, ZERO, RA, 0))
    # S = 0: every component is 0, or all four are -2^31 and S = 2^64
    # wrapped, which goes on as S >= 2^62 with m = 2^32 - 1.
    a.label("length.zero")
    a.branch(R.BEQ, A0, ZERO, "length.ret")
    a.short(R.i(R.ADDI, A5, ZERO, -1))
    a.label("length.huge")                       # S >= 2^62: N = S, h = 0
    a.short(R.i(R.ADDI, A2, A5, 0),
            R.i(R.ADDI, A1, ZERO, -2))
    a.jal(ZERO, "length.m")


# Blobs: (generators, helper ids with their entry labels). A blob holds
# code that calls nothing outside itself, so it can go anywhere (4-aligned).
BLOBS = (
    ((gen_div,), ((H_DIV, "div"),)),
    ((gen_mod,), ((H_MOD, "mod"),)),
    ((gen_sincos, gen_sin_table), ((H_SIN, "sin"), (H_COS, "cos"))),
    ((gen_sqrt,), ((H_SQRT, "sqrt"),)),
    ((gen_atan2, gen_atan2_tables), ((H_ATAN2, "atan2"),)),
    ((gen_exp2,), ((H_EXP2, "exp2"),)),
    ((gen_log2,), ((H_LOG2, "log2"),)),
    ((gen_length,), ((H_LENGTH, "length"),)),
)


def table_bytes():
    """Helper id -> bytes of the tables in its blob (sin and cos share one)."""
    return {H_DIV: 2 * len(div.seed_table()) + len(div.clz_table()),
            H_SIN: len(sin_table()), H_COS: len(sin_table()),
            H_ATAN2: len(atan_table()) + len(bitlen_table())}
