"""Random valid shaders for differential testing: `generate(seed, k)`.

Program k of a seed is made from its own random stream (seeded with
"seed:k"), so the same seed gives the same programs and one of them can
be made again alone. A program is the LightPlayer entry
`vec4 main(vec2 fragCoord, vec2 outputSize, float time)` with, around it,
structs, const and mutable globals and helper functions (in, const in,
out and inout parameters, overloads, some defined after main, some with
a prototype). Statements: declarations (initialised, or set part by part
later), assignments with every operator, to components, swizzles,
members and elements, ++/--, if/else, for (one or two counters, up or
down, int or float), while, do-while, while (true) with break, break and
continue, switch with fall-through and default, discard, early returns,
bare blocks that shadow a name. Expressions: every type lumajit has
(float int uint bool, vec/ivec/uvec/bvec 2-4, mat2-4, structs, arrays),
every operator, ?:, constructors and conversions, implicit int -> float,
swizzles, dynamic indices, .length(), and the builtins (BUILTINS below).

Every program is valid GLSL and keeps clear of Q16.16's limits *by
construction*: host/fuzz_ast.py evaluates it over intervals with error
bounds (host/fuzz_values.py) for every pixel and time at once, and every
precondition is checked there: values stay well inside +-32768, each
builtin's argument inside the domain where its error is small (sin of
|x| <= 64, log of x >= 1/4, pow of x in [1/2, 4]...), divisors at least
1/4 from 0, loops with trip counts the analysis can count, indices in
range, nothing read before it is set. Operations that are not continuous
(comparisons, floor, fract, step, mod, int(x), ...) only see *exact*
values (dyadic, the same bits on both sides: pixel centres, time,
literals like 0.375, and what + - * and rounding make of them), so both
sides always take the same branch. Arguments are aimed into domains with
the wrappers an artist would write (clamp, 0.5 + abs(x), sin, fract),
and whatever still fails the check is replaced by a literal.

The oracle (host/fuzz_diff.py) renders SIZE at TIMES: main's result has
every channel within OUTPUT_ERR (1/255) of Mesa's float32 by the bounds,
so the comparison allows 2/255 per channel (host/compare.py's WITHIN) and
no exception: one channel beyond it is a compiler bug (or a bound the
model gets wrong, which the long runs would show).
"""

import math
import random

from host import fuzz_values as V
from host.fuzz_ast import (
    KIND_SCALAR, Assign, Binary, Block, Call, Ctor, Decl, ExprStmt, Field, FuncDef, Frame, If,
    Index, Invalid, Jump, Length, Lit, Loop, Nested, Node, Prototype, State, Step, StructDef,
    Swizzle, Switch, TooCostly, Var, literal_for, mat_type, shape, vec_type)
from host import fuzz_ast as A
from host.fuzz_gen_expr import Expressions, fits, flatten

SIZE = (4, 4)
TIMES = (0.5, 1.75)

# The builtins programs call (the coverage test counts them).
BUILTINS = A.BUILTINS


def inputs():
    """What main's parameters can be: pixel centres of SIZE, TIMES."""
    w, h = float(SIZE[0]), float(SIZE[1])
    return [(V.exact(0.5, w - 0.5, 1), V.exact(0.5, h - 0.5, 1)),
            (V.exact(w, w, 0), V.exact(h, h, 0)),
            V.exact(min(TIMES), max(TIMES), 2)]


MAIN_PARAMS = [("", "vec2", "fragCoord"), ("", "vec2", "outputSize"), ("", "float", "time")]


# ---- finding and replacing nodes ------------------------------------------------------------

def find_parent(roots, node):
    """(parent, index in parent.kids) of `node` under `roots`, or None."""
    stack = list(roots)
    while stack:
        parent = stack.pop()
        kids = parent.kids
        for i, k in enumerate(kids):
            if k is node:
                return parent, i
            stack.append(k)
    return None


def repair(roots, e, structs):
    """Mend the tree under `roots` after Invalid `e`: an expression becomes
    a literal in e.want; a statement (or an assignment that cannot stand
    alone) is removed from its block. False if it cannot be mended."""
    node = e.node
    if node is None:
        return False
    if isinstance(node, (Assign, Step)) or (isinstance(node, Call) and node.ty == "void"):
        found = find_parent(roots, node)
        if found is None or not isinstance(found[0], ExprStmt):
            return _replace_expr(roots, node, e, structs)
        node = found[0]
    if isinstance(node, Node):
        return _replace_expr(roots, node, e, structs)
    found = find_parent(roots, node)
    if found is None or not isinstance(found[0], Block):
        return False
    del found[0].kids[found[1]]
    return True


def _replace_expr(roots, node, e, structs):
    found = find_parent(roots, node)
    if found is None or node.ty == "void" or \
            isinstance(found[0], (Assign, Step)) and found[1] == 0:
        return False
    parent, i = found
    if isinstance(parent, Call) and parent.name == "modf" and i == 1:
        return False                      # modf's out argument
    if isinstance(node, Lit) and e.want is None:
        return False                      # a literal already: the parent is at fault
    parent.kids[i] = literal_for(node.ty, e.want, structs)
    return True


# ---- the generator -------------------------------------------------------------------------

class Function:
    """What the generator knows of a function it made: its envelopes (what
    arguments it was checked for) and whether it has effects (out or inout
    parameters, global writes) that keep it out of expressions."""

    def __init__(self, f, envs, pure):
        self.f = f
        self.envs = envs
        self.pure = pure

class Generator(Expressions):
    """Programs: the statement half, functions, globals, main."""

    # -- statements --

    def try_exec(self, stmt):
        """Run the new statement from the current state, mending what fails
        inside it; the state after it, or False if it cannot stand."""
        for _ in range(30):
            self.m.steps = 0
            try:
                return stmt.exec(self.m, self.st.copy())
            except Invalid as e:
                if not repair([stmt], e, self.structs):
                    return False
            except (TooCostly, RecursionError):
                return False
        return False

    def block(self, count, frame=None, fill=None, tail=None):
        """A Block of about `count` statements generated in a new scope (with
        `frame` on the machine: a loop or switch being generated), after
        `fill` and before what `tail()` makes (in the block's scope)."""
        body = Block([])
        self.st.scopes.append({})
        if frame is not None:
            self.m.frames.append(frame)
        for stmt in fill or ():
            self.append(body, stmt)
        for _ in range(count):
            if self.st is None:
                break
            for stmt in self.statements():
                if self.st is None:
                    break
                self.append(body, stmt)
        if tail is not None and self.st is not None:
            self.append(body, tail())
        if tail is not None and not any(isinstance(s, Jump) and s.word == "return"
                                        for s in body.kids):
            # GLSL wants a return in a function with a result, even if no
            # path reaches it (every one discarded or returned earlier).
            ret = self.fn.ret
            body.kids.append(Jump("return", literal_for(ret, None, self.structs)))
        if frame is not None:
            self.m.frames.remove(frame)
        if self.st is not None:
            self.st.scopes.pop()
        return body

    def append(self, body, stmt):
        after = self.try_exec(stmt)
        if after is not False:
            body.kids.append(stmt)
            self.st = after

    def statements(self):
        """One or two new statements (a loop may need its counter first)."""
        entry = self.st.copy()
        saved = (self.loops, self.trips)
        try:
            return self._statements()
        finally:
            self.st = entry
            self.loops, self.trips = saved

    def _statements(self):
        deep = self.loops >= 2 or len(self.st.scopes) > 7
        table = [(6, "declare"), (6, "assign"), (1, "step"), (3 if not deep else 0, "if"),
                 (3 if not deep and self.trips <= 8 else 0, "loop"),
                 (1 if not deep else 0, "switch"), (4, "call"), (1, "fill"),
                 (1 if not deep else 0, "nested"), (0.5, "modf"),
                 (1 if self.loops and not self.in_switch else 0, "jump"),
                 (0.3 if self.fn is not None and self.fn.name == "main" else 0, "discard"),
                 (0.3 if self.fn is not None else 0, "return")]
        kind = self.weighted(table)
        out = getattr(self, "stmt_" + kind)()
        return [s for s in out if s is not None] if isinstance(out, list) else \
            ([out] if out is not None else [])

    def stmt_declare(self):
        t = self.value_type()
        name = self.name(self.prefix(t))
        if self.chance(0.1) and shape(t)[0] in "sv":
            self.const_only = True
            init = self.gen(t, 2)
            self.const_only = False
            self.readonly.add(name)
            self.const_locals.add(name)
            return Decl(t, name, init, const=True)
        return Decl(t, name, self.gen(t, 3), array_after_type=self.chance(0.3))

    def prefix(self, t):
        s = shape(t)
        return {"s": "s", "v": "v", "m": "m", "a": "a", "t": "t"}[s[0]] + \
            (s[1] if s[0] in "sv" else "")

    def writable(self, t=None):
        """Lvalues in scope (of type t, or any): variables, components,
        swizzles with distinct letters, members, elements."""
        out = []
        inputs = self.chance(0.1)     # main's parameters, now and then: they carry the pixel
        for name, vt, value in self.visible():
            if name in self.readonly or name in self.const_globals:
                continue
            if name in ("fragCoord", "outputSize", "time") and not inputs:
                continue
            self._lvalues(Var(vt, name), vt, value, out, 2)
        return [lv for lv, lt, v in out if t is None or lt == t], out

    def _lvalues(self, node, vt, value, out, depth):
        out.append((node, vt, value))
        if depth == 0:
            return
        s = shape(vt)
        if s[0] == "v":
            k = self.rng.randint(1, s[2])
            comps = "".join(self.rng.sample("xyzw"[:s[2]], k))
            out.append((Swizzle(vec_type(s[1], k), node, comps), vec_type(s[1], k), None))
        elif s[0] == "m":
            c = self.rng.randrange(s[1])
            out.append((Index(vec_type("f", s[2]), node, Lit("int", c)), vec_type("f", s[2]),
                        None))
            out.append((Index("float", Index(vec_type("f", s[2]), node, Lit("int", c)),
                              Lit("int", self.rng.randrange(s[2]))), "float", None))
        elif s[0] == "t":
            for i, (mname, mt) in enumerate(self.structs[vt]):
                self._lvalues(Field(mt, node, mname), mt, value[i] if value else None, out,
                              depth - 1)
        elif s[0] == "a":
            self._lvalues(Index(s[1], node, self.index(s[2])), s[1], None, out, depth - 1)

    def stmt_assign(self):
        _, lvalues = self.writable()
        if not lvalues:
            return self.stmt_declare()
        lv, t, value = self.pick(lvalues)
        s = shape(t)
        kind = A.kind_of(t)
        ops = ["="]
        current = self.val(lv)
        if current is not None and kind in ("f", "i", "u"):
            ops += ["+=", "-=", "*="] * 2
            if kind == "f":
                ops += ["/="]
            else:
                ops += ["/=", "&=", "|=", "^=", "<<=", ">>=", "%="]
        op = self.pick(ops)
        if op == "=":
            return ExprStmt(Assign(t, "=", lv, self.gen(t, 3)))
        if op == "/=":
            rhs = self.gen(t if s[0] != "m" else "float", 2, lo=0.25 if kind == "f" else 1,
                           hi=4.0 if kind == "f" else 9)
        elif op in ("<<=", ">>="):
            rhs = self.gen(t, 1, lo=0, hi=31)
        elif op == "%=":
            rhs = self.gen(t, 1, lo=1, hi=9)
        elif op == "*=" and s[0] == "v" and kind == "f" and self.chance(0.3):
            rhs = self.gen(mat_type(s[2], s[2]), 2)
        elif op == "*=" and kind == "f":
            rhs = self.gen("float", 2, lo=-2.0, hi=2.0)
        elif s[0] in "vm" and self.chance(0.4):
            rhs = self.gen("float" if kind == "f" else KIND_SCALAR[kind], 2)
        else:
            rhs = self.gen(t, 2)
        return ExprStmt(Assign(t, op, lv, rhs))

    def stmt_step(self):
        options = [lv for lv, t, _ in self.writable()[1]
                   if t in ("int", "float", "uint") or (shape(t)[0] == "v" and t[0] != "b")]
        if not options:
            return None
        lv = self.pick(options)
        return ExprStmt(A.Step(lv.ty, self.pick(("++", "--")), lv, self.chance(0.5)))

    def condition(self, depth=2, must_vary=False):
        """A bool, one that varies (with the pixel or the time) if one can
        be found: a constant condition leaves code never run. None if
        `must_vary` and none was found (a constant break or discard would
        cut off what follows)."""
        for _ in range(6):
            c = self.gen("bool", depth)
            v = self.val(c)
            if v is not None and v.lo != v.hi:
                return c
        return None if must_vary else c

    def stmt_if(self):
        c = self.condition(3)
        entry = self.st.copy()
        then = self.block(self.rng.randint(1, 3))
        if self.chance(0.5):
            self.st = entry.copy()
            otherwise = self.block(self.rng.randint(1, 3))
            if self.chance(0.3) and not otherwise.kids:
                otherwise = None
            self.st = entry
            return If(c, then, otherwise)
        self.st = entry
        return If(c, then)

    def stmt_modf(self):
        """T f = modf(x, whole): whole, a variable x does not read (GLSL
        does not say whether x is read before whole is written)."""
        t = self.pick(("float", "vec2", "vec3", "vec4"))
        targets = [lv for lv in self.writable(t)[0] if isinstance(lv, Var)]
        if not targets:
            return None
        target = self.pick(targets)
        x = self.gen(t, 2, exact=True)
        if target.name in names_read(x):
            return None
        return Decl(t, self.name(self.prefix(t)), Call(t, "modf", [x, target]))

    def stmt_nested(self):
        # a bare block, shadowing a name from outside
        # (not a const: const expressions must not read a shadowing variable)
        shadow = [(n, t) for n, t, v in self.visible() if n not in ("fragCoord", "outputSize",
                                                                     "time")
                  and n not in self.const_globals and n not in self.const_locals
                  and n not in self.readonly]      # (loop counters: see fuzz_ast's Mesa note)
        fill = []
        if shadow and self.chance(0.7):
            n, t = self.pick(shadow)
            if shape(t)[0] in "sv":
                fill.append(Decl(t, n, self.gen(t, 2)))
        return Nested(self.block(self.rng.randint(1, 3), fill=fill))

    def stmt_jump(self):
        c = self.condition(must_vary=True)
        if c is None:
            return None
        word = self.pick(("break", "continue"))
        return If(c, Block([Jump(word)]))

    def stmt_discard(self):
        c = self.condition(must_vary=True)
        return If(c, Block([Jump("discard")])) if c is not None else None

    def stmt_return(self):
        ret = self.fn.ret
        if ret == "void":
            c = self.condition(must_vary=True)
            return If(c, Block([Jump("return")])) if c is not None else None
        if self.fn.name == "main":
            value = self.observe()
        else:
            value = self.gen(ret, 2)
        c = self.condition(must_vary=True)
        return If(c, Block([Jump("return", value)])) if c is not None else None

    def stmt_loop(self):
        form = self.weighted([(5, "for"), (2, "while"), (2, "do"), (1, "converge"),
                              (1, "for2"), (1, "forfloat"), (1, "whiletrue")])
        trips = self.rng.randint(1, 5)
        if self.trips * trips > 24:
            trips = 1
        counter = self.name("i")
        pre = []
        if form in ("for", "for2"):
            start = self.rng.randint(-2, 3)
            down = form == "for" and self.chance(0.3)
            if down:
                init = [Decl("int", counter, Lit("int", start + trips))]
                cond = Binary("bool", ">", Var("int", counter), Lit("int", start))
                steps = [Step("int", "--", Var("int", counter), self.chance(0.5))]
            else:
                init = [Decl("int", counter, Lit("int", start))]
                if self.chance(0.3):         # a trip count that varies
                    cond = Binary("bool", "<", Var("int", counter),
                                  self.gen("int", 1, lo=start, hi=start + trips))
                elif self.chance(0.5):
                    cond = Binary("bool", "<", Var("int", counter), Lit("int", start + trips))
                else:
                    cond = Binary("bool", "<=", Var("int", counter),
                                  Lit("int", start + trips - 1))
                steps = [Step("int", "++", Var("int", counter), self.chance(0.5))
                         if self.chance(0.7) else
                         Assign("int", "+=", Var("int", counter), Lit("int", 1))]
            if form == "for2":
                other = self.name("j")
                init.append(Decl("int", other, Lit("int", start + 2 * trips)))
                cond = Binary("bool", "<", Var("int", counter), Var("int", other))
                steps.append(Step("int", "--", Var("int", other), False))
                self.readonly.add(other)
            loop = Loop("for", init, cond, steps, None)
        elif form == "forfloat":
            init = [Decl("float", counter, Lit("float", 0.0))]
            cond = Binary("bool", "<", Var("float", counter), Lit("float", float(trips)))
            steps = [Assign("float", "+=", Var("float", counter), Lit("float", 1.0))]
            loop = Loop("for", init, cond, steps, None)
        elif form == "converge":
            x = self.name("s")
            start = self.gen("float", 2, exact=True, lo=0.0, hi=float(2 ** trips))
            pre.append(Decl("float", x, start))
            counter = x
            cond = Binary("bool", ">=", Var("float", x), Lit("float", 1.0))
            loop = Loop("while", [], cond, [], None)
            first = ExprStmt(Assign("float", "*=", Var("float", x), Lit("float", 0.5)))
        else:
            pre.append(Decl("int", counter, Lit("int", 0)))
            if form == "whiletrue":
                cond = Lit("bool", True)
            else:
                cond = Binary("bool", "<", Var("int", counter), Lit("int", trips))
            loop = Loop("while" if form != "do" else "do", [], cond, [], None)
            first = ExprStmt(Step("int", "++", Var("int", counter), self.chance(0.5)))
        # the counter's declaration runs before the body is generated
        entry = self.st.copy()
        readonly = set(self.readonly)
        for d in pre:
            after = self.try_exec(d)
            if after is False:
                return None
            self.st = after
        self.st.scopes.append({})
        for d in (loop.kids[:len(loop.init)] if loop.init else []):
            after = self.try_exec(d)
            if after is False:
                self.st = entry
                return None
            self.st = after
        self.readonly.add(counter)
        self.loops += 1
        self.trips *= max(trips, 1)
        fill = []
        if form in ("while", "do", "converge"):
            fill.append(first)
        elif form == "whiletrue":
            fill.append(If(Binary("bool", ">=", Var("int", counter), Lit("int", trips)),
                           Block([Jump("break")])))
            fill.append(ExprStmt(Step("int", "++", Var("int", counter), False)))
        body = self.block(self.rng.randint(1, 3), Frame("loop", len(self.st.scopes)), fill)
        loop.kids[-1] = body
        self.st = entry
        self.readonly = readonly
        return pre + [loop]

    def stmt_switch(self):
        sel = self.gen("int", 2, lo=-1, hi=5)
        labels_pool = list(range(-1, 6))
        self.rng.shuffle(labels_pool)
        groups = []
        for _ in range(self.rng.randint(1, 4)):
            k = self.rng.randint(1, 2)
            group = [labels_pool.pop() for _ in range(min(k, len(labels_pool)))]
            if group:
                groups.append(group)
        if self.chance(0.5):
            groups.insert(self.rng.randrange(len(groups) + 1), [None])
        bodies = []
        entry = self.st.copy()
        self.in_switch = True
        frame = Frame("switch", len(self.st.scopes))
        self.m.frames.append(frame)
        for _ in groups:
            self.st = entry.copy()
            stmts = []
            for _ in range(self.rng.randint(1, 2)):
                s = self.stmt_assign() if self.chance(0.7) else self.stmt_step()
                if isinstance(s, ExprStmt):
                    stmts.append(s)
            if self.chance(0.7):
                stmts.append(Jump("break"))
            bodies.append(Block(stmts))
        self.m.frames.remove(frame)
        self.in_switch = False
        self.st = entry
        return Switch(sel, groups, bodies)

    def stmt_call(self):
        options = [fn for fn in self.functions if fn.f is not self.fn]
        if not options:
            return self.stmt_assign()
        fn = self.pick(options)
        args = []
        used = set()
        for (qual, t, _), env in zip(fn.f.params, fn.envs):
            if qual in ("out", "inout"):
                lvs = [lv for lv in self.writable(t)[0] if root_name(lv) not in used
                       and (qual == "out" or (self.val(lv) is not None
                                              and fits(self.val(lv), env=env)))]
                if not lvs:
                    return self.stmt_assign()
                lv = self.pick(lvs)
                used.add(root_name(lv))
                args.append(lv)
            else:
                args.append(self.gen(t, 2, env=env))
        call = Call(fn.f.ret, fn.f.name, args)
        if not fn.pure:
            self.impure = True
        if fn.f.ret == "void":
            return ExprStmt(call)
        if self.chance(0.5) or not fn.pure:
            return Decl(fn.f.ret, self.name(self.prefix(fn.f.ret)), call)
        targets = [lv for lv in self.writable(fn.f.ret)[0] if root_name(lv) not in used]
        if not targets:
            return Decl(fn.f.ret, self.name(self.prefix(fn.f.ret)), call)
        return ExprStmt(Assign(fn.f.ret, "=", self.pick(targets), call))

    def stmt_fill(self):
        """A declaration without initialiser, then its parts set one by one
        (an array in a loop)."""
        t = self.weighted([(2, "vec3"), (1, "vec4"), (2, "float[3]"), (1, "vec2[2]"),
                           (2, "struct"), (1, "int[4]")])
        if t == "struct":
            if not self.structs:
                return None
            t = self.pick(list(self.structs))
        name = self.name(self.prefix(t))
        s = shape(t)
        out = [Decl(t, name, None)]
        target = Var(t, name)
        if s[0] == "v":
            letters = "xyzw"[:s[2]]
            out.append(ExprStmt(Assign(vec_type("f", 2), "=", Swizzle("vec2", target,
                                                                       letters[:2]),
                                       self.gen("vec2", 2))))
            for c in letters[2:]:
                out.append(ExprStmt(Assign("float", "=", Swizzle("float", target, c),
                                           self.gen("float", 2))))
        elif s[0] == "t":
            for mname, mt in self.structs[t]:
                out.append(ExprStmt(Assign(mt, "=", Field(mt, target, mname), self.gen(mt, 2))))
        else:
            i = self.name("i")
            entry = self.st.copy()
            self.st.scopes.append({})
            self.st.declare(i, "int", V.integer("i", 0, s[2] - 1))
            value = self.gen(s[1], 2)
            self.st = entry
            body = Block([ExprStmt(Assign(s[1], "=", Index(s[1], target, Var("int", i)),
                                          value))])
            out.append(Loop("for", [Decl("int", i, Lit("int", 0))],
                            Binary("bool", "<", Var("int", i),
                                   Length(target) if self.chance(0.5) else Lit("int", s[2])),
                            [Step("int", "++", Var("int", i), False)], body))
        return out

    # -- what main returns --

    def observe(self):
        """vec4(...) of the variables in scope, each channel within
        OUTPUT_ERR of Mesa's."""
        candidates = [(n, t, v) for n, t, v in self.visible() if A.defined(v)
                      and n not in ("outputSize",)]
        self.rng.shuffle(candidates)
        # What varies first (a constant says little about the code before
        # it), main's own variables before globals and parameters.
        origin = {}
        for depth, scope in enumerate(self.st.scopes):
            for name in scope:
                origin[name] = 0 if depth >= 2 else (1 if depth == 0 else 2)
        candidates.sort(key=lambda c: (all(x.lo == x.hi for x in flatten(c[2])), origin[c[0]]))
        chosen = candidates[:12]
        channels = [[] for _ in range(4)]
        for i, c in enumerate(chosen):
            channels[i % 4].append(c)
        parts = []
        for terms in channels:
            parts.append(self.channel(terms))
        return Ctor("vec4", parts)

    def channel(self, terms):
        pieces = []
        share = A.OUTPUT_ERR / max(len(terms), 1)
        for name, t, value in terms:
            node, v = self.scalar_view(Var(t, name), t, value)
            if node is None:
                continue
            pieces.append(self.weigh(node, v, share))
        if not pieces:
            return Lit("float", 0.5)
        out = pieces[0]
        for p in pieces[1:]:
            out = Binary("float", "+", out, p)
        return Binary("float", "+", Lit("float", 0.25), out) if self.chance(0.5) else out

    def part(self, parts):
        """The index of a part of an aggregate value to observe: one that
        varies, if any does."""
        varying = [i for i, v in enumerate(parts)
                   if not all(c.lo == c.hi for c in flatten(v))]
        return self.pick(varying) if varying else self.rng.randrange(len(parts))

    def scalar_view(self, node, t, value):
        """A float (exact where possible) that changes with `value`."""
        s = shape(t)
        if s[0] == "v":
            i = self.part(value)
            return self.scalar_view(Swizzle(KIND_SCALAR[s[1]], node, "xyzw"[i]),
                                    KIND_SCALAR[s[1]], value[i])
        if s[0] == "m":
            c = self.part(value)
            r = self.part(value[c])
            return self.scalar_view(Index("float", Index(vec_type("f", s[2]), node,
                                                         Lit("int", c)), Lit("int", r)),
                                    "float", value[c][r])
        if s[0] == "a":
            k = self.part(value)
            return self.scalar_view(Index(s[1], node, Lit("int", k)), s[1], value[k])
        if s[0] == "t":
            i = self.part(value)
            mname, mt = self.structs[t][i]
            return self.scalar_view(Field(mt, node, mname), mt, value[i])
        if value is None:
            return None, None
        if t == "bool":
            return Ctor("float", [node]), V.exact(float(value.lo), float(value.hi), 0)
        if t in ("int", "uint"):
            mask = Lit(t, 255)
            return Binary("float", "/", Ctor("float", [Binary(t, "&", node, mask)]),
                          Lit("float", 256.0)), V.exact(0.0, 1.0, 8)
        return node, value

    def weigh(self, node, v, share):
        """node * w (+ fract for exact values) with its error under `share`."""
        if v.exact:
            scale = self.pick((0.375, 0.1875, 1.0, 0.625, 0.0390625))
            inner = Binary("float", "*", node, Lit("float", scale))
            probe = Call("float", "fract", [inner])
            pv = self.val(probe)
            if pv is not None and pv.exact:
                return Binary("float", "*", probe, Lit("float", 0.5))
            return Lit("float", 0.0)
        bound = min(max(v.mag, 1.0), 8.0)
        w = min(0.5 / bound, share / max(v.err, 1e-9))
        w = 2.0 ** math.floor(math.log2(w))
        inner = node
        if v.mag > bound:
            inner = Call("float", "clamp", [node, Lit("float", -bound), Lit("float", bound)])
        return Binary("float", "*", inner, Lit("float", w))

    # -- functions and the program --

    def envelope(self, t):
        """A random value of type t a function is made for: its arguments
        are aimed into it."""
        s = shape(t)
        if s[0] == "s":
            k = s[1]
            if k == "f":
                return self.pick((V.exact(0.0, 4.0, 2), V.exact(-8.0, 8.0, 4),
                                  V.inexact(-1.0, 1.0, 16 * V.U), V.inexact(0.0, 2.0, 64 * V.U),
                                  V.exact(0.5, 3.5, 1)))
            if k == "b":
                return V.boolean()
            if k == "u":
                return self.pick((V.integer("u", 0, 255), V.integer("u", 0, V.UINT_MAX)))
            return self.pick((V.integer("i", 0, 7), V.integer("i", -4, 4),
                              V.integer("i", 0, 100)))
        if s[0] == "v":
            one = self.envelope(KIND_SCALAR[s[1]])
            return (one,) * s[2]
        if s[0] == "m":
            one = V.inexact(-1.0, 1.0, 16 * V.U)
            return ((one,) * s[2],) * s[1]
        if s[0] == "a":
            return tuple(self.envelope(s[1]) for _ in range(s[2]))
        return tuple(self.envelope(mt) for _, mt in self.structs[t])

    def signature(self):
        """(result type, [(qualifier, type, name)]) of a new function."""
        ret = self.weighted([(6, "float"), (3, "vec2"), (3, "vec3"), (2, "vec4"), (2, "int"),
                             (1, "bool"), (2, "struct"), (1, "array"), (2, "void"),
                             (1, "mat2")])
        if ret == "struct":
            ret = self.pick(list(self.structs)) if self.structs else "float"
        if ret == "array":
            ret = "float[%d]" % self.rng.randint(2, 4)
        params = []
        for _ in range(self.rng.randint(0 if ret != "void" else 1, 4)):
            t = self.value_type()
            qual = self.weighted([(6, ""), (1, "in"), (1, "const in"),
                                  (2 if shape(t)[0] != "a" else 0, "out"),
                                  (2 if shape(t)[0] != "a" else 0, "inout")])
            params.append((qual, t, self.name("p")))
        if ret == "void" and not any(q in ("out", "inout") for q, _, _ in params):
            params.append(("out", "float", self.name("p")))
        return ret, params

    def make_function(self):
        ret, params = self.signature()
        name = self.name("f")
        types = [p[1] for p in params]
        names = sorted(set(fn.f.name for fn in self.functions))
        free = [n for n in names if all([p[1] for p in fn.f.params] != types
                                        for fn in self.functions if fn.f.name == n)]
        if free and self.chance(0.2):
            name = self.pick(free)                   # an overload
        envs = [self.envelope(t) for _, t, _ in params]
        f = FuncDef(ret, name, params, Block([]))
        self.fn, self.impure = f, False
        self.readonly = set(p[2] for p in params if p[0] == "const in")
        self.const_locals = set()
        self.st = State([self.globals_scope(), {}])
        for (qual, t, pname), env in zip(params, envs):
            self.st.declare(pname, t, None if qual == "out" else env)
        frame = Frame("function", 2, name)
        self.m.frames = [frame]
        fill = [ExprStmt(Assign(t, "=", Var(t, pname), self.gen(t, 2)))
                for (qual, t, pname) in params if qual == "out"]
        tail = (lambda: Jump("return", self.gen(ret, 3))) if ret != "void" else None
        f.kids[0] = self.block(self.rng.randint(1, 5), fill=fill, tail=tail)
        self.m.frames = []
        pure = not self.impure and all(q not in ("out", "inout") for q, _, _ in params) \
            and not writes_globals(f.body, set(self.globals_scope()))
        self.fn = None
        return Function(f, envs, pure)
    def globals_scope(self):
        st = State([{}])
        for item in self.items:
            if isinstance(item, Decl):
                item.exec(self.m, st)
        return st.scopes[0]

    def make_struct(self):
        name = "S%d" % (len(self.structs) + 1)
        members = []
        for _ in range(self.rng.randint(1, 4)):
            t = self.value_type(allow_aggregates=False)
            if self.structs and self.chance(0.2):
                t = self.pick(list(self.structs))
            members.append((self.name("m"), t))
        self.structs[name] = members
        return StructDef(name, members)

    def make_global(self):
        const = self.chance(0.5)
        t = self.value_type()
        name = ("K" if const else "g") + str(self.count + 1)
        self.count += 1
        self.const_only = True
        self.st = State([self.globals_scope()])
        init = self.gen(t, 2)
        self.const_only = False
        if const:
            self.const_globals.add(name)
        return Decl(t, name, init, const=const, array_after_type=self.chance(0.3))

    def make_main(self):
        f = FuncDef("vec4", "main", MAIN_PARAMS, Block([]))
        self.fn, self.readonly, self.const_locals = f, set(), set()
        self.st = State([self.globals_scope(), {}])
        for (_, t, name), value in zip(MAIN_PARAMS, inputs()):
            self.st.declare(name, t, value)
        self.m.frames = [Frame("function", 2, "main")]
        f.kids[0] = self.block(self.rng.randint(6, 16),
                               tail=lambda: Jump("return", self.observe()))
        self.m.frames = []
        self.fn = None
        return f

    def add(self, item):
        self.items.append(item)
        self.refresh()

    def make_program(self):
        """A whole program, checked; None if it could not be mended."""
        for _ in range(self.rng.randint(0, 2)):
            self.add(self.make_struct())
        for _ in range(self.rng.randint(0, 4)):
            self.add(self.make_global())
        for _ in range(self.weighted([(1, 0), (3, 1), (3, 2), (2, 3), (1, 4)])):
            fn = self.make_function()
            self.functions.append(fn)
            self.add(fn.f)
        self.add(self.make_main())
        # Some helpers after main (lumajit and the Mesa wrapper allow calls
        # before definitions), some of those declared by a prototype.
        helpers = [fn.f for fn in self.functions]
        later = [f for f in helpers if self.chance(0.25)]
        for f in later:
            self.items.remove(f)
            self.items.append(f)
            if self.chance(0.5):
                self.items.insert(self.items.index(helpers[0]) if helpers[0] not in later
                                  else len(self.items) - len(later) - 1, Prototype(f))
        for _ in range(100):
            self.refresh()
            try:
                A.check(self.program, inputs())
                return self.program
            except Invalid as e:
                if not repair(self.items, e, self.structs):
                    return None
            except (TooCostly, RecursionError):
                return None
        return None


def names_read(node):
    """The variable names an expression mentions."""
    out = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, Var):
            out.add(n.name)
        stack.extend(n.kids)
    return out


def writes_globals(body, names):
    """Whether an assignment, ++/-- or modf in `body` writes one of `names`."""
    stack = [body]
    while stack:
        node = stack.pop()
        if isinstance(node, (Assign, Step)) or (isinstance(node, Call) and node.name == "modf"):
            target = node.kids[0] if not isinstance(node, Call) else node.kids[1]
            if root_name(target) in names:
                return True
        stack.extend(node.kids)
    return False


def generate_program(seed, k):
    """Program k of `seed`: its syntax tree (fuzz_ast.Program)."""
    rng = random.Random("%s:%s" % (seed, k))
    while True:
        program = Generator(rng).make_program()
        if program is not None:
            return program


def generate(seed, k):
    """Program k of `seed`, as GLSL text."""
    return generate_program(seed, k).text()


def root_name(node):
    while not isinstance(node, Var):
        node = node.kids[0]
    return node.name
