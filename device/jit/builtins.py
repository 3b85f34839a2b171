# Builtin functions: type checking against GLSL's genType rules and
# lowering to Q16.16 IR, component by component. Cheap ones become a few
# ALU ops inline; divide, mod, sin, cos and sqrt call runtime helpers
# (helpers.py), which are emitted once per program only when used.

from . import glsl_types as T
from . import ir
from .ir import ZERO, H_DIV, H_MOD, H_SIN, H_COS, H_SQRT

ONE = 65536


def divide(fb, a, b):
    return fb.call(ir.HCALL, H_DIV, [a, b], 1)[0]


def convert(fb, r, from_kind, to_kind):
    # One component from one scalar kind to another, as GLSL constructors do.
    if from_kind == to_kind:
        return r
    if to_kind == T.K_FLOAT:
        return fb.op2(ir.SLL, r, fb.const(16))
    if to_kind == T.K_BOOL:
        return fb.op2(ir.SLTU, ZERO, r)
    if from_kind == T.K_BOOL:
        return r
    # float -> int truncates toward zero: bias negatives by 0xFFFF first.
    bias = fb.op1i(ir.SRLI, fb.op1i(ir.SRAI, r, 31), 16)
    return fb.op1i(ir.SRAI, fb.op2(ir.ADD, r, bias), 16)


def _floor(fb, r):
    return fb.op1i(ir.SLLI, fb.op1i(ir.SRAI, r, 16), 16)


def _fract(fb, r):
    return fb.op1i(ir.SRLI, fb.op1i(ir.SLLI, r, 16), 16)


def _helper1(hid):
    def lower(fb, r):
        return fb.call(ir.HCALL, hid, [r], 1)[0]
    return lower


def _mod(fb, x, y):
    return fb.call(ir.HCALL, H_MOD, [x, y], 1)[0]


def _min(fb, a, b):
    return fb.op2(ir.MIN, a, b)


def _max(fb, a, b):
    return fb.op2(ir.MAX, a, b)


def _clamp(fb, x, lo, hi):
    return fb.op2(ir.MIN, fb.op2(ir.MAX, x, lo), hi)


def _mix(fb, a, b, t):
    return fb.op2(ir.ADD, a, fb.op2(ir.FMUL, fb.op2(ir.SUB, b, a), t))


def _smoothstep(fb, e0, e1, x):
    t = divide(fb, fb.op2(ir.SUB, x, e0), fb.op2(ir.SUB, e1, e0))
    t = _clamp(fb, t, ZERO, fb.const(ONE))
    three_minus_2t = fb.op2(ir.SUB, fb.const(3 * ONE), fb.op2(ir.ADD, t, t))
    return fb.op2(ir.FMUL, fb.op2(ir.FMUL, t, t), three_minus_2t)


def _dot(fb, a, b):
    s = ZERO
    for i in range(len(a)):
        s = fb.op2(ir.ADD, s, fb.op2(ir.FMUL, a[i], b[i]))
    return s


def _length(fb, a):
    if len(a) == 1:
        return fb.abs_(a[0])
    return fb.call(ir.HCALL, H_SQRT, [_dot(fb, a, a)], 1)[0]


# Argument shapes:
#   "g"  genType (float or vecN), all "g" of a call share one type
#   "f"  genType or float: a float is broadcast to the genType's width
#   "gi" like "g" but int/ivecN are accepted too
#   "fi" like "f" for "gi" calls
# Result: "g" (the genType) or "float".
# name: (argument shapes, result, per-component lowering or whole-vector lowering)
TABLE = {
    "sin": (("g",), "g", _helper1(H_SIN)),
    "cos": (("g",), "g", _helper1(H_COS)),
    "sqrt": (("g",), "g", _helper1(H_SQRT)),
    "floor": (("g",), "g", _floor),
    "fract": (("g",), "g", _fract),
    "abs": (("gi",), "g", lambda fb, r: fb.abs_(r)),
    "mod": (("g", "f"), "g", _mod),
    "min": (("gi", "fi"), "g", _min),
    "max": (("gi", "fi"), "g", _max),
    "clamp": (("gi", "fi", "fi"), "g", _clamp),
    "mix": (("g", "g", "f"), "g", _mix),
    "smoothstep": (("f", "f", "g"), "g", _smoothstep),
    "dot": (("g", "g"), "float", _dot),
    "length": (("g",), "float", _length),
}


def _signature_text(name, args):
    return "%s(%s)" % (name, ", ".join(T.name(a.type) for a in args))


def call(p, name, args, pos):
    shapes, result, lower = TABLE[name]
    if len(args) != len(shapes):
        p.error("wrong number of arguments to '%s': expected %d, got %d"
                % (name, len(shapes), len(args)), pos)
    # The genType is the type of the first "g" argument; "f" arguments may
    # be that type or its scalar.
    gen = None
    allow_int = False
    for i in range(len(args)):
        if shapes[i][0] == "g":
            gen = args[i].type
            allow_int = shapes[i] == "gi"
            break
    k = T.kind(gen)
    ok = k == T.K_FLOAT or (allow_int and k == T.K_INT)
    if ok:
        scalar = T.scalar_of(gen)
        for i in range(len(args)):
            t = args[i].type
            if not (t == gen or (shapes[i][0] == "f" and t == scalar)):
                ok = False
    if not ok:
        p.error("no matching overload for %s" % _signature_text(name, args), pos)
    n = T.width(gen)
    regs = []
    for a in args:
        r = p.values(a)
        regs.append(r * n if len(r) == 1 else r)
    fb = p.fb
    if result == "float":
        return p.make_val(T.FLOAT, [lower(fb, *regs)])
    return p.make_val(gen, [lower(fb, *[r[i] for r in regs]) for i in range(n)])
