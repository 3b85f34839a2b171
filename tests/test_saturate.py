"""`#pragma lumajit saturate` (device/jit/saturate.py): float + - * and
negation clamp to Q16.16's range instead of wrapping, in every form a
shader writes them (operators, compound assignment, vectors, constants),
only where the pragma is, only for floats; the code is the same under
MicroPython; and the edges the builtins define without it."""

import random
import struct

import pytest

from device.jit.compiler import compile_shader
from host import device_compile
from host.render import Renderer

MAX = 0x7FFFFFFF
MIN = -MAX - 1
PRAGMA = "#pragma lumajit saturate\n"
SHADER = """vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    float x = fragCoord.x;
    float y = fragCoord.y;
    %s
}
"""


def sat(v):
    return max(MIN, min(MAX, v))


def wrap(v):
    v &= 0xFFFFFFFF
    return v - (v >> 31 << 32)


def run(source, pairs):
    """Raw RGBA words for each (x, y) raw pair."""
    r = Renderer(compile_shader(source), [v for p in pairs for v in p], (len(pairs), 1))
    raw = struct.unpack("<%di" % (4 * len(pairs)), r.run(0.0)[0])
    return [raw[i:i + 4] for i in range(0, len(raw), 4)]


EDGES = [0, 1, -1, MAX, MIN, MAX - 1, MIN + 1, 1 << 30, -(1 << 30), 65536, -65536,
         181 << 16, -(181 << 16), 182 << 16, 3 << 20, -(3 << 20)]


def pairs():
    rng = random.Random(6)
    out = [(a, b) for a in EDGES for b in EDGES]
    return out + [(rng.randint(MIN, MAX), rng.randint(MIN, MAX)) for _ in range(3000)]


def expected(a, b, clamp):
    f = sat if clamp else wrap
    return (f(a + b), f(a - b), f((a * b) >> 16), f(-a))


@pytest.mark.parametrize("pragma", [True, False], ids=["saturate", "wrap"])
def test_operators_saturate_only_under_the_pragma(pragma):
    body = "return vec4(x + y, x - y, x * y, -x);"
    source = (PRAGMA if pragma else "") + SHADER % body
    cases = pairs()
    got = run(source, cases)
    wrong = [(a, b, g, expected(a, b, pragma)) for (a, b), g in zip(cases, got)
             if tuple(g) != expected(a, b, pragma)]
    assert wrong[:3] == []


def test_compound_assignment_vectors_and_constants_saturate():
    body = """float a = x; a += y;
    float b = x; b *= y;
    vec2 v = vec2(x, y); v *= 4.0; v -= vec2(-30000.0);
    float c = 30000.0; c += 30000.0;
    return vec4(a, b, v.x + v.y, c);"""
    got = run(PRAGMA + SHADER % body, [(30000 << 16, 20000 << 16)])[0]
    assert got == (MAX, MAX, MAX, MAX)


def test_int_arithmetic_still_wraps():
    body = """int i = int(x) * 65536 * 65536; int j = 2147483647; j += 1;
    return vec4(float(i == 0), float(j < 0), 0.0, 0.0);"""
    got = run(PRAGMA + SHADER % body, [(3 << 16, 0)])[0]
    assert got[:2] == (65536, 65536)


def test_other_pragmas_change_nothing():
    body = "return vec4(x + y, 0.0, 0.0, 0.0);"
    plain = compile_shader(SHADER % body).code
    assert compile_shader("#pragma optimize(on)\n" + SHADER % body).code == plain
    assert compile_shader(PRAGMA + SHADER % body).code != plain


def test_the_same_code_under_micropython(tmp_path):
    body = """vec2 v = vec2(x, y) * 3.0; v += vec2(y); float n = -v.x * v.y;
    return vec4(v, n, x - y);"""
    path = tmp_path / "sat.glsl"
    path.write_text(PRAGMA + SHADER % body)
    result = device_compile.compile_many_on_micropython([str(path)])[0]
    assert result["ok"], result
    assert bytes.fromhex(result["code"]) == bytes(compile_shader(path.read_text()).code)


# The edges the builtins define without the pragma (builtins.py,
# builtins_more.py): nothing traps, nothing hangs.
EDGE_CASES = [
    ("x / y", 65536, 0, MAX), ("x / y", -65536, 0, -MAX), ("x / y", 0, 0, 0),
    ("x / y", MIN, -65536, MAX), ("x / y", MIN, 1, -MAX), ("x / y", MAX, MIN, -65535),
    ("mod(x, y)", 65536, 0, 0), ("sqrt(x)", -65536, 0, 0), ("sqrt(x)", MIN, 0, 0),
    ("inversesqrt(x)", 0, 0, MAX), ("inversesqrt(x)", -5, 0, MAX),
    ("log2(x)", 0, 0, MIN), ("pow(x, y)", 0, 65536, 0), ("pow(x, y)", -65536, 2 << 16, 0),
    ("pow(x, y)", 2 << 16, 20000 << 16, MAX), ("pow(x, y)", 1 << 15, 20000 << 16, 0),
    ("exp(x)", 20 << 16, 0, MAX), ("exp(x)", MAX, 0, MAX), ("exp(x)", MIN, 0, 0),
    ("atan(x, y)", 0, 0, 0), ("asin(x)", 3 << 16, 0, 102944), ("acos(x)", -(3 << 16), 0, 205887),
]


@pytest.mark.parametrize("expr, x, y, want", EDGE_CASES,
                         ids=["%s @ %d, %d" % c[:3] for c in EDGE_CASES])
def test_documented_edges(expr, x, y, want):
    got = run(SHADER % ("return vec4(%s, 0.0, 0.0, 0.0);" % expr), [(x, y)])[0][0]
    assert abs(got - want) <= 1, (got, want)


@pytest.mark.parametrize("line", ["#pragma lumajit saturated", "#pragma lumajit",
                                  "#pragma lumajit saturate fast"])
def test_an_unknown_lumajit_pragma_is_an_error(line):
    from device.jit.compiler import CompileError
    with pytest.raises(CompileError) as info:
        compile_shader("\n" + line + "\n" + SHADER % "return vec4(x);")
    assert (info.value.line, info.value.col) == (2, 1)
    assert "unknown #pragma lumajit option" in info.value.message


def test_the_pragma_may_be_spaced():
    body = SHADER % "return vec4(x + y);"
    spaced = compile_shader("#pragma   lumajit\tsaturate  \n" + body).code
    assert spaced == compile_shader(PRAGMA + body).code
