"""The square-root helper (host/runtime/sqrt.py) on the emulator.

sqrt is specified exactly: a0 = floor(sqrt(a0 * 2^16)) for a0 > 0, 0 for
a0 <= 0. The emulator runs over a million chosen inputs (every input below
2^16, both sides of perfect-square boundaries over the whole range, powers
of two, every bit length) against math.isqrt; its intermediate estimate R
is checked bit for bit against an integer model of the code, and that
model (vectorised with numpy, when installed) against math over a sample,
or over every positive input with SQRT_EXHAUSTIVE=1 (a few minutes). The
cycle bound is the worst case over every path: the code branches only in
the sign test and the normalisation, i.e. on the bit length of a0."""

import math
import os
import random
import struct

import capstone
import pytest

from device.jit import ir
from helper_harness import HelperRunner
from host.runtime import assemble_blob
from host.runtime.sqrt import (gen_sqrt, gen_sqrt_estimate, RSQRT_POLY,
                               SQRT_NEWTON_THREE)
from test_helpers import call_cycles, cycle_summary

MAX = 0x7FFFFFFF
M32 = 0xFFFFFFFF
RNG = random.Random(20261124)
CYCLE_BOUND = 50


def blob(gen=gen_sqrt):
    code, ((_, entry),) = assemble_blob((gen,), ((ir.H_SQRT, "sqrt"),))
    return code, entry


class Runner(HelperRunner):
    # HelperRunner with its buffers allocated once, run in batches: the
    # emulated heap holds a few hundred KB, not a million records.
    BATCH = 16384

    def __init__(self, gen=gen_sqrt):
        super().__init__(ir.H_SQRT, blob=blob(gen))
        emu = self.emu
        self.buffers = emu.alloc(8 * self.BATCH), emu.alloc(4 * self.BATCH), emu.alloc(12)

    def results(self, xs):
        emu = self.emu
        inputs, outputs, block = self.buffers
        out = []
        for i in range(0, len(xs), self.BATCH):
            chunk = xs[i:i + self.BATCH]
            n = len(chunk)
            emu.write(inputs, struct.pack("<%di" % (2 * n), *[v for x in chunk for v in (x, 0)]))
            emu.write(block, struct.pack("<III", n, inputs, outputs))
            assert emu.call_viper(self.code + self.start, [block]).value == 0
            out += struct.unpack("<%di" % n, emu.read(outputs, 4 * n))
        return out


def reference(x):
    return math.isqrt(x << 16) if x > 0 else 0


def exact_cases():
    # Every input below 2^16; where the root steps from k - 1 to k (the
    # least x with x 2^16 >= k^2) and its neighbours, for every k below
    # 2^15 and 150000 more k over the whole range; powers of two and their
    # neighbours; 10000 random inputs at every bit length; the edges.
    xs = list(range(1 << 16))
    top = math.isqrt(MAX << 16)
    ks = list(range(1 << 15)) + [RNG.randrange(1 << 15, top + 1) for _ in range(150000)]
    for k in ks:
        x = -(-k * k >> 16)
        xs += [x - 2, x - 1, x, x + 1]
    xs += [(1 << b) + d for b in range(32) for d in range(-3, 4)]
    for bits in range(1, 32):
        xs += [RNG.randrange(1 << (bits - 1), 1 << bits) for _ in range(10000)]
    xs += [MAX, MAX - 1, -MAX - 1, -MAX, -1, 0]
    xs += [RNG.randrange(-MAX - 1, 0) for _ in range(10000)]
    return [x for x in xs if -MAX - 1 <= x <= MAX]


def test_sqrt_is_exact_on_a_million_inputs():
    xs = exact_cases()
    assert len(xs) >= 1_000_000
    got = Runner().results(xs)
    wrong = [(x, g, reference(x)) for x, g in zip(xs, got) if g != reference(x)]
    assert wrong[:5] == []
    print("sqrt exact on %d inputs" % len(xs))


# ---- the model --------------------------------------------------------------

def normalise(x):
    # (N, 8 + h): N = x 4^h in [2^30, 2^32), as the code's search finds it.
    shift = 8
    for k in (16, 8, 4, 2):
        if x >> (32 - k) == 0:
            x, shift = x << k, shift + k // 2
    return x, shift


def model_estimate(n):
    # R for N = n, step by step as the code computes it, checking that no
    # value wraps that the argument assumes does not.
    c0, c1, c2, c3 = RSQRT_POLY

    def mulhu(p, q):
        assert 0 <= p <= M32 and 0 <= q <= M32
        return p * q >> 32

    def sub(p, q):
        assert p >= q
        return p - q

    y0 = sub(c0, mulhu(n, sub(c1, mulhu(n, sub(c2, mulhu(n, c3))))))
    y1 = mulhu(y0, sub(SQRT_NEWTON_THREE, mulhu(n, mulhu(y0, y0)))) << 7
    g = mulhu(n, y1) << 1
    r = g + mulhu(sub(n, mulhu(g, g)), y1)
    assert r <= M32
    return r


def model(x):
    # The helper's result, from the model's R and the code's correction.
    if x <= 0:
        return 0
    n, shift = normalise(x)
    e = model_estimate(n) >> shift
    return e + (2 * e < ((x << 16) - e * e) & M32)


def estimate_bounds(n):
    # Below sqrt(M) 2^32 = sqrt(n) 2^16 by how much: (floor, ceiling) of the gap.
    r = model_estimate(n)
    root = math.isqrt(n << 32)
    exact = root * root == n << 32
    return root - r, root - r + (0 if exact else 1)


def estimate_cases():
    # N over [2^30, 2^32): both ends, every 2^-12 of the range, random.
    ns = [(1 << 30) + i for i in range(1000)] + [(1 << 32) - 1 - i for i in range(1000)]
    ns += list(range(1 << 30, 1 << 32, 1 << 20))
    ns += [RNG.randrange(1 << 30, 1 << 32) for _ in range(100000)]
    return ns


def test_estimate_matches_the_model_and_lies_less_than_2_to_8_below():
    # R (the Q0.32 estimate of sqrt(M) before the shift and correction)
    # from the emulator, for inputs whose N covers [2^30, 2^32) at every h,
    # bit for bit against the model; and the model's R below the exact
    # root by more than 0 and less than 2^8 (what makes the final answer
    # exact: e = R >> (8 + h) is floor(sqrt(S)) or one less).
    ns = estimate_cases()
    xs = []
    for i, n in enumerate(ns):
        h = i % 16
        x = n >> 2 * h
        xs.append(x if x > 0 else 1)
    xs = [x for x in xs if x <= MAX]
    got = Runner(gen_sqrt_estimate).results(xs)
    low, high = 1 << 32, -1
    for x, g in zip(xs, got):
        n, _ = normalise(x)
        assert g & M32 == model_estimate(n), x
        lo, hi = estimate_bounds(n)
        low, high = min(low, lo), max(high, hi)
    for n in ns:
        lo, hi = estimate_bounds(n)
        low, high = min(low, lo), max(high, hi)
    try:
        import numpy as np
    except ImportError:
        np = None
    if np is not None:                         # the vectorised model too
        ns_, _ = numpy_normalise(np.array(xs, dtype=np.uint64), np)
        assert [g & M32 for g in got] == numpy_estimate(ns_, np).tolist()
    print("R below the root by %d .. %d units of 2^-32" % (low, high))
    assert 0 < low and high < 1 << 8


def test_model_is_the_code():
    # The model's final answers, correction included, as the emulator's.
    xs = [RNG.randrange(1, 1 << RNG.randint(1, 31)) for _ in range(20000)] + [1, MAX, 0, -1]
    assert Runner().results(xs) == [model(x) for x in xs]


# ---- the model over every input (numpy) ------------------------------------

def numpy_normalise(x, np):
    u = np.uint64
    n = x.copy()
    shift = np.full(x.shape, 8, dtype=np.uint64)
    for k in (16, 8, 4, 2):
        small = (n >> u(32 - k)) == 0
        n = np.where(small, n << u(k), n)
        shift += small.astype(np.uint64) * u(k // 2)
    return n, shift


def numpy_estimate(n, np):
    # model_estimate, vectorised (uint64 holds every 32 x 32-bit product),
    # with the same checks that nothing wraps.
    u = np.uint64
    c0, c1, c2, c3 = (u(c) for c in RSQRT_POLY)
    three = u(SQRT_NEWTON_THREE)
    assert (n >> u(30)).min() >= 1 and (n >> u(32)).max() == 0
    t = n * c3 >> u(32)
    assert (t <= c2).all()
    t = n * (c2 - t) >> u(32)
    assert (t <= c1).all()
    t = n * (c1 - t) >> u(32)
    assert (t <= c0).all()
    y0 = c0 - t
    t = n * (y0 * y0 >> u(32)) >> u(32)
    assert (t <= three).all()
    y1 = (y0 * (three - t) >> u(32)) << u(7)
    assert (y1 >> u(32)).max() == 0
    g = (n * y1 >> u(32)) << u(1)
    t = g * g >> u(32)
    assert (t <= n).all()
    r = g + ((n - t) * y1 >> u(32))
    assert (r >> u(32)).max() == 0
    return r


def numpy_check(lo, hi, np):
    # The model, vectorised, for every x in [lo, hi): (wrong results, least
    # and greatest gap of R below the root in 2^-32 units, from float64).
    u = np.uint64
    x = np.arange(lo, hi, dtype=np.uint64)
    n, shift = numpy_normalise(x, np)
    r = numpy_estimate(n, np)
    gap = np.sqrt(n.astype(np.float64)) * 65536.0 - r.astype(np.float64)
    e = r >> shift
    e += (e << u(1)) < (((x << u(16)) - e * e) & u(M32))
    s = x << u(16)
    root = np.floor(np.sqrt(s.astype(np.float64))).astype(np.uint64)
    root -= root * root > s
    root += (root + u(1)) * (root + u(1)) <= s
    return int((e != root).sum()), float(gap.min()), float(gap.max())


def test_model_over_every_positive_input():
    # Every x in [1, 2^31) with SQRT_EXHAUSTIVE=1, else 2^22 of them: all
    # x below 2^20 and windows at the top of the range.
    np = pytest.importorskip("numpy")
    chunk = 1 << 22
    if os.environ.get("SQRT_EXHAUSTIVE"):
        spans = [(lo, min(lo + chunk, MAX + 1)) for lo in range(1, MAX + 1, chunk)]
    else:
        spans = [(1, 1 << 20), ((1 << 30) - (1 << 20), (1 << 30) + (1 << 20)),
                 (MAX + 1 - (1 << 20), MAX + 1)]
    wrong, low, high = 0, float("inf"), float("-inf")
    for lo, hi in spans:
        w, g0, g1 = numpy_check(lo, hi, np)
        wrong, low, high = wrong + w, min(low, g0), max(high, g1)
    print("model: %d wrong of %d; R below the root by %.3f .. %.3f units"
          % (wrong, sum(hi - lo for lo, hi in spans), low, high))
    assert wrong == 0 and low > 0 and high < 256


# ---- cost and contract --------------------------------------------------------

def test_sqrt_cycles():
    # The path depends only on the sign and the bit length: every bit
    # length, at its ends and at random, and x <= 0.
    runner = Runner()
    xs = [0, -1, -MAX - 1]
    for bits in range(1, 32):
        xs += [1 << (bits - 1), (1 << bits) - 1] + [RNG.randrange(1 << (bits - 1), 1 << bits)
                                                  for _ in range(3)]
    cycles = call_cycles(runner, [(x, 0) for x in xs])
    positive = [c for x, c in zip(xs, cycles) if x > 0]
    size = len(blob()[0])
    print("sqrt (%d bytes): %s (x > 0), %d for x <= 0"
          % (size, cycle_summary(positive), max(c for x, c in zip(xs, cycles) if x <= 0)))
    assert max(cycles) <= CYCLE_BOUND


BRANCHES = ("beq", "bne", "blt", "bge", "bltu", "bgeu", "beqz", "bnez", "blez", "bgez",
            "bltz", "bgtz")


def test_sqrt_is_a_leaf_touching_only_a0_a5_t0_t2():
    code, entry = blob()
    assert entry == 0
    cs = capstone.Cs(capstone.CS_ARCH_RISCV, capstone.CS_MODE_RISCV32 | capstone.CS_MODE_RISCVC)
    allowed = {"a0", "a1", "a2", "a3", "a4", "a5", "t0", "t1", "t2", "zero"}
    insns = list(cs.disasm(code, 0))
    assert sum(i.size for i in insns) == len(code)
    for insn in insns:
        op = insn.mnemonic.replace("c.", "")
        args = insn.op_str.replace(" ", "").split(",")
        assert op not in ("auipc", "jal", "jalr", "j", "sw", "sh", "sb"), insn.mnemonic
        if op in ("ret", "jr"):
            assert args == ["ra"] or op == "ret"
        elif op not in BRANCHES:
            assert args[0] in allowed, (op, args)
