# The rarely used builtins: hyperbolic functions, roundEven, modf,
# mix with a bool selector, faceforward, refract, the vector relational
# functions and the matrix functions. builtins.call imports this module
# the first time a shader uses one of them, so shaders that do not never
# load it into the compiler's memory. Overload resolution and the lowering
# conventions are builtins.py's.

from . import glsl_types as T
from . import ir
from .ir import ZERO
from . import builtins as BI
from .builtins import F, I, U, B, ONE, LARGEST, LOG2_E, LN_2

HALF_LN_2 = (0, 1488522236)         # ln(2) / 2, for atanh
ASINH_KNEE = 181 * ONE              # below, x^2 + 1 fits Q16.16
BIG = 16383 * ONE                   # above, 2x would overflow Q16.16


def _signed(fb, r, x):
    # r with x's sign (r >= 0).
    m = fb.op1i(ir.SRAI, x, 31)
    return fb.op2(ir.SUB, fb.op2(ir.XOR, r, m), m)


def _exp_halves(fb, x):
    # e^x / 2 and e^-x / 2: exp2(+-x log2(e) - 1), x clamped to +-16 so
    # that the product cannot wrap (e^16 / 2 saturates already).
    u = BI.times(fb, BI.clamp_const(fb, x, -16 * ONE, 16 * ONE), LOG2_E)
    return (BI.exp2_of(fb, fb.op2(ir.SUB, u, fb.const(ONE))),
            BI.exp2_of(fb, fb.op2(ir.SUB, fb.const(-ONE), u)))


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
    x = BI.clamp_const(fb, x, -12 * ONE, 12 * ONE)
    a = fb.abs_(x)
    t = BI.exp2_of(fb, fb.op2(ir.SUB, ZERO, BI.times(fb, fb.op2(ir.ADD, a, a), LOG2_E)))
    one = fb.const(ONE)
    return _signed(fb, BI.divide(fb, fb.op2(ir.SUB, one, t), fb.op2(ir.ADD, one, t)), x)


def _log_of_sum(fb, a, s, q):
    # ln(a + s + (a - q)) (= ln(2a + s - q), up to 65536): halved first
    # when a is beyond BIG, so it does not overflow.
    half = fb.op2(ir.SLT, fb.const(BIG), a)
    w = fb.op2(ir.ADD, fb.op2(ir.SRA, a, half),
               fb.op2(ir.SRA, fb.op2(ir.SUB, fb.op2(ir.ADD, a, s), q), half))
    lg = fb.op2(ir.ADD, BI.log2_of(fb, w), fb.op1i(ir.SLLI, half, 16))
    return BI.times(fb, lg, LN_2)


def _asinh(fb, k, x):
    # sign(x) ln(|x| + sqrt(x^2 + 1)); beyond 181, sqrt(x^2 + 1) is taken
    # as sqrt(181^2 + 1) + (|x| - 181) (within 8e-6 relative).
    a = fb.abs_(x)
    q = fb.op2(ir.MIN, a, fb.const(ASINH_KNEE))
    s = BI.sqrt_fast(fb, fb.op2(ir.ADD, fb.op2(ir.FMUL, q, q), fb.const(ONE)))
    return _signed(fb, _log_of_sum(fb, a, s, q), x)


def _acosh(fb, k, x):
    # ln(x + sqrt(x^2 - 1)) for x >= 1 (below 1, as at 1: 0).
    x = fb.op2(ir.MAX, x, fb.const(ONE))
    q = fb.op2(ir.MIN, x, fb.const(ASINH_KNEE))
    s = BI.sqrt_fast(fb, fb.op2(ir.FMUL, fb.op2(ir.SUB, q, fb.const(ONE)),
                                fb.op2(ir.ADD, q, fb.const(ONE))))
    return _log_of_sum(fb, x, s, q)


def _atanh(fb, k, x):
    # (log2(1 + x) - log2(1 - x)) ln(2) / 2, |x| clamped to 1 - 2^-16
    # (atanh(+-1) = +-5.9).
    x = BI.clamp_const(fb, x, 1 - ONE, ONE - 1)
    one = fb.const(ONE)
    d = fb.op2(ir.SUB, BI.log2_of(fb, fb.op2(ir.ADD, one, x)),
               BI.log2_of(fb, fb.op2(ir.SUB, one, x)))
    return BI.times(fb, d, HALF_LN_2)


def _round_even(fb, k, x):
    # floor(x + 0.5), one less when x was exactly halfway and that is odd.
    t = fb.op2(ir.ADD, x, fb.const(ONE // 2))
    n = fb.op1i(ir.SRAI, t, 16)
    tie = fb.op1i(ir.SLTIU, fb.op1i(ir.SLLI, t, 16), 1)
    n = fb.op2(ir.SUB, n, fb.op2(ir.AND, tie, fb.op1i(ir.ANDI, n, 1)))
    return fb.op1i(ir.SLLI, n, 16)


def _faceforward(fb, k, n, i, nref):
    # n when dot(nref, i) < 0, else -n.
    m = fb.op1i(ir.XORI, fb.op1i(ir.SRAI, BI.dot_(fb, nref, i), 31), -1)
    return [fb.op2(ir.SUB, fb.op2(ir.XOR, c, m), m) for c in n]


def _refract(fb, k, i, n, eta):
    eta = eta[0]
    d = BI.dot_(fb, n, i)
    one = fb.const(ONE)
    kk = fb.op2(ir.SUB, one, fb.op2(ir.FMUL, fb.op2(ir.FMUL, eta, eta),
                                     fb.op2(ir.SUB, one, fb.op2(ir.FMUL, d, d))))
    c = fb.op2(ir.ADD, fb.op2(ir.FMUL, eta, d), BI.sqrt_fast(fb, kk))
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
    return BI.select(fb, s, a, b)


# As builtins.TABLE.
TABLE = {
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


def call(p, name, args, pos):
    entry = TABLE.get(name)
    if entry is not None:
        return BI.apply(p, name, entry, args, pos)
    if name == "modf":
        return _modf(p, args, pos)
    if name == "mix":
        return _mix_select(p, args, pos)
    n = 2 if name in ("matrixCompMult", "outerProduct") else 1
    if len(args) != n:
        p.error("wrong number of arguments to '%s': expected %d, got %d" % (name, n, len(args)), pos)
    if name == "outerProduct":
        return _outer_product(p, args, pos)
    t = args[0].type
    if not T.is_matrix(t) or (n == 2 and args[1].type != t) \
            or (name in ("determinant", "inverse") and T.cols(t) != T.rows(t)):
        BI.no_match(p, name, args, pos)
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
    n, k = BI.resolve(p, "modf", "gx", F, args, pos)
    out = args[1]
    if out.type != T.make(T.K_FLOAT, n):
        BI.no_match(p, "modf", args, pos)
    if out.lv is None or out.const_name is not None:
        p.error("argument 2 of 'modf' (out) must be an lvalue", pos)
    x = BI.operands(p, args[:1], "g", n, k)[0]
    fb = p.fb
    whole = [BI.trunc_(fb, r) for r in x]
    frac = [fb.op2(ir.SUB, x[i], whole[i]) for i in range(n)]
    p.write(out, whole)
    return p.make_val(out.type, frac)


def _mix_select(p, args, pos):
    # mix(x, y, bvec a): a ? y : x per component, for any kind of x and y.
    if len(args) != 3:
        p.error("wrong number of arguments to 'mix': expected 3, got %d" % len(args), pos)
    n, k = BI.resolve(p, "mix", "ggx", F | I | U | B, args, pos)
    if args[2].type != T.make(T.K_BOOL, n):
        BI.no_match(p, "mix", args, pos)
    regs = BI.operands(p, args[:2], "gg", n, k) + [p.values(args[2])]
    fb = p.fb
    return p.make_val(T.make(k, n), [_select(fb, k, regs[0][i], regs[1][i], regs[2][i])
                                     for i in range(n)])


def _outer_product(p, args, pos):
    # outerProduct(c, r): column j is c * r[j]; c's width is the rows.
    for a in args:
        t = a.type
        if not T.is_scalar_or_vector(t) or T.width(t) < 2 or T.kind(t) == T.K_BOOL:
            BI.no_match(p, "outerProduct", args, pos)
    rows = T.width(args[0].type)
    cols = T.width(args[1].type)
    c = BI.operands(p, args[:1], "g", rows, T.K_FLOAT)[0]
    r = BI.operands(p, args[1:], "g", cols, T.K_FLOAT)[0]
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
    # per entry keeps the precision a rounded 1 / det would lose).
    if n == 4:
        adj, det = _adjugate4(fb, m)
    else:
        # inverse[c][r] = (-1)^(r+c) det(minor without row c, column r) / det
        adj = []
        for c in range(n):
            for r in range(n):
                d = _determinant(fb, _minor(m, n, c, r), n - 1) if n > 1 else fb.const(ONE)
                adj.append(fb.op2(ir.SUB, ZERO, d) if (r + c) & 1 else d)
        det = ZERO
        for c in range(n):                       # first row of m times first column of adj
            det = fb.op2(ir.ADD, det, fb.op2(ir.FMUL, m[c * n], adj[c]))
    return [BI.divide(fb, a, det) for a in adj]


def _adjugate4(fb, m):
    # The 2 x 2 minors of rows 0-1 (s) and rows 2-3 (c) are shared by all
    # sixteen cofactors (Laplace expansion by complementary minors).
    def a(r, c):
        return m[c * 4 + r]

    def minor(r0, r1, c0, c1):
        return fb.op2(ir.SUB, fb.op2(ir.FMUL, a(r0, c0), a(r1, c1)),
                      fb.op2(ir.FMUL, a(r0, c1), a(r1, c0)))

    pairs = ((0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3))
    s = [minor(0, 1, c0, c1) for c0, c1 in pairs]
    c = [minor(2, 3, c0, c1) for c0, c1 in pairs]

    def cof(row, terms):
        # sum of +-a(row, col) * minor
        r = ZERO
        for sign, col, mn in terms:
            r = fb.op2(ir.ADD if sign > 0 else ir.SUB, r, fb.op2(ir.FMUL, a(row, col), mn))
        return r

    # inverse[i][j] (row i, column j) = cofactor of a(j, i) / det
    inv = [
        [cof(1, ((1, 1, c[5]), (-1, 2, c[4]), (1, 3, c[3]))),
         cof(0, ((-1, 1, c[5]), (1, 2, c[4]), (-1, 3, c[3]))),
         cof(3, ((1, 1, s[5]), (-1, 2, s[4]), (1, 3, s[3]))),
         cof(2, ((-1, 1, s[5]), (1, 2, s[4]), (-1, 3, s[3])))],
        [cof(1, ((-1, 0, c[5]), (1, 2, c[2]), (-1, 3, c[1]))),
         cof(0, ((1, 0, c[5]), (-1, 2, c[2]), (1, 3, c[1]))),
         cof(3, ((-1, 0, s[5]), (1, 2, s[2]), (-1, 3, s[1]))),
         cof(2, ((1, 0, s[5]), (-1, 2, s[2]), (1, 3, s[1])))],
        [cof(1, ((1, 0, c[4]), (-1, 1, c[2]), (1, 3, c[0]))),
         cof(0, ((-1, 0, c[4]), (1, 1, c[2]), (-1, 3, c[0]))),
         cof(3, ((1, 0, s[4]), (-1, 1, s[2]), (1, 3, s[0]))),
         cof(2, ((-1, 0, s[4]), (1, 1, s[2]), (-1, 3, s[0])))],
        [cof(1, ((-1, 0, c[3]), (1, 1, c[1]), (-1, 2, c[0]))),
         cof(0, ((1, 0, c[3]), (-1, 1, c[1]), (1, 2, c[0]))),
         cof(3, ((-1, 0, s[3]), (1, 1, s[1]), (-1, 2, s[0]))),
         cof(2, ((1, 0, s[3]), (-1, 1, s[1]), (1, 2, s[0])))],
    ]
    det = ZERO
    for sign, sv, cv in ((1, 0, 5), (-1, 1, 4), (1, 2, 3), (1, 3, 2), (-1, 4, 1), (1, 5, 0)):
        det = fb.op2(ir.ADD if sign > 0 else ir.SUB, det, fb.op2(ir.FMUL, s[sv], c[cv]))
    # column-major: component j * 4 + i is row i, column j
    return [inv[i][j] for j in range(4) for i in range(4)], det
