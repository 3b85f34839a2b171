# Expressions: the lower half of the recursive-descent parser (parser.py
# holds programs, functions and statements). Code is generated as the
# parser goes: every expression becomes Q16.16 machine-level IR in the
# current function's FuncBuilder, every value scalarised into a flat list
# of 32-bit components (glsl_types.py says how types flatten).
#
#   expression  = assignment { "," assignment }
#   assignment  = conditional [ assign-op assignment ]
#   conditional = binary [ "?" expression ":" assignment ]
#   binary      = unary { binop unary }             (precedence climbing)
#   unary       = ( "-" | "+" | "!" | "~" | "++" | "--" ) unary | postfix
#   postfix     = primary { "." field | "[" expression "]" | "++" | "--"
#                           | ".length" "(" ")" }
#   primary     = literal | IDENT | call | constructor | "(" expression ")"
#
# Where a value lives: a Val has `regs`, one operand per component, or,
# for a value still in memory (array elements, globals), `regs` None and
# its components' addresses in `lv`. An assignable Val's `lv` lists where
# each component is stored: a vreg (a variable in registers) or a
# (base, offset) pair (a word in memory; base is sp, the globals pointer
# or an address vreg).
#
# The expression methods recurse once per nesting level. MicroPython keeps
# a call's frame on the C stack only when it needs at most 11 words, so
# they keep few locals, and leaf work lives in methods that return before
# anything recurses.

from ..compat import const
from . import lexer as lx
from . import glsl_types as T
from . import ir
from .ir import ZERO
from . import builtins

# A set: tested for every identifier, and `in` on a tuple of str compares
# them one by one.
KEYWORDS = {"if", "else", "return", "const", "in", "out", "inout", "uniform", "for",
            "while", "do", "break", "continue", "discard", "struct", "switch", "case",
            "default", "true", "false", "precision", "highp", "mediump", "lowp"}
_ASSIGN_OPS = ("=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "|=", "^=")
# Binary operators, one int each (one dict: four took about 1.5 KB of the
# board's heap): precedence (bits 0-3), the IR op on ints (4-9) and on
# uints (10-15) when there is one, and for a comparison the branch taken
# when it holds (16-21) and whether its operands swap (bit 22).
_BINOPS = {"||": 1, "^^": 2, "&&": 3,
           "|": 4 | ir.OR << 4 | ir.OR << 10,
           "^": 5 | ir.XOR << 4 | ir.XOR << 10,
           "&": 6 | ir.AND << 4 | ir.AND << 10,
           "==": 7 | ir.BEQ << 16, "!=": 7 | ir.BNE << 16,
           "<": 8 | ir.BLT << 16, ">": 8 | ir.BLT << 16 | 1 << 22,
           "<=": 8 | ir.BGE << 16 | 1 << 22, ">=": 8 | ir.BGE << 16,
           "<<": 9 | ir.SLL << 4 | ir.SLL << 10, ">>": 9 | ir.SRA << 4 | ir.SRL << 10,
           "+": 10 | ir.ADD << 4 | ir.ADD << 10, "-": 10 | ir.SUB << 4 | ir.SUB << 10,
           "*": 11 | ir.MUL << 4 | ir.MUL << 10,
           "/": 11 | ir.DIV << 4 | ir.DIVU << 10, "%": 11 | ir.REM << 4 | ir.REMU << 10}
_SWIZZLE_SETS = ("xyzw", "rgba", "stpq")
# Nesting (parentheses, operands of unary operators, blocks) allowed before
# "nested too deeply": each level is a few Python calls deep, and
# MicroPython's C stack on the chip is small (the unix port managed 30).
MAX_DEPTH = const(20)


class Val:
    def __init__(self, t, regs, cmp=None, lv=None, const_name=None):
        self.type = t
        self.regs = regs
        self.cmp = cmp                # pending comparison (Bcc op, a, b)
        self.lv = lv
        self.const_name = const_name  # set on a const variable: not assignable


class ExprParser:
    # State shared with parser.Parser: lx (Lexer), fb (FuncBuilder), scopes.

    # ---- tokens -------------------------------------------------------------

    def error(self, message, pos=None):
        if pos is None:
            self.lx.error(message)
        self.lx.error(message, pos[0], pos[1])

    def pos(self):
        return (self.lx.tline, self.lx.tcol)

    def describe(self):
        if self.lx.kind == lx.EOF:
            return "end of file"
        return "'%s'" % self.lx.text

    def at(self, text):
        lxr = self.lx
        k = lxr.kind
        return (k == lx.PUNCT or k == lx.IDENT) and lxr.text == text

    def accept(self, text):
        # at() and next(), without the call to at(): a call per token.
        lxr = self.lx
        k = lxr.kind
        if (k == lx.PUNCT or k == lx.IDENT) and lxr.text == text:
            lxr.next()
            return True
        return False

    def expect(self, text):
        # accept() inline: a call less per expected token.
        lxr = self.lx
        k = lxr.kind
        if (k == lx.PUNCT or k == lx.IDENT) and lxr.text == text:
            lxr.next()
        else:
            self.error("expected '%s' but found %s" % (text, self.describe()))

    def ident(self, what):
        if self.lx.kind != lx.IDENT or self.lx.text in KEYWORDS or self.is_type_name():
            self.error("expected %s but found %s" % (what, self.describe()))
        name = self.lx.text
        self.lx.next()
        return name

    def unsupported(self, name, pos=None):
        # Only on the way to an "unknown name" error: the list of names
        # GLSL has and the board does not is loaded just for that.
        from .unsupported import NAMES
        if name in NAMES:
            self.error("'%s' is not supported on the board" % name, pos)

    def is_type_name(self):
        # Truthy or not (an empty list when there are no structs, a call
        # saved per name).
        t = self.lx.text
        return t in T.NAMES or t in T.ALIASES or T.structs and self.struct_id(t) >= 0

    def at_type(self):
        return self.lx.kind == lx.IDENT and self.is_type_name()

    def struct_id(self, name):
        s = T.structs
        for i in range(len(s)):
            if s[i][0] == name:
                return i
        return -1

    def type_name(self):
        # A type, with an optional array size after it (float[4]).
        # A built-in type's name (only an identifier can be one) without the
        # two calls of at_type().
        lxr = self.lx
        t = T.NAMES.get(lxr.text)
        if t is None:
            if not self.at_type():
                self.unsupported(lxr.text)
                self.error("expected a type but found %s" % self.describe())
            t = T.ALIASES.get(lxr.text)
            if t is None:
                t = T.STRUCT + self.struct_id(lxr.text)
        lxr.next()
        if lxr.kind == lx.PUNCT and lxr.text == "[":    # at("["), inline
            t = self.array_suffix(t, False)      # float[](...): sized by its values
        return t

    def array_suffix(self, t, need_size):
        from . import aggregates
        return aggregates.array_suffix(self, t, need_size)

    def const_int(self, v):
        # The value of a constant int/uint expression, else None.
        if T.kind(v.type) not in (T.K_INT, T.K_UINT) or T.width(v.type) != 1:
            return None
        return self.fb.const_of(self.values(v)[0])

    # ---- values ---------------------------------------------------------------

    def values(self, v):
        # The operands of v: a pending comparison becomes 0/1, a value in
        # memory is loaded.
        if v.regs is not None:
            return v.regs
        if v.cmp is not None:
            op, a, b = v.cmp
            fb = self.fb
            if op == ir.BLT or op == ir.BLTU:
                r = fb.op2(ir.SLT if op == ir.BLT else ir.SLTU, a, b)
            elif op == ir.BGE or op == ir.BGEU:
                r = fb.op1i(ir.XORI, fb.op2(ir.SLT if op == ir.BGE else ir.SLTU, a, b), 1)
            elif op == ir.BEQ:
                r = fb.op1i(ir.SLTIU, fb.op2(ir.XOR, a, b), 1)
            else:
                r = fb.op2(ir.SLTU, ZERO, fb.op2(ir.XOR, a, b))
            v.cmp = None
            v.regs = [r]
            return v.regs
        v.regs = [self.load(s) for s in v.lv]
        return v.regs

    def load(self, slot):
        if isinstance(slot, int):
            return slot
        d = self.fb.vreg()
        self.fb.emit(ir.LWI, d, slot[0], slot[1])
        return d

    def store(self, slot, r):
        if isinstance(slot, int):
            self.fb.mv(slot, r)
        else:
            self.fb.emit(ir.SWI, r, slot[0], slot[1])

    def rvalue(self, v):
        # v as a plain value: nothing can assign through it any more.
        return Val(v.type, self.values(v))

    def coerce(self, v, t, what, pos):
        # v's operands as type t, with GLSL's implicit conversions
        # (int/uint -> float, int -> uint, component-wise).
        vt = v.type
        if vt == t:
            return self.values(v)
        k = T.kind(t)
        vk = T.kind(vt)
        if (T.is_scalar_or_vector(vt) and T.is_scalar_or_vector(t) and T.width(vt) == T.width(t)
                and (k == T.K_FLOAT and (vk == T.K_INT or vk == T.K_UINT)
                     or k == T.K_UINT and vk == T.K_INT)):
            return [builtins.convert(self.fb, r, vk, k) for r in self.values(v)]
        self.error("cannot %s %s value (expected %s)" % (what, T.name(vt), T.name(t)), pos)

    def copy(self, r):
        v = self.fb.vreg()
        self.fb.mv(v, r)
        return v

    # ---- expressions ------------------------------------------------------------

    def expression(self):
        v = self.assignment()
        while self.lx.text == ",":      # accept() inline, as in arguments()
            self.lx.next()
            self.values(v)
            v = self.assignment()
        return v

    def nest(self, what):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            self.error("%s nested too deeply" % what)

    def assignment(self):
        # nest() only to report the error: a call saved per operand of a
        # call or constructor, initializer, statement and subexpression.
        if self.depth >= MAX_DEPTH:
            self.nest("expression")
        self.depth += 1
        # pos() inline here, in unary() and primary(): they run for every
        # operand, and a call costs more than building the tuple.
        lhs_pos = (self.lx.tline, self.lx.tcol)
        v = self.conditional()
        lxr = self.lx
        if lxr.kind == lx.PUNCT and lxr.text in _ASSIGN_OPS:
            op = lxr.text
            op_pos = self.pos()
            self.lx.next()
            self.check_lvalue(v, lhs_pos)
            rpos = self.pos()
            rhs = self.assignment()
            v = self.assign(v, op, rhs, op_pos, rpos)
        self.depth -= 1
        return v

    def check_lvalue(self, v, pos):
        if v.const_name is not None:
            self.error("cannot assign to const variable '%s'" % v.const_name, pos)
        if v.lv is None:
            self.error("cannot assign to this expression", pos)

    def assign(self, lhs, op, rhs, op_pos, rpos):
        if op != "=":
            rhs = self.binop(op[:-1], Val(lhs.type, self.values(lhs)), rhs, op_pos)
        src = self.coerce(rhs, lhs.type, "assign", rpos)
        self.write(lhs, src)
        return Val(lhs.type, src)

    def write(self, lhs, src):
        dst = lhs.lv
        if isinstance(dst, tuple):
            from . import aggregates
            aggregates.write_selected(self, dst, src)
            return
        # v = v.yx: copy first, or the first move would clobber an input.
        for i in range(len(src)):
            if src[i] in dst and dst.index(src[i]) != i:
                src = [self.copy(s) for s in src]
                break
        for i in range(len(dst)):
            self.store(dst[i], src[i])

    def conditional(self):
        v = self.binary(1)
        if self.lx.kind != lx.PUNCT or self.lx.text != "?":    # not at("?"): a call less
            return v
        pos = self.pos()
        self.lx.next()
        if v.type != T.BOOL:
            self.error("the condition of '?:' must be a bool, not %s" % T.name(v.type), pos)
        from . import expr_extra
        return expr_extra.select(self, v, pos)

    def binary(self, min_prec):
        left = self.unary()
        while self.lx.kind == lx.PUNCT:
            op = self.lx.text
            prec = _BINOPS.get(op, 0) & 15
            if prec < min_prec:
                break
            pos = self.pos()
            self.lx.next()
            if op == "&&" or op == "||":
                from . import expr_extra
                left = expr_extra.logical(self, op, left, prec, pos)
            else:
                right = self.binary(prec + 1)
                left = self.binop(op, left, right, pos)
        return left

    def unary(self):
        pos = (self.lx.tline, self.lx.tcol)
        if self.lx.kind == lx.PUNCT:
            op = self.lx.text
            if op == "-" or op == "+" or op == "!" or op == "~":
                self.lx.next()
                self.nest("expression")
                v = self.unop(op, self.unary(), pos)
                self.depth -= 1
                return v
            if op == "++" or op == "--":
                self.lx.next()
                self.nest("expression")
                from . import expr_extra
                v = expr_extra.increment(self, op, self.unary(), pos, True)
                self.depth -= 1
                return v
        v = self.primary()
        while self.lx.kind == lx.PUNCT:
            op = self.lx.text
            if op == ".":
                self.lx.next()
                v = self.field(v)
            elif op == "[" or op == "++" or op == "--":
                from . import expr_extra
                v = expr_extra.postfix(self, v, pos)
            else:
                break
        return v

    # ---- primaries ----------------------------------------------------------------

    def primary(self):
        lxr = self.lx
        k = lxr.kind
        if k == lx.FLOAT or k == lx.INT or k == lx.UINT:
            return self.literal()
        if k == lx.PUNCT and lxr.text == "(":
            lxr.next()
            v = self.expression()
            self.expect(")")
            return self.rvalue(v)
        if k != lx.IDENT or self.lx.text in KEYWORDS and self.lx.text not in ("true", "false"):
            self.error("expected an expression but found %s" % self.describe())
        # is_type_name() only past the built-in types: a call saved per
        # constructor (at_type(): the kind is known).
        if lxr.text in T.NAMES or self.is_type_name():
            return self.constructor()
        pos = (lxr.tline, lxr.tcol)
        name = self.lx.text
        lxr.next()
        if lxr.kind == lx.PUNCT and lxr.text == "(":            # at("("), inline
            if name not in self.functions and not builtins.is_builtin(name):
                self.unsupported(name, pos)     # texture(...): before its arguments
            return self.call(name, self.arguments(), pos)
        return self.variable(name, pos)

    def literal(self):
        k = self.lx.kind
        t = T.FLOAT if k == lx.FLOAT else (T.INT if k == lx.INT else T.UINT)
        v = Val(t, [self.fb.const(self.lx.value)])
        self.lx.next()
        return v

    def constructor(self):
        pos = self.pos()
        t = self.type_name()
        if not self.at("("):
            self.error("expected '(' after type name '%s' in an expression" % T.name(t))
        args = self.arguments()
        if T.is_array(t) or T.is_struct(t):
            from . import aggregates
            if T.is_array(t):
                return aggregates.construct_array(self, t, args, pos)
            return aggregates.construct_struct(self, t, args, pos)
        if T.is_matrix(t):
            from . import matrix
            return matrix.construct(self, t, args, pos)
        return self.construct(t, args, pos)

    def arguments(self):
        # accept() inline, a call saved per test: only the punctuator ","
        # or ")" and the keyword "void" have these texts.
        self.expect("(")
        args = []
        if self.lx.text == ")":
            self.lx.next()
            return args
        if self.lx.text == "void":
            self.lx.next()
            self.expect(")")
            return args
        while True:
            args.append(self.assignment())
            if self.lx.text != ",":
                break
            self.lx.next()
        self.expect(")")
        return args

    def construct(self, t, args, pos):
        # Scalar and vector constructors: components in order, converting.
        n = t & 7           # T.width(), T.kind() inline: t is a scalar, vector or void
        k = t >> 3
        if t == T.VOID:
            self.error("cannot construct void", pos)
        comps = []
        for a in args:
            at = a.type
            if at == T.VOID or T.is_struct(at) or T.is_array(at):
                self.error("cannot construct %s from %s" % (T.name(t), T.name(at)), pos)
            ak = T.kind(at)
            for r in self.values(a):
                comps.append((ak, r))
        if not comps:
            self.error("%s constructor needs arguments" % T.name(t), pos)
        if len(args) == 1 and len(comps) == 1:
            comps = comps * n
        elif len(comps) < n:
            self.error("not enough values to construct %s (%d given)"
                       % (T.name(t), len(comps)), pos)
        elif len(args) > 1 and len(comps) - T.width(args[-1].type) >= n:
            # Only the last argument may be partly used (vec3(v2, v2)).
            self.error("too many values to construct %s (%d given)" % (T.name(t), len(comps)),
                       pos)
        return Val(t, [builtins.convert(self.fb, comps[i][1], comps[i][0], k) for i in range(n)])

    # ---- fields, swizzles and indexing --------------------------------------------

    def field(self, v):
        pos = self.pos()
        if self.lx.kind != lx.IDENT:
            self.error("expected a field name after '.' but found %s" % self.describe())
        text = self.lx.text
        self.lx.next()
        t = v.type
        if text == "length" and self.at("(") and (T.is_array(t) or T.is_matrix(t) or
                                                  T.is_scalar_or_vector(t) and T.width(t) > 1):
            self.lx.next()
            self.expect(")")
            n = T.length(t) if T.is_array(t) else T.cols(t) if T.is_matrix(t) else T.width(t)
            return Val(T.INT, [self.fb.const(n)])
        if T.is_struct(t) and not T.is_array(t):
            from . import aggregates
            return aggregates.member(self, v, text, pos)
        return self.swizzle(v, text, pos)

    def part(self, v, t, idx):
        # Components idx of v, as a value of type t, still assignable.
        lv = v.lv
        if isinstance(lv, tuple):
            lv = lv[:4] + ([lv[4][i] for i in idx],)
        elif lv is not None:
            lv = [lv[i] for i in idx]
        regs = None
        if v.regs is not None or lv is None:
            regs = self.values(v)
            regs = [regs[i] for i in idx]
        return Val(t, regs, lv=lv, const_name=v.const_name)

    def swizzle(self, v, text, pos):
        t = v.type
        n = T.width(t)
        if not T.is_scalar_or_vector(t) or len(text) > 4:
            self.error("invalid swizzle '%s' on %s" % (text, T.name(t)), pos)
        # Characters as slices, not text[j] or `for c in text`: MicroPython
        # interns each single character those give (see lexer.py).
        for chars in _SWIZZLE_SETS:
            if text[:1] in chars:
                break
        idx = []
        for j in range(len(text)):
            i = chars.find(text[j:j + 1])
            if i < 0 or i >= n:
                self.error("invalid swizzle '%s' on %s" % (text, T.name(t)), pos)
            idx.append(i)
        r = self.part(v, T.make(T.kind(t), len(idx)), idx)
        for i in idx:
            if idx.count(i) > 1:
                # Not an lvalue: a value in memory is read now.
                self.values(r)
                r.lv = None
        return r

    # ---- operators ---------------------------------------------------------------

    def unop(self, op, v, pos):
        t = v.type
        fb = self.fb
        if op == "!":
            if t != T.BOOL:
                self.error("'!' needs a bool operand, not %s" % T.name(t), pos)
            if v.cmp is not None:
                o, a, b = v.cmp
                return Val(T.BOOL, None, cmp=(o ^ 1, a, b))
            return Val(T.BOOL, [fb.op1i(ir.XORI, self.values(v)[0], 1)])
        k = T.kind(t)
        if k == T.K_BOOL or k == T.K_STRUCT or t == T.VOID or T.is_array(t):
            self.error("'%s' cannot be applied to %s" % (op, T.name(t)), pos)
        if op == "+":
            return self.rvalue(v)
        if op == "~":
            if k != T.K_INT and k != T.K_UINT:
                self.error("'~' needs an integer operand, not %s" % T.name(t), pos)
            return Val(t, [fb.op1i(ir.XORI, r, -1) for r in self.values(v)])
        r = self.values(v)
        if k == T.K_FLOAT and self.saturate:
            from . import saturate
            return Val(t, saturate.arith(fb, "-", [ZERO] * len(r), r))
        return Val(t, [fb.op2(ir.SUB, ZERO, x) for x in r])

    def binop(self, op, l, r, pos):
        lt = l.type
        rt = r.type
        if op == "^^":
            if lt != T.BOOL or rt != T.BOOL:
                self.mismatch(op, lt, rt, pos)
            return Val(T.BOOL, [self.fb.op2(ir.XOR, self.values(l)[0], self.values(r)[0])])
        if _BINOPS[op] >> 16:
            return self.compare(op, l, r, pos)
        if not (0 < lt < T.MAT and 0 < rt < T.MAT):
            if T.is_matrix(lt) or T.is_matrix(rt):
                from . import matrix
                return matrix.binop(self, op, l, r, pos)
            self.mismatch(op, lt, rt, pos)
        # Scalars and vectors, kind * 8 + width: T.kind() and T.width()
        # inline, the commonest expression spared a dozen calls.
        k = lt >> 3
        rk = rt >> 3
        ln = lt & 7
        rn = rt & 7
        if k != rk:
            # GLSL's implicit conversions: int/uint operands join a float.
            if k == T.K_FLOAT and rk in (T.K_INT, T.K_UINT):
                r = Val(rn, self.coerce(r, rn, "", pos))    # vecN is type N
            elif rk == T.K_FLOAT and k in (T.K_INT, T.K_UINT):
                l = Val(ln, self.coerce(l, ln, "", pos))
                k = rk
            elif op not in ("<<", ">>") or k == T.K_BOOL or rk == T.K_BOOL:
                self.mismatch(op, lt, rt, pos)
        if k == T.K_BOOL:
            self.mismatch(op, lt, rt, pos)
        if ln != rn and ln != 1 and rn != 1:
            self.mismatch(op, lt, rt, pos)
        n = ln if ln > rn else rn
        # values() only for a value not in registers yet (what it returns
        # for any other): a call saved per operand.
        a = l.regs or self.values(l)
        b = r.regs or self.values(r)
        if ln == 1:
            a = a * n
        if rn == 1:
            b = b * n
        return Val(k * 8 + n, self.arith(op, k, a, b, lt, rt, pos))

    def arith(self, op, k, a, b, lt, rt, pos):
        fb = self.fb
        n = len(a)
        if k != T.K_FLOAT:
            iop = _BINOPS[op] >> (10 if k == T.K_UINT else 4) & 63
            if not iop:
                self.mismatch(op, lt, rt, pos)
            return [fb.op2(iop, a[i], b[i]) for i in range(n)]
        if self.saturate and op != "/":
            from . import saturate
            return saturate.arith(fb, op, a, b)
        if op == "+" or op == "-":
            o = ir.ADD if op == "+" else ir.SUB
            return [fb.op2(o, a[i], b[i]) for i in range(n)]
        if op == "*":
            return [fb.op2(ir.FMUL, a[i], b[i]) for i in range(n)]
        if op == "/":
            return [builtins.divide(fb, a[i], b[i]) for i in range(n)]
        self.mismatch(op, lt, rt, pos)

    def mismatch(self, op, lt, rt, pos):
        self.error("invalid operands to '%s': %s and %s" % (op, T.name(lt), T.name(rt)), pos)

    def compare(self, op, l, r, pos):
        lt = l.type
        rt = r.type
        fb = self.fb
        if lt != rt and T.is_scalar_or_vector(lt) and T.is_scalar_or_vector(rt) \
                and T.width(lt) == T.width(rt):
            # int against float compares as floats
            if T.kind(lt) == T.K_FLOAT:
                r = Val(lt, self.coerce(r, lt, "compare", pos))
            elif T.kind(rt) == T.K_FLOAT:
                l = Val(rt, self.coerce(l, rt, "compare", pos))
                lt = rt
            rt = r.type
        if lt != rt or lt == T.VOID:
            self.mismatch(op, lt, rt, pos)
        a = self.values(l)
        b = self.values(r)
        if op != "==" and op != "!=":
            if T.width(lt) != 1 or T.kind(lt) == T.K_BOOL or not T.is_scalar_or_vector(lt):
                self.mismatch(op, lt, rt, pos)
        elif len(a) > 1:
            # Aggregates are equal when no component differs.
            diff = ZERO
            for i in range(len(a)):
                diff = fb.op2(ir.OR, diff, fb.op2(ir.XOR, a[i], b[i]))
            a = [diff]
            b = [ZERO]
        cop = _BINOPS[op] >> 16 & 63
        swap = _BINOPS[op] >> 22
        if T.kind(lt) == T.K_UINT:
            if cop == ir.BLT or cop == ir.BGE:
                cop += 2                    # BLTU, BGEU (ir.py)
        x, y = (b[0], a[0]) if swap else (a[0], b[0])
        cx = fb.const_of(x)
        cy = fb.const_of(y)
        if cx is not None and cy is not None:
            return Val(T.BOOL, [fb.const(1 if _holds(cop, cx, cy) else 0)])
        return Val(T.BOOL, None, cmp=(cop, x, y))

    def branch_unless(self, cond, label):
        fb = self.fb
        if cond.cmp is not None:
            op, a, b = cond.cmp
            fb.emit(op ^ 1, label, a, b)          # the opposite branch (ir.py)
            return
        r = self.values(cond)[0]
        c = fb.const_of(r)
        if c is None:
            fb.emit(ir.BEQ, label, r, ZERO)
        elif c == 0:
            fb.emit(ir.JMP, label, 0, 0)

    def make_val(self, t, regs):
        return Val(t, regs)


def _holds(op, a, b):
    if op == ir.BLT:
        return a < b
    if op == ir.BGE:
        return a >= b
    if op == ir.BLTU:
        return a & 0xFFFFFFFF < b & 0xFFFFFFFF
    if op == ir.BGEU:
        return a & 0xFFFFFFFF >= b & 0xFFFFFFFF
    if op == ir.BEQ:
        return a == b
    return a != b
