# From the shader's 8-bit colour to the bytes an LED is sent: a brightness
# and gamma lookup table, and the strip's colour order.
#
# The table is lut[i] = round(255 * brightness * (i / 255) ** gamma), but
# computed without floats: the chip's MicroPython has single-precision
# floats, CPython double, and a float pow would give tables differing in a
# few entries. Here:
#   - brightness and gamma are read to 4 decimals (round(v * 10000)); a
#     number typed in a config is far from a rounding boundary in either
#     precision, so both read the same integers;
#   - log2(i / 255) is computed in Q2.30 fixed point bit by bit (square,
#     compare with 2), times gamma; 2 ** that is a product of the constants
#     2 ** 2 ** -j picked by the bits of its fraction (_EXP2_STEPS), then
#     scaled by 255 * brightness and rounded to nearest, half up.
# All in Python ints (arbitrary precision on both), so the table is the same
# bit for bit everywhere. Measured relative error is below 1e-8 (2e-6 of a
# step at worst): against the double formula an entry differs only where the
# exact value is a tie (k + 0.5, e.g. 255 * 0.3 = 76.5), by one step; that
# is 439 of 1.3 million entries over brightness 0..1 by 0.01, gamma 0.1..5
# by 0.1.
#
# Costs about 15000 small bigint operations (2 ms under CPython); it runs
# once per configuration change, not per frame.

from .compat import const
from .layout import check_number

_F = const(30)                  # fraction bits
_ONE = const(1073741824)        # 1.0 in Q2.30
_SCALE = const(10000)           # brightness and gamma are read in 1/10000

# round((2 ** 2 ** -j - 1) * 2 ** 30) for j = 1..30: the factor a set bit
# j of an exponent's fraction contributes, less one so all are small ints
# on the chip (tests/test_color.py recomputes them with decimal).
_EXP2_STEPS = (444758426, 203159593, 97181938, 47538612, 23511884, 11692282, 5830312,
               2911209, 1454619, 727064, 363470, 181720, 90856, 45427, 22713, 11357,
               5678, 2839, 1420, 710, 355, 177, 89, 44, 22, 11, 6, 3, 1, 1)

ORDERS = ("RGB", "RBG", "GRB", "GBR", "BRG", "BGR")


def _log2(i):
    # log2(i) in Q.30 for an int i >= 1: the integer part from the highest
    # set bit, then one fraction bit per squaring of the mantissa m in [1, 2).
    k = 0
    while i >> (k + 1):
        k += 1
    m = (i << _F) >> k
    result = k << _F
    bit = _ONE >> 1
    while bit:
        m = (m * m) >> _F
        if m >= 2 * _ONE:
            m >>= 1
            result |= bit
        bit >>= 1
    return result


def _pow2_fraction(f):
    # 2 ** (f / 2 ** 30) in Q.30 for 0 <= f < 2 ** 30.
    p = _ONE
    j = 0
    bit = _ONE >> 1
    while bit:
        if f & bit:
            p += (p * _EXP2_STEPS[j]) >> _F
        j += 1
        bit >>= 1
    return p


def lut(brightness, gamma):
    """bytearray(256): round(255 * brightness * (i / 255) ** gamma) for each
    byte i; brightness from 0 to 1, gamma from 0.1 to 5."""
    check_number("brightness", brightness, 0, 1)
    check_number("gamma", gamma, 0.1, 5)
    b = int(round(brightness * _SCALE))
    g = int(round(gamma * _SCALE))
    top = _log2(255)
    table = bytearray(256)          # (0 / 255) ** gamma is 0
    for i in range(1, 256):
        # e = -gamma * log2(i / 255) >= 0, and the value is
        # 255 * brightness * 2 ** -e = 255 * brightness * 2 ** (f - n)
        # with n whole and f in [0, 1).
        e = ((top - _log2(i)) * g + _SCALE // 2) // _SCALE
        n = e >> _F
        f = -e & (_ONE - 1)
        if f:
            n += 1
        den = _SCALE << (_F + n)
        # Never above 255 * brightness <= 255: 2 ** -e <= 1.
        table[i] = (2 * 255 * b * _pow2_fraction(f) + den) // (2 * den)
    return table


def order(name):
    """Byte offsets of R, G and B within an LED's 3 bytes for a colour order
    such as "GRB": r | g << 8 | b << 16."""
    upper = name.upper() if isinstance(name, str) else None
    if upper not in ORDERS:
        raise ValueError("order must be one of %s, not %r" % (", ".join(ORDERS), name))
    return upper.find("R") | upper.find("G") << 8 | upper.find("B") << 16
