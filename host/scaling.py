"""Generated shaders for the compile-scaling tables of `make bench`.

functions(n): n functions of the same size, each calling the one before,
so that every function is reachable and main stays the same size whatever
n is: what grows is only the program (signatures, call sites, code).

length(k): a single main whose body is k copies of one block of
statements: what grows is one function's IR.
"""


def _block(i):
    # One block of statements of a realistic effect: arithmetic, builtins,
    # a swizzle and a short loop.
    return """    {
        float a%(i)d = sin(x * %(c1)s + t) * 0.5 + 0.5;
        vec2 q%(i)d = p * %(c2)s + vec2(a%(i)d, x);
        for (int k = 0; k < 2; k++) {
            q%(i)d = q%(i)d.yx * 0.5 + vec2(float(k) * 0.25);
        }
        x = fract(dot(q%(i)d, vec2(%(c3)s, 0.7)) + a%(i)d * 0.3);
    }
""" % {"i": i, "c1": "%.2f" % (1.0 + 0.13 * (i % 7)), "c2": "%.2f" % (0.5 + 0.11 * (i % 5)),
       "c3": "%.2f" % (0.3 + 0.07 * (i % 3))}


def functions(n):
    parts = []
    for i in range(n):
        parts.append("float f%d(float x, vec2 p, float t) {\n" % i)
        parts.append(_block(i))
        if i > 0:
            parts.append("    x += f%d(x * 0.9, p.yx, t) * 0.5;\n" % (i - 1))
        parts.append("    return x;\n}\n\n")
    parts.append("vec4 main(vec2 uv, vec2 size, float t) {\n"
                 "    float v = f%d(uv.x, uv / size, t);\n"
                 "    return vec4(v, fract(v * 2.0), uv.y / size.y, 1.0);\n}\n" % (n - 1))
    return "".join(parts)


def length(k):
    parts = ["vec4 main(vec2 uv, vec2 size, float t) {\n",
             "    vec2 p = uv / size;\n    float x = p.x;\n"]
    for i in range(k):
        parts.append(_block(i))
    parts.append("    return vec4(x, fract(x * 2.0), p.y, 1.0);\n}\n")
    return "".join(parts)
