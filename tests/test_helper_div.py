"""The divu-free Q16.16 division (host/runtime/div.py) on the emulator:
exact against integer arithmetic over edges, every magnitude, exactly
representable quotients and dense divisor sweeps; saturation and 0 / 0;
its cycle bound; its tables; and the reciprocal's error bound that the
exactness rests on, checked on every divisor where it is tight."""

import math
import random

import capstone
import pytest

from device.jit import ir
from helper_harness import HelperRunner
from host.runtime import assemble_blob
from host.runtime.div import gen_div, seed_table, clz_table
from test_helpers import call_cycles, cycle_summary

MAX = 0x7FFFFFFF
MIN = -1 << 31
RNG = random.Random(20261124)
CYCLE_GOAL = 45
CHUNK = 20000          # pairs per emulator: its heap holds about this many


def blob():
    code, ((_, entry),) = assemble_blob((gen_div,), ((ir.H_DIV, "div"),))
    return code, entry


BLOB = blob()


def run(pairs):
    out = []
    for k in range(0, len(pairs), CHUNK):
        out += HelperRunner(ir.H_DIV, blob=BLOB).run(pairs[k:k + CHUNK])[0]
    return out


def reference(a, b):
    if b == 0:
        return 0 if a == 0 else (MAX if a > 0 else -MAX)
    q = min(abs(a) * 65536 // abs(b), MAX)
    return q if (a < 0) == (b < 0) else -q


def clamp(v):
    return max(MIN, min(MAX, v))


def signed(v):
    # v or -v, as a signed 32-bit value (a 32-bit magnitude is -2^31).
    return clamp(v if RNG.random() < 0.5 else -v)


def magnitude(bits):
    # A random value of exactly `bits` bits (0 for 0 bits).
    return RNG.getrandbits(bits) | (1 << (bits - 1)) if bits else 0


def edge_values():
    values = {0, 1, -1, 2, -2, 3, -3, 65535, -65535, 65536, -65536, 65537, -65537,
              MAX, -MAX, MIN, MAX - 1, MIN + 1, 3 << 15, 0x12345678, -0x12345678}
    for k in range(32):
        for v in (1 << k, (1 << k) - 1, (1 << k) + 1):
            values.update((clamp(v), clamp(-v)))
    return sorted(values)


def edge_cases():
    values = edge_values()
    cases = [(a, b) for a in values for b in values]
    # Around where the quotient saturates: |a| = |b| 2^15 (+-1).
    for b in values:
        for d in (-2, -1, 0, 1):
            a = abs(b) * 32768 + d
            cases += [(clamp(a), b), (clamp(-a), b)]
    return cases


def magnitude_cases(per=24):
    # Random pairs with random bit lengths for both operands.
    return [(signed(magnitude(ba)), signed(magnitude(bb)))
            for ba in range(33) for bb in range(33) for _ in range(per)]


def representable_cases(n=40000):
    # a / b exactly representable: a 2^16 = Q b, so Q is a multiple of
    # 2^16 / gcd(b, 2^16) and a of b / gcd.
    cases = []
    while len(cases) < n:
        b = magnitude(RNG.randint(1, 32))
        g = math.gcd(b, 65536)
        t = RNG.randint(0, (1 << 31) // max(b // g, 65536 // g))
        a, q = t * (b // g), t * (65536 // g)
        if a <= MAX and q <= MAX:
            cases.append((signed(a), signed(clamp(b))))
    return cases


def sweep_cases():
    # Every divisor below 2^17 with its largest exact quotient below 2^31
    # ((2^15 - 1) b / b) and its largest quotient at all ((b 2^15 - 1) / b),
    # where a reciprocal 2^-31 short would show; then dense runs of divisors
    # for a few numerators.
    cases = []
    for b in range(1, 1 << 17):
        cases.append((signed(32767 * b) if 32767 * b <= MAX else MAX, signed(b)))
        cases.append((signed(min((b << 15) - 1, MAX)), signed(b)))
    for a in (1, 65536, MAX, MIN, 0x12345678, -(3 << 15) + 1):
        for b0 in (1, 1 << 16, 1 << 24, (1 << 31) - 30000):
            cases += [(a, b) for b in range(b0, b0 + 6000)]
    return cases


@pytest.mark.parametrize("name, make", [("edges", edge_cases),
                                        ("magnitudes", magnitude_cases),
                                        ("representable", representable_cases),
                                        ("sweeps", sweep_cases)])
def test_div_is_exact(name, make):
    cases = make()
    got = run(cases)
    wrong = [(a, b, g, reference(a, b)) for (a, b), g in zip(cases, got)
             if g != reference(a, b)]
    print("%s: %d cases, %d wrong" % (name, len(cases), len(wrong)))
    assert wrong[:5] == []


def test_div_saturates_and_never_traps():
    cases = [(0, 0), (1, 0), (-1, 0), (MAX, 0), (MIN, 0), (MIN, 65536), (MIN, -65536),
             (MIN, 65535), (MIN, 1), (MIN, -1), (MAX, 1), (MAX, -1), (MAX, 65535),
             (1 << 15, 1), (-(1 << 15), 1), ((1 << 15) - 1, 1), (65536, 2), (MIN, MIN),
             (MAX, MIN), (MIN, MAX)]
    expect = [0, MAX, -MAX, MAX, -MAX, -MAX, MAX,
              -MAX, -MAX, MAX, MAX, -MAX, MAX,
              MAX, -MAX, 0x7FFF0000, MAX, 0x10000,
              -0xFFFF, -0x10000]
    assert [reference(a, b) for a, b in cases] == expect
    assert run(cases) == expect


def cycle_cases():
    # Every copy (B < 2^8, < 2^16, < 2^24, above), both signs, quotients
    # from 0 to just below saturation (the correction's three outcomes
    # all occur), and the saturating and 0 / 0 exits.
    cases = []
    for lo, hi in ((1, 1 << 8), (1 << 8, 1 << 16), (1 << 16, 1 << 24), (1 << 24, 1 << 31)):
        for _ in range(400):
            b = RNG.randrange(lo, hi + 1)
            a = RNG.randrange(0, min(b << 15, 1 << 31))
            cases.append((signed(a), signed(b)))
        for b in (lo, hi - 1):
            cases += [(signed(min(b * 32767, MAX)), signed(b)),
                      (signed(min((b << 15) - 1, MAX)), signed(b))]
    cases += [(0, 0), (5, 0), (MIN, 1), (MAX, 1), (MIN, MIN), (MAX, MAX), (MIN, 65536)]
    return cases


def test_div_cycles():
    runner = HelperRunner(ir.H_DIV, blob=BLOB)
    cycles = call_cycles(runner, cycle_cases())
    print(cycle_summary(cycles))
    assert max(cycles) <= CYCLE_GOAL, cycle_summary(cycles)


def test_div_tables_and_code():
    code, entry = BLOB
    seeds, clz = seed_table(), clz_table()
    assert entry == 0
    assert len(seeds) * 2 + len(clz) <= 512
    tables = b"".join(v.to_bytes(2, "little") for v in seeds) + clz
    assert code.endswith(tables)
    # Every instruction before the tables decodes as RV32IMC.
    cs = capstone.Cs(capstone.CS_ARCH_RISCV, capstone.CS_MODE_RISCV32 | capstone.CS_MODE_RISCVC)
    text = code[:len(code) - len(tables)]
    if text.endswith(b"\0\0"):          # alignment before the tables (0 is no instruction)
        text = text[:-2]
    decoded = sum(insn.size for insn in cs.disasm(text, 0))
    assert decoded == len(text)
    print("div blob: %d bytes code, %d bytes tables" % (len(code) - len(tables), len(tables)))


# ---- the reciprocal's error bound ---------------------------------------------
#
# With D = B << s in [2^31, 2^32) and x2 = 1 + X2 / 2^32 the reciprocal the
# code computes for it, let R = 2^64 - D (2^32 + X2): 1/d - x2 = R / (D 2^32).
# q0 = floor(A x2 / 2^m) is within one of the quotient Q when |A (1/d - x2)|
# <= 2^m; the quotient's bound A < B 2^15 makes that |R| <= 2^33 for every
# copy, and |R| <= 2^(m+1) D also suffices when A <= 2^31. It is tight only
# for B < 2^17 (m <= 1), whose D are multiples of 2^15: all 65536 are
# checked; for larger B (m >= 2, |R| <= 8 D needed) the bound's analysis
# gives |R| < 3 D, checked here on a sample and both ends. The copy for
# B >= 2^24 rounds e down and needs 0 <= R (q0 never above Q), m >= 9.


def reciprocal(D, two_sided):
    # The code's arithmetic on D (an int64 numpy array), returning X2.
    np = pytest.importorskip("numpy")
    u = D.astype(np.uint64)
    mask = np.uint64(0xFFFFFFFF)
    x0 = np.array(seed_table(), dtype=np.uint64)[((u >> np.uint64(24)) - np.uint64(128)).astype(np.int64)]
    sq = (x0 * x0) & mask
    x1 = ((x0 << np.uint64(16)) - ((u * sq) >> np.uint64(32))) & mask
    X1 = (x1 << np.uint64(2)) & mask
    assert (x1 >= (1 << 30)).all()                  # x1 >= 1: the leading one stays implicit
    P = ((u + ((u * X1) >> np.uint64(32))) & mask).astype(np.int64)
    P = np.where(P >= 1 << 31, P - (1 << 32), P)    # -e 2^32, signed
    X1 = X1.astype(np.int64)
    if two_sided:
        return X1 - P - ((P * X1) >> 32)
    E = -P - 1
    return X1 + E + ((E * X1) >> 32)


def residual(D, X2):
    # 2^64 - D (2^32 + X2), exactly, in int64 (|R| is far below 2^63).
    hi, lo = (D >> 16) * X2, (D & 0xFFFF) * X2
    return (((1 << 32) - D) * 65536 - hi) * 65536 - lo


def test_reciprocal_error_bound():
    np = pytest.importorskip("numpy")
    tight = np.arange(1 << 16, 1 << 17, dtype=np.int64) << 15
    rng = np.random.default_rng(7)
    rest = np.concatenate([rng.integers(1 << 31, 1 << 32, 1 << 21, dtype=np.int64),
                           np.arange(1 << 31, (1 << 31) + (1 << 18), dtype=np.int64),
                           np.arange((1 << 32) - (1 << 18), 1 << 32, dtype=np.int64)])
    for D, bound in ((tight, 1 << 33), (rest, None)):
        X2 = reciprocal(D, True)
        assert (X2 >= 0).all() and (X2 < 1 << 32).all()
        R = residual(D, X2)
        if bound:
            assert (np.abs(R) <= bound).all()
        assert (np.abs(R) < 3 * D).all()
        X2 = reciprocal(D, False)
        R = residual(D, X2)
        assert (X2 >= 0).all() and (X2 < 1 << 32).all() and (R >= 0).all() and (R <= 6 * D).all()
        print("R / D in [%.3f, %.3f]" % ((residual(D, reciprocal(D, True)) / D).min(),
                                         (residual(D, reciprocal(D, True)) / D).max()))
