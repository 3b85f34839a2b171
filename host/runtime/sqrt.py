"""The square-root runtime helper: a0 = floor(sqrt(a0 * 2^16)), the exact
Q16.16 square root rounded down, in 46 to 50 modelled cycles, with no table.

Kept apart from helpers.py (which imports it) so that its derivation, its
error argument and its constants sit together.

Method, for x = a0 > 0 (S = x * 2^16 < 2^47):

1. Normalise: N = x * 4^h in [2^30, 2^32) (a binary search in steps of 16,
   8, 4 and 2 bits), M = N / 2^32 in [1/4, 1), and a1 = 8 + h. Then
   sqrt(S) = sqrt(M) * 2^(24 - h) = (sqrt(M) * 2^32) >> (8 + h).
2. y0 ~ 1 / sqrt(M), Q3.29: a cubic minimax polynomial (relative error
   0.71 %), evaluated as c0 - M (c1 - M (c2 - M c3)).
3. One Newton step y1 = y0 (3' - M y0^2) / 2, Q1.31, where 3' is 3 lowered
   by 2^-13: y1 = (1 + e) / sqrt(M) with -1.4e-4 < e < -6e-5 (Newton alone
   lands at or below 1 / sqrt(M), by 3/2 of the square of the cubic's
   error; the lowered 3 keeps it at least 2^-14 below, so that step 4
   stays below sqrt(M) whatever its truncations add).
4. One coupled step on g = M y1 (Q0.32, so g = sqrt(M) (1 + e)):
   R = g + (M - g^2) y1 / 2 = sqrt(M) (1 - 3/2 e^2 - ...) 2^32, between
   2.9e-8 and 5e-9 below it: R is 11 to 118 units (2^-32) below
   sqrt(M) 2^32, so R >> 8 is below the root at h = 0 by less than 1.
5. e = R >> (8 + h) is floor(sqrt(S)) or one less; one more when
   (e + 1)^2 <= S, i.e. S - e^2 > 2e, computed modulo 2^32 (S - e^2 < 2^26).

For inversesqrt it also leaves, for x > 0, a1 = 8 + h and a2 = y1 (Q1.31,
1.4e-4 to 6e-5 below 1 / sqrt(M)): 1 / sqrt(x / 2^16) in Q16.16 is
y1 >> (31 - a1), rounded.

The bounds in 4 are measured, not derived: tests/test_helper_sqrt.py checks
R from the emulator bit for bit against an integer model of this code, and
the model (with SQRT_EXHAUSTIVE=1) for every positive input.
"""

from device.jit import rv32 as R
from device.jit.rv32 import ZERO, RA, T0, T1, T2, A0, A1, A2, A5
from host.runtime.approx import minimax_relative

# 1 / sqrt(M) on [1/4, 1] within 0.71 %, as c0 - M (c1 - M (c2 - M c3)):
# the signs alternate, so every coefficient and partial sum is positive
# (and below 8). Q3.29, rounded to what one lui loads. length uses it too.
RSQRT_POLY = [round(abs(c) * 2 ** 17) << 12
              for c in minimax_relative(lambda x: x ** -0.5, 0.25, 1.0, 3)]


def rsqrt_cubic(a, m, y, last):
    # y = y0 ~ 1 / sqrt(M), Q3.29 (it may pass 2), for M = m / 2^32 in
    # [1/4, 1): the cubic above. Clobbers t0, t1 and `last`.
    c0, c1, c2, c3 = RSQRT_POLY
    a.short(R.u(R.LUI, T0, c3 >> 12),
            R.r(R.MULHU, T0, m, T0),
            R.u(R.LUI, T1, c2 >> 12),
            R.r(R.SUB, T0, T1, T0),
            R.r(R.MULHU, T0, m, T0),
            R.u(R.LUI, T1, c1 >> 12),
            R.r(R.SUB, T0, T1, T0),
            R.r(R.MULHU, last, m, T0),
            R.u(R.LUI, y, c0 >> 12),
            R.r(R.SUB, y, y, last))


# 3 in Q6.26, lowered by two lui steps (2^-13): see step 3 above.
SQRT_NEWTON_THREE = (3 << 26) - (2 << 12)


def gen_sqrt(a):
    # a0 = floor(sqrt(a0 * 2^16)) for a0 > 0, else 0; a1, a2 as the
    # docstring says, for inversesqrt. Leaf: a0-a5, t0-t2.
    _emit(a, estimate=False)


def gen_sqrt_estimate(a):
    # For the tests only: the same code up to step 4, returning R (Q0.32)
    # in a0 for x > 0, so that R itself can be checked against a model.
    _emit(a, estimate=True)


def _emit(a, estimate):
    a.label("sqrt")
    a.branch(R.BGE, ZERO, A0, "sqrt.zero")       # x <= 0
    a.short(R.i(R.SLLI, A5, A0, 16),             # S mod 2^32
            R.i(R.ADDI, A1, ZERO, 8))            # 8 + h so far
    for k in (16, 8, 4, 2):                      # N = x 4^h in [2^30, 2^32)
        a(R.i(R.SRLI, T0, A0, 32 - k))
        a.branch(R.BNE, T0, ZERO, "sqrt.k%d" % k)
        a.short(R.i(R.SLLI, A0, A0, k),
                R.i(R.ADDI, A1, A1, k // 2))
        a.label("sqrt.k%d" % k)
    rsqrt_cubic(a, A0, A2, T0)                   # y0
    a.short(R.u(R.LUI, T2, SQRT_NEWTON_THREE >> 12),
            R.r(R.MULHU, T0, A2, A2),            # y0^2, Q6.26
            R.r(R.MULHU, T0, A0, T0),            # M y0^2
            R.r(R.SUB, T0, T2, T0),              # 3' - M y0^2, Q6.26
            R.r(R.MULHU, A2, A2, T0),            # y1, Q8.24
            R.i(R.SLLI, A2, A2, 7),              # y1, Q1.31 (below 2)
            R.r(R.MULHU, T0, A0, A2),            # g / 2, Q0.32
            R.i(R.SLLI, T0, T0, 1),              # g, Q0.32 (below sqrt(M))
            R.r(R.MULHU, T1, T0, T0),            # g^2
            R.r(R.SUB, T1, A0, T1),              # M - g^2 >= 0
            R.r(R.MULHU, T1, T1, A2),            # (M - g^2) y1 / 2
            R.r(R.ADD, T0, T0, T1))              # R, Q0.32
    if estimate:
        a.short(R.i(R.ADDI, A0, T0, 0),
                R.i(R.JALR, ZERO, RA, 0))
    a.short(R.r(R.SRL, A0, T0, A1),              # e: floor(sqrt(S)) or one less
            R.r(R.MUL, T0, A0, A0),
            R.r(R.SUB, T0, A5, T0),              # S - e^2 (mod 2^32)
            R.i(R.SLLI, T1, A0, 1),
            R.r(R.SLTU, T1, T1, T0),             # (e + 1)^2 <= S
            R.r(R.ADD, A0, A0, T1),
            R.i(R.JALR, ZERO, RA, 0))
    a.label("sqrt.zero")
    a.short(R.i(R.ADDI, A0, ZERO, 0),
            R.i(R.JALR, ZERO, RA, 0))
