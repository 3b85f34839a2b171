"""The GLSL preprocessor (device/jit/preproc.py): directives, macro expansion
with C's rescan rules, #if arithmetic, and positioned errors. Every output
keeps the input's line count, so the lexer's line numbers stay the user's.
The same cases run under the real MicroPython interpreter and must give the
very same text, pragmas and errors as under CPython."""

import glob
import json
import os
import subprocess

import pytest

from device.jit import lexer
from device.jit.errors import CompileError
from device.jit.preproc import preprocess
from host import device_compile
from host.golden import PERLIN, REPO


def lines(*rows):
    return "\n".join(rows)


# Names long enough that an exponential expansion reaches 64 KB of text in a
# few thousand tokens (the limit is about text, not tokens).
_LONG = ["M%d_%s" % (k, "x" * 56) for k in range(6)]
BLOWUP = "".join("#define %s %s\n" % (_LONG[k], " ".join([_LONG[k + 1]] * 8))
                 for k in range(5)) + "int a; " + _LONG[0] + ";\n"

# (id, source, expected output)
EXPANDS = [
    ("object-like, whole identifiers only",
     lines("#define PI 3.14159",
           "float a = PI;",
           "float PIXEL = PI * 2.0 + PI_2 + xPI + PI;"),
     lines("",
           "float a = 3.14159;",
           "float PIXEL = 3.14159 * 2.0 + PI_2 + xPI + 3.14159;")),
    ("comments are blanked, never expanded",
     lines("#define N 4",
           "int a = N; // N stays",
           "int b = /* N */ N;",
           "/* N",
           "   N */ int c = N;"),
     lines("",
           "int a = 4; ",
           "int b = " + " " * 7 + " 4;",
           "",
           " " * 7 + " int c = 4;")),
    ("a # inside a comment is no directive",
     lines("/*", "#define X 1 */ X", "// #error no", "X"),
     lines("", " " * 14 + " X", "", "X")),
    ("a comment before a directive",
     lines("  #  define A 1", "/* c */ #define B 2", "A B"),
     lines("", "", "1 2")),
    ("function-like",
     lines("#define MUL(a, b) ((a) * (b))",
           "float x = MUL(2.0, y + 1.0);"),
     lines("",
           "float x = ((2.0) * (y + 1.0));")),
    ("nested calls; arguments expanded before substitution",
     lines("#define SQ(x) ((x) * (x))",
           "#define PAIR 1, 2",
           "#define FIRST(a, b) a",
           "#define CALL(x) FIRST(x)",
           "float a = SQ(SQ(t));",
           "int b = CALL(PAIR);",
           "int c = FIRST((1, 2), 3);"),
     lines("", "", "", "",
           "float a = ((((t) * (t))) * (((t) * (t))));",
           "int b = 1;",
           "int c = (1, 2);")),
    ("rescan: bodies use macros defined later, a name from a body takes '(' from the line",
     lines("#define TWO_PI (2.0 * PI)",
           "#define PI 3.14",
           "#define F SQ",
           "#define SQ(x) (x * x)",
           "float a = TWO_PI;",
           "float b = F(3.0);"),
     lines("", "", "", "",
           "float a = (2.0 * 3.14);",
           "float b = (3.0 * 3.0);")),
    ("a macro is not expanded inside its own expansion",
     lines("#define x x + 1",
           "#define f(a) g(a) + f",
           "#define g(a) f(a)",
           "int y = x;",
           "int z = f(2);"),
     lines("", "", "",
           "int y = x + 1;",
           "int z = f(2) + f;")),
    ("a function-like name without '(' stays",
     lines("#define f(x) (x)",
           "float f = 1.0;",
           "float g = f + f(2.0);",
           "float h = f",
           "    + 1.0;"),
     lines("",
           "float f = 1.0;",
           "float g = f + (2.0);",
           "float h = f",
           "    + 1.0;")),
    ("a call spanning lines expands on its first line",
     lines("#define ADD(a, b) (a + b)",
           "float x = ADD(1.0,",
           "              2.0) * 3.0;",
           "float y = ADD",
           "(4.0, /* five */ 5.0);",
           "z;"),
     lines("",
           "float x = (1.0 + 2.0) * 3.0;",
           "",
           "float y = (4.0 + 5.0);",
           "",
           "z;")),
    ("no parameters, empty arguments",
     lines("#define NOW() time",
           "#define ID(x) [x]",
           "float t = NOW() + NOW( );",
           "a ID() b ID( c ) d"),
     lines("", "",
           "float t = time + time;",
           "a [] b [c] d")),
    ("#undef, and an identical redefinition",
     lines("#define K 1",
           "int a = K;",
           "#undef K",
           "int b = K;",
           "#undef NEVER_DEFINED",
           "#define J (1 + 2)",
           "#define J  (1  +  2) // same tokens",
           "J"),
     lines("", "int a = 1;", "", "int b = K;", "", "", "", "(1 + 2)")),
    ("conditionals, nested and skipped",
     lines("#define A",
           "#ifdef A",
           "a",
           "#else",
           "not a",
           "#endif",
           "#ifndef A",
           "not a",
           "#elif 1",
           "elif",
           "#endif",
           "#if 0",
           "#if 1",
           "nested",
           "#else",
           "nested else",
           "#endif",
           "#error skipped",
           "#bogus skipped",
           "#define GL_X 1",
           "#elif 2 > 1",
           "two",
           "#elif 1 / 0",
           "not evaluated",
           "#else",
           "else",
           "#endif",
           "#ifdef B",
           "#if 1/0",
           "#endif",
           "#endif"),
     lines("", "", "a", "", "", "", "", "", "", "elif", "", "", "", "", "", "", "", "", "", "",
           "", "two", "", "", "", "", "", "", "", "", "")),
    ("#if expands macros first; defined() sees the names",
     lines("#define W 8",
           "#define AREA(a, b) ((a) * (b))",
           "#if AREA(W, 2) > 10 && defined(AREA) && !defined W2 && defined W",
           "big",
           "#endif",
           "#if __LINE__ == 6",
           "line six",
           "#endif"),
     lines("", "", "", "big", "", "", "line six", "")),
    ("#version, #extension, #pragma and '#' alone are blanked",
     lines("#version 330 core",
           "#extension GL_OES_standard_derivatives : enable",
           "#pragma lumajit saturate",
           "#",
           "x"),
     lines("", "", "", "", "x")),
    ("backslash continues a #define",
     lines("#define LONG(a) a + \\",
           "    a + \\",
           "    a",
           "float x = LONG(1.0);"),
     lines("", "", "", "float x = 1.0 + 1.0 + 1.0;")),
    ("predefined macros",
     lines("int v = __VERSION__; int l = __LINE__;",
           "",
           "int m = __LINE__; LUMAJIT GL_ES"),
     lines("int v = 330; int l = 1;",
           "",
           "int m = 3; 1 GL_ES")),
    ("expansions never paste into other tokens",
     lines("#define NEG -1",
           "#define DIV /",
           "#define ONE 1",
           "#define E(x) x",
           "int a = 2-NEG;",
           "float c = 8.0/DIV 2.0;",
           "int d = ONE+ONE;",
           "int e = E(1)E(x);"),
     lines("", "", "", "",
           "int a = 2- -1;",
           "float c = 8.0/ / 2.0;",
           "int d = 1+1;",
           "int e = 1 x;")),
    ("CRLF line ends",
     "#define A 1\r\nA\r\n",
     "\n1\n"),
    ("a trailing newline is kept, none is added",
     "a\n", "a\n"),
    ("nested calls need no recursion",
     "#define f(x) (x)\n" + "f(" * 200 + "1" + ")" * 200,
     "\n" + "(" * 200 + "1" + ")" * 200),
    ("64 levels of parentheses in #if",
     "#if " + "(" * 64 + "1" + ")" * 64 + "\nyes\n#endif",
     "\nyes\n"),
]

# #if expressions that hold: "#if EXPR" takes the first branch.
TRUE = [
    "1 + 2 * 3 == 7", "(1 + 2) * 3 == 9", "10 - 2 - 3 == 5", "-7 / 2 == -3", "-7 % 2 == -1",
    "7 % -2 == 1", "1 << 4 == 16", "-16 >> 2 == -4", "~0 == -1", "!0 && !!5", "+3 == 3",
    "- -3 == 3", "0x10 == 16", "0XfF == 255", "1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 3 && 1 != 2",
    "(6 & 3) == 2 && (6 | 3) == 7 && (6 ^ 3) == 5", "(1 | 2 ^ 3 & 4) == 3", "1 == 1 == 1",
    "0 ? 0 : 2 == 2", "1 ? 2 ? 3 : 0 : 0", "0 ? 0 : 1 ? 1 : 0", "1 || 1 % 0", "1 ? 1 : 1 / 0",
    "0 ? 1 / 0 : 1", "!(0 && 1 << 40)", "defined(LUMAJIT) && defined LUMAJIT && LUMAJIT == 1",
    "!defined GL_ES && !GL_ES", "__VERSION__ == 330", "UNDEFINED_NAME == 0",
    "2147483647 + 1 < 0", "-2147483647 - 1 == 1 << 31", "65536 * 65536 == 0",
]
FALSE = ["0", "1 ? 0 : 1", "0 && 1 / 0", "defined GL_ES", "2 < 1", "1 - 1", "GL_ES"]

# (id, source, line, col, message)
ERRORS = [
    ("unterminated #if", "x\n  #if 1\ny\n", 2, 3, "unterminated #if"),
    ("unterminated #ifdef", "#ifdef A\n#else\n", 1, 1, "unterminated #ifdef"),
    ("unterminated outer #if", "#if 1\n#if 0\n#endif\n", 1, 1, "unterminated #if"),
    ("#endif without #if", "x\n#endif\n", 2, 1, "#endif without #if"),
    ("#else without #if", "#else", 1, 1, "#else without #if"),
    ("#elif without #if", "#elif 1", 1, 1, "#elif without #if"),
    ("#else after #else", "#if 1\n#else\n#else\n#endif", 3, 1, "#else after #else"),
    ("#elif after #else", "#if 1\n#else\n #elif 1\n#endif", 3, 2, "#elif after #else"),
    ("too few arguments", "#define FOO(a, b) a\nx = FOO(1);", 2, 5,
     "'FOO' expects 2 arguments, got 1"),
    ("too many arguments", "#define F(a) a\nF(1, 2)", 2, 1, "'F' expects 1 argument, got 2"),
    ("arguments to none", "#define F() 1\n  F(2)", 2, 3, "'F' expects 0 arguments, got 1"),
    ("bad call inside an expansion", "#define G F(1)\n#define F(a, b) a\nint x = G;", 3, 9,
     "'F' expects 2 arguments, got 1"),
    ("bad call in #if", "#define F(a, b) a\n#if F(1)\n#endif", 2, 5,
     "'F' expects 2 arguments, got 1"),
    ("#error", "#if 1\n  #error  unsupported target  \n#endif", 2, 3,
     "#error: unsupported target"),
    ("#error alone", "#error", 1, 1, "#error"),
    ("unknown directive", "x\n#foo bar\n", 2, 1, "unknown preprocessor directive '#foo'"),
    ("not a directive name", "#123", 1, 1, "unknown preprocessor directive '#123'"),
    ("division by zero", "#if 1/0\n#endif", 1, 6, "division by zero in #if"),
    ("remainder by zero", "#if 5 % (2 - 2)\n#endif", 1, 7, "division by zero in #if"),
    ("shift out of range", "#if 1 << 32\n#endif", 1, 7, "shift count out of range in #if"),
    ("negative shift", "#if 1 >> -1\n#endif", 1, 7, "shift count out of range in #if"),
    ("unclosed call at the end", "#define F(x) x\nF(1,\n2\n", 2, 1,
     "missing ')' in invocation of 'F'"),
    ("unclosed call before a directive", "#define F(x) x\n  F(1\n#endif", 2, 3,
     "missing ')' in invocation of 'F'"),
    ("unclosed call in #if", "#define F(x) x\n#if F(1\n#endif", 2, 5,
     "missing ')' in invocation of 'F'"),
    ("token pasting", "#define CAT(a, b) a ## b", 1, 21, "'##' is not supported"),
    ("stringizing", "#define STR(a) #a", 1, 16, "'#' is not supported"),
    ("exponential expansion", BLOWUP, 6, 8, "macro expansion too large"),
    ("#if nesting", "#if " + "(" * 65 + "1" + ")" * 65, 1, 69, "expression nested too deeply"),
    ("#if unary nesting", "#if " + "!" * 65 + "1", 1, 69, "expression nested too deeply"),
    ("#line", "#line 10", 1, 1, "#line is not supported"),
    ("unterminated comment", "a\n  /* open\nb", 2, 3, "unterminated comment"),
    ("#define without a name", "#define", 1, 8, "#define expects a macro name"),
    ("#ifdef without a name", "#ifdef (A)\n#endif", 1, 8, "#ifdef expects a macro name"),
    ("#undef without a name", "#undef 3", 1, 8, "#undef expects a macro name"),
    ("GL_ names are reserved", "#define GL_ES 1", 1, 9, "'GL_ES' is a reserved macro name"),
    ("__LINE__ is reserved", "#undef __LINE__", 1, 8, "'__LINE__' is a reserved macro name"),
    ("defined is reserved", "#define defined 1", 1, 9, "'defined' is a reserved macro name"),
    ("redefinition", "#define K 1\n#define  K 2", 2, 10, "macro 'K' redefined differently"),
    ("variadic", "#define V(...) x", 1, 10, "variadic macros are not supported"),
    ("bad parameter", "#define P(1) x", 1, 10, "invalid macro parameter '1'"),
    ("duplicate parameter", "#define D(a, a) a", 1, 10, "duplicate macro parameter 'a'"),
    ("unclosed parameters", "#define M(a, b", 1, 10, "missing ')' in the parameters of 'M'"),
    ("text after #ifdef", "#ifdef A B\n#endif", 1, 10, "unexpected text after #ifdef"),
    ("text after #else", "#if 1\n#else x\n#endif", 2, 7, "unexpected text after #else"),
    ("text after #endif", "#if 1\n#endif x", 2, 8, "unexpected text after #endif"),
    ("empty #if", "#if\n#endif", 1, 1, "#if with no expression"),
    ("empty #elif", "#if 0\n#elif // nothing\n#endif", 2, 1, "#elif with no expression"),
    ("defined without a name", "#if defined\n#endif", 1, 5, "'defined' expects a macro name"),
    ("defined( unclosed", "#if defined(A\n#endif", 1, 5, "missing ')' after 'defined'"),
    ("#if ends early", "#if 1 +\n#endif", 1, 1, "unexpected end of #if expression"),
    ("#if extra token", "#if 1 2\n#endif", 1, 7, "unexpected '2' in #if expression"),
    ("#if unclosed paren", "#if (1\n#endif", 1, 5, "missing ')' in #if expression"),
    ("#if missing colon", "#if 1 ? 2\n#endif", 1, 9, "missing ':' in #if expression"),
    ("#if stray operator", "#if 1 == *\n#endif", 1, 10, "unexpected '*' in #if expression"),
    ("#if float", "#if 1.5\n#endif", 1, 5, "#if expects integers, not '1.5'"),
    ("#if octal", "#if 010\n#endif", 1, 5, "octal literals are not supported"),
    ("#if too big", "#if 4294967296\n#endif", 1, 5,
     "integer literal 4294967296 does not fit in 32 bits"),
]


@pytest.mark.parametrize("name, source, expected", EXPANDS, ids=[c[0] for c in EXPANDS])
def test_expands(name, source, expected):
    assert preprocess(source) == expected
    assert expected.count("\n") == source.count("\n")


def if_source(expr):
    return "#if %s\nyes\n#else\nno\n#endif" % expr


@pytest.mark.parametrize("expr", TRUE)
def test_if_true(expr):
    assert preprocess(if_source(expr)) == "\nyes\n\n\n"


@pytest.mark.parametrize("expr", FALSE)
def test_if_false(expr):
    assert preprocess(if_source(expr)) == "\n\n\nno\n"


@pytest.mark.parametrize("name, source, line, col, message", ERRORS, ids=[c[0] for c in ERRORS])
def test_errors(name, source, line, col, message):
    with pytest.raises(CompileError) as info:
        preprocess(source)
    assert (info.value.line, info.value.col, info.value.message) == (line, col, message)


def test_nesting_deeper_than_python_recursion():
    n = 3000
    assert preprocess("#define f(x) (x)\n" + "f(" * n + "1" + ")" * n) == (
        "\n" + "(" * n + "1" + ")" * n)


def test_skipped_groups_raise_nothing():
    source = "#if 0\n#error no\n#foo\n#define GL_X 1\n#if 1/0\n#endif\n#line 3\n#endif\nok"
    assert preprocess(source) == "\n" * 8 + "ok"


def test_pragmas_are_collected():
    source = lines("#pragma lumajit saturate", "#if 0", "#pragma skipped", "#endif",
                   "  #pragma  optimize(off) ", "")
    pragmas = []
    assert preprocess(source, pragmas) == "\n" * 5
    assert pragmas == ["lumajit saturate", "optimize(off)"]
    assert preprocess(source) == "\n" * 5


def tokens(source):
    # Every token with its position, up to the lexer's error if any (the
    # shaders may use what this lexer does not read yet).
    out = []
    try:
        lx = lexer.Lexer(source.encode())
        while lx.kind != lexer.EOF:
            out.append((lx.kind, lx.text, lx.tline, lx.tcol))
            lx.next()
    except CompileError as e:
        out.append((e.message, e.line, e.col))
    return out


def test_shaders_lex_the_same_after_preprocessing():
    # No macros: every token keeps its line and column.
    paths = glob.glob(os.path.join(REPO, "tests", "shaders", "*.glsl"))
    perlin = os.path.join(REPO, PERLIN)
    if os.path.exists(perlin):
        paths.append(perlin)
    checked = 0
    for path in paths:
        with open(path) as f:
            source = f.read()
        if any(line.lstrip().startswith("#") for line in source.splitlines()):
            continue        # directives: what this test compares against is their output
        assert tokens(preprocess(source)) == tokens(source), path
        checked += 1
    assert checked > 10


MICROPYTHON_SCRIPT = r"""
import sys
sys.path.insert(0, "")
import json
from device.jit.preproc import preprocess
from device.jit.errors import CompileError
f = open(sys.argv[1])
sources = json.loads(f.read())
f.close()
results = []
for source in sources:
    pragmas = []
    try:
        results.append(["ok", preprocess(source, pragmas), pragmas])
    except CompileError as e:
        results.append(["error", e.message, e.line, e.col])
print(json.dumps(results))
"""


def run_all(sources):
    results = []
    for source in sources:
        pragmas = []
        try:
            results.append(["ok", preprocess(source, pragmas), pragmas])
        except CompileError as e:
            results.append(["error", e.message, e.line, e.col])
    return results


def test_same_results_under_micropython(tmp_path):
    sources = ([c[1] for c in EXPANDS] + [if_source(e) for e in TRUE + FALSE]
               + [c[1] for c in ERRORS]
               + ["#pragma lumajit saturate\n#if 0\n#pragma no\n#endif\n#pragma  a b \n"])
    script = tmp_path / "preproc_cases.py"
    script.write_text(MICROPYTHON_SCRIPT)
    cases = tmp_path / "cases.json"
    cases.write_text(json.dumps(sources))
    done = subprocess.run([device_compile.micropython_exe(), str(script), str(cases)], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr + done.stdout
    on_micropython = json.loads(done.stdout)
    on_cpython = run_all(sources)
    assert len(on_micropython) == len(sources)
    for source, mp, cp in zip(sources, on_micropython, on_cpython):
        assert mp == cp, source
    # The cases did exercise both outcomes.
    assert {r[0] for r in on_cpython} == {"ok", "error"}
