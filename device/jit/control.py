# Statements beyond if/else and return: loops, break/continue, switch and
# discard. Imported by the parser at the first such statement, so shaders
# without them do not pay for this code in the compiler's resident memory.
#
# Loops: the header is an ir.LOOP marker, the back edge an ir.BACK (see
# alloc_fast.py for how registers are kept across them):
#
#   init; LOOP head; [cond: branch to exit]; body; cont: [step]; BACK head; exit:
#
# A for loop's step is written before its body but runs after it, so the
# lexer skips it, compiles the body, comes back for the step, then jumps
# past the body again. do-while tests at `cont`.
#
# switch: the case labels are read first (the lexer returns to the '{'
# after), so the dispatch is a chain of forward branches at the top, as the
# register allocator needs, followed by the case bodies in order; falling
# through from one case into the next is then just the code order.

from . import lexer as lx
from . import glsl_types as T
from . import ir
from .ir import ZERO


def loop_statement(p, word):
    fb = p.fb
    pos = p.pos()
    p.lx.next()
    p.scopes.append({})
    head = fb.label()
    cont = fb.label()
    exit_ = fb.label()
    step = None
    if word == "for":
        p.expect("(")
        if not p.accept(";"):
            if p.at("const") or p.is_type_name() and not p.constructor_call():
                p.declaration()
            else:
                p.expression()
                p.expect(";")
    at = fb.n
    if at > 32767 or fb.nv > 32767:
        p.error("function too large", pos)
    work = p.work
    fb.emit(ir.LOOP, head, fb.nv, 0)
    if word == "while":
        p.branch_unless(p.condition("while"), exit_)
    elif word == "for":
        if not p.at(";"):
            p.branch_unless(p.bool_expression("for"), exit_)
        p.expect(";")
        step = p.lx.save()
        p.skip_to(")")
    p.loops.append((cont, exit_))
    p.sub_statement()
    p.loops.pop()
    fb.emit(ir.LABEL, cont, 0, 0)
    if word == "do":
        if not p.accept("while"):
            p.error("expected 'while' after the body of 'do' but found %s"
                    % p.describe())
        p.branch_unless(p.condition("while"), exit_)
        p.expect(";")
    elif step is not None:
        after = p.lx.save()
        p.lx.restore(step)
        if not p.at(")"):
            p.expression()
        if not p.at(")"):
            p.error("expected ')' but found %s" % p.describe())
        p.lx.restore(after)
    # The back edge's fuel check reports the loop's line (0 in a library
    # function: its lines are not the shader's). A trip spends 1 plus the
    # calls in the body (parser.MAX_CALLS), a field of the LOOP.
    fb.chunks[at // ir.CHUNK_INSNS][at % ir.CHUNK_INSNS * 4 + 3] = min(p.work - work, 2047)
    fb.emit(ir.BACK, head, at, min(pos[0], 32767) if p.lx.src is p.source else 0)
    fb.emit(ir.LABEL, exit_, 0, 0)
    p.scopes.pop()


def jump_statement(p, word):
    pos = p.pos()
    p.lx.next()
    p.expect(";")
    for i in range(len(p.loops) - 1, -1, -1):
        cont, exit_ = p.loops[i]
        if word == "break":
            p.fb.emit(ir.JMP, exit_, 0, 0)
            return
        if cont is not None:
            p.fb.emit(ir.JMP, cont, 0, 0)
            return
    p.error("'%s' outside a loop%s" % (word, " or switch" if word == "break" else ""), pos)


def switch_statement(p):
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


def discard_statement(p):
    pos = p.pos()
    p.lx.next()
    p.expect(";")
    if p.fn.name not in ("main", "mainImage"):
        p.error("'discard' is only supported in main or mainImage", pos)
    # The pixel is left black: every result word 0.
    saved = p.outs
    n_in, n_out = p.fn.words()
    p.outs = []
    p.emit_return([ZERO] * n_out)
    p.outs = saved
    return True


def statement(p, word):
    # True when the statement always leaves (parser.statement's contract).
    if word == "break" or word == "continue":
        jump_statement(p, word)
        return True
    if word == "switch":
        return switch_statement(p)
    if word == "discard":
        return discard_statement(p)
    loop_statement(p, word)
    return False
