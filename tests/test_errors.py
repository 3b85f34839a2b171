"""Bad shaders: every one gets `FILE:LINE:COL: error: message`, the source line
and a caret under the column, exit status 1 and never a traceback, from the
CLI; and the same message at the same position from the compiler running
under MicroPython, where an error must not crash either."""

import os
import subprocess
import sys

import pytest

from host import device_compile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEAD = "vec4 main(vec2 fragCoord, vec2 outputSize, float time) {\n"

# (id, source, line, col, message)
BAD = [
    ("syntax: missing semicolon", HEAD + "    float x = 1.0\n    return vec4(x);\n}\n",
     3, 5, "expected ';' but found 'return'"),
    ("syntax: unbalanced paren", HEAD + "    return vec4((1.0);\n}\n",
     2, 22, "expected ')' but found ';'"),
    ("syntax: stray character", HEAD + "    float x = 1.0 @ 2.0;\n    return vec4(x);\n}\n",
     2, 19, "unexpected character '@'"),
    ("syntax: end of file inside a block", HEAD + "    return vec4(1.0);\n",
     3, 1, "expected '}' but found end of file"),
    ("unknown identifier", HEAD + "    return vec4(colour);\n}\n",
     2, 17, "unknown identifier 'colour'"),
    ("unknown function", HEAD + "    return vec4(noise(fragCoord));\n}\n",
     2, 17, "unknown function 'noise'"),
    ("type mismatch: vec2 + vec3", HEAD + "    vec3 c = fragCoord + vec3(1.0);\n"
     "    return vec4(c, 1.0);\n}\n",
     2, 24, "invalid operands to '+': vec2 and vec3"),
    ("type mismatch: int to bool", HEAD + "    bool b = 1;\n"
     "    return vec4(1.0);\n}\n",
     2, 14, "cannot initialize 'b' with a int value (expected bool)"),
    ("type mismatch: initializer", HEAD + "    vec2 uv = 1.0;\n    return vec4(uv, 0.0, 1.0);\n}\n",
     2, 15, "cannot initialize 'uv' with a float value (expected vec2)"),
    ("type mismatch: return", HEAD + "    return vec3(1.0);\n}\n",
     2, 12, "cannot return a vec3 value (expected vec4)"),
    ("type mismatch: if condition", HEAD + "    if (time) { return vec4(1.0); }\n"
     "    return vec4(0.0);\n}\n",
     2, 9, "if condition must be a bool, not float"),
    ("builtin arity", HEAD + "    return vec4(sin(time, 1.0));\n}\n",
     2, 17, "wrong number of arguments to 'sin': expected 1, got 2"),
    ("builtin argument types", HEAD + "    return vec4(mix(fragCoord, 1.0, true), 0.0, 1.0);\n}\n",
     2, 17, "no matching overload for mix(vec2, float, bool)"),
    ("user function arity", "float f(float x) { return x; }\n" + HEAD
     + "    return vec4(f(1.0, 2.0));\n}\n",
     3, 17, "wrong number of arguments to 'f': expected 1, got 2"),
    ("bad swizzle", HEAD + "    return vec4(fragCoord.xz, 0.0, 1.0);\n}\n",
     2, 27, "invalid swizzle 'xz' on vec2"),
    ("assign to const", HEAD + "    const float k = 1.0;\n    k = 2.0;\n    return vec4(k);\n}\n",
     3, 5, "cannot assign to const variable 'k'"),
    ("redefinition", HEAD + "    float a = 1.0;\n    float a = 2.0;\n    return vec4(a);\n}\n",
     3, 11, "redefinition of 'a'"),
    ("literal out of Q16.16 range", HEAD + "    return vec4(40000.0);\n}\n",
     2, 17, "float literal 40000.0 is outside the Q16.16 range (-32768 to 32767.99998)"),
    ("recursion", "float f(float x) { return f(x); }\n" + HEAD + "    return vec4(f(1.0));\n}\n",
     1, 27, "recursion is not supported ('f' calls itself)"),
    ("no main", "float f(float x) { return x; }\n",
     1, 1, "no 'main' function: a shader needs vec4 main(vec2 fragCoord, vec2 outputSize, "
     "float time) or void mainImage(out vec4 fragColor, in vec2 fragCoord)"),
    ("wrong main signature", "vec4 main(vec2 fragCoord) {\n    return vec4(1.0);\n}\n",
     1, 6, "main must be declared vec4 main(vec2 fragCoord, vec2 outputSize, float time)"),
    ("unterminated comment", HEAD + "    /* no end\n    return vec4(1.0);\n}\n",
     2, 5, "unterminated comment"),
    # Pass 1 skips this body by find(); pass 2 reports where it is.
    ("unterminated comment in an earlier function",
     "float f() {\n    return 1.0; /* no end\n}\n" + HEAD + "    return vec4(f());\n}\n",
     2, 17, "unterminated comment"),
    # Columns count characters: 'é' is two bytes.
    ("column after a multi-byte character in a comment",
     HEAD + "    /* é */ float x = 1.0 @ 2.0;\n    return vec4(x);\n}\n",
     2, len("    /* é */ float x = 1.0 @"), "unexpected character '@'"),
    ("column after a skipped body with a multi-byte comment",
     "float f() { return 1.0; /* é */ } float = 1.0;\n" + HEAD + "    return vec4(f());\n}\n",
     1, len("float f() { return 1.0; /* é */ } float ="), "expected a name but found '='"),
]


def write(tmp_path, source):
    path = tmp_path / "shader.glsl"
    path.write_text(source)
    return str(path)


@pytest.mark.parametrize("name, source, line, col, message", BAD, ids=[b[0] for b in BAD])
def test_cli_reports_a_positioned_error(tmp_path, name, source, line, col, message):
    path = write(tmp_path, source)
    run = subprocess.run([sys.executable, "-m", "host", "compile", path], cwd=REPO,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert lines[0] == "%s:%d:%d: error: %s" % (path, line, col, message)
    source_line = source.split("\n")[line - 1]
    assert lines[1] == source_line
    assert lines[2] == " " * (col - 1) + "^"


@pytest.mark.parametrize("name, source, line, col, message", BAD, ids=[b[0] for b in BAD])
def test_micropython_reports_the_same_error(tmp_path, name, source, line, col, message):
    r = device_compile.compile_on_micropython(write(tmp_path, source), "512k")
    assert (r.ok, r.error, r.line, r.col) == (False, message, line, col)


def test_unreadable_file_is_a_usage_error(tmp_path):
    run = subprocess.run([sys.executable, "-m", "host", "compile", str(tmp_path / "missing.glsl")],
                         cwd=REPO, capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert "cannot read" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize("args", [["render", "x.glsl", "--size", "16by16"],
                                  ["render", "x.glsl", "--time", "soon"],
                                  ["render", "x.glsl", "--size", "0x4"],
                                  ["render", "x.glsl", "--format", "gif"],
                                  ["frobnicate"]])
def test_bad_flags_are_usage_errors(args):
    run = subprocess.run([sys.executable, "-m", "host"] + args, cwd=REPO,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr and "usage:" in run.stderr
