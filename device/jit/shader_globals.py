# Globals and Shadertoy's uniforms, imported by the parser only for a
# shader that has them. Globals live in memory after the parameter block
# (frame.GLOBALS), addressed through s11 (ir.GP), which the frame entry
# points at the block; their initial values are the Program's `globals`
# image, copied once when a shader is loaded. Const globals of scalar,
# vector, matrix or struct type need no memory: every use is a constant.
# Mutable globals start each pixel from their initial value (GLSL runs
# each pixel in a fresh invocation): pixel_wrapper stores them before
# calling the entry.

from . import glsl_types as T
from . import ir
from .ir import GP, ZERO, FuncBuilder
from . import frame as F
from .expr import Val
from .parser import UNIFORMS, Signature


def declaration(p, qual, t, name, pos):
    p.backend.ws.stage = "parse"
    p.backend.ws.stage_name = name
    fb = p.fb = FuncBuilder(p.backend.ws)
    p.scopes = [{}]
    while True:
        vt = p.array_suffix(t, False) if p.at("[") else t
        if vt == T.VOID:
            p.error("variables cannot be void", pos)
        if name in p.globals or name in p.functions or name in UNIFORMS and qual != "uniform":
            p.error("redefinition of '%s'" % name, pos)
        if qual == "uniform":
            uniform(p, vt, name, pos)
        else:
            global_variable(p, qual, vt, name, pos)
        if not p.accept(","):
            break
        pos = p.pos()
        name = p.ident("a name")
    p.expect(";")
    fb.release()
    p.fb = p.scopes = None


def uniform(p, t, name, pos):
    if name not in UNIFORMS:
        p.error("uniform '%s' is not provided by lumajit (provided: iTime, iResolution, "
                "iFrame, iMouse)" % name, pos)
    if UNIFORMS[name] != t:
        p.error("uniform '%s' must be declared %s" % (name, T.name(UNIFORMS[name])), pos)
    if p.at("="):
        p.error("uniform '%s' cannot have an initializer" % name)


def known_words(p, v):
    # (A part of) a const global array is a constant expression (GLSL ES
    # 3.0, 4.3.3): its words are the initializer's, not loads.
    lv = v.lv
    if v.const_name is not None and v.regs is None and isinstance(lv, list) and \
            isinstance(lv[0], tuple) and lv[0][0] == GP and lv[0][1] >= F.GLOBALS:
        v.regs = [p.fb.const(p.global_words[(off - F.GLOBALS) // 4]) for _, off in lv]


def global_variable(p, qual, t, name, pos):
    words = None
    if p.accept("="):
        vpos = p.pos()
        v = p.assignment()
        if T.length(t) == T.UNSIZED and T.is_array(v.type):
            t = v.type
        known_words(p, v)
        words = [p.fb.const_of(r) for r in p.coerce(v, t, "initialize '%s' with a" % name, vpos)]
        if None in words:
            p.error("the initializer of global '%s' must be a constant expression" % name,
                    vpos)
    elif qual == "const":
        p.error("const variable '%s' must be initialized" % name, pos)
    elif T.length(t) == T.UNSIZED:
        p.error("array size missing", pos)
    if words is None:
        words = [0] * T.width(t)
    if qual == "const" and not T.is_array(t):
        p.globals[name] = (t, None, name, words)
        return
    off = F.GLOBALS + 4 * len(p.global_words)
    if off + 4 * len(words) > 2047:
        p.error("globals take more than %d bytes" % (2047 - F.GLOBALS), pos)
    p.global_words.extend(words)
    lv = [(GP, off + 4 * i) for i in range(len(words))]
    p.globals[name] = (t, lv, name if qual == "const" else None, None)
    if qual != "const":
        for i in range(len(words)):
            p.mutable.append((off + 4 * i, words[i]))


def uniform_value(p, name):
    fb = p.fb
    if name == "iTime":
        return Val(T.FLOAT, None, lv=[(GP, F.P_TIME)], const_name=name)
    if name == "iFrame":
        return Val(T.INT, None, lv=[(GP, F.P_FRAME)], const_name=name)
    if name == "iMouse":
        return Val(4, [ZERO] * 4, const_name=name)
    v = Val(3, None, lv=[(GP, F.P_SIZE_X), (GP, F.P_SIZE_Y)])
    return Val(3, p.values(v) + [fb.const(65536)], const_name=name)


def pixel_wrapper(p, entry):
    # With mutable globals, what the frame entry calls for each pixel:
    # the globals get their initial values, then the entry runs.
    sig = Signature("(pixel)", entry.ret, entry.params, entry.quals, entry.pos)
    sig.index = len(p.compiled)
    p.compiled.append(sig)
    fb = p.new_builder()
    n_in, n_out = entry.words()
    args = []
    for i in range(n_in):
        v = fb.vreg()
        fb.hint(v, ir.ARG0 + i)
        fb.mv(v, ir.ARG0 + i)
        args.append(v)
    for off, value in p.mutable:
        fb.emit(ir.SWI, fb.const(value), GP, off)
    results = fb.call(ir.CALL, entry.index, args, n_out, ir.KEEP)
    for i in range(n_out):
        fb.mv(ir.ARG0 + i, results[i])
    fb.emit(ir.RET, 0, n_out, 0)
    p.backend.end_function(sig, fb)
    return sig
