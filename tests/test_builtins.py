"""The GLSL builtins on scalars and vectors (device/jit/builtins.py and
builtins_more.py), compiled in small shaders and run on the emulated C3,
against a double-precision reference of GLSL's meaning written here.

Each sweep evaluates a builtin at 1024 inputs (one per pixel of a 64 x 16
frame) and returns the inputs as the shader computed them, so the
reference sees exactly the Q16.16 values the builtin saw. Tolerances are
stated per function, in LSB (2^-16) and relative terms; where Q16.16
leaves a choice (round's halves, pow of x <= 0, log of 0, saturation...)
the expected value is builtins.py's documented one. The matrix functions
are in test_builtins_matrix.py."""

import math
import os
import re
import subprocess
import sys

import pytest

from device.jit import builtins, ir
from device.jit.compiler import compile_shader, CompileError
from host.render import render

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LSB = 1.0 / 65536
LARGEST = 0x7FFFFFFF * LSB
W, H = 64, 16
MAIN = "vec4 main(vec2 fragCoord, vec2 outputSize, float time) {\n%s\n}\n"
INDEX = "float i = fragCoord.x - 0.5 + (fragCoord.y - 0.5) * 64.0;\n"


def pixels(body, w=W, h=H):
    rgba = render(compile_shader(MAIN % body), w, h, 0.0).rgba
    return [tuple(rgba[i:i + 4]) for i in range(0, len(rgba), 4)]


def sweep(expr, lo, hi, setup=""):
    """(result, x) for x from lo to hi in 1024 steps."""
    step = (hi - lo) / float(W * H)
    body = INDEX + "float x = %r + i * %r;\n%sreturn vec4(%s, x, 0.0, 0.0);" % (
        float(lo), step, setup, expr)
    return [(p[0], p[1]) for p in pixels(body)]


def within(pairs, reference, tolerance):
    """The worst (error in LSB - allowed, error, x, got, expected) over the
    sweep, and a summary of the errors for the log."""
    worst = None
    largest = (-1.0, None)
    relative = 0.0
    for got, x in pairs:
        ref = reference(x)
        err = abs(got - ref) / LSB
        item = (err - tolerance(ref, x), err, x, got, ref)
        if worst is None or item > worst:
            worst = item
        largest = max(largest, (err, x))
        if abs(ref) >= 1:
            relative = max(relative, err * LSB / abs(ref))
    return worst, "max error %.2f LSB at %r, max relative %.1e where |result| >= 1" % (
        largest + (relative,))


def lsb(n):
    return lambda ref, x: n


def rel(r, n):
    # n LSB plus r relative to the result
    return lambda ref, x: n + r * abs(ref) / LSB


def clamp(x, lo, hi):
    return min(max(x, lo), hi)


def round_half_away(x):
    return math.floor(x + 0.5) if x >= 0 else -math.floor(-x + 0.5)


def mod(x, y):
    return x - y * math.floor(x / y)


def smoothstep(e0, e1, x):
    t = clamp((x - e0) / (e1 - e0), 0.0, 1.0)
    return t * t * (3 - 2 * t)


def saturate(v):
    return clamp(v, -32768.0, LARGEST)


# (expression in x, reference, lo, hi, tolerance)
UNARY = {
    "radians": ("radians(x)", lambda x: x * math.pi / 180, -720, 720, lsb(1.5)),
    "degrees": ("degrees(x)", lambda x: x * 180 / math.pi, -100, 100, lsb(1.5)),
    "sin": ("sin(x)", math.sin, -20, 20, lsb(4)),
    "cos": ("cos(x)", math.cos, -20, 20, lsb(4)),
    # sin / cos, each within 4 LSB: the quotient's error grows as 1 / cos^2
    "tan": ("tan(x)", math.tan, -1.5, 1.5, lambda r, x: 2 + 9 * (1 + r * r)),
    "asin": ("asin(x)", math.asin, -1, 1.001, lsb(4)),
    "acos": ("acos(x)", math.acos, -1, 1.001, lsb(4)),
    "atan": ("atan(x)", math.atan, -300, 300, lsb(8)),
    "exp": ("exp(x)", lambda x: saturate(math.exp(x)), -14, 11, rel(2e-5, 1)),
    "log": ("log(x)", math.log, 2 ** -16, 3000, lsb(2)),
    "exp2": ("exp2(x)", lambda x: saturate(2 ** x), -18, 16, rel(1e-6, 0.5)),
    "log2": ("log2(x)", math.log2, 2 ** -16, 3000, lsb(1)),
    "sqrt": ("sqrt(x)", math.sqrt, 0, 3000, lsb(1)),
    "inversesqrt": ("inversesqrt(x)", lambda x: 1 / math.sqrt(x), 2 ** -14, 1000,
                    rel(6.5e-5, 0.5)),
    "sinh": ("sinh(x)", lambda x: saturate(math.sinh(x)), -11, 11, rel(2e-5, 1)),
    "cosh": ("cosh(x)", lambda x: saturate(math.cosh(x)), -11, 11, rel(2e-5, 1)),
    "tanh": ("tanh(x)", math.tanh, -13, 13, lsb(2)),
    "asinh": ("asinh(x)", math.asinh, -30000, 30000, lsb(3)),
    "asinh near 0": ("asinh(x)", math.asinh, -2, 2, lsb(3)),
    "acosh": ("acosh(x)", math.acosh, 1, 30000, lsb(3)),
    "acosh near 1": ("acosh(x)", math.acosh, 1, 3, lsb(3)),
    "atanh": ("atanh(x)", math.atanh, -0.999, 0.999, lsb(2)),
    "abs": ("abs(x)", abs, -4, 4, lsb(0)),
    "sign": ("sign(x)", lambda x: (x > 0) - (x < 0), -2, 2, lsb(0)),
    "floor": ("floor(x)", math.floor, -4, 4, lsb(0)),
    "ceil": ("ceil(x)", math.ceil, -4, 4, lsb(0)),
    "trunc": ("trunc(x)", math.trunc, -4, 4, lsb(0)),
    "round": ("round(x)", round_half_away, -4, 4, lsb(0)),   # halves away from zero
    "roundEven": ("roundEven(x)", round, -4, 4, lsb(0)),     # Python rounds halves to even
    "fract": ("fract(x)", lambda x: x - math.floor(x), -4, 4, lsb(0)),
    "length": ("length(x)", abs, -4, 4, lsb(0)),
    "normalize": ("normalize(x)", lambda x: (x > 0) - (x < 0), -2, 2, lsb(0)),
}


@pytest.mark.parametrize("name", sorted(UNARY))
def test_unary(name):
    expr, reference, lo, hi, tolerance = UNARY[name]
    worst, summary = within(sweep(expr, lo, hi), reference, tolerance)
    print("%s: %s" % (name, summary))
    assert worst[0] <= 0, "%s: error %.2f LSB at x = %r (got %r, expected %r)" % (
        (name,) + worst[1:])


def test_saturation_and_documented_edges():
    cases = [
        ("exp(20.0)", LARGEST), ("exp(-20.0)", 0.0), ("exp2(15.0)", LARGEST),
        ("exp2(-17.5)", 0.0), ("log2(0.0)", -32768.0), ("log2(-1.0)", -32768.0),
        ("log(0.0)", -32768.0 * 0.69314718), ("inversesqrt(0.0)", LARGEST),
        ("inversesqrt(-1.0)", LARGEST), ("pow(0.0, 2.5)", 0.0), ("pow(-2.0, 2.5)", 0.0),
        ("pow(0.0, 0.0)", 0.0), ("sinh(12.0)", LARGEST), ("sinh(-12.0)", -LARGEST),
        ("cosh(12.0)", LARGEST), ("cosh(-30.0)", LARGEST), ("tanh(100.0)", 1.0),
        ("asin(1.5)", math.pi / 2), ("acos(-3.0)", math.pi), ("acosh(0.5)", 0.0),
        ("atanh(1.0)", math.atanh(1 - LSB)), ("atanh(-2.0)", -math.atanh(1 - LSB)),
        ("sqrt(-4.0)", 0.0), ("atan(0.0, 0.0)", 0.0), ("atan(0.0, -1.0)", math.pi),
        ("round(-2.5)", -3.0), ("round(2.5)", 3.0), ("roundEven(2.5)", 2.0),
        ("roundEven(-2.5)", -2.0), ("roundEven(3.5)", 4.0), ("trunc(-0.5)", 0.0),
    ]
    body = "float t = fragCoord.x * 0.0;\n"   # keeps nothing constant-folded away
    got = []
    for i in range(0, len(cases), 4):
        chunk = [c[0].replace("(", "(t + ", 1) for c in cases[i:i + 4]]
        chunk += ["0.0"] * (4 - len(chunk))
        got += pixels(body + "return vec4(%s);" % ", ".join(chunk), 1, 1)[0][:len(cases[i:i + 4])]
    wrong = [(c[0], g, c[1]) for c, g in zip(cases, got) if abs(g - c[1]) > 2 * LSB]
    assert wrong == []


def grid(expr, xs, ys, setup=""):
    """(result, x, y) with x from xs = (lo, hi) over 64 columns and y from
    ys over 16 rows."""
    body = ("float x = %r + (fragCoord.x - 0.5) * %r;\n"
            "float y = %r + (fragCoord.y - 0.5) * %r;\n%sreturn vec4(%s, x, y, 0.0);"
            % (float(xs[0]), (xs[1] - xs[0]) / W, float(ys[0]), (ys[1] - ys[0]) / H, setup, expr))
    return [(p[0], p[1], p[2]) for p in pixels(body)]


def worst_2d(cases, reference, tolerance):
    worst = None
    largest = (-1.0, None, None)
    relative = 0.0
    for got, x, y in cases:
        ref = reference(x, y)
        err = abs(got - ref) / LSB
        item = (err - tolerance(ref, x), err, x, y, got, ref)
        if worst is None or item > worst:
            worst = item
        largest = max(largest, (err, x, y))
        if abs(ref) >= 1:
            relative = max(relative, err * LSB / abs(ref))
    return worst, "max error %.2f LSB at (%r, %r), max relative %.1e where |result| >= 1" % (
        largest + (relative,))


def pow_reference(x, y):
    return 0.0 if x <= 0 else saturate(x ** y)


BINARY = {
    "atan2": ("atan(y, x)", lambda x, y: math.atan2(y, x), (-3, 3), (-2, 2), lsb(8)),
    "atan2 large": ("atan(y, x)", lambda x, y: math.atan2(y, x), (-3000, 3000),
                    (-900, 900), lsb(8)),
    # y * log2(x) carries log2's error, times y, into the exponent
    "pow": ("pow(x, y)", pow_reference, (-0.5, 9), (-3, 3),
            lambda r, x: 2 + 3e-5 * abs(r) / LSB),
    "pow integer": ("pow(x, 3.0)", lambda x, y: x ** 3, (-9, 9), (0, 1), rel(1e-6, 2)),
    "mod": ("mod(x, y)", lambda x, y: mod(x, y) if y else 0.0, (-10, 10), (-3, 3.1),
            lsb(0)),
    "min": ("min(x, y)", min, (-3, 3), (-3, 3), lsb(0)),
    "max": ("max(x, y)", max, (-3, 3), (-3, 3), lsb(0)),
    "step": ("step(y, x)", lambda x, y: 0.0 if x < y else 1.0, (-3, 3), (-3, 3), lsb(0)),
    "mix": ("mix(x, 2.5, y)", lambda x, y: x + (2.5 - x) * y, (-3, 3), (-1, 2), lsb(1)),
    # t within 1 LSB (from a division) times the slope (at most 1.5), and
    # two truncating products
    "smoothstep": ("smoothstep(0.0, y, x)", lambda x, y: smoothstep(0, y, x),
                   (-1, 3), (0.25, 2.25), lsb(3.5)),
    "smoothstep constant": ("smoothstep(-0.3, 1.7, x)", lambda x, y: smoothstep(-0.3, 1.7, x),
                            (-1, 3), (0, 1), lsb(2)),
    "smoothstep reversed": ("smoothstep(1.7, -0.3, x)", lambda x, y: smoothstep(1.7, -0.3, x),
                            (-1, 3), (0, 1), lsb(2)),
    "smoothstep wide": ("smoothstep(-500.0, 700.0, x * 200.0)",
                        lambda x, y: smoothstep(-500, 700, x * 200), (-3, 4), (0, 1),
                        lsb(3)),
    "clamp": ("clamp(x, -1.5, y)", lambda x, y: min(max(x, -1.5), y), (-3, 3), (-1, 2),
              lsb(0)),
    "distance": ("distance(vec2(x, y), vec2(0.25, -0.5))",
                 lambda x, y: math.hypot(x - 0.25, y + 0.5), (-3, 3), (-3, 3), lsb(1)),
    "divide by a power of two": ("x / -4.0", lambda x, y: math.trunc(x / -4 * 65536) / 65536,
                                 (-3, 3), (0, 1), lsb(0)),
}


@pytest.mark.parametrize("name", sorted(BINARY))
def test_binary(name):
    expr, reference, xs, ys, tolerance = BINARY[name]
    worst, summary = worst_2d(grid(expr, xs, ys), reference, tolerance)
    print("%s: %s" % (name, summary))
    assert worst[0] <= 0, "%s: error %.2f LSB at (%r, %r) (got %r, expected %r)" % (
        (name,) + worst[1:])


def test_length_and_normalize_keep_precision_from_tiny_to_huge():
    # Vectors in every direction with lengths from 2^-12 (whose squares
    # underflow Q16.16) to 2^14 (whose squares overflow it): length is the
    # exact root rounded down, normalize within 0.51 LSB.
    body = ("float x = -3.2 + (fragCoord.x - 0.5) * 0.1;\n"
            "float y = (fragCoord.y - 0.5) * 0.0625;\n"
            "vec3 v = vec3(cos(x), sin(x) * cos(y), sin(y)) * exp2(y * 26.0 - 12.0);\n"
            "return vec4(%s);")
    vectors = pixels(body % "v, 0.0")
    lengths = pixels(body % "length(v)")
    units = pixels(body % "normalize(v), 0.0")
    worst_dir = (0.0,)
    for v, got, n in zip(vectors, lengths, units):
        exact = math.isqrt(sum(round(c / LSB) ** 2 for c in v[:3]))
        assert got[0] == exact * LSB, v[:3]
        ref = math.sqrt(dot(v[:3], v[:3]))
        worst_dir = max(worst_dir, (max(abs(a - b / ref) for a, b in zip(n, v)) / LSB, v[:3]))
    print("normalize: max %.3f LSB" % worst_dir[0])
    assert worst_dir[0] <= 0.51, worst_dir


def test_length_saturates_and_normalize_of_zero_is_zero():
    got = pixels("float t = fragCoord.x * 0.0;\n"
                 "return vec4(length(vec2(30000.0, 30000.0 + t)), normalize(vec3(t)));", 1, 1)[0]
    assert got == (LARGEST, 0.0, 0.0, 0.0)


def q16(x):
    return round(x * 65536) / 65536.0


def test_geometric_functions():
    a = (1.5, -2.25, 0.5)
    b = (-0.75, 0.125, 3.0)
    n = tuple(q16(c) for c in unit((0.3, 1.0, -0.2)))   # as the shader's literals
    i = tuple(q16(c) for c in unit(a))
    body = ("float t = fragCoord.x * 0.0;\n"
            "vec3 a = vec3(1.5, -2.25, 0.5 + t);\n"
            "vec3 b = vec3(-0.75, 0.125, 3.0);\n"
            "vec3 n = vec3(%r, %r, %r);\n"
            "vec3 i = vec3(%r, %r, %r);\n"
            "return vec4(%%s);" % (n + i))
    d = dot(n, a)
    expect = {
        "dot(a, b), distance(a, b), length(a), 0.0":
            (dot(a, b), dist(a, b), dist(a, (0, 0, 0)), 0),
        "cross(a, b), 0.0": (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2],
                             a[0] * b[1] - a[1] * b[0], 0),
        "reflect(a, n), 0.0": tuple(a[j] - 2 * d * n[j] for j in range(3)) + (0,),
        "faceforward(b, a, n), 0.0": (b if d < 0 else tuple(-c for c in b)) + (0,),
        "faceforward(b, -a, n), 0.0": (b if -d < 0 else tuple(-c for c in b)) + (0,),
        "refract(i, n, 0.7), 0.0": refract(i, n, q16(0.7)) + (0,),
        # total internal reflection
        "refract(normalize(vec3(1.0, 0.05, t)), vec3(0.0, 1.0, 0.0), 1.5), 1.0": (0, 0, 0, 1),
    }
    for expr, want in expect.items():
        got = pixels(body % expr, 1, 1)[0]
        assert all(abs(g - w) <= 4 * LSB for g, w in zip(got, want)), (expr, got, want)


def dot(a, b):
    return sum(x * y for x, y in zip(a, b))


def dist(a, b):
    return math.sqrt(sum((x - y) ** 2 for x, y in zip(a, b)))


def unit(v):
    n = math.sqrt(dot(v, v))
    return tuple(c / n for c in v)


def refract(i, n, eta):
    d = dot(n, i)
    k = 1 - eta * eta * (1 - d * d)
    if k < 0:
        return (0.0, 0.0, 0.0)
    return tuple(eta * i[j] - (eta * d + math.sqrt(k)) * n[j] for j in range(3))


def test_vector_forms_are_component_wise_with_scalar_broadcast():
    # Each genType builtin on a vec4 equals the scalar builtin on each
    # component (same code per component), with float arguments broadcast.
    exprs = ["sin(v)", "exp(v)", "floor(v)", "abs(v)", "sign(v)", "fract(v)", "pow(abs(v), w)",
             "mod(v, 0.75)", "mod(v, w)", "min(v, 0.5)", "max(v, w)", "clamp(v, -0.5, 0.5)",
             "clamp(v, w, w + 1.0)", "mix(v, w, 0.25)", "mix(v, w, w)", "step(0.1, v)",
             "step(w, v)", "smoothstep(-1.0, 1.0, v)", "smoothstep(w, w + 2.0, v)",
             "atan(v, w)", "atan(v)", "round(v)", "ceil(v)", "inversesqrt(abs(v) + 0.1)"]
    setup = ("float t = (fragCoord.x - 3.5) * 0.37;\n"
             "vec4 v = vec4(t, -t * 1.3, t * 0.7 + 0.2, -0.45);\n"
             "vec4 w = vec4(0.3, -0.6, 1.1, t);\n")
    for e in exprs:
        vec = pixels(setup + "return %s;" % e, 8, 1)
        scalar = pixels(setup + "return vec4(%s);" % ", ".join(
            re.sub(r"\b([vw])\b", r"\1." + c, e) for c in "xyzw"), 8, 1)
        assert vec == scalar, e


def test_int_and_uint_arguments():
    body = ("int i = int(fragCoord.x) - 3;\n"
            "ivec2 iv = ivec2(i, -i);\n"
            "uint u = uint(fragCoord.x) * 1000000000u;\n"
            "float f = fragCoord.x * 0.25;\n"
            "return vec4(%s);")
    cases = {
        # int -> float where only float forms exist (desktop GLSL's implicit conversion)
        "mix(0, 10, f), clamp(f, 0, 1), step(2, f), smoothstep(0, 2, f)":
            lambda x, f: (10 * f, clamp(f, 0, 1), float(f >= 2), smoothstep(0, 2, f)),
        "float(abs(i)), float(sign(i)), float(min(i, 1)), float(max(iv, 0).y)":
            lambda x, f: (abs(x - 3), (x > 3) - (x < 3), min(x - 3, 1), max(3 - x, 0)),
        "float(clamp(i, -1, 1)), min(i, f), float(clamp(iv, ivec2(0), ivec2(2)).x), sin(i)":
            lambda x, f: (clamp(x - 3, -1, 1), min(x - 3, f), clamp(x - 3, 0, 2), math.sin(x - 3)),
        # uint compares unsigned: 3000000000u is above 2^31
        "float(min(u, 2500000000u) / 1000000000u), float(max(u, 2500000000u) / 100000000u),"
        " float(clamp(u, 1500000000u, 3500000000u) / 100000000u), float(min(u, 7) / 7u)":
            lambda x, f: (min(x * 10 ** 9, 2.5e9) // 10 ** 9, max(x * 10 ** 9, 2.5e9) // 10 ** 8,
                          clamp(x * 10 ** 9, 1.5e9, 3.5e9) // 10 ** 8, min(x * 10 ** 9, 7) // 7),
    }
    for expr, reference in cases.items():
        got = pixels(body % expr, 4, 1)
        for col, g in enumerate(got):
            x = col
            want = reference(x, (col + 0.5) * 0.25)
            assert all(abs(a - b) <= 4 * LSB for a, b in zip(g, want)), (expr, col, g, want)


def test_relational_vector_functions():
    body = ("float t = fragCoord.x * 0.0;\n"
            "vec3 a = vec3(1.0, 2.0 + t, -3.0);\n"
            "vec3 b = vec3(2.0, 2.0, -4.0 + t);\n"
            "ivec3 ia = ivec3(a);\n"
            "uvec2 ua = uvec2(3000000000u, 5u);\n"
            "uvec2 ub = uvec2(5u, 3000000000u);\n"
            "return vec4(%s);")
    cases = {
        "lessThan(a, b), 0.0": (1, 0, 0, 0),
        "lessThanEqual(a, b), 0.0": (1, 1, 0, 0),
        "greaterThan(a, b), 0.0": (0, 0, 1, 0),
        "greaterThanEqual(a, b), 0.0": (0, 1, 1, 0),
        "equal(a, b), 0.0": (0, 1, 0, 0),
        "notEqual(ia, ivec3(b)), 0.0": (1, 0, 1, 0),
        "lessThan(ua, ub), greaterThan(ua, ub)": (0, 1, 1, 0),
        "equal(bvec2(true, false), bvec2(true, true)), not(bvec2(true, false))": (1, 0, 0, 1),
        "float(any(lessThan(a, b))), float(all(lessThan(a, b))), "
        "float(all(equal(a, a))), float(any(bvec3(false)))": (1, 0, 1, 0),
        "mix(a.xy, b.xy, bvec2(true, false)), mix(5.0, 6.0, true), "
        "float(mix(ivec2(1), ivec2(2), bvec2(false, true)).y)": (2, 2, 6, 2),
    }
    for expr, want in cases.items():
        assert pixels(body % expr, 1, 1)[0] == tuple(float(w) for w in want), expr


def test_modf_writes_the_whole_part_through_its_out_argument():
    got = pixels("float t = fragCoord.x * 0.0;\n"
                 "vec2 whole;\n"
                 "vec2 f = modf(vec2(2.75, -1.25) + t, whole);\n"
                 "float w;\n"
                 "float g = modf(-0.5 + t, w);\n"
                 "return vec4(f.x + f.y * 10.0, whole.x + whole.y * 10.0, g, w);", 1, 1)[0]
    assert got == (0.75 - 2.5, 2.0 - 10.0, -0.5, 0.0)


@pytest.mark.parametrize("expr, message", [
    ("mix(1.0, vec2(1.0), 0.5)", "no matching overload for mix(float, vec2, float)"),
    ("sin(true)", "no matching overload for sin(bool)"),
    ("clamp(vec2(1.0), vec3(0.0), 1.0)", "no matching overload for clamp(vec2, vec3, float)"),
    ("cross(vec2(1.0), vec2(1.0))", "no matching overload for cross(vec2, vec2)"),
    ("lessThan(1.0, 2.0)", "no matching overload for lessThan(float, float)"),
    ("any(true)", "no matching overload for any(bool)"),
    ("mix(vec2(1.0), vec2(2.0), bvec3(true))", "no matching overload for mix(vec2, vec2, bvec3)"),
    ("pow(2.0)", "wrong number of arguments to 'pow': expected 2, got 1"),
    ("atan(1.0, 2.0, 3.0)", "wrong number of arguments to 'atan': expected 1 or 2, got 3"),
    ("modf(1.5, 2.0)", "argument 2 of 'modf' (out) must be an lvalue"),
    ("modf(1.5, v.x)", None),
    ("modf(vec2(1.5), v.x)", "no matching overload for modf(vec2, float)"),
    ("determinant(vec2(1.0))", "no matching overload for determinant(vec2)"),
])
def test_overload_errors(expr, message):
    source = MAIN % ("vec2 v = vec2(0.0);\nfloat r = float(%s);\nreturn vec4(r);" % expr)
    if message is None:
        compile_shader(source)
        return
    with pytest.raises(CompileError) as info:
        compile_shader(source)
    assert info.value.message == message


def function_code(program):
    for name, off, size, _, _ in program.functions:
        if name == "main":
            return bytes(program.code[off:off + size])


def test_pure_alu_builtins_on_constants_fold():
    folded = compile_shader(MAIN % (
        "return vec4(floor(2.5) + fract(1.25) + abs(-2.0),"
        " clamp(3.0, 0.0, 1.0) + float(max(ivec2(1, 5), 3).x),"
        " mix(1.0, 3.0, 0.5) + step(0.5, 0.7) + smoothstep(0.0, 2.0, 1.0) + sign(-3.0),"
        " round(2.5) + trunc(-1.5) + ceil(0.25) + roundEven(2.5) + radians(180.0) * 0.0);"))
    written = compile_shader(MAIN % "return vec4(4.25, 4.0, 2.5, 5.0);")
    assert function_code(folded) == function_code(written)


@pytest.mark.parametrize("expr, helpers", [
    ("atan(fragCoord.x, fragCoord.y)", [ir.H_ATAN2]),
    ("pow(fragCoord.x, 2.5)", [ir.H_EXP2, ir.H_LOG2]),
    ("pow(fragCoord.x, 2.0)", []),
    ("exp(fragCoord.x)", [ir.H_EXP2]),
    ("log(fragCoord.x)", [ir.H_LOG2]),
    ("fragCoord.x / 8.0", []),
    ("fragCoord.x / 3.5", [ir.H_DIV]),          # / 3.0 is a multiply
    ("smoothstep(0.0, 3.0, fragCoord.x)", []),
    ("length(fragCoord)", [ir.H_LENGTH]),
    ("distance(fragCoord, vec2(1.0)) + normalize(fragCoord).x", [ir.H_LENGTH]),
    ("sqrt(fragCoord.x)", [ir.H_SQRT]),
])
def test_only_the_helpers_used_are_linked(expr, helpers):
    assert compile_shader(MAIN % ("return vec4(%s);" % expr)).helpers == sorted(helpers)


GLSL_ES_3_BUILTINS = (
    "radians degrees sin cos tan asin acos atan sinh cosh tanh asinh acosh atanh pow exp log"
    " exp2 log2 sqrt inversesqrt abs sign floor trunc round roundEven ceil fract mod modf min"
    " max clamp mix step smoothstep length distance dot cross normalize faceforward reflect"
    " refract matrixCompMult outerProduct transpose determinant inverse lessThan"
    " lessThanEqual greaterThan greaterThanEqual equal notEqual any all not").split()


def test_every_float_and_vector_builtin_is_known():
    assert all(builtins.is_builtin(name) for name in GLSL_ES_3_BUILTINS)
    assert not any(builtins.is_builtin(name) for name in ("hash", "ex", "p", "mat", "", "sin cos"))


def test_shaders_using_only_common_builtins_do_not_load_the_rest():
    program = ("import sys\n"
               "from device.jit.compiler import compile_shader\n"
               "compile_shader(%r)\n"
               "print('device.jit.builtins_more' in sys.modules)\n")
    common = MAIN % ("vec2 p = fragCoord / outputSize;\n"
                     "return vec4(sin(p.x) + cos(p.y) + sqrt(p.x) + floor(p.y) + fract(p.x),"
                     " abs(p.x) + mod(p.y, 0.3) + min(p.x, 1.0) + max(p, 0.0).y,"
                     " clamp(p.x, 0.0, 1.0) + mix(p.x, p.y, 0.5) + smoothstep(0.0, 1.0, p.x),"
                     " dot(p, p) + length(p));")
    rare = MAIN % "return vec4(pow(fragCoord.x, 2.5));"
    for source, loaded in ((common, "False"), (rare, "True")):
        out = subprocess.run([sys.executable, "-c", program % source], capture_output=True,
                             text=True, check=True, cwd=REPO).stdout.strip()
        assert out == loaded, source


def test_mod_by_a_constant_is_inline_and_matches_the_helper():
    # builtins._mod_by against the mod helper, to the bit, for constants of
    # both signs, powers of two, tiny and huge, over random and edge x.
    import random
    import struct
    from host.render import Renderer
    rng = random.Random(7)
    edges = [0, 1, -1, 0x7FFFFFFF, -0x80000000, 0x7FFFFFFE, -0x7FFFFFFF, 65536, -65536]
    xs = edges + [rng.randint(-1 << 31, (1 << 31) - 1) for _ in range(2000)] + \
        [rng.randint(-1 << 20, 1 << 20) for _ in range(2000)]
    for c in (1.0, -1.0, 2.0, 0.5, -0.25, 1000.0, -1000.0, 3.0, -3.0, 0.1, 7.25, 6.28318,
              12345.678, 32767.0, -32767.5, 1.0 / 65536, 2.094):
        source = MAIN % ("return vec4(mod(fragCoord.x, %r), mod(fragCoord.x, fragCoord.y), "
                         "0.0, 0.0);" % c)
        program = compile_shader(source)
        assert ir.H_MOD in program.helpers        # the variable divisor's call
        craw = int(round(c * 65536))
        r = Renderer(program, [v for x in xs for v in (x, craw)], (len(xs), 1))
        out = struct.unpack("<%di" % (4 * len(xs)), r.run(0.0)[0])
        wrong = [(x, out[4 * i], out[4 * i + 1]) for i, x in enumerate(xs)
                 if out[4 * i] != out[4 * i + 1]]
        assert wrong[:3] == [], c
    inline = compile_shader(MAIN % "return vec4(mod(fragCoord.x, 1000.0));")
    assert ir.H_MOD not in inline.helpers


def test_division_by_an_integer_constant_is_inline_and_matches_the_helper():
    # builtins.divide by +-n (n an integer, not a power of two): a magic
    # multiply (builtins._div_by), to the bit what the division helper
    # gives, over random and edge x; other constants still call it.
    import random
    import struct
    from host.render import Renderer
    rng = random.Random(11)
    edges = [0, 1, -1, 0x7FFFFFFF, -0x80000000, 0x7FFFFFFE, -0x7FFFFFFF, 65536, -65536, 3, -3]
    xs = edges + [rng.randint(-1 << 31, (1 << 31) - 1) for _ in range(2000)] + \
        [rng.randint(-1 << 20, 1 << 20) for _ in range(2000)]
    for n in (3, -3, 5, 6, 7, -10, 12, 100, 255, -1000, 12345, 32767, -32767):
        source = MAIN % ("return vec4(fragCoord.x / %d.0, fragCoord.x / fragCoord.y, "
                         "0.0, 0.0);" % n)
        program = compile_shader(source)
        r = Renderer(program, [v for x in xs for v in (x, n << 16)], (len(xs), 1))
        out = struct.unpack("<%di" % (4 * len(xs)), r.run(0.0)[0])
        wrong = [(x, out[4 * i], out[4 * i + 1]) for i, x in enumerate(xs)
                 if out[4 * i] != out[4 * i + 1]]
        assert wrong[:3] == [], n
    for source, calls in (("fragCoord.x / 3.0", False), ("fragCoord.x / 0.1", True),
                          ("fragCoord.x / 2.5", True)):
        program = compile_shader(MAIN % ("return vec4(%s);" % source))
        assert (ir.H_DIV in program.helpers) == calls, source


def test_division_and_mod_of_constants_fold_to_what_the_helpers_compute():
    import struct
    from host.render import Renderer
    values = [0.0, 1.0, -1.0, 6.0, -6.0, 0.5, 3.0, 1000.0, 32767.0, -32767.5, 1.0 / 65536, 0.1,
              7.3, -2.25, 12345.5]
    for a in values:
        for b in values:
            program = compile_shader(MAIN % (
                "return vec4(%r / %r, fragCoord.x / fragCoord.y, mod(%r, %r), "
                "mod(fragCoord.x, fragCoord.y));" % (a, b, a, b)))
            raw = [int(round(v * 65536)) for v in (a, b)]
            out = struct.unpack("<4i", Renderer(program, raw, (1, 1)).run(0.0)[0])
            assert (out[0], out[2]) == (out[1], out[3]), (a, b, out)
    assert compile_shader(MAIN % "return vec4(1.0 / 6.0, mod(7.0, 3.0), 0.0, 1.0);").helpers == []
