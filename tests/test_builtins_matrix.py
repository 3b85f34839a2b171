"""The matrix builtins (device/jit/builtins_more.py): matrixCompMult,
outerProduct, transpose, determinant and inverse, compiled in shaders and
run on the emulated C3 against exact Python arithmetic on the same Q16.16
entries (multiples of 1/8, so every entry is exact).

Tolerances: determinant and inverse are sums of truncating Q16.16
products (each loses under 1 LSB); inverse divides the adjugate by the
determinant entry by entry, so its error is the adjugate's divided by the
determinant: the matrices here are well conditioned (|det| >= 1)."""

from fractions import Fraction

import pytest

from device.jit.compiler import compile_shader, CompileError
from host.render import render

LSB = 1.0 / 65536
MAIN = "vec4 main(vec2 fragCoord, vec2 outputSize, float time) {\n%s\n}\n"
SAMPLES = 8   # matrices per size: one per pixel, t = 0..7


def pixels(body, w=SAMPLES):
    rgba = render(compile_shader(MAIN % body), w, 1, 0.0).rgba
    return [tuple(rgba[i:i + 4]) for i in range(0, len(rgba), 4)]


def entries(n, t):
    # Column-major entries of sample t: diagonally dominant, so |det| >= 1;
    # multiples of 1/8, exact in Q16.16.
    out = []
    for c in range(n):
        for r in range(n):
            base = 3 if r == c else ((r * 5 + c * 3) % 7 - 3) / 8.0
            out.append(base + t * (((r + 2 * c) % 5) - 2) / 8.0 * (r != c))
    return out


def matrix_source(n):
    # The same entries as GLSL: t is the pixel's column.
    terms = []
    for c in range(n):
        for r in range(n):
            base = 3 if r == c else ((r * 5 + c * 3) % 7 - 3) / 8.0
            slope = (((r + 2 * c) % 5) - 2) / 8.0 * (r != c)
            terms.append("%r + t * %r" % (float(base), float(slope)))
    return "float t = fragCoord.x - 0.5;\nmat%d m = mat%d(%s);\n" % (n, n, ", ".join(terms))


def columns(values, n):
    return [values[c * n:(c + 1) * n] for c in range(n)]


def at(values, n, r, c):
    return values[c * n + r]


def determinant(values, n):
    if n == 1:
        return values[0]
    total = 0
    for c in range(n):
        minor = [at(values, n, r, cc) for cc in range(n) if cc != c for r in range(1, n)]
        total += (-1) ** c * at(values, n, 0, c) * determinant(minor, n - 1)
    return total


def inverse(values, n):
    # Gauss-Jordan in exact fractions; column-major result.
    a = [[Fraction(at(values, n, r, c)) for c in range(n)]
         + [Fraction(int(r == c)) for c in range(n)] for r in range(n)]
    for c in range(n):
        p = next(r for r in range(c, n) if a[r][c] != 0)
        a[c], a[p] = a[p], a[c]
        pivot = a[c][c]
        a[c] = [x / pivot for x in a[c]]
        for r in range(n):
            if r != c and a[r][c] != 0:
                k = a[r][c]
                a[r] = [x - k * y for x, y in zip(a[r], a[c])]
    return [float(a[r][n + c]) for c in range(n) for r in range(n)]


def read_matrix(n, expr):
    """The n x n matrix expr for every sample, column-major."""
    out = [[] for _ in range(SAMPLES)]
    for c in range(n):
        pad = ", 0.0" * (4 - n)
        rows = pixels(matrix_source(n) + "return vec4((%s)[%d]%s);" % (expr, c, pad))
        for t in range(SAMPLES):
            out[t] += list(rows[t][:n])
    return out


@pytest.mark.parametrize("n", [2, 3, 4])
def test_determinant(n):
    got = pixels(matrix_source(n) + "return vec4(determinant(m));")
    for t in range(SAMPLES):
        want = determinant(entries(n, t), n)
        # n! products of n factors, each product truncated at most n - 1 times
        assert abs(got[t][0] - want) <= 4 * n * LSB * max(1.0, abs(want)), (t, got[t][0], want)


@pytest.mark.parametrize("n", [2, 3, 4])
def test_inverse(n):
    got = read_matrix(n, "inverse(m)")
    worst = 0.0
    for t in range(SAMPLES):
        want = inverse(entries(n, t), n)
        worst = max(worst, max(abs(g - w) for g, w in zip(got[t], want)) / LSB)
    print("inverse mat%d: max error %.2f LSB" % (n, worst))
    assert worst <= 16


@pytest.mark.parametrize("n", [2, 3, 4])
def test_inverse_times_matrix_is_identity(n):
    got = read_matrix(n, "inverse(m) * m")
    for t in range(SAMPLES):
        for i, g in enumerate(got[t]):
            assert abs(g - (1.0 if i % (n + 1) == 0 else 0.0)) <= 64 * LSB, (t, i, g)


@pytest.mark.parametrize("n", [2, 3, 4])
def test_transpose_and_matrix_comp_mult(n):
    transposed = read_matrix(n, "transpose(m)")
    product = read_matrix(n, "matrixCompMult(m, transpose(m))")
    for t in range(SAMPLES):
        e = entries(n, t)
        assert transposed[t] == [at(e, n, c, r) for c in range(n) for r in range(n)]
        want = [at(e, n, r, c) * at(e, n, c, r) for c in range(n) for r in range(n)]
        assert all(abs(g - w) <= LSB for g, w in zip(product[t], want)), t


@pytest.mark.parametrize("n", [2, 3, 4])
def test_outer_product(n):
    a = "vec%d(%s)" % (n, ", ".join("%r + t" % (0.5 * i - 1) for i in range(n)))
    b = "vec%d(%s)" % (n, ", ".join("%r" % (0.25 * i + 0.125) for i in range(n)))
    got = read_matrix(n, "outerProduct(%s, %s)" % (a, b))
    for t in range(SAMPLES):
        want = [(0.5 * r - 1 + t) * (0.25 * c + 0.125) for c in range(n) for r in range(n)]
        assert got[t] == want, t


def test_non_square_outer_product_and_transpose_without_naming_the_type():
    got = pixels("vec2 c = outerProduct(vec3(1.0, 2.0, 3.0), vec2(1.0, 10.0))[1].yz;\n"
                 "vec2 r = transpose(outerProduct(vec3(1.0, 2.0, 3.0), vec2(1.0, 10.0)))[2];\n"
                 "return vec4(c, r);", 1)
    assert got[0] == (20.0, 30.0, 3.0, 30.0)


def test_non_square_matrix_variables():
    got = pixels("mat2x3 m = outerProduct(vec3(1.0, 2.0, 3.0), vec2(1.0, 10.0));\n"
                 "mat3x2 n = transpose(m);\n"
                 "return vec4(m[1], n[2].y);", 1)
    assert got[0] == (10.0, 20.0, 30.0, 30.0)


@pytest.mark.parametrize("expr, message", [
    ("determinant(outerProduct(vec3(1.0), vec2(1.0)))",
     "no matching overload for determinant(mat2x3)"),
    ("inverse(vec4(1.0))", "no matching overload for inverse(vec4)"),
    ("matrixCompMult(mat2(1.0), mat3(1.0))",
     "no matching overload for matrixCompMult(mat2, mat3)"),
    ("transpose(mat2(1.0), mat2(1.0))",
     "wrong number of arguments to 'transpose': expected 1, got 2"),
    ("outerProduct(vec2(1.0), 1.0)", "no matching overload for outerProduct(vec2, float)"),
])
def test_matrix_overload_errors(expr, message):
    with pytest.raises(CompileError) as info:
        compile_shader(MAIN % ("float r = float(%s);\nreturn vec4(r);" % expr))
    assert info.value.message == message
