"""Q16.16 division without divu: a0 = a0 * 2^16 / a1, exact (the quotient
truncated toward zero), saturating to +-0x7FFFFFFF when it does not fit
and on division by zero, 0 / 0 = 0. At most 45 modelled cycles.

One divu costs 32 modelled cycles, so the quotient comes from a reciprocal:

- |a| = A and |b| = B (both up to 2^31, unsigned), by branches laid out so
  every sign combination costs 4 cycles and lands in one of two copies of
  the rest, one per sign of the quotient, whose final instructions apply
  it: no sign register and no branch on it at the end.
- B is normalised to D = B << s in [2^31, 2^32), d = D / 2^32 in [1/2, 1).
  Two branches on B's top bits (>= 2^16, then >= 2^24 or >= 2^8) pick one
  of four copies of what follows, so each copy knows its shift up to the
  leading zeros c of one byte T of B, read from a 256-byte table. Those
  for B < 2^24 first check A >> 15 >= B (the quotient reaches 2^31, or B
  = 0): saturate. Otherwise Q = floor(A 2^16 / B) < 2^31.
- 1/d in (1, 2] is kept with an implicit leading one: x = 1 + X / 2^32.
  A 16-bit seed x0 (Q1.15) from a 128-entry table indexed by D's top
  bits is within 2^-8; one Newton step x1 = 2 x0 - d x0^2 (x0^2 by mul)
  gives 2^-16, and a second, x2 = x1 + x1 e with e = 1 - d x1 signed
  (mulhsu), leaves |1/d - x2| below 3 units of 2^-32.
- q0 = floor(A x2 / 2^m) with m = 16 - s for B >= 2^16, and floor(A' x2)
  with A' = A << (s - 16) < D / 2 for smaller B. Since A x2 stays within
  one of the true quotient, q0 is Q - 1, Q or Q + 1, and the remainder
  r = A 2^16 - q0 B (exact in its low 32 bits) picks which: q0 - 1 when
  r < 0, q0 + 1 when r >= B. For B >= 2^24 r could pass 32 signed bits,
  so that copy rounds e down instead (x2 <= 1/d: q0 is Q - 1 or Q) and
  only steps up; its m >= 9 leaves the room.
  tests/test_helper_div.py checks the reciprocal's bound on every divisor
  where it is tight (B < 2^17) and the results on half a million cases.

Tables (512 bytes): 128 halfword seeds, then 256 bytes of leading-zero
counts, both read off one auipc, so the blob stays position-independent.
The code is about 970 bytes: eight copies of the reciprocal (two signs by
four sizes of B) buy back the cycles of the branches that choose them.
"""

from device.jit import rv32 as R
from device.jit.rv32 import ZERO, RA, T0, T1, A0, A1, A2, A3, A4, A5

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
    t.auipc(T1)
    # |a| and |b| by branches, laid out so that each of the four sign
    # combinations costs the same 4 cycles and ends in the copy of the rest
    # that knows the quotient's sign: no sign register, no final branch.
    a.branch(R.BGE, A0, ZERO, "div.apos")
    a.short(R.r(R.SUB, A0, ZERO, A0))            # A (2^31 for -2^31: unsigned)
    a.branch(R.BGE, A1, ZERO, "div.neg")
    a.short(R.r(R.SUB, A1, ZERO, A1))            # B
    _body(a, t, "div.pos", False)                # a < 0, b < 0
    a.label("div.apos")
    a.branch(R.BGE, A1, ZERO, "div.pos")         # a >= 0, b >= 0
    a.short(R.r(R.SUB, A1, ZERO, A1))
    _body(a, t, "div.neg", True)                 # a >= 0, b < 0 falls in here
    a.align(4)
    a.label("div.seeds")
    a.data(b"".join(v.to_bytes(2, "little") for v in seed_table()))
    a.label("div.clz")
    a.data(clz_table())
    t.patch()


def _body(a, t, p, neg):
    # Everything after the signs, for a quotient of one sign.
    a.label(p)
    # Four copies of the rest, by B's size. The quotient cannot reach 2^31
    # when B >= 2^24 (A <= 2^31), so only the other copies check for
    # saturation: A >> 15 >= B, which also catches B = 0. The branches are
    # laid out so the dearer copies take the cheaper way.
    a.short(R.i(R.SRLI, T0, A1, 16))
    a.branch(R.BEQ, T0, ZERO, p + ".low")
    a.short(R.i(R.SRLI, A2, A1, 24))
    a.branch(R.BNE, A2, ZERO, p + ".h1")
    a.short(R.i(R.SRLI, A3, A0, 15))             # 2^16 <= B < 2^24: T = B >> 16 in t0
    a.branch(R.BGEU, A3, A1, p + ".sat")
    _path(a, t, p + ".h2", neg, T0, d_shift=8, a_shift=None, m_base=8)
    a.label(p + ".h1")                           # B >= 2^24: T = B >> 24 in a2
    _path(a, t, p + ".h1", neg, A2, d_shift=0, a_shift=None, m_base=16)
    a.label(p + ".low")                          # B < 2^16
    a.short(R.i(R.SRLI, A2, A0, 15))
    a.branch(R.BGEU, A2, A1, p + ".sat")
    a.short(R.i(R.SRLI, A2, A1, 8))
    a.branch(R.BNE, A2, ZERO, p + ".l1")
    _path(a, t, p + ".l2", neg, A1, d_shift=24, a_shift=8, m_base=None)   # B < 2^8: T = B
    a.label(p + ".l1")                           # 2^8 <= B < 2^16: T = B >> 8 in a2
    _path(a, t, p + ".l1", neg, A2, d_shift=16, a_shift=0, m_base=None)
    a.label(p + ".sat")
    a.branch(R.BEQ, A0, ZERO, p + ".ret")        # 0 / 0 = 0 (a0 is 0 already)
    a.short(R.u(R.LUI, A0, 0x80000), R.i(R.ADDI, A0, A0, -1))    # 0x7FFFFFFF
    if neg:
        a.short(R.r(R.SUB, A0, ZERO, A0))
    a.label(p + ".ret")
    _ret(a)


def _path(a, t, p, neg, tbyte, d_shift, a_shift, m_base):
    # One copy of the reciprocal, quotient and correction: T (the byte
    # whose leading zeros c finish the normalisation) is in `tbyte`;
    # D = B << (d_shift + c); for B >= 2^16 (m_base set) q0 = hi >> (m_base
    # - c) with hi = floor(A x2), else q0 = floor(A' x2) with A' = A <<
    # (a_shift + c).
    two_sided = not p.endswith(".h1")
    a.short(R.r(R.ADD, A3, T1, tbyte))
    t.load(R.LBU, A3, A3, "div.clz")             # c
    if d_shift:
        a.short(R.i(R.SLLI, A4, A1, d_shift),
                R.r(R.SLL, A4, A4, A3))          # D
    else:
        a.short(R.r(R.SLL, A4, A1, A3))
    if a_shift:
        a.short(R.i(R.SLLI, A2, A0, a_shift), R.r(R.SLL, A2, A2, A3))
    elif a_shift is not None:
        a.short(R.r(R.SLL, A2, A0, A3))
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
    # x2 = x1 + x1 e with e = 1 - d x1, signed, rounded down (mulhsu).
    a.short(R.r(R.MULHU, T0, A4, A5),
            R.r(R.ADD, T0, T0, A4))              # -e
    if two_sided:
        a.short(R.r(R.MULHSU, A4, T0, A5),
                R.r(R.SUB, A5, A5, T0),
                R.r(R.SUB, A5, A5, A4))          # X2 = X1 - (-e) - X1 (-e)
    else:
        # One unit lower (not for neg) keeps x2 <= 1/d: q0 <= Q.
        a.short(R.i(R.XORI, T0, T0, -1),         # e
                R.r(R.MULHSU, A4, T0, A5),
                R.r(R.ADD, A5, A5, T0),
                R.r(R.ADD, A5, A5, A4))          # X2 = X1 + e + X1 e
    a.short(R.i(R.SLLI, A4, A0, 16))             # N = A 2^16, low word
    if m_base is not None:
        a.short(R.r(R.MULHU, T0, A0, A5),
                R.r(R.ADD, T0, T0, A0),          # hi = floor(A x2) < 2^32
                R.i(R.ADDI, A3, A3, -m_base),
                R.r(R.SUB, A3, ZERO, A3),        # m = m_base - c
                R.r(R.SRL, A0, T0, A3))
    else:
        a.short(R.r(R.MULHU, T0, A2, A5),
                R.r(R.ADD, A0, T0, A2))          # floor(A' x2)
    a.short(R.r(R.MUL, A3, A0, A1),
            R.r(R.SUB, A3, A4, A3))              # r = N - q0 B
    # q0 + 1 when r >= B, q0 - 1 when r < 0; the sign is applied by the
    # last instruction of each outcome.
    if two_sided:
        a.branch(R.BGE, A3, A1, p + ".inc")      # r in [-B, 2B), B < 2^24: signed
        a.short(R.i(R.SRLI, T0, A3, 31))
        a.short(R.r(R.SUB, A0, T0, A0) if neg else R.r(R.SUB, A0, A0, T0))
        _ret(a)
    else:
        a.branch(R.BGEU, A3, A1, p + ".inc")     # r in [0, 2B)
        if neg:
            a.short(R.r(R.SUB, A0, ZERO, A0))
        _ret(a)
    a.label(p + ".inc")
    a.short(R.i(R.XORI, A0, A0, -1) if neg else R.i(R.ADDI, A0, A0, 1))   # -(q0 + 1)
    _ret(a)
