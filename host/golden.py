"""Make the golden images: `python -m host.golden` (the body of `make golden`).

Each case is a shader, an image size and a time; Mesa renders it in float32
(host/mesa.py) and the raw RGBA floats go to tests/golden/ as one JSON file
per case, committed, so `make test` compares against them without Mesa.
Files are written in a fixed layout (one image row per line, 6 decimals) so
that regenerating unchanged goldens changes no byte.
"""

import json
import math
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLDEN_DIR = os.path.join(REPO, "tests", "golden")

# The benchmark sits in the shared folder beside the repo.
PERLIN = "../shared/bench/lp2025-test-perlin.glsl"

# LightPlayer's example using the lpfx_ library: Mesa renders it with our
# library's GLSL text (device/jit/lpfx.glsl) put before it, which is the
# float reference of the same algorithms. Times stay small: the shader's
# own time * 0.1 and time * 0.3 drift apart in Q16.16 and float32 as time
# grows (at t = 700 by more than the rule allows).
RAINBOW = "../shared/bench/lp2025-rainbow.glsl"

# Shaders that are not golden cases, and why.
SKIPPED = {}

_OWN_SHADERS = ["gradient", "rings", "plasma", "hsv_wheel", "checker",
                "soft_circle", "noise", "int_bool", "functions", "pressure", "branches",
                "pressure_branches"]

# Variants: a shader with textual substitutions, for when the file itself
# cannot be compared pointwise. The Perlin benchmark's hash
# fract(sin(h) * 10000.0) turns a one-step difference in sin into a random
# hash (see host/conditioning.py); with the multiplier at 1.0 the same
# code path is well-conditioned and can be checked pixel by pixel.
VARIANTS = {
    "wellconditioned": (("sin(h) * 10000.0", "sin(h) * 1.0"),),
}


def variant_source(path, variant):
    """The source of shader `path` (repo-relative) with `variant` applied."""
    with open(os.path.join(REPO, path)) as f:
        source = f.read()
    for old, new in VARIANTS.get(variant, ()) if variant else ():
        if old not in source:
            raise ValueError("variant %r does not apply to %s: %r not found" % (variant, path, old))
        source = source.replace(old, new)
    return source

# (shader path relative to the repo, width, height, time)
CASES = (
    [("tests/shaders/%s.glsl" % name, 16, 16, t)
     for name in _OWN_SHADERS for t in (0.0, 1.25)]
    + [
        ("tests/shaders/gradient.glsl", 8, 4, 1.25),
        ("tests/shaders/hsv_wheel.glsl", 32, 8, 1.25),
        ("tests/shaders/noise.glsl", 32, 8, 0.0),
        ("tests/shaders/int_bool.glsl", 8, 4, 1.25),
        (PERLIN, 16, 16, 1.25),
        (RAINBOW, 16, 16, 1.25),
        (RAINBOW, 32, 16, 0.0),
        (PERLIN, 32, 32, 0.0),
    ]
)
# The language corpus: one short shader per feature of the shader language
# (lang_*) and whole effects as LED artists write them (fx_*), some with
# LightPlayer's entry, some with Shadertoy's. Each is written for Q16.16:
# intermediates well inside +-32768, nothing that amplifies a rounding
# difference, no hard edge on a pixel centre (tests/shaders/*.glsl say how).
_LANGUAGE_SHADERS = [
    # types
    "lang_bool", "lang_int", "lang_int_bits", "lang_float", "lang_vec2", "lang_vec3",
    "lang_vec4", "lang_ivec", "lang_bvec", "lang_uint", "lang_uvec", "lang_conversions",
    "lang_implicit_conv",
    # matrices
    "lang_mat2", "lang_mat3", "lang_mat4", "lang_mat_ops", "lang_mat_index",
    # arrays and structs
    "lang_array_float", "lang_array_ctor", "lang_array_dynamic", "lang_array_vec",
    "lang_array_param",
    "lang_struct", "lang_struct_nested", "lang_struct_array",
    # operators and expressions
    "lang_assign_ops", "lang_assign_int_ops", "lang_incdec", "lang_swizzle_read",
    "lang_swizzle_write", "lang_ternary", "lang_logic",
    # statements and control flow
    "lang_if_else", "lang_for", "lang_while", "lang_break_continue", "lang_nested_loops",
    "lang_loop_return", "lang_switch", "lang_discard", "lang_comma", "lang_scope",
    # functions, globals, entry points
    "lang_params", "lang_overload", "lang_prototype", "lang_const_global",
    "lang_global_var", "lang_uniform", "lang_precision", "lang_mainimage",
    # preprocessor
    "lang_preproc_define", "lang_preproc_cond",
    # builtins of GLSL ES 3.0, a few per shader
    "lang_builtin_trig", "lang_builtin_inverse_trig", "lang_builtin_hyperbolic",
    "lang_builtin_exp", "lang_builtin_sqrt", "lang_builtin_round", "lang_builtin_mod",
    "lang_builtin_mix", "lang_builtin_geometry", "lang_builtin_reflect",
    "lang_builtin_matrix", "lang_builtin_compare",
    # LightPlayer's lpfx_ library (Mesa renders it with device/jit/lpfx.glsl)
    "lpfx_hsv_noise", "lpfx_fbm_worley", "lpfx_psrd",
]
# Whole effects; the Shadertoy-entry ones are marked in their first line.
_EFFECTS = [
    "fx_plasma", "fx_sdf_shapes", "fx_hsv_wheel", "fx_fire", "fx_fbm", "fx_rotating_grid",
    "fx_kaleidoscope", "fx_metaballs", "fx_tunnel", "fx_starfield", "fx_palette",
    "fx_spiral", "fx_ripples", "fx_checker_warp", "fx_voronoi", "fx_lava",
    "fx_rainbow_bars", "fx_matrix_rain", "fx_bouncing_balls", "fx_lissajous", "fx_aurora",
]
# Language shaders whose picture depends on time in a way t = 0 checks too.
_LANGUAGE_AT_ZERO = [
    "lang_int", "lang_logic", "lang_switch", "lang_while", "lang_incdec", "lang_uniform",
    "lang_mainimage", "lang_builtin_trig", "lang_builtin_round", "lang_builtin_compare",
    "lang_break_continue", "lang_uint",
]
# Effects also rendered wide (not square: iResolution.x != iResolution.y).
_EFFECTS_WIDE = ["fx_plasma", "fx_sdf_shapes", "fx_fbm", "fx_tunnel", "fx_voronoi",
                 "fx_metaballs", "fx_bouncing_balls"]

LANGUAGE_CASES = (
    [("tests/shaders/%s.glsl" % name, 16, 16, 1.25) for name in _LANGUAGE_SHADERS + _EFFECTS]
    + [("tests/shaders/%s.glsl" % name, 16, 16, 0.0) for name in _LANGUAGE_AT_ZERO + _EFFECTS]
    + [("tests/shaders/%s.glsl" % name, 32, 16, 1.25) for name in _EFFECTS_WIDE]
    + [("tests/shaders/lang_mainimage.glsl", 32, 16, 1.25)]
)

# (shader, width, height, time, variant)
VARIANT_CASES = (
    (PERLIN, 16, 16, 1.25, "wellconditioned"),
    (PERLIN, 32, 32, 0.0, "wellconditioned"),
)


def golden_name(shader, width, height, time, variant=None):
    """`<shader-stem>[-<variant>]_<W>x<H>_t<T>.json`, e.g. rings_16x16_t1.25.json."""
    stem = os.path.splitext(os.path.basename(shader))[0]
    if variant:
        stem += "-" + variant
    return "%s_%dx%d_t%r.json" % (stem, width, height, float(time))


def _number(value):
    value = round(value, 6)
    if not math.isfinite(value):
        raise ValueError("Mesa produced %r; a golden must be finite" % value)
    return repr(value + 0.0)  # + 0.0 turns -0.0 into 0.0


def golden_text(shader, width, height, time, renderer, rgba, variant=None):
    fields = {"shader": shader, "width": width, "height": height, "time": time,
              "renderer": renderer}
    if variant:
        fields["variant"] = variant
    header = json.dumps(fields)
    row = width * 4
    rows = [", ".join(_number(v) for v in rgba[start:start + row])
            for start in range(0, len(rgba), row)]
    return '%s, "rgba": [\n%s\n]}\n' % (header[:-1], ",\n".join(rows))


def all_cases():
    """(shader, width, height, time, variant) for every golden."""
    return ([case + (None,) for case in CASES] + list(VARIANT_CASES)
            + [case + (None,) for case in LANGUAGE_CASES])


def main():
    from host import mesa   # needs moderngl and Debian's Mesa: make golden only
    os.makedirs(GOLDEN_DIR, exist_ok=True)
    renderer = mesa.renderer()
    print("renderer:", renderer)
    for shader, reason in sorted(SKIPPED.items()):
        print("skip %s: %s" % (shader, reason))
    for shader, width, height, time, variant in all_cases():
        rgba = mesa.render(variant_source(shader, variant), width, height, time)
        name = golden_name(shader, width, height, time, variant)
        with open(os.path.join(GOLDEN_DIR, name), "w") as f:
            f.write(golden_text(shader, width, height, time, renderer, rgba, variant))
        print("wrote tests/golden/%s" % name)
    made = {golden_name(*case) for case in all_cases()}
    for name in sorted(os.listdir(GOLDEN_DIR)):
        if name.endswith(".json") and name not in made:
            print("stale: tests/golden/%s matches no case; delete it if unwanted" % name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
