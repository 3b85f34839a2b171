"""Everything outside the language lumajit compiles gets a positioned
message naming it: checked on CPython, and in one batch under MicroPython
(the compiler as it runs on the board), which must give the very same
message at the very same place."""

import pytest

from device.jit.compiler import compile_shader, CompileError
from host import device_compile

MAIN = "vec4 main(vec2 fragCoord, vec2 outputSize, float time) {\n%s\n    return vec4(1.0);\n}\n"


def body(line):
    return MAIN % line


# (id, source, line, col, message)
REJECTED = [
    ("texture", body("    vec4 c = texture(iChannel0, fragCoord);"), 2, 14,
     "'texture' is not supported on the board"),
    ("sampler uniform", "uniform sampler2D tex;\n" + body(""), 1, 9,
     "'sampler2D' is not supported on the board"),
    ("derivative", body("    float w = fwidth(time);"), 2, 15,
     "'fwidth' is not supported on the board"),
    ("gl_FragCoord", body("    vec2 p = gl_FragCoord.xy;"), 2, 14,
     "'gl_FragCoord' is not supported on the board"),
    ("double", body("    double d = 1.0;"), 2, 5, "'double' is not supported on the board"),
    ("unknown uniform", "uniform float speed;\n" + body(""), 1, 15,
     "uniform 'speed' is not provided by lumajit (provided: iTime, iResolution, iFrame, iMouse)"),
    ("uniform of the wrong type", "uniform vec2 iResolution;\n" + body(""), 1, 14,
     "uniform 'iResolution' must be declared vec3"),
    ("global out variable", "out vec4 color;\n" + body(""), 1, 1,
     "global 'out' variables are not supported"),
    ("layout qualifier", "layout(location = 0) out vec4 color;\n" + body(""), 1, 1,
     "'layout' is not supported on the board"),
    ("non-constant global initializer", "float t = sin(1.0) * iTime;\n" + body(""), 1, 11,
     "the initializer of global 't' must be a constant expression"),
    ("arrays of arrays", body("    float a[2][2];"), 2, 15, "arrays of arrays are not supported"),
    ("array in a struct", "struct S { float v[2]; };\n" + body(""), 1, 18,
     "arrays inside structs are not supported"),
    ("local struct declaration", body("    struct S { float x; };"), 2, 5,
     "struct declarations must be at global scope"),
    ("constant index out of range", body("    float a[3];\n    a[3] = 1.0;"), 3, 7,
     "index 3 is out of range for float[3]"),
    ("vector index out of range", body("    vec2 v = vec2(1.0);\n    float x = v[2];"), 3, 17,
     "index 2 is out of range for vec2"),
    ("array size not constant", body("    int n = 3;\n    float a[n];"), 3, 13,
     "array size must be a constant integer from 1 to 1024"),
    ("direct recursion", "float f(float x) { return f(x); }\n" + body(""), 1, 27,
     "recursion is not supported ('f' calls itself)"),
    ("recursion through two functions",
     "float g(float x);\nfloat f(float x) { return g(x); }\nfloat g(float x) { return f(x); }\n"
     + body(""), 3, 27, "recursion is not supported ('f' is part of a cycle of calls)"),
    ("prototype never defined", "float g(float x);\n"
     + MAIN % "    float y = g(time);", 3, 15, "function 'g' is declared but never defined"),
    ("discard outside main", "float f(float x) { discard; }\n" + body(""), 1, 20,
     "'discard' is only supported in main or mainImage"),
    ("break outside a loop", body("    break;"), 2, 5, "'break' outside a loop or switch"),
    ("continue outside a loop", body("    continue;"), 2, 5, "'continue' outside a loop"),
    ("case outside a switch", body("    case 1: ;"), 2, 5, "'case' outside a switch"),
    ("switch on a float", body("    switch (time) { default: break; }"), 2, 13,
     "switch needs an int or uint, not float"),
    ("case label not constant", body("    int k = 1;\n    switch (k) { case k: break; }"), 3, 23,
     "a case label must be a constant integer"),
    ("duplicate case", body("    switch (1) { case 1: break; case 1: break; }"), 2, 38,
     "duplicate case 1"),
    ("two defaults", body("    switch (1) { default: break; default: break; }"), 2, 34,
     "more than one default in a switch"),
    ("ambiguous overload", "float f(float a, int b) { return a; }\nfloat f(int a, float b) "
     "{ return b; }\n" + body("    float x = f(1, 2);"), 4, 15, "ambiguous call to 'f'"),
    ("no matching overload", "float f(float a) { return a; }\nfloat f(vec2 a) { return a.x; }\n"
     + body("    float x = f(vec3(1.0));"), 4, 15, "no matching overload for f(vec3)"),
    ("out argument not assignable", "void f(out float a) { a = 1.0; }\n"
     + body("    f(2.0);"), 3, 5, "cannot assign to this expression"),
    ("assign to a uniform", body("    iTime = 1.0;"), 2, 5,
     "cannot assign to const variable 'iTime'"),
    ("ternary of different types", body("    float x = time > 1.0 ? 1.0 : vec2(1.0);"), 2, 34,
     "cannot use a vec2 value (expected float)"),
    ("matrix times wrong vector", body("    vec3 v = mat2(1.0) * vec3(1.0);"), 2, 24,
     "invalid operands to '*': mat2 and vec3"),
    ("unknown struct member", "struct S { float a; };\n" + body("    S s = S(1.0);\n"
                                                                 "    float b = s.b;"),
     4, 17, "S has no member 'b'"),
    ("struct constructor arity", "struct S { float a; float b; };\n"
     + body("    S s = S(1.0);"), 3, 11, "S constructor takes 2 values, got 1"),
    ("mainImage with a wrong signature", "void mainImage(out vec4 c) { c = vec4(1.0); }\n",
     1, 6, "mainImage must be declared void mainImage(out vec4 fragColor, in vec2 fragCoord)"),
    ("octal literal", body("    int k = 017;"), 2, 13, "octal literals are not supported"),
    ("nested too deeply", body("    float x = " + "(" * 80 + "1.0" + ")" * 80 + ";"), 2, 34,
     "expression nested too deeply"),
    ("unary operators nested too deeply", body("    float x = " + "- " * 80 + "1.0;"), 2, 53,
     "expression nested too deeply"),
    ("blocks nested too deeply", body("    " + "{" * 80 + "}" * 80), 2, 25,
     "block nested too deeply"),
    # Found by the fuzzer (host/fuzz_mutate.py): braceless ifs thousands deep
    # reached Python's recursion limit.
    ("braceless ifs nested too deeply", body("    float r = 0.0;\n" + "    if (r < 1.0)\n" * 40
                                               + "    r = 1.0;"), 22, 9, "expression nested too deeply"),
    # Found by mutating the test shaders: pass 1 stopping inside a function
    # header, and a name in an array size outside any function.
    ("bad token after a function header",
     "vec4 main(vec2 fragCoord, vec2 outputSize, float time) && {\n    return vec4(1.0);\n}\n",
     1, 56, "expected ';' but found '&&'"),
    ("unknown name in a parameter's array size", "float f(float a[N]) { return a[0]; }\n"
     + body(""), 1, 17, "unknown identifier 'N'"),
    ("token pasting", "#define CAT(a, b) a ## b\n" + body(""), 1, 21, "'##' is not supported"),
    ("unterminated #if", "#if 1\n" + body(""), 1, 1, "unterminated #if"),
]


def compile_error(source):
    try:
        compile_shader(source)
    except CompileError as e:
        return (e.line, e.col, e.message)
    return None


@pytest.mark.parametrize("name, source, line, col, message", REJECTED,
                         ids=[r[0] for r in REJECTED])
def test_rejected_with_a_positioned_message(name, source, line, col, message):
    assert compile_error(source) == (line, col, message)


def test_micropython_gives_the_same_messages(tmp_path):
    paths = []
    for i, case in enumerate(REJECTED):
        path = tmp_path / ("case%d.glsl" % i)
        path.write_text(case[1])
        paths.append(str(path))
    results = device_compile.compile_many_on_micropython(paths)
    got = [(r["ok"], r["line"], r["col"], r["error"]) if not r["ok"] else (True,)
           for r in results]
    assert got == [(False, c[2], c[3], c[4]) for c in REJECTED]
