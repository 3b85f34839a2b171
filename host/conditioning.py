"""How ill-conditioned is the Perlin benchmark? Measured with Mesa alone.

`python -m host.conditioning` (needs Mesa, like `make golden`).

The benchmark (../shared/bench/lp2025-test-perlin.glsl) hashes each grid
corner with

    h = mod(dot(p, vec2(12.9898, 78.233)), 1000.0);   // up to ~640 here
    return fract(sin(h) * 10000.0);

sin(h) * 10000 turns any error in h or in sin into 10000 times that error
before fract keeps only the fraction. One Q16.16 step (2^-16 = 1.5e-5) in h
moves the hash by up to 0.15 of a turn, and float32 itself rounds h near 640
to 2^-14. So no evaluator that is not bit-identical to Mesa's float32 sin
can reproduce Mesa's image of this shader: the golden comparison for it can
only hold for the parts that do not depend on the hash.

Two studies:

1. Images. Mesa renders the benchmark at 16x16, t=1.25 as is and with
   tiny perturbations, compared with host/compare.py. A control perturbs a
   well-conditioned spot by the same 2^-16. hsv_to_rgb is called with
   s = 1.0, so for every pixel max(r, g, b) is the brightness and min(r, g, b)
   is 0 whatever the noise: those two are compared separately, and so is
   the middle channel, which carries the hue and hence the noise.
2. The hash itself. Mesa evaluates the benchmark's `hash` (verbatim) on
   the integer cells 0..31 x 0..31, and the same with its sin argument one
   Q16.16 step off; both are set against the hash computed in double
   precision, and Mesa's sin against double sin at the same float32 h.
"""

import math
import os
import statistics
import struct

from host import mesa
from host.compare import compare

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCHMARK = os.path.join(REPO, "..", "shared", "bench", "lp2025-test-perlin.glsl")
WIDTH, HEIGHT, TIME = 16, 16, 1.25
CELLS = 32  # hash study: cells 0..CELLS-1 in x and y


def _float32(value):
    return struct.unpack("<f", struct.pack("<f", value))[0]


def _next_float32(value):
    """The float32 one ulp above a positive value, spelled so GLSL parses it back exactly."""
    bits = struct.unpack("<I", struct.pack("<f", value))[0]
    return "%.9g" % struct.unpack("<f", struct.pack("<I", bits + 1))[0]


def _q16(value):
    """The decimal literal of `value` rounded to the Q16.16 grid (exact in float32 too)."""
    return repr(round(value * 65536) / 65536)


def _replace_once(source, old, new):
    if source.count(old) != 1:
        raise ValueError("expected exactly one %r in the benchmark" % old)
    return source.replace(old, new)


def _variants(source):
    """(label, source) for each perturbation of the benchmark."""
    return [
        ("multiplier 10000.0 -> 10000.001 (one float32 ulp)",
         _replace_once(source, "sin(h) * 10000.0", "sin(h) * 10000.001")),
        ("12.9898 -> %s (one float32 ulp)" % _next_float32(12.9898),
         _replace_once(source, "12.9898", _next_float32(12.9898))),
        ("hash constants rounded to Q16.16 (%s, %s)" % (_q16(12.9898), _q16(78.233)),
         _replace_once(source, "vec2(12.9898, 78.233)",
                       "vec2(%s, %s)" % (_q16(12.9898), _q16(78.233)))),
        ("sin(h) -> sin(h + 1.0/65536.0) (one Q16.16 step)",
         _replace_once(source, "sin(h) * 10000.0", "sin(h + 1.0 / 65536.0) * 10000.0")),
        ("sin(h) -> sin(h) + 1.0/65536.0 (sin's result one Q16.16 step off)",
         _replace_once(source, "sin(h) * 10000.0", "(sin(h) + 1.0 / 65536.0) * 10000.0")),
        ("control: noiseCoord + 1.0/65536.0 (one Q16.16 step, well-conditioned)",
         _replace_once(source, "vec2 noiseCoord = uv * zoom;",
                       "vec2 noiseCoord = uv * zoom + vec2(1.0 / 65536.0);")),
    ]


def _split_channels(rgba):
    """Per pixel: (max, middle, min) of r, g, b."""
    maxima, middles, minima = [], [], []
    for i in range(0, len(rgba), 4):
        low, mid, high = sorted(rgba[i:i + 3])
        maxima.append(high)
        middles.append(mid)
        minima.append(low)
    return maxima, middles, minima


def _as_image(values):
    """One value per pixel as a grey RGBA image, so compare() can judge it."""
    return [v for v in values for _ in range(4)]


def _agreement(actual, expected):
    report = compare(_as_image(actual), _as_image(expected), WIDTH)
    return "%6.2f%% within 2/255, max %6.2f/255" % (
        100.0 * report.within_2_255_fraction, report.max_diff_255)


def image_study(source):
    print("1. Images: Mesa float32, %dx%d, t=%g, (a) = the benchmark as is" % (WIDTH, HEIGHT, TIME))
    baseline = mesa.render(source, WIDTH, HEIGHT, TIME)
    base_max, base_mid, base_min = _split_channels(baseline)
    for label, variant in _variants(source):
        rgba = mesa.render(variant, WIDTH, HEIGHT, TIME)
        high, mid, low = _split_channels(rgba)
        print("  (a) vs %s" % label)
        print("      whole image:   %s" % compare(rgba, baseline, WIDTH))
        print("      max channel:   %s" % _agreement(high, base_max))
        print("      min channel:   %s" % _agreement(low, base_min))
        print("      middle (hue):  %s" % _agreement(mid, base_mid))
    print("  in (a), max(r,g,b) spans %.6f..%.6f (the brightness); min(r,g,b) spans %.6f..%.6f"
          % (min(base_max), max(base_max), min(base_min), max(base_min)))


def _hash_shader(source, sin_argument):
    """The benchmark's `hash`, verbatim (or with its sin argument replaced), on integer cells.

    Output: r = hash(cell), g = h after mod (float32), b = Mesa's sin(h).
    """
    start = source.index("float hash(vec2 p)")
    end = source.index("\n}\n", start) + 3
    hash_function = source[start:end]
    if sin_argument != "h":
        hash_function = _replace_once(hash_function, "sin(h)", "sin(%s)" % sin_argument)
    return hash_function + """
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 cell = floor(fragCoord);
    float h = mod(dot(cell, vec2(12.9898, 78.233)), 1000.0);
    return vec4(hash(cell), h, sin(h), 1.0);
}
"""


def _turns(a, b):
    """Distance between two hashes as angles (the hash is used as a fraction of a turn)."""
    d = abs(a - b) % 1.0
    return min(d, 1.0 - d)


def _describe(label, distances):
    distances = sorted(distances)
    share = sum(1 for d in distances if d > 0.01) / len(distances)
    print("  %-44s median %.4f, 90th pct %.4f, max %.4f turn; %5.1f%% of cells off by > 0.01"
          % (label, statistics.median(distances), distances[int(0.9 * len(distances))],
             distances[-1], 100.0 * share))


def hash_study(source):
    print("2. The hash on cells 0..%d x 0..%d (the benchmark at 16x16 uses cells 0..8)"
          % (CELLS - 1, CELLS - 1))
    exact = mesa.render(_hash_shader(source, "h"), CELLS, CELLS, 0.0)
    stepped = mesa.render(_hash_shader(source, "h + 1.0 / 65536.0"), CELLS, CELLS, 0.0)
    to_double, to_step, sin_error, hash_from_sin = [], [], [], []
    used = []  # cells the 16x16 benchmark reads: 0..8 in x and y
    absorbed = 0
    for y in range(CELLS):
        for x in range(CELLS):
            i = (y * CELLS + x) * 4
            mesa_hash, mesa_h, mesa_sin = exact[i:i + 3]
            h = math.fmod(x * 12.9898 + y * 78.233, 1000.0)
            to_double.append(_turns(mesa_hash, (math.sin(h) * 10000.0) % 1.0))
            to_step.append(_turns(mesa_hash, stepped[i]))
            sin_error.append(abs(mesa_sin - math.sin(mesa_h)))
            absorbed += _float32(mesa_h + 2.0 ** -16) == mesa_h
            if x <= 8 and y <= 8:
                used.append(len(to_step) - 1)
            rounded_sin = _float32(math.sin(mesa_h))
            hash_from_sin.append(_turns(mesa_hash, _float32(rounded_sin * 10000.0) % 1.0))
    _describe("Mesa float32 vs double-precision hash:", to_double)
    _describe("  cells 0..8 only:", [to_double[i] for i in used])
    _describe("Mesa vs Mesa with sin(h + 2^-16):", to_step)
    _describe("  cells 0..8 only:", [to_step[i] for i in used])
    print("  (float32 rounds h + 2^-16 back to h for %d of %d cells: from h = 256 up, 2^-16 is"
          " half an ulp or less)"
          % (absorbed, CELLS * CELLS))
    _describe("Mesa vs float32 with correctly rounded sin:", hash_from_sin)
    sin_error.sort()
    print("  Mesa's sin(h) vs double sin of the same float32 h: median %.2e, max %.2e "
          "(one Q16.16 step is %.2e)" % (statistics.median(sin_error), sin_error[-1], 2.0 ** -16))


def main():
    with open(BENCHMARK) as f:
        source = f.read()
    print("renderer:", mesa.renderer())
    image_study(source)
    hash_study(source)


if __name__ == "__main__":
    main()
