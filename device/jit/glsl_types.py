# Shader types as small ints. Every value is scalarised by the parser into
# a flat list of 32-bit components, so a type only needs to say how many
# components it has and how to read them:
#
#   scalars and vectors   kind * 8 + n          (n = 1..4 components)
#   matrices              MAT | cols << 3 | rows (column-major: component
#                                                 c * rows + r is column c, row r)
#   structs               STRUCT + struct id    (members in declaration order)
#   arrays                element | length << 8 (element: any of the above)
#
# Struct declarations live in `structs`, reset for every compile.

from ..compat import const

VOID = const(0)
FLOAT = const(1)   # vec2..vec4 = 2..4
INT = const(9)     # ivec2..ivec4 = 10..12
BOOL = const(17)   # bvec2..bvec4 = 18..20
UINT = const(25)   # uvec2..uvec4 = 26..28
MAT = const(0x40)
STRUCT = const(0x80)
MAT2 = const(0x52)  # MAT | 2 << 3 | 2
MAT3 = const(0x5B)
MAT4 = const(0x64)

K_FLOAT = const(0)
K_INT = const(1)
K_BOOL = const(2)
K_UINT = const(3)
K_STRUCT = const(4)

NAMES = {
    "void": VOID,
    "float": FLOAT, "vec2": 2, "vec3": 3, "vec4": 4,
    "int": INT, "ivec2": 10, "ivec3": 11, "ivec4": 12,
    "bool": BOOL, "bvec2": 18, "bvec3": 19, "bvec4": 20,
    "uint": UINT, "uvec2": 26, "uvec3": 27, "uvec4": 28,
    "mat2": MAT2, "mat3": MAT3, "mat4": MAT4,
    # matCxR: C columns of R rows
    "mat2x3": 0x53, "mat2x4": 0x54, "mat3x2": 0x5A, "mat3x4": 0x5C, "mat4x2": 0x62,
    "mat4x3": 0x63,
}
# Other spellings, kept apart so that name() is unique on any dict order.
ALIASES = {"mat2x2": MAT2, "mat3x3": MAT3, "mat4x4": MAT4}

UNSIZED = const(0xFFF)  # the length of float[] until its initializer says

# Struct declarations of the program being compiled: (name, [(member, type)]).
structs = []


def reset():
    del structs[:]


def is_array(t):
    return t > 0xFF


def element(t):
    return t & 0xFF


def length(t):
    return t >> 8


def array_of(t, n):
    return t | n << 8


def is_matrix(t):
    return t & 0xC0 == MAT


def is_struct(t):
    return t & 0xFF >= STRUCT


def matrix(cols, rows):
    return MAT | cols << 3 | rows


def cols(t):
    return (t >> 3) & 7


def rows(t):
    return t & 7


def kind(t):
    # The kind of a scalar/vector's components; matrices are float.
    if t & 0x40:
        return K_FLOAT
    if t & 0x80:
        return K_STRUCT
    return (t >> 3) & 7


def width(t):
    # Number of 32-bit components.
    if t > 0xFF:
        return width(t & 0xFF) * (t >> 8)
    if t & 0x80:
        n = 0
        for _, mt in structs[t - STRUCT][1]:
            n += width(mt)
        return n
    if t & 0x40:
        return ((t >> 3) & 7) * (t & 7)
    return t & 7


def is_scalar_or_vector(t):
    return t < MAT and t != VOID


def make(k, n):
    return k * 8 + n


def scalar_of(t):
    # The component type of a scalar, vector or matrix.
    if t & 0x40:
        return FLOAT
    return t & ~7 | 1


def column_of(t):
    # A matrix's column type.
    return t & 7


def name(t):
    if t > 0xFF:
        return "%s[%d]" % (name(t & 0xFF), t >> 8)
    if t & 0x80:
        return structs[t - STRUCT][0]
    for n in NAMES:
        if NAMES[n] == t:
            return n
    if t & 0x40:
        return "mat%dx%d" % ((t >> 3) & 7, t & 7)
    return "?"
