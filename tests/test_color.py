"""Brightness/gamma table and colour order."""

import struct
from decimal import Decimal, getcontext

import pytest

from device import color


def exact(brightness, gamma):
    """The formula in double precision."""
    return [min(255, max(0, round(255 * brightness * (i / 255) ** gamma))) for i in range(256)]


def as_float32(v):
    # What a float becomes on the chip (MicroPython on the ESP32 is single precision).
    return struct.unpack("f", struct.pack("f", v))[0]


def test_endpoints():
    for b, g in ((1, 2.2), (0.25, 2.2), (0.5, 0.1), (1.0, 5), (0.8, 1)):
        t = color.lut(b, g)
        assert len(t) == 256
        assert t[0] == 0
        assert t[255] == round(255 * b)
    assert list(color.lut(1, 1)) == list(range(256))
    assert bytes(color.lut(0, 2.2)) == bytes(256)


def test_monotonic():
    for b in (0.1, 0.5, 1):
        for g in (0.1, 0.7, 1.0, 2.2, 5):
            t = color.lut(b, g)
            assert all(t[i] <= t[i + 1] for i in range(255))


GRID = [(b, g) for b in (0.01, 0.1, 0.25, 0.3, 0.5, 0.77, 1.0)
        for g in (0.1, 0.45, 1.0, 1.8, 2.2, 2.8, 5.0)]


def test_within_one_step_of_the_formula_and_off_only_at_ties():
    getcontext().prec = 30
    for b, g in GRID:
        t = color.lut(b, g)
        want = exact(b, g)
        for i in range(256):
            if t[i] != want[i]:
                assert abs(t[i] - want[i]) == 1
                # Only where the exact value is a tie k + 0.5 does the
                # table's round-half-up differ from the float formula.
                value = 255 * Decimal(str(b)) * (Decimal(i) / 255) ** Decimal(str(g))
                assert abs(value - int(value) - Decimal("0.5")) < Decimal("1e-9"), (b, g, i)


def test_chip_precision_inputs_give_the_same_table():
    # The chip reads 0.3 or 2.2 as single-precision floats; the table must
    # not change.
    for b, g in GRID:
        assert color.lut(as_float32(b), as_float32(g)) == color.lut(b, g)


def test_exp2_steps_are_right():
    getcontext().prec = 50
    for j, step in enumerate(color._EXP2_STEPS, start=1):
        want = (Decimal(2) ** (Decimal(1) / Decimal(2) ** j) - 1) * 2 ** 30
        assert step == int(want.to_integral_value()), j


def test_lut_validation():
    with pytest.raises(ValueError, match=r"^brightness must be a number from 0 to 1, not 1.5$"):
        color.lut(1.5, 2.2)
    with pytest.raises(ValueError, match=r"^gamma must be a number from 0.1 to 5, not 0.05$"):
        color.lut(1, 0.05)
    with pytest.raises(ValueError, match=r"^gamma must be a number from 0.1 to 5, not '2'$"):
        color.lut(1, "2")


@pytest.mark.parametrize("name,r,g,b", [
    ("RGB", 0, 1, 2), ("RBG", 0, 2, 1), ("GRB", 1, 0, 2),
    ("GBR", 2, 0, 1), ("BRG", 1, 2, 0), ("BGR", 2, 1, 0), ("grb", 1, 0, 2), ("bGr", 2, 1, 0),
])
def test_order(name, r, g, b):
    assert color.order(name) == r | g << 8 | b << 16


@pytest.mark.parametrize("name", ["RGBW", "RRG", "", None, 3])
def test_order_errors(name):
    with pytest.raises(ValueError) as e:
        color.order(name)
    assert str(e.value) == "order must be one of RGB, RBG, GRB, GBR, BRG, BGR, not %r" % (name,)
