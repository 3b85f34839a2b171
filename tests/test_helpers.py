"""The runtime helpers (host/runtime/helpers.py, linked from
device/jit/runtime.py), executed on the emulator against references
computed here in exact integer or double arithmetic.

div, mod and sqrt are specified exactly (truncated quotient with
saturation, floored remainder, floor of the square root); sin and cos to
4 LSB, the design's accuracy goal for them (issue 6 refines all of this)."""

import math
import random

import pytest

from device.jit import ir
from helper_harness import HelperRunner
from host.runtime import generate, TARGET

MAX = 0x7FFFFFFF
RNG = random.Random(20261123)
EDGES = [0, 1, -1, 2, -2, 65535, 65536, -65536, 65537, 32768, MAX, -MAX, -MAX - 1,
         1 << 16, 1 << 24, -(1 << 24), 3 << 15]


def randoms(n, bits=32):
    return [RNG.randint(-(1 << (bits - 1)), (1 << (bits - 1)) - 1) for _ in range(n)]


def pairs(n):
    values = EDGES + randoms(n) + randoms(n, 20)
    out = [(a, b) for a in EDGES for b in EDGES]
    out += [(RNG.choice(values), RNG.choice(values)) for _ in range(n)]
    return out


def div_reference(a, b):
    if b == 0:
        return 0 if a == 0 else (MAX if a > 0 else -MAX)
    q = abs(a) * 65536 // abs(b)
    if q > MAX:
        q = MAX
    return q if (a < 0) == (b < 0) else -q


def mod_reference(a, b):
    return 0 if b == 0 else a - b * (a // b)   # Python's // floors


def sqrt_reference(a, _):
    return math.isqrt(a * 65536) if a > 0 else 0


@pytest.mark.parametrize("helper, reference", [(ir.H_DIV, div_reference),
                                               (ir.H_MOD, mod_reference),
                                               (ir.H_SQRT, sqrt_reference)],
                         ids=["div", "mod", "sqrt"])
def test_exact_helpers(helper, reference):
    cases = pairs(3000)
    got, _ = HelperRunner(helper).run(cases)
    wrong = [(a, b, g, reference(a, b)) for (a, b), g in zip(cases, got) if g != reference(a, b)]
    assert wrong[:5] == []


@pytest.mark.parametrize("helper, fn", [(ir.H_SIN, math.sin), (ir.H_COS, math.cos)],
                         ids=["sin", "cos"])
def test_sin_cos_within_4_lsb(helper, fn):
    xs = EDGES + randoms(4000) + randoms(4000, 22) + [round(k * math.pi / 4 * 65536)
                                                     for k in range(-64, 65)]
    got, _ = HelperRunner(helper).run([(x, 0) for x in xs])
    worst = max((abs(g - fn(x / 65536.0) * 65536), x) for g, x in zip(got, xs))
    assert worst[0] <= 4.0, "error %.2f LSB at x = %d" % worst


def test_runtime_module_is_generated_from_the_assembly_sources():
    with open(TARGET) as f:
        assert f.read() == generate(), "device/jit/runtime.py is stale: run python -m host.runtime"
