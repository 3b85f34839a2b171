"""The acceptance rule (host/compare.py) at its boundaries, and the committed goldens' shape.

No Mesa here: goldens are made by `make golden` (host/golden.py) and committed.
"""

import glob
import json
import math
import os

import pytest

from host.golden import golden_name

from host.compare import compare

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLDENS = sorted(glob.glob(os.path.join(REPO, "tests", "golden", "*.json")))


def grey(values):
    """One RGBA pixel per value, all four channels equal."""
    return [v for v in values for _ in range(4)]


def image_with_offsets(offsets, base=0.5):
    """A 100-pixel grey image with channel i moved by offsets[i] (in /255 units)."""
    rgba = grey([base] * 100)
    for index, offset in offsets.items():
        rgba[index] += offset / 255.0
    return rgba


def test_identical_images_pass():
    rgba = grey([i / 99.0 for i in range(100)])
    report = compare(rgba, list(rgba), width=10)
    assert report.ok
    assert report.within_2_255_fraction == 1.0
    assert report.max_diff == 0.0


def test_exactly_2_255_everywhere_passes():
    expected = grey([0.5] * 100)
    actual = grey([0.5 + 2.0 / 255.0] * 100)
    report = compare(actual, expected)
    assert report.ok
    assert report.within_2_255_fraction == 1.0
    assert report.max_diff_255 == pytest.approx(2.0)


def test_99_percent_rule_boundary():
    # 400 channels: 4 may be beyond 2/255 (exactly 99% within), 5 may not.
    expected = grey([0.5] * 100)
    four = image_with_offsets({i: 3.0 for i in range(4)})
    five = image_with_offsets({i: 3.0 for i in range(5)})
    assert compare(four, expected).ok
    assert compare(four, expected).within_2_255_fraction == 0.99
    report = compare(five, expected)
    assert not report.ok
    assert report.within_2_255_fraction == pytest.approx(0.9875)
    assert str(report).startswith("FAIL")


def test_just_beyond_2_255_counts_as_off():
    expected = grey([0.5] * 100)
    actual = image_with_offsets({i: 2.01 for i in range(5)})
    assert not compare(actual, expected).ok


def test_32_255_rule_boundary():
    expected = grey([0.5] * 100)
    at_limit = image_with_offsets({7: 32.0})
    beyond = image_with_offsets({7: 32.5})
    assert compare(at_limit, expected).ok
    report = compare(beyond, expected, width=10)
    assert not report.ok
    assert report.within_2_255_fraction > 0.99  # only the 32/255 rule fails
    assert report.max_diff_255 == pytest.approx(32.5)
    assert report.max_diff == pytest.approx(32.5 / 255.0)


def test_worst_index_names_pixel_and_channel():
    expected = grey([0.5] * 12)  # 4 x 3 image
    actual = list(expected)
    actual[(2 * 4 + 1) * 4 + 2] += 0.25  # x=1, y=2, blue
    report = compare(actual, expected, width=4)
    assert report.worst_index == (1, 2, 2)
    assert "x=1 y=2 b" in str(report)


def test_values_are_clamped_before_comparing():
    # Raw values beyond [0, 1] that clamp to the same colour are equal...
    assert compare(grey([1.0, 0.0, 0.3]), grey([7.5, -3.0, 0.3])).max_diff == 0.0
    # ...and the distance is measured from the clamped value, not the raw one.
    report = compare(grey([1.5]), grey([1.0 - 2.0 / 255.0]))
    assert report.ok
    assert report.max_diff_255 == pytest.approx(2.0)
    assert not compare(grey([-0.5]), grey([40.0 / 255.0])).ok
    assert compare(grey([float("inf"), float("-inf")]), grey([1.0, 0.0])).ok


def test_nan_counts_as_fully_wrong():
    report = compare(grey([float("nan")]), grey([0.0]))
    assert not report.ok
    assert report.max_diff == 1.0


def test_mismatched_or_malformed_images_are_refused():
    with pytest.raises(ValueError):
        compare([0.0] * 8, [0.0] * 4)
    with pytest.raises(ValueError):
        compare([0.0] * 6, [0.0] * 6)
    with pytest.raises(ValueError):
        compare([], [])
    with pytest.raises(ValueError):
        compare([0.0] * 12, [0.0] * 12, width=2)


def test_there_are_goldens():
    assert GOLDENS, "tests/golden/ is empty: run `make golden`"


@pytest.mark.parametrize("path", GOLDENS, ids=os.path.basename)
def test_golden_is_well_formed(path):
    with open(path) as f:
        golden = json.load(f)
    keys = {"shader", "width", "height", "time", "renderer", "rgba"}
    assert set(golden) in (keys, keys | {"variant"})
    width, height, time = golden["width"], golden["height"], golden["time"]
    assert isinstance(width, int) and isinstance(height, int) and width > 0 and height > 0
    assert isinstance(time, float) and math.isfinite(time)
    assert isinstance(golden["renderer"], str) and golden["renderer"]
    rgba = golden["rgba"]
    assert len(rgba) == width * height * 4
    assert all(isinstance(v, (int, float)) and math.isfinite(v) for v in rgba)

    shader = golden["shader"]
    assert os.path.basename(path) == golden_name(shader, width, height, time, golden.get("variant"))
    if shader.startswith("../shared/") and not os.path.isdir(os.path.join(REPO, "..", "shared")):
        pytest.skip("../shared (the benchmark folder beside the repo) is absent in this checkout")
    assert os.path.isfile(os.path.join(REPO, shader)), "%s names a missing shader" % shader
