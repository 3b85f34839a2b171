"""Render a lumajit shader with Mesa, in float32: the oracle for shader meaning.

lumajit compiles GLSL to Q16.16 fixed point, so "what should this shader
output?" needs an answer that does not come from lumajit itself. Mesa's GLSL
compiler, run on llvmpipe (a CPU rasteriser, so no GPU and the same answer
on every machine with the same Mesa), gives it: parse, type-check and
evaluate the source exactly as a real GL driver would, in float32. The golden
images under tests/golden/ are made here (host/golden.py); the test suite
then compares lumajit's output against them with host/compare.py and never
needs Mesa itself.

The user's shader keeps one of lumajit's two entries:
  * LightPlayer's `vec4 main(vec2 fragCoord, vec2 outputSize, float time)`.
    GLSL allows only one `main`, so the identifier is renamed to
    `lumajit_main` and a real `void main()` calls it with gl_FragCoord.xy
    (the pixel centre, x + 0.5, y + 0.5, as lumajit defines fragCoord).
  * Shadertoy's `void mainImage(out vec4 fragColor, in vec2 fragCoord)`
    (chosen when the shader defines no `main`, as lumajit does): the real
    `void main()` calls it and writes what it returns in fragColor.
Either may read Shadertoy's inputs, which lumajit provides without a
declaration: iTime (the time), iResolution (vec3: width, height, 1.0),
iFrame (int, 0 here: goldens are first frames) and iMouse (vec4, zero). The
wrapper declares those the shader reads unless it declares them itself
(`uniform float iTime;` is allowed, once). The shader's own #define/#if text
is left to Mesa's preprocessor. lumajit lets a function be called before
its definition (LightPlayer shaders do); GLSL does not, so the wrapper
declares every function's prototype just before the first function
definition, on that line. A `discard`ed pixel keeps the clear colour,
(0, 0, 0, 0), which is what lumajit writes for it. The target is a float32
RGBA renderbuffer, so the output is raw and unclamped; glReadPixels returns
GL's bottom row first, which is lumajit's row 0 (fragCoord.y = 0.5).
LightPlayer's own builtins (lpfx_*) come from the GLSL library text in
device/jit/lpfx.py, put before the shader.

Needs moderngl and numpy (the `golden` extra) and Debian's EGL/Mesa.
"""

import re

_VERSION_LINE = re.compile(r"^\s*#\s*version\b")
_MAIN_IDENTIFIER = re.compile(r"\bmain\b")
_MAIN_DEFINITION = re.compile(r"\bmain\s*\(")

# Shadertoy's inputs as lumajit provides them: name -> GLSL type.
SHADERTOY_UNIFORMS = {"iTime": "float", "iResolution": "vec3", "iFrame": "int",
                      "iMouse": "vec4"}

_PRELUDE = """#version 330 core
uniform vec2 lumajit_size;
uniform float lumajit_time;
out vec4 lumajit_color;
"""

# `#line 1` makes Mesa's error messages count lines in the user's own file
# (GLSL 3.30: the line after the directive gets the given number).
_LINE_ONE = "#line 1\n"

_ENTRY = """
void main() {
    lumajit_color = lumajit_main(gl_FragCoord.xy, lumajit_size, lumajit_time);
}
"""

_SHADERTOY_ENTRY = """
void main() {
    vec4 color = vec4(0.0);
    mainImage(color, gl_FragCoord.xy);
    lumajit_color = color;
}
"""

# One triangle that covers the whole viewport; no vertex buffer needed.
_VERTEX_SHADER = """#version 330 core
void main() {
    vec2 corner = vec2(float((gl_VertexID & 1) << 2), float((gl_VertexID & 2) << 1));
    gl_Position = vec4(corner - 1.0, 0.0, 1.0);
}
"""


class ShaderCompileError(RuntimeError):
    """Mesa rejected the shader; the message carries Mesa's info log."""


def _blank_comments(source: str) -> str:
    """`source` with its comments turned to spaces (newlines kept), for scanning."""
    return re.sub(r"/\*.*?\*/|//[^\n]*",
                  lambda m: re.sub(r"[^\n]", " ", m.group(0)), source, flags=re.S)


# A function definition's head: optional precision qualifier, return type
# (maybe an array), name, parameters (no parentheses or braces inside), "{".
_FUNCTION_HEAD = re.compile(
    r"(?<![\w.])((?:(?:highp|mediump|lowp)\s+)?[A-Za-z_]\w*(?:\s*\[\s*\w*\s*\])?\s+"
    r"[A-Za-z_]\w*\s*\([^(){};#]*\))\s*\{")


def _with_prototypes(body: str, code: str) -> str:
    """`body` with a prototype of each function it defines before the first definition.

    `code` is `body` with comments blanked (same length). Only heads at
    brace depth 0 count; prototypes are joined onto one line, so every line
    keeps its number.
    """
    heads = []
    depth = 0
    scanned = 0
    for match in _FUNCTION_HEAD.finditer(code):
        start = match.start()
        depth += code.count("{", scanned, start) - code.count("}", scanned, start)
        scanned = start
        if depth != 0:
            continue
        line_start = code.rfind("\n", 0, start) + 1
        if code[line_start:start].lstrip().startswith("#"):
            continue
        heads.append((start, " ".join(match.group(1).split()) + ";"))
    if not heads:
        return body
    first = heads[0][0]
    return body[:first] + " ".join(text for _, text in heads) + " " + body[first:]


def _undeclared_inputs(code: str) -> list:
    """The Shadertoy inputs `code` reads and does not declare as uniforms."""
    names = []
    for name in SHADERTOY_UNIFORMS:
        if not re.search(r"\b%s\b" % name, code):
            continue
        if re.search(r"\buniform\b[^;{}]*\b%s\b" % name, code):
            continue
        names.append(name)
    return names


def _lpfx_library(source: str) -> str:
    """The GLSL text of the lpfx_* builtins the shader calls ("" if none):
    the same text lumajit compiles before the shader (device/jit/lpfx.py)."""
    from device.jit import lpfx

    names = lpfx.referenced(source)
    return lpfx.library_source(names) if names else ""


def fragment_source(source: str) -> str:
    """The user's shader as a GLSL 3.30 fragment shader for Mesa.

    A leading `#version` line (only comments and blank lines before it) is
    blanked, keeping line numbers. With a LightPlayer entry every `main`
    token becomes `lumajit_main` (word boundaries, so `domain` or `main2`
    are untouched); without one, `mainImage` is the entry. Inputs and
    library text go before `#line 1` and prototypes share a line with the
    first definition, so Mesa's messages count the user's lines.
    """
    lines = source.split("\n")
    for index, line in enumerate(lines):
        stripped = line.strip()
        if _VERSION_LINE.match(line):
            lines[index] = ""
            break
        if stripped and not stripped.startswith("//"):
            break
    body = "\n".join(lines)
    code = _blank_comments(body)
    header = _PRELUDE + "".join("uniform %s %s;\n" % (SHADERTOY_UNIFORMS[name], name)
                                for name in _undeclared_inputs(code))
    if re.search(r"\blpfx_\w", code):
        header += _lpfx_library(body)
    body = _with_prototypes(body, code)
    if _MAIN_DEFINITION.search(code):
        return header + _LINE_ONE + _MAIN_IDENTIFIER.sub("lumajit_main", body) + _ENTRY
    return header + _LINE_ONE + body + _SHADERTOY_ENTRY


_context = None


def _gl():
    """One standalone EGL context per process, made on first use."""
    global _context
    if _context is None:
        import moderngl

        _context = moderngl.create_standalone_context(backend="egl")
    return _context


def renderer() -> str:
    """GL_RENDERER and GL_VERSION of the context that renders, for the record."""
    info = _gl().info
    return "%s / %s" % (info["GL_RENDERER"], info["GL_VERSION"])


def render(source: str, width: int, height: int, time: float) -> list:
    """Run the shader for every pixel of a width x height image at `time`.

    Returns width * height * 4 floats (RGBA), row-major, row 0 first at
    fragCoord.y = 0.5. Raises ShaderCompileError with Mesa's log if the
    shader does not compile or link.
    """
    import moderngl

    ctx = _gl()
    try:
        program = ctx.program(vertex_shader=_VERTEX_SHADER,
                              fragment_shader=fragment_source(source))
    except moderngl.Error as error:
        raise ShaderCompileError("Mesa rejected the shader:\n%s" % error) from None
    # Mesa drops uniforms the shader never reads.
    if "lumajit_size" in program:
        program["lumajit_size"].value = (float(width), float(height))
    if "lumajit_time" in program:
        program["lumajit_time"].value = float(time)
    inputs = {"iTime": float(time), "iResolution": (float(width), float(height), 1.0),
              "iFrame": 0, "iMouse": (0.0, 0.0, 0.0, 0.0)}
    for name, value in inputs.items():
        if name in program:
            program[name].value = value
    target = ctx.renderbuffer((width, height), components=4, dtype="f4")
    framebuffer = ctx.framebuffer(color_attachments=[target])
    triangle = ctx.vertex_array(program, [])
    try:
        framebuffer.use()
        ctx.viewport = (0, 0, width, height)
        framebuffer.clear(0.0, 0.0, 0.0, 0.0)
        triangle.render(moderngl.TRIANGLES, vertices=3)
        import numpy

        pixels = numpy.frombuffer(
            framebuffer.read(components=4, dtype="f4"), dtype=numpy.float32)
        return [float(v) for v in pixels]
    finally:
        triangle.release()
        framebuffer.release()
        target.release()
        program.release()
