# Builtin functions: overload resolution against GLSL's genType rules and
# lowering to Q16.16 IR. Cheap ones become a few ALU ops inline (and fold
# on constant arguments); the rest call runtime helpers (helpers.py),
# which are emitted once per program only when used.
#
# Only the builtins most shaders use are lowered here, to keep the
# resident compiler small; the other GLSL ES 3.0 builtins are lowered by
# builtins_more.py, imported the first time a shader calls one of them.
# Q16.16 semantics where GLSL leaves a choice (all measured by
# tests/test_builtins*.py):
#   int/uint arguments convert to float where a float is expected
#   (mix(0, 1, t)); abs/sign/min/max/clamp have int forms, min/max/clamp
#   uint forms (int arguments then convert to uint).
#   length/distance are exact, rounded down, from the exact sum of squares
#   (a runtime helper), and saturate at the largest value; normalize is
#   within 0.51 LSB (normalize(0) is 0).
#   smoothstep with constant edges multiplies instead of dividing, and
#   reversed edges (e0 > e1) work as the formula says.

from ..compat import const
from . import glsl_types as T
from . import ir
from .ir import ZERO, H_DIV, H_MOD, H_SIN, H_COS, H_SQRT, H_LENGTH

ONE = const(65536)
LARGEST = const(0x7FFFFFFF)

# Component kinds a builtin accepts, as masks of 1 << kind.
F = const(1)     # 1 << T.K_FLOAT
I = const(2)     # 1 << T.K_INT
B = const(4)     # 1 << T.K_BOOL
U = const(8)     # 1 << T.K_UINT


def divide(fb, a, b):
    # a / b, truncated toward zero (the H_DIV helper). A constant divisor
    # of +-2^k (k >= 0) is an exact shift instead: no helper call; one of
    # +-n (an integer n >= 3) a multiply by a magic number: the Q16.16
    # scale cancels, (a << 16) / (n << 16) = a / n, which cannot overflow.
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
        if not d & (ONE - 1):
            a = _div_by(fb, a, d >> 16)
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
    # Division and mod by a constant: folded when the dividend is constant
    # too (exactly as the helpers compute: truncated quotient saturating to
    # +-LARGEST, 0 / 0 = 0; floored remainder, mod(x, 0) = 0), and mod is
    # inline otherwise.
    if hid == H_MOD or hid == H_DIV:
        c = fb.const_of(args[1])
        if c is not None:
            x = fb.const_of(args[0])
            if x is not None:
                if hid == H_MOD:
                    return fb.const(x % c if c else 0)
                q = (x if x > 0 else -x) * ONE // (c if c > 0 else -c) if c else LARGEST
                q = LARGEST if q > LARGEST else q if x else 0
                return fb.const(q if (x < 0) == (c < 0) or not c and x > 0 else -q)
            if hid == H_MOD and c:
                return _mod_by(fb, args[0], c)
    return fb.call(ir.HCALL, hid, list(args), 1)[0]


def _mod_by(fb, x, c):
    # mod(x, c) for a constant c != 0, inline and to the same bits as the
    # helper, in about 10 cycles instead of 45. mod is floored (the result
    # has c's sign): x - c * trunc(x / c), fixed up by c when the signs
    # differ. The Q16.16 scale cancels, so trunc(x / c) is an integer
    # division by a constant: a multiply by a magic number and a shift
    # (Granlund and Montgomery, 1994; Hacker's Delight, figure 10-1),
    # exact for every x (_div_by).
    d = c if c > 0 else -c
    if d & (d - 1) == 0:
        r = fb.op2(ir.AND, x, fb.const(d - 1))      # x mod 2^k, floored for c > 0
    else:
        q = _div_by(fb, x, d)
        r = fb.op2(ir.SUB, x, fb.op2(ir.MUL, q, fb.const(d)))   # the sign of x
        # Floored for c > 0: add c when r < 0.
        r = fb.op2(ir.ADD, r, fb.op2(ir.AND, fb.op1i(ir.SRAI, r, 31), fb.const(d)))
    if c > 0:
        return r
    # c < 0: the result is r - d when r > 0 (r is in [0, d)).
    return fb.op2(ir.SUB, r, fb.op2(ir.AND, fb.op2(ir.SUB, ZERO, fb.op2(ir.SLT, ZERO, r)),
                                     fb.const(d)))


def _div_by(fb, x, d):
    # trunc(x / d) for a constant d >= 3 that is not a power of two: the
    # magic (m, s) makes it (mulh(x, m) [+ x when m < 0]) >> s, plus 1 for
    # x < 0, exact for every 32-bit x.
    two31 = 1 << 31
    anc = two31 - 1 - two31 % d
    p = 31
    q1, r1 = two31 // anc, two31 % anc
    q2, r2 = two31 // d, two31 % d
    while True:
        p += 1
        q1, r1 = 2 * q1, 2 * r1
        if r1 >= anc:
            q1, r1 = q1 + 1, r1 - anc
        q2, r2 = 2 * q2, 2 * r2
        if r2 >= d:
            q2, r2 = q2 + 1, r2 - d
        if not (q1 < d - r2 or (q1 == d - r2 and r1 == 0)):
            break
    m = (q2 + 1) & 0xFFFFFFFF
    q = fb.op2(ir.MULH, x, fb.const(m - (1 << 32) if m >> 31 else m))
    if m >> 31:
        q = fb.op2(ir.ADD, q, x)
    if p > 32:
        q = fb.op1i(ir.SRAI, q, p - 32)
    return fb.op2(ir.ADD, q, fb.op1i(ir.SRLI, x, 31))   # toward zero for x < 0


def times(fb, a, c):
    # a * (n + m / 2^32) for a real constant c = (n, m), |m| <= 2^31: the
    # integer part by mul, the rest by mulh, within 1.25 LSB (mulh floors).
    n, m = c
    r = fb.op2(ir.MULH, a, fb.const(m)) if m else ZERO
    if n == 1:
        return fb.op2(ir.ADD, a, r)
    if n:
        return fb.op2(ir.ADD, fb.op2(ir.MUL, a, fb.const(n)), r)
    return r


def ratio(num, den):
    # num / den (positive integers) as a constant for times(), rounded, in
    # integers only: the same bytes on every interpreter.
    n = (2 * num + den) // (2 * den)
    m = ((num - n * den) * (1 << 33) + den) // (2 * den)
    return n, min(m, LARGEST)


def clamp_const(fb, x, lo, hi):
    return fb.op2(ir.MIN, fb.op2(ir.MAX, x, fb.const(lo)), fb.const(hi))


def floor_(fb, k, x):
    return fb.op1i(ir.SLLI, fb.op1i(ir.SRAI, x, 16), 16)


def dot_(fb, k, a, b):
    s = ZERO
    for i in range(len(a)):
        s = fb.op2(ir.ADD, s, fb.op2(ir.FMUL, a[i], b[i]))
    return s


def length_(fb, k, v):
    # The length helper: the exact length, rounded down (a scalar's is |x|).
    if len(v) == 1:
        return fb.abs_(v[0])
    return helper(fb, H_LENGTH, *(v + [ZERO] * (4 - len(v))))


# ---- lowerings: (fb, kind, components...) -> component, or for results
# ---- "F", "v" and "b" (fb, kind, component lists...) ----------------------

def _fract(fb, k, x):
    return fb.op1i(ir.SRLI, fb.op1i(ir.SLLI, x, 16), 16)


def _abs(fb, k, x):
    return fb.abs_(x)


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


def _smoothstep(fb, k, e0, e1, x):
    c0 = fb.const_of(e0)
    c1 = fb.const_of(e1)
    d = fb.op2(ir.SUB, x, e0)
    if c0 is not None and c1 is not None and c1 != c0:
        # Constant edges: clamp, then multiply by 1 / (e1 - e0).
        if c1 > c0:
            t = times(fb, clamp_const(fb, d, 0, c1 - c0), ratio(ONE, c1 - c0))
        else:
            t = fb.op2(ir.SUB, ZERO, times(fb, clamp_const(fb, d, c1 - c0, 0),
                                           ratio(ONE, c0 - c1)))
    else:
        t = clamp_const(fb, divide(fb, d, fb.op2(ir.SUB, e1, e0)), 0, ONE)
    # t * (t * (3 - 2t)): each truncating product then loses under 1 LSB
    # (t * t first would have its loss tripled).
    three_minus_2t = fb.op2(ir.SUB, fb.const(3 * ONE), fb.op2(ir.ADD, t, t))
    return fb.op2(ir.FMUL, t, fb.op2(ir.FMUL, t, three_minus_2t))


# Argument shapes, one letter per argument:
#   g  genType: every g of a call has the same type (its width is the call's)
#   G  a g that must be a vector
#   3  a g that must be a 3-vector
#   f  a g or a scalar, broadcast
#   s  a float scalar
#   x  checked by the caller (modf's out argument, mix's bool selector)
# Component kinds accepted (F, I, U, B): when the arguments' kinds differ,
# int converts to uint (if accepted) or to float, and uint to float.
# Lowering: a function, or a runtime helper's id to call on each component.
# Results: "g" the genType, component by component; "v" the genType from
# the whole vectors; "F" a float from the whole vectors; "B" a bool vector
# of the genType's width, component by component; "b" a bool from the
# whole vectors.
# name: (shapes, kinds, result, lowering)
TABLE = {
    "sin": ("g", F, "g", H_SIN),
    "cos": ("g", F, "g", H_COS),
    "sqrt": ("g", F, "g", H_SQRT),
    "floor": ("g", F, "g", floor_),
    "fract": ("g", F, "g", _fract),
    "abs": ("g", F | I, "g", _abs),
    "mod": ("gf", F, "g", H_MOD),
    "min": ("gf", F | I | U, "g", _min),
    "max": ("gf", F | I | U, "g", _max),
    "clamp": ("gff", F | I | U, "g", _clamp),
    "mix": ("ggf", F, "g", _mix),
    "smoothstep": ("ffg", F, "g", _smoothstep),
    "dot": ("gg", F, "F", dot_),
    "length": ("g", F, "F", length_),
}
# Lowered by builtins_more.py (one string rather than a tuple: these names
# then cost no interned strings while builtins_more is not loaded).
MORE = (" radians degrees tan asin acos atan sinh cosh tanh asinh acosh atanh pow exp log"
        " exp2 log2 inversesqrt sign ceil trunc round roundEven modf step distance cross"
        " normalize faceforward reflect refract matrixCompMult outerProduct transpose"
        " determinant inverse lessThan lessThanEqual greaterThan greaterThanEqual equal"
        " notEqual any all not ")


def is_builtin(name):
    return name in TABLE or " " + name + " " in MORE


def no_match(p, name, args, pos):
    types = []
    for a in args:
        types.append(T.name(a.type))
    p.error("no matching overload for %s(%s)" % (name, ", ".join(types)), pos)


def call(p, name, args, pos, hoisted=False):
    # The builtins that cost a runtime helper call, in the entry point on
    # uniform arguments, run once per frame (hoist() below).
    if not hoisted and p.fn and p.fn.name in ("main", "mainImage") and " " + name + " " in (
            " sin cos tan asin acos atan sinh cosh tanh asinh acosh atanh exp exp2 log log2"
            " pow sqrt inversesqrt length distance normalize "):
        v = hoist(p, args, lambda: call(p, name, args, pos, True))
        if v is not None:
            return v
    entry = TABLE.get(name)
    if entry is None or (name == "mix" and len(args) == 3
                         and T.kind(args[2].type) == T.K_BOOL):
        from . import builtins_more
        return builtins_more.call(p, name, args, pos)
    return apply(p, name, entry, args, pos)


def resolve(p, name, shapes, kinds, args, pos):
    # The call's genType width and component kind, or a "no matching
    # overload" error.
    n = 0
    present = 0
    ok = True
    # T.width() and T.kind() inline (kind * 8 + width, kind below 8): what
    # is not a scalar or vector fails to match whatever they give for it.
    for i in range(len(args)):
        t = args[i].type
        s = shapes[i]
        if s != "x":
            ok = ok and 0 < t < T.MAT
            w = t & 7
            if s == "s":
                ok = ok and w == 1 and t >> 3 != T.K_BOOL
            else:
                present |= 1 << (t >> 3 & 7)
                if s != "f":
                    ok = ok and (n == 0 or w == n) and (s != "G" or w > 1) and (s != "3" or w == 3)
                    n = w
    for i in range(len(args)):
        w = args[i].type & 7
        ok = ok and (shapes[i] != "f" or w == n or w == 1)
    k = 0
    if present & kinds and present & (present - 1) == 0:
        while present != 1 << k:     # all of one accepted kind
            k += 1
    elif present & B or not kinds & (U | F):
        ok = False
    elif kinds & U and not present & F:
        k = T.K_UINT
    if not ok:
        no_match(p, name, args, pos)
    return n, k


def operands(p, args, shapes, n, k):
    # Each argument's components, converted to kind k (to float for "s")
    # and broadcast to width n where a scalar stands for a vector.
    fb = p.fb
    out = []
    for i in range(len(args)):
        a = args[i]
        regs = p.values(a)
        want = T.K_FLOAT if shapes[i] == "s" else k
        have = a.type >> 3      # T.kind() inline: resolve() saw a scalar or vector
        if have != want:
            regs = [convert(fb, r, have, want) for r in regs]
        if len(regs) == 1 and shapes[i] == "f":
            regs = regs * n
        out.append(regs)
    return out


def apply(p, name, entry, args, pos):
    shapes, kinds, result, lower = entry
    if len(args) != len(shapes):
        p.error("wrong number of arguments to '%s': expected %d, got %d"
                % (name, len(shapes), len(args)), pos)
    n, k = resolve(p, name, shapes, kinds, args, pos)
    regs = operands(p, args, shapes, n, k)
    fb = p.fb
    t = T.make(k, n)
    if result in "Fbv":                  # from the whole vectors
        out = lower(fb, k, *regs)
        if result != "v":
            out = [out]
            t = T.FLOAT if result == "F" else T.BOOL
        return p.make_val(t, out)
    out = []
    for i in range(n):                   # component by component
        c = []
        for r in regs:
            c.append(r[i])
        out.append(helper(fb, lower, *c) if isinstance(lower, int) else lower(fb, k, *c))
    return p.make_val(T.make(T.K_BOOL, n) if result == "B" else t, out)


# ---- uniform hoisting ---------------------------------------------------------
#
# A costly call in the entry point (a runtime-helper builtin, or a function
# of the shader's own) whose arguments depend only on the frame's uniforms
# (outputSize, time, iResolution, iTime, iFrame) and constants runs once
# per frame instead of once per pixel. Pixelblaze users gain up to 50 % by
# doing this by hand. Its result is kept in the globals, tagged with the
# number of the frame it belongs to:
#
#     MEMO                                  start marker
#     f = frame; g = tag; if (f == g) goto cached
#     r = call(args); result = r; tag = f; goto done
#   cached: r = result
#   done:
#     MEMO r0, n                            end marker
#
# so the first pixel of a frame that reaches the call computes it (in a
# branch, in a loop: wherever it is) and every other pixel loads it, about
# 8 cycles instead of 40 to 150. The markers let the allocator drop the
# whole block when nothing reads r, as it drops an unused call: the stores
# to the globals would otherwise keep it alive.
#
# Whether an argument is uniform is read from the function's IR, in one
# forward pass over it, continued at each call from where it stopped (no
# more than the function's instructions in all), with a byte per vreg in
# the allocator's table ws.loc, idle until the function is allocated: a
# value is uniform when it has a single definition so far and that is a
# constant, a load of a uniform from the parameter block, main's
# outputSize or time as received (before any call), the result of a hoisted
# call, or a pure operation on uniform values. A definition still to come
# cannot reach an earlier use, except around a loop's back edge: in a loop,
# a variable declared before it (a vreg numbered below the loop's first)
# is not uniform, since the rest of the loop may set it.

# Parameter block offsets (frame.py, checked equal by tests/test_hoist.py),
# private constants: importing frame would intern a dozen names.
_P_SIZE_X = const(12)
_P_TIME = const(20)
_P_FRAME = const(32)
_GLOBALS = const(48)

# A vreg's state, in ws.loc while the entry point is parsed.
_UNSEEN = const(0)      # not defined yet
_UNIFORM = const(1)     # one definition, uniform
_VARIABLE = const(2)    # one definition, uniform, a copy: maybe a variable
_VARYING = const(3)     # per pixel, or defined more than once
_HOISTED = const(4)     # a hoisted call's result: uniform, defined twice


def hoist(p, args, lower):
    # lower() emits the call and returns its Val (4 words at most). The
    # Val of the call hoisted, or None when it is not hoisted.
    fb = p.fb
    memo = getattr(fb, "memo", None)
    if memo is None:
        # IR index and vreg the pass has reached, whether it met a call,
        # the open loops' first vregs.
        memo = fb.memo = [0, ir.VREG0, False, []]
    regs = []
    for a in args:
        regs.extend(p.values(a))
    tag = _GLOBALS + 4 * len(p.global_words)
    if tag > 2028 or not uniform(fb, regs, memo):
        return None
    p.global_words.append(-1)               # no frame yet
    fb.emit(ir.MEMO, 0, 0, 0)
    f = fb.vreg()
    fb.emit(ir.LWI, f, ir.GP, _P_FRAME)
    g = fb.vreg()
    fb.emit(ir.LWI, g, ir.GP, tag)
    cached = fb.label()
    done = fb.label()
    fb.emit(ir.BEQ, cached, f, g)
    out = lower()
    words = p.values(out)
    first = fb.nv
    for w in words:
        d = fb.vreg()
        fb.mv(d, w)
        fb.emit(ir.SWI, d, ir.GP, _GLOBALS + 4 * len(p.global_words))
        p.global_words.append(0)
    fb.emit(ir.SWI, f, ir.GP, tag)
    fb.emit(ir.JMP, done, 0, 0)
    fb.emit(ir.LABEL, cached, 0, 0)
    for d in range(first, fb.nv):
        fb.emit(ir.LWI, d, ir.GP, tag + 4 + 4 * (d - first))
    fb.emit(ir.LABEL, done, 0, 0)
    fb.emit(ir.MEMO, first, len(words), 0)
    _seen_up_to(fb, memo)
    for d in range(first, fb.nv):
        fb.ws.loc[d - ir.VREG0] = _HOISTED
    return p.make_val(out.type, list(range(first, fb.nv)))


def uniform(fb, regs, memo):
    # Whether the values regs are uniform here, not all constants.
    state = fb.ws.loc
    loops = memo[3]
    _seen_up_to(fb, memo)
    n = fb.n
    i = memo[0]
    memo[0] = n
    while i < n:
        c = fb.chunks[i // ir.CHUNK_INSNS]
        j = (i % ir.CHUNK_INSNS) * 4
        i += 1
        op = c[j]
        d = c[j + 1]
        a = c[j + 2]
        b = c[j + 3]
        if op == ir.LOOP:
            loops.append(a)
        elif op == ir.BACK:
            loops.pop()
        elif op == ir.CALL or op == ir.HCALL:
            memo[2] = True
        elif (op <= ir.ABS or op == ir.LWI) and d >= ir.VREG0 and \
                state[d - ir.VREG0] != _HOISTED:
            k = d - ir.VREG0
            if state[k] != _UNSEEN:
                s = _VARYING       # set on two paths: it depends on which
            elif op == ir.LWI:
                # outputSize, time and iFrame in the parameter block
                s = _UNIFORM if a == ir.GP and (_P_SIZE_X <= b <= _P_TIME or b == _P_FRAME) \
                    else _VARYING
            elif op == ir.MV and a < ir.VREG0:
                # main's outputSize or time, not fragCoord or a call's result
                s = _UNIFORM if ir.ARG0 + 2 <= a <= ir.ARG0 + 4 and not memo[2] else _VARYING
            elif op == ir.MV:
                s = _VARIABLE if _is_uniform(fb, a, state, loops) else _VARYING
            elif op == ir.LI or ((op == ir.ABS or ir.is_itype(op) or
                                  _is_uniform(fb, b, state, loops))
                                 and _is_uniform(fb, a, state, loops)):
                s = _UNIFORM
            else:
                s = _VARYING
            state[k] = s
    some = False
    for v in regs:
        if not _is_uniform(fb, v, state, loops):
            return False
        some = some or fb.const_of(v) is None
    return some


def _is_uniform(fb, v, state, loops):
    # Whether operand v is uniform where it is read, in the loops open there.
    if v < ir.VREG0:
        return v == 0              # zero; not sp, not an argument register
    if fb.const_of(v) is not None:
        return True
    s = state[v - ir.VREG0]
    return s == _UNIFORM or s == _HOISTED or (s == _VARIABLE and not (loops and v < loops[-1]))


def _seen_up_to(fb, memo):
    # The vregs made since the last call start unseen.
    for v in range(memo[1], fb.nv):
        fb.ws.loc[v - ir.VREG0] = _UNSEEN
    memo[1] = fb.nv
