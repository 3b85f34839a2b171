"""What the builtin report (host/builtin_report.py) measures: each builtin
as a GLSL expression in x, y and z, its double-precision reference with
lumajit's documented Q16.16 edge behaviour (device/jit/builtins.py and
builtins_more.py: saturation, domains, clamps), the inputs it is sampled
on and its goal.

Inputs are raw Q16.16 integers (value * 2^16): x and y vary per point, z
per frame (so three-argument builtins see a few hundred values of z). Every
case samples its edges and special points, a dense sweep of the domain
artists use, and random values over the whole Q16.16 range.

Goals: issue 6's table where it gives one (sin, cos, sqrt, division,
atan, atan2, exp, exp2, log, log2, pow, inversesqrt, normalize), else the
bound builtins.py documents and tests/test_builtins.py asserts. A relative
goal is judged where it means something (`rel_floor`: below it, Q16.16's
own half LSB is more than the relative bound allows); the absolute error
over every input is reported beside it.
"""

import math

MAX = 0x7FFFFFFF
MIN = -MAX - 1
ONE = 65536
LSB = 1.0 / ONE
TOP = MAX * LSB                 # the largest Q16.16 value
BOTTOM = -32768.0


def sat(v):
    """v as Q16.16 saturates it."""
    return min(max(v, BOTTOM), TOP)


def raw(v):
    return int(round(v * ONE))


class Case:
    """One builtin. `expr` is GLSL over float x, y, z giving `channels`
    floats; `reference(x, y, z)` their exact values (a float or a tuple);
    `inputs(n, rng)` about n (x, y, z) raw triples. Goals: `max_lsb` (the
    largest error allowed, in LSB, or a function of the reference value),
    or `max_rel` relative where |reference| >= rel_floor (`relative_to`
    overrides the denominator); `cycles` per call, max over the sample.
    `pragma`: the text of a #pragma line the shader starts with;
    `in_range(x, y, z)` limits where the relative goal is judged."""

    def __init__(self, name, expr, reference, inputs, channels=1, max_lsb=None, max_rel=None,
                 rel_floor=0.0, relative_to=None, cycles=None, goal_text="", source="ours",
                 pragma=None, in_range=None):
        self.name = name
        self.expr = expr
        self.reference = reference
        self.inputs = inputs
        self.channels = channels
        self.max_lsb = max_lsb
        self.max_rel = max_rel
        self.rel_floor = rel_floor
        self.relative_to = relative_to
        self.cycles = cycles
        self.goal_text = goal_text
        self.source = source       # "issue 6" or "ours" (the documented bound)
        self.pragma = pragma       # a `#pragma` line the shader starts with
        self.in_range = in_range   # (x, y, z) -> whether a relative goal applies there

    def allowed_lsb(self, ref):
        if callable(self.max_lsb):
            return self.max_lsb(ref)
        return self.max_lsb


# ---- inputs -------------------------------------------------------------------

EDGES = [0, 1, -1, 2, -2, 3, 255, 32767, 32768, -32768, 65535, ONE, -ONE, 65537, 3 << 15,
         -(3 << 15), 1 << 20, -(1 << 20), 1 << 24, -(1 << 24), 1 << 30, -(1 << 30),
         MAX - 1, MAX, MIN + 1, MIN]


def span(lo, hi, n):
    """n raw values evenly from lo to hi (floats), both included."""
    a, b = raw(lo), raw(hi)
    if n < 2:
        return [a]
    return [a + (b - a) * i // (n - 1) for i in range(n)]


def uniform(rng, n, lo=BOTTOM, hi=TOP):
    a, b = raw(lo), raw(hi)
    return [rng.randint(a, b) for _ in range(n)]


def log_spread(rng, n, lo, hi, signed=True):
    """n raw values whose magnitudes are spread evenly in log2 from lo to
    hi (positive floats), with random signs when `signed`."""
    out = []
    a, b = math.log2(lo), math.log2(hi)
    for _ in range(n):
        v = min(max(raw(2 ** rng.uniform(a, b)), 1), MAX)
        out.append(-v if signed and rng.random() < 0.5 else v)
    return out


def unary(dense, wide=(BOTTOM, TOP), magnitudes=(LSB, TOP), extra=()):
    """Inputs of a one-argument builtin: the edges and `extra` points, 60 %
    evenly over `dense`, 20 % uniform over `wide` and 20 % log-spread
    over `magnitudes` (signed when wide reaches below 0)."""
    def inputs(n, rng):
        xs = EDGES + [raw(v) for v in extra]
        xs += span(dense[0], dense[1], n * 6 // 10)
        xs += uniform(rng, n // 5, *wide)
        xs += [v for v in log_spread(rng, n // 5, *magnitudes, signed=wide[0] < 0)
               if wide[0] <= v * LSB <= wide[1]]
        return [(x, 0, 0) for x in xs]
    return inputs


def binary(xs, ys, keep=lambda x, y: True):
    """Inputs of a two-argument builtin: every pair of edges that `keep`
    (of raw x, y) accepts, then pairs drawn from xs(k, rng) and ys(k, rng)
    (functions giving k raw values)."""
    def inputs(n, rng):
        pairs = [(a, b, 0) for a in EDGES for b in EDGES if keep(a, b)]
        k = max(n - len(pairs), 1)
        pairs += [(a, b, 0) for a, b in zip(xs(k, rng), ys(k, rng))]
        return pairs
    return inputs


def mixture(*parts):
    """A value source drawing k values from each (weight, source(k, rng))."""
    total = float(sum(w for w, _ in parts))

    def source(k, rng):
        out = []
        for w, part in parts:
            out += part(int(round(k * w / total)), rng)
        rng.shuffle(out)
        while len(out) < k:
            out.append(rng.choice(out))
        return out[:k]
    return source


def dense_of(lo, hi):
    return lambda k, rng: uniform(rng, k, lo, hi)


def logs(lo, hi, signed=True):
    return lambda k, rng: log_spread(rng, k, lo, hi, signed)


def vec3_of(hi):
    """Inputs of a vec3 builtin: components of magnitudes from 2^-10 to
    hi, spread in log2, with random signs; z per frame."""
    def inputs(n, rng):
        zs = log_spread(rng, 253, 2 ** -10, hi) + [0, 1, -1, ONE, -ONE]
        per = max(n // len(zs), 1)
        out = []
        for z in zs:
            out += [(x, y, z) for x, y in zip(log_spread(rng, per, 2 ** -10, hi),
                                               log_spread(rng, per, 2 ** -10, hi))]
        return out
    return inputs


def smoothstep_inputs(n, rng):
    # x from well below e0 to well above e1 = z (per frame), e0 = 0.
    zs = [raw(v) for v in (0.25, 0.5, 1.0, 2.0, 3.75, 10.0, 100.0)] + \
        log_spread(rng, 57, 2 ** -4, 2 ** 8, signed=False)
    per = max(n // len(zs), 1)
    return [(x, 0, z) for z in zs for x in span(-0.5 * z * LSB, 1.5 * z * LSB, per)]


# ---- references ------------------------------------------------------------------

def wrap(v):
    """v as plain Q16.16 arithmetic gives it: modulo 2^32 LSB."""
    r = raw(v) & 0xFFFFFFFF
    return (r - (r >> 31 << 32)) * LSB


def fits(x, y):
    return abs(x * y) >> 16 <= MAX


def div_ref(x, y, z):
    if y == 0:
        return 0.0 if x == 0 else (TOP if x > 0 else -TOP)
    return max(min(x / y, TOP), -TOP)


def mod_ref(x, y, z):
    a, b = raw(x), raw(y)
    return 0.0 if b == 0 else (a % b) * LSB     # Python's % is the floored remainder


def pow_ref(x, y, z):
    if x <= 0:
        return 0.0
    e = y * math.log2(x)
    return TOP if e >= 15 else sat(2.0 ** e)


def log2_ref(x, y, z):
    return BOTTOM if x <= 0 else math.log2(x)


def log_ref(x, y, z):
    return BOTTOM * math.log(2) if x <= 0 else math.log(x)


def exp_ref(x, y, z):
    return TOP if x > 11 else sat(math.exp(x))


def exp2_ref(x, y, z):
    return TOP if x >= 15 else sat(2.0 ** x)


def clamp1(x):
    return min(max(x, -1.0), 1.0)


def round_half_away(x):
    return math.floor(x + 0.5) if x >= 0 else -math.floor(-x + 0.5)


def smoothstep_ref(x, y, e1):
    t = min(max(x / e1, 0.0), 1.0)
    return t * t * (3 - 2 * t)


def length3(x, y, z):
    return math.sqrt(x * x + y * y + z * z)


def normalize_ref(x, y, z):
    n = length3(x, y, z)
    return (0.0, 0.0, 0.0) if n == 0 else (x / n, y / n, z / n)


def exp_allowed(ref):
    # sinh and cosh add or subtract two exp2 results, each rounded (0.5
    # LSB) and within 1e-5 relative, whose exponents share x log2(e)'s
    # truncation (up to 1 LSB of the exponent, 0.35 LSB of e^x / 2 near
    # 0, in opposite directions): 2 LSB plus 2e-5 of the result.
    return 2 + 2e-5 * abs(ref) * ONE


def acosh_allowed(ref):
    # Near x = 1 acosh is steep (its slope 1 / sinh(acosh x) is infinite
    # at 1): x^2 - 1's last bit there is worth more than 3 LSB.
    return 3 + 0.5 / max(math.sinh(ref), 1e-9)


def tan_allowed(ref):
    # sin and cos are each within 4 LSB; their quotient's error grows as
    # 1 / cos^2 = 1 + tan^2.
    return 2 + 9 * (1 + ref * ref)


# ---- the builtins ----------------------------------------------------------------

TRIG = dict(dense=(-8 * math.pi, 8 * math.pi), magnitudes=(LSB, TOP))
ALL = dense_of(BOTTOM, TOP)

CASES = [
    Case("sin", "sin(x)", lambda x, y, z: math.sin(x), unary(**TRIG), max_lsb=4, cycles=60,
         source="issue 6"),
    Case("cos", "cos(x)", lambda x, y, z: math.cos(x), unary(**TRIG), max_lsb=4, cycles=60,
         source="issue 6"),
    Case("tan", "tan(x)", lambda x, y, z: sat(math.tan(x)),
         unary((-1.5, 1.5), wide=(-1.5, 1.5), magnitudes=(LSB, 1.5)), max_lsb=tan_allowed,
         goal_text="2+9(1+tan^2) LSB, |x| <= 1.5"),
    Case("asin", "asin(x)", lambda x, y, z: math.asin(clamp1(x)),
         unary((-1.0, 1.0), extra=(-1.5, 1.5, -1.0, 1.0)), max_lsb=4),
    Case("acos", "acos(x)", lambda x, y, z: math.acos(clamp1(x)),
         unary((-1.0, 1.0), extra=(-1.5, 1.5, -1.0, 1.0)), max_lsb=4),
    Case("atan", "atan(x)", lambda x, y, z: math.atan(x), unary((-64.0, 64.0)), max_lsb=8,
         cycles=90, source="issue 6"),
    Case("atan2", "atan(x, y)", lambda x, y, z: 0.0 if x == y == 0 else math.atan2(x, y),
         binary(mixture((3, dense_of(-4, 4)), (1, ALL), (2, logs(LSB, TOP))),
                mixture((3, dense_of(-4, 4)), (1, ALL), (2, logs(LSB, TOP)))),
         max_lsb=8, cycles=90, source="issue 6"),
    Case("sinh", "sinh(x)", lambda x, y, z: sat(math.sinh(x)) if abs(x) < 12 else
         math.copysign(TOP, x), unary((-11.0, 11.0)), max_lsb=exp_allowed,
         goal_text="2 LSB + 0.002% rel"),
    Case("cosh", "cosh(x)", lambda x, y, z: sat(math.cosh(x)) if abs(x) < 12 else TOP,
         unary((-11.0, 11.0)), max_lsb=exp_allowed, goal_text="2 LSB + 0.002% rel"),
    Case("tanh", "tanh(x)", lambda x, y, z: math.tanh(x), unary((-13.0, 13.0)), max_lsb=2),
    Case("asinh", "asinh(x)", lambda x, y, z: math.asinh(x), unary((-200.0, 200.0)), max_lsb=3),
    Case("acosh", "acosh(x)", lambda x, y, z: math.acosh(max(x, 1.0)),
         unary((1.0, 200.0), extra=(0.5, -3.0)), max_lsb=acosh_allowed,
         goal_text="3 LSB + half the input's LSB x slope"),
    Case("atanh", "atanh(x)", lambda x, y, z: math.atanh(min(max(x, -1 + LSB), 1 - LSB)),
         unary((-0.999, 0.999), extra=(1.0, -1.0, 2.0)), max_lsb=2),
    Case("exp", "exp(x)", exp_ref, unary((-12.0, 11.0)), max_rel=5e-4, rel_floor=1.0 / 64,
         cycles=120, source="issue 6"),
    Case("exp2", "exp2(x)", exp2_ref, unary((-17.0, 15.0)), max_rel=5e-4, rel_floor=1.0 / 64,
         cycles=120, source="issue 6"),
    Case("log", "log(x)", log_ref, unary((LSB, 16.0), magnitudes=(LSB, TOP)), max_rel=5e-4,
         rel_floor=1.0 / 32, cycles=120, source="issue 6"),
    Case("log2", "log2(x)", log2_ref, unary((LSB, 16.0), magnitudes=(LSB, TOP)), max_rel=5e-4,
         rel_floor=1.0 / 32, cycles=120, source="issue 6"),
    Case("pow", "pow(x, y)", pow_ref,
         binary(mixture((2, dense_of(0, 8)), (2, logs(2 ** -8, 2 ** 10, False)), (1, ALL)),
                mixture((3, dense_of(-8, 8)), (1, dense_of(-0.5, 0.5)), (1, ALL))),
         max_rel=1e-3, rel_floor=1.0 / 64, cycles=250, source="issue 6",
         in_range=lambda x, y, z: abs(y) <= 128,
         goal_text="0.1% rel for |y| <= 128"),
    Case("sqrt", "sqrt(x)", lambda x, y, z: math.sqrt(max(x, 0.0)),
         unary((0.0, 64.0), magnitudes=(LSB, TOP)), max_lsb=1, cycles=60, source="issue 6",
         goal_text="exact floor"),
    Case("inversesqrt", "inversesqrt(x)",
         lambda x, y, z: TOP if x <= 0 else sat(1 / math.sqrt(x)),
         unary((LSB, 64.0), magnitudes=(LSB, TOP)), max_rel=5e-4, rel_floor=1.0 / 32,
         cycles=90, source="issue 6"),
    Case("division", "x / y", div_ref,
         binary(mixture((3, dense_of(-64, 64)), (2, logs(LSB, TOP)), (1, ALL)),
                mixture((3, dense_of(-16, 16)), (2, logs(LSB, TOP)), (1, ALL))),
         max_lsb=1, cycles=45, source="issue 6"),
    Case("add", "x + y", lambda x, y, z: wrap(x + y), binary(ALL, ALL), max_lsb=0,
         goal_text="exact (wraps)"),
    Case("multiply", "x * y", lambda x, y, z: x * y,
         binary(mixture((1, dense_of(-181, 181)), (1, logs(LSB, 181))),
                mixture((1, dense_of(-181, 181)), (1, logs(LSB, 181))), keep=fits),
         max_lsb=1, goal_text="1 LSB (truncated)"),
    Case("add (saturate)", "x + y", lambda x, y, z: sat(x + y), binary(ALL, ALL), max_lsb=0,
         pragma="lumajit saturate", goal_text="exact, saturates"),
    Case("multiply (saturate)", "x * y", lambda x, y, z: sat(x * y),
         binary(mixture((1, ALL), (1, logs(LSB, TOP))), mixture((1, ALL), (1, logs(LSB, TOP)))),
         max_lsb=1, pragma="lumajit saturate", goal_text="1 LSB, saturates"),
    Case("mod", "mod(x, y)", mod_ref,
         binary(mixture((3, dense_of(-64, 64)), (1, ALL)),
                mixture((3, dense_of(-8, 8)), (1, logs(LSB, TOP)))),
         max_lsb=0),
    Case("floor", "floor(x)", lambda x, y, z: math.floor(x), unary((-8.0, 8.0)), max_lsb=0),
    Case("ceil", "ceil(x)", lambda x, y, z: wrap(math.ceil(x)), unary((-8.0, 8.0)), max_lsb=0),
    Case("fract", "fract(x)", lambda x, y, z: x - math.floor(x), unary((-8.0, 8.0)), max_lsb=0),
    Case("trunc", "trunc(x)", lambda x, y, z: math.trunc(x), unary((-8.0, 8.0)), max_lsb=0),
    Case("round", "round(x)", lambda x, y, z: wrap(round_half_away(x)), unary((-8.0, 8.0)),
         max_lsb=0, goal_text="exact, halves away from 0 (wraps)"),
    Case("roundEven", "roundEven(x)", lambda x, y, z: wrap(round(x)), unary((-8.0, 8.0)),
         max_lsb=0),
    Case("abs", "abs(x)", lambda x, y, z: wrap(abs(x)), unary((-8.0, 8.0)), max_lsb=0),
    Case("sign", "sign(x)", lambda x, y, z: (x > 0) - (x < 0), unary((-2.0, 2.0)), max_lsb=0),
    Case("min", "min(x, y)", lambda x, y, z: min(x, y), binary(ALL, ALL), max_lsb=0),
    Case("max", "max(x, y)", lambda x, y, z: max(x, y), binary(ALL, ALL), max_lsb=0),
    Case("clamp", "clamp(x, -1.5, y)", lambda x, y, z: min(max(x, -1.5), y),
         binary(dense_of(-4, 4), dense_of(-1, 3)), max_lsb=0),
    Case("step", "step(y, x)", lambda x, y, z: 0.0 if x < y else 1.0, binary(ALL, ALL),
         max_lsb=0),
    Case("mix", "mix(x, y, z)", lambda x, y, z: x + (y - x) * z,
         lambda n, rng: [(a, b, c) for c in span(-0.5, 1.5, 64)
                         for a, b in zip(uniform(rng, n // 64, -100, 100),
                                         uniform(rng, n // 64, -100, 100))],
         max_lsb=1),
    Case("smoothstep", "smoothstep(0.0, z, x)", smoothstep_ref, smoothstep_inputs,
         max_lsb=3.5, goal_text="3.5 LSB (edges not constant)"),
    Case("length", "length(vec3(x, y, z))", length3, vec3_of(4096.0), max_lsb=1,
         goal_text="exact floor"),
    Case("distance", "distance(vec3(x, y, z), vec3(0.25, -0.5, 1.0))",
         lambda x, y, z: length3(x - 0.25, y + 0.5, z - 1.0), vec3_of(4096.0), max_lsb=1,
         goal_text="exact floor"),
    Case("normalize", "normalize(vec3(x, y, z))", normalize_ref, vec3_of(4096.0), channels=3,
         max_rel=5e-4, relative_to=lambda ref: 1.0, cycles=160, source="issue 6",
         goal_text="0.05% of |v|"),
    Case("dot", "dot(vec3(x, y, z), vec3(y, z, x))", lambda x, y, z: sat(x * y + y * z + z * x),
         vec3_of(90.0), max_lsb=3, goal_text="3 LSB (3 truncated products)"),
]
