"""The syntax tree of a generated program (host/fuzz_gen.py): its GLSL text,
and what its values can be when lumajit and Mesa run it.

Every node renders itself as GLSL (with the parentheses precedence needs,
no more) and evaluates itself over host/fuzz_values.py's Nums instead of
numbers: one run of `Machine.run` covers every pixel and both frame times
at once. Loops are unrolled (their trip counts are small and known), if
and switch run both ways and join, a function runs at each call. A
precondition that fails (an inexact operand of floor, a divisor that may
be 0, an index that may leave its array, a variable read before it is set,
an output too far apart...) raises Invalid naming the node to replace and
the interval a literal replacing it must lie in. The generator repairs
until a run passes; the reducer (host/fuzz_reduce.py) runs the same check
on every smaller candidate, so a reduced program is as free of knife edges
as a generated one.

Values: a scalar is a Num, a vector a tuple of Nums, a matrix a tuple of
columns, an array a tuple of elements, a struct a tuple of members in
declaration order. None is a value that may be undefined.
"""

from host import fuzz_values as V

# ---- types -----------------------------------------------------------------------------

SCALAR_KIND = {"float": "f", "int": "i", "uint": "u", "bool": "b"}
KIND_SCALAR = {k: t for t, k in SCALAR_KIND.items()}
_VEC_PREFIX = {"f": "vec", "i": "ivec", "u": "uvec", "b": "bvec"}
_PREFIX_KIND = {"vec": "f", "ivec": "i", "uvec": "u", "bvec": "b"}
_shapes = {}


def vec_type(kind, n):
    return KIND_SCALAR[kind] if n == 1 else "%s%d" % (_VEC_PREFIX[kind], n)


def mat_type(cols, rows):
    return "mat%d" % cols if cols == rows else "mat%dx%d" % (cols, rows)


def shape(t):
    """('s', kind) scalar, ('v', kind, n) vector, ('m', cols, rows) matrix,
    ('a', element type, n) array, ('t', name) struct."""
    s = _shapes.get(t)
    if s is None:
        if t.endswith("]"):
            elem, n = t[:-1].split("[")
            s = ("a", elem, int(n))
        elif t in SCALAR_KIND:
            s = ("s", SCALAR_KIND[t])
        elif t.startswith("mat"):
            cols, rows = (t[3], t[5]) if "x" in t else (t[3], t[3])
            s = ("m", int(cols), int(rows))
        elif t[:-1] in _PREFIX_KIND and t[-1] in "234":
            s = ("v", _PREFIX_KIND[t[:-1]], int(t[-1]))
        else:
            s = ("t", t)
        _shapes[t] = s
    return s


def kind_of(t):
    """The component kind of a scalar, vector or matrix type (else None)."""
    s = shape(t)
    return s[1] if s[0] in "sv" else ("f" if s[0] == "m" else None)


def width(t):
    s = shape(t)
    return 1 if s[0] == "s" else s[2] if s[0] == "v" else 0


def components(value):
    """The Nums of a scalar or vector value, as a tuple."""
    return value if isinstance(value, tuple) else (value,)


def rebuild(t, comps):
    return comps[0] if shape(t)[0] == "s" else tuple(comps)


# ---- failures ---------------------------------------------------------------------------

class Invalid(Exception):
    """A precondition failed: replace `node` with a literal in `want`."""

    def __init__(self, node, want, why):
        Exception.__init__(self, why)
        self.node = node
        self.want = want
        self.why = why


class TooCostly(Exception):
    """The program takes too many steps to check (loops in loops of calls)."""


MAX_STEPS = 60000
MAX_TRIPS = 40          # a loop running longer than this is a generator bug


# ---- the state -----------------------------------------------------------------------------

class State:
    """Variables in scopes, innermost last: name -> (type, value). Scope 0
    holds the globals."""
    __slots__ = ("scopes",)

    def __init__(self, scopes):
        self.scopes = scopes

    def copy(self):
        return State([dict(s) for s in self.scopes])

    def find(self, name):
        for scope in reversed(self.scopes):
            if name in scope:
                return scope
        return None

    def get(self, name):
        scope = self.find(name)
        return None if scope is None else scope[name]

    def set(self, name, value):
        scope = self.find(name)
        scope[name] = (scope[name][0], value)

    def declare(self, name, t, value):
        self.scopes[-1][name] = (t, value)

    def cut(self, depth):
        return State([dict(s) for s in self.scopes[:depth]])


def join_states(states):
    """The state after any of `states` (None: unreachable); all cut to
    the same depth."""
    states = [s for s in states if s is not None]
    if not states:
        return None
    out = states[0].copy()
    for other in states[1:]:
        for scope, theirs in zip(out.scopes, other.scopes):
            for name, (t, value) in scope.items():
                scope[name] = (t, V.join(value, theirs[name][1]))
    return out


class Frame:
    """Where break, continue and return go: their states are collected."""

    def __init__(self, kind, depth, fname=None):
        self.kind = kind             # "loop", "switch" or "function"
        self.depth = depth
        self.fname = fname           # the function's name (function frames)
        self.breaks = []
        self.continues = []
        self.returns = []            # (state, value) for a function


class Machine:
    """Runs a Program over abstract values."""

    def __init__(self, program):
        self.program = program
        self.structs = {s.name: s.members for s in program.items if isinstance(s, StructDef)}
        self.functions = {}
        for f in program.items:
            if isinstance(f, FuncDef):
                self.functions.setdefault(f.name, []).append(f)
        self.frames = []
        self.steps = 0

    def tick(self):
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise TooCostly()

    def run(self, inputs):
        """Run main on `inputs` (fragCoord, outputSize, time values);
        returns main's result (or None if every pixel discards)."""
        st = State([{}])
        for item in self.program.items:
            if isinstance(item, Decl):
                item.exec(self, st)
        if "main" not in self.functions:
            raise Invalid(None, None, "no main")
        main = self.functions["main"][0]
        return self.call(main, list(inputs), st, None)

    def function(self, name, arg_types):
        for f in self.functions.get(name, ()):
            if [p[1] for p in f.params] == arg_types:
                return f
        return None

    def call(self, f, args, st, lvalues):
        """Run f on argument values; copies out/inout parameters back
        through `lvalues` (the argument nodes) and returns the result."""
        self.tick()
        local = State([st.scopes[0], {}])
        for (qual, t, name), value in zip(f.params, args):
            local.declare(name, t, None if qual == "out" else value)
        frame = Frame("function", 2, f.name)
        self.frames.append(frame)
        end = f.body.exec(self, local)
        self.frames.pop()
        if end is not None and f.ret != "void":
            raise Invalid(f.body, None, "%s may end without a return" % f.name)
        exits = frame.returns + ([(end.cut(2), None)] if end is not None else [])
        if not exits:
            return None                   # every path discards
        after = join_states([s for s, _ in exits])
        result = None
        if f.ret != "void":
            result = exits[0][1]
            for _, value in exits[1:]:
                result = V.join(result, value)
        st.scopes[0] = after.scopes[0]
        for (qual, t, name), node in zip(f.params, lvalues or ()):
            if qual in ("out", "inout"):
                store(self, st, node, after.scopes[1][name][1])
        return result

    def members(self, t):
        if t not in self.structs:
            raise Invalid(None, None, "no struct %s" % t)
        return self.structs[t]

    def frame(self, kinds):
        """The innermost frame of one of `kinds` (None if there is none)."""
        for frame in reversed(self.frames):
            if frame.kind in kinds:
                return frame
        return None


# ---- literals ------------------------------------------------------------------------

def _nice_float(want):
    if want is None:
        return 0.5
    lo, hi = want
    for step in (1.0, 0.5, 0.25, 0.125, 1.0 / 16, 1.0 / 256, 1.0 / 65536):
        mid = round((lo + hi) / 2 / step) * step
        if lo <= mid <= hi:
            return mid + 0.0
    return lo


def literal_for(t, want=None, structs=None):
    """A literal (or a constructor of literals) of type t within `want`."""
    s = shape(t)
    if s[0] == "s":
        kind = s[1]
        if kind == "f":
            return Lit(t, _nice_float(want))
        if kind == "b":
            return Lit(t, True)
        lo, hi = want if want is not None else (1, 1)
        lo, hi = int(-(-lo // 1)), int(hi // 1)
        v = min(max(1, lo), hi) if lo <= hi else lo
        return Lit(t, max(v, 0) if kind == "u" else v)
    if s[0] == "v":
        return Ctor(t, [literal_for(KIND_SCALAR[s[1]], want) for _ in range(s[2])])
    if s[0] == "m":
        return Ctor(t, [Lit("float", _nice_float(want))])
    if s[0] == "a":
        return Ctor(t, [literal_for(s[1], want, structs) for _ in range(s[2])])
    return Ctor(t, [literal_for(mt, want, structs) for _, mt in structs[t]])


def float_text(v):
    text = repr(float(v))
    return text if ("." in text or "e" in text) else text + ".0"


# ---- expressions -----------------------------------------------------------------------------

# Binding strength for rendering (GLSL's table); a child weaker than its
# slot needs parentheses.
PREC = {",": 1, "=": 2, "?": 3, "||": 4, "^^": 5, "&&": 6, "|": 7, "^": 8, "&": 9,
        "==": 10, "!=": 10, "<": 11, ">": 11, "<=": 11, ">=": 11, "<<": 12, ">>": 12,
        "+": 13, "-": 13, "*": 14, "/": 14, "%": 14}
UNARY_PREC = 15
POSTFIX_PREC = 16
PRIMARY = 17


def wrap(node, need):
    text = node.text()
    return "(" + text + ")" if node.prec() < need else text


class Node:
    kids = ()

    def prec(self):
        return PRIMARY

    def ev(self, m, st):
        m.tick()
        try:
            return self.value(m, st)
        except V.Domain as d:
            # (an operation inside a builtin made of several may name an
            # operand the call does not have: the call is the culprit)
            culprit = self if d.arg is None or d.arg >= len(self.kids) else self.kids[d.arg]
            raise Invalid(culprit, d.want, d.why)


class Lit(Node):
    def __init__(self, t, v, int_text=False, hex_text=False):
        self.ty = t
        self.v = v
        self.int_text = int_text      # an integral float written as an int (implicit conversion)
        self.hex_text = hex_text      # an int written 0x...

    def prec(self):
        return UNARY_PREC if not isinstance(self.v, bool) and self.v < 0 else PRIMARY

    def text(self):
        if self.ty == "float":
            return str(int(self.v)) if self.int_text else float_text(self.v)
        if self.ty == "bool":
            return "true" if self.v else "false"
        digits = ("-0x%X" % -self.v if self.v < 0 else "0x%X" % self.v) if self.hex_text \
            else str(self.v)
        return digits + ("u" if self.ty == "uint" else "")

    def value(self, m, st):
        if self.ty == "float":
            return V.float_literal(self.v)
        if self.ty == "bool":
            return V.boolean(int(self.v), int(self.v))
        return V.integer(SCALAR_KIND[self.ty], self.v)


class Var(Node):
    def __init__(self, t, name):
        self.ty = t
        self.name = name

    def text(self):
        return self.name

    def value(self, m, st):
        entry = st.get(self.name)
        if entry is None:
            raise Invalid(self, None, "%s is not declared here" % self.name)
        if not defined(entry[1]):
            raise Invalid(self, None, "%s may be read before it is set" % self.name)
        return entry[1]


def defined(value):
    if value is None:
        return False
    if isinstance(value, tuple):
        return all(defined(v) for v in value)
    return True


_SWIZZLE = {c: i for names in ("xyzw", "rgba", "stpq") for i, c in enumerate(names)}


class Swizzle(Node):
    def __init__(self, t, e, comps):
        self.ty = t
        self.kids = [e]
        self.comps = comps

    def prec(self):
        return POSTFIX_PREC

    def text(self):
        return wrap(self.kids[0], POSTFIX_PREC) + "." + self.comps

    def value(self, m, st):
        v = _whole(m, st, self.kids[0])
        picked = tuple(v[_SWIZZLE[c]] for c in self.comps)
        if not defined(picked):
            raise Invalid(self, None, "component may be read before it is set")
        return picked[0] if len(picked) == 1 else picked


class Field(Node):
    def __init__(self, t, e, name):
        self.ty = t
        self.kids = [e]
        self.name = name

    def prec(self):
        return POSTFIX_PREC

    def text(self):
        return wrap(self.kids[0], POSTFIX_PREC) + "." + self.name

    def slot(self, m):
        names = [n for n, _ in m.members(self.kids[0].ty)]
        return names.index(self.name)

    def value(self, m, st):
        part = _whole(m, st, self.kids[0])[self.slot(m)]
        if not defined(part):
            raise Invalid(self, None, "member may be read before it is set")
        return part


def _count(t):
    s = shape(t)
    return s[2] if s[0] in "av" else s[1]


class Index(Node):
    """a[i] of an array, vector or matrix; i must stay inside (lumajit
    clamps, GLSL leaves it undefined)."""

    def __init__(self, t, e, i):
        self.ty = t
        self.kids = [e, i]

    def prec(self):
        return POSTFIX_PREC

    def text(self):
        return wrap(self.kids[0], POSTFIX_PREC) + "[" + self.kids[1].text() + "]"

    def slots(self, m, st):
        i = self.kids[1].ev(m, st)
        n = _count(self.kids[0].ty)
        if i.lo < 0 or i.hi > n - 1:
            raise Invalid(self.kids[1], (0, n - 1), "index may leave the array")
        return range(i.lo, i.hi + 1)

    def value(self, m, st):
        v = _whole(m, st, self.kids[0])
        slots = self.slots(m, st)
        out = v[slots[0]]
        for k in slots[1:]:
            out = V.join(out, v[k])
        if not defined(out):
            raise Invalid(self, None, "element may be read before it is set")
        return out


def _whole(m, st, node):
    """The value a member or element is taken from: parts of a variable may
    still be undefined (a struct set member by member)."""
    if isinstance(node, (Var, Field, Index)) and _is_lvalue(node):
        m.tick()
        return _partial_load(m, st, node)
    return node.ev(m, st)


def _is_lvalue(node):
    while isinstance(node, (Field, Index, Swizzle)):
        node = node.kids[0]
    return isinstance(node, Var)


class Length(Node):
    def __init__(self, e):
        self.ty = "int"
        self.kids = [e]

    def prec(self):
        return POSTFIX_PREC

    def text(self):
        return wrap(self.kids[0], POSTFIX_PREC) + ".length()"

    def value(self, m, st):
        n = _count(self.kids[0].ty)
        return V.integer("i", n)


def store(m, st, node, value):
    """Write `value` through the lvalue `node` (a Var, or a swizzle, field
    or element of one)."""
    if isinstance(node, Var):
        if st.find(node.name) is None:
            raise Invalid(node, None, "%s is not declared here" % node.name)
        st.set(node.name, value)
        return
    if not isinstance(node, (Swizzle, Field, Index)):
        raise Invalid(node, None, "not an lvalue")
    inner = node.kids[0]
    whole = list(_partial_load(m, st, inner))
    if isinstance(node, Swizzle):
        parts = components(value)
        for i, c in enumerate(node.comps):
            whole[_SWIZZLE[c]] = parts[i]
    elif isinstance(node, Field):
        whole[node.slot(m)] = value
    else:
        slots = node.slots(m, st)
        for k in slots:
            whole[k] = value if len(slots) == 1 else V.join(whole[k], value)
    store(m, st, inner, tuple(whole))


def _partial_load(m, st, node):
    """An lvalue's current value, parts of it maybe still undefined."""
    if isinstance(node, Var):
        entry = st.get(node.name)
        if entry is None:
            raise Invalid(node, None, "%s is not declared here" % node.name)
        value = entry[1]
        if value is None:
            return _undefined(m, entry[0])
        return value
    if not isinstance(node, (Field, Index)):
        raise Invalid(node, None, "not an lvalue")
    whole = _partial_load(m, st, node.kids[0])
    if isinstance(node, Field):
        part = whole[node.slot(m)]
        return part if part is not None else _undefined(m, node.ty)
    if isinstance(node, Index):
        slots = node.slots(m, st)
        part = whole[slots[0]]
        for k in slots[1:]:
            part = V.join(part, whole[k])
        return part if part is not None else _undefined(m, node.ty)
    raise Invalid(node, None, "not an lvalue")


def _undefined(m, t):
    s = shape(t)
    if s[0] == "s":
        return None
    if s[0] == "v":
        return (None,) * s[2]
    if s[0] == "m":
        return ((None,) * s[2],) * s[1]
    if s[0] == "a":
        return tuple(_undefined(m, s[1]) for _ in range(s[2]))
    return tuple(_undefined(m, mt) for _, mt in m.members(t))


def _scalar_op(op, a, b):
    if op == "+":
        return V.add(a, b)
    if op == "-":
        return V.add(a, b, -1)
    if op == "*":
        return V.mul(a, b)
    if op == "/":
        return V.div(a, b)
    return V.int_op(op, a, b)


def _broadcast(value, n):
    return value if isinstance(value, tuple) else (value,) * n


def _convert_comps(value, kind):
    if isinstance(value, tuple):
        return tuple(V.convert(c, kind) for c in value)
    return V.convert(value, kind)


def _kind(value):
    while isinstance(value, tuple):
        value = value[0]
    return value.kind


def arith(op, ta, a, tb, b):
    """a op b for + - * / % and the bit operators, on scalars, vectors and
    matrices (ta, tb their types), with int operands converted to float
    beside a float one."""
    sa, sb = shape(ta), shape(tb)
    if sa[0] == "m" or sb[0] == "m":
        return _matrix_arith(op, sa, a, sb, b)
    ka, kb = _kind(a), _kind(b)
    if ka != kb:                      # implicit int -> float
        if ka != "f":
            a = _convert_comps(a, "f")
        else:
            b = _convert_comps(b, "f")
    if not isinstance(a, tuple) and not isinstance(b, tuple):
        return _scalar_op(op, a, b)
    n = len(a) if isinstance(a, tuple) else len(b)
    return tuple(_scalar_op(op, x, y) for x, y in zip(_broadcast(a, n), _broadcast(b, n)))


def _mat_vec(mat, vec):
    """m * v: rows of the result are dot(row, v)."""
    rows = len(mat[0])
    return tuple(V.dot_(tuple(col[r] for col in mat), vec) for r in range(rows))


def _vec_mat(vec, mat):
    return tuple(V.dot_(vec, col) for col in mat)


def _matrix_arith(op, sa, a, sb, b):
    if op == "*" and sa[0] == "m" and sb[0] == "m":
        return tuple(_mat_vec(a, col) for col in b)
    if op == "*" and sa[0] == "m" and sb[0] == "v":
        return _mat_vec(a, b)
    if op == "*" and sa[0] == "v" and sb[0] == "m":
        return _vec_mat(a, b)
    if sa[0] == "m" and sb[0] == "m":
        return tuple(tuple(_scalar_op(op, x, y) for x, y in zip(ca, cb)) for ca, cb in zip(a, b))
    if sa[0] == "m":
        return tuple(tuple(_scalar_op(op, x, b) for x in col) for col in a)
    return tuple(tuple(_scalar_op(op, a, y) for y in col) for col in b)


def flatten(value):
    if isinstance(value, tuple):
        out = []
        for v in value:
            out.extend(flatten(v))
        return out
    return [value]


def equality(op, a, b):
    """== or != on any two values of one type: all components compared."""
    same = V.boolean(1, 1)
    for x, y in zip(flatten(a), flatten(b)):
        c = V.compare("==", x, y)
        same = V.boolean(min(same.lo, c.lo), min(same.hi, c.hi))
    if op == "!=":
        return V.boolean(1 - same.hi, 1 - same.lo)
    return same


def logic(op, a, b):
    if op == "&&":
        return V.boolean(min(a.lo, b.lo), min(a.hi, b.hi))
    if op == "||":
        return V.boolean(max(a.lo, b.lo), max(a.hi, b.hi))
    # ^^: only known when both are
    if a.lo == a.hi and b.lo == b.hi:
        v = a.lo ^ b.lo
        return V.boolean(v, v)
    return V.boolean(0, 1)


class Unary(Node):
    def __init__(self, t, op, e):
        self.ty = t
        self.op = op
        self.kids = [e]

    def prec(self):
        return UNARY_PREC

    def text(self):
        inner = wrap(self.kids[0], UNARY_PREC)
        if inner[:1] in "+-" and self.op in "+-":
            inner = "(" + inner + ")"
        return self.op + inner

    def value(self, m, st):
        v = self.kids[0].ev(m, st)
        if self.op == "+":
            return v
        if self.op == "!":
            return V.boolean(1 - v.hi, 1 - v.lo)
        f = V.neg if self.op == "-" else V.bit_not
        if isinstance(v, tuple) and isinstance(v[0], tuple):      # a matrix
            return tuple(tuple(f(x) for x in col) for col in v)
        return tuple(f(x) for x in v) if isinstance(v, tuple) else f(v)


class Binary(Node):
    def __init__(self, t, op, a, b):
        self.ty = t
        self.op = op
        self.kids = [a, b]

    def prec(self):
        return PREC[self.op]

    def text(self):
        p = PREC[self.op]
        return "%s %s %s" % (wrap(self.kids[0], p), self.op, wrap(self.kids[1], p + 1))

    def value(self, m, st):
        op = self.op
        a = self.kids[0].ev(m, st)
        if op in ("&&", "||"):
            # The right operand runs only on some pixels: its effects join.
            if (op == "&&" and a.hi == 0) or (op == "||" and a.lo == 1):
                return a
            other = st.copy()
            b = self.kids[1].ev(m, other)
            merged = join_states([st, other]) if (a.lo != a.hi) else other
            st.scopes[:] = merged.scopes
            return logic(op, a, b)
        b = self.kids[1].ev(m, st)
        if op == "^^":
            return logic(op, a, b)
        if op in ("==", "!="):
            try:
                return equality(op, a, b)
            except V.Domain as d:
                raise V.Domain(d.arg, None, d.why)
        if op in ("<", ">", "<=", ">="):
            ka, kb = a.kind, b.kind
            if ka != kb:
                a, b = V.convert(a, "f"), V.convert(b, "f")
            return V.compare(op, a, b)
        return arith(op, self.kids[0].ty, a, self.kids[1].ty, b)


class Cond(Node):
    def __init__(self, t, c, a, b):
        self.ty = t
        self.kids = [c, a, b]

    def prec(self):
        return PREC["?"]

    def text(self):
        return "%s ? %s : %s" % (wrap(self.kids[0], PREC["?"] + 1), wrap(self.kids[1], PREC["?"]),
                                 wrap(self.kids[2], PREC["?"]))

    def value(self, m, st):
        c = self.kids[0].ev(m, st)
        if c.lo == 1:
            return self.kids[1].ev(m, st)
        if c.hi == 0:
            return self.kids[2].ev(m, st)
        left, right = st.copy(), st.copy()
        a = self.kids[1].ev(m, left)
        b = self.kids[2].ev(m, right)
        st.scopes[:] = join_states([left, right]).scopes
        return V.join(a, b)


class Ctor(Node):
    """A constructor: T(args) for scalars (conversions), vectors, matrices,
    structs and arrays (T[N](...))."""

    def __init__(self, t, args):
        self.ty = t
        self.kids = list(args)

    def prec(self):
        return POSTFIX_PREC

    def text(self):
        return "%s(%s)" % (self.ty, ", ".join(wrap(k, 2) for k in self.kids))

    def value(self, m, st):
        args = [k.ev(m, st) for k in self.kids]
        s = shape(self.ty)
        if s[0] == "t" and len(args) != len(m.members(self.ty)):
            raise Invalid(self, None, "%s takes %d members" % (self.ty, len(m.members(self.ty))))
        if s[0] in "at":
            return tuple(args)
        if s[0] == "m":
            return self._matrix(s[1], s[2], args)
        kind, n = s[1], (1 if s[0] == "s" else s[2])
        flat = []
        for i, a in enumerate(args):
            for c in flatten(a):
                try:
                    flat.append(V.convert(c, kind))
                except V.Domain as d:
                    raise V.Domain(i, d.want, d.why)
        if len(flat) == 1 and n > 1:
            flat = flat * n
        return rebuild(self.ty, flat[:n])

    def _matrix(self, cols, rows, args):
        if len(args) == 1 and not isinstance(args[0], tuple):
            d = V.convert(args[0], "f")
            zero = V.exact(0.0, 0.0, 0)
            return tuple(tuple(d if c == r else zero for r in range(rows)) for c in range(cols))
        if len(args) == 1 and isinstance(args[0][0], tuple):       # from another matrix
            src = args[0]
            one, zero = V.exact(1.0, 1.0, 0), V.exact(0.0, 0.0, 0)
            return tuple(tuple(src[c][r] if c < len(src) and r < len(src[0])
                               else (one if c == r else zero) for r in range(rows))
                         for c in range(cols))
        flat = [V.convert(c, "f") for a in args for c in flatten(a)]
        return tuple(tuple(flat[c * rows:(c + 1) * rows]) for c in range(cols))


# ---- builtins --------------------------------------------------------------------------

def _per_comp(f, *args):
    """f applied component by component; scalar arguments broadcast."""
    n = max(len(a) if isinstance(a, tuple) else 1 for a in args)
    if n == 1 and not any(isinstance(a, tuple) for a in args):
        return f(*args)
    cols = [_broadcast(a, n) for a in args]
    return tuple(f(*[c[i] for c in cols]) for i in range(n))


def _vec_ops(name, args):
    a = args[0]
    if name == "length":
        return V.length_(components(a))
    if name == "distance":
        return V.length_(components(arith("-", "vec", a, "vec", args[1])))
    if name == "dot":
        return V.dot_(components(a), components(args[1]))
    if name == "normalize":
        return rebuild_like(a, V.normalize_(components(a)))
    if name == "cross":
        b = args[1]
        return tuple(V.add(V.mul(a[i], b[j]), V.mul(a[j], b[i]), -1)
                     for i, j in ((1, 2), (2, 0), (0, 1)))
    if name == "reflect":
        i, n = components(a), components(args[1])
        d = V.dot_(n, i)
        two_d = V.mul(V.float_literal(2.0), d)
        return rebuild_like(a, tuple(V.add(x, V.mul(two_d, y), -1) for x, y in zip(i, n)))
    if name == "faceforward":
        n, i, nref = components(a), components(args[1]), components(args[2])
        d = V.dot_(nref, i)
        try:
            V.need_exact(d, 2)
        except V.Domain:
            if not (d.hi + d.err < 0 or d.lo - d.err > 0):
                raise V.Domain(2, (0.5, 1.0), "faceforward's dot may be near 0")
        if d.hi < 0:
            return a
        flipped = tuple(V.neg(x) for x in n)
        if d.lo >= 0:
            return rebuild_like(a, flipped)
        return rebuild_like(a, tuple(V.join(x, y) for x, y in zip(n, flipped)))
    if name == "refract":
        i, n, eta = components(a), components(args[1]), args[2]
        d = V.dot_(n, i)
        one = V.float_literal(1.0)
        k = V.add(one, V.mul(V.mul(eta, eta), V.add(one, V.mul(d, d), -1)), -1)
        if k.lo < V.DIV_MIN:
            raise V.Domain(2, (0.25, 0.5), "refract near total internal reflection")
        root = V.sqrt_(k)
        scale = V.add(V.mul(eta, d), root)
        return rebuild_like(a, tuple(V.add(V.mul(eta, x), V.mul(scale, y), -1)
                                     for x, y in zip(i, n)))
    raise KeyError(name)


def rebuild_like(a, comps):
    return tuple(comps) if isinstance(a, tuple) else comps[0]


def _matrix_ops(name, args):
    a = args[0]
    if name == "matrixCompMult":
        return tuple(tuple(V.mul(x, y) for x, y in zip(ca, cb)) for ca, cb in zip(a, args[1]))
    if name == "outerProduct":
        c, r = components(a), components(args[1])
        return tuple(tuple(V.mul(x, y) for x in c) for y in r)
    if name == "transpose":
        return tuple(tuple(col[r] for col in a) for r in range(len(a[0])))
    if name == "determinant":
        return _determinant(a)
    if name == "inverse":
        det = _determinant(a)
        n = len(a)
        adj = []
        for c in range(n):
            column = []
            for r in range(n):
                minor = tuple(tuple(a[cc][rr] for rr in range(n) if rr != c)
                              for cc in range(n) if cc != r)
                d = _determinant(minor) if n > 2 else minor[0][0]
                column.append(V.neg(d) if (r + c) & 1 else d)
            adj.append(column)
        return tuple(tuple(V.div(x, det) for x in col) for col in adj)
    raise KeyError(name)


def _determinant(a):
    n = len(a)
    if n == 1:
        return a[0][0]
    if n == 2:
        return V.add(V.mul(a[0][0], a[1][1]), V.mul(a[1][0], a[0][1]), -1)
    det = None
    for c in range(n):
        minor = tuple(tuple(a[cc][r] for r in range(1, n)) for cc in range(n) if cc != c)
        term = V.mul(a[c][0], _determinant(minor))
        det = term if det is None else V.add(det, term, -1 if c & 1 else 1)
    return det


# The builtins the evaluator knows (and the generator calls).
BUILTINS = tuple(sorted(set(V.FLOAT_UNARY) | {
    "atan", "abs", "sign", "min", "max", "clamp", "pow", "step", "mod", "smoothstep", "mix",
    "modf", "length", "distance", "dot", "cross", "normalize", "faceforward", "reflect",
    "refract", "matrixCompMult", "outerProduct", "transpose", "determinant", "inverse",
    "lessThan", "lessThanEqual", "greaterThan", "greaterThanEqual", "equal", "notEqual",
    "any", "all", "not"}))

_RELATIONS = {"lessThan": "<", "lessThanEqual": "<=", "greaterThan": ">",
              "greaterThanEqual": ">=", "equal": "==", "notEqual": "!="}


def builtin(name, args):
    """The value of builtin `name` on argument values (not modf)."""
    if name == "atan" and len(args) == 2:
        return _per_comp(V.atan2_, args[0], args[1])
    if name in V.FLOAT_UNARY:
        return _per_comp(V.FLOAT_UNARY[name], args[0])
    simple = {"abs": V.fabs, "sign": V.sign_, "min": V.fmin, "max": V.fmax,
              "clamp": V.clamp, "pow": V.pow_, "step": V.step_, "mod": V.mod_,
              "smoothstep": V.smoothstep_}
    if name in simple:
        return _per_comp(simple[name], *args)
    if name == "mix":
        if _kind(args[2]) == "b":
            return _per_comp(lambda x, y, c: y if c.lo == 1 else x if c.hi == 0 else V.join(x, y),
                             *args)
        return _per_comp(V.mix_, *args)
    if name in _RELATIONS:
        return tuple(V.compare(_RELATIONS[name], x, y) for x, y in zip(args[0], args[1]))
    if name == "any":
        return V.boolean(max(c.lo for c in args[0]), max(c.hi for c in args[0]))
    if name == "all":
        return V.boolean(min(c.lo for c in args[0]), min(c.hi for c in args[0]))
    if name == "not":
        return tuple(V.boolean(1 - c.hi, 1 - c.lo) for c in args[0])
    if name in ("matrixCompMult", "outerProduct", "transpose", "determinant", "inverse"):
        return _matrix_ops(name, args)
    return _vec_ops(name, args)


class Call(Node):
    """A call of a builtin or of the program's own function (which may
    write its out/inout arguments and the globals)."""

    def __init__(self, t, name, args):
        self.ty = t
        self.name = name
        self.kids = list(args)

    def prec(self):
        return POSTFIX_PREC

    def text(self):
        return "%s(%s)" % (self.name, ", ".join(wrap(k, 2) for k in self.kids))

    def value(self, m, st):
        f = m.function(self.name, [k.ty for k in self.kids])
        if f is not None:
            args = []
            for (qual, t, _), k in zip(f.params, self.kids):
                args.append(None if qual == "out" else k.ev(m, st))
            result = m.call(f, args, st, self.kids)
            if result is None and f.ret != "void":
                raise Invalid(self, None, "%s may not return a value" % self.name)
            return result
        if self.name in m.functions or self.name not in BUILTINS:
            raise Invalid(self, None, "no function %s takes these arguments" % self.name)
        if self.name == "modf":
            frac, whole = [], []
            for c in components(self.kids[0].ev(m, st)):
                try:
                    f_, w = V.modf_(c)
                except V.Domain as d:
                    raise V.Domain(0, d.want, d.why)
                frac.append(f_)
                whole.append(w)
            store(m, st, self.kids[1], rebuild(self.ty, whole))
            return rebuild(self.ty, frac)
        if self.name == "round" and _no_halves(self.kids[0], m, st):
            return _per_comp(lambda c: V.round_(c, True), self.kids[0].ev(m, st))
        return builtin(self.name, [k.ev(m, st) for k in self.kids])


def _no_halves(node, m, st):
    """Whether `node` is a + 2^-(F+1) for an exact a whose components have
    at most F >= 1 fraction bits: a * 2^(F+1) is even, so the sum is an
    odd multiple of 2^-(F+1) and never a half (F + 1 >= 2)."""
    if not (isinstance(node, Binary) and node.op == "+" and isinstance(node.kids[1], Lit)):
        return False
    a = components(node.kids[0].ev(m, st))
    if not all(c.kind == "f" and c.exact for c in a):
        return False
    top = max(c.fb for c in a)
    return top >= 1 and node.kids[1].v == 2.0 ** -(top + 1)


def read_target(node, m, st):
    """The current value of an assignment's target. A target that cannot be
    read (not set yet) makes the whole assignment the culprit: a literal
    cannot stand where a variable is written."""
    try:
        return node.kids[0].ev(m, st)
    except Invalid as e:
        target = node.kids[0]
        while True:
            if e.node is target:
                raise Invalid(node, None, e.why)
            if not isinstance(target, (Swizzle, Field, Index)):
                raise
            target = target.kids[0]


class Assign(Node):
    """lv op= e (an expression: its value is the new one)."""

    def __init__(self, t, op, lv, e):
        self.ty = t
        self.op = op
        self.kids = [lv, e]

    def prec(self):
        return PREC["="]

    def text(self):
        return "%s %s %s" % (self.kids[0].text(), self.op, wrap(self.kids[1], PREC["="]))

    def value(self, m, st):
        v = self.kids[1].ev(m, st)
        if self.op != "=":
            old = read_target(self, m, st)
            try:
                v = arith(self.op[:-1], self.kids[0].ty, old, self.kids[1].ty, v)
            except V.Domain as d:     # the target's fault: the whole assignment
                raise V.Domain(1 if d.arg == 1 else None, d.want, d.why)
        store(m, st, self.kids[0], v)
        return v


class Step(Node):
    """++ or -- before or after an lvalue."""

    def __init__(self, t, op, lv, prefix):
        self.ty = t
        self.op = op
        self.kids = [lv]
        self.prefix = prefix

    def prec(self):
        return UNARY_PREC if self.prefix else POSTFIX_PREC

    def text(self):
        inner = wrap(self.kids[0], POSTFIX_PREC)
        return self.op + inner if self.prefix else inner + self.op

    def value(self, m, st):
        old = read_target(self, m, st)
        kind = _kind(old)
        one = V.float_literal(1.0) if kind == "f" else V.integer(kind, 1)
        try:
            new = arith("+" if self.op == "++" else "-", self.ty, old, KIND_SCALAR[kind], one)
        except V.Domain as d:
            raise V.Domain(None, d.want, d.why)
        store(m, st, self.kids[0], new)
        return new if self.prefix else old


# ---- statements ---------------------------------------------------------------------------

class Stmt:
    kids = ()


def _pad(depth):
    return "    " * depth


class Decl(Stmt):
    """`[const] T name [= init];` (arrays as `T name[N]` unless
    `array_after_type`)."""

    def __init__(self, t, name, init, const=False, array_after_type=False):
        self.ty = t
        self.name = name
        self.kids = [init] if init is not None else []
        self.const = const
        self.array_after_type = array_after_type

    def lines(self, depth):
        s = shape(self.ty)
        if s[0] == "a" and not self.array_after_type:
            head = "%s %s[%d]" % (s[1], self.name, s[2])
        else:
            head = "%s %s" % (self.ty, self.name)
        if self.const:
            head = "const " + head
        if self.kids:
            head += " = " + wrap(self.kids[0], PREC["="])
        return [_pad(depth) + head + ";"]

    def exec(self, m, st):
        if st is None:
            return None
        m.tick()
        value = self.kids[0].ev(m, st) if self.kids else None
        if self.name in st.scopes[-1]:
            raise Invalid(self, None, "%s declared twice in one scope" % self.name)
        st.declare(self.name, self.ty, value)
        return st


class ExprStmt(Stmt):
    def __init__(self, e):
        self.kids = [e]

    def lines(self, depth):
        return [_pad(depth) + self.kids[0].text() + ";"]

    def exec(self, m, st):
        if st is None:
            return None
        self.kids[0].ev(m, st)
        return st


class Block(Stmt):
    def __init__(self, stmts, scoped=True):
        self.kids = list(stmts)
        self.scoped = scoped       # a bare { } inside a block (function bodies are not)

    def lines(self, depth):
        out = []
        for s in self.kids:
            out += s.lines(depth)
        return out

    def exec(self, m, st):
        if st is None:
            return None
        st.scopes.append({})
        depth = len(st.scopes)
        for s in self.kids:
            st = s.exec(m, st)
            if st is None:
                return None
        st.scopes = st.scopes[:depth - 1]
        return st


class Nested(Stmt):
    """A bare block `{ ... }`: a scope of its own."""

    def __init__(self, body):
        self.kids = [body]

    def lines(self, depth):
        return [_pad(depth) + "{"] + self.kids[0].lines(depth + 1) + [_pad(depth) + "}"]

    def exec(self, m, st):
        return self.kids[0].exec(m, st)


def _run_branch(m, block, st):
    return block.exec(m, st) if st is not None else None


class If(Stmt):
    def __init__(self, c, then, otherwise=None):
        self.kids = [c, then] + ([otherwise] if otherwise is not None else [])

    def lines(self, depth):
        out = [_pad(depth) + "if (%s) {" % self.kids[0].text()] + self.kids[1].lines(depth + 1)
        if len(self.kids) > 2:
            out += [_pad(depth) + "} else {"] + self.kids[2].lines(depth + 1)
        return out + [_pad(depth) + "}"]

    def exec(self, m, st):
        if st is None:
            return None
        c = self.kids[0].ev(m, st)
        yes = st.copy() if c.hi == 1 else None
        no = st if c.lo == 0 else None
        yes = _run_branch(m, self.kids[1], yes)
        if len(self.kids) > 2:
            no = _run_branch(m, self.kids[2], no)
        return join_states([yes, no])


class Jump(Stmt):
    """break, continue, return [e] or discard."""

    def __init__(self, word, e=None):
        self.word = word
        self.kids = [e] if e is not None else []

    def lines(self, depth):
        if self.kids:
            return [_pad(depth) + "%s %s;" % (self.word, self.kids[0].text())]
        return [_pad(depth) + self.word + ";"]

    def exec(self, m, st):
        if st is None:
            return None
        m.tick()
        if self.word == "discard":
            return None
        if self.word == "return":
            frame = m.frame(("function",))
            value = self.kids[0].ev(m, st) if self.kids else None
            if frame.fname == "main":
                check_output(self.kids[0], value)
            frame.returns.append((st.cut(frame.depth), value))
            return None
        frame = m.frame(("loop",) if self.word == "continue" else ("loop", "switch"))
        if frame is None:
            raise Invalid(self, None, "%s outside a loop" % self.word)
        (frame.breaks if self.word == "break" else frame.continues).append(st.cut(frame.depth))
        return None


# What main may return: every channel within this of Mesa's (the
# comparison allows 2/255; half of it is left for what the model misses).
OUTPUT_ERR = 1.0 / 255


def check_output(node, value):
    for i, c in enumerate(value):
        if c.err > OUTPUT_ERR:
            culprit = node.kids[i] if isinstance(node, Ctor) and len(node.kids) == 4 else node
            raise Invalid(culprit, None, "output channel %d may be %.4f off" % (i, c.err))


class Loop(Stmt):
    """for (init; cond; steps) body, while (cond) body, do body while (cond)."""

    def __init__(self, form, init, cond, steps, body):
        self.form = form                 # "for", "while" or "do"
        self.init = init                 # [Decl or ExprStmt] (for only)
        self.steps = steps               # [expression] (for only)
        self.kids = list(init) + [cond] + list(steps) + [body]

    @property
    def cond(self):
        return self.kids[len(self.init)]

    @property
    def body(self):
        return self.kids[-1]

    def lines(self, depth):
        pad = _pad(depth)
        body = self.body.lines(depth + 1)
        if self.form == "while":
            return [pad + "while (%s) {" % self.cond.text()] + body + [pad + "}"]
        if self.form == "do":
            return [pad + "do {"] + body + [pad + "} while (%s);" % self.cond.text()]
        init = self.kids[:len(self.init)]
        if init and isinstance(init[0], Decl):
            first = init[0].lines(0)[0][:-1]
            rest = [d.name + " = " + wrap(d.kids[0], PREC["="]) for d in init[1:]]
            head = ", ".join([first] + rest)
        else:
            head = ", ".join(s.kids[0].text() for s in init)
        steps = self.kids[len(self.init) + 1:-1]
        return [pad + "for (%s; %s; %s) {" % (head, self.cond.text(),
                                               ", ".join(s.text() for s in steps))] + \
            body + [pad + "}"]

    def exec(self, m, st):
        if st is None:
            return None
        if self.form == "do":
            _mesa_do_while_scope(self)
        st.scopes.append({})
        depth = len(st.scopes)
        for s in self.kids[:len(self.init)]:
            st = s.exec(m, st)
        exits = []
        trips = 0
        first = self.form == "do"
        while st is not None:
            if not first:
                c = self.cond.ev(m, st)
                if c.hi == 0:
                    exits.append(st)
                    break
                if c.lo == 0:
                    exits.append(st.copy())
            first = False
            trips += 1
            if trips > MAX_TRIPS:
                raise Invalid(self, None, "loop runs more than %d times" % MAX_TRIPS)
            frame = Frame("loop", depth)
            m.frames.append(frame)
            end = self.body.exec(m, st)
            m.frames.pop()
            exits += frame.breaks
            st = join_states(([end.cut(depth)] if end is not None else []) + frame.continues)
            if st is not None:
                for e in self.kids[len(self.init) + 1:-1]:
                    e.ev(m, st)
        out = join_states(exits)
        if out is not None:
            out.scopes = out.scopes[:depth - 1]
        return out


def _mesa_do_while_scope(loop):
    """Mesa 22.3 evaluates a do-while's condition, after a `continue`, with
    the names declared where the continue is: `do { ++i; { int i = 7;
    continue; } } while (i < 2);` reads the inner i. The oracle is wrong
    there, so programs must not declare a name the condition reads."""
    names = set()
    stack = [loop.cond]
    while stack:
        node = stack.pop()
        if isinstance(node, Var):
            names.add(node.name)
        stack.extend(node.kids)
    stack = [loop.body]
    while stack:
        node = stack.pop()
        if isinstance(node, Decl) and node.name in names:
            raise Invalid(node, None, "Mesa's do-while scope: %s declared again" % node.name)
        stack.extend(k for k in node.kids if isinstance(k, Stmt))


class Switch(Stmt):
    """switch (e) { case L: ... } with fall-through; each case is
    (labels, Block) and a label None is `default`."""

    def __init__(self, e, labels, bodies):
        self.labels = labels
        self.kids = [e] + list(bodies)

    def lines(self, depth):
        out = [_pad(depth) + "switch (%s) {" % self.kids[0].text()]
        for labels, body in zip(self.labels, self.kids[1:]):
            for label in labels:
                out.append(_pad(depth) + ("default:" if label is None else "case %d:" % label))
            out += body.lines(depth + 1)
        if not self.kids[-1].kids:
            out.append(_pad(depth + 1) + "break;")      # GLSL: a label may not end a switch
        return out + [_pad(depth) + "}"]

    def exec(self, m, st):
        if st is None:
            return None
        sel = self.kids[0].ev(m, st)
        all_labels = [x for labels in self.labels for x in labels if x is not None]
        covered = sel.hi - sel.lo < 64 and all(v in all_labels
                                               for v in range(sel.lo, sel.hi + 1))
        frame = Frame("switch", len(st.scopes))
        m.frames.append(frame)
        current = None
        for labels, body in zip(self.labels, self.kids[1:]):
            enters = any(x is not None and sel.lo <= x <= sel.hi for x in labels) or \
                (None in labels and not covered)
            current = join_states([current, st.copy() if enters else None])
            current = body.exec(m, current)
        m.frames.pop()
        missed = st if (None not in [x for labels in self.labels for x in labels]
                        and not covered) else None
        return join_states([current, missed] + frame.breaks)


# ---- declarations -------------------------------------------------------------------

class StructDef:
    kids = ()

    def __init__(self, name, members):
        self.name = name
        self.members = members           # [(name, type)]

    def lines(self, depth):
        return ["struct %s {" % self.name] + \
            ["    %s %s;" % (t, n) for n, t in self.members] + ["};"]


class FuncDef:
    """`ret name(params) { body }`; params are (qualifier, type, name) with
    qualifier "", "in", "const in", "out" or "inout"."""

    def __init__(self, ret, name, params, body):
        self.ret = ret
        self.name = name
        self.params = params
        self.kids = [body]

    @property
    def body(self):
        return self.kids[0]

    def signature(self):
        parts = []
        for qual, t, name in self.params:
            s = shape(t)
            decl = "%s %s[%d]" % (s[1], name, s[2]) if s[0] == "a" else "%s %s" % (t, name)
            parts.append((qual + " " if qual else "") + decl)
        return "%s %s(%s)" % (self.ret, self.name, ", ".join(parts))

    def lines(self, depth):
        return [self.signature() + " {"] + self.body.lines(1) + ["}"]


class Prototype:
    kids = ()

    def __init__(self, f):
        self.f = f

    def lines(self, depth):
        return [self.f.signature() + ";"]


class Program:
    def __init__(self, items):
        self.items = items

    def text(self):
        out = []
        for item in self.items:
            out += item.lines(0)
            if isinstance(item, (FuncDef, StructDef)):
                out.append("")
        return "\n".join(out).rstrip() + "\n"


def check(program, inputs):
    """Run the program over `inputs`; raises Invalid or TooCostly."""
    for f in program.items:
        # GLSL wants a return statement in every function with a result,
        # called or not, reached or not.
        if isinstance(f, FuncDef) and f.ret != "void" and not _has_return(f.body):
            raise Invalid(f.body, None, "%s has no return statement" % f.name)
    return Machine(program).run(inputs)


def _has_return(node):
    if isinstance(node, Jump):
        return node.word == "return"
    return any(_has_return(k) for k in node.kids if isinstance(k, Stmt))
