# Where each LED sits in the shader's picture. A layout gives the frame loop
# `count` (LEDs), `size` (the shader's outputSize, floats in shader pixels)
# and `coords`: an array('i') of 2 * count Q16.16 values x0, y0, x1, y1, ...,
# each LED's fragCoord in the order the LEDs are wired. The table is built
# once, so the per-frame loop only reads it whatever the wiring.
#
# Convention, as in GL: pixel (column, row) has its centre at
# (column + 0.5, row + 0.5) and row 0 is the bottom (fragCoord.y = 0.5).
# Coordinates are made with integer arithmetic (whole pixels plus 0.5 is
# exact in Q16.16), so CPython and the chip's single-precision floats give
# the very same table.

import math
from array import array

from .compat import const

# 8 bytes of table plus 3 of pixels per LED: 4096 LEDs are 44 KB, about a
# quarter of a C3's free heap, and a WS2812 chain that long already refreshes
# at only 8 fps (30 us per LED).
MAX_LEDS = const(4096)
_MAX_SIDE = const(1024)
# A coordinate plus the half pixel must stay inside Q16.16 (|v| < 32768).
_MIN_COORD = const(-32768)
_MAX_COORD = const(32767)
_HALF = const(32768)            # 0.5 in Q16.16

TYPES = ("strip", "matrix", "points")
ORIGINS = ("bottom-left", "top-left", "bottom-right", "top-right")
# The settings of each layout type, in TYPES order: the first _REQUIRED[t]
# are required, the others optional (their defaults are matrix()'s and
# points()'s).
_SETTINGS = (("count",), ("width", "height", "serpentine", "origin"), ("coords", "size"))
_REQUIRED = (1, 2, 1)


class Layout:
    def __init__(self, count, size, coords):
        self.count = count
        self.size = size
        self.coords = coords


def is_number(value):
    # bool is an int in CPython; true/false in a config is never a number.
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def check_int(name, value, lo, hi):
    if not (isinstance(value, int) and not isinstance(value, bool) and lo <= value <= hi):
        raise ValueError("%s must be an integer from %d to %d, not %r" % (name, lo, hi, value))


def check_number(name, value, lo, hi):
    # `lo <= value` is false for NaN, so NaN is refused too.
    if not (is_number(value) and lo <= value <= hi):
        raise ValueError("%s must be a number from %s to %s, not %r" % (name, lo, hi, value))


def q16(value):
    # round(value * 65536). Scaling by a power of two is exact in any float
    # format, and CPython and MicroPython both round halves to even, so a
    # float gives the same result everywhere; an int is exact by shifting.
    if isinstance(value, int):
        return value << 16
    return int(round(value * 65536))


def _table(count):
    # range has a length, so array() allocates the table once, at full size.
    return array("i", range(2 * count))


def strip(count):
    check_int("layout.count", count, 1, MAX_LEDS)
    coords = _table(count)
    for i in range(count):
        coords[2 * i] = (i << 16) + _HALF
        coords[2 * i + 1] = _HALF
    return Layout(count, (float(count), 1.0), coords)


def _check_matrix(width, height, serpentine, origin):
    check_int("layout.width", width, 1, _MAX_SIDE)
    check_int("layout.height", height, 1, _MAX_SIDE)
    if width * height > MAX_LEDS:
        raise ValueError("layout.width * layout.height must be at most %d LEDs, not %d"
                         % (MAX_LEDS, width * height))
    if serpentine is not True and serpentine is not False:
        raise ValueError("layout.serpentine must be true or false, not %r" % (serpentine,))
    if origin not in ORIGINS:
        raise ValueError("layout.origin must be one of %s, not %r"
                         % (", ".join(ORIGINS), origin))


def matrix(width, height, serpentine=False, origin="bottom-left"):
    # LEDs are wired row by row starting at `origin`; a serpentine matrix
    # runs every other row backwards (the wire snakes back at the edge).
    _check_matrix(width, height, serpentine, origin)
    flip_x = origin.endswith("right")
    flip_y = origin.startswith("top")
    count = width * height
    coords = _table(count)
    for k in range(count):
        row = k // width
        col = k - row * width
        if serpentine and row & 1:
            col = width - 1 - col
        if flip_x:
            col = width - 1 - col
        if flip_y:
            row = height - 1 - row
        coords[2 * k] = (col << 16) + _HALF
        coords[2 * k + 1] = (row << 16) + _HALF
    return Layout(count, (float(width), float(height)), coords)


def _coord_error(i, value):
    return ValueError("layout.coords[%d] must be [x, y] with numbers from %d to %d, not %r"
                      % (i, _MIN_COORD, _MAX_COORD, value))


def _check_points(coords, size):
    # Returns the largest x and y, which give the default size. The message
    # for a bad point is built only on failure: no string per LED.
    if not isinstance(coords, (list, tuple)):
        raise ValueError("layout.coords must be a list of [x, y] points, not %r" % (coords,))
    if not 1 <= len(coords) <= MAX_LEDS:
        raise ValueError("layout.coords must have 1 to %d points, not %d" % (MAX_LEDS, len(coords)))
    max_x = max_y = _MIN_COORD
    for i in range(len(coords)):
        p = coords[i]
        if not isinstance(p, (list, tuple)) or len(p) != 2:
            raise _coord_error(i, p)
        x, y = p
        if not (is_number(x) and is_number(y) and _MIN_COORD <= x <= _MAX_COORD
                and _MIN_COORD <= y <= _MAX_COORD):
            raise _coord_error(i, p)
        if x > max_x:
            max_x = x
        if y > max_y:
            max_y = y
    if size is not None:
        if not isinstance(size, (list, tuple)) or len(size) != 2:
            raise ValueError("layout.size must be [width, height], not %r" % (size,))
        check_number("layout.size[0]", size[0], 1, _MAX_COORD)
        check_number("layout.size[1]", size[1], 1, _MAX_COORD)
    return max_x, max_y


def _default_side(largest):
    # The pixel of the largest position must fit: largest + 1, rounded up
    # (at least 1, should every position be negative).
    return max(1, math.ceil(largest + 1))


def points(coords, size=None):
    # Each point is an LED's position in shader pixels; the LED samples the
    # centre of the pixel there, (x + 0.5, y + 0.5), as strip and matrix do,
    # so points listing a matrix's cells give that matrix's table.
    max_x, max_y = _check_points(coords, size)
    if size is None:
        size = (_default_side(max_x), _default_side(max_y))
    count = len(coords)
    table = _table(count)
    for i in range(count):
        p = coords[i]
        table[2 * i] = q16(p[0]) + _HALF
        table[2 * i + 1] = q16(p[1]) + _HALF
    return Layout(count, (float(size[0]), float(size[1])), table)


def _settings_of(cfg):
    # The layout part of a config, checked for its type and for missing or
    # unknown settings; returns (cfg, index of its type in TYPES).
    if isinstance(cfg, dict) and "type" not in cfg and "layout" in cfg:
        cfg = cfg["layout"]
    if not isinstance(cfg, dict):
        raise ValueError("layout must be an object such as {\"type\": \"strip\", \"count\": 60}, not %r"
                         % (cfg,))
    kind = cfg.get("type")
    if kind not in TYPES:
        raise ValueError("layout.type must be one of %s, not %r" % (", ".join(TYPES), kind))
    t = TYPES.index(kind)
    names = _SETTINGS[t]
    for key in cfg:
        if key != "type" and key not in names:
            raise ValueError("layout.%s is not a setting of a %s layout (settings: %s)"
                             % (key, kind, ", ".join(names)))
    for key in names[:_REQUIRED[t]]:
        if key not in cfg:
            raise ValueError("layout.%s is missing: a %s layout needs %s"
                             % (key, kind, ", ".join(names[:_REQUIRED[t]])))
    return cfg, t


def check_config(cfg):
    """Raise ValueError unless cfg (a layout dict, or a whole config with a
    "layout") describes a valid layout; builds no table."""
    cfg, t = _settings_of(cfg)
    if t == 0:
        check_int("layout.count", cfg["count"], 1, MAX_LEDS)
    elif t == 1:
        _check_matrix(cfg["width"], cfg["height"], cfg.get("serpentine", False),
                      cfg.get("origin", "bottom-left"))
    else:
        _check_points(cfg["coords"], cfg.get("size"))


def from_config(cfg):
    """The Layout a layout dict (or a whole config with a "layout") describes."""
    cfg, t = _settings_of(cfg)
    if t == 0:
        return strip(cfg["count"])
    if t == 1:
        return matrix(cfg["width"], cfg["height"], cfg.get("serpentine", False),
                      cfg.get("origin", "bottom-left"))
    return points(cfg["coords"], cfg.get("size"))
