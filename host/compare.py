"""Is lumajit's image close enough to Mesa's? The acceptance rule, in one place.

Both images are raw RGBA floats (see host/mesa.py). What a viewer or an LED
sees is the clamped colour, so both are clamped to [0, 1] first; then each
channel's absolute difference is taken. An image passes when

  * at least 99% of channels are within 2/255, and
  * no channel is more than 32/255 off.

The first rule is the everyday precision of Q16.16 against float32; the
second lets a few pixels sit on the other side of a hard edge (a `floor`,
an `if` on a float) without hiding a real bug. Pure Python: the test suite
must not need numpy.
"""

import math

WITHIN = 2.0            # /255, "close" per channel
WITHIN_FRACTION = 0.99  # share of channels that must be close
LIMIT = 32.0            # /255, no channel may be further off
# Inclusive boundaries despite rounding: 2/255 computed from two floats can
# come out a hair above 2.0 after the *255.
_SLACK = 1e-9

_CHANNELS = "rgba"


def _clamp(value: float) -> float:
    return min(max(value, 0.0), 1.0)


class Report:
    """The outcome of one comparison.

    ok                     both rules hold
    within_2_255_fraction  share of channels within 2/255
    max_diff               largest clamped difference, raw (0..1)
    max_diff_255           the same in /255 units
    worst_index            (x, y, channel) of that largest difference
    channels               number of channels compared
    """

    def __init__(self, ok, within_2_255_fraction, max_diff, worst_index, channels):
        self.ok = ok
        self.within_2_255_fraction = within_2_255_fraction
        self.max_diff = max_diff
        self.max_diff_255 = max_diff * 255.0
        self.worst_index = worst_index
        self.channels = channels

    def __str__(self):
        x, y, channel = self.worst_index
        return "%s: %.2f%% of %d channels within 2/255 (need 99%%), max diff %.2f/255 " \
               "(raw %.6f, limit 32/255) at x=%d y=%d %s" % (
                   "ok" if self.ok else "FAIL",
                   100.0 * self.within_2_255_fraction, self.channels,
                   self.max_diff_255, self.max_diff, x, y, _CHANNELS[channel])

    __repr__ = __str__


def compare(actual, expected, width=None) -> Report:
    """Compare two raw RGBA float images of the same size.

    `width` (pixels per row) only serves to name the worst pixel as (x, y);
    without it the image is taken as one row. A NaN channel on either side
    counts as fully wrong (1.0), since it has no clamped colour.
    """
    if len(actual) != len(expected):
        raise ValueError("images differ in size: %d vs %d floats" % (len(actual), len(expected)))
    if not actual or len(actual) % 4:
        raise ValueError("an RGBA image needs a positive multiple of 4 floats, got %d" % len(actual))
    pixels = len(actual) // 4
    width = width or pixels
    if pixels % width:
        raise ValueError("%d pixels do not make rows of %d" % (pixels, width))

    within = 0
    max_diff = -1.0
    worst = 0
    for index, (a, e) in enumerate(zip(actual, expected)):
        if math.isnan(a) or math.isnan(e):
            diff = 1.0
        else:
            diff = abs(_clamp(a) - _clamp(e))
        if diff * 255.0 <= WITHIN + _SLACK:
            within += 1
        if diff > max_diff:
            max_diff = diff
            worst = index

    fraction = within / len(actual)
    ok = fraction >= WITHIN_FRACTION and max_diff * 255.0 <= LIMIT + _SLACK
    pixel, channel = divmod(worst, 4)
    y, x = divmod(pixel, width)
    return Report(ok, fraction, max_diff, (x, y, channel), len(actual))
