"""What a value of a generated program can be, on both sides of the
differential test (host/fuzz_gen.py): lumajit's Q16.16 and Mesa's float32.

A scalar is a Num: its kind ('f' float, 'i' int, 'u' uint, 'b' bool), an
interval [lo, hi] holding the value on *both* sides, and for floats `err`,
a bound on |lumajit's value - Mesa's value|. A float is *exact* (fb not
None, err 0) when both sides hold the same dyadic number k / 2^fb: fb <= 16
(Q16.16 has it) and |k| < 2^24 (float32 has it). Exact values stay exact
through + - * and the rounding functions while the bits fit; anything else
(a division by a non-power of two, sin, a decimal literal) makes the value
inexact, and each operation then adds its own rounding to err:

  * lumajit: 1 LSB for a truncating product or quotient, and each builtin's
    goal from host/builtin_cases.py (the bound tests/test_builtin_report.py
    holds it to);
  * Mesa (llvmpipe, float32): half an ulp for + - *, an ulp for a division,
    and for the builtins what a sweep against double measured, doubled
    (MESA_BUILTIN_ERR below).

Propagated error uses each operation's slope over the interval: for a * b
it is |a| err_b + |b| err_a. Operations that are not continuous (floor,
fract, step, comparisons, int(x), mod...) need exact operands: then both
sides take the same side of every edge, and a branch can never flip. The
functions here raise Domain(arg, want) when an operand does not meet an
operation's precondition: `arg` is the index of the operand to replace
(None: the result itself is out of range) and `want` an interval (lo, hi)
a literal replacing it must lie in (None: any value of its type).
"""

import math
import struct

from host import builtin_cases

U = 1.0 / 65536                 # one Q16.16 step (LSB)
LIMIT = 30000.0                 # no float may come near Q16.16's wrap at 32768
INEXACT_LIMIT = 2048.0          # past this float32's own rounding is 2^-13: noise
MAX_ERR = 1.0 / 128             # an intermediate this far apart carries no meaning
DIV_MIN = 0.25                  # a divisor (log's, sqrt's argument...) at least this far from 0
INT_MIN = -2 ** 31
INT_MAX = 2 ** 31 - 1
UINT_MAX = 2 ** 32 - 1
F32_MANTISSA = 2 ** 24

# Mesa's own error per builtin, absolute, for results of magnitude <= 1
# (scaled by the magnitude above 1): measured over each builtin's domain
# below against double (llvmpipe, Mesa 22.3), then doubled. asin and acos
# are polynomial approximations in Mesa's GLSL front end (23 and 10 LSB).
MESA_BUILTIN_ERR = {"asin": 7.1e-4, "acos": 3.2e-4}
MESA_DEFAULT_ERR = 8e-6


class Domain(Exception):
    """An operand out of an operation's domain (see the module's docstring)."""

    def __init__(self, arg, want, why=""):
        Exception.__init__(self, why)
        self.arg = arg
        self.want = want
        self.why = why


class Num:
    __slots__ = ("kind", "lo", "hi", "err", "fb")

    def __init__(self, kind, lo, hi, err=0.0, fb=None):
        self.kind = kind
        self.lo = lo
        self.hi = hi
        self.err = err
        self.fb = fb

    @property
    def exact(self):
        return self.kind != "f" or self.fb is not None

    @property
    def mag(self):
        return max(abs(self.lo), abs(self.hi))

    @property
    def const(self):
        return self.lo == self.hi and self.exact

    def __repr__(self):
        if self.kind == "f":
            return "f[%g,%g]%s" % (self.lo, self.hi, " fb%d" % self.fb if self.exact
                                   else " err%.2gLSB" % (self.err / U))
        return "%s[%d,%d]" % (self.kind, self.lo, self.hi)


# ---- making numbers -------------------------------------------------------------

def f32(v):
    """v rounded to float32."""
    return struct.unpack("<f", struct.pack("<f", v))[0]


def _check_range(lo, hi, limit=LIMIT):
    if max(abs(lo), abs(hi)) > limit:
        raise Domain(None, None, "out of range")


def exact(lo, hi, fb):
    """A float both sides hold exactly, if its bits fit both; else the
    rounding each side does (Q16.16 truncates past 16 fraction bits,
    float32 rounds past 24 significant ones)."""
    _check_range(lo, hi)
    fb = max(fb, 0)
    m = max(abs(lo), abs(hi))
    if fb <= 16 and m * 2 ** fb < F32_MANTISSA:
        return Num("f", lo, hi, 0.0, fb)
    own = (U if fb > 16 else 0.0) + m * 2.0 ** -24
    return inexact(lo - own, hi + own, own)


def inexact(lo, hi, err):
    _check_range(lo, hi, INEXACT_LIMIT)
    if err > MAX_ERR:
        raise Domain(None, None, "too far apart")
    return Num("f", lo, hi, err)


def fraction_bits(v):
    """The fraction bits of v if it is a dyadic number with at most 16 of
    them, else None."""
    for fb in range(17):
        scaled = v * 2 ** fb
        if scaled == int(scaled):
            return fb
    return None


def float_literal(v):
    """A literal's value: exact when dyadic; otherwise both sides round it
    (lumajit to the nearest 1/65536, float32 to its nearest)."""
    fb = fraction_bits(v)
    if fb is not None:
        return exact(v, v, fb)
    q = round(v * 65536) / 65536.0
    s = f32(v)
    return inexact(min(q, s), max(q, s), abs(q - s))


def integer(kind, lo, hi=None):
    return Num(kind, lo, lo if hi is None else hi)


def boolean(lo=0, hi=1):
    return Num("b", lo, hi)


def join(a, b):
    """Either of two values (after an if, or a loop's exits)."""
    if a is None or b is None:
        return None                       # maybe undefined: reading it is refused
    if isinstance(a, tuple):
        return tuple(join(x, y) for x, y in zip(a, b))
    if a.kind != "f":
        return Num(a.kind, min(a.lo, b.lo), max(a.hi, b.hi))
    if a.fb is not None and b.fb is not None:
        return Num("f", min(a.lo, b.lo), max(a.hi, b.hi), 0.0, max(a.fb, b.fb))
    return Num("f", min(a.lo, b.lo), max(a.hi, b.hi), max(a.err, b.err))


def need_exact(x, arg):
    if not x.exact:
        raise Domain(arg, (x.lo, x.hi), "needs an exact operand")


def _hull(values):
    return min(values), max(values)


# ---- float arithmetic --------------------------------------------------------------

def neg(a):
    if a.kind == "f":
        return Num("f", -a.hi, -a.lo, a.err, a.fb)
    if a.kind == "i":
        if a.lo == INT_MIN:
            raise Domain(0, (-1000, 1000), "-INT_MIN overflows")
        return Num("i", -a.hi, -a.lo)
    return Num("u", 0, UINT_MAX)          # -u wraps


def add(a, b, sign=1):
    if a.kind != "f":
        return int_op("+" if sign > 0 else "-", a, b)
    if sign < 0:
        b = neg(b)
    lo, hi = a.lo + b.lo, a.hi + b.hi
    if a.fb is not None and b.fb is not None:
        return exact(lo, hi, max(a.fb, b.fb))
    own = max(abs(lo), abs(hi)) * 2.0 ** -24
    return inexact(lo - own, hi + own, a.err + b.err + own)


def mul(a, b):
    if a.kind != "f":
        return int_op("*", a, b)
    lo, hi = _hull((a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi))
    if a is b:                            # a square is never negative
        lo = 0.0 if a.lo <= 0.0 <= a.hi else min(a.lo * a.lo, a.hi * a.hi)
    if a.fb is not None and b.fb is not None:
        return exact(lo, hi, a.fb + b.fb)
    own = U + max(abs(lo), abs(hi)) * 2.0 ** -24      # Q16.16 truncates; float32 rounds
    return inexact(lo - own, hi + own, a.mag * b.err + b.mag * a.err + own)


def _power_of_two(b):
    """k when b is the constant +-2^k, else None."""
    if not b.const or b.lo == 0:
        return None
    k = math.log2(abs(b.lo))
    return int(k) if k == int(k) else None


def div(a, b):
    if a.kind != "f":
        return int_op("/", a, b)
    smallest = 0.0 if b.lo <= 0.0 <= b.hi else min(abs(b.lo), abs(b.hi))
    if smallest < DIV_MIN:
        raise Domain(1, (DIV_MIN, 4.0), "divisor near 0")
    lo, hi = _hull((a.lo / b.lo, a.lo / b.hi, a.hi / b.lo, a.hi / b.hi))
    k = _power_of_two(b)
    if a.fb is not None and k is not None:
        return exact(lo, hi, a.fb + k)
    # Q16.16 truncates the quotient; float32 takes a reciprocal (an ulp).
    own = U + max(abs(lo), abs(hi)) * 2.0 ** -23
    err = a.err / smallest + a.mag * b.err / (smallest * (smallest - b.err)) + own
    return inexact(lo - own, hi + own, err)


def fabs(a):
    if a.kind != "f":
        if a.kind == "i" and a.lo == INT_MIN:
            raise Domain(0, (-1000, 1000), "abs(INT_MIN) overflows")
        lo = 0 if a.lo <= 0 <= a.hi else min(abs(a.lo), abs(a.hi))
        return Num(a.kind, lo, a.mag)
    lo = 0.0 if a.lo <= 0.0 <= a.hi else min(abs(a.lo), abs(a.hi))
    return Num("f", lo, a.mag, a.err, a.fb)


def fmin(a, b):
    return _min_max(a, b, min)


def fmax(a, b):
    return _min_max(a, b, max)


def _min_max(a, b, pick):
    lo, hi = pick(a.lo, b.lo), pick(a.hi, b.hi)
    if a.kind != "f":
        return Num(a.kind, lo, hi)
    if a.fb is not None and b.fb is not None:
        return Num("f", lo, hi, 0.0, max(a.fb, b.fb))
    return Num("f", lo, hi, max(a.err, b.err))


def clamp(x, lo, hi):
    # GLSL leaves clamp undefined when lo > hi; the two must not cross.
    if lo.hi > hi.lo:
        raise Domain(2, (lo.hi + 1, lo.hi + 2) if x.kind != "f" else (lo.hi + 0.5, lo.hi + 1.0),
                     "clamp bounds may cross")
    return fmin(fmax(x, lo), hi)


def compare(op, a, b):
    """a op b for scalars: both sides agree only on exact operands (or
    intervals apart by more than their errors)."""
    if a.kind == "f" and not (a.exact and b.exact):
        apart = (a.hi + a.err < b.lo - b.err) or (b.hi + b.err < a.lo - a.err)
        if not apart:
            need_exact(a, 0)
            need_exact(b, 1)
    if op in ("==", "!="):
        same_const = a.lo == a.hi == b.lo == b.hi
        overlap = not (a.hi < b.lo or b.hi < a.lo)
        yes = same_const
        maybe = overlap
        if op == "!=":
            yes, maybe = not overlap, not same_const
    else:
        if op in ("<", ">="):
            yes, maybe = a.hi < b.lo, a.lo < b.hi
        else:                           # <= and >
            yes, maybe = a.hi <= b.lo, a.lo <= b.hi
        if op in (">=", ">"):
            yes, maybe = not maybe, not yes
    return boolean(1 if yes else 0, 1 if maybe else 0)


# ---- integers ------------------------------------------------------------------

def _int_result(kind, lo, hi):
    if kind == "u":
        if lo < 0 or hi > UINT_MAX:
            return Num("u", 0, UINT_MAX)     # wraps: any value
        return Num("u", lo, hi)
    if lo < INT_MIN or hi > INT_MAX:
        raise Domain(None, None, "int overflow")   # signed overflow: avoided
    return Num("i", lo, hi)


def _trunc_div(x, y):
    q = abs(x) // abs(y)
    return q if (x >= 0) == (y >= 0) else -q


def _bits_up_to(v):
    return (1 << max(int(v).bit_length(), 0)) - 1


def int_op(op, a, b):
    k = a.kind
    full = Num(k, 0, UINT_MAX) if k == "u" else Num(k, INT_MIN, INT_MAX)
    if op == "+":
        return _int_result(k, a.lo + b.lo, a.hi + b.hi)
    if op == "-":
        return _int_result(k, a.lo - b.hi, a.hi - b.lo)
    if op == "*":
        return _int_result(k, *_hull((a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi)))
    if op == "/":
        if b.lo <= 0 <= b.hi:
            raise Domain(1, (1, 7), "integer division by 0")
        return _int_result(k, *_hull([_trunc_div(x, y) for x in (a.lo, a.hi)
                                      for y in (b.lo, b.hi)]))
    if op == "%":
        # GLSL leaves % of negative operands undefined (Mesa and lumajit differ).
        if a.lo < 0:
            raise Domain(0, (0, 99), "% of a negative number")
        if b.lo < 1:
            raise Domain(1, (1, 7), "% by a number below 1")
        return Num(k, 0, min(a.hi, b.hi - 1))
    if op in ("<<", ">>"):
        if b.lo < 0 or b.hi > 31:
            raise Domain(1, (0, 31), "shift count outside 0..31")
        if op == ">>":
            return Num(k, *_hull([x >> s for x in (a.lo, a.hi) for s in (b.lo, b.hi)]))
        if a.lo >= 0 and (a.hi << b.hi) <= (UINT_MAX if k == "u" else INT_MAX):
            return Num(k, a.lo << b.lo, a.hi << b.hi)
        return full
    if a.lo >= 0 and b.lo >= 0:                # & | ^ of non-negative numbers
        if op == "&":
            return Num(k, 0, min(a.hi, b.hi))
        return Num(k, 0, _bits_up_to(max(a.hi, b.hi)))
    if op == "&" and (a.lo >= 0 or b.lo >= 0):
        return Num(k, 0, a.hi if a.lo >= 0 else b.hi)
    return full


def bit_not(a):
    if a.kind == "u":
        return Num("u", UINT_MAX - a.hi, UINT_MAX - a.lo)
    return Num("i", -a.hi - 1, -a.lo - 1)


# ---- conversions --------------------------------------------------------------------

def convert(x, kind, arg=0):
    """x as a scalar of another kind, as a constructor converts it."""
    if x.kind == kind:
        return x
    if kind == "f":
        if x.kind == "b":
            return Num("f", x.lo, x.hi, 0.0, 0)
        if x.lo < -LIMIT or x.hi > LIMIT:
            raise Domain(arg, (0, 255), "int too large for Q16.16")
        return Num("f", float(x.lo), float(x.hi), 0.0, 0)
    if kind == "b":
        if x.kind == "f":
            need_exact(x, arg)
        return boolean(0 if x.lo <= 0 <= x.hi else 1, 0 if x.lo == x.hi == 0 else 1)
    if x.kind == "b":
        return Num(kind, x.lo, x.hi)
    if x.kind == "f":                   # truncation: an edge at every integer
        need_exact(x, arg)
        if kind == "u" and x.lo < 0:
            raise Domain(arg, (0.0, 16.0), "uint of a negative float")
        return Num(kind, int(x.lo), int(x.hi))
    if kind == "u":                     # int -> uint: the same bits
        return Num("u", x.lo, x.hi) if x.lo >= 0 else Num("u", 0, UINT_MAX)
    return Num("i", x.lo, x.hi) if x.hi <= INT_MAX else Num("i", INT_MIN, INT_MAX)


# ---- builtins on floats ---------------------------------------------------------------

_CASES = {case.name: case for case in builtin_cases.CASES}


def lumajit_err(name, refs):
    """lumajit's bound for builtin `name` (host/builtin_cases.py's goal),
    for results in `refs` (the interval's ends), in value units."""
    case = _CASES[name]
    if case.max_lsb is not None:
        return max(case.allowed_lsb(r) for r in refs) * U
    return case.max_rel * max(max(abs(r) for r in refs), case.rel_floor) + U


def _apply(name, x, image, slope):
    """A continuous builtin: `image` its result interval over x's,
    `slope` the largest |f'| there."""
    lo, hi = image
    own = lumajit_err(name, (lo, hi)) + \
        MESA_BUILTIN_ERR.get(name, MESA_DEFAULT_ERR) * max(1.0, abs(lo), abs(hi))
    return inexact(lo - own, hi + own, slope * x.err + own)


def _range_sin(lo, hi, phase):
    """The image of sin(x + phase) over [lo, hi]."""
    if hi - lo >= 2 * math.pi:
        return -1.0, 1.0
    values = [math.sin(lo + phase), math.sin(hi + phase)]
    k = math.ceil((lo + phase - math.pi / 2) / math.pi)
    while k * math.pi + math.pi / 2 <= hi + phase:
        values.append(math.sin(k * math.pi + math.pi / 2))
        k += 1
    return min(values), max(values)


def _within(x, lo, hi, arg=0):
    if x.lo < lo or x.hi > hi:
        raise Domain(arg, (lo, hi), "outside the domain")


def _monotonic(name, x, f, slope, lo=-LIMIT, hi=LIMIT):
    _within(x, lo, hi)
    a, b = f(x.lo), f(x.hi)
    return _apply(name, x, (min(a, b), max(a, b)), slope)


# Each builtin's domain here is narrower than GLSL's: where its slope is
# moderate (asin's is infinite at +-1), its value small enough for the
# relative error goals (exp's 0.05 % of e^3 is already 650 LSB) and its
# argument away from what Q16.16 cannot say (log of 0).
def sin_(x):
    _within(x, -256.0, 256.0)
    return _apply("sin", x, _range_sin(x.lo, x.hi, 0.0), 1.0)


def cos_(x):
    _within(x, -256.0, 256.0)
    return _apply("cos", x, _range_sin(x.lo, x.hi, math.pi / 2), 1.0)


def tan_(x):
    _within(x, -1.2, 1.2)
    t = math.tan(x.mag)
    return _apply("tan", x, (math.tan(x.lo), math.tan(x.hi)), 1 + t * t)


def asin_(x):
    return _monotonic("asin", x, math.asin, 1 / math.sqrt(1 - 0.81), -0.9, 0.9)


def acos_(x):
    return _monotonic("acos", x, math.acos, 1 / math.sqrt(1 - 0.81), -0.9, 0.9)


def atan_(x):
    return _monotonic("atan", x, math.atan, 1.0, -256.0, 256.0)


def atan2_(y, x):
    # The branch cut (x < 0, y = 0) must not be reachable, and the slope
    # 1/r must stay moderate: x >= 1/4, or y away from 0 by 1/4.
    if x.lo < DIV_MIN and (y.lo <= DIV_MIN and y.hi >= -DIV_MIN):
        raise Domain(1, (DIV_MIN, 2.0), "atan(y, x) near its branch cut")
    _within(y, -256.0, 256.0, 0)
    _within(x, -256.0, 256.0, 1)
    angles = [math.atan2(a, b) for a in (y.lo, y.hi) for b in (x.lo, x.hi)]
    if x.lo < 0 and y.lo <= 0 <= y.hi:
        raise Domain(1, (DIV_MIN, 2.0), "atan(y, x) near its branch cut")
    if x.lo <= 0 <= x.hi:               # straight up or down on the way
        angles += [math.pi / 2] if y.lo > 0 else [-math.pi / 2] if y.hi < 0 else []
    if y.lo <= 0 <= y.hi:
        angles.append(0.0)
    r = max(DIV_MIN, min(abs(v) for v in (x.lo, x.hi)) if not x.lo <= 0 <= x.hi else 0.0,
            min(abs(v) for v in (y.lo, y.hi)) if not y.lo <= 0 <= y.hi else 0.0)
    lo, hi = min(angles), max(angles)
    own = lumajit_err("atan2", (lo, hi)) + MESA_DEFAULT_ERR * max(1.0, abs(lo), abs(hi))
    return inexact(lo - own, hi + own, (x.err + y.err) / r + own)


def sinh_(x):
    return _monotonic("sinh", x, math.sinh, math.cosh(3.0), -3.0, 3.0)


def cosh_(x):
    _within(x, -3.0, 3.0)
    lo = 1.0 if x.lo <= 0 <= x.hi else min(math.cosh(x.lo), math.cosh(x.hi))
    return _apply("cosh", x, (lo, math.cosh(x.mag)), math.sinh(x.mag))


def tanh_(x):
    return _monotonic("tanh", x, math.tanh, 1.0, -64.0, 64.0)


def asinh_(x):
    return _monotonic("asinh", x, math.asinh, 1.0, -256.0, 256.0)


def acosh_(x):
    return _monotonic("acosh", x, math.acosh, 1 / math.sqrt(1.25 ** 2 - 1), 1.25, 256.0)


def atanh_(x):
    return _monotonic("atanh", x, math.atanh, 1 / (1 - 0.75 ** 2), -0.75, 0.75)


def exp_(x):
    return _monotonic("exp", x, math.exp, math.exp(1.5), -8.0, 1.5)


def exp2_(x):
    return _monotonic("exp2", x, lambda v: 2.0 ** v, 4 * math.log(2), -8.0, 2.0)


def log_(x):
    return _monotonic("log", x, math.log, 1 / DIV_MIN, DIV_MIN, 256.0)


def log2_(x):
    return _monotonic("log2", x, math.log2, 1 / (DIV_MIN * math.log(2)), DIV_MIN, 256.0)


def sqrt_(x):
    if x.lo < 0:
        raise Domain(0, (0.0, 4.0), "sqrt of a negative number")
    lo, hi = math.sqrt(x.lo), math.sqrt(x.hi)
    # Near 0 the slope is unbounded but sqrt(e) bounds the change.
    spread = min(x.err / (2 * lo) if lo > 0 else math.inf, math.sqrt(x.err))
    own = U + MESA_DEFAULT_ERR * max(1.0, hi)
    return inexact(lo - own, hi + own, spread + own)


def inversesqrt_(x):
    return _monotonic("inversesqrt", x, lambda v: 1 / math.sqrt(v), 0.5 / DIV_MIN ** 1.5,
                      DIV_MIN, 256.0)


def pow_(x, y):
    # pow(x <= 0, y) is 0 in lumajit, undefined in GLSL: x stays positive;
    # the slope is |y| x^(y-1) in x and ln(x) x^y in y.
    _within(x, 0.5, 4.0, 0)
    _within(y, -2.0, 2.0, 1)
    values = [a ** b for a in (x.lo, x.hi) for b in (y.lo, y.hi)]
    lo, hi = min(values), max(values)
    slope_x = max(abs(b) * a ** (b - 1) for a in (x.lo, x.hi) for b in (y.lo, y.hi))
    slope_y = max(abs(math.log(a)) * a ** b for a in (x.lo, x.hi) for b in (y.lo, y.hi))
    own = lumajit_err("pow", (lo, hi)) + MESA_DEFAULT_ERR * max(1.0, hi)
    return inexact(lo - own, hi + own, slope_x * x.err + slope_y * y.err + own)


def radians_(x):
    return mul(x, float_literal(math.pi / 180))


def degrees_(x):
    return mul(x, float_literal(180 / math.pi))


# The rounding functions: exact in, exact out (an edge at every integer).
def floor_(x):
    need_exact(x, 0)
    return exact(math.floor(x.lo), math.floor(x.hi), 0)


def ceil_(x):
    need_exact(x, 0)
    return exact(math.ceil(x.lo), math.ceil(x.hi), 0)


def trunc_(x):
    need_exact(x, 0)
    return exact(float(math.trunc(x.lo)), float(math.trunc(x.hi)), 0)


def fract_(x):
    need_exact(x, 0)
    if math.floor(x.lo) == math.floor(x.hi):
        return exact(x.lo - math.floor(x.lo), x.hi - math.floor(x.lo), x.fb)
    return exact(0.0, 1.0 - 2.0 ** -x.fb, x.fb)


def round_even_(x):
    need_exact(x, 0)
    return exact(float(round(x.lo)), float(round(x.hi)), 0)


def round_(x, no_halves=False):
    # GLSL leaves the direction of a half open (lumajit: away from 0, Mesa:
    # to even): halves must not occur. An exact x with fb fraction bits may
    # be one when fb >= 1, unless the caller knows better (`no_halves`:
    # fuzz_ast's round(a + 2^-(fb+1))).
    need_exact(x, 0)
    if x.fb >= 1 and not no_halves:
        raise Domain(0, (x.lo, x.lo), "round of a value that may be a half")
    return exact(float(math.floor(x.lo + 0.5)), float(math.floor(x.hi + 0.5)), 0)


def sign_(x):
    if x.kind != "f":
        return Num(x.kind, -1 if x.lo < 0 else (0 if x.lo == 0 else 1),
                   1 if x.hi > 0 else (0 if x.hi == 0 else -1))
    need_exact(x, 0)
    return exact(-1.0 if x.lo < 0 else (0.0 if x.lo == 0 else 1.0),
                 1.0 if x.hi > 0 else (0.0 if x.hi == 0 else -1.0), 0)


def step_(edge, x):
    need_exact(edge, 0)
    need_exact(x, 1)
    b = compare(">=", x, edge)
    return exact(float(b.lo), float(b.hi), 0)


def mod_(x, y):
    # Both exact: lumajit's remainder is exact and so is Mesa's
    # x - y * floor(x / y) on dyadic operands (a sweep found no exception).
    need_exact(x, 0)
    need_exact(y, 1)
    smallest = 0.0 if y.lo <= 0.0 <= y.hi else min(abs(y.lo), abs(y.hi))
    if smallest < DIV_MIN:
        raise Domain(1, (0.5, 2.0), "mod by a number near 0")
    fb = max(x.fb, y.fb)
    if y.lo > 0:
        return exact(0.0, y.hi - 2.0 ** -fb, fb)
    return exact(y.lo + 2.0 ** -fb, 0.0, fb)


def modf_(x):
    """(fraction, whole) of an exact x: both keep x's sign."""
    need_exact(x, 0)
    whole = trunc_(x)
    return add(x, whole, -1), whole


def mix_(a, b, t):
    # a + (b - a) t: lumajit's own formula, within 1 LSB of the exact mix.
    return add(a, mul(add(b, a, -1), t))


def smoothstep_(e0, e1, x):
    width = add(e1, e0, -1)
    if width.lo < DIV_MIN:
        raise Domain(1, (e0.hi + 0.5, e0.hi + 1.0), "smoothstep edges too close")
    t = clamp(div(add(x, e0, -1), width), float_literal(0.0), float_literal(1.0))
    r = mul(mul(t, t), add(float_literal(3.0), mul(float_literal(2.0), t), -1))
    own = lumajit_err("smoothstep", (0.0, 1.0))
    return inexact(max(r.lo, 0.0) - own, min(r.hi, 1.0) + own, r.err + own)


FLOAT_UNARY = {
    "sin": sin_, "cos": cos_, "tan": tan_, "asin": asin_, "acos": acos_, "atan": atan_,
    "sinh": sinh_, "cosh": cosh_, "tanh": tanh_, "asinh": asinh_, "acosh": acosh_,
    "atanh": atanh_, "exp": exp_, "exp2": exp2_, "log": log_, "log2": log2_, "sqrt": sqrt_,
    "inversesqrt": inversesqrt_, "radians": radians_, "degrees": degrees_, "floor": floor_,
    "ceil": ceil_, "trunc": trunc_, "fract": fract_, "round": round_, "roundEven": round_even_,
}

# Domains the generator aims arguments into (before checking with the
# functions above): (lo, hi) of the argument.
UNARY_DOMAIN = {
    "sin": (-64.0, 64.0), "cos": (-64.0, 64.0), "tan": (-1.2, 1.2), "asin": (-0.9, 0.9),
    "acos": (-0.9, 0.9), "atan": (-64.0, 64.0), "sinh": (-3.0, 3.0), "cosh": (-3.0, 3.0),
    "tanh": (-8.0, 8.0), "asinh": (-64.0, 64.0), "acosh": (1.25, 16.0),
    "atanh": (-0.75, 0.75), "exp": (-8.0, 1.5), "exp2": (-8.0, 2.0), "log": (0.25, 64.0),
    "log2": (0.25, 64.0), "sqrt": (0.0, 64.0), "inversesqrt": (0.25, 64.0),
    "radians": (-360.0, 360.0), "degrees": (-8.0, 8.0),
}


def length_(v):
    """length of a vector (a tuple of Num): within 1 LSB (lumajit's exact
    floor of the root) of the true length; the error of the components
    moves it by at most their Euclidean norm."""
    if len(v) == 1:
        return fabs(v[0])
    los = [0.0 if c.lo <= 0 <= c.hi else min(abs(c.lo), abs(c.hi)) for c in v]
    lo = math.sqrt(sum(x * x for x in los))
    hi = math.sqrt(sum(c.mag ** 2 for c in v))
    spread = math.sqrt(sum(c.err ** 2 for c in v))
    own = U + MESA_DEFAULT_ERR * max(1.0, hi)
    return inexact(lo - own, hi + own, spread + own)


def dot_(a, b):
    total = mul(a[0], b[0])
    for x, y in zip(a[1:], b[1:]):
        total = add(total, mul(x, y))
    return total


def normalize_(v):
    n = length_(v)
    if n.lo < DIV_MIN:
        raise Domain(0, (0.5, 1.0), "normalize of a vector that may be short")
    return tuple(div(c, n) for c in v)
