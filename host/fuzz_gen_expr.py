"""Random expressions for host/fuzz_gen.py: of any type, valid, and free of
knife edges by construction (see fuzz_gen's docstring for the whole
picture).

An expression is made by a random production for its type (literals,
variables and their parts, operators, constructors, conversions, ?:,
builtins, calls of the program's pure functions), then evaluated over
intervals in the current state (host/fuzz_ast.py). When it must be exact
(an operand of floor, a comparison), lie in a domain (sin's, a divisor's)
or fit a function's envelope, a value that does not is aimed there as a
shader writer would (clamp, lo + fract(x) * w, mid + half * sin(x),
lo + abs(x)) or made again; the last resort is a literal.
"""

import math

from host import fuzz_values as V
from host.fuzz_ast import (
    KIND_SCALAR, Binary, Call, Cond, Ctor, Field, Index, Invalid, Length, Lit, Machine,
    Program, State, Swizzle, TooCostly, Unary, Var, components, literal_for, mat_type, shape,
    vec_type, width)
from host import fuzz_ast as A
from host.fuzz_ast import flatten

ERR_SOFT = 256 * V.U          # the most error an intermediate value may carry
MAG_SOFT = 256.0              # ... and the largest magnitude of an inexact one
EXACT_MAG = 4096.0            # ... of an exact one
TRIES = 6


# ---- values against wants ---------------------------------------------------------------

def fits(value, exact=False, lo=None, hi=None, env=None):
    """Whether every component of `value` is defined, exact if asked,
    within [lo, hi], inside the soft limits, and subsumed by `env` (a
    parameter's envelope: a value of the same type)."""
    comps = flatten(value)
    if any(c is None for c in comps):
        return False
    envs = flatten(env) if env is not None else [None] * len(comps)
    for c, e in zip(comps, envs):
        if c.kind == "f":
            if exact and not c.exact:
                return False
            if c.err > ERR_SOFT or c.mag > (EXACT_MAG if c.exact else MAG_SOFT):
                return False
        if lo is not None and c.lo < lo:
            return False
        if hi is not None and c.hi > hi:
            return False
        if e is not None:
            if c.lo < e.lo or c.hi > e.hi:
                return False
            if e.kind == "f":
                if e.exact and not (c.exact and c.fb <= e.fb):
                    return False
                if c.err > e.err:
                    return False
    return True


def literal_within(t, env, structs):
    """A literal of type t inside the envelope `env`."""
    s = shape(t)
    if s[0] == "s":
        if env.kind == "f":
            step = 2.0 ** -(env.fb or 0) if env.exact else 1.0 / 16
            mid = math.floor((env.lo + env.hi) / 2 / step) * step
            return Lit(t, min(max(mid, env.lo), env.hi) + 0.0)
        return literal_for(t, (env.lo, env.hi))
    if s[0] == "v":
        return Ctor(t, [literal_within(KIND_SCALAR[s[1]], e, structs) for e in env])
    if s[0] == "m":
        return Ctor(t, [literal_within("float", e, structs) for col in env for e in col])
    if s[0] == "a":
        return Ctor(t, [literal_within(s[1], e, structs) for e in env])
    return Ctor(t, [literal_within(mt, e, structs) for (_, mt), e in zip(structs[t], env)])


class Expressions:
    """The expression half of the generator (fuzz_gen.Generator is the
    statement half): the state it generates in, and the productions."""

    def __init__(self, rng):
        self.rng = rng
        self.count = 0
        self.structs = {}                # name -> [(member, type)]
        self.items = []
        self.program = Program(self.items)
        self.functions = []              # Function
        self.m = Machine(self.program)
        self.st = State([{}])
        self.readonly = set()
        self.const_only = False
        self.const_globals = set()
        self.const_locals = set()        # const locals (readable in const expressions)
        self.fn = None                   # the FuncDef being made
        self.impure = False              # it writes a global or calls an impure function
        self.loops = 0                   # loops around the point of generation
        self.trips = 1                   # their trip counts multiplied
        self.in_switch = False

    # -- small helpers --

    def name(self, prefix):
        self.count += 1
        return "%s%d" % (prefix, self.count)

    def chance(self, p):
        return self.rng.random() < p

    def pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def weighted(self, table):
        """table: [(weight, value)]; a value, chosen by weight."""
        total = sum(w for w, _ in table)
        r = self.rng.random() * total
        for w, v in table:
            r -= w
            if r < 0:
                return v
        return table[-1][1]

    def refresh(self):
        self.m = Machine(self.program)

    def val(self, node):
        """node's value in the current state (None if it fails its checks);
        expressions made here have no effects, so the state is kept."""
        self.m.steps = 0
        saved = self.st.copy()
        try:
            return node.ev(self.m, self.st)
        except (Invalid, TooCostly, RecursionError):
            return None
        finally:
            self.st = saved

    def visible(self):
        """[(name, type, value)] of the variables in scope, innermost first."""
        seen = {}
        for scope in reversed(self.st.scopes):
            for name, (t, value) in scope.items():
                if name not in seen:
                    seen[name] = (t, value)
        return [(n, t, v) for n, (t, v) in seen.items()]

    # -- types --

    def value_type(self, allow_aggregates=True):
        kind = self.weighted([(10, "f"), (3, "i"), (1, "u"), (2, "b"), (2, "m"),
                              (2 if allow_aggregates else 0, "t"),
                              (2 if allow_aggregates else 0, "a")])
        if kind == "m":
            n = self.weighted([(3, 2), (3, 3), (1, 4)])
            return mat_type(n, n)
        if kind == "t":
            if not self.structs:
                return "float"
            return self.pick(list(self.structs))
        if kind == "a":
            elem = self.weighted([(4, "float"), (2, "vec2"), (2, "vec3"), (2, "int"),
                                  (1, "vec4"), (1, "bool")] +
                                 [(1, s) for s in self.structs])
            return "%s[%d]" % (elem, self.rng.randint(2, 4))
        n = self.weighted([(4, 1), (3, 2), (3, 3), (2, 4)])
        return vec_type(kind, n)

    # -- reading what is in scope --

    def reads(self, t):
        """Expressions of type t reading variables in scope: the variables,
        their components, swizzles, members, elements, columns."""
        out = []
        want = shape(t)
        for name, vt, value in self.visible():
            if self.const_only and name not in self.const_globals and \
                    name not in self.const_locals:
                continue
            self._paths(Var(vt, name), vt, value, t, want, out, 2)
        varying = [node for node, value in out if not all(c.lo == c.hi for c in flatten(value))]
        if varying and self.chance(0.8):
            return varying          # what changes per pixel or time exercises more
        return [node for node, _ in out]

    def _paths(self, node, vt, value, t, want, out, depth):
        if value is None:
            return
        if vt == t and A.defined(value):
            out.append((node, value))
        if depth == 0:
            return
        s = shape(vt)
        if s[0] == "v" and want[0] in "sv" and want[1] == s[1]:
            n = 1 if want[0] == "s" else want[2]
            letters = self.pick(("xyzw", "rgba", "stpq"))[:s[2]]
            comps = "".join(self.pick(letters) for _ in range(n))
            picked = tuple(value[A._SWIZZLE[c]] for c in comps)
            if all(c is not None for c in picked):
                if n == 1 and self.chance(0.3):
                    out.append((Index(t, node, Lit("int", A._SWIZZLE[comps])), picked))
                else:
                    out.append((Swizzle(t, node, comps), picked))
        elif s[0] == "m":
            c = self.rng.randrange(s[1])
            self._paths(Index(vec_type("f", s[2]), node, Lit("int", c)), vec_type("f", s[2]),
                        value[c], t, want, out, depth - 1)
        elif s[0] == "t":
            for i, (mname, mt) in enumerate(self.structs[vt]):
                self._paths(Field(mt, node, mname), mt, value[i], t, want, out, depth - 1)
        elif s[0] == "a":
            index = self.index(s[2])
            element = value[0]
            for other in value[1:]:
                element = V.join(element, other)
            self._paths(Index(s[1], node, index), s[1], element, t, want, out, depth - 1)

    def index(self, n):
        """An index into n elements: a literal, or (half the time) an int
        variable in range (a loop counter), kept in range by % or clamp."""
        if self.const_only or self.chance(0.5):
            return Lit("int", self.rng.randrange(n))
        ints = [(name, v) for name, t, v in self.visible() if t == "int" and v is not None]
        if not ints:
            return Lit("int", self.rng.randrange(n))
        name, v = self.pick(ints)
        if 0 <= v.lo and v.hi <= n - 1:
            return Var("int", name)
        if v.lo >= 0 and self.chance(0.5):
            return Binary("int", "%", Var("int", name), Lit("int", n))
        return Call("int", "clamp", [Var("int", name), Lit("int", 0), Lit("int", n - 1)])

    # -- expressions --

    def gen(self, t, depth=2, exact=False, lo=None, hi=None, env=None):
        """An expression of type t (see fits() for the rest)."""
        for _ in range(TRIES):
            node = self.make(t, depth, exact, lo, hi)
            if node is None:
                continue
            v = self.val(node)
            if v is not None and not fits(v, exact, lo, hi, env) and (lo is not None or
                                                                        hi is not None):
                node = self.aim(node, v, t, exact, lo, hi)
                v = self.val(node) if node is not None else None
            if v is not None and fits(v, exact, lo, hi, env):
                return node
        if env is not None:
            return literal_within(t, env, self.structs)
        return self.literal(t, exact, lo, hi)

    def aim(self, node, v, t, exact, lo, hi):
        """node's value brought into [lo, hi] the way a shader writer would."""
        kind = A.kind_of(t)
        if kind not in ("f", "i", "u") or shape(t)[0] == "m":
            return None
        comps = components(v)
        if kind != "f":
            a = lo if lo is not None else -1000
            b = hi if hi is not None else 1000
            if kind == "u":
                a = max(a, 0)
            if min(c.lo for c in comps) >= 0 and a == 0 and self.chance(0.5) and b < 1000:
                return Binary(t, "%", node, self.int_lit(kind, b + 1))
            return Call(t, "clamp", [node, self.int_lit(kind, a), self.int_lit(kind, b)])
        a = lo if lo is not None else -MAG_SOFT
        b = hi if hi is not None else MAG_SOFT
        # dyadic bounds inside [a, b] keep an exact value exact
        qa, qb = math.ceil(a * 16) / 16.0, math.floor(b * 16) / 16.0
        if qa > qb:
            qa, qb = a, b
        choice = self.rng.randrange(4)
        if choice == 0 and all(c.exact for c in comps) and qb - qa >= 1:
            w = 2.0 ** math.floor(math.log2(qb - qa))
            return Binary(t, "+", Lit("float", qa),
                          Binary(t, "*", Call(t, "fract", [node]), Lit("float", w)))
        if choice == 1 and not exact and b - a >= 0.25:
            mid, half = (qa + qb) / 2, (qb - qa) / 2
            half = 2.0 ** math.floor(math.log2(half)) if half > 0 else 0.0
            if half > 0:
                inner = node if max(c.mag for c in comps) <= 64 else \
                    Binary(t, "*", node, Lit("float", 0.125))
                return Binary(t, "+", Lit("float", mid),
                              Binary(t, "*", Lit("float", half), Call(t, "sin", [inner])))
        if choice == 2 and b >= MAG_SOFT and qa > -MAG_SOFT:
            return Binary(t, "+", Lit("float", qa), Call(t, "abs", [node]))
        return Call(t, "clamp", [node, Lit("float", qa), Lit("float", qb)])

    def int_lit(self, kind, v):
        return Lit("uint" if kind == "u" else "int", v)

    def literal(self, t, exact=False, lo=None, hi=None):
        s = shape(t)
        if s[0] == "s":
            return self.scalar_literal(s[1], exact, lo, hi)
        if s[0] == "v":
            return Ctor(t, [self.scalar_literal(s[1], exact, lo, hi) for _ in range(s[2])])
        if s[0] == "m":
            return Ctor(t, [self.scalar_literal("f", exact, lo, hi)
                            for _ in range(s[1] * s[2])])
        if s[0] == "a":
            return Ctor(t, [self.literal(s[1], exact, lo, hi) for _ in range(s[2])])
        return Ctor(t, [self.literal(mt, exact, lo, hi) for _, mt in self.structs[t]])

    def scalar_literal(self, kind, exact=False, lo=None, hi=None):
        if kind == "b":
            return Lit("bool", self.chance(0.5))
        if kind in "iu":
            a = lo if lo is not None else (0 if kind == "u" else -8)
            b = hi if hi is not None else 16
            a, b = int(math.ceil(a)), int(math.floor(b))
            if kind == "u":
                a = max(a, 0)
            if a > b:
                return literal_for(KIND_SCALAR[kind], (a, a))
            if kind == "u" and hi is None and lo is None and self.chance(0.15):
                return Lit("uint", self.pick((747796405, 2891336453, 277803737, 0x9E3779B9,
                                              1664525, 0xFFFFFFF0, 1013904223)))
            return Lit(KIND_SCALAR[kind], self.rng.randint(a, b), hex_text=self.chance(0.1))
        a = lo if lo is not None else -4.0
        b = hi if hi is not None else 4.0
        if not exact and self.chance(0.3) and lo is None and hi is None:
            v = self.pick((0.3, 0.7, 0.1, 0.05, 1.7, 2.2, 3.14159, 6.2831853, 0.577, 1.414, 0.9,
                           10.0, 0.001, 12.9898, 78.233, 0.6180339))
            return Lit("float", v if self.chance(0.8) else -v)
        step = self.pick((1.0, 0.5, 0.25, 0.125, 1 / 16.0, 1 / 256.0))
        lo_k, hi_k = math.ceil(a / step), math.floor(b / step)
        if lo_k > hi_k:
            return Lit("float", a + 0.0)
        if lo is None and hi is None and self.chance(0.08):
            return Lit("float", self.pick((100.0, 255.0, 1000.0, 0.0, 1.0, 16.0, 20000.0)))
        return Lit("float", self.rng.randint(lo_k, hi_k) * step + 0.0)

    def make(self, t, depth, exact, lo, hi):
        """One random expression of type t (not checked yet)."""
        s = shape(t)
        if self.const_only and A.kind_of(t) == "b":
            return self.literal(t)
        if (depth <= 0 or self.chance(0.2)) and not (s == ("s", "b") and depth > 0):
            leaf = self.reads(t)
            if leaf and self.chance(0.85):
                return self.pick(leaf)
            if s[0] == "s" and s[1] == "f" and not self.const_only and self.chance(0.5):
                return self.input_float()
            return self.literal(t, exact, lo, hi)
        if s[0] == "s":
            return {"f": self.make_float, "i": self.make_int, "u": self.make_int,
                    "b": self.make_bool}[s[1]](t, depth, exact)
        if s[0] == "v":
            return {"f": self.make_vec, "i": self.make_ivec, "u": self.make_ivec,
                    "b": self.make_bvec}[s[1]](t, depth, exact)
        if s[0] == "m":
            return self.make_mat(t, depth)
        return self.make_aggregate(t, depth, exact)

    def input_float(self):
        """A float from main's inputs (exact: pixel centres and time)."""
        names = [n for n, _, _ in self.visible() if n in ("fragCoord", "outputSize", "time")]
        if not names:
            return None
        n = self.pick(names)
        if n == "time":
            return Var("float", n)
        return Swizzle("float", Var("vec2", n), self.pick("xy"))

    def sub(self, t, depth, exact=False, lo=None, hi=None):
        return self.gen(t, depth - 1, exact, lo, hi)

    # float scalars --

    def make_float(self, t, depth, exact):
        if self.const_only:
            return self.make_const_arith(t, depth)
        table = [(6, "arith"), (2, "neg"), (5 if not exact else 2, "unary"),
                 (4, "rounding"), (3, "binary_builtin"), (2, "vector_to_float"),
                 (2, "convert"), (2, "ternary"), (2, "call"), (2, "mixed"), (3, "read")]
        kind = self.weighted(table)
        return getattr(self, "float_" + kind)(t, depth, exact)

    def float_read(self, t, depth, exact):
        options = self.reads(t)
        return self.pick(options) if options else self.input_float()

    def float_arith(self, t, depth, exact):
        op = self.weighted([(3, "+"), (3, "-"), (4, "*"), (2, "/")])
        a = self.sub(t, depth, exact)
        if op == "/":
            if exact:
                b = Lit("float", self.pick((2.0, 4.0, 0.5, 8.0, -2.0, 16.0)))
            else:
                b = self.divisor(t, depth)
            return Binary(t, "/", a, b)
        b = self.sub(t, depth, exact)
        if op == "*" and self.chance(0.4):
            b = self.scalar_literal("f", exact)
        return Binary(t, op, a, b)

    def divisor(self, t, depth):
        """Something at least 1/4 from 0, as shaders write denominators."""
        c = self.rng.randrange(4)
        if c == 0:
            return Lit("float", self.pick((3.0, 255.0, 0.3, 1.5, 7.0, -2.5, 10.0, 0.75)))
        if c == 1:
            return Binary(t, "+", Lit("float", self.pick((1.0, 0.5, 0.25))),
                          Call(t, "abs", [self.sub(t, depth)]))
        if c == 2:
            return Binary(t, "+", Lit("float", 1.0),
                          Binary(t, "*", self.sub(t, depth), self.sub(t, depth)))
        return self.sub(t, depth, lo=0.25, hi=8.0)

    def float_neg(self, t, depth, exact):
        return Unary(t, "-", self.sub(t, depth, exact))

    def float_unary(self, t, depth, exact):
        name = self.pick(list(V.UNARY_DOMAIN))
        lo, hi = V.UNARY_DOMAIN[name]
        arg = self.sub(t, depth, lo=lo, hi=hi)
        return Call(t, name, [arg])

    def float_rounding(self, t, depth, exact):
        name = self.pick(("floor", "fract", "ceil", "trunc", "round", "roundEven", "sign",
                          "abs", "mod", "step", "modf"))
        a = self.sub(t, depth, True)
        if name == "round":
            v = self.val(a)
            top = max((c.fb for c in components(v) if c.exact), default=0) if v else 0
            if top >= 1 and top < 16 and self.chance(0.8):
                a = Binary(t, "+", a, Lit("float", 2.0 ** -(top + 1)))
        if name == "mod":
            b = Lit("float", self.pick((1.0, 0.5, 2.0, 0.75, 3.0, 0.375, 2.5, -1.5, 6.0)))
            if self.chance(0.3):
                b = self.sub(t, depth, True, lo=0.5, hi=8.0)
            return Call(t, "mod", [a, b])
        if name == "step":
            return Call(t, "step", [self.sub(t, depth, True), a])
        if name == "modf":
            name = "fract"              # (modf writes a variable: stmt_modf)
        return Call(t, name, [a])


    def float_binary_builtin(self, t, depth, exact):
        name = self.pick(("min", "max", "clamp", "mix", "smoothstep", "pow", "atan", "atan",
                          "distance_1"))
        if name == "pow":
            return Call(t, "pow", [self.sub(t, depth, lo=0.5, hi=4.0),
                                   self.sub(t, depth, lo=-2.0, hi=2.0)])
        if name == "atan":
            if self.chance(0.5):
                return Call(t, "atan", [self.sub(t, depth, lo=-64.0, hi=64.0),
                                        self.sub(t, depth, lo=0.25, hi=64.0)])
            return Call(t, "atan", [self.sub(t, depth, lo=0.25, hi=64.0),
                                    self.sub(t, depth, lo=-64.0, hi=64.0)])
        if name == "clamp":
            lo = self.pick((-1.0, 0.0, 0.25, -0.5))
            return Call(t, "clamp", [self.sub(t, depth, exact), Lit("float", lo),
                                     Lit("float", lo + self.pick((0.5, 1.0, 2.0)))])
        if name == "mix":
            return Call(t, "mix", [self.sub(t, depth), self.sub(t, depth),
                                   self.sub(t, depth, lo=-0.5, hi=1.5)])
        if name == "smoothstep":
            e0 = self.pick((0.0, -1.0, 0.25, 0.5))
            return Call(t, "smoothstep", [Lit("float", e0),
                                          Lit("float", e0 + self.pick((0.5, 1.0, 3.0))),
                                          self.sub(t, depth)])
        if name == "distance_1":
            return Call(t, "distance", [self.sub(t, depth), self.sub(t, depth)])
        return Call(t, name, [self.sub(t, depth, exact), self.sub(t, depth, exact)])

    def float_vector_to_float(self, t, depth, exact):
        n = self.rng.randint(2, 4)
        vt = vec_type("f", n)
        c = self.rng.randrange(5)
        if c == 0:
            return Call(t, "length", [self.sub(vt, depth)])
        if c == 1:
            return Call(t, "distance", [self.sub(vt, depth), self.sub(vt, depth)])
        if c == 2:
            return Call(t, "dot", [self.sub(vt, depth, exact), self.sub(vt, depth, exact)])
        if c == 3:
            mt = mat_type(n, n)
            return Call(t, "determinant", [self.sub(mt, depth)])
        return Swizzle(t, self.sub(vt, depth, exact), self.pick("xyzw"[:n]))

    def float_convert(self, t, depth, exact):
        src = self.weighted([(4, "int"), (1, "uint"), (1, "bool")])
        lo, hi = (None, None) if src == "bool" else (-1000 if src == "int" else 0, 1000)
        return Ctor(t, [self.sub(src, depth, lo=lo, hi=hi)])

    def float_ternary(self, t, depth, exact):
        return Cond(t, self.sub("bool", depth), self.sub(t, depth, exact),
                    self.sub(t, depth, exact))

    def float_mixed(self, t, depth, exact):
        # implicit int -> float: an int operand (or an int-looking literal)
        a = self.sub(t, depth, exact)
        if self.chance(0.5):
            b = Lit("float", float(self.rng.randint(1, 9)), int_text=True)
        else:
            b = self.sub("int", depth, lo=-64, hi=64)
        op = self.pick(("+", "-", "*"))
        return Binary(t, op, b, a) if self.chance(0.5) else Binary(t, op, a, b)

    def float_call(self, t, depth, exact):
        return self.call_pure(t, depth)

    def make_const_arith(self, t, depth):
        op = self.pick(("+", "-", "*", "read", "neg"))
        if op == "read":
            options = self.reads(t)
            return self.pick(options) if options else self.literal(t)
        if op == "neg":
            return Unary(t, "-", self.sub(t, depth))
        b = self.sub(t, depth) if shape(t)[0] != "m" else self.sub("float", depth)
        return Binary(t, op, self.sub(t, depth), b)

    # calls of the program's own functions --

    def call_pure(self, t, depth):
        options = [fn for fn in self.functions if fn.pure and fn.f.ret == t
                   and self.fn is not fn.f]
        if not options:
            return None
        fn = self.pick(options)
        args = [self.gen(pt, depth - 1, env=env) for (_, pt, _), env in zip(fn.f.params, fn.envs)]
        return Call(t, fn.f.name, args)

    # ints --

    def make_int(self, t, depth, exact):
        kind = shape(t)[1]
        if self.const_only:
            return self.make_const_arith(t, depth)
        table = [(5, "arith"), (3, "bits"), (2, "convert"), (2, "builtin"), (1, "ternary"),
                 (1, "length"), (3, "read"), (1, "call"), (1, "unary")]
        choice = self.weighted(table)
        if choice == "read":
            options = self.reads(t)
            return self.pick(options) if options else None
        if choice == "arith":
            op = self.weighted([(3, "+"), (3, "-"), (2, "*"), (1, "/"), (2, "%")])
            if op == "%":
                return Binary(t, "%", self.sub(t, depth, lo=0), self.sub(t, depth, lo=1, hi=9))
            if op == "/":
                return Binary(t, "/", self.sub(t, depth),
                              self.sub(t, depth, lo=1, hi=9) if kind == "u" or self.chance(0.6)
                              else self.sub(t, depth, lo=-9, hi=-1))
            return Binary(t, op, self.sub(t, depth), self.sub(t, depth))
        if choice == "bits":
            op = self.pick(("&", "|", "^", "<<", ">>"))
            if op in ("<<", ">>"):
                count_t = t if self.chance(0.5) else ("int" if kind == "i" else "uint")
                return Binary(t, op, self.sub(t, depth), self.sub(count_t, depth, lo=0, hi=31))
            return Binary(t, op, self.sub(t, depth), self.sub(t, depth))
        if choice == "unary":
            return Unary(t, "~" if kind == "u" or self.chance(0.5) else "-", self.sub(t, depth))
        if choice == "convert":
            src = self.weighted([(4, "float"), (2, "uint" if kind == "i" else "int"),
                                 (1, "bool")])
            lo = 0.0 if (src == "float" and kind == "u") else None
            return Ctor(t, [self.sub(src, depth, exact=True, lo=lo,
                                     hi=30000.0 if src == "float" else None)])
        if choice == "builtin":
            name = self.pick(("abs", "sign", "min", "max", "clamp") if kind == "i"
                             else ("min", "max", "clamp"))
            if name in ("abs", "sign"):
                return Call(t, name, [self.sub(t, depth, lo=-100000, hi=100000)])
            if name == "clamp":
                a = self.rng.randint(0, 4)
                return Call(t, "clamp", [self.sub(t, depth), self.int_lit(kind, a),
                                         self.int_lit(kind, a + self.rng.randint(1, 20))])
            return Call(t, name, [self.sub(t, depth), self.sub(t, depth)])
        if choice == "ternary":
            return Cond(t, self.sub("bool", depth), self.sub(t, depth), self.sub(t, depth))
        if choice == "length":
            arrays = [Var(vt, n) for n, vt, v in self.visible()
                      if shape(vt)[0] == "a" and A.defined(v)]
            if not arrays or kind != "i":
                return None
            return Length(self.pick(arrays))
        return self.call_pure(t, depth)

    # bools --

    def make_bool(self, t, depth, exact):
        c = self.weighted([(5, "compare"), (3, "logic"), (1, "not"), (1, "anyall"),
                           (1, "vector_equal"), (2, "read"), (1, "convert"), (1, "call")])
        if c == "read":
            options = self.reads(t)
            return self.pick(options) if options else None
        if c == "compare":
            ot = self.weighted([(3, "int"), (3, "float"), (1, "uint")])
            op = self.pick(("<", ">", "<=", ">=", "==", "!="))
            return Binary(t, op, self.sub(ot, depth, True), self.sub(ot, depth, True))
        if c == "logic":
            return Binary(t, self.pick(("&&", "||", "^^", "==", "!=")), self.sub(t, depth),
                          self.sub(t, depth))
        if c == "not":
            return Unary(t, "!", self.sub(t, depth))
        if c == "anyall":
            n = self.rng.randint(2, 4)
            return Call(t, self.pick(("any", "all")), [self.sub(vec_type("b", n), depth)])
        if c == "vector_equal":
            vt = self.pick(("vec2", "vec3", "ivec2", "ivec3", "uvec2", "bvec2"))
            return Binary(t, self.pick(("==", "!=")), self.sub(vt, depth, True),
                          self.sub(vt, depth, True))
        if c == "convert":
            return Ctor(t, [self.sub(self.pick(("int", "uint", "float")), depth, True)])
        return self.call_pure(t, depth)

    # vectors --

    def make_vec(self, t, depth, exact):
        if self.const_only:
            if self.chance(0.5):
                return self.construct_vec(t, depth, exact)
            return self.make_const_arith(t, depth)
        n = width(t)
        table = [(5, "construct"), (4, "arith"), (3, "builtin"), (2, "geometry"),
                 (1, "matrix"), (1, "convert"), (1, "ternary"), (2, "swizzle"), (1, "call"),
                 (3, "read")]
        c = self.weighted(table)
        if c == "read":
            options = self.reads(t)
            return self.pick(options) if options else None
        if c == "construct":
            return self.construct_vec(t, depth, exact)
        if c == "arith":
            op = self.weighted([(3, "+"), (3, "-"), (3, "*"), (1, "/")])
            a = self.sub(t, depth, exact)
            if op == "/":
                return Binary(t, "/", a, self.divisor("float", depth) if self.chance(0.6)
                              else self.sub(t, depth, lo=0.25, hi=4.0))
            if self.chance(0.3):
                b = self.sub("float", depth, exact)
                return Binary(t, op, b, a) if self.chance(0.5) else Binary(t, op, a, b)
            return Binary(t, op, a, self.sub(t, depth, exact))
        if c == "builtin":
            name = self.pick(("unary", "min", "max", "clamp", "mix", "step", "smoothstep",
                              "floor", "fract", "abs", "mod", "pow", "mix_bool", "sign"))
            if name == "unary":
                fname = self.pick(list(V.UNARY_DOMAIN))
                lo, hi = V.UNARY_DOMAIN[fname]
                return Call(t, fname, [self.sub(t, depth, lo=lo, hi=hi)])
            if name in ("floor", "fract", "abs", "sign"):
                return Call(t, name, [self.sub(t, depth, True)])
            if name == "mod":
                return Call(t, "mod", [self.sub(t, depth, True),
                                       Lit("float", self.pick((1.0, 0.5, 0.75, 2.0)))])
            if name == "pow":
                return Call(t, "pow", [self.sub(t, depth, lo=0.5, hi=4.0),
                                       self.sub(t, depth, lo=-2.0, hi=2.0)])
            if name == "clamp":
                return Call(t, "clamp", [self.sub(t, depth, exact), Lit("float", 0.0),
                                         Lit("float", 1.0)])
            if name == "mix":
                third = self.sub("float" if self.chance(0.5) else t, depth, lo=0.0, hi=1.0)
                return Call(t, "mix", [self.sub(t, depth), self.sub(t, depth), third])
            if name == "mix_bool":
                return Call(t, "mix", [self.sub(t, depth), self.sub(t, depth),
                                       self.sub(vec_type("b", n), depth)])
            if name == "step":
                edge = self.sub("float" if self.chance(0.5) else t, depth, True)
                return Call(t, "step", [edge, self.sub(t, depth, True)])
            if name == "smoothstep":
                return Call(t, "smoothstep", [Lit("float", 0.0), Lit("float", 1.0),
                                              self.sub(t, depth)])
            return Call(t, name, [self.sub(t, depth, exact), self.sub(t, depth, exact)])
        if c == "geometry":
            name = self.pick(("normalize", "reflect", "refract", "faceforward", "cross"))
            if name == "cross":
                if n != 3:
                    return None
                return Call(t, "cross", [self.sub(t, depth), self.sub(t, depth)])
            if name == "normalize":
                return Call(t, "normalize", [self.away_from_zero(t, depth)])
            if name == "reflect":
                return Call(t, "reflect", [self.sub(t, depth, lo=-2.0, hi=2.0),
                                           self.sub(t, depth, lo=-1.0, hi=1.0)])
            if name == "refract":
                return Call(t, "refract", [self.sub(t, depth, lo=-0.5, hi=0.5),
                                           self.sub(t, depth, lo=-0.5, hi=0.5),
                                           self.sub("float", depth, lo=0.25, hi=0.85)])
            return Call(t, "faceforward", [self.sub(t, depth), self.sub(t, depth, True),
                                           self.sub(t, depth, True)])
        if c == "matrix":
            mt = mat_type(n, n)
            if self.chance(0.5):
                return Binary(t, "*", self.sub(mt, depth), self.sub(t, depth))
            return Binary(t, "*", self.sub(t, depth), self.sub(mt, depth))
        if c == "convert":
            src = vec_type(self.pick("iub"), n)
            return Ctor(t, [self.sub(src, depth, lo=-1000 if src[0] == "i" else None,
                                     hi=1000 if src[0] in "iu" else None)])
        if c == "ternary":
            return Cond(t, self.sub("bool", depth), self.sub(t, depth, exact),
                        self.sub(t, depth, exact))
        if c == "swizzle":
            m = self.rng.randint(max(n, 2), 4)
            comps = "".join(self.pick("xyzw"[:m]) for _ in range(n))
            return Swizzle(t, self.sub(vec_type("f", m), depth, exact), comps)
        return self.call_pure(t, depth)

    def away_from_zero(self, t, depth):
        """A vector whose length is at least 1/2: one component is."""
        n = width(t)
        parts = [self.sub("float", depth, lo=-4.0, hi=4.0) for _ in range(n - 1)]
        parts.insert(self.rng.randrange(n), self.sub("float", depth, lo=0.5, hi=4.0))
        return Ctor(t, parts)

    def construct_vec(self, t, depth, exact):
        s = shape(t)
        n, kind = s[2], s[1]
        scalar = KIND_SCALAR[kind]
        if self.chance(0.2):
            return Ctor(t, [self.sub(scalar, depth, exact)])
        parts, left = [], n
        while left:
            k = self.rng.randint(1, left) if self.chance(0.4) else 1
            if k == 1:
                parts.append(self.sub(scalar, depth, exact))
            else:
                parts.append(self.sub(vec_type(kind, k), depth, exact))
            left -= k
        return Ctor(t, parts)

    def make_ivec(self, t, depth, exact):
        s = shape(t)
        n, kind = s[2], s[1]
        if self.const_only:
            return self.construct_vec(t, depth, exact)
        c = self.weighted([(4, "construct"), (3, "arith"), (1, "convert"), (1, "builtin"),
                           (2, "read"), (1, "swizzle"), (1, "ternary")])
        if c == "read":
            options = self.reads(t)
            return self.pick(options) if options else None
        if c == "construct":
            return self.construct_vec(t, depth, exact)
        if c == "arith":
            op = self.pick(("+", "-", "*", "&", "|", "^", "%", ">>", "<<", "/"))
            a = self.sub(t, depth)
            if op == "%":
                return Binary(t, "%", self.sub(t, depth, lo=0), self.sub(t, depth, lo=1, hi=9))
            if op == "/":
                return Binary(t, "/", a, self.sub(t, depth, lo=1, hi=9))
            if op in ("<<", ">>"):
                return Binary(t, op, a, self.sub(t if self.chance(0.5) else KIND_SCALAR[kind],
                                                 depth, lo=0, hi=31))
            if self.chance(0.3):
                return Binary(t, op, a, self.sub(KIND_SCALAR[kind], depth))
            return Binary(t, op, a, self.sub(t, depth))
        if c == "convert":
            src = self.pick((vec_type("f", n), vec_type("b", n),
                             vec_type("u" if kind == "i" else "i", n)))
            exact_ = src.startswith("vec")
            return Ctor(t, [self.sub(src, depth, exact_,
                                     lo=0.0 if kind == "u" and exact_ else None,
                                     hi=30000.0 if exact_ else None)])
        if c == "builtin":
            name = self.pick(("min", "max", "clamp", "abs") if kind == "i" else ("min", "max"))
            if name == "abs":
                return Call(t, "abs", [self.sub(t, depth, lo=-100000, hi=100000)])
            if name == "clamp":
                return Call(t, "clamp", [self.sub(t, depth), self.int_lit(kind, 0),
                                         self.int_lit(kind, self.rng.randint(1, 30))])
            return Call(t, name, [self.sub(t, depth), self.sub(t, depth)])
        if c == "swizzle":
            m = self.rng.randint(max(n, 2), 4)
            comps = "".join(self.pick("xyzw"[:m]) for _ in range(n))
            return Swizzle(t, self.sub(vec_type(kind, m), depth), comps)
        return Cond(t, self.sub("bool", depth), self.sub(t, depth), self.sub(t, depth))

    def make_bvec(self, t, depth, exact):
        n = width(t)
        if self.const_only:
            return self.construct_vec(t, depth, exact)
        c = self.weighted([(3, "relation"), (2, "construct"), (1, "not"), (1, "read"),
                           (1, "convert")])
        if c == "relation":
            vt = vec_type(self.pick("fiiu"), n)
            name = self.pick(("lessThan", "lessThanEqual", "greaterThan", "greaterThanEqual",
                              "equal", "notEqual"))
            return Call(t, name, [self.sub(vt, depth, True), self.sub(vt, depth, True)])
        if c == "not":
            return Call(t, "not", [self.sub(t, depth)])
        if c == "read":
            options = self.reads(t)
            return self.pick(options) if options else None
        if c == "convert":
            return Ctor(t, [self.sub(vec_type(self.pick("fi"), n), depth, True)])
        return self.construct_vec(t, depth, exact)

    # matrices --

    def make_mat(self, t, depth):
        s = shape(t)
        n = s[1]
        vt = vec_type("f", n)
        if self.const_only:
            return Ctor(t, [self.sub("float", depth) for _ in range(n * n)])
        c = self.weighted([(3, "construct"), (2, "arith"), (1, "builtin"), (2, "read"),
                           (1, "inverse"), (1, "ternary")])
        if c == "read":
            options = self.reads(t)
            return self.pick(options) if options else None
        if c == "construct":
            form = self.rng.randrange(4)
            if form == 0:
                return Ctor(t, [self.sub("float", depth, lo=-2.0, hi=2.0)])
            if form == 1:
                return Ctor(t, [self.sub(vt, depth, lo=-2.0, hi=2.0) for _ in range(n)])
            if form == 2:
                other = mat_type(self.pick([k for k in (2, 3, 4) if k != n]),
                                 self.pick([k for k in (2, 3, 4) if k != n]))
                other = mat_type(int(other[3]), int(other[3]))
                return Ctor(t, [self.sub(other, depth)])
            return Ctor(t, [self.sub("float", depth, lo=-2.0, hi=2.0) for _ in range(n * n)])
        if c == "arith":
            op = self.pick(("+", "-", "*", "*s", "/s", "neg"))
            if op == "neg":
                return Unary(t, "-", self.sub(t, depth))
            if op == "*s":
                return Binary(t, "*", self.sub("float", depth, lo=-2.0, hi=2.0),
                              self.sub(t, depth))
            if op == "/s":
                return Binary(t, "/", self.sub(t, depth), self.divisor("float", depth))
            return Binary(t, op, self.sub(t, depth), self.sub(t, depth))
        if c == "builtin":
            name = self.pick(("matrixCompMult", "outerProduct", "transpose"))
            if name == "matrixCompMult":
                return Call(t, name, [self.sub(t, depth), self.sub(t, depth)])
            if name == "outerProduct":
                return Call(t, name, [self.sub(vt, depth, lo=-2.0, hi=2.0),
                                      self.sub(vt, depth, lo=-2.0, hi=2.0)])
            return Call(t, name, [self.sub(t, depth)])
        if c == "inverse":
            # diagonally dominant: its determinant stays away from 0
            entries = []
            for col in range(n):
                for row in range(n):
                    if col == row:
                        entries.append(self.sub("float", depth, lo=1.0, hi=2.0))
                    else:
                        entries.append(self.sub("float", depth, lo=-0.125, hi=0.125))
            return Call(t, "inverse", [Ctor(t, entries)])
        return Cond(t, self.sub("bool", depth), self.sub(t, depth), self.sub(t, depth))

    # structs and arrays --

    def make_aggregate(self, t, depth, exact):
        s = shape(t)
        options = self.reads(t)
        if options and self.chance(0.4):
            return self.pick(options)
        if not self.const_only and self.chance(0.2):
            call = self.call_pure(t, depth)
            if call is not None:
                return call
        if s[0] == "a":
            return Ctor(t, [self.sub(s[1], depth, exact) for _ in range(s[2])])
        return Ctor(t, [self.sub(mt, depth, exact) for _, mt in self.structs[t]])
