# Shader types as small ints: kind * 8 + component count. Vectors are
# scalarised by the parser, so a type only needs its kind and width.

from ..compat import const

VOID = const(0)
FLOAT = const(1)   # vec2..vec4 = 2..4
INT = const(9)     # ivec2..ivec4 = 10..12
BOOL = const(17)   # bvec2..bvec4 = 18..20

K_FLOAT = const(0)
K_INT = const(1)
K_BOOL = const(2)

NAMES = {
    "void": VOID,
    "float": FLOAT, "vec2": 2, "vec3": 3, "vec4": 4,
    "int": INT, "ivec2": 10, "ivec3": 11, "ivec4": 12,
    "bool": BOOL, "bvec2": 18, "bvec3": 19, "bvec4": 20,
}


def kind(t):
    return t >> 3


def width(t):
    return t & 7


def make(k, n):
    return k * 8 + n


def scalar_of(t):
    return t & ~7 | 1


def name(t):
    for n in NAMES:
        if NAMES[n] == t:
            return n
    return "?"
