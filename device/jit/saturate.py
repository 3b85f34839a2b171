# Saturating float arithmetic, for shaders that ask for it with a
# `#pragma lumajit saturate` line: their float +, -, * and unary minus
# clamp to Q16.16's range (-32768 .. 32767.99998) instead of wrapping
# around. Imported only by such shaders (expr.py), so the others carry
# none of it.
#
# Each operation is the plain one, then an overflow test and a
# branch-free select of the limit with the true result's sign: all
# existing IR ops, so constants still fold and the allocator needs nothing
# new. Cost per operation (measured by `python -m host builtins`): about
# 11 more cycles for + and -, 12 for *.

from ..compat import const
from . import ir

_LARGEST = const(0x7FFFFFFF)


def _select(fb, r, over, negative):
    # over: all ones when r overflowed; negative: all ones when the true
    # result is negative. The limit is LARGEST, or ~LARGEST (the most
    # negative value) when negative; r ^ ((r ^ limit) & over) picks it.
    limit = fb.op2(ir.XOR, negative, fb.const(_LARGEST))
    return fb.op2(ir.XOR, r, fb.op2(ir.AND, fb.op2(ir.XOR, r, limit), over))


def add(fb, a, b):
    # a + b overflows when both operands' signs differ from the sum's.
    r = fb.op2(ir.ADD, a, b)
    over = fb.op1i(ir.SRAI, fb.op2(ir.AND, fb.op2(ir.XOR, a, r), fb.op2(ir.XOR, b, r)), 31)
    return _select(fb, r, over, fb.op1i(ir.SRAI, a, 31))


def sub(fb, a, b):
    # a - b overflows when the operands' signs differ and the result's
    # differs from a's; the true result then has a's sign (for -b, a is
    # ZERO: only -(-32768) overflows, to the largest value).
    r = fb.op2(ir.SUB, a, b)
    over = fb.op1i(ir.SRAI, fb.op2(ir.AND, fb.op2(ir.XOR, a, b), fb.op2(ir.XOR, a, r)), 31)
    return _select(fb, r, over, fb.op1i(ir.SRAI, a, 31))


def mul(fb, a, b):
    # The 64-bit product's high word h: the Q16.16 product fits when h's
    # top 17 bits are all equal (h >> 15 is 0 or -1), and its sign is h's.
    r = fb.op2(ir.FMUL, a, b)
    h = fb.op2(ir.MULH, a, b)
    fits = fb.op1i(ir.SLTIU, fb.op1i(ir.ADDI, fb.op1i(ir.SRAI, h, 15), 1), 2)
    over = fb.op1i(ir.ADDI, fits, -1)
    return _select(fb, r, over, fb.op1i(ir.SRAI, h, 31))


def arith(fb, op, a, b):
    # The float operation op ("+", "-" or "*") on each component pair.
    f = add if op == "+" else sub if op == "-" else mul
    return [f(fb, a[i], b[i]) for i in range(len(a))]
