# Builtin functions: overload resolution against GLSL's genType rules and
# lowering to Q16.16 IR. Cheap ones become a few ALU ops inline (and fold
# on constant arguments); the rest call runtime helpers (helpers.py),
# which are emitted once per program only when used. The builtins most
# shaders use live here; the rarely used ones (hyperbolic, relational
# vector functions, matrices, modf, refract...) are in builtins_more.py,
# imported only when a shader first calls one, so the resident compiler
# stays small.
#
# Q16.16 semantics where GLSL leaves a choice or a gap (measured by
# tests/test_builtins*.py):
#   round          halves away from zero (roundEven rounds them to even)
#   pow(x, y)      exp2(y * log2(x)); 0 for x <= 0 (so pow(0, y > 0) = 0);
#                  |y| is clamped to 2048, which keeps y * log2(x) in range;
#                  y = 1, 2, 3 or 4 as a constant is multiplication
#   log(x), log2   for x <= 0: log2 gives -32768, log gives -32768 * ln 2
#   inversesqrt    of x <= 0 is the largest value, 32767.99998
#   exp, exp2      saturate to the largest value, underflow to 0
#   asin, acos     clamp |x| to 1
#   normalize(0)   is 0; length/normalize/distance scale the vector by a
#                  power of two first, so tiny vectors keep their precision
#                  and large ones do not overflow
#   int/uint       arguments convert to float where a float is expected
#                  (mix(0, 1, t)); min/max/clamp/abs/sign have int forms,
#                  min/max/clamp uint forms (int arguments convert to uint)

from . import glsl_types as T
from . import ir
from .ir import ZERO, H_DIV, H_MOD, H_SIN, H_COS, H_SQRT, H_ATAN2, H_EXP2, H_LOG2

ONE = 65536
LARGEST = 0x7FFFFFFF

# Component kinds a builtin accepts, as masks of 1 << kind.
F = 1 << T.K_FLOAT
I = 1 << T.K_INT
B = 1 << T.K_BOOL
U = 1 << T.K_UINT

# Real constants as (n, m): n + m / 2^32 with |m| <= 2^31 (see times()).
RADIANS_PER_DEGREE = (0, 74961321)
DEGREES_PER_RADIAN = (57, 1270363336)
LOG2_E = (1, 1901360723)
LN_2 = (1, -1317922824)


def divide(fb, a, b):
    # a / b, truncated toward zero (the H_DIV helper). A constant divisor
    # of +-2^k (k >= 0) is an exact shift instead: no helper call.
    c = fb.const_of(b)
    if c is not None and (c >= ONE or c <= -ONE):
        d = c if c > 0 else -c
        k = 0
        while ONE << k < d:
            k += 1
        if ONE << k == d:
            if k:
                bias = fb.op1i(ir.SRLI, fb.op1i(ir.SRAI, a, 31), 32 - k)
                a = fb.op1i(ir.SRAI, fb.op2(ir.ADD, a, bias), k)
            return a if c > 0 else fb.op2(ir.SUB, ZERO, a)
    return helper(fb, H_DIV, a, b)


def convert(fb, r, from_kind, to_kind):
    # One component from one scalar kind to another, as GLSL constructors
    # and implicit conversions do. int and uint share their bits; a uint
    # beyond 32767 does not fit a float either way, so both convert alike.
    if from_kind == to_kind:
        return r
    if to_kind == T.K_FLOAT:
        return fb.op2(ir.SLL, r, fb.const(16))
    if to_kind == T.K_BOOL:
        return fb.op2(ir.SLTU, ZERO, r)
    if from_kind != T.K_FLOAT:
        return r
    # float -> int (or uint) truncates toward zero: bias negatives by 0xFFFF first.
    bias = fb.op1i(ir.SRLI, fb.op1i(ir.SRAI, r, 31), 16)
    return fb.op1i(ir.SRAI, fb.op2(ir.ADD, r, bias), 16)


def helper(fb, hid, *args):
    return fb.call(ir.HCALL, hid, list(args), 1)[0]


def times(fb, a, c):
    # a * (n + m / 2^32) for a real constant c = (n, m): the integer part
    # by mul, the rest by mulh, within 1.25 LSB (mulh floors; m is rounded).
    n, m = c
    r = fb.op2(ir.MULH, a, fb.const(m)) if m else ZERO
    if n == 1:
        return fb.op2(ir.ADD, a, r)
    if n:
        return fb.op2(ir.ADD, fb.op2(ir.MUL, a, fb.const(n)), r)
    return r


def ratio(num, den):
    # num / den (positive integers) as a constant for times(), exactly rounded.
    n = (2 * num + den) // (2 * den)
    m = ((num - n * den) * (1 << 33) + den) // (2 * den)
    return n, min(m, LARGEST)


def exp2_of(fb, x):
    return helper(fb, H_EXP2, x)


def log2_of(fb, x):
    return helper(fb, H_LOG2, x)


def sqrt_fast(fb, x):
    # exp2(log2(x) / 2): 3x faster than the exact sqrt helper, within 1e-5
    # relative (so within 1 LSB below 1.0); 0 for x <= 0.
    return exp2_of(fb, fb.op1i(ir.SRAI, log2_of(fb, x), 1))


def clamp_const(fb, x, lo, hi):
    return fb.op2(ir.MIN, fb.op2(ir.MAX, x, fb.const(lo)), fb.const(hi))


def select(fb, cond, a, b):
    # cond (0/1) ? b : a, without a branch.
    return fb.op2(ir.XOR, a, fb.op2(ir.AND, fb.op2(ir.XOR, a, b), fb.op2(ir.SUB, ZERO, cond)))


# ---- per-component lowerings: (fb, kind, components...) -> operand ----------

def _radians(fb, k, x):
    return times(fb, x, RADIANS_PER_DEGREE)


def _degrees(fb, k, x):
    return times(fb, x, DEGREES_PER_RADIAN)


def _sin(fb, k, x):
    return helper(fb, H_SIN, x)


def _cos(fb, k, x):
    return helper(fb, H_COS, x)


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
    return sqrt_fast(fb, p)


def _asin(fb, k, x):
    x = clamp_const(fb, x, -ONE, ONE)
    return helper(fb, H_ATAN2, fb.op1i(ir.SLLI, x, 7), _cos_of_asin(fb, x))


def _acos(fb, k, x):
    x = clamp_const(fb, x, -ONE, ONE)
    return helper(fb, H_ATAN2, _cos_of_asin(fb, x), fb.op1i(ir.SLLI, x, 7))


def _atan(fb, k, y_over_x):
    return helper(fb, H_ATAN2, y_over_x, fb.const(ONE))


def _atan2(fb, k, y, x):
    return helper(fb, H_ATAN2, y, x)


def _pow(fb, k, x, y):
    c = fb.const_of(y)
    if c == ONE or c == 2 * ONE or c == 3 * ONE or c == 4 * ONE:
        r = x
        for _ in range(c // ONE - 1):
            r = fb.op2(ir.FMUL, r, x)
        return r
    y = clamp_const(fb, y, -2048 * ONE, 2048 * ONE)
    r = exp2_of(fb, fb.op2(ir.FMUL, y, log2_of(fb, x)))
    return fb.op2(ir.AND, r, fb.op2(ir.SUB, ZERO, fb.op2(ir.SLT, ZERO, x)))


def _exp(fb, k, x):
    # exp(16) already saturates and exp(-16) is below the last bit; the
    # clamp keeps x * log2(e) from wrapping.
    return exp2_of(fb, times(fb, clamp_const(fb, x, -16 * ONE, 16 * ONE), LOG2_E))


def _log(fb, k, x):
    return times(fb, log2_of(fb, x), LN_2)


def _exp2(fb, k, x):
    return exp2_of(fb, x)


def _log2(fb, k, x):
    return log2_of(fb, x)


def _sqrt(fb, k, x):
    return helper(fb, H_SQRT, x)


def _inversesqrt(fb, k, x):
    # exp2(-log2(x) / 2); log2(x <= 0) is -32768, raised to -40 so that
    # exp2(20) saturates.
    lg = fb.op2(ir.MAX, log2_of(fb, x), fb.const(-40 * ONE))
    return exp2_of(fb, fb.op1i(ir.SRAI, fb.op2(ir.SUB, ZERO, lg), 1))


def _abs(fb, k, x):
    return fb.abs_(x)


def _sign(fb, k, x):
    s = fb.op2(ir.OR, fb.op1i(ir.SRAI, x, 31), fb.op2(ir.SLT, ZERO, x))   # -1, 0 or 1
    return s if k != T.K_FLOAT else fb.op1i(ir.SLLI, s, 16)


def floor_(fb, x):
    return fb.op1i(ir.SLLI, fb.op1i(ir.SRAI, x, 16), 16)


def _floor(fb, k, x):
    return floor_(fb, x)


def _ceil(fb, k, x):
    return floor_(fb, fb.op2(ir.ADD, x, fb.const(ONE - 1)))


def trunc_(fb, x):
    # floor, after biasing negatives by just under 1.
    return floor_(fb, fb.op2(ir.ADD, x, fb.op1i(ir.SRLI, fb.op1i(ir.SRAI, x, 31), 16)))


def _trunc(fb, k, x):
    return trunc_(fb, x)


def _round(fb, k, x):
    # floor(x + 0.5), and for negatives floor(x + 0.5 - 2^-16): halves
    # round away from zero.
    return floor_(fb, fb.op2(ir.ADD, fb.op2(ir.ADD, x, fb.const(ONE // 2)),
                             fb.op1i(ir.SRAI, x, 31)))


def _fract(fb, k, x):
    return fb.op1i(ir.SRLI, fb.op1i(ir.SLLI, x, 16), 16)


def _mod(fb, k, x, y):
    return helper(fb, H_MOD, x, y)


def _bias(fb, k, x):
    # uint order is int order with the sign bit flipped.
    return fb.op2(ir.XOR, x, fb.const(-0x80000000)) if k == T.K_UINT else x


def _min(fb, k, a, b):
    return _bias(fb, k, fb.op2(ir.MIN, _bias(fb, k, a), _bias(fb, k, b)))


def _max(fb, k, a, b):
    return _bias(fb, k, fb.op2(ir.MAX, _bias(fb, k, a), _bias(fb, k, b)))


def _clamp(fb, k, x, lo, hi):
    x = fb.op2(ir.MAX, _bias(fb, k, x), _bias(fb, k, lo))
    return _bias(fb, k, fb.op2(ir.MIN, x, _bias(fb, k, hi)))


def _mix(fb, k, a, b, t):
    return fb.op2(ir.ADD, a, fb.op2(ir.FMUL, fb.op2(ir.SUB, b, a), t))


def _step(fb, k, edge, x):
    return fb.op1i(ir.SLLI, fb.op1i(ir.XORI, fb.op2(ir.SLT, x, edge), 1), 16)


def _smoothstep(fb, k, e0, e1, x):
    c0 = fb.const_of(e0)
    c1 = fb.const_of(e1)
    d = fb.op2(ir.SUB, x, e0)
    if c0 is not None and c1 is not None and c1 != c0:
        # Constant edges: clamp, then a multiplication instead of a
        # division (reversed edges, e1 < e0, work too).
        if c1 > c0:
            t = times(fb, clamp_const(fb, d, 0, c1 - c0), ratio(ONE, c1 - c0))
        else:
            t = times(fb, clamp_const(fb, d, c1 - c0, 0), ratio(ONE, c0 - c1))
            t = fb.op2(ir.SUB, ZERO, t)
    else:
        t = clamp_const(fb, divide(fb, d, fb.op2(ir.SUB, e1, e0)), 0, ONE)
    three_minus_2t = fb.op2(ir.SUB, fb.const(3 * ONE), fb.op2(ir.ADD, t, t))
    return fb.op2(ir.FMUL, fb.op2(ir.FMUL, t, t), three_minus_2t)


# ---- whole-vector lowerings: (fb, kind, component lists...) ------------------

def dot_(fb, a, b):
    s = ZERO
    for i in range(len(a)):
        s = fb.op2(ir.ADD, s, fb.op2(ir.FMUL, a[i], b[i]))
    return s


def _dot(fb, k, a, b):
    return dot_(fb, a, b)


def _prescaled(fb, v):
    # v * 2^-e with e = floor(log2(max |v_i|)), at least -16: the largest
    # component lands in [1, 2), so the squares neither underflow nor
    # overflow. The bit length of the OR of the |v_i| is the max's.
    m = ZERO
    for r in v:
        m = fb.op2(ir.OR, m, fb.abs_(r))
    e = fb.op2(ir.MAX, fb.op1i(ir.SRAI, log2_of(fb, m), 16), fb.const(-16))
    right = fb.op2(ir.MAX, e, ZERO)
    left = fb.op2(ir.SUB, right, e)
    return [fb.op2(ir.SLL, fb.op2(ir.SRA, r, right), left) for r in v], e


def length_(fb, v):
    if len(v) == 1:
        return fb.abs_(v[0])
    u, e = _prescaled(fb, v)
    half_log = fb.op1i(ir.SRAI, log2_of(fb, dot_(fb, u, u)), 1)
    return exp2_of(fb, fb.op2(ir.ADD, half_log, fb.op1i(ir.SLLI, e, 16)))


def _length(fb, k, v):
    return length_(fb, v)


def _distance(fb, k, a, b):
    return length_(fb, [fb.op2(ir.SUB, a[i], b[i]) for i in range(len(a))])


def _normalize(fb, k, v):
    if len(v) == 1:
        return [_sign(fb, k, v[0])]
    u, _ = _prescaled(fb, v)
    half_log = fb.op1i(ir.SRAI, log2_of(fb, dot_(fb, u, u)), 1)
    r = exp2_of(fb, fb.op2(ir.SUB, ZERO, half_log))   # 1 / |u|, in (1/4, 1]
    return [fb.op2(ir.FMUL, x, r) for x in u]


def _cross(fb, k, a, b):
    def term(i, j):
        return fb.op2(ir.SUB, fb.op2(ir.FMUL, a[i], b[j]), fb.op2(ir.FMUL, a[j], b[i]))
    return [term(1, 2), term(2, 0), term(0, 1)]


def _reflect(fb, k, i, n):
    d = dot_(fb, n, i)
    d2 = fb.op2(ir.ADD, d, d)
    return [fb.op2(ir.SUB, i[c], fb.op2(ir.FMUL, d2, n[c])) for c in range(len(i))]


# Argument shapes, one letter per argument:
#   g  genType: every g of a call has the same type (its width is the call's)
#   G  a g that must be a vector
#   3  a g that must be a 3-vector
#   f  a g or a scalar, broadcast
#   s  a float scalar
#   x  checked by the caller (modf's out argument, mix's bool selector)
# Component kinds accepted (F, I, U, B): when the arguments' kinds differ,
# int converts to uint (if accepted) or to float, and uint to float.
# Results: "g" the genType, component by component; "v" the genType from
# the whole vectors; "F" a float from the whole vectors; "B" a bool vector
# of the genType's width, component by component; "b" a bool from the
# whole vectors.
# name: (shapes, kinds, result, lowering), or None: lowered by builtins_more.
TABLE = {
    "radians": ("g", F, "g", _radians),
    "degrees": ("g", F, "g", _degrees),
    "sin": ("g", F, "g", _sin),
    "cos": ("g", F, "g", _cos),
    "tan": ("g", F, "g", _tan),
    "asin": ("g", F, "g", _asin),
    "acos": ("g", F, "g", _acos),
    "atan": ("gg", F, "g", _atan2),
    "pow": ("gg", F, "g", _pow),
    "exp": ("g", F, "g", _exp),
    "log": ("g", F, "g", _log),
    "exp2": ("g", F, "g", _exp2),
    "log2": ("g", F, "g", _log2),
    "sqrt": ("g", F, "g", _sqrt),
    "inversesqrt": ("g", F, "g", _inversesqrt),
    "abs": ("g", F | I, "g", _abs),
    "sign": ("g", F | I, "g", _sign),
    "floor": ("g", F, "g", _floor),
    "ceil": ("g", F, "g", _ceil),
    "trunc": ("g", F, "g", _trunc),
    "round": ("g", F, "g", _round),
    "fract": ("g", F, "g", _fract),
    "mod": ("gf", F, "g", _mod),
    "min": ("gf", F | I | U, "g", _min),
    "max": ("gf", F | I | U, "g", _max),
    "clamp": ("gff", F | I | U, "g", _clamp),
    "mix": ("ggf", F, "g", _mix),
    "step": ("fg", F, "g", _step),
    "smoothstep": ("ffg", F, "g", _smoothstep),
    "length": ("g", F, "F", _length),
    "distance": ("gg", F, "F", _distance),
    "dot": ("gg", F, "F", _dot),
    "cross": ("33", F, "v", _cross),
    "normalize": ("g", F, "v", _normalize),
    "reflect": ("gg", F, "v", _reflect),
    "sinh": None, "cosh": None, "tanh": None, "asinh": None, "acosh": None, "atanh": None,
    "roundEven": None, "modf": None, "faceforward": None, "refract": None,
    "matrixCompMult": None, "outerProduct": None, "transpose": None,
    "determinant": None, "inverse": None,
    "lessThan": None, "lessThanEqual": None, "greaterThan": None,
    "greaterThanEqual": None, "equal": None, "notEqual": None,
    "any": None, "all": None, "not": None,
}
_ATAN1 = ("g", F, "g", _atan)


def is_builtin(name):
    return name in TABLE


def signature_text(name, args):
    return "%s(%s)" % (name, ", ".join(T.name(a.type) for a in args))


def no_match(p, name, args, pos):
    p.error("no matching overload for %s" % signature_text(name, args), pos)


def call(p, name, args, pos):
    entry = TABLE[name]
    if name == "atan" and len(args) == 1:
        entry = _ATAN1
    elif name == "mix" and len(args) == 3 and T.kind(args[2].type) == T.K_BOOL:
        entry = None                 # mix(a, b, bvec): builtins_more
    if entry is None:
        from . import builtins_more
        return builtins_more.call(p, name, args, pos)
    return apply(p, name, entry, args, pos)


def resolve(p, name, shapes, kinds, args, pos):
    # The call's genType width and component kind, or a "no matching
    # overload" error.
    n = 0
    present = 0
    for i in range(len(args)):
        t = args[i].type
        s = shapes[i]
        if s == "x":
            continue
        if not T.is_scalar_or_vector(t):
            no_match(p, name, args, pos)
        if s == "s":
            if t != T.FLOAT and t != T.INT and t != T.UINT:
                no_match(p, name, args, pos)
            continue
        present |= 1 << T.kind(t)
        if s != "f":
            w = T.width(t)
            if (n and w != n) or (s == "G" and w == 1) or (s == "3" and w != 3):
                no_match(p, name, args, pos)
            n = w
    for i in range(len(args)):
        w = T.width(args[i].type)
        if shapes[i] == "f" and w != n and w != 1:
            no_match(p, name, args, pos)
    if present & kinds and present & (present - 1) == 0:
        k = 0                        # all of one accepted kind
        while present != 1 << k:
            k += 1
    elif present & B:
        no_match(p, name, args, pos)
    elif kinds & U and not present & F:
        k = T.K_UINT
    elif kinds & F:
        k = T.K_FLOAT
    else:
        no_match(p, name, args, pos)
    return n, k


def operands(p, args, shapes, n, k):
    # Each argument's components, converted to kind k (floats for "s") and
    # broadcast to width n where a scalar stands for a vector.
    fb = p.fb
    out = []
    for i in range(len(args)):
        a = args[i]
        regs = p.values(a)
        want = T.K_FLOAT if shapes[i] == "s" else k
        have = T.kind(a.type)
        if have != want:
            regs = [convert(fb, r, have, want) for r in regs]
        if len(regs) == 1 and shapes[i] == "f":
            regs = regs * n
        out.append(regs)
    return out


def apply(p, name, entry, args, pos):
    shapes, kinds, result, lower = entry
    if len(args) != len(shapes):
        expected = "1 or 2" if name == "atan" else "%d" % len(shapes)
        p.error("wrong number of arguments to '%s': expected %s, got %d"
                % (name, expected, len(args)), pos)
    n, k = resolve(p, name, shapes, kinds, args, pos)
    regs = operands(p, args, shapes, n, k)
    fb = p.fb
    if result == "F":
        return p.make_val(T.FLOAT, [lower(fb, k, *regs)])
    if result == "b":
        return p.make_val(T.BOOL, [lower(fb, k, *regs)])
    if result == "v":
        return p.make_val(T.make(k, n), lower(fb, k, *regs))
    out = [lower(fb, k, *[r[i] for r in regs]) for i in range(n)]
    return p.make_val(T.make(T.K_BOOL if result == "B" else k, n), out)
