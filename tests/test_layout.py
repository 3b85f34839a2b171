"""LED layouts: which fragCoord each LED gets, in wiring order.

Expected tables are written out by hand from the wiring pictures in the
comments, not derived from the code."""

from array import array

import pytest

from device import layout

H = 32768           # 0.5 in Q16.16
ONE = 65536


def centres(cells):
    """Q16.16 pixel centres of (column, row) cells, flattened."""
    out = []
    for col, row in cells:
        out += [col * ONE + H, row * ONE + H]
    return out


def test_strip():
    s = layout.strip(4)
    assert s.count == 4
    assert s.size == (4.0, 1.0)
    assert isinstance(s.coords, array) and s.coords.typecode == "i"
    assert list(s.coords) == [H, H, ONE + H, H, 2 * ONE + H, H, 3 * ONE + H, H]


# A 3 x 2 matrix, LED numbers as they sit on the picture (row 1 on top,
# as in GL):
#
#   progressive, bottom-left    serpentine, bottom-left
#       3 4 5                       5 4 3
#       0 1 2                       0 1 2
#
#   progressive, top-left       serpentine, top-left
#       0 1 2                       0 1 2
#       3 4 5                       5 4 3
#
#   progressive, bottom-right   serpentine, bottom-right
#       5 4 3                       3 4 5
#       2 1 0                       2 1 0
#
#   progressive, top-right      serpentine, top-right
#       2 1 0                       2 1 0
#       5 4 3                       3 4 5
MATRIX_3x2 = {
    (False, "bottom-left"): [(0, 0), (1, 0), (2, 0), (0, 1), (1, 1), (2, 1)],
    (True, "bottom-left"): [(0, 0), (1, 0), (2, 0), (2, 1), (1, 1), (0, 1)],
    (False, "top-left"): [(0, 1), (1, 1), (2, 1), (0, 0), (1, 0), (2, 0)],
    (True, "top-left"): [(0, 1), (1, 1), (2, 1), (2, 0), (1, 0), (0, 0)],
    (False, "bottom-right"): [(2, 0), (1, 0), (0, 0), (2, 1), (1, 1), (0, 1)],
    (True, "bottom-right"): [(2, 0), (1, 0), (0, 0), (0, 1), (1, 1), (2, 1)],
    (False, "top-right"): [(2, 1), (1, 1), (0, 1), (2, 0), (1, 0), (0, 0)],
    (True, "top-right"): [(2, 1), (1, 1), (0, 1), (0, 0), (1, 0), (2, 0)],
}


@pytest.mark.parametrize("serpentine,origin", sorted(MATRIX_3x2))
def test_matrix_wiring(serpentine, origin):
    m = layout.matrix(3, 2, serpentine=serpentine, origin=origin)
    assert m.count == 6
    assert m.size == (3.0, 2.0)
    assert list(m.coords) == centres(MATRIX_3x2[serpentine, origin])


def test_matrix_serpentine_three_rows():
    # Row 2 runs forwards again:  6 7 8 / 5 4 3 / 0 1 2
    m = layout.matrix(3, 3, serpentine=True)
    assert list(m.coords) == centres([(0, 0), (1, 0), (2, 0), (2, 1), (1, 1), (0, 1),
                                      (0, 2), (1, 2), (2, 2)])


def test_matrix_defaults_and_one_column():
    assert list(layout.matrix(1, 3).coords) == centres([(0, 0), (0, 1), (0, 2)])
    # A single column: serpentine makes no difference.
    assert list(layout.matrix(1, 3, True).coords) == centres([(0, 0), (0, 1), (0, 2)])


def test_points_are_pixel_positions():
    p = layout.points([(0, 0), (2, 1), (1.25, 0.5)])
    assert p.count == 3
    # Each sits at the centre of the pixel at its position.
    assert list(p.coords) == [H, H, 2 * ONE + H, ONE + H, ONE + 16384 + H, 2 * H]
    # Default size: largest + 1, rounded up.
    assert p.size == (3.0, 2.0)
    assert layout.points([[0.5, 0], [2.25, 3.5]]).size == (4.0, 5.0)
    assert layout.points([[1, 1]], size=[10, 7.5]).size == (10.0, 7.5)


def test_points_of_a_matrix_give_the_matrix():
    cells = MATRIX_3x2[True, "top-right"]
    assert (list(layout.points(cells).coords)
            == list(layout.matrix(3, 2, True, "top-right").coords))
    assert layout.points(cells).size == (3.0, 2.0)


def test_points_float_rounding():
    # Q16.16 is round(v * 65536), half to even.
    p = layout.points([(1 / 3, -2.0), (0.5 / ONE, 1.5 / ONE)], size=(1, 1))
    assert list(p.coords) == [21845 + H, -2 * ONE + H, 0 + H, 2 + H]


def test_points_range():
    p = layout.points([(-32768, 32767)], size=(1, 1))
    assert list(p.coords) == [-2 ** 31 + H, 2 ** 31 - H]
    with pytest.raises(ValueError, match=r"layout.coords\[1\] must be \[x, y\] with numbers "
                                         r"from -32768 to 32767, not \[40000, 0\]"):
        layout.points([(0, 0), [40000, 0]])
    with pytest.raises(ValueError, match=r"layout.coords\[0\]"):
        layout.points([(0, float("nan"))])
    with pytest.raises(ValueError, match=r"layout.coords\[0\]"):
        layout.points([(True, 0)])
    with pytest.raises(ValueError, match=r"layout.coords\[2\].*not \(1, 2, 3\)"):
        layout.points([(0, 0), (1, 1), (1, 2, 3)])
    with pytest.raises(ValueError, match=r"layout.coords must have 1 to 4096 points, not 0"):
        layout.points([])
    with pytest.raises(ValueError, match=r"layout.coords must be a list of \[x, y\] points"):
        layout.points("0,0")
    with pytest.raises(ValueError, match=r"layout.size\[0\] must be a number from 1 to 32767, not 0"):
        layout.points([(0, 0)], size=(0, 1))
    with pytest.raises(ValueError, match=r"layout.size must be \[width, height\], not 5"):
        layout.points([(0, 0)], size=5)


@pytest.mark.parametrize("call,message", [
    (lambda: layout.strip(0), "layout.count must be an integer from 1 to 4096, not 0"),
    (lambda: layout.strip(2.0), "layout.count must be an integer from 1 to 4096, not 2.0"),
    (lambda: layout.matrix(0, 4), "layout.width must be an integer from 1 to 1024, not 0"),
    (lambda: layout.matrix(4, 1025), "layout.height must be an integer from 1 to 1024, not 1025"),
    (lambda: layout.matrix(4, "4"), "layout.height must be an integer from 1 to 1024, not '4'"),
    (lambda: layout.matrix(128, 64), "layout.width * layout.height must be at most 4096 LEDs, not 8192"),
    (lambda: layout.matrix(4, 4, serpentine=1), "layout.serpentine must be true or false, not 1"),
    (lambda: layout.matrix(4, 4, origin="left"),
     "layout.origin must be one of bottom-left, top-left, bottom-right, top-right, not 'left'"),
])
def test_validation_messages(call, message):
    with pytest.raises(ValueError) as e:
        call()
    assert str(e.value) == message


def test_from_config():
    m = layout.from_config({"type": "matrix", "width": 3, "height": 2, "serpentine": True,
                            "origin": "top-left"})
    assert list(m.coords) == centres(MATRIX_3x2[True, "top-left"])
    # Optional settings take matrix()'s defaults; a whole config works too.
    m = layout.from_config({"pin": 8, "layout": {"type": "matrix", "width": 3, "height": 2}})
    assert list(m.coords) == centres(MATRIX_3x2[False, "bottom-left"])
    assert list(layout.from_config({"type": "strip", "count": 2}).coords) == [H, H, ONE + H, H]
    p = layout.from_config({"type": "points", "coords": [[0, 0], [4, 1]], "size": [8, 8]})
    assert p.size == (8.0, 8.0) and p.count == 2


@pytest.mark.parametrize("cfg,message", [
    ([1], "layout must be an object"),
    ({"type": "ring"}, "layout.type must be one of strip, matrix, points, not 'ring'"),
    ({"count": 3}, "layout.type must be one of strip, matrix, points, not None"),
    ({"type": "strip"}, "layout.count is missing: a strip layout needs count"),
    ({"type": "matrix", "width": 4}, "layout.height is missing: a matrix layout needs width, height"),
    ({"type": "strip", "count": 4, "width": 4},
     "layout.width is not a setting of a strip layout (settings: count)"),
    ({"type": "points", "coords": [[0, 0]], "sise": [1, 1]},
     "layout.sise is not a setting of a points layout (settings: coords, size)"),
    ({"type": "strip", "count": -1}, "layout.count must be an integer from 1 to 4096, not -1"),
])
def test_config_errors(cfg, message):
    for check in (layout.check_config, layout.from_config):
        with pytest.raises(ValueError) as e:
            check(cfg)
        assert str(e.value).startswith(message)


def test_check_config_accepts_what_from_config_builds():
    for cfg in ({"type": "strip", "count": 4096},
                {"type": "matrix", "width": 64, "height": 64, "origin": "top-right"},
                {"type": "points", "coords": [[0.5, 1e-3]]}):
        layout.check_config(cfg)
        assert layout.from_config(cfg).count == len(layout.from_config(cfg).coords) // 2
