"""Uniform hoisting (device/jit/builtins.py, hoist): a costly call in the entry point
whose arguments depend only on uniforms runs once per frame, its result
kept in the globals with its frame number. Every pixel of every frame must
get exactly what the call would give, including where a value only looks
uniform (set again later in a loop, set on one path only).

The reference for each shader is the same shader with `@` replaced by
`step(1000.0, fragCoord.x)`, which is 0 on these frames: the same values,
but no argument is uniform any more, so nothing is hoisted."""

import os
import struct

from device.jit.compiler import compile_shader
from host import device_compile
from host.render import frame_renderer

UNIFORM, PER_PIXEL = "0.0", "step(1000.0, fragCoord.x)"
TIMES = (0.5, 1.5, 1.5, 3.25, 0.0, 7.0)

LIGHTPLAYER = """float wave(float t) { return sin(t) * 0.5 + cos(t * 3.0) * 0.25; }
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    float zoom = 0.5;
    float s = sin(time * zoom + @);
    if (fragCoord.x > 4.0) {
        s += length(outputSize * 0.5 + vec2(@)) * 0.01;
    }
    for (int i = 0; i < 2; i++) {
        s += sqrt(time + float(i) + @) * 0.1 + pow(time + 1.0 + @, 0.5);
    }
    s += wave(time + @) + sin(length(outputSize + @) * 0.1);
    return vec4(s, cos(time + @), fragCoord / outputSize);
}
"""
SHADERTOY = """void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    float a = sin(iTime * 0.7 + @) + length(iResolution.xy * 0.25 + vec2(@));
    fragColor = vec4(a, fragCoord.x * 0.01, sqrt(float(iFrame) + @), 1.0);
}
"""
# Values that look uniform where the call is, but are not.
TRAPS = {
    # set again further down the loop: the next trip reads the new value
    "loop": """vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    float a = time, s = 0.0;
    for (int i = 0; i < 3; i++) {
        s += sin(a + @);
        a = a * 0.5 + fragCoord.x;
    }
    return vec4(s, a * 0.01, 0.0, 1.0);
}
""",
    # set on one path only
    "branch": """vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    float a = time;
    if (fragCoord.x > 2.0) { a = time * 2.0; }
    return vec4(sin(a + @), 0.0, 0.0, 1.0);
}
""",
    # a parameter set again
    "parameter": """vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    time = time + fragCoord.y;
    return vec4(sin(time + @), cos(outputSize.x + @), 0.0, 1.0);
}
""",
    # a loop counter, and a value from a nested loop's outer one
    "counter": """vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    float s = 0.0;
    for (int i = 0; i < 3; i++) {
        float u = time * float(i);
        for (int j = 0; j < 2; j++) {
            s += sin(u + @) + cos(float(j) * time + @);
            u += 0.5;
        }
    }
    return vec4(s * 0.1, 0.0, 0.0, 1.0);
}
""",
    # a call's third result word comes in a4, as time does
    "result": """vec4 g(float x) { return vec4(x, x * 2.0, x * 3.0, 1.0); }
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec4 v = g(fragCoord.x);
    return vec4(sin(v.z + @), cos(v.w + v.y + @), 0.0, 1.0);
}
""",
    # mutable globals: set again for every pixel, beside the caches
    "globals": """float g = 0.25;
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    g += sin(time + @) + fragCoord.x * 0.01;
    return vec4(g, length(outputSize + @) * 0.01, 0.0, 1.0);
}
""",
    # a ternary: two definitions of one temporary
    "select": """vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    float a = fragCoord.x > 3.0 ? time : 1.0;
    return vec4(sin(a + @), 0.0, 0.0, 1.0);
}
""",
}


def frames(source):
    program = compile_shader(source)
    r = frame_renderer(program, 8, 4)
    out, cycles = [], 0
    for t in TIMES:
        data, _, c = r.run(t)
        out.append(struct.unpack("<%di" % (len(data) // 4), data))
        cycles += c
    return out, cycles, program


def test_hoisted_calls_give_the_same_pixels_every_frame_for_fewer_cycles():
    for source in (LIGHTPLAYER, SHADERTOY):
        got, fast, hoisted = frames(source.replace("@", UNIFORM))
        want, slow, plain = frames(source.replace("@", PER_PIXEL))
        assert got == want
        assert len(hoisted.globals) > len(plain.globals)      # the caches
        assert fast < slow * 0.8, (fast, slow)


def test_values_that_only_look_uniform_are_not_hoisted():
    for name, source in sorted(TRAPS.items()):
        got, _, _ = frames(source.replace("@", UNIFORM))
        want, _, _ = frames(source.replace("@", PER_PIXEL))
        assert got == want, name


def test_what_is_hoisted():
    def cached_words(body, head=""):
        source = head + ("vec4 main(vec2 fragCoord, vec2 outputSize, float time) {\n"
                         "    return vec4(%s, 0.0, 0.0, 1.0);\n}\n" % body)
        return len(compile_shader(source).globals) // 4
    # A tag and the result word, per hoisted call.
    assert cached_words("sin(time)") == 2
    assert cached_words("sin(time) + length(outputSize)") == 4
    assert cached_words("sin(time * outputSize.x + 2.0)") == 2
    # per-pixel arguments, constants (they fold), cheap builtins
    assert cached_words("sin(fragCoord.x)") == 0
    assert cached_words("sin(time * fragCoord.y)") == 0
    assert cached_words("sin(0.5)") == 0
    assert cached_words("floor(time) + abs(time) + min(time, 1.0)") == 0
    # only in the entry point: f's parameter differs from call to call
    assert cached_words("f(fragCoord.x)", "float f(float t) { return sin(t); }\n") == 0
    # a function of the shader's own, on uniform arguments
    assert cached_words("f(time)", "float f(float t) { return sin(t); }\n") == 2
    # not with mutable globals: a function may have effects
    assert cached_words("f(time)", "float g = 1.0;\nfloat f(float t) { g += t; return g; }\n") \
        == 1      # g itself
    # not with out parameters
    out = ("float f(float t, out float o) { o = t; return sin(t); }\n"
           "vec4 main(vec2 fragCoord, vec2 outputSize, float time) {\n"
           "    float o;\n    float r = f(time, o);\n    return vec4(r, o, 0.0, 1.0);\n}\n")
    assert len(compile_shader(out).globals) == 0


def test_an_unread_hoisted_call_leaves_no_code():
    plain = compile_shader("vec4 main(vec2 fragCoord, vec2 outputSize, float time) {\n"
                           "    return vec4(fragCoord, time, 1.0);\n}\n")
    dead = compile_shader("vec4 main(vec2 fragCoord, vec2 outputSize, float time) {\n"
                          "    float unused = sin(time) + length(outputSize);\n"
                          "    return vec4(fragCoord, time, 1.0);\n}\n")
    assert bytes(dead.code) == bytes(plain.code)


def test_micropython_hoists_to_the_same_bytes(tmp_path):
    sources = [LIGHTPLAYER.replace("@", UNIFORM), SHADERTOY.replace("@", UNIFORM)]
    sources += [s.replace("@", UNIFORM) for _, s in sorted(TRAPS.items())]
    paths = []
    for i, source in enumerate(sources):
        path = os.path.join(str(tmp_path), "hoist%d.glsl" % i)
        with open(path, "w") as f:
            f.write(source)
        paths.append(path)
    for path, got in zip(paths, device_compile.compile_many_on_micropython(paths)):
        with open(path) as f:
            want = compile_shader(f.read())
        assert got["ok"], got
        assert bytes.fromhex(got["code"]) == bytes(want.code), path
        assert bytes.fromhex(got["globals"]) == want.globals, path


def test_the_parameter_block_offsets_are_the_frame_contract():
    # hoist() keeps its own copies of them (see builtins.py).
    from device.jit import builtins, frame
    assert builtins._P_SIZE_X == frame.P_SIZE_X and builtins._P_TIME == frame.P_TIME
    assert frame.P_SIZE_X < frame.P_SIZE_Y < frame.P_TIME
    assert builtins._P_FRAME == frame.P_FRAME and builtins._GLOBALS == frame.GLOBALS
