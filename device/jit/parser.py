# Programs, functions and statements: the upper half of the recursive-
# descent parser (expressions are in expr.py). Code is generated as the
# parser goes (Wirth's Oberon-0 style): each function gets a FuncBuilder on
# the backend's workspace, and `backend.end_function` allocates
# registers, emits machine code and drops the IR, so memory stays
# O(largest function).
#
# Two passes over the text, the first cheap:
#   1. prescan: struct declarations are read whole; of functions only the
#      signatures are kept (bodies are skipped token by token), so a call
#      may come before the callee's definition, as LightPlayer shaders do.
#      It also notes what the program needs program-wide: memory for
#      globals or Shadertoy's inputs (then register s11 points at them in
#      every function).
#   2. compile: globals and functions in order, then the lpfx_ library
#      functions compiled code calls (lpfx.py reads their text; callers
#      first, so only the overloads called get code). Only functions the
#      entry reaches become machine code; the shader's unused ones are
#      compiled to check them and dropped.
#
#   program     = { "precision" ... ";" | struct ";" | global | function }
#   struct      = "struct" IDENT "{" { type IDENT [ "[" N "]" ] ";" } "}"
#   global      = [ "const" | "uniform" ] type IDENT [ "[" N "]" ] [ "=" expr ] ";"
#   function    = type IDENT "(" [ param { "," param } ] ")" ( block | ";" )
#   param       = [ "const" ] [ "in" | "out" | "inout" ] type [ IDENT [ "[" N "]" ] ]
#   statement   = block | declaration | if | for | while | do | switch
#               | "break" ";" | "continue" ";" | "discard" ";"
#               | "return" [ expr ] ";" | [ expr ] ";"
#
# Calling convention between compiled functions: the words of all in and
# inout arguments in a0..a7 and the result words (return value, then each
# out/inout parameter) in a0..a7. When either needs more than 8 words, a7
# instead points at a block in the caller's frame: arguments from the 8th
# word on are stored there before the call, results from the 8th word on
# after it. Array parameters arrive as words and are stored into the
# callee's own memory (GLSL passes arrays by value).

from array import array

from ..compat import const
from . import lexer as lx
from .lexer import Lexer
from .errors import CompileError
from . import glsl_types as T
from . import ir
from .ir import ZERO, SP, FuncBuilder
from . import builtins
from .expr import ExprParser, Val, KEYWORDS

# Fuel (device/jit/frame.py) is spent by loops only, so the calls that one
# run of a function makes, counted from the source (a call in a loop
# once), are bounded: a tree of calls doubling at each level would
# otherwise run for hours with no loop. A loop's trip spends 1 plus the
# calls in its body (control.py).
MAX_CALLS = const(65536)

Q_IN = const(0)
Q_OUT = const(1)
Q_INOUT = const(2)
REG_WORDS = const(8)
_CONTROL = ("for", "while", "do", "break", "continue", "switch", "discard")
_QUALIFIERS = ("highp", "mediump", "lowp", "flat", "smooth", "noperspective")
_UNSUPPORTED_QUALIFIERS = ("layout", "invariant", "attribute", "varying", "centroid",
                           "buffer", "shared", "sampler2D")
# Shadertoy's inputs: name -> type. Read from the parameter block.
UNIFORMS = {"iTime": T.FLOAT, "iResolution": 3, "iFrame": T.INT, "iMouse": 4}
MAIN_TEXT = "vec4 main(vec2 fragCoord, vec2 outputSize, float time)"
MAIN_IMAGE_TEXT = "void mainImage(out vec4 fragColor, in vec2 fragCoord)"


class Signature:
    def __init__(self, name, ret, params, quals, pos):
        self.name = name
        self.ret = ret
        self.params = params      # types
        self.quals = quals        # Q_IN / Q_OUT / Q_INOUT per parameter
        self.pos = pos
        self.defined = False      # a definition was seen, not only a prototype
        self.number = -1          # its place among the definitions
        self.index = -1           # its place among the compiled functions (-1: none)
        self.calls = None         # names its body calls (pass 1)
        self.start = None         # library only: (text, lexer state) of its definition

    work = 0    # the calls one run of it makes, its callees' included, once compiled

    def words(self):
        # (argument words, result words)
        n_in = 0
        n_out = T.width(self.ret)
        for i in range(len(self.params)):
            w = T.width(self.params[i])
            if self.quals[i] != Q_OUT:
                n_in += w
            if self.quals[i] != Q_IN:
                n_out += w
        return n_in, n_out


class Parser(ExprParser):
    # Set for some shaders only: class defaults, so that the instance keeps
    # fewer attributes (MicroPython sizes its map by them).
    saturate = False            # #pragma lumajit saturate: float + - * clamp
    has_mutable = False
    forward_calls = False       # a call to a later function: cycles possible
    work = 0                    # calls made by the function being compiled (see MAX_CALLS)

    def __init__(self, source, backend):
        self.source = source        # UTF-8 bytes
        self.backend = backend
        self.functions = {}         # name -> [Signature]
        self.defined = []           # Signatures of definitions, in source order
        self.ndefined = 0
        self.compiled = []          # Signatures compiled, by index
        self.library_text = None    # the library text pass 1 is reading
        self.deferred = None        # pass 1's error, raised where pass 2 reaches it
        self.globals = {}           # name -> (type, lv, const name, constant words)
        self.global_words = []      # initial value of every global word
        self.mutable = []           # (offset, value) to reset for each pixel
        # Per call of a shader function: caller number, callee number, line,
        # col (an array: a tuple per call took 60 bytes on the board).
        self.calls = array("i")
        self.fn = None              # Signature of the function being compiled
        self.fb = None
        self.scopes = None
        self.loops = None
        self.depth = 0
        self.lx = None

    # ---- driver -----------------------------------------------------------------

    def program(self):
        T.reset()
        deferred = self.prescan_text(self.source)
        user = len(self.defined)
        # Only what the entry can reach becomes code: a LightPlayer example
        # keeps demo functions it does not call. The shader's own unused
        # functions are still compiled to check them, then dropped, unless
        # they call library functions that were not read (see library).
        reach = self.reachable()
        if deferred is None:
            for text in self.library(reach):
                self.library_text = text.encode()
                self.prescan_text(self.library_text)
            self.library_text = None
        for sig in self.defined[:user]:
            if sig.name in reach:
                self.number(sig)
        self.lx = Lexer(self.source)
        self.deferred = deferred
        self.compile_all(deferred)
        if deferred is not None:
            raise deferred
        # Library functions last, callers before callees (the reverse of
        # their order in the library), each only if compiled code calls
        # that very overload: an entry holds all overloads of its name.
        for i in range(len(self.defined) - 1, user - 1, -1):
            sig = self.defined[i]
            if sig.index >= 0:
                self.lx = Lexer(sig.start[0])
                self.lx.restore(sig.start[1])
                t = self.type_name()
                name_pos = self.pos()
                self.function(t, self.ident("a name"), name_pos, sig)
        if self.forward_calls:
            from . import recursion
            recursion.check(self)
        return self.functions

    def prescan_text(self, text):
        # Pass 1 over one text (bytes); an error is returned, not raised:
        # pass 2 reports errors in source order, this one only if nothing
        # before it is wrong.
        self.lx = Lexer(text)
        self.fb = FuncBuilder(self.backend.ws)
        self.backend.ws.stage = "signatures"
        try:
            self.prescan()
        except CompileError as e:
            return e
        finally:
            self.fb.release()
            self.fb = None
        return None

    def reachable(self):
        # Names of the functions the entry calls, directly or not.
        roots = [n for n in ("main", "mainImage") if n in self.functions]
        seen = set(roots[:1])
        work = list(seen)
        while work:
            for sig in self.functions.get(work.pop(), ()):
                for name in sig.calls or ():
                    if name not in seen and name in self.functions:
                        seen.add(name)
                        work.append(name)
        return seen

    def library(self, reach):
        # The texts of the lpfx_ library entries that code the entry reaches
        # calls. What only unused functions call is not read: the library
        # text is large, and it would only serve to check those functions.
        names = set()
        for sig in self.defined:
            if sig.name not in reach:
                continue
            for callee in sig.calls or ():
                if callee.startswith("lpfx_") and callee not in self.functions:
                    names.add(callee)
        if not names:
            return []
        from . import lpfx
        return lpfx.texts(names)

    def calls_unread_library(self, sig):
        for name in sig.calls or ():
            if name.startswith("lpfx_") and name not in self.functions:
                return True
        return False

    def number(self, sig):
        # Give sig its place among the compiled functions.
        sig.index = len(self.compiled)
        self.compiled.append(sig)

    def new_builder(self):
        # No gc.collect() per function: it cost 8% of a compile's cycles, and
        # the smallest heaps Perlin and rainbow compile in were no smaller.
        return FuncBuilder(self.backend.ws)

    # ---- pass 1 ---------------------------------------------------------------------

    def prescan(self):
        while self.lx.kind != lx.EOF:
            if self.skip_precision():
                continue
            if self.at("struct"):
                from . import aggregates
                aggregates.struct_declaration(self)
                continue
            # A library function is compiled later, from where it starts.
            start = self.lx.save() if self.library_text is not None else None
            qual = self.global_qualifier()
            t = self.type_name()
            name_pos = self.pos()
            name = self.ident("a name")
            if self.at("("):
                sig = self.signature(t, name, name_pos)
                if start is not None and sig.defined:
                    sig.start = (self.library_text, start)
            else:
                if qual != "uniform" and qual != "const":
                    self.has_mutable = True
                self.skip_to(";")

    def skip_precision(self):
        if not self.accept("precision"):
            return False
        while not self.accept(";"):
            if self.lx.kind == lx.EOF:
                self.error("expected ';' after precision statement")
            self.lx.next()
        return True

    def global_qualifier(self):
        for q in ("const", "uniform"):
            if self.accept(q):
                return q
        if self.at("in") or self.at("out") or self.at("inout"):
            self.error("global '%s' variables are not supported" % self.lx.text)
        self.qualifiers()
        return None

    def qualifiers(self):
        while self.lx.kind == lx.IDENT:
            if self.lx.text in _UNSUPPORTED_QUALIFIERS:
                self.error("'%s' is not supported on the board" % self.lx.text)
            if self.lx.text not in _QUALIFIERS:
                return
            self.lx.next()

    def skip_to(self, end):
        # Skip balanced tokens up to and including `end` at depth 0.
        depth = 0
        while True:
            k = self.lx.kind
            if k == lx.EOF:
                self.error("expected '%s' but found end of file" % end)
            text = self.lx.text
            if k == lx.PUNCT:
                if depth == 0 and text == end:
                    self.lx.next()
                    return
                if text in "({[":
                    depth += 1
                elif text in ")}]":
                    depth -= 1
                    if depth < 0:
                        self.error("unexpected '%s'" % text)
            self.lx.next()

    def param_list(self):
        # "(" [ "void" | param { "," param } ] ")": types, qualifiers,
        # (name, position) of each parameter.
        self.lx.next()
        params = []
        quals = []
        names = []
        if not self.accept(")"):
            if self.at("void") and self.peek_close():
                self.lx.next()
            else:
                while True:
                    self.param(params, quals, names)
                    if not self.accept(","):
                        break
            self.expect(")")
        return params, quals, names

    def signature(self, ret, name, pos):
        params, quals, names = self.param_list()
        if builtins.is_builtin(name):
            self.error("redefinition of builtin function '%s'" % name, pos)
        if self.struct_id(name) >= 0:
            self.error("'%s' is a struct" % name, pos)
        sig = None
        for s in self.functions.get(name, ()):
            if s.params == params:
                sig = s
        if sig is None:
            sig = Signature(name, ret, params, quals, pos)
            self.functions.setdefault(name, []).append(sig)
        elif sig.ret != ret or sig.quals != quals:
            self.error("'%s' is declared again with a different return type or qualifiers"
                       % name, pos)
        if self.at("{"):
            if sig.defined:
                self.error("redefinition of function '%s'" % name, pos)
            sig.defined = True
            sig.pos = pos
            sig.number = len(self.defined)
            self.defined.append(sig)
            self.lx.next()
            calls = self.lx.skip_block()
            # Reachability is decided on the shader's own functions only.
            sig.calls = calls if self.library_text is None else ()
        else:
            self.expect(";")
        return sig

    def peek_close(self):
        state = self.lx.save()
        self.lx.next()
        close = self.at(")")
        self.lx.restore(state)
        return close

    def param(self, params, quals, names):
        q = Q_IN
        if self.lx.text not in T.NAMES:     # a type first: no qualifier to look for
            self.accept("const")
            self.qualifiers()
            if self.accept("out"):
                q = Q_OUT
            elif self.accept("inout"):
                q = Q_INOUT
            else:
                self.accept("in")
            self.accept("const")
            self.qualifiers()
        tpos = self.pos()
        t = self.type_name()
        if t == T.VOID:
            self.error("parameters cannot be void")
        pos = self.pos()
        name = None
        if self.lx.kind == lx.IDENT and self.lx.text not in KEYWORDS:
            name = self.ident("a parameter name")
            if self.at("["):
                t = self.array_suffix(t, True)
        if T.length(t) == T.UNSIZED:
            self.error("array size missing", tpos)
        params.append(t)
        quals.append(q)
        names.append((name, pos))

    # ---- pass 2 ---------------------------------------------------------------------

    def compile_all(self, deferred):
        while self.lx.kind != lx.EOF:
            if deferred is not None and (self.lx.tline, self.lx.tcol) >= \
                    (deferred.line, deferred.col):
                raise deferred          # pass 1 stopped in this declaration
            if self.skip_precision():
                continue
            if self.at("struct"):
                # Read in pass 1.
                self.skip_to("{")
                self.skip_to("}")
                self.expect(";")
                continue
            # A scratch builder: `float[N]` sizes are expressions.
            self.fb = FuncBuilder(self.backend.ws)
            qual = self.global_qualifier()
            t = self.type_name()
            name_pos = self.pos()
            name = self.ident("a name")
            self.fb.release()
            if self.at("("):
                self.function(t, name, name_pos, None)
            else:
                from . import shader_globals
                shader_globals.declaration(self, qual, t, name, name_pos)

    # ---- globals --------------------------------------------------------------------

    # ---- functions ------------------------------------------------------------------

    def function(self, ret, name, name_pos, sig):
        ws = self.backend.ws
        ws.stage = "parse"
        ws.stage_name = name
        # The builder first: array sizes in parameters are expressions.
        self.fb = fb = self.new_builder()
        names = self.param_list()[2]
        if self.accept(";"):
            fb.release()                # a prototype, read in pass 1
            return
        if sig is None:
            if self.ndefined == len(self.defined):
                raise self.deferred     # pass 1 stopped inside this definition
            sig = self.defined[self.ndefined]
            self.ndefined += 1
            if sig.index < 0 and self.calls_unread_library(sig):
                fb.release()            # unused, and it calls what was not read
                self.expect("{")
                self.lx.skip_block()
                return
            sig.calls = None            # pass 1's names, no longer needed: heap back
        self.fn = sig
        self.scopes = [{}]
        self.loops = []
        self.depth = 0
        self.work = 0
        self.receive_params(sig, names)
        if not self.block():
            # Falling off the end: GLSL leaves the value undefined; it is 0.
            self.emit_return([ZERO] * T.width(ret))
        if self.work > MAX_CALLS:
            self.error("'%s' makes %d calls each time it runs, its callees' included (at most "
                       "%d)" % (name, self.work, MAX_CALLS), name_pos)
        sig.work = self.work
        if sig.index < 0:
            fb.release()              # checked, never called: no code
        else:
            self.backend.end_function(sig, fb)
        self.fn = self.fb = self.scopes = self.loops = None

    def receive_params(self, sig, names):
        fb = self.fb
        n_in, n_out = sig.words()
        block = n_in > REG_WORDS or n_out > REG_WORDS
        regs = REG_WORDS - 1 if block else REG_WORDS
        self.block_ptr = None
        if block:
            self.block_ptr = fb.vreg()
            fb.hint(self.block_ptr, ir.ARG0 + regs)
            fb.mv(self.block_ptr, ir.ARG0 + regs)
        word = 0
        self.outs = []
        for i in range(len(sig.params)):
            t = sig.params[i]
            w = T.width(t)
            if sig.quals[i] == Q_OUT:
                words = [ZERO] * w
            else:
                words = []
                for _ in range(w):
                    v = fb.vreg()
                    if word < regs:
                        fb.hint(v, ir.ARG0 + word)
                        fb.mv(v, ir.ARG0 + word)
                    else:
                        fb.emit(ir.LWI, v, self.block_ptr, 4 * (word - regs))
                    words.append(v)
                    word += 1
            name, pos = names[i]
            lv = self.new_variable(t, words)
            if sig.quals[i] != Q_IN:
                self.outs.append((t, lv))
            if name is not None:
                self.declare(name, (t, lv, None, None), pos)

    def new_variable(self, t, words):
        # Storage for a variable: vregs, or memory for an array.
        fb = self.fb
        if T.is_array(t):
            off = self.local_words(len(words))
            lv = [(SP, off + 4 * i) for i in range(len(words))]
            for i in range(len(words)):
                fb.emit(ir.SWI, words[i], SP, lv[i][1])
            return lv
        lv = [fb.vreg() for _ in words]
        for i in range(len(words)):
            fb.mv(lv[i], words[i])
        return lv

    def local_words(self, n):
        fb = self.fb
        off = 4 * fb.locals
        fb.locals += n
        if fb.locals > 512:
            self.error("local arrays of '%s' take more than 2 KB" % self.fn.name)
        return off

    def emit_return(self, words):
        # Return value words, then the out/inout parameters' values.
        fb = self.fb
        words = list(words)
        for t, lv in self.outs:
            words.extend(self.values(Val(t, None, lv=lv)) if not isinstance(lv[0], int) else lv)
        regs = REG_WORDS - 1 if self.block_ptr is not None else REG_WORDS
        for i in range(regs, len(words)):
            fb.emit(ir.SWI, words[i], self.block_ptr, 4 * (i - regs))
        n = min(len(words), regs)
        for i in range(n):
            fb.hint(words[i], ir.ARG0 + i)
            fb.mv(ir.ARG0 + i, words[i])
        fb.emit(ir.RET, 0, n, 0)

    # ---- scopes -----------------------------------------------------------------------

    def declare(self, name, sym, pos):
        scope = self.scopes[-1]
        if name in scope:
            self.error("redefinition of '%s'" % name, pos)
        scope[name] = sym

    def lookup(self, name):
        # Locals innermost first, then globals (only globals at file scope,
        # where an array size may name a constant).
        for i in range(len(self.scopes or ()) - 1, -1, -1):
            var = self.scopes[i].get(name)
            if var is not None:
                return var
        return self.globals.get(name)

    def variable(self, name, pos):
        fb = self.fb
        if name == "true" or name == "false":
            return Val(T.BOOL, [fb.const(1 if name == "true" else 0)])
        var = self.lookup(name)
        if var is None:
            if name in UNIFORMS:
                from . import shader_globals
                return shader_globals.uniform_value(self, name)
            if name in self.functions or builtins.is_builtin(name):
                self.error("'%s' is a function" % name, pos)
            self.unsupported(name, pos)
            self.error("unknown identifier '%s'" % name, pos)
        t, lv, const_name, words = var
        if words is not None:
            return Val(t, [fb.const(w) for w in words], const_name=const_name)
        if isinstance(lv[0], int):
            return Val(t, lv, lv=lv, const_name=const_name)
        return Val(t, None, lv=lv, const_name=const_name)

    # ---- statements (each returns True when it always returns) -------------------------

    def block(self):
        self.expect("{")
        self.nest("block")
        self.scopes.append({})
        returns = False
        # Tokens tested by text, not accept() and at(): a call less per
        # statement (only the punctuators have these texts).
        while self.lx.text != "}":
            if self.lx.kind == lx.EOF:
                self.error("expected '}' but found end of file")
            returns = self.statement() or returns
        self.lx.next()
        self.scopes.pop()
        self.depth -= 1
        return returns

    def statement(self):
        if self.lx.text == "{":
            return self.block()
        if self.lx.text == ";":
            self.lx.next()
            return False
        if self.lx.kind == lx.IDENT:
            word = self.lx.text
            if word == "if":
                return self.if_statement()
            if word == "return":
                return self.return_statement()
            if word in _CONTROL:
                from . import control
                return control.statement(self, word)
            if word == "struct":
                self.error("struct declarations must be at global scope")
            if word == "const" or word in _QUALIFIERS or self.is_type_name() \
                    and not self.constructor_call():
                self.declaration()
                return False
            if word == "case" or word == "default":
                self.error("'%s' outside a switch" % word)
        self.expression()
        self.expect(";")
        return False

    def constructor_call(self):
        # A statement starting with a type name: `vec3(...)...;` is an
        # expression, `vec3 x ...;` a declaration. The common case, blanks
        # then a letter (a name follows), is read from the bytes: lexing
        # ahead and back costs a token twice.
        lxr = self.lx
        i = lxr.pos
        while i < lxr.n and lxr.src[i] == 32:
            i += 1
        if i < lxr.n and 97 <= lxr.src[i] | 32 <= 122:
            return False
        state = self.lx.save()
        self.lx.next()
        if self.accept("["):
            self.skip_to("]")
        call = self.at("(")
        self.lx.restore(state)
        return call

    def sub_statement(self):
        # The body of an if/else/loop has a scope of its own even without
        # braces, and counts as a level of nesting (`if (a) if (b) ...`
        # thousands deep must be an error, not MicroPython's stack).
        self.nest("statement")
        self.scopes.append({})
        returns = self.statement()
        self.scopes.pop()
        self.depth -= 1
        return returns

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
            self.branch_unless(self.condition("if"), next_label)
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

    def condition(self, what):
        # "(" bool expression ")"
        self.expect("(")
        c = self.bool_expression(what)
        self.expect(")")
        return c

    def bool_expression(self, what):
        pos = self.pos()
        c = self.expression()
        if c.type != T.BOOL:
            self.error("%s condition must be a bool, not %s" % (what, T.name(c.type)), pos)
        return c

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
        words = self.coerce(v, ret, "return a", vpos)
        self.expect(";")
        self.emit_return(words)
        return True

    def declaration(self):
        is_const = self.accept("const")
        self.qualifiers()
        t = self.type_name()
        if t == T.VOID:
            self.error("variables cannot be void")
        if self.at("["):                  # float[3] a, b;
            t = self.array_suffix(t, False)
        while True:
            pos = self.pos()
            name = self.ident("a variable name")
            vt = self.array_suffix(t, False) if self.at("[") else t
            if self.lx.text == "=":         # accept() inline, as in block()
                self.lx.next()
                vpos = self.pos()
                v = self.assignment()
                if T.length(vt) == T.UNSIZED and T.is_array(v.type):
                    vt = v.type
                src = self.coerce(v, vt, "initialize '%s' with a" % name, vpos)
            else:
                if is_const:
                    self.error("const variable '%s' must be initialized" % name, pos)
                if T.length(vt) == T.UNSIZED:
                    self.error("array size missing", pos)
                src = [ZERO] * T.width(vt)
            if is_const and not T.is_array(vt):
                # Keeps its operands: constants then fold through it.
                lv = list(src)
            else:
                lv = self.new_variable(vt, src)
            self.declare(name, (vt, lv, name if is_const else None, None), pos)
            if self.lx.text != ",":
                break
            self.lx.next()
        self.expect(";")

    # ---- calls -----------------------------------------------------------------------

    def call(self, name, args, pos):
        if builtins.is_builtin(name):
            return builtins.call(self, name, args, pos)
        sigs = self.functions.get(name)
        if sigs is None:
            if self.lookup(name) is not None:
                self.error("'%s' is not a function" % name, pos)
            self.unsupported(name, pos)
            self.error("unknown function '%s'" % name, pos)
        sig = self.resolve(name, sigs, args, pos)
        if sig is self.fn:
            self.error("recursion is not supported ('%s' calls itself)" % name, pos)
        if not sig.defined:
            self.error("function '%s' is declared but never defined" % name, pos)
        if sig.index < 0 and sig.start is not None and self.fn.index >= 0:
            self.number(sig)            # a library function, first called here
        if sig.start is None:           # the shader's own functions
            self.calls.extend((self.fn.number, sig.number, pos[0], pos[1]))
            if sig.number >= self.fn.number:
                self.forward_calls = True
        if self.fn.name in ("main", "mainImage") and not self.has_mutable and \
                T.width(sig.ret) <= 4 and sig.quals.count(Q_IN) == len(sig.quals):
            # Once per frame on uniform arguments (builtins.hoist): a function
            # without effects, as none can have without mutable globals.
            v = builtins.hoist(self, args, lambda: self.call_user(sig, args, pos))
            if v is not None:
                return v
        return self.call_user(sig, args, pos)

    def resolve(self, name, sigs, args, pos):
        # Exact parameter types first, then with implicit conversions.
        types = [a.type for a in args]
        for s in sigs:
            if s.params == types:
                return s
        from . import overloads
        return overloads.resolve(self, name, sigs, args, types, pos)

    def call_user(self, sig, args, pos):
        fb = self.fb
        words = []
        for i in range(len(args)):
            if sig.quals[i] != Q_IN:
                self.check_lvalue(args[i], pos)
            if sig.quals[i] != Q_OUT:
                words.extend(self.coerce(args[i], sig.params[i], "pass", pos))
        n_in, n_out = sig.words()
        block = n_in > REG_WORDS or n_out > REG_WORDS
        regs = REG_WORDS - 1 if block else REG_WORDS
        self.work += 1 + sig.work
        keep = ir.KEEP if self.has_mutable else 0
        if block:
            # The block's address goes in a7 whatever the argument count;
            # results in it keep the call even when no register one is read.
            off = self.local_words(max(n_in, n_out) - regs)
            for i in range(regs, len(words)):
                fb.emit(ir.SWI, words[i], SP, off + 4 * (i - regs))
            words = words[:regs] + [ZERO] * (regs - len(words)) + [fb.op1i(ir.ADDI, SP, off)]
            if n_out > regs:
                keep = ir.KEEP
        results = fb.call(ir.CALL, sig.index, words, min(n_out, regs), keep)
        if block:
            for i in range(regs, n_out):
                d = fb.vreg()
                fb.emit(ir.LWI, d, SP, off + 4 * (i - regs))
                results.append(d)
        at = T.width(sig.ret)
        for i in range(len(args)):
            if sig.quals[i] != Q_IN:
                w = T.width(sig.params[i])
                self.write(args[i], results[at:at + w])
                at += w
        return Val(sig.ret, results[:T.width(sig.ret)])

    # ---- what the back end needs -----------------------------------------------------

    def entry(self):
        # The function the frame entry calls: main, or Shadertoy's mainImage.
        for sig in self.functions.get("main", ()):
            if sig.ret == 4 and sig.params == [2, 2, T.FLOAT] and sig.quals == [Q_IN, Q_IN, Q_IN]:
                return sig
            self.error("main must be declared " + MAIN_TEXT, sig.pos)
        for sig in self.functions.get("mainImage", ()):
            if sig.ret == T.VOID and sig.params == [4, 2] and sig.quals == [Q_OUT, Q_IN]:
                return sig
            self.error("mainImage must be declared " + MAIN_IMAGE_TEXT, sig.pos)
        return None
