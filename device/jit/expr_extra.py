# Expression forms that many shaders never use: ?:, && and || (which
# branch, to evaluate their right side only when needed), ++/-- and
# indexing with []. Imported by the parser at the first one, so shaders
# without them do not pay for this code in the compiler's resident memory.

from . import glsl_types as T
from . import ir
from .ir import ZERO
from .expr import Val

_ONE = 65536


def select(p, cond, pos):
    # c ? a : b, evaluating only the chosen side.
    fb = p.fb
    other = fb.label()
    end = fb.label()
    p.branch_unless(cond, other)
    a = p.expression()
    p.expect(":")
    out = [fb.vreg() for _ in range(T.width(a.type))]
    src = p.values(a)
    for i in range(len(out)):
        fb.mv(out[i], src[i])
    fb.emit(ir.JMP, end, 0, 0)
    fb.emit(ir.LABEL, other, 0, 0)
    bpos = p.pos()
    b = p.assignment()
    if a.type != b.type and T.kind(a.type) == T.K_FLOAT:
        src = p.coerce(b, a.type, "use a", bpos)
    elif a.type != b.type:
        p.error("the two sides of '?:' differ: %s and %s"
                % (T.name(a.type), T.name(b.type)), pos)
    else:
        src = p.values(b)
    for i in range(len(out)):
        fb.mv(out[i], src[i])
    fb.emit(ir.LABEL, end, 0, 0)
    return Val(a.type, out)


def logical(p, op, left, prec, pos):
    # a && b, a || b: b only runs when a does not decide.
    fb = p.fb
    if left.type != T.BOOL:
        p.error("'%s' needs bool operands, not %s" % (op, T.name(left.type)), pos)
    r = fb.vreg()
    end = fb.label()
    fb.mv(r, p.values(left)[0])
    fb.emit(ir.BEQ if op == "&&" else ir.BNE, end, r, ZERO)
    right = p.binary(prec + 1)
    if right.type != T.BOOL:
        p.error("'%s' needs bool operands, not %s" % (op, T.name(right.type)), pos)
    fb.mv(r, p.values(right)[0])
    fb.emit(ir.LABEL, end, 0, 0)
    return Val(T.BOOL, [r])


def increment(p, op, v, pos, prefix):
    p.check_lvalue(v, pos)
    t = v.type
    if not T.is_scalar_or_vector(t) and not T.is_matrix(t) or T.kind(t) == T.K_BOOL:
        p.error("'%s' cannot be applied to %s" % (op, T.name(t)), pos)
    old = [p.copy(r) for r in p.values(v)]
    one = p.fb.const(_ONE if T.kind(t) == T.K_FLOAT else 1)
    o = ir.ADD if op == "++" else ir.SUB
    new = [p.fb.op2(o, r, one) for r in old]
    p.write(v, new)
    return Val(t, new if prefix else old)


def index(p, v):
    pos = p.pos()
    p.lx.next()
    ipos = p.pos()
    i = p.expression()
    p.expect("]")
    t = v.type
    if T.kind(i.type) not in (T.K_INT, T.K_UINT) or T.width(i.type) != 1:
        p.error("an index must be an int, not %s" % T.name(i.type), ipos)
    if T.is_array(t):
        n = T.length(t)
        et = T.element(t)
    elif T.is_matrix(t):
        n = T.cols(t)
        et = T.column_of(t)
    elif T.is_scalar_or_vector(t) and T.width(t) > 1:
        n = T.width(t)
        et = T.scalar_of(t)
    else:
        p.error("%s cannot be indexed" % T.name(t), pos)
    w = T.width(et)
    ir_ = p.values(i)[0]
    c = p.fb.const_of(ir_)
    if c is not None:
        if c < 0 or c >= n:
            p.error("index %d is out of range for %s" % (c, T.name(t)), ipos)
        r = p.part(v, et, list(range(c * w, c * w + w)))
        if v.const_name in p.globals:
            from . import shader_globals        # imported already: there are globals
            shader_globals.known_words(p, r)
        return r
    k = p.fb.op2(ir.MIN, p.fb.op2(ir.MAX, ir_, ZERO), p.fb.const(n - 1))
    lv = v.lv
    from . import aggregates
    if isinstance(lv, list) and not isinstance(lv[0], int):
        return aggregates.index_memory(p, v, et, w, k)
    return aggregates.index_registers(p, v, et, n, w, k)


def postfix(p, v, pos):
    # v[i], v++ or v--.
    if p.at("["):
        return index(p, v)
    op = p.lx.text
    p.lx.next()
    return increment(p, op, v, pos, False)
