# The switch statement, imported by the parser only when a shader has one.
# The case labels are read first (the lexer returns to the '{' after), so
# the dispatch is a chain of forward branches at the top, as the register
# allocator needs, followed by the case bodies in order; falling through
# from one case into the next is then just the code order.

from . import lexer as lx
from . import glsl_types as T
from . import ir

def statement(p):
    fb = p.fb
    pos = p.pos()
    p.lx.next()
    p.expect("(")
    spos = p.pos()
    sel = p.expression()
    if sel.type != T.INT and sel.type != T.UINT:
        p.error("switch needs an int or uint, not %s" % T.name(sel.type), spos)
    s = p.values(sel)[0]
    p.expect(")")
    p.expect("{")
    # Read the case values first, so the dispatch branches go forward.
    start = p.lx.save()
    values = case_values(p)
    p.lx.restore(start)
    labels = []
    default = -1
    for v in values:
        labels.append(fb.label())
        if v is None:
            default = labels[-1]
        else:
            fb.emit(ir.BEQ, labels[-1], s, fb.const(v))
    exit_ = fb.label()
    fb.emit(ir.JMP, exit_ if default < 0 else default, 0, 0)
    p.loops.append((None, exit_))
    p.scopes.append({})
    k = 0
    while not p.accept("}"):
        if p.at("case") or p.at("default"):
            if p.accept("case"):
                p.conditional()
            else:
                p.lx.next()
            p.expect(":")
            fb.emit(ir.LABEL, labels[k], 0, 0)
            k += 1
        elif k == 0:
            p.error("statement before the first case of a switch")
        else:
            p.statement()
    p.scopes.pop()
    p.loops.pop()
    fb.emit(ir.LABEL, exit_, 0, 0)
    if not values:
        p.error("switch has no cases", pos)
    return False

def case_values(p):
    values = []
    depth = 0
    while True:
        if p.lx.kind == lx.EOF:
            p.error("expected '}' but found end of file")
        if p.at("{"):
            depth += 1
        elif p.at("}"):
            if depth == 0:
                return values
            depth -= 1
        elif depth == 0 and p.at("case"):
            p.lx.next()
            pos = p.pos()
            c = p.const_int(p.conditional())
            if c is None:
                p.error("a case label must be a constant integer", pos)
            if c in values:
                p.error("duplicate case %d" % c, pos)
            values.append(c)
            continue
        elif depth == 0 and p.at("default"):
            if None in values:
                p.error("more than one default in a switch")
            values.append(None)
        p.lx.next()
