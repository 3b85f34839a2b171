# Matrices: constructors and operators. Imported by the parser only when a
# shader uses a matrix, so shaders without them do not pay for this code
# in the compiler's resident memory. A matrix is flat, column-major:
# component c * rows + r is column c, row r (glsl_types.py).

from . import glsl_types as T
from . import ir
from . import builtins
from .expr import Val

_ONE = 65536


def construct(p, t, args, pos):
    fb = p.fb
    cols = T.cols(t)
    rows = T.rows(t)
    if not args:
        p.error("%s constructor needs arguments" % T.name(t), pos)
    if len(args) == 1 and T.is_matrix(args[0].type):
        # From another matrix: the overlap is copied, the rest is identity.
        src_t = args[0].type
        src = p.values(args[0])
        sr = T.rows(src_t)
        out = []
        for c in range(cols):
            for r in range(rows):
                if c < T.cols(src_t) and r < sr:
                    out.append(src[c * sr + r])
                else:
                    out.append(fb.const(_ONE) if c == r else ir.ZERO)
        return Val(t, out)
    if len(args) == 1 and T.width(args[0].type) == 1:
        # mat(s): s on the diagonal.
        a = args[0]
        if not T.is_scalar_or_vector(a.type) or T.kind(a.type) == T.K_BOOL:
            p.error("cannot construct %s from %s" % (T.name(t), T.name(a.type)), pos)
        s = builtins.convert(fb, p.values(a)[0], T.kind(a.type), T.K_FLOAT)
        return Val(t, [s if c == r else ir.ZERO for c in range(cols) for r in range(rows)])
    comps = []
    for a in args:
        at = a.type
        if not (T.is_scalar_or_vector(at) or T.is_matrix(at)) or T.kind(at) == T.K_BOOL:
            p.error("cannot construct %s from %s" % (T.name(t), T.name(at)), pos)
        k = T.kind(at)
        for r in p.values(a):
            comps.append(builtins.convert(fb, r, k, T.K_FLOAT))
    n = cols * rows
    if len(comps) != n:
        p.error("%s constructor needs %d values, got %d" % (T.name(t), n, len(comps)), pos)
    return Val(t, comps)


def binop(p, op, l, r, pos):
    lt = l.type
    rt = r.type
    if op == "*" and T.is_matrix(lt) and (T.is_matrix(rt) or _is_float_vector(rt)):
        return _multiply(p, l, r, pos)
    if op == "*" and _is_float_vector(lt) and T.is_matrix(rt):
        return _multiply(p, l, r, pos)
    if op not in ("+", "-", "*", "/"):
        p.mismatch(op, lt, rt, pos)
    # Component-wise, with a scalar broadcast.
    t = lt if T.is_matrix(lt) else rt
    if T.is_matrix(lt) and T.is_matrix(rt) and lt != rt:
        p.mismatch(op, lt, rt, pos)
    other = rt if t == lt else lt
    if other != t and not (T.width(other) == 1 and T.kind(other) != T.K_BOOL
                           and T.is_scalar_or_vector(other)):
        p.mismatch(op, lt, rt, pos)
    n = T.width(t)
    a = _floats(p, l, pos)
    b = _floats(p, r, pos)
    if len(a) == 1:
        a = a * n
    if len(b) == 1:
        b = b * n
    return Val(t, p.arith(op, T.K_FLOAT, a, b, lt, rt, pos))


def _is_float_vector(t):
    return T.is_scalar_or_vector(t) and T.kind(t) == T.K_FLOAT and T.width(t) > 1


def _floats(p, v, pos):
    if T.kind(v.type) == T.K_FLOAT:
        return p.values(v)
    return p.coerce(v, T.FLOAT, "use", pos)


def _multiply(p, l, r, pos):
    # Linear algebra: (m x k) * (k x n), with a vector on the left as a row
    # and on the right as a column.
    fb = p.fb
    lt = l.type
    rt = r.type
    if T.is_matrix(lt):
        lrows, inner = T.rows(lt), T.cols(lt)
    else:
        lrows, inner = 1, T.width(lt)
    if T.is_matrix(rt):
        rrows, rcols = T.rows(rt), T.cols(rt)
    else:
        rrows, rcols = T.width(rt), 1
    if inner != rrows:
        p.mismatch("*", lt, rt, pos)
    a = p.values(l)
    b = p.values(r)
    out = []
    for c in range(rcols):
        for row in range(lrows):
            s = ir.ZERO
            for i in range(inner):
                x = a[i * lrows + row] if T.is_matrix(lt) else a[i]
                s = fb.op2(ir.ADD, s, fb.op2(ir.FMUL, x, b[c * rrows + i]))
            out.append(s)
    if not T.is_matrix(lt):
        t = T.make(T.K_FLOAT, rcols)
    elif not T.is_matrix(rt):
        t = T.make(T.K_FLOAT, lrows)
    else:
        t = T.matrix(rcols, lrows)
    return Val(t, out)
