# Arrays and structs: imported by the parser only when a shader declares
# one, so shaders without them do not pay for this code in the compiler's
# resident memory. Arrays live in memory (the function's locals at sp+,
# or the globals), so an index computed at run time reads and writes the
# right element; structs live in registers like vectors, one operand per
# component, members in declaration order.

from . import glsl_types as T
from . import ir
from .expr import Val


def array_suffix(p, t, need_size):
    # "[" N "]" after a type or a name; "[]" (size from the initializer)
    # gives length 0 when need_size is False.
    pos = p.pos()
    p.lx.next()
    if T.is_array(t):
        p.error("arrays of arrays are not supported", pos)
    if t == T.VOID:
        p.error("arrays of void are not allowed", pos)
    if p.accept("]"):
        if need_size:
            p.error("array size missing", pos)
        if p.at("["):
            p.error("arrays of arrays are not supported")
        return T.array_of(t, T.UNSIZED)
    spos = p.pos()
    n = p.const_int(p.conditional())
    if n is None or n <= 0 or n > 1024:
        p.error("array size must be a constant integer from 1 to 1024", spos)
    p.expect("]")
    if p.at("["):
        p.error("arrays of arrays are not supported")
    return T.array_of(t, n)


def construct_struct(p, t, args, pos):
    members = T.structs[t - T.STRUCT][1]
    if len(args) != len(members):
        p.error("%s constructor takes %d values, got %d"
                % (T.name(t), len(members), len(args)), pos)
    regs = []
    for i in range(len(args)):
        regs.extend(p.coerce(args[i], members[i][1], "construct %s with a" % T.name(t), pos))
    return Val(t, regs)


def construct_array(p, t, args, pos):
    n = T.length(t)
    e = T.element(t)
    if n == T.UNSIZED:
        n = len(args)
        t = T.array_of(e, n)
    if len(args) != n:
        p.error("%s constructor takes %d values, got %d" % (T.name(t), n, len(args)), pos)
    regs = []
    for a in args:
        regs.extend(p.coerce(a, e, "construct %s with a" % T.name(t), pos))
    return Val(t, regs)


def member(p, v, name, pos):
    t = v.type
    at = 0
    for m, mt in T.structs[t - T.STRUCT][1]:
        w = T.width(mt)
        if m == name:
            return p.part(v, mt, list(range(at, at + w)))
        at += w
    p.error("%s has no member '%s'" % (T.name(t), name), pos)


def index_memory(p, v, et, w, k):
    # An element of an array in memory: its address is computed once.
    base, off = v.lv[0]
    fb = p.fb
    scaled = fb.op2(ir.MUL, k, fb.const(4 * w))
    addr = fb.op2(ir.ADD, scaled, base)
    lv = [(addr, off + 4 * j) for j in range(w)]
    return Val(et, None, lv=lv, const_name=v.const_name)


def index_registers(p, v, et, n, w, k):
    # A component/column of a value in registers, picked by a chain of
    # compares; writing through it goes by the same chain (see write).
    fb = p.fb
    src = p.values(v)
    out = [fb.vreg() for _ in range(w)]
    for j in range(w):
        fb.mv(out[j], src[j])
    for e in range(1, n):
        skip = fb.label()
        fb.emit(ir.BNE, skip, k, fb.const(e))
        for j in range(w):
            fb.mv(out[j], src[e * w + j])
        fb.emit(ir.LABEL, skip, 0, 0)
    r = Val(et, out)
    if isinstance(v.lv, list):
        r.lv = (v.lv, k, n, w, list(range(w)))
        r.const_name = v.const_name
    return r


def write_selected(p, dst, src):
    # Through a dynamic index into registers: element e of the base is
    # written when the index is e (see index_registers).
    base, k, n, w, idx = dst
    fb = p.fb
    src = [p.copy(s) for s in src]
    for e in range(n):
        skip = fb.label()
        fb.emit(ir.BNE, skip, k, fb.const(e))
        for c in range(len(idx)):
            p.store(base[e * w + idx[c]], src[c])
        fb.emit(ir.LABEL, skip, 0, 0)


def struct_declaration(p):
    pos = p.pos()
    p.lx.next()
    name = p.ident("a struct name")
    if p.struct_id(name) >= 0 or name in p.functions:
        p.error("redefinition of '%s'" % name, pos)
    p.expect("{")
    members = []
    while not p.accept("}"):
        p.qualifiers()
        t = p.type_name()
        while True:
            mpos = p.pos()
            m = p.ident("a member name")
            mt = p.array_suffix(t, True) if p.at("[") else t
            if T.is_array(mt):
                p.error("arrays inside structs are not supported", mpos)
            if mt == T.VOID:
                p.error("struct members cannot be void", mpos)
            for other, _ in members:
                if other == m:
                    p.error("redefinition of member '%s'" % m, mpos)
            members.append((m, mt))
            if not p.accept(","):
                break
        p.expect(";")
    if not members:
        p.error("struct '%s' has no members" % name, pos)
    if len(T.structs) >= 127:
        p.error("too many structs", pos)
    T.structs.append((name, members))
    if not p.at(";"):
        p.error("expected ';' after struct declaration but found %s" % p.describe())
    p.lx.next()
