# Recursive-descent parser for the shader language; the grammar reads top
# to bottom below. Code is generated as the parser goes (Wirth's Oberon-0
# style): every expression becomes Q16.16 machine-level IR in the current
# function's FuncBuilder, vectors scalarised into one vreg per component.
# `backend.begin_function()` supplies each function's FuncBuilder; when the
# body is complete `backend.end_function` allocates registers, emits
# machine code and drops the IR, so memory stays O(largest function).
#
#   program     = { "precision" ... ";" | function }
#   function    = type IDENT "(" [ param { "," param } ] ")" block
#   param       = [ "in" | "const" ] type IDENT
#   block       = "{" { statement } "}"
#   statement   = block | declaration | "if" "(" expr ")" statement [ "else" statement ]
#               | "return" [ expr ] ";" | [ expr ] ";"
#   declaration = [ "const" ] type IDENT [ "=" expr ] { "," IDENT [ "=" expr ] } ";"
#   expr        = binary [ assign-op expr ]
#   binary      = unary { binop unary }           (precedence climbing)
#   unary       = ( "-" | "+" | "!" | "~" ) unary | postfix
#   postfix     = primary { "." swizzle }
#   primary     = literal | IDENT | IDENT "(" args ")" | type "(" args ")" | "(" expr ")"

from ..compat import const
from . import lexer as lx
from .lexer import Lexer
from . import glsl_types as T
from . import ir
from .ir import ZERO
from . import builtins

KEYWORDS = ("if", "else", "return", "const", "in", "out", "inout", "uniform", "for",
            "while", "do", "break", "continue", "discard", "struct", "switch", "case",
            "default", "true", "false", "precision", "highp", "mediump", "lowp")
_UNSUPPORTED_STATEMENTS = ("for", "while", "do", "switch", "break", "continue", "discard",
                           "struct", "case", "default")

_PREC = {"||": 1, "^^": 2, "&&": 3, "|": 4, "^": 5, "&": 6, "==": 7, "!=": 7,
         "<": 8, ">": 8, "<=": 8, ">=": 8, "<<": 9, ">>": 9, "+": 10, "-": 10,
         "*": 11, "/": 11, "%": 11}
_ASSIGN_OPS = ("=", "+=", "-=", "*=", "/=", "%=")
# Comparison -> (branch op taken when true, operands swapped?)
_COMPARE = {"<": (ir.BLT, False), ">": (ir.BLT, True), "<=": (ir.BGE, True),
            ">=": (ir.BGE, False), "==": (ir.BEQ, False), "!=": (ir.BNE, False)}
_INT_OPS = {"+": ir.ADD, "-": ir.SUB, "*": ir.MUL, "/": ir.DIV, "%": ir.REM,
            "&": ir.AND, "|": ir.OR, "^": ir.XOR, "<<": ir.SLL, ">>": ir.SRA}
_SWIZZLE_SETS = ("xyzw", "rgba", "stpq")
MAX_ARG_REGS = const(8)


class Val:
    # An expression's value: a type and one operand per component, or, for
    # a comparison not yet needed as a value, the pending branch condition
    # `cmp` = (Bcc op, a, b). `lv` lists the vregs an assignment would write.
    def __init__(self, t, regs, cmp=None, lv=None, const_name=None):
        self.type = t
        self.regs = regs
        self.cmp = cmp
        self.lv = lv
        self.const_name = const_name


class Signature:
    def __init__(self, index, name, ret, params, pos):
        self.pos = pos
        self.index = index
        self.name = name
        self.ret = ret
        self.params = params


class Parser:
    def __init__(self, source, backend):
        self.lx = Lexer(source)
        self.backend = backend
        self.functions = {}
        self.fn = None      # Signature of the function being parsed
        self.fb = None      # its FuncBuilder
        self.scopes = None

    # ---- tokens -------------------------------------------------------------

    def error(self, message, pos=None):
        if pos is None:
            self.lx.error(message)
        self.lx.error(message, pos[0], pos[1])

    def pos(self):
        return (self.lx.tline, self.lx.tcol)

    def describe(self):
        k = self.lx.kind
        if k == lx.EOF:
            return "end of file"
        return "'%s'" % self.lx.text

    def at(self, text):
        k = self.lx.kind
        return (k == lx.PUNCT or k == lx.IDENT) and self.lx.text == text

    def accept(self, text):
        if self.at(text):
            self.lx.next()
            return True
        return False

    def expect(self, text):
        if not self.accept(text):
            self.error("expected '%s' but found %s" % (text, self.describe()))

    def ident(self, what):
        if self.lx.kind != lx.IDENT or self.lx.text in KEYWORDS or self.lx.text in T.NAMES:
            self.error("expected %s but found %s" % (what, self.describe()))
        name = self.lx.text
        self.lx.next()
        return name

    def at_type(self):
        return self.lx.kind == lx.IDENT and self.lx.text in T.NAMES

    def type_name(self):
        if not self.at_type():
            if self.lx.kind == lx.IDENT and _is_matrix(self.lx.text):
                self.error("matrix types are not supported yet")
            self.error("expected a type but found %s" % self.describe())
        t = T.NAMES[self.lx.text]
        self.lx.next()
        return t

    # ---- program and functions ----------------------------------------------

    def program(self):
        while self.lx.kind != lx.EOF:
            if self.accept("precision"):
                while not self.accept(";"):
                    if self.lx.kind == lx.EOF:
                        self.error("expected ';' after precision statement")
                    self.lx.next()
            elif self.at("uniform") or self.at("in") or self.at("out") or self.at("const"):
                self.error("global declarations are not supported yet")
            else:
                self.function()
        return self.functions

    def function(self):
        ret = self.type_name()
        name_pos = self.pos()
        name = self.ident("a function name")
        if not self.at("("):
            self.error("global variables are not supported yet", name_pos)
        self.lx.next()
        params = []
        names = []
        if not self.accept(")"):
            if not self.accept("void"):
                while True:
                    params.append(self.param_type())
                    ppos = self.pos()
                    names.append((self.ident("a parameter name"), ppos))
                    if not self.accept(","):
                        break
            self.expect(")")
        if self.at(";"):
            self.error("function prototypes are not supported yet", name_pos)
        if name in self.functions or name in builtins.TABLE:
            self.error("redefinition of function '%s'" % name, name_pos)
        if sum(T.width(t) for t in params) > MAX_ARG_REGS:
            self.error("'%s' takes more than %d scalar parameters" % (name, MAX_ARG_REGS), name_pos)
        sig = Signature(len(self.functions), name, ret, params, name_pos)
        self.functions[name] = sig
        self.fn = sig
        self.fb = fb = self.backend.begin_function()
        self.scopes = [{}]
        reg = ir.ARG0
        for i in range(len(params)):
            regs = []
            for _ in range(T.width(params[i])):
                v = fb.vreg()
                fb.hint(v, reg)
                fb.mv(v, reg)
                regs.append(v)
                reg += 1
            self.declare(names[i][0], params[i], regs, False, names[i][1])
        if not self.block():
            self.emit_return([ZERO] * T.width(ret))
        self.backend.end_function(sig, fb)
        self.fn = self.fb = self.scopes = None

    def param_type(self):
        if self.at("out") or self.at("inout"):
            self.error("'%s' parameters are not supported yet" % self.lx.text)
        if not self.accept("in"):
            self.accept("const")
        t = self.type_name()
        if t == T.VOID:
            self.error("parameters cannot be void")
        return t

    # ---- scopes -------------------------------------------------------------

    def declare(self, name, t, regs, is_const, pos):
        scope = self.scopes[-1]
        if name in scope:
            self.error("redefinition of '%s'" % name, pos)
        scope[name] = (t, regs, is_const)

    def lookup(self, name):
        for i in range(len(self.scopes) - 1, -1, -1):
            var = self.scopes[i].get(name)
            if var is not None:
                return var
        return None

    # ---- statements (each returns True when it always returns) --------------

    def block(self):
        self.expect("{")
        self.scopes.append({})
        returns = False
        while not self.accept("}"):
            if self.lx.kind == lx.EOF:
                self.error("expected '}' but found end of file")
            returns = self.statement() or returns
        self.scopes.pop()
        return returns

    def statement(self):
        if self.at("{"):
            return self.block()
        if self.accept(";"):
            return False
        if self.lx.kind == lx.IDENT:
            word = self.lx.text
            if word == "if":
                return self.if_statement()
            if word == "return":
                return self.return_statement()
            if word in _UNSUPPORTED_STATEMENTS:
                self.error("'%s' is not supported yet" % word)
            if word in T.NAMES or word == "const":
                self.declaration()
                return False
            if _is_matrix(word):
                self.error("matrix types are not supported yet")
        self.expression()
        self.expect(";")
        return False

    def if_statement(self):
        # An if / else if / ... / else chain is parsed in this one loop, not
        # by recursion: on MicroPython each nested call of a method this size
        # keeps a frame on the heap, and palettes are long else-if chains.
        fb = self.fb
        end_label = fb.label()
        all_return = True
        while True:
            self.lx.next()
            next_label = fb.label()
            self.branch_unless(self.condition(), next_label)
            branch_returns = self.sub_statement()
            all_return = all_return and branch_returns
            if not self.accept("else"):
                fb.emit(ir.LABEL, next_label, 0, 0)
                fb.emit(ir.LABEL, end_label, 0, 0)
                return False
            if not branch_returns:
                fb.emit(ir.JMP, end_label, 0, 0)
            fb.emit(ir.LABEL, next_label, 0, 0)
            if not self.at("if"):
                all_return = self.sub_statement() and all_return
                fb.emit(ir.LABEL, end_label, 0, 0)
                return all_return

    def condition(self):
        # "(" bool expression ")"
        self.expect("(")
        pos = self.pos()
        cond = self.expression()
        if cond.type != T.BOOL:
            self.error("if condition must be a bool, not %s" % T.name(cond.type), pos)
        self.expect(")")
        return cond

    def sub_statement(self):
        # The body of an if/else has a scope of its own even without braces.
        self.scopes.append({})
        returns = self.statement()
        self.scopes.pop()
        return returns

    def branch_unless(self, cond, label):
        fb = self.fb
        if cond.cmp is not None:
            op, a, b = cond.cmp
            fb.emit(ir.INVERT[op], label, a, b)
            return
        r = cond.regs[0]
        c = fb.const_of(r)
        if c is None:
            fb.emit(ir.BEQ, label, r, ZERO)
        elif c == 0:
            fb.emit(ir.JMP, label, 0, 0)

    def return_statement(self):
        pos = self.pos()
        self.lx.next()
        ret = self.fn.ret
        if ret == T.VOID:
            if not self.at(";"):
                self.error("void function '%s' cannot return a value" % self.fn.name, pos)
            self.lx.next()
            self.emit_return([])
            return True
        if self.at(";"):
            self.error("'%s' must return a %s" % (self.fn.name, T.name(ret)), pos)
        vpos = self.pos()
        v = self.expression()
        self.check_type(v, ret, "return a", vpos)
        self.expect(";")
        self.emit_return(self.values(v))
        return True

    def emit_return(self, regs):
        fb = self.fb
        for i in range(len(regs)):
            fb.hint(regs[i], ir.ARG0 + i)
            fb.mv(ir.ARG0 + i, regs[i])
        fb.emit(ir.RET, 0, len(regs), 0)

    def declaration(self):
        is_const = self.accept("const")
        t = self.type_name()
        if t == T.VOID:
            self.error("variables cannot be void")
        fb = self.fb
        while True:
            pos = self.pos()
            name = self.ident("a variable name")
            if self.at("["):
                self.error("arrays are not supported yet")
            regs = [fb.vreg() for _ in range(T.width(t))]
            if self.accept("="):
                vpos = self.pos()
                v = self.expression()
                self.check_type(v, t, "initialize '%s' with a" % name, vpos)
                src = self.values(v)
                for i in range(len(regs)):
                    fb.mv(regs[i], src[i])
            else:
                if is_const:
                    self.error("const variable '%s' must be initialized" % name, pos)
                for r in regs:
                    fb.mv(r, ZERO)
            self.declare(name, t, regs, is_const, pos)
            if not self.accept(","):
                break
        self.expect(";")

    def check_type(self, v, t, what, pos):
        if v.type != t:
            self.error("cannot %s %s value (expected %s)" % (what, T.name(v.type), T.name(t)), pos)

    # ---- expressions ---------------------------------------------------------

    def expression(self):
        lhs_pos = self.pos()
        lhs = self.binary(1)
        if self.at("?"):
            self.error("the ?: operator is not supported yet")
        if self.lx.kind == lx.PUNCT and self.lx.text in _ASSIGN_OPS:
            op = self.lx.text
            op_pos = self.pos()
            self.lx.next()
            return self.assign(lhs, op, lhs_pos, op_pos)
        return lhs

    def assign(self, lhs, op, lhs_pos, op_pos):
        if lhs.lv is None:
            self.error("cannot assign to this expression", lhs_pos)
        if lhs.const_name is not None:
            self.error("cannot assign to const variable '%s'" % lhs.const_name, lhs_pos)
        rpos = self.pos()
        rhs = self.expression()
        if op != "=":
            rhs = self.binop(op[0], lhs, rhs, op_pos)
        self.check_type(rhs, lhs.type, "assign", rpos)
        dst = lhs.lv
        src = self.values(rhs)
        fb = self.fb
        # v = v.yx: copy first, or the first move would clobber an input.
        for i in range(len(src)):
            if src[i] in dst and dst.index(src[i]) != i:
                src = [self.copy(s) for s in src]
                break
        for i in range(len(dst)):
            fb.mv(dst[i], src[i])
        return Val(lhs.type, dst)

    def copy(self, r):
        v = self.fb.vreg()
        self.fb.mv(v, r)
        return v

    def binary(self, min_prec):
        left = self.unary()
        while self.lx.kind == lx.PUNCT:
            op = self.lx.text
            prec = _PREC.get(op, 0)
            if prec < min_prec:
                break
            pos = self.pos()
            self.lx.next()
            right = self.binary(prec + 1)
            left = self.binop(op, left, right, pos)
        return left

    def unary(self):
        pos = self.pos()
        if self.lx.kind == lx.PUNCT:
            op = self.lx.text
            if op == "-" or op == "+" or op == "!" or op == "~":
                self.lx.next()
                v = self.unary()
                return self.unop(op, v, pos)
            if op == "++" or op == "--":
                self.error("'%s' is not supported yet" % op)
        v = self.primary()
        while True:
            if self.at("."):
                self.lx.next()
                v = self.swizzle(v)
            elif self.at("["):
                self.error("indexing is not supported yet")
            elif self.at("++") or self.at("--"):
                self.error("'%s' is not supported yet" % self.lx.text)
            else:
                return v

    # The expression methods recurse once per nesting level. MicroPython
    # keeps a call's frame on the C stack only when it needs at most 11
    # words, so they keep few locals, and leaf work (literals, variables)
    # lives in methods that return before anything recurses.

    def primary(self):
        k = self.lx.kind
        if k == lx.FLOAT or k == lx.INT:
            return self.literal()
        if self.accept("("):
            v = self.expression()
            self.expect(")")
            v.lv = None
            return v
        if k != lx.IDENT or self.lx.text in KEYWORDS and self.lx.text not in ("true", "false"):
            self.error("expected an expression but found %s" % self.describe())
        if self.at_type():
            return self.constructor()
        pos = self.pos()
        name = self.lx.text
        self.lx.next()
        if self.at("("):
            return self.call(name, self.arguments(), pos)
        return self.variable(name, pos)

    def literal(self):
        k = self.lx.kind
        v = Val(T.FLOAT if k == lx.FLOAT else T.INT, [self.fb.const(self.lx.value)])
        self.lx.next()
        return v

    def constructor(self):
        pos = self.pos()
        t = self.type_name()
        if not self.at("("):
            self.error("expected '(' after type name '%s' in an expression" % T.name(t))
        return self.construct(t, self.arguments(), pos)

    def variable(self, name, pos):
        if name == "true" or name == "false":
            return Val(T.BOOL, [self.fb.const(1 if name == "true" else 0)])
        var = self.lookup(name)
        if var is None:
            if _is_matrix(name):
                self.error("matrix types are not supported yet", pos)
            self.error("unknown identifier '%s'" % name, pos)
        t, regs, is_const = var
        return Val(t, regs, lv=regs, const_name=name if is_const else None)

    def arguments(self):
        self.expect("(")
        args = []
        if self.accept(")"):
            return args
        while True:
            args.append(self.expression())
            if not self.accept(","):
                break
        self.expect(")")
        return args

    def swizzle(self, v):
        pos = self.pos()
        if self.lx.kind != lx.IDENT:
            self.error("expected a swizzle after '.' but found %s" % self.describe())
        text = self.lx.text
        self.lx.next()
        n = T.width(v.type)
        if v.type == T.VOID or len(text) > 4:
            self.error("invalid swizzle '%s'" % text, pos)
        for chars in _SWIZZLE_SETS:
            if text[0] in chars:
                break
        idx = []
        for c in text:
            i = chars.find(c)
            if i < 0 or i >= n:
                self.error("invalid swizzle '%s' on %s" % (text, T.name(v.type)), pos)
            idx.append(i)
        regs = self.values(v)
        lv = None
        if v.lv is not None:
            lv = [v.lv[i] for i in idx]
            for r in lv:
                if lv.count(r) > 1:
                    lv = None
                    break
        return Val(T.make(T.kind(v.type), len(idx)), [regs[i] for i in idx], lv=lv,
                   const_name=v.const_name)

    # ---- operators -----------------------------------------------------------

    def values(self, v):
        # The operands of v, materialising a pending comparison as 0/1.
        if v.cmp is None:
            return v.regs
        op, a, b = v.cmp
        fb = self.fb
        if op == ir.BLT:
            r = fb.op2(ir.SLT, a, b)
        elif op == ir.BGE:
            r = fb.op1i(ir.XORI, fb.op2(ir.SLT, a, b), 1)
        elif op == ir.BEQ:
            r = fb.op1i(ir.SLTIU, fb.op2(ir.XOR, a, b), 1)
        else:
            r = fb.op2(ir.SLTU, ZERO, fb.op2(ir.XOR, a, b))
        v.cmp = None
        v.regs = [r]
        return v.regs

    def unop(self, op, v, pos):
        t = v.type
        fb = self.fb
        if op == "!":
            if t != T.BOOL:
                self.error("'!' needs a bool operand, not %s" % T.name(t), pos)
            if v.cmp is not None:
                o, a, b = v.cmp
                return Val(T.BOOL, None, cmp=(ir.INVERT[o], a, b))
            return Val(T.BOOL, [fb.op1i(ir.XORI, self.values(v)[0], 1)])
        if T.kind(t) == T.K_BOOL or t == T.VOID:
            self.error("'%s' cannot be applied to %s" % (op, T.name(t)), pos)
        if op == "+":
            return Val(t, self.values(v))
        if op == "~":
            if T.kind(t) != T.K_INT:
                self.error("'~' needs an integer operand, not %s" % T.name(t), pos)
            return Val(t, [fb.op1i(ir.XORI, r, -1) for r in self.values(v)])
        return Val(t, [fb.op2(ir.SUB, ZERO, r) for r in self.values(v)])

    def binop(self, op, l, r, pos):
        lt = l.type
        rt = r.type
        fb = self.fb
        if op == "&&" or op == "||" or op == "^^":
            if lt != T.BOOL or rt != T.BOOL:
                self.error("'%s' needs bool operands, not %s and %s"
                           % (op, T.name(lt), T.name(rt)), pos)
            o = ir.AND if op == "&&" else (ir.OR if op == "||" else ir.XOR)
            return Val(T.BOOL, [fb.op2(o, self.values(l)[0], self.values(r)[0])])
        if op in _COMPARE:
            return self.compare(op, l, r, pos)
        k = T.kind(lt)
        if lt == T.VOID or rt == T.VOID or k != T.kind(rt) or k == T.K_BOOL:
            self.mismatch(op, lt, rt, pos)
        ln = T.width(lt)
        rn = T.width(rt)
        if ln != rn and ln != 1 and rn != 1:
            self.mismatch(op, lt, rt, pos)
        n = ln if ln > rn else rn
        a = self.values(l)
        b = self.values(r)
        if ln == 1:
            a = a * n
        if rn == 1:
            b = b * n
        if k == T.K_INT:
            iop = _INT_OPS.get(op)
            if iop is None:
                self.mismatch(op, lt, rt, pos)
            return Val(T.make(k, n), [fb.op2(iop, a[i], b[i]) for i in range(n)])
        if op == "+" or op == "-":
            o = ir.ADD if op == "+" else ir.SUB
            out = [fb.op2(o, a[i], b[i]) for i in range(n)]
        elif op == "*":
            out = [fb.op2(ir.FMUL, a[i], b[i]) for i in range(n)]
        elif op == "/":
            out = [builtins.divide(fb, a[i], b[i]) for i in range(n)]
        else:
            self.mismatch(op, lt, rt, pos)
        return Val(T.make(k, n), out)

    def mismatch(self, op, lt, rt, pos):
        self.error("invalid operands to '%s': %s and %s" % (op, T.name(lt), T.name(rt)), pos)

    def compare(self, op, l, r, pos):
        lt = l.type
        fb = self.fb
        if lt != r.type or lt == T.VOID:
            self.mismatch(op, lt, r.type, pos)
        a = self.values(l)
        b = self.values(r)
        if op != "==" and op != "!=":
            if T.width(lt) != 1 or T.kind(lt) == T.K_BOOL:
                self.mismatch(op, lt, r.type, pos)
        elif len(a) > 1:
            # Vectors are equal when no component differs.
            diff = ZERO
            for i in range(len(a)):
                diff = fb.op2(ir.OR, diff, fb.op2(ir.XOR, a[i], b[i]))
            a = [diff]
            b = [ZERO]
        cop, swap = _COMPARE[op]
        x, y = (b[0], a[0]) if swap else (a[0], b[0])
        cx = fb.const_of(x)
        cy = fb.const_of(y)
        if cx is not None and cy is not None:
            return Val(T.BOOL, [fb.const(1 if _holds(cop, cx, cy) else 0)])
        return Val(T.BOOL, None, cmp=(cop, x, y))

    def make_val(self, t, regs):
        return Val(t, regs)

    # ---- constructors and calls ------------------------------------------------

    def construct(self, t, args, pos):
        n = T.width(t)
        k = T.kind(t)
        if t == T.VOID:
            self.error("cannot construct void", pos)
        comps = []
        for a in args:
            if a.type == T.VOID:
                self.error("void value in constructor of %s" % T.name(t), pos)
            for r in self.values(a):
                comps.append((T.kind(a.type), r))
        if not comps:
            self.error("%s constructor needs arguments" % T.name(t), pos)
        if len(args) == 1 and len(comps) == 1:
            comps = comps * n
        elif len(comps) < n:
            self.error("not enough values to construct %s (%d given)" % (T.name(t), len(comps)), pos)
        elif len(comps) > n and len(args) > 1:
            self.error("too many values to construct %s (%d given)" % (T.name(t), len(comps)), pos)
        out = [builtins.convert(self.fb, comps[i][1], comps[i][0], k) for i in range(n)]
        return Val(t, out)

    def call(self, name, args, pos):
        if name in builtins.TABLE:
            return builtins.call(self, name, args, pos)
        sig = self.functions.get(name)
        if sig is None:
            if self.lookup(name) is not None:
                self.error("'%s' is not a function" % name, pos)
            self.error("unknown function '%s'" % name, pos)
        if sig is self.fn:
            self.error("recursion is not supported ('%s' calls itself)" % name, pos)
        if len(args) != len(sig.params):
            self.error("wrong number of arguments to '%s': expected %d, got %d"
                       % (name, len(sig.params), len(args)), pos)
        regs = []
        for i in range(len(args)):
            if args[i].type != sig.params[i]:
                self.error("argument %d of '%s' must be %s, not %s"
                           % (i + 1, name, T.name(sig.params[i]), T.name(args[i].type)), pos)
            regs.extend(self.values(args[i]))
        results = self.fb.call(ir.CALL, sig.index, regs, T.width(sig.ret))
        return Val(sig.ret, results)


def _is_matrix(name):
    # mat2, mat3x4, ...: a type this version cannot compile yet.
    return name.startswith("mat") and name[3:4].isdigit()


def _holds(op, a, b):
    if op == ir.BLT:
        return a < b
    if op == ir.BGE:
        return a >= b
    if op == ir.BEQ:
        return a == b
    return a != b
