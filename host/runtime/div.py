"""Q16.16 division without divu: a0 = a0 * 2^16 / a1, exact (the quotient
truncated toward zero), saturating to +-0x7FFFFFFF, 0 / 0 = 0.

One divu costs 32 modelled cycles, so the quotient comes from a reciprocal:

- |a| = A and |b| = B (both up to 2^31, unsigned). The quotient does not
  fit exactly when A >> 15 >= B, which also catches B = 0: saturate.
  Otherwise Q = floor(A 2^16 / B) < 2^31.
- B is normalised to D = B << s in [2^31, 2^32), d = D / 2^32 in [1/2, 1).
  Two branches on B's top bits (>= 2^16, then >= 2^24 or >= 2^8) pick one
  of four copies of the rest, so each copy knows its shift up to the
  leading zeros c of one byte T of B, read from a 256-byte table.
- 1/d in (1, 2] is kept with an implicit leading one: x = 1 + X / 2^32.
  A 16-bit seed x0 (Q1.15) from a 128-entry table indexed by D's top
  bits is within 2^-8; one Newton step x1 = 2 x0 - d x0^2 (x0^2 by mul)
  gives 2^-16, and a second, x2 = x1 + x1 e with e = 1 - d x1 signed
  (mulhsu), gives 1/d to about 3 units of 2^-32 (measured exhaustively
  over the divisors that need it: tests/test_helper_div.py).
- q0 = floor(A x2 / 2^m) with m = 16 - s for B >= 2^16; for smaller B,
  A << (s - 15) (no overflow: the quotient fits) and m = 1. q0 is then Q,
  Q - 1 or Q + 1, and the remainder r = A 2^16 - q0 B (exact in its low
  32 bits) picks which: q0 - 1 when r < 0, q0 + 1 when r >= B. For B >=
  2^24 r could exceed 32 signed bits, so that copy rounds e down (x2 <=
  1/d, q0 is Q or Q - 1) and only steps up; its m >= 9 leaves room.
- The sign is applied by the last instruction of the outcome taken.

Tables (512 bytes): 128 halfword seeds, then 256 bytes of leading-zero
counts. Both are read off one auipc, so the blob stays position-independent.
"""

from device.jit import rv32 as R
from device.jit.rv32 import ZERO, RA, T0, T1, T2, A0, A1, A2, A3, A4, A5

SEEDS = 128


def seed_table():
    # x0 for D in [2^31 + i 2^24, 2^31 + (i + 1) 2^24): 2 / (d_lo + d_hi),
    # centring the seed's relative error 1 - d x0 on the segment, in Q1.15,
    # rounded down. The last segment gets exactly 1.0: with any seed above
    # 1, x1 = x0 (2 - d x0) falls below 1 as d approaches 1 and the
    # implicit leading one would wrap.
    out = []
    for i in range(SEEDS):
        lo = 0.5 + i / (2 * SEEDS)
        out.append(int(2 / (2 * lo + 1 / (2 * SEEDS)) * 2 ** 15))
    out[-1] = 1 << 15
    return out


def clz_table():
    # Leading zeros of a byte (entry 0 is never read).
    return bytes(8 - n.bit_length() if n else 8 for n in range(256))


def _ret(a):
    a.short(R.i(R.JALR, ZERO, RA, 0))


class _Tables:
    # Loads relative to one auipc: recorded while the code is emitted,
    # patched once the tables' offsets are known.
    def __init__(self, a):
        self.a = a
        self.loads = []       # (offset, op, rd, rs1, label, disp)

    def auipc(self, rd):
        self.at = self.a.here()
        self.rd = rd
        self.a(R.C_NOP, R.C_NOP)

    def load(self, op, rd, rs1, label, disp=0):
        self.loads.append((self.a.here(), op, rd, rs1, label, disp))
        self.a(R.C_NOP, R.C_NOP)

    def patch(self):
        a = self.a
        offs = [a.labels[label] + disp - self.at for _, _, _, _, label, disp in self.loads]
        hi, _ = R.hi_lo(min(offs))
        base = ((hi ^ 0x80000) - 0x80000) << 12
        assert all(-2048 <= o - base < 2048 for o in offs)
        a.code.patch32(self.at, R.u(R.AUIPC, self.rd, hi))
        for (at, op, rd, rs1, _, _), off in zip(self.loads, offs):
            a.code.patch32(at, R.i(op, rd, rs1, off - base))


def gen_div(a):
    t = _Tables(a)
    a.label("div")
    a.short(R.r(R.XOR, T2, A0, A1))              # sign of the quotient in bit 31
    a.branch(R.BGE, A0, ZERO, "div.apos")
    a.short(R.r(R.SUB, A0, ZERO, A0))            # A (2^31 for -2^31: unsigned)
    a.label("div.apos")
    a.branch(R.BGE, A1, ZERO, "div.bpos")
    a.short(R.r(R.SUB, A1, ZERO, A1))            # B
    a.label("div.bpos")
    a.short(R.i(R.SRLI, T0, A0, 15))
    a.branch(R.BGEU, T0, A1, "div.sat")          # Q >= 2^31, or B = 0
    t.auipc(T1)
    a.short(R.i(R.SRLI, T0, A1, 16))
    a.branch(R.BEQ, T0, ZERO, "div.low")
    a.short(R.i(R.SRLI, A2, A1, 24))
    a.branch(R.BEQ, A2, ZERO, "div.h2")
    # B >= 2^24: T = B >> 24 in a2, D = B << c, m = 16 - c.
    _path(a, t, "h1", A2, d_shift=0, a_shift=None, m_base=16)
    a.label("div.h2")                            # 2^16 <= B < 2^24: T = B >> 16 in t0
    _path(a, t, "h2", T0, d_shift=8, a_shift=None, m_base=8)
    a.label("div.low")                           # B < 2^16
    a.short(R.i(R.SRLI, A2, A1, 8))
    a.branch(R.BEQ, A2, ZERO, "div.l2")
    _path(a, t, "l1", A2, d_shift=16, a_shift=1, m_base=None)
    a.label("div.l2")                            # B < 2^8: T = B
    _path(a, t, "l2", A1, d_shift=24, a_shift=9, m_base=None)

    a.label("div.sat")
    a.branch(R.BEQ, A0, ZERO, "div.ret")         # 0 / 0 = 0 (a0 is 0 already)
    a.short(R.u(R.LUI, A0, 0x80000), R.i(R.ADDI, A0, A0, -1))
    a.branch(R.BGE, T2, ZERO, "div.ret")
    a.short(R.r(R.SUB, A0, ZERO, A0))
    a.label("div.ret")
    _ret(a)

    a.align(4)
    a.label("div.seeds")
    a.data(b"".join(v.to_bytes(2, "little") for v in seed_table()))
    a.label("div.clz")
    a.data(clz_table())
    t.patch()


def _path(a, t, name, tbyte, d_shift, a_shift, m_base):
    # One copy of the reciprocal, quotient and correction: T (the byte
    # whose leading zeros c finish the normalisation) is in `tbyte`;
    # D = B << (d_shift + c); for B >= 2^16 (m_base set) q0 = hi >> (m_base
    # - c) with hi = floor(A x2), else A is first shifted left by a_shift + c
    # and q0 = hi >> 1.
    p = "div." + name
    two_sided = name != "h1"
    a.short(R.r(R.ADD, A3, T1, tbyte))
    t.load(R.LBU, A3, A3, "div.clz")             # c
    if d_shift:
        a.short(R.i(R.SLLI, A4, A1, d_shift),
                R.r(R.SLL, A4, A4, A3))          # D
    else:
        a.short(R.r(R.SLL, A4, A1, A3))
    if a_shift is not None:
        a.short(R.i(R.SLLI, A2, A0, a_shift), R.r(R.SLL, A2, A2, A3))
    a.short(R.i(R.SRLI, A5, A4, 23),
            R.i(R.ANDI, A5, A5, -2),
            R.r(R.ADD, A5, T1, A5))
    t.load(R.LHU, A5, A5, "div.seeds", -256)     # x0, Q1.15
    # x1 = 2 x0 - d x0^2 in Q2.30, then with the leading one implicit.
    a.short(R.r(R.MUL, T0, A5, A5),
            R.r(R.MULHU, T0, A4, T0),
            R.i(R.SLLI, A5, A5, 16),
            R.r(R.SUB, A5, A5, T0),
            R.i(R.SLLI, A5, A5, 2))              # X1
    # e = 1 - d x1 (signed, in 2^-32); x2 = x1 + x1 e. Rounding e down by
    # one more unit (not instead of neg) makes x2 <= 1/d for the copy whose
    # correction only steps up.
    a.short(R.r(R.MULHU, T0, A4, A5),
            R.r(R.ADD, T0, T0, A4),
            R.i(R.XORI, T0, T0, -1) if not two_sided else R.r(R.SUB, T0, ZERO, T0),
            R.r(R.MULHSU, A4, T0, A5),
            R.r(R.ADD, A5, A5, T0),
            R.r(R.ADD, A5, A5, A4))              # X2
    num = A0 if a_shift is None else A2
    a.short(R.r(R.MULHU, T0, num, A5),
            R.r(R.ADD, T0, T0, num),             # hi = floor(A x2) < 2^32
            R.i(R.SLLI, A4, A0, 16))             # N = A 2^16, low word
    if m_base is not None:
        a.short(R.i(R.ADDI, A3, A3, -m_base),
                R.r(R.SUB, A3, ZERO, A3),        # m = m_base - c
                R.r(R.SRL, A0, T0, A3))
    else:
        a.short(R.i(R.SRLI, A0, T0, 1))
    a.short(R.r(R.MUL, A3, A0, A1),
            R.r(R.SUB, A3, A4, A3))              # r = N - q0 B
    a.branch(R.BLT, T2, ZERO, p + ".neg")
    if two_sided:
        a.branch(R.BLT, A3, ZERO, p + ".pdec")
    a.branch(R.BGEU, A3, A1, p + ".pinc")
    _ret(a)
    a.label(p + ".pinc")
    a.short(R.i(R.ADDI, A0, A0, 1))
    _ret(a)
    if two_sided:
        a.label(p + ".pdec")
        a.short(R.i(R.ADDI, A0, A0, -1))
        _ret(a)
    a.label(p + ".neg")
    if two_sided:
        a.branch(R.BLT, A3, ZERO, p + ".ndec")
    a.branch(R.BGEU, A3, A1, p + ".ninc")
    a.short(R.r(R.SUB, A0, ZERO, A0))
    _ret(a)
    a.label(p + ".ninc")
    a.short(R.i(R.XORI, A0, A0, -1))             # -(q0 + 1)
    _ret(a)
    if two_sided:
        a.label(p + ".ndec")
        a.short(R.r(R.SUB, A0, ZERO, A0), R.i(R.ADDI, A0, A0, 1))   # -(q0 - 1)
        _ret(a)
