"""The runtime helpers (host/runtime/helpers.py, linked from
device/jit/runtime.py), executed on the emulator against references
computed here in exact integer or double arithmetic.

div, mod, sqrt and length are specified exactly (truncated quotient with
saturation, floored remainder, floor of the square root, floor of the
root of the exact sum of squares); sin and cos to 4 LSB. atan2, exp2 and
log2 are checked against issue 6's goals: atan2 within 8 LSB in at most
90 modelled cycles, exp2/log2 within 0.05 % relative error in at most 120
cycles (all tables together under 2 KB: tests/test_builtin_report.py);
length against its own: 90 cycles below a length of 1024. div and sqrt
are tested more in test_helper_div.py and test_helper_sqrt.py. The bounds
asserted are the goals; the figures measured are in the messages (pytest
-rA shows them)."""

import math
import random
import struct

import capstone
import pytest

from device.jit import ir, rv32 as R
from device.jit.rv32 import ZERO, RA, SP, A0
from helper_harness import HelperRunner, assemble_loop
from host.emulator import C3Emulator
from host.runtime import generate, TARGET, DATA
from host.runtime.asm import compressed

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
    text, data = generate()
    with open(TARGET) as f:
        assert f.read() == text, "device/jit/runtime.py is stale: run python -m host.runtime"
    with open(DATA, "rb") as f:
        assert f.read() == data, "device/jit/runtime.bin is stale: run python -m host.runtime"


# ---- atan2, exp2, log2 ----------------------------------------------------

LSB = 1.0 / 65536
PI_Q16 = round(math.pi * 65536)
HARNESS_LOOP_CYCLES = 13   # per call: 2 lw, jal, sw, 3 addi, taken bne


def call_cycles(runner, pairs):
    """Modelled cycles of each call from the helper's entry through its ret
    (the caller's jal excluded): two calls minus one, minus the loop."""
    emu = runner.emu
    inputs, outputs, block = emu.alloc(16), emu.alloc(8), emu.alloc(12)
    out = []
    for a, b in pairs:
        total = []
        for n in (1, 2):
            emu.write(inputs, struct.pack("<iiii", a, b, a, b))
            emu.write(block, struct.pack("<III", n, inputs, outputs))
            total.append(emu.call_viper(runner.code + runner.start, [block]).cycles)
        out.append(total[1] - total[0] - HARNESS_LOOP_CYCLES)
    return out


def cycle_summary(cycles):
    s = sorted(cycles)
    return "cycles min %d / median %d / max %d" % (s[0], s[len(s) // 2], s[-1])


def atan2_cases():
    # Every octant and axis at radii from 1 LSB to 2^31 (both paths of the
    # quotient: max below and above 1.0), random pairs of every magnitude,
    # and the edges.
    cases = []
    for r in (3, 100, 40000, 65535, 65536, 70000, 1 << 20, 123456789, (1 << 31) - 1):
        for k in range(-720, 721):
            a = k * math.pi / 720
            cases.append((round(r * math.sin(a)), round(r * math.cos(a))))
    for bits in (2, 8, 16, 17, 24, 32):
        cases += list(zip(randoms(1000, bits), randoms(1000, bits)))
    cases += [(a, b) for a in EDGES for b in EDGES]
    return cases


def test_atan2_within_8_lsb_in_90_cycles():
    cases = atan2_cases()
    runner = HelperRunner(ir.H_ATAN2)
    got, _ = runner.run(cases)
    errors = []
    for (y, x), g in zip(cases, got):
        assert -PI_Q16 < g <= PI_Q16, (y, x, g)
        ref = 0.0 if x == y == 0 else math.atan2(y, x)   # atan2(0, -x) = +pi
        errors.append((abs(g * LSB - ref) / LSB, y, x))
    worst = max(errors)
    mean = sum(e[0] for e in errors) / len(errors)
    cycles = call_cycles(runner, cases[::25])
    report = "atan2: max %.2f LSB at (%d, %d), mean %.2f LSB; %s" % (
        worst + (mean, cycle_summary(cycles)))
    print(report)
    assert got[cases.index((0, 0))] == 0
    assert worst[0] <= 8.0, report
    assert max(cycles) <= 90, report


def exp2_reference(x):
    # 2^x in Q16.16 LSB, before rounding; saturated like the helper.
    v = x / 65536.0
    return float(MAX) if v >= 15 else 2.0 ** v * 65536


def test_exp2_within_0_05_percent_in_120_cycles():
    # Dense over the whole range that is neither 0 nor saturated, plus
    # integers (exact) and random 32-bit inputs.
    xs = list(range(-18 << 16, 16 << 16, 97)) + [k << 16 for k in range(-20, 20)] + randoms(3000)
    runner = HelperRunner(ir.H_EXP2)
    got, _ = runner.run([(x, 0) for x in xs])
    worst_rel = (0.0, 0)
    worst_abs = (0.0, 0)
    above_one = []                   # relative errors where the result is >= 1
    for x, g in zip(xs, got):
        ref = exp2_reference(x)
        if x >= 15 << 16:
            assert g == MAX, x
            continue
        if -16 << 16 <= x and x & 0xFFFF == 0:
            assert g == ref, ("2^integer is exact", x, g)
        err = abs(g - ref)
        # Q16.16 itself cannot hold 0.05 % below 2^-6 (0.5 LSB is more):
        # there the bound is the rounding, 0.5 LSB, plus 1e-6 relative.
        if ref >= 1024:
            worst_rel = max(worst_rel, (err / ref, x))
        if ref >= 65536:
            above_one.append(err / ref)
        worst_abs = max(worst_abs, (err - 1e-6 * ref, x))
    cycles = call_cycles(runner, [(x, 0) for x in xs[::300]])
    report = ("exp2: max relative %.4f %% at x = %d (results >= 1: max %.5f %%, mean %.5f %%); "
              "max |error| - 1e-6 * value %.3f LSB at %d; %s" % (
                  100 * worst_rel[0], worst_rel[1], 100 * max(above_one),
                  100 * sum(above_one) / len(above_one), worst_abs[0], worst_abs[1],
                  cycle_summary(cycles)))
    print(report)
    assert worst_rel[0] <= 0.0005, report
    assert worst_abs[0] <= 0.5, report
    assert max(cycles) <= 120, report


def test_log2_within_1_lsb_in_120_cycles():
    # Every input below 2^13 (where log2 changes fastest), a geometric sweep
    # to 2^31, around 1.0 and random inputs; x <= 0 gives the most negative value.
    xs = list(range(1, 1 << 13)) + [round(1.0015 ** k) for k in range(1, 14330)] \
        + list(range(65536 - 1000, 65536 + 1000)) + [abs(v) or 1 for v in randoms(3000)] + [MAX]
    runner = HelperRunner(ir.H_LOG2)
    got, _ = runner.run([(x, 0) for x in xs + [0, -1, -65536, -MAX - 1]])
    assert got[len(xs):] == [-MAX - 1] * 4
    worst = (0.0, 0)
    worst_rel = (0.0, 0)
    total = 0.0
    for x, g in zip(xs, got):
        ref = math.log2(x) - 16
        err = abs(g * LSB - ref) / LSB
        total += err
        worst = max(worst, (err, x))
        # A relative bound means something only away from log2 = 0:
        # 0.05 % of 1/32 is 1 LSB.
        if abs(ref) >= 1.0 / 32:
            worst_rel = max(worst_rel, (err * LSB / abs(ref), x))
    cycles = call_cycles(runner, [(x, 0) for x in xs[::500]])
    report = ("log2: max %.3f LSB at x = %d, mean %.3f LSB, max relative %.5f %% for "
              "|log2 x| >= 1/32; %s" % (worst[0], worst[1], total / len(xs), 100 * worst_rel[0],
                                        cycle_summary(cycles)))
    print(report)
    assert worst[0] <= 1.0, report
    assert worst_rel[0] <= 0.0005, report
    assert max(cycles) <= 120, report


# ---- length ---------------------------------------------------------------------

LENGTH_LOOP_CYCLES = 19   # per call: 4 lw, jal, 3 sw, 3 addi, taken bne
CHUNK = 4096


class LengthRunner:
    """HelperRunner's loop for the length helper: (a0, a1, a2, a3) in, a0
    (the length), a1 and a2 (what normalize uses) out."""

    def __init__(self):
        code, self.start, self.size = assemble_loop(ir.H_LENGTH, 4, 3)
        self.emu = C3Emulator()
        self.code = self.emu.load_code(code)
        self.buffers = (self.emu.alloc(16 * CHUNK), self.emu.alloc(12 * CHUNK), self.emu.alloc(12))

    def call(self, cases):
        emu = self.emu
        inputs, outputs, block = self.buffers
        emu.write(inputs, b"".join(struct.pack("<4i", *c) for c in cases))
        emu.write(block, struct.pack("<III", len(cases), inputs, outputs))
        result = emu.call_viper(self.code + self.start, [block])
        out = struct.unpack("<%di" % (3 * len(cases)), emu.read(outputs, 12 * len(cases)))
        return [out[i:i + 3] for i in range(0, len(out), 3)], result.cycles

    def run(self, cases):
        """Each (a0, a1, a2, a3) -> (a0, a1, a2) as the helper leaves them."""
        out = []
        for i in range(0, len(cases), CHUNK):
            out += self.call(cases[i:i + CHUNK])[0]
        return out

    def cycles(self, case):
        """Modelled cycles from the helper's entry through its ret."""
        return self.call([case] * 2)[1] - self.call([case])[1] - LENGTH_LOOP_CYCLES


def sum_of_squares(case):
    return sum(x * x for x in case)


def length_reference(case):
    s = sum_of_squares(case)
    return MAX if s >= 1 << 62 else math.isqrt(s)


def four_squares(target):
    # Some (a, b, c, d), each below 2^31, with a^2 + b^2 + c^2 + d^2 =
    # target, or None (a short greedy search that usually finds one).
    for i in range(30):
        a = math.isqrt(target) - i
        for j in range(30):
            if a < 0 or a >> 31:
                break
            b = math.isqrt(target - a * a) - j
            if b < 0:
                break
            rest = target - a * a - b * b
            c = math.isqrt(rest)
            d = math.isqrt(rest - c * c)
            if d * d == rest - c * c:
                return a, b, c, d
    return None


def length_cases():
    # Random components of every magnitude as vec2, vec3 and vec4; sums of
    # squares just around perfect squares (where a root one too high or
    # too low shows), around powers of 4 and the helper's thresholds
    # (2^32, 2^52, 2^62); every combination of the edges; and the four
    # -2^31 whose sum of squares, 2^64, wraps.
    cases = []
    for _ in range(20000):
        bits = RNG.randint(0, 32)
        width = RNG.randint(2, 4)
        c = [RNG.randint(-(1 << bits) // 2, (1 << bits) // 2) for _ in range(width)]
        cases.append(tuple(c + [0] * (4 - width)))
    targets = []
    for _ in range(4000):
        k = RNG.randint(1, MAX) >> RNG.randint(0, 30)
        targets += [k * k, k * k - 1, k * k + 1, k * k + k, k * k + 2 * k]
    for e in (32, 52, 62):
        targets += [(1 << e) + d for d in range(-3, 4)]
    targets += [(1 << 2 * k) + d for k in range(32) for d in (-1, 0, 1)]
    for t in targets:
        if 0 < t < 1 << 64:
            squares = four_squares(t)
            if squares:
                c = [x if RNG.random() < 0.5 else -x for x in squares]
                RNG.shuffle(c)
                cases.append(tuple(c))
    edges = [0, 1, -1, 65536, -65536, 46341 << 15, MAX, -MAX - 1]
    cases += [(a, b, c, d) for a in edges for b in edges for c in edges for d in edges[:4]]
    return cases + [(-MAX - 1,) * 4, (0,) * 4]


def normalized(case, shift, scale):
    # normalize's use of the helper's a1 and a2 (builtins_more._normalize).
    out = []
    for v in case:
        w = (v << (shift & 31)) & 0xFFFFFFFF
        w -= (w >> 31) << 32
        out.append(((w * scale >> 32) + 4096) >> 13)
    return out


def test_length_is_the_floor_of_the_exact_root_and_scales_for_normalize():
    cases = length_cases()
    got = LengthRunner().run(cases)
    wrong = [(c, g[0], length_reference(c)) for c, g in zip(cases, got)
             if g[0] != length_reference(c)]
    assert wrong[:5] == []
    worst = (0.0,)
    for c, g in zip(cases, got):
        s = sum_of_squares(c)
        if s and s < 1 << 64:
            for n, v in zip(normalized(c, g[1], g[2]), c):
                worst = max(worst, (abs(n - v * 65536 / math.sqrt(s)), c))
    print("length: exact on %d cases; normalize's scaling within %.4f LSB" % (
        len(cases), worst[0]))
    assert worst[0] <= 0.51, worst
    assert normalized((-MAX - 1,) * 4, *got[-2][1:]) == [-32768] * 4


def test_length_within_90_cycles_below_1024():
    # vec2, vec3 and vec4 in random directions, lengths 2^-12..2^14 spread
    # evenly in log2. Below 1024 (S < 2^52) the estimate needs no
    # correction: the goal is 90 cycles there, and 105 above.
    runner = LengthRunner()
    report = []
    for width in (2, 3, 4):
        short, long_ = [], []
        for _ in range(300):
            length = 2 ** RNG.uniform(-12, 14)
            v = [RNG.gauss(0, 1) for _ in range(width)]
            norm = math.sqrt(sum(x * x for x in v))
            case = tuple([round(x / norm * length * 65536) for x in v] + [0] * (4 - width))
            (short if sum_of_squares(case) < 1 << 52 else long_).append(runner.cycles(case))
        report.append("vec%d %s, above 1024 max %d" % (width, cycle_summary(short), max(long_)))
        assert max(short) <= 90 and max(long_) <= 105, report[-1]
    print("length (%d bytes): %s" % (runner.size, "; ".join(report)))


CS = capstone.Cs(capstone.CS_ARCH_RISCV, capstone.CS_MODE_RISCV32 | capstone.CS_MODE_RISCVC)
TWO_OPERAND = ("addi", "slli", "srli", "srai", "andi", "add", "sub", "xor", "or", "and")


def decoded(w):
    # capstone's text of w, spelled as one 32-bit form: c.op rd, x -> op
    # rd, rd, x; li, mv and ret as the addi, addi and jr they stand for;
    # commutative operands sorted.
    insn = next(CS.disasm(w.to_bytes(2 if w & 3 != 3 else 4, "little"), 0))
    op = insn.mnemonic.replace("c.", "")
    args = insn.op_str.replace(" ", "").split(",")
    if op in TWO_OPERAND and len(args) == 2:
        args = args[:1] + args
    if op == "ret":
        op, args = "jr", ["ra"]
    if op == "li":
        op, args = "addi", [args[0], "zero", args[1]]
    if op == "mv":
        op, args = "addi", args + ["0"]
    if op == "add" and "zero" in args[1:]:
        op, args = "addi", [args[0], args[2] if args[1] == "zero" else args[1], "0"]
    if op in ("add", "xor", "or", "and"):
        args = args[:1] + sorted(args[1:])
    return op, args


def test_short_forms_are_the_same_instructions():
    # Asm.short's compressed forms against the 32-bit instructions they
    # replace, over random operands (registers inside and outside x8..x15,
    # immediates at the edges of the 6-bit fields).
    regs = (0, 1, 2, 5, 7, 8, 10, 13, 15, 16, 31)
    imms = (0, 1, -1, 17, 31, -32, 32, -33, 2047)
    forms = [(R.i, (R.ADDI, R.ANDI, R.SLLI, R.SRLI, R.SRAI)),
             (R.r, (R.ADD, R.SUB, R.XOR, R.OR, R.AND, R.SLL, R.SLTU, R.MUL, R.SRA))]
    compressed_ = 0
    for _ in range(4000):
        fmt, bases = RNG.choice(forms)
        base = RNG.choice(bases)
        rd = RNG.choice(regs)
        rs1 = rd if RNG.random() < 0.5 else RNG.choice(regs)
        if fmt is R.r:
            w = R.r(base, rd, rs1, RNG.choice(regs))
        else:
            imm = RNG.choice(imms)
            w = R.i(base, rd, rs1, imm & 31 if base != R.ADDI and base != R.ANDI else imm)
        short = compressed(w)
        if short != w:
            compressed_ += 1
            assert decoded(short) == decoded(w), (hex(w), hex(short))
    for w in (R.i(R.JALR, ZERO, RA, 0), R.u(R.LUI, A0, 1), R.u(R.LUI, A0, 0xFFFE0),
              R.u(R.LUI, A0, 0x80000), R.u(R.LUI, SP, 1)):
        short = compressed(w)
        assert short == w or decoded(short) == decoded(w), hex(w)
    assert compressed_ > 500
