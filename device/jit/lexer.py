# On-demand lexer: the parser asks for one token at a time and no token list
# is ever built, so lexing costs O(1) memory whatever the shader's length.
# Float literals are converted to Q16.16 here with integer arithmetic only,
# so CPython and MicroPython (single-precision floats on the chip) produce
# the very same constants.
#
# Characters are read as one-character slices, src[i:i + 1], never src[i]:
# MicroPython interns every single character it indexes out of a str, and
# the first new one can make it allocate a whole new (mostly empty) pool
# of interned strings, several KB, mid-compile.

from ..compat import const
from .errors import CompileError

EOF = const(0)
IDENT = const(1)
INT = const(2)
FLOAT = const(3)
PUNCT = const(4)
UINT = const(5)

# Multi-character punctuators, longest first.
_PUNCT_MULTI = ("<<=", ">>=", "<=", ">=", "==", "!=", "&&", "||", "^^", "++", "--", "+=", "-=",
                "*=", "/=", "%=", "<<", ">>", "&=", "|=", "^=")
_PUNCT1 = "(){}[],;.+-*/%<>=!~&|^?:"

_Q16_MAX = const(0x7FFFFFFF)


def _is_ident_start(c):
    return c.isalpha() or c == "_"


def _is_ident_char(c):
    return c.isalpha() or c.isdigit() or c == "_"


def q16_from_decimal(digits, exponent):
    # round(int(digits) * 10**exponent * 65536), or None when out of range.
    m = int(digits) if digits else 0
    if m == 0:
        return 0
    significant = len(str(m))
    if significant - 1 + exponent >= 5:
        return None
    if significant + exponent < -10:
        return 0
    if exponent >= 0:
        q = m * 65536 * 10 ** exponent
    else:
        den = 10 ** (-exponent)
        q = (m * 65536 * 2 + den) // (2 * den)
    return q if q <= _Q16_MAX else None


class Lexer:
    def __init__(self, source):
        self.src = source
        self.pos = 0
        self.line = 1
        self.line_start = 0
        # The current token.
        self.kind = EOF
        self.text = ""
        self.value = 0
        self.tline = 1
        self.tcol = 1
        self.next()

    def save(self):
        # Where the current token starts, to come back to it (a for loop's
        # step is compiled after its body, a switch's cases are read twice).
        return (self.pos, self.line, self.line_start, self.kind, self.text, self.value,
                self.tline, self.tcol)

    def restore(self, state):
        (self.pos, self.line, self.line_start, self.kind, self.text, self.value,
         self.tline, self.tcol) = state

    def error(self, message, line=None, col=None):
        raise CompileError(message, self.tline if line is None else line,
                           self.tcol if col is None else col)

    def _newline(self, pos):
        self.line += 1
        self.line_start = pos + 1

    def _skip_space(self):
        src = self.src
        n = len(src)
        while self.pos < n:
            c = src[self.pos:self.pos + 1]
            if c == "\n":
                self._newline(self.pos)
                self.pos += 1
            elif c == " " or c == "\t" or c == "\r":
                self.pos += 1
            elif c == "/" and src.startswith("//", self.pos):
                end = src.find("\n", self.pos)
                self.pos = n if end < 0 else end
            elif c == "/" and src.startswith("/*", self.pos):
                end = src.find("*/", self.pos + 2)
                if end < 0:
                    self.error("unterminated comment", self.line, self.pos - self.line_start + 1)
                for i in range(self.pos, end):
                    if src[i:i + 1] == "\n":
                        self._newline(i)
                self.pos = end + 2
            else:
                return

    def next(self):
        self._skip_space()
        src = self.src
        start = self.pos
        self.tline = self.line
        self.tcol = start - self.line_start + 1
        if start >= len(src):
            self.kind = EOF
            self.text = ""
            return
        c = src[start:start + 1]
        if _is_ident_start(c):
            end = start + 1
            while end < len(src) and _is_ident_char(src[end:end + 1]):
                end += 1
            self.kind = IDENT
            self.text = src[start:end]
            self.pos = end
        elif c.isdigit() or (c == "." and src[start + 1:start + 2].isdigit()):
            self._number()
        else:
            for p in _PUNCT_MULTI:
                if src.startswith(p, start):
                    self.kind = PUNCT
                    self.text = p
                    self.pos = start + len(p)
                    return
            if c in _PUNCT1:
                self.kind = PUNCT
                self.text = c
                self.pos = start + 1
            else:
                self.error("unexpected character '%s'" % c)

    def _scan_digits(self, pos):
        src = self.src
        while pos < len(src) and src[pos:pos + 1].isdigit():
            pos += 1
        return pos

    def _number(self):
        src = self.src
        start = self.pos
        if src.startswith("0x", start) or src.startswith("0X", start):
            end = start + 2
            while end < len(src) and src[end:end + 1] in "0123456789abcdefABCDEF":
                end += 1
            if end == start + 2:
                self.error("malformed hexadecimal literal")
            self._finish_int(int(src[start + 2:end], 16), end)
            return
        int_end = self._scan_digits(start)
        int_digits = src[start:int_end]
        end = int_end
        frac_digits = ""
        is_float = False
        if end < len(src) and src[end:end + 1] == ".":
            is_float = True
            frac_end = self._scan_digits(end + 1)
            frac_digits = src[end + 1:frac_end]
            end = frac_end
        exponent = 0
        if end < len(src) and src[end:end + 1] in "eE":
            e = end + 1
            sign = 1
            if e < len(src) and src[e:e + 1] in "+-":
                sign = -1 if src[e:e + 1] == "-" else 1
                e += 1
            e_end = self._scan_digits(e)
            if e_end == e:
                self.error("malformed exponent in float literal")
            exponent = sign * int(src[e:e_end])
            end = e_end
            is_float = True
        if end < len(src) and src[end:end + 1] in "fF":
            is_float = True
            end += 1
        if not is_float:
            if len(int_digits) > 1 and int_digits[0] == "0":
                self.error("octal literals are not supported")
            self._finish_int(int(int_digits), end)
            return
        if end < len(src) and _is_ident_char(src[end:end + 1]):
            self.error("invalid suffix on float literal")
        q = q16_from_decimal(int_digits + frac_digits, exponent - len(frac_digits))
        if q is None:
            self.error("float literal %s is outside the Q16.16 range (-32768 to 32767.99998)"
                       % src[start:end])
        self.kind = FLOAT
        self.value = q
        self.text = src[start:end]
        self.pos = end

    def _finish_int(self, value, end):
        src = self.src
        kind = INT
        if end < len(src) and src[end:end + 1] in "uU":
            kind = UINT
            end += 1
        if end < len(src) and _is_ident_char(src[end:end + 1]):
            self.error("invalid suffix on integer literal")
        if value > 0xFFFFFFFF or (kind == INT and value > 0x7FFFFFFF and
                                  not src.startswith("0x", self.pos) and
                                  not src.startswith("0X", self.pos)):
            self.error("integer literal %s does not fit in 32 bits" % src[self.pos:end])
        self.kind = kind
        self.value = value - 0x100000000 if value > 0x7FFFFFFF else value
        self.text = src[self.pos:end]
        self.pos = end
