# The builtins most shaders do not use: trigonometry beyond sin/cos,
# exponentials, rounding, geometry beyond dot/length, the vector
# relational functions, modf, mix with a bool selector and the matrix
# functions. builtins.call imports this module the first time a shader
# uses one of them, so the compiler's resident memory does not pay for
# them otherwise. Overload resolution and the lowering conventions are
# builtins.py's.
#
# Q16.16 semantics where GLSL leaves a choice or a gap (measured by
# tests/test_builtins*.py):
#   round          halves away from zero (roundEven rounds them to even)
#   pow(x, y)      exp2(y * log2(x)), 0 for x <= 0 (so pow(0, y > 0) = 0);
#                  the product saturates, so large |y| saturates or
#                  underflows as it should; a constant y of 1, 2, 3 or 4
#                  multiplies instead. log2(x)'s last bit, times y, is
#                  the error: within 0.1 % for |y| <= 128
#   log2(x <= 0)   is -32768 (the most negative value); log(x <= 0) is
#                  that times ln 2
#   inversesqrt    of x <= 0 is the largest value
#   exp, exp2, sinh, cosh saturate to the largest value, underflow to 0
#   asin, acos     clamp |x| to 1; acosh(x < 1) = 0; atanh(+-1) = +-5.9
#   tan            sin / cos: saturates where cos is 0
#   inverse        of a singular matrix saturates (division by 0)

from ..compat import const
from . import glsl_types as T
from . import ir
from .ir import ZERO, H_SIN, H_COS, H_SQRT, H_ATAN2, H_EXP2, H_LOG2, H_LENGTH
from .builtins import (F, I, U, B, ONE, LARGEST, helper, times, clamp_const, divide, floor_,
                       dot_, length_, resolve, operands, apply, no_match)

# Real constants for builtins.times: (n, m) = n + m / 2^32.
RADIANS_PER_DEGREE = (0, 74961321)
DEGREES_PER_RADIAN = (57, 1270363336)
LOG2_E = (1, 1901360723)
LN_2 = (1, -1317922824)
HALF_LN_2 = (0, 1488522236)
ASINH_KNEE = const(0xB50000)        # 181: below, x^2 + 1 fits Q16.16
BIG = const(0x3FFF0000)             # 16383: above, 2x would overflow Q16.16


def exp2_of(fb, x):
    return helper(fb, H_EXP2, x)


def log2_of(fb, x):
    return helper(fb, H_LOG2, x)


def sqrt_of(fb, x):
    # The exact square root, rounded down (0 for x <= 0): about 50 cycles.
    return helper(fb, H_SQRT, x)


def trunc_(fb, k, x):
    # floor, after biasing negatives by just under 1.
    return floor_(fb, k, fb.op2(ir.ADD, x, fb.op1i(ir.SRLI, fb.op1i(ir.SRAI, x, 31), 16)))


def sign_(fb, k, x):
    s = fb.op2(ir.OR, fb.op1i(ir.SRAI, x, 31), fb.op2(ir.SLT, ZERO, x))   # -1, 0 or 1
    return s if k != T.K_FLOAT else fb.op1i(ir.SLLI, s, 16)


# ---- lowerings, as builtins.py's ---------------------------------------------

def _radians(fb, k, x):
    return times(fb, x, RADIANS_PER_DEGREE)


def _degrees(fb, k, x):
    return times(fb, x, DEGREES_PER_RADIAN)


def _tan(fb, k, x):
    return divide(fb, helper(fb, H_SIN, x), helper(fb, H_COS, x))


def _cos_of_asin(fb, x):
    # sqrt(1 - x^2) * 2^7 for |x| <= 1: (1 - x)(1 + x) * 2^14, from the
    # exact raw product (mulhu of both factors shifted up 15) rather than
    # truncated to Q16.16, so |x| near 1 keeps its precision. atan2 takes
    # both of its arguments scaled alike.
    one = fb.const(ONE)
    p = fb.op2(ir.MULHU, fb.op1i(ir.SLLI, fb.op2(ir.SUB, one, x), 15),
               fb.op1i(ir.SLLI, fb.op2(ir.ADD, one, x), 15))
    return sqrt_of(fb, p)


def _asin(fb, k, x):
    x = clamp_const(fb, x, -ONE, ONE)
    return helper(fb, H_ATAN2, fb.op1i(ir.SLLI, x, 7), _cos_of_asin(fb, x))


def _acos(fb, k, x):
    x = clamp_const(fb, x, -ONE, ONE)
    return helper(fb, H_ATAN2, _cos_of_asin(fb, x), fb.op1i(ir.SLLI, x, 7))


def _atan(fb, k, y_over_x):
    return helper(fb, H_ATAN2, y_over_x, fb.const(ONE))


def _pow(fb, k, x, y):
    c = fb.const_of(y)
    if c == ONE or c == 2 * ONE or c == 3 * ONE or c == 4 * ONE:
        r = x
        for _ in range(c // ONE - 1):
            r = fb.op2(ir.FMUL, r, x)
        return r
    # y * log2(x) saturates instead of wrapping, so exp2 saturates or
    # underflows as the true power does, however large y is.
    from . import saturate
    r = exp2_of(fb, saturate.mul(fb, y, log2_of(fb, x)))
    return fb.op2(ir.AND, r, fb.op2(ir.SUB, ZERO, fb.op2(ir.SLT, ZERO, x)))


def _exp(fb, k, x):
    # exp(16) already saturates and exp(-16) is below the last bit; the
    # clamp keeps x * log2(e) from wrapping.
    return exp2_of(fb, times(fb, clamp_const(fb, x, -16 * ONE, 16 * ONE), LOG2_E))


def _log(fb, k, x):
    # log2(x) ln(2) = lg + lg m / 2^32 (LN_2 = (1, m)), that product
    # rounded rather than floored as times()'s mulh does: within 1 LSB, so
    # 0.05 % relative down to |log| = 1/32.
    lg = log2_of(fb, x)
    m = fb.const(LN_2[1])
    r = fb.op2(ir.ADD, fb.op2(ir.MULH, lg, m), fb.op1i(ir.SRLI, fb.op2(ir.MUL, lg, m), 31))
    return fb.op2(ir.ADD, lg, r)


def _inversesqrt(fb, k, x):
    # The sqrt helper's reciprocal root y (Q1.31, 1.4e-4 to 6e-5 low) and
    # its normalisation n (host/runtime/sqrt.py): 1 / sqrt(x) is
    # y (1 + 2^-13) >> (31 - n), rounded: within 6.2e-5. x <= 0 gives the
    # largest value (the helper leaves n and y undefined then).
    n, y = fb.call(ir.HCALL, H_SQRT, [x], 3)[1:]
    y = fb.op2(ir.ADD, y, fb.op1i(ir.SRLI, y, 13))
    r = fb.op2(ir.SRL, y, fb.op2(ir.SUB, fb.const(30), n))
    r = fb.op1i(ir.SRLI, fb.op1i(ir.ADDI, r, 1), 1)
    bad = fb.op1i(ir.ADDI, fb.op2(ir.SLT, ZERO, x), -1)      # all ones for x <= 0
    return fb.op2(ir.AND, fb.op2(ir.OR, r, bad), fb.const(LARGEST))


def _ceil(fb, k, x):
    return floor_(fb, k, fb.op2(ir.ADD, x, fb.const(ONE - 1)))


def _round(fb, k, x):
    # floor(x + 0.5), and for negatives floor(x + 0.5 - 2^-16): halves
    # round away from zero.
    return floor_(fb, k, fb.op2(ir.ADD, fb.op2(ir.ADD, x, fb.const(ONE // 2)),
                                fb.op1i(ir.SRAI, x, 31)))


def _step(fb, k, edge, x):
    return fb.op1i(ir.SLLI, fb.op1i(ir.XORI, fb.op2(ir.SLT, x, edge), 1), 16)


def _distance(fb, k, a, b):
    return length_(fb, k, [fb.op2(ir.SUB, a[i], b[i]) for i in range(len(a))])


def _normalize(fb, k, v):
    # v * (1 / length(v)) from what the length helper leaves besides the
    # length (helpers.py): a shift that brings the components up to full
    # scale, and 1 / length's mantissa, so that each component is one
    # mulh, rounded: within 0.51 LSB however short or long v is.
    if len(v) == 1:
        return [sign_(fb, k, v[0])]
    shift, scale = fb.call(ir.HCALL, H_LENGTH, v + [ZERO] * (4 - len(v)), 3)[1:]
    half = fb.const(1 << 12)
    return [fb.op1i(ir.SRAI, fb.op2(ir.ADD, fb.op2(ir.MULH, fb.op2(ir.SLL, x, shift), scale),
                                    half), 13) for x in v]


def _cross(fb, k, a, b):
    def term(i, j):
        return fb.op2(ir.SUB, fb.op2(ir.FMUL, a[i], b[j]), fb.op2(ir.FMUL, a[j], b[i]))
    return [term(1, 2), term(2, 0), term(0, 1)]


def _reflect(fb, k, i, n):
    d = dot_(fb, k, n, i)
    d2 = fb.op2(ir.ADD, d, d)
    return [fb.op2(ir.SUB, i[c], fb.op2(ir.FMUL, d2, n[c])) for c in range(len(i))]


def _signed(fb, r, x):
    # r with x's sign (r >= 0).
    m = fb.op1i(ir.SRAI, x, 31)
    return fb.op2(ir.SUB, fb.op2(ir.XOR, r, m), m)


def _exp_halves(fb, x):
    # e^x / 2 and e^-x / 2: exp2(+-x log2(e) - 1), x clamped to +-16 so
    # that the product cannot wrap (e^16 / 2 saturates already).
    u = times(fb, clamp_const(fb, x, -16 * ONE, 16 * ONE), LOG2_E)
    return (exp2_of(fb, fb.op2(ir.SUB, u, fb.const(ONE))),
            exp2_of(fb, fb.op2(ir.SUB, fb.const(-ONE), u)))


def _sinh(fb, k, x):
    a, b = _exp_halves(fb, x)
    return fb.op2(ir.SUB, a, b)


def _cosh(fb, k, x):
    a, b = _exp_halves(fb, x)
    r = fb.op2(ir.ADD, a, b)
    # a saturated plus b's last bit may wrap: negative means saturated.
    return fb.op2(ir.AND, fb.op2(ir.OR, r, fb.op1i(ir.SRAI, r, 31)), fb.const(LARGEST))


def _tanh(fb, k, x):
    # (1 - t) / (1 + t) with t = e^(-2|x|) in (0, 1]: nothing saturates.
    # tanh(12) is 1 to the last bit.
    x = clamp_const(fb, x, -12 * ONE, 12 * ONE)
    a = fb.abs_(x)
    t = exp2_of(fb, fb.op2(ir.SUB, ZERO, times(fb, fb.op2(ir.ADD, a, a), LOG2_E)))
    one = fb.const(ONE)
    return _signed(fb, divide(fb, fb.op2(ir.SUB, one, t), fb.op2(ir.ADD, one, t)), x)


def _log_of_sum(fb, a, s, q):
    # ln(a + s + (a - q)) (= ln(2a + s - q), up to 65536): halved first
    # when a is beyond BIG, so it does not overflow.
    half = fb.op2(ir.SLT, fb.const(BIG), a)
    w = fb.op2(ir.ADD, fb.op2(ir.SRA, a, half),
               fb.op2(ir.SRA, fb.op2(ir.SUB, fb.op2(ir.ADD, a, s), q), half))
    lg = fb.op2(ir.ADD, log2_of(fb, w), fb.op1i(ir.SLLI, half, 16))
    return times(fb, lg, LN_2)


def _asinh(fb, k, x):
    # sign(x) ln(|x| + sqrt(x^2 + 1)); beyond 181, sqrt(x^2 + 1) is taken
    # as sqrt(181^2 + 1) + (|x| - 181) (within 8e-6 relative).
    # |x| <= 32767: (2|x| + s - q) / 2 in _log_of_sum must fit, and
    # |-32768| would wrap. asinh(32767) is within 1e-9 of asinh(32768).
    a = fb.abs_(clamp_const(fb, x, -32767 * ONE, 32767 * ONE))
    q = fb.op2(ir.MIN, a, fb.const(ASINH_KNEE))
    s = sqrt_of(fb, fb.op2(ir.ADD, fb.op2(ir.FMUL, q, q), fb.const(ONE)))
    return _signed(fb, _log_of_sum(fb, a, s, q), x)


def _acosh(fb, k, x):
    # ln(x + sqrt(x^2 - 1)) for x >= 1 (below 1, as at 1: 0).
    x = fb.op2(ir.MAX, x, fb.const(ONE))
    q = fb.op2(ir.MIN, x, fb.const(ASINH_KNEE))
    s = sqrt_of(fb, fb.op2(ir.FMUL, fb.op2(ir.SUB, q, fb.const(ONE)),
                             fb.op2(ir.ADD, q, fb.const(ONE))))
    return _log_of_sum(fb, x, s, q)


def _atanh(fb, k, x):
    # (log2(1 + x) - log2(1 - x)) ln(2) / 2, |x| clamped to 1 - 2^-16
    # (atanh(+-1) = +-5.9).
    x = clamp_const(fb, x, 1 - ONE, ONE - 1)
    one = fb.const(ONE)
    d = fb.op2(ir.SUB, log2_of(fb, fb.op2(ir.ADD, one, x)),
               log2_of(fb, fb.op2(ir.SUB, one, x)))
    return times(fb, d, HALF_LN_2)


def _round_even(fb, k, x):
    # floor(x + 0.5), one less when x was exactly halfway and that is odd.
    t = fb.op2(ir.ADD, x, fb.const(ONE // 2))
    n = fb.op1i(ir.SRAI, t, 16)
    tie = fb.op1i(ir.SLTIU, fb.op1i(ir.SLLI, t, 16), 1)
    n = fb.op2(ir.SUB, n, fb.op2(ir.AND, tie, fb.op1i(ir.ANDI, n, 1)))
    return fb.op1i(ir.SLLI, n, 16)


def _faceforward(fb, k, n, i, nref):
    # n when dot(nref, i) < 0, else -n.
    m = fb.op1i(ir.XORI, fb.op1i(ir.SRAI, dot_(fb, k, nref, i), 31), -1)
    return [fb.op2(ir.SUB, fb.op2(ir.XOR, c, m), m) for c in n]


def _refract(fb, k, i, n, eta):
    eta = eta[0]
    d = dot_(fb, k, n, i)
    one = fb.const(ONE)
    kk = fb.op2(ir.SUB, one, fb.op2(ir.FMUL, fb.op2(ir.FMUL, eta, eta),
                                    fb.op2(ir.SUB, one, fb.op2(ir.FMUL, d, d))))
    c = fb.op2(ir.ADD, fb.op2(ir.FMUL, eta, d), sqrt_of(fb, kk))
    keep = fb.op1i(ir.ADDI, fb.op2(ir.SLT, kk, ZERO), -1)     # 0 on total reflection
    return [fb.op2(ir.AND, fb.op2(ir.SUB, fb.op2(ir.FMUL, eta, i[j]), fb.op2(ir.FMUL, c, n[j])),
                   keep) for j in range(len(i))]


def _less(fb, k, a, b):
    return fb.op2(ir.SLTU if k == T.K_UINT else ir.SLT, a, b)


def _less_than(fb, k, a, b):
    return _less(fb, k, a, b)


def _less_equal(fb, k, a, b):
    return fb.op1i(ir.XORI, _less(fb, k, b, a), 1)


def _greater_than(fb, k, a, b):
    return _less(fb, k, b, a)


def _greater_equal(fb, k, a, b):
    return fb.op1i(ir.XORI, _less(fb, k, a, b), 1)


def _equal(fb, k, a, b):
    return fb.op1i(ir.SLTIU, fb.op2(ir.XOR, a, b), 1)


def _not_equal(fb, k, a, b):
    return fb.op2(ir.SLTU, ZERO, fb.op2(ir.XOR, a, b))


def _any(fb, k, v):
    r = ZERO
    for c in v:
        r = fb.op2(ir.OR, r, c)
    return r


def _all(fb, k, v):
    r = fb.const(1)
    for c in v:
        r = fb.op2(ir.AND, r, c)
    return r


def _not(fb, k, x):
    return fb.op1i(ir.XORI, x, 1)


def _select(fb, k, a, b, s):
    # s ? b : a without a branch
    return fb.op2(ir.XOR, a, fb.op2(ir.AND, fb.op2(ir.XOR, a, b), fb.op2(ir.SUB, ZERO, s)))


# As builtins.TABLE.
TABLE = {
    "radians": ("g", F, "g", _radians),
    "degrees": ("g", F, "g", _degrees),
    "tan": ("g", F, "g", _tan),
    "asin": ("g", F, "g", _asin),
    "acos": ("g", F, "g", _acos),
    "atan": ("gg", F, "g", H_ATAN2),
    "pow": ("gg", F, "g", _pow),
    "exp": ("g", F, "g", _exp),
    "log": ("g", F, "g", _log),
    "exp2": ("g", F, "g", H_EXP2),
    "log2": ("g", F, "g", H_LOG2),
    "inversesqrt": ("g", F, "g", _inversesqrt),
    "sign": ("g", F | I, "g", sign_),
    "ceil": ("g", F, "g", _ceil),
    "trunc": ("g", F, "g", trunc_),
    "round": ("g", F, "g", _round),
    "step": ("fg", F, "g", _step),
    "distance": ("gg", F, "F", _distance),
    "cross": ("33", F, "v", _cross),
    "normalize": ("g", F, "v", _normalize),
    "reflect": ("gg", F, "v", _reflect),
    "sinh": ("g", F, "g", _sinh),
    "cosh": ("g", F, "g", _cosh),
    "tanh": ("g", F, "g", _tanh),
    "asinh": ("g", F, "g", _asinh),
    "acosh": ("g", F, "g", _acosh),
    "atanh": ("g", F, "g", _atanh),
    "roundEven": ("g", F, "g", _round_even),
    "faceforward": ("ggg", F, "v", _faceforward),
    "refract": ("ggs", F, "v", _refract),
    "lessThan": ("GG", F | I | U, "B", _less_than),
    "lessThanEqual": ("GG", F | I | U, "B", _less_equal),
    "greaterThan": ("GG", F | I | U, "B", _greater_than),
    "greaterThanEqual": ("GG", F | I | U, "B", _greater_equal),
    "equal": ("GG", F | I | U | B, "B", _equal),
    "notEqual": ("GG", F | I | U | B, "B", _not_equal),
    "any": ("G", B, "b", _any),
    "all": ("G", B, "b", _all),
    "not": ("G", B, "g", _not),
}


ATAN1 = ("g", F, "g", _atan)


def call(p, name, args, pos):
    entry = TABLE.get(name)
    if name == "atan" and len(args) != 2:
        if len(args) != 1:
            p.error("wrong number of arguments to 'atan': expected 1 or 2, got %d"
                    % len(args), pos)
        entry = ATAN1
    if entry is not None:
        return apply(p, name, entry, args, pos)
    if name == "modf":
        return _modf(p, args, pos)
    if name == "mix":
        return _mix_select(p, args, pos)
    n = 2 if name in ("matrixCompMult", "outerProduct") else 1
    if len(args) != n:
        p.error("wrong number of arguments to '%s': expected %d, got %d"
                % (name, n, len(args)), pos)
    if name == "outerProduct":
        return _outer_product(p, args, pos)
    t = args[0].type
    if not T.is_matrix(t) or (n == 2 and args[1].type != t) \
            or (name in ("determinant", "inverse") and T.cols(t) != T.rows(t)):
        no_match(p, name, args, pos)
    m = p.values(args[0])
    fb = p.fb
    rows = T.rows(t)
    cols = T.cols(t)
    if name == "matrixCompMult":
        y = p.values(args[1])
        return p.make_val(t, [fb.op2(ir.FMUL, m[i], y[i]) for i in range(len(m))])
    if name == "transpose":
        return p.make_val(T.matrix(rows, cols), [m[c * rows + r] for r in range(rows)
                                                 for c in range(cols)])
    if name == "determinant":
        return p.make_val(T.FLOAT, [_determinant(fb, m, rows)])
    return p.make_val(t, _inverse(fb, m, rows))


def _modf(p, args, pos):
    # modf(x, out i): i = trunc(x), returns x - i; both keep x's sign.
    if len(args) != 2:
        p.error("wrong number of arguments to 'modf': expected 2, got %d" % len(args), pos)
    n, k = resolve(p, "modf", "gx", F, args, pos)
    out = args[1]
    if out.type != T.make(T.K_FLOAT, n):
        no_match(p, "modf", args, pos)
    if out.lv is None or out.const_name is not None:
        p.error("argument 2 of 'modf' (out) must be an lvalue", pos)
    x = operands(p, args[:1], "g", n, k)[0]
    fb = p.fb
    whole = [trunc_(fb, k, r) for r in x]
    frac = [fb.op2(ir.SUB, x[i], whole[i]) for i in range(n)]
    p.write(out, whole)
    return p.make_val(out.type, frac)


def _mix_select(p, args, pos):
    # mix(x, y, bvec a): a ? y : x per component, for any kind of x and y.
    if len(args) != 3:
        p.error("wrong number of arguments to 'mix': expected 3, got %d" % len(args), pos)
    n, k = resolve(p, "mix", "ggx", F | I | U | B, args, pos)
    if args[2].type != T.make(T.K_BOOL, n):
        no_match(p, "mix", args, pos)
    regs = operands(p, args[:2], "gg", n, k) + [p.values(args[2])]
    fb = p.fb
    return p.make_val(T.make(k, n), [_select(fb, k, regs[0][i], regs[1][i], regs[2][i])
                                     for i in range(n)])


def _outer_product(p, args, pos):
    # outerProduct(c, r): column j is c * r[j]; c's width is the rows.
    for a in args:
        t = a.type
        if not T.is_scalar_or_vector(t) or T.width(t) < 2 or T.kind(t) == T.K_BOOL:
            no_match(p, "outerProduct", args, pos)
    rows = T.width(args[0].type)
    cols = T.width(args[1].type)
    c = operands(p, args[:1], "g", rows, T.K_FLOAT)[0]
    r = operands(p, args[1:], "g", cols, T.K_FLOAT)[0]
    fb = p.fb
    return p.make_val(T.matrix(cols, rows), [fb.op2(ir.FMUL, c[i], r[j]) for j in range(cols)
                                             for i in range(rows)])


def _minor(m, n, skip_r, skip_c):
    # The (n-1) x (n-1) column-major matrix without row skip_r and column skip_c.
    return [m[c * n + r] for c in range(n) if c != skip_c for r in range(n) if r != skip_r]


def _determinant(fb, m, n):
    # Laplace expansion along the first row (at most 40 products for mat4).
    if n == 1:
        return m[0]
    if n == 2:
        return fb.op2(ir.SUB, fb.op2(ir.FMUL, m[0], m[3]), fb.op2(ir.FMUL, m[2], m[1]))
    det = ZERO
    for c in range(n):
        term = fb.op2(ir.FMUL, m[c * n], _determinant(fb, _minor(m, n, 0, c), n - 1))
        det = fb.op2(ir.SUB if c & 1 else ir.ADD, det, term)
    return det


def _inverse(fb, m, n):
    # The adjugate divided by the determinant, entry by entry (a division
    # per entry keeps the precision a rounded 1 / det would lose). The
    # determinant expands along row 0 with the adjugate's column 0.
    adj = _adjugate4(fb, m) if n == 4 else _adjugate(fb, m, n)
    det = ZERO
    for c in range(n):
        det = fb.op2(ir.ADD, det, fb.op2(ir.FMUL, m[c * n], adj[c]))
    return [divide(fb, a, det) for a in adj]


def _adjugate(fb, m, n):
    # Column-major: row r, column c is (-1)^(r+c) det(m without row c and column r).
    out = []
    for c in range(n):
        for r in range(n):
            d = _determinant(fb, _minor(m, n, c, r), n - 1)
            out.append(fb.op2(ir.SUB, ZERO, d) if (r + c) & 1 else d)
    return out


def _adjugate4(fb, m):
    # As _adjugate, with the 2 x 2 minors of rows 0-1 and of rows 2-3
    # computed once and shared by all sixteen (Laplace expansion by
    # complementary minors: 60 products instead of 144).
    def a(r, c):
        return m[c * 4 + r]

    def minor2(r, c0, c1):
        return fb.op2(ir.SUB, fb.op2(ir.FMUL, a(r, c0), a(r + 1, c1)),
                      fb.op2(ir.FMUL, a(r, c1), a(r + 1, c0)))

    pairs = ((0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3))
    top = [minor2(0, c0, c1) for c0, c1 in pairs]
    bottom = [minor2(2, c0, c1) for c0, c1 in pairs]
    out = []
    for j in range(4):               # the row left out
        for i in range(4):           # the column left out
            # The row left with j's pair expands against the other
            # pair's minors.
            cols = [c for c in range(4) if c != i]
            row = 1 - j if j < 2 else 5 - j
            minors = bottom if j < 2 else top
            d = ZERO
            for t in range(3):
                rest = [c for c in cols if c != cols[t]]
                term = fb.op2(ir.FMUL, a(row, cols[t]), minors[pairs.index((rest[0], rest[1]))])
                d = fb.op2(ir.SUB if t & 1 else ir.ADD, d, term)
            out.append(fb.op2(ir.SUB, ZERO, d) if (i + j) & 1 else d)
    return out
