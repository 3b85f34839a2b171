# MicroPython's const() under CPython. On the chip `NAME = const(v)` is
# folded at compile time (and a private `_NAME` takes no memory at all); on
# the host it is just v. host/const_inline.py inlines public ones across
# modules for the .mpy build.
try:
    from micropython import const
except ImportError:
    def const(x):
        return x
