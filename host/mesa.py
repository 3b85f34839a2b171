"""Render a lumajit shader with Mesa, in float32: the oracle for shader meaning.

lumajit compiles GLSL to Q16.16 fixed point, so "what should this shader
output?" needs an answer that does not come from lumajit itself. Mesa's GLSL
compiler, run on llvmpipe (a CPU rasteriser, so no GPU and the same answer
on every machine with the same Mesa), gives it: parse, type-check and
evaluate the source exactly as a real GL driver would, in float32. The golden
images under tests/golden/ are made here (host/golden.py); the test suite
then compares lumajit's output against them with host/compare.py and never
needs Mesa itself.

The user's shader keeps the LightPlayer entry
    vec4 main(vec2 fragCoord, vec2 outputSize, float time)
GLSL allows only one `main`, so the identifier is renamed to `lumajit_main`
and a real `void main()` calls it with gl_FragCoord.xy (the pixel centre,
x + 0.5, y + 0.5, as lumajit defines fragCoord). The target is a float32
RGBA renderbuffer, so the output is raw and unclamped; glReadPixels returns
GL's bottom row first, which is lumajit's row 0 (fragCoord.y = 0.5).

Needs moderngl and numpy (the `golden` extra) and Debian's EGL/Mesa.
"""

import re

_VERSION_LINE = re.compile(r"^\s*#\s*version\b")
_MAIN_IDENTIFIER = re.compile(r"\bmain\b")

# `#line 1` makes Mesa's error messages count lines in the user's own file
# (GLSL 3.30: the line after the directive gets the given number).
_PRELUDE = """#version 330 core
uniform vec2 lumajit_size;
uniform float lumajit_time;
out vec4 lumajit_color;
#line 1
"""

_ENTRY = """
void main() {
    lumajit_color = lumajit_main(gl_FragCoord.xy, lumajit_size, lumajit_time);
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


def fragment_source(source: str) -> str:
    """The user's shader as a GLSL 3.30 fragment shader for Mesa.

    A leading `#version` line (only comments and blank lines before it) is
    blanked, keeping line numbers; every `main` token becomes
    `lumajit_main` (word boundaries, so `domain` or `main2` are untouched).
    """
    lines = source.split("\n")
    for index, line in enumerate(lines):
        stripped = line.strip()
        if _VERSION_LINE.match(line):
            lines[index] = ""
            break
        if stripped and not stripped.startswith("//"):
            break
    body = _MAIN_IDENTIFIER.sub("lumajit_main", "\n".join(lines))
    return _PRELUDE + body + _ENTRY


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
