# MicroPython's const() under CPython. On the chip `NAME = const(v)` is
# folded at compile time (and a private `_NAME` takes no memory at all); on
# the host it is just v. host/const_inline.py inlines public ones across
# modules for the .mpy build.
try:
    from micropython import const
except ImportError:
    def const(x):
        return x


def jit_file(name):
    # The path of a data file of the package ("jit/lpfx.glsl": the lpfx
    # library, the runtime code, the build's messages), from this module's
    # own path; a MicroPython build without __file__ gets the board's
    # layout, from its root (host/deploy.py copies device/ there). No short
    # string literals: each would be one more interned name on the board.
    try:
        here = __file__
    except NameError:
        here = "device/compat.py"
    return here[:max(here.rfind("/"), here.rfind("\\")) + 1] + name
