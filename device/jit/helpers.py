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

DIV = 0
MOD = 1
SIN = 2
COS = 3
SQRT = 4

NAMES = ("div", "mod", "sin", "cos", "sqrt")

# One turn = 2^32 phase units: 2^32 / (2*pi) in Q16.16, so a Q16.16
# multiply of radians by it gives the phase, wrapping modulo one turn.
PHASE_PER_RADIAN = 683565276

# round(sin(i * pi / 256) * 65536) for i = 0..128, then entry 127 again so
# the interpolation at the very top of the quarter reads a valid word.
# 130 little-endian words; regenerated and checked by tests/test_helpers.py.
SIN_TABLE_HEX = (
    "0000000024030000480600006c090000900c0000b30f0000d5120000f715000018190000381c0000561f000074220000"
    "90250000ab280000c42b0000dc2e0000f13100000535000017380000273b0000343e00003f410000474400004d470000"
    "504a0000504d00004d500000485300003e56000032590000225c00000f5f0000f8610000dd640000be6700009b6a0000"
    "746d0000497000001a730000e6750000ad780000707b00002f7e0000e88000009c8300004c860000f68800009a8b0000"
    "3a8e0000d490000068930000f795000080980000039b0000809d0000f79f000068a20000d2a4000036a7000094a90000"
    "ebab00003cae000086b00000c9b2000005b500003ab7000068b900008fbb0000afbd0000c7bf0000d8c10000e2c30000"
    "e4c50000dec70000d1c90000bccb00009fcd00007acf00004dd1000018d30000dbd4000096d6000048d80000f2d90000"
    "94db00002ddd0000bede000046e00000c6e100003ce30000aae4000010e600006ce70000bfe800000aea00004beb0000"
    "83ec0000b3ed0000d9ee0000f5ef000009f1000013f2000014f300000cf40000faf40000dff50000baf600008cf70000"
    "54f8000013f90000c8f9000073fa000015fb0000adfb00003bfc0000c0fc00003bfd0000acfd000013fe000071fe0000"
    "c4fe00000eff00004eff000085ff0000b1ff0000d4ff0000ecff0000fbff000000000100fbff0000"
)


def _ret(a):
    a(R.jalr(ZERO, RA, 0))


def gen_div(a):
    # a0 = a0 / a1 in Q16.16, truncated toward zero. Saturates to
    # +-0x7FFFFFFF on overflow and division by zero; 0 / 0 = 0.
    # Integer part with divu, then 16 fraction bits by restoring division.
    a.label("div")
    a(R.xor(T2, A0, A1))                    # sign of the quotient in bit 31
    a.branch(R.bge, A0, ZERO, "div.apos")
    a(R.sub(A0, ZERO, A0))
    a.label("div.apos")
    a.branch(R.bge, A1, ZERO, "div.bpos")
    a(R.sub(A1, ZERO, A1))
    a.label("div.bpos")
    a.branch(R.beq, A1, ZERO, "div.zero")
    a(R.divu(A2, A0, A1))                   # integer part q
    a(R.srli(T0, A2, 15))
    a.branch(R.bne, T0, ZERO, "div.sat")    # q >= 2^15 does not fit
    a(R.mul(T0, A2, A1),
      R.sub(A3, A0, T0),                    # remainder r < |b|
      R.slli(A2, A2, 16),
      R.lui(A4, 8))                         # bit = 2^15
    a.label("div.loop")
    a(R.slli(A3, A3, 1))                    # r < 2^31, so 2r fits unsigned
    a.branch(R.bltu, A3, A1, "div.skip")
    a(R.sub(A3, A3, A1),
      R.or_(A2, A2, A4))
    a.label("div.skip")
    a(R.srli(A4, A4, 1))
    a.branch(R.bne, A4, ZERO, "div.loop")
    a.branch(R.bge, T2, ZERO, "div.done")
    a(R.sub(A2, ZERO, A2))
    a.label("div.done")
    a(R.addi(A0, A2, 0))
    _ret(a)
    a.label("div.zero")
    a.branch(R.beq, A0, ZERO, "div.ret")    # 0 / 0 = 0 (a0 is 0 already)
    a.label("div.sat")
    a(R.lui(A0, 0x80000),
      R.addi(A0, A0, -1))                   # 0x7FFFFFFF
    a.branch(R.bge, T2, ZERO, "div.ret")
    a(R.sub(A0, ZERO, A0))
    a.label("div.ret")
    _ret(a)


def gen_mod(a):
    # a0 = mod(a0, a1) = x - y * floor(x / y), exact: with both operands in
    # the same fixed-point scale this is the floored integer remainder.
    # mod(x, 0) = 0.
    a.label("mod")
    a.branch(R.beq, A1, ZERO, "mod.zero")
    a(R.rem(A2, A0, A1))
    a.branch(R.beq, A2, ZERO, "mod.zero")
    a(R.xor(T0, A2, A1))
    a.branch(R.blt, T0, ZERO, "mod.fix")    # signs differ: floor, not trunc
    a(R.addi(A0, A2, 0))
    _ret(a)
    a.label("mod.fix")
    a(R.add(A0, A2, A1))
    _ret(a)
    a.label("mod.zero")
    a(R.addi(A0, ZERO, 0))
    _ret(a)


def gen_sincos(a):
    # sin/cos of Q16.16 radians. The angle becomes a phase (2^32 = one
    # turn); a 129-entry quarter-wave table with linear interpolation gives
    # the value. cos is sin a quarter turn later.
    hi, lo = R.hi_lo(PHASE_PER_RADIAN)
    a.label("cos")
    a(R.lui(A1, 0x40000))                   # quarter turn
    a.jal(ZERO, "sin.phase")
    a.label("sin")
    a(R.addi(A1, ZERO, 0))
    a.label("sin.phase")
    a(R.lui(T0, hi), R.addi(T0, T0, lo),
      R.mul(T1, A0, T0),
      R.mulh(T2, A0, T0),
      R.srli(T1, T1, 16),
      R.slli(T2, T2, 16),
      R.or_(A0, T2, T1),
      R.add(A0, A0, A1),                    # phase, modulo one turn
      R.srli(A1, A0, 30),                   # quadrant
      R.slli(A2, A0, 2),
      R.srli(A2, A2, 1),                    # position in the quadrant, [0, 2^31)
      R.andi(T0, A1, 1))
    a.branch(R.beq, T0, ZERO, "sin.rising")
    a(R.lui(T0, 0x80000),
      R.sub(A2, T0, A2))                    # falling quadrants read the table mirrored
    a.label("sin.rising")
    a(R.srli(T0, A2, 24),                   # table index 0..128
      R.slli(T0, T0, 2))
    a.la(T1, "sin.table")
    a(R.add(T1, T1, T0),
      R.lw(T0, T1, 0),
      R.lw(T1, T1, 4),
      R.sub(T1, T1, T0),
      R.slli(A2, A2, 8),
      R.srli(A2, A2, 16),                   # 16-bit fraction between entries
      R.mul(T1, T1, A2),
      R.srai(T1, T1, 16),
      R.add(A0, T0, T1),
      R.andi(A1, A1, 2))
    a.branch(R.beq, A1, ZERO, "sin.done")
    a(R.sub(A0, ZERO, A0))                  # second half of the turn
    a.label("sin.done")
    _ret(a)


def gen_sqrt(a):
    # a0 = floor(sqrt(a0 * 2^16)): the exact Q16.16 square root, digit by
    # digit (two input bits per step, 24 steps); sqrt of x <= 0 is 0.
    a.label("sqrt")
    a(R.addi(A1, ZERO, 0),                  # remainder
      R.addi(A2, ZERO, 0),                  # root
      R.addi(A3, ZERO, 24))
    a.branch(R.bge, ZERO, A0, "sqrt.zero")
    a.label("sqrt.loop")
    a(R.srli(T0, A0, 30),
      R.slli(A0, A0, 2),
      R.slli(A1, A1, 2),
      R.or_(A1, A1, T0),
      R.slli(A2, A2, 1),
      R.slli(T0, A2, 1),
      R.addi(T0, T0, 1))                    # trial 2 * root + 1
    a.branch(R.bltu, A1, T0, "sqrt.next")
    a(R.sub(A1, A1, T0),
      R.addi(A2, A2, 1))
    a.label("sqrt.next")
    a(R.addi(A3, A3, -1))
    a.branch(R.bne, A3, ZERO, "sqrt.loop")
    a.label("sqrt.zero")
    a(R.addi(A0, A2, 0))
    _ret(a)


def gen_sin_table(a):
    a.align(4)
    a.label("sin.table")
    a.data(bytes.fromhex("".join(SIN_TABLE_HEX)))


# helper id -> generators it needs, in emission order
_PARTS = {DIV: (gen_div,), MOD: (gen_mod,), SIN: (gen_sincos,), COS: (gen_sincos,),
          SQRT: (gen_sqrt,)}
_TABLES = {SIN: (gen_sin_table,), COS: (gen_sin_table,)}


def emit(a, used):
    # Emit the helpers in `used` (a set of ids) and their tables into Asm a.
    done = []
    for table in (_PARTS, _TABLES):
        for hid in sorted(used):
            for gen in table[hid] if hid in table else ():
                if gen not in done:
                    done.append(gen)
                    gen(a)
