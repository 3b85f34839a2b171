# The GLSL preprocessor: a text-to-text pass before the lexer. Every input
# line gives exactly one output line (directives, skipped lines, and lines
# taken by a backslash continuation or by a macro call spanning lines become
# empty), so the lexer's line numbers stay the user's. Comments become spaces
# of the same length, so columns stay too wherever no macro expanded.
#
# The source is read one logical line at a time (backslash-newline joined,
# then comments blanked: C's order). A line naming no macro is passed on as
# it is; the others are cut into tokens and expanded as C does (Prosser's
# algorithm): every token carries the names of the macros whose expansion
# produced it (its "hide set"), so a macro is never expanded again inside its
# own expansion; a function-like macro's arguments are fully expanded before
# substitution, and the result is rescanned. That nesting is kept on an
# explicit list of jobs, not Python recursion, so f(f(f(...))) costs heap, not
# the chip's small C stack. Only #if expressions recurse, to a fixed depth.

from ..compat import const
from .errors import CompileError
from .lexer import FLOAT, Lexer, PUNCTUATORS


def _is_ident_start(c):
    return c.isalpha() or c == "_"


def _is_ident_char(c):
    return c.isalpha() or c.isdigit() or c == "_"


_MAX_EXPANSION = const(65536)   # characters a line may grow to while expanding
_MAX_NESTING = const(64)        # nesting levels in an #if expression
_CONDITIONALS = ("if", "ifdef", "ifndef", "elif", "else", "endif")
_RESERVED = ("defined", "__LINE__", "__VERSION__")
# C precedence of the binary operators of #if; '?:' sits below them all.
_BINARY = {"||": 1, "&&": 2, "|": 3, "^": 4, "&": 5, "==": 6, "!=": 6, "<": 7, ">": 7,
           "<=": 7, ">=": 7, "<<": 8, ">>": 8, "+": 9, "-": 9, "*": 10, "/": 10, "%": 10}


def preprocess(source, pragmas=None):
    # The source with directives blanked and macros expanded, line for line.
    # The text of each #pragma, its words joined by single blanks, is
    # appended to `pragmas` when it is a list.
    return _Preprocessor(source, pragmas).run()


def _token_end(text, i):
    # End of the token at text[i]: a run of blanks, an identifier, a number
    # (digits, letters and dots, as C's pp-number), or a punctuator, longest
    # first. The same maximal munch as the lexer's, so that tokens cut from
    # one piece of text always print back side by side unchanged.
    c = text[i]
    j = i + 1
    n = len(text)
    if c == " " or c == "\t":
        while j < n and (text[j] == " " or text[j] == "\t"):
            j += 1
    elif _is_ident_char(c) or (c == "." and j < n and text[j].isdigit()):
        number = not _is_ident_start(c)
        while j < n and (_is_ident_char(text[j]) or (number and text[j] == ".")):
            j += 1
    else:
        for p in PUNCTUATORS:
            if text.startswith(p, i):
                return i + len(p)
    return j


def _tokenize(text, hide, col, spread):
    # Tokens (text, hide set, column). Source text spreads its columns from
    # col; a macro body's tokens all take col, the column of the macro's use.
    toks = []
    i = 0
    while i < len(text):
        j = _token_end(text, i)
        toks.append((text[i:j], hide, col + i if spread else col))
        i = j
    return toks


def _blank(tok):
    return tok[0][0] == " " or tok[0][0] == "\t"


def _skip_blanks(text, i):
    while i < len(text) and (text[i] == " " or text[i] == "\t"):
        i += 1
    return i


def _ident_end(text, i):
    # End of the identifier at text[i]; i itself when there is none.
    if i < len(text) and _is_ident_start(text[i]):
        i += 1
        while i < len(text) and _is_ident_char(text[i]):
            i += 1
    return i


def _join(toks):
    # Print tokens; where an expansion put two tokens side by side that would
    # read back as others ('-' and '-1' as '--1'), a space keeps them apart.
    parts = []
    prev = " "
    for tok in toks:
        s = tok[0]
        if not _blank(tok) and prev[-1] not in " \t":
            pair = prev + s
            if _token_end(pair, 0) != len(prev) or (prev[-1] == "/" and s[0] in "/*"):
                parts.append(" ")
        parts.append(s)
        prev = s
    return "".join(parts)


def _wrap(v):
    # #if arithmetic is 32-bit, as GLSL's int; it also bounds the numbers.
    v &= 0xFFFFFFFF
    return v - 0x100000000 if v & 0x80000000 else v


class _Preprocessor:
    def __init__(self, source, pragmas):
        self.src = source
        self.pos = 0             # where the next physical line starts
        self.line = 1            # its number
        self.pending = None      # a logical line read ahead, given back
        self.in_comment = False
        self.comment_at = None   # (line, col) of the open '/*'
        # name -> (parameter tuple, or None when object-like; body text).
        # __LINE__'s body None stands for the current line number.
        self.macros = {"__LINE__": (None, None), "__VERSION__": (None, "330"),
                       "LUMAJIT": (None, "1")}
        # Open #if groups: [active, a branch was taken, #else seen, line, col, name].
        self.conds = []
        self.pragmas = pragmas
        self.extra = 0           # lines taken by a macro call spanning lines
        self.size = 0            # characters in the expansion under way

    def run(self):
        out = []
        while True:
            item = self.read_line()
            if item is None:
                break
            text, line, count, in_comment = item
            self.extra = 0
            body = text.lstrip()
            if body.startswith("#") and not in_comment:
                self.directive(text, len(text) - len(body), line)
                text = ""
            elif not self.active():
                text = ""
            elif self.names_macro(text):
                text = _join(self.expand(_tokenize(text, (), 1, True), line, True))
            out.append(text)
            for _ in range(count - 1 + self.extra):
                out.append("")
        if self.in_comment:
            raise CompileError("unterminated comment", self.comment_at[0], self.comment_at[1])
        if self.conds:
            c = self.conds[-1]
            raise CompileError("unterminated #" + c[5], c[3], c[4])
        return "\n".join(out)

    def read_line(self):
        # The next logical line, comments blanked: (text, first line number,
        # physical lines, whether it starts inside a block comment), or None.
        if self.pending is not None:
            item = self.pending
            self.pending = None
            return item
        src = self.src
        if self.pos > len(src):
            return None
        first = self.line
        in_comment = self.in_comment
        parts = []
        while True:
            end = src.find("\n", self.pos)
            if end < 0:
                end = len(src)
            part = src[self.pos:end]
            self.pos = end + 1
            self.line += 1
            if part.endswith("\r"):
                part = part[:-1]
            if not part.endswith("\\") or self.pos > len(src):
                parts.append(part)
                break
            parts.append(part[:-1])
        text = parts[0] if len(parts) == 1 else "".join(parts)
        return (self.strip_comments(text, first), first, len(parts), in_comment)

    def strip_comments(self, text, line):
        # A comment becomes spaces, or nothing when it runs to the end of the
        # line; an open block comment carries over to the next line.
        if not self.in_comment and "/" not in text:
            return text
        parts = []
        i = start = 0            # start: where the open comment began
        while i < len(text):
            if self.in_comment:
                end = text.find("*/", i)
                if end < 0:
                    break
                parts.append(" " * (end + 2 - start))
                self.in_comment = False
                i = end + 2
                continue
            j = text.find("/", i)
            if j < 0:
                parts.append(text[i:])
                break
            parts.append(text[i:j])
            if text.startswith("//", j):
                break
            if text.startswith("/*", j):
                self.in_comment = True
                self.comment_at = (line, j + 1)
                start = j
                i = j + 2
            else:
                parts.append("/")
                i = j + 1
        return "".join(parts)

    def active(self):
        return not self.conds or self.conds[-1][0]

    def names_macro(self, text):
        # A substring search first (it runs in C); tokens only on a hit.
        for name in self.macros:
            if name in text:
                break
        else:
            return False
        i = 0
        while i < len(text):
            j = _token_end(text, i)
            if _is_ident_start(text[i]) and text[i:j] in self.macros:
                return True
            i = j
        return False

    # Directives

    def directive(self, text, i, line):
        col = i + 1
        i = _skip_blanks(text, i + 1)
        j = _ident_end(text, i)
        words = text[i:].split()
        name = text[i:j] if j > i else (words[0] if words else "")
        if name in _CONDITIONALS:
            self.conditional(name, text, j, line, col)
        elif not self.active():
            return
        elif name == "define":
            self.define(text, j, line)
        elif name == "undef":
            name, _, j = self.macro_name(text, j, line, "undef", True)
            self.end(text, j, "undef", line)
            self.macros.pop(name, None)
        elif name == "error":
            message = text[j:].strip()
            raise CompileError("#error: " + message if message else "#error", line, col)
        elif name == "pragma":
            # Other pragmas are ignored, as GLSL says; lumajit's own must be
            # one it knows, so that a misspelt one is not silently lost.
            words = text[j:].split()
            if words[:1] == ["lumajit"] and words[1:] != ["saturate"]:
                raise CompileError("unknown #pragma lumajit option '%s' (there is: saturate)"
                                   % " ".join(words[1:]), line, col)
            if self.pragmas is not None:
                self.pragmas.append(" ".join(words))
        elif name == "line":
            raise CompileError("#line is not supported", line, col)
        elif name not in ("version", "extension", ""):
            raise CompileError("unknown preprocessor directive '#%s'" % name, line, col)

    def macro_name(self, text, i, line, what, defining):
        i = _skip_blanks(text, i)
        j = _ident_end(text, i)
        name = text[i:j]
        if not name:
            raise CompileError("#%s expects a macro name" % what, line, i + 1)
        if defining and (name in _RESERVED or name.startswith("GL_")):
            raise CompileError("'%s' is a reserved macro name" % name, line, i + 1)
        return name, i, j

    def end(self, text, i, what, line):
        i = _skip_blanks(text, i)
        if i < len(text):
            raise CompileError("unexpected text after #%s" % what, line, i + 1)

    def define(self, text, i, line):
        name, at, j = self.macro_name(text, i, line, "define", True)
        params = None
        if text.startswith("(", j):
            close = text.find(")", j)
            if close < 0:
                raise CompileError("missing ')' in the parameters of '%s'" % name, line, j + 1)
            params = tuple([p.strip() for p in text[j + 1:close].split(",")])
            if params == ("",):
                params = ()
            for p in params:
                if p == "...":
                    raise CompileError("variadic macros are not supported", line, j + 1)
                if not p or _ident_end(p, 0) != len(p):
                    raise CompileError("invalid macro parameter '%s'" % p, line, j + 1)
                if params.count(p) > 1:
                    raise CompileError("duplicate macro parameter '%s'" % p, line, j + 1)
            j = close + 1
        body = " ".join(text[j:].split())
        if "#" in body:
            k = text.find("#", j)
            what = "##" if text.startswith("##", k) else "#"
            raise CompileError("'%s' is not supported" % what, line, k + 1)
        old = self.macros.get(name)
        if old is not None and old != (params, body):
            raise CompileError("macro '%s' redefined differently" % name, line, at + 1)
        self.macros[name] = (params, body)

    def conditional(self, name, text, i, line, col):
        conds = self.conds
        if name.startswith("if"):
            if not self.active():
                conds.append([False, True, False, line, col, name])
                return
            if name == "if":
                taken = self.condition(text, i, line, col, name)
            else:
                macro, _, j = self.macro_name(text, i, line, name, False)
                self.end(text, j, name, line)
                taken = (macro in self.macros) == (name == "ifdef")
            conds.append([taken, taken, False, line, col, name])
            return
        if not conds:
            raise CompileError("#%s without #if" % name, line, col)
        top = conds[-1]
        if name == "endif":
            self.end(text, i, name, line)
            conds.pop()
            return
        if top[2]:
            raise CompileError("#%s after #else" % name, line, col)
        if name == "else":
            self.end(text, i, name, line)
            top[0] = not top[1]
            top[1] = top[2] = True
        elif top[1]:
            top[0] = False       # an earlier branch was taken: not evaluated
        else:
            top[0] = top[1] = self.condition(text, i, line, col, name)

    def condition(self, text, i, line, col, name):
        # `defined X` is decided before expansion, which must not touch X.
        toks = [t for t in _tokenize(text[i:], (), i + 1, True) if not _blank(t)]
        kept = []
        k = 0
        while k < len(toks):
            tok = toks[k]
            k += 1
            if tok[0] == "defined":
                paren = k < len(toks) and toks[k][0] == "("
                if paren:
                    k += 1
                if k == len(toks) or not _is_ident_start(toks[k][0][0]):
                    raise CompileError("'defined' expects a macro name", line, tok[2])
                k += 1
                if paren and (k == len(toks) or toks[k][0] != ")"):
                    raise CompileError("missing ')' after 'defined'", line, tok[2])
                tok = ("1" if toks[k - 1][0] in self.macros else "0", (), tok[2])
                if paren:
                    k += 1
            kept.append(tok)
        toks = [t for t in self.expand(kept, line, False) if not _blank(t)]
        if not toks:
            raise CompileError("#%s with no expression" % name, line, col)
        return _Expression(toks, line, col).value() != 0

    # Macro expansion

    def expand(self, toks, line, top):
        # Jobs are [input (reversed: pop() takes the next token), output,
        # call]; the job of an argument names the call waiting for it. Only
        # the top job of a source line may read on into the next lines.
        # self.size counts the text held by all jobs, checked as it grows.
        self.size = 0
        for tok in toks:
            self.size += len(tok[0])
        toks.reverse()
        jobs = [[toks, [], None]]
        while True:
            inp, out, call = jobs[-1]
            if not inp:
                if call is None:
                    return out
                jobs.pop()
                params, body, hide, col, args, done = call
                done.append(out)
                if len(done) < len(args):
                    jobs.append([args[len(done)], [], call])
                    continue
                res = []
                for tok in _tokenize(body, hide, col, False):
                    if tok[0] in params:
                        res.extend(done[params.index(tok[0])])
                    else:
                        res.append(tok)
                removed = 0
                for arg in done:
                    for tok in arg:
                        removed += len(tok[0])
                self.push(jobs[-1][0], res, removed, line, col)
                continue
            tok = inp.pop()
            name, hide, col = tok
            macro = self.macros.get(name)
            if macro is None or name in hide:
                out.append(tok)
                continue
            params, body = macro
            if body is None:
                out.append((str(line), hide, col))
            elif params is None:
                self.push(inp, _tokenize(body, hide + (name,), col, False), len(name), line, col)
            else:
                found = self.arguments(inp, tok, line, top and len(jobs) == 1)
                if found is None:
                    out.append(tok)
                    continue
                args, close_hide = found
                if len(args) != len(params) and (params or args != [[]]):
                    raise CompileError("'%s' expects %d argument%s, got %d" % (
                        name, len(params), "" if len(params) == 1 else "s", len(args)), line, col)
                # C's rule: the call's tokens are hidden by what hid both the
                # name and its ')', and by the macro itself.
                hide = tuple([h for h in hide if h in close_hide]) + (name,)
                if params:
                    jobs.append([args[0], [], (params, body, hide, col, args, [])])
                else:
                    self.push(inp, _tokenize(body, hide, col, False), 0, line, col)

    def push(self, inp, toks, removed, line, col):
        # An expansion, in place of `removed` characters of text, goes back
        # in front of the input to be rescanned.
        for tok in toks:
            removed -= len(tok[0])
        self.size -= removed
        if self.size > _MAX_EXPANSION:
            raise CompileError("macro expansion too large", line, col)
        toks.reverse()
        inp.extend(toks)

    def arguments(self, inp, tok, line, more):
        # The arguments of a call of the function-like macro tok, each a
        # reversed token list, and the hide set of the ')'; None when no '('
        # follows, leaving tok a plain name. `more`: read on past this line.
        i = len(inp) - 1
        while True:
            while i >= 0 and _blank(inp[i]):
                i -= 1
            if i >= 0 or not (more and self.read_more(inp, True)):
                break
            i = len(inp) - 1
        if i < 0 or inp[i][0] != "(":
            return None
        # The text of the call that is not in its arguments is gone.
        self.size -= len(tok[0])
        while len(inp) > i:
            self.size -= len(inp.pop()[0])
        args = [[]]
        depth = 0
        while True:
            if not inp:
                if more and self.read_more(inp, False):
                    continue
                raise CompileError("missing ')' in invocation of '%s'" % tok[0], line, tok[2])
            t = inp.pop()
            s = t[0]
            if (s == ")" or s == ",") and depth == 0:
                self.size -= 1
                if s == ")":
                    break
                args.append([])
                continue
            if s == "(":
                depth += 1
            elif s == ")":
                depth -= 1
            args[-1].append(t)
        for a in args:           # without blanks at either end
            while a and _blank(a[-1]):
                self.size -= len(a.pop()[0])
            a.reverse()          # args are job inputs: reversed
            while a and _blank(a[-1]):
                self.size -= len(a.pop()[0])
        return args, t[1]

    def read_more(self, inp, paren):
        # A call goes on over the next lines, never into a directive; while
        # its '(' is sought (paren) only into a line starting with one.
        item = self.read_line()
        if item is None:
            return False
        text, _, count, in_comment = item
        body = text.lstrip()
        if (body.startswith("#") and not in_comment) or (paren and not body.startswith("(")):
            self.pending = item
            return False
        self.extra += count
        self.size += len(text) + 1
        toks = _tokenize(" " + text, (), 0, True)
        toks.reverse()
        inp.clear()
        inp.extend(toks)
        return True


class _Expression:
    # An #if expression over expanded tokens, evaluated as it is parsed.
    # `live` is False in an operand C does not evaluate (after 0 &&, 1 ||,
    # the branch ?: does not take), where division by zero is no error.

    def __init__(self, toks, line, col):
        self.toks = toks
        self.k = 0
        self.line = line
        self.col = col

    def error(self, message, tok=None):
        raise CompileError(message, self.line, self.col if tok is None else tok[2])

    def peek(self):
        return self.toks[self.k][0] if self.k < len(self.toks) else ""

    def take(self):
        if self.k == len(self.toks):
            self.error("unexpected end of #if expression")
        self.k += 1
        return self.toks[self.k - 1]

    def value(self):
        v = self.ternary(0, True)
        if self.k < len(self.toks):
            tok = self.toks[self.k]
            self.error("unexpected '%s' in #if expression" % tok[0], tok)
        return v

    def nest(self, depth):
        if depth > _MAX_NESTING:
            self.error("expression nested too deeply", self.toks[self.k - 1])

    def ternary(self, depth, live):
        self.nest(depth)
        c = self.binary(1, depth, live)
        if self.peek() != "?":
            return c
        self.k += 1
        a = self.ternary(depth + 1, live and c != 0)
        if self.peek() != ":":
            self.error("missing ':' in #if expression", self.toks[self.k - 1])
        self.k += 1
        b = self.ternary(depth + 1, live and c == 0)
        return a if c else b

    def binary(self, min_prec, depth, live):
        # Precedence climbing: recursion here is bounded by the number of
        # precedence levels, not by the input.
        a = self.unary(depth, live)
        while _BINARY.get(self.peek(), 0) >= min_prec:
            tok = self.take()
            op = tok[0]
            b_live = live and not ((op == "&&" and a == 0) or (op == "||" and a != 0))
            b = self.binary(_BINARY[op] + 1, depth, b_live)
            a = self.apply(tok, a, b, live)
        return a

    def unary(self, depth, live):
        self.nest(depth)
        tok = self.take()
        s = tok[0]
        if s == "(":
            v = self.ternary(depth + 1, live)
            if self.peek() != ")":
                self.error("missing ')' in #if expression", tok)
            self.k += 1
            return v
        if s in ("-", "+", "!", "~"):
            v = self.unary(depth + 1, live)
            return _wrap(-v) if s == "-" else v if s == "+" else int(v == 0) if s == "!" else ~v
        if _is_ident_start(s[0]):
            return 0             # an identifier that is no macro: 0, as in C
        if not (s[0].isdigit() or s[0] == "."):
            self.error("unexpected '%s' in #if expression" % s, tok)
        try:                     # a number: the lexer's own rules and errors
            lx = Lexer(s.encode())
        except CompileError as e:
            self.error(e.message, tok)
        if lx.kind == FLOAT:
            self.error("#if expects integers, not '%s'" % s, tok)
        return lx.value

    def apply(self, tok, a, b, live):
        op = tok[0]
        if op == "/" or op == "%":
            if b == 0:
                return self.dead("division by zero in #if", tok, live)
            q = abs(a) // abs(b)         # C truncates towards zero
            q = -q if (a < 0) != (b < 0) else q
            return _wrap(q if op == "/" else a - b * q)
        if op == "<<" or op == ">>":
            if b < 0 or b > 31:
                return self.dead("shift count out of range in #if", tok, live)
            return _wrap(a << b) if op == "<<" else a >> b
        return _wrap(int({"+": a + b, "-": a - b, "*": a * b, "&": a & b, "^": a ^ b,
                          "|": a | b, "&&": a != 0 and b != 0, "||": a != 0 or b != 0,
                          "==": a == b, "!=": a != b, "<": a < b, ">": a > b,
                          "<=": a <= b, ">=": a >= b}[op]))

    def dead(self, message, tok, live):
        # An error only where C evaluates; elsewhere the value is unused.
        if live:
            self.error(message, tok)
        return 0
