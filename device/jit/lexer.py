# On-demand lexer: the parser asks for one token at a time and no token list
# is ever built, so lexing costs O(1) memory whatever the shader's length.
# Float literals are converted to Q16.16 here with integer arithmetic only,
# so CPython and MicroPython (single-precision floats on the chip) produce
# the very same constants.
#
# The source is read as UTF-8 bytes (str.encode(): MicroPython shares the
# str's data, no copy). Its str has no character index, so src[i] or
# src[i:j] on a str walks from its start: lexing a 4 KB shader that way
# cost over a billion instructions. A byte read is O(1) and allocates
# nothing, and bytes have find() and count(), which skip comments and, in
# pass 1, function bodies in C. Only identifiers and literals become str, and an
# identifier the compiler already knows comes back as its interned str.

from ..compat import const
from .errors import CompileError

EOF = const(0)
IDENT = const(1)
INT = const(2)
FLOAT = const(3)
PUNCT = const(4)
UINT = const(5)

# Punctuators, longest first (the preprocessor cuts tokens the same way).
PUNCTUATORS = ("<<=", ">>=", "<=", ">=", "==", "!=", "&&", "||", "^^", "++", "--", "+=", "-=",
               "*=", "/=", "%=", "<<", ">>", "&=", "|=", "^=",
               "(", ")", "{", "}", "[", "]", ",", ";", ".", "+", "-", "*", "/", "%", "<",
               ">", "=", "!", "~", "&", "|", "^", "?", ":")

_Q16_MAX = const(0x7FFFFFFF)
_MULTI = const(21)      # PUNCTUATORS[:_MULTI] are the multi-character ones

# The class of each ASCII byte (a byte >= 128 has class 0, none): a small
# number for the characters of identifiers, numbers and blanks, and for a
# punctuator 64 + its index in PUNCTUATORS.
_LETTER = const(1)      # letters but a-f and A-F, and '_'
_HEX_LETTER = const(2)
_DIGIT = const(3)       # so identifier characters are 1..3, hex digits 2..3
_BLANK = const(4)       # blanks other than newline
_PUNCT_CLASS = const(64)
_CLASS = bytearray(128)
for _c in b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_":
    _CLASS[_c] = _LETTER
for _c in b"abcdefABCDEF":
    _CLASS[_c] = _HEX_LETTER
for _c in b"0123456789":
    _CLASS[_c] = _DIGIT
for _c in b" \t\r":
    _CLASS[_c] = _BLANK
for _c in range(_MULTI, len(PUNCTUATORS)):
    _CLASS[ord(PUNCTUATORS[_c])] = _PUNCT_CLASS + _c
del _c
# Bytes that can start a multi-character punctuator: the second byte is
# '=' or the first one again. const(): folded by mpy-cross, so their names
# are not interned on the board.
_MULTI_FIRST = const(b"<>=!&|^+-*/%")
_MULTI_SECOND = const(b"=<>&|^+-")


def q16_from_decimal(digits, exponent):
    # round(int(digits) * 10**exponent * 65536), or None when out of range.
    # The range is decided before converting: a literal of thousands of
    # digits is an answer, not a huge integer.
    digits = digits.lstrip("0")
    if not digits:
        return 0
    significant = len(digits)
    if significant - 1 + exponent >= 5:
        return None
    if significant + exponent < -10:
        return 0
    if significant > 30:
        # 30 digits decide the rounding; a 1 after them stands for any
        # non-zero rest, so that a tie is still told from just above it.
        rest = digits[30:].strip("0")
        exponent += significant - 31
        digits = digits[:30] + ("1" if rest else "0")
    m = int(digits)
    if exponent >= 0:
        q = m * 65536 * 10 ** exponent
    else:
        den = 10 ** (-exponent)
        q = (m * 65536 * 2 + den) // (2 * den)
    return q if q <= _Q16_MAX else None


class Lexer:
    def __init__(self, source):
        self.src = source           # UTF-8 bytes
        self.n = len(source)
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

    def span(self, start, end):
        # The source from byte start to end, as a str.
        return str(self.src[start:end], "utf-8")

    def _skip_space(self):
        # Blanks, newlines and comments from self.pos. A comment is skipped
        # by find(), in C: a byte at a time in Python costs about 600 C3
        # cycles, and comments are often a third of a shader.
        src = self.src
        n = self.n
        pos = self.pos
        while pos < n:
            c = src[pos]
            if c == 10:                                 # newline
                pos += 1
                self.line += 1
                self.line_start = pos
            elif c < 128 and _CLASS[c] == _BLANK:
                pos += 1
            elif c != 47 or pos + 1 >= n:
                break
            elif src[pos + 1] == 47:                    # //
                pos = src.find(b"\n", pos + 2)
                if pos < 0:
                    pos = n
            elif src[pos + 1] == 42:                    # /*
                end = src.find(b"*/", pos + 2)
                if end < 0:
                    self.error("unterminated comment", self.line, pos - self.line_start + 1)
                self._lines(pos, end)
                pos = end + 2
            else:
                break
        self.pos = pos

    def _lines(self, start, end):
        # Count the lines of src[start:end], a comment or a function body
        # skipped whole. Columns count characters: a multi-byte character
        # (only valid in a comment) on the last line moves line_start on by
        # its continuation bytes.
        src = self.src
        k = src.count(b"\n", start, end)
        if k:
            self.line += k
            self.line_start = src.rfind(b"\n", start, end) + 1
        start = max(start, self.line_start)
        if end > start and max(src[start:end]) >= 128:     # max() runs in C
            for i in range(start, end):
                if src[i] & 0xC0 == 0x80:
                    self.line_start += 1

    def next(self):
        # A call per token: the common tokens are read inline (a method
        # call costs MicroPython as much as a few dozen bytecodes).
        src = self.src
        n = self.n
        start = self.pos
        # Blanks here (the common case); newlines and comments in _skip_space.
        while start < n:
            c = src[start]
            if c == 32 or c == 9 or c == 13:
                start += 1
                continue
            if c == 10 or c == 47:
                self.pos = start
                self._skip_space()
                start = self.pos
            break
        self.tline = self.line
        self.tcol = start - self.line_start + 1
        if start >= n:
            self.pos = start
            self.kind = EOF
            self.text = ""
            return
        c = src[start]
        cls = _CLASS[c] if c < 128 else 0
        if _LETTER <= cls <= _HEX_LETTER:
            end = start + 1
            while end < n:              # _scan(start + 1, _LETTER), inline
                c = src[end]
                if c >= 128 or not _LETTER <= _CLASS[c] <= _DIGIT:
                    break
                end += 1
            self.kind = IDENT
            self.text = str(src[start:end], "utf-8")
            self.pos = end
        elif cls == _DIGIT or (c == 46 and self._class(start + 1) == _DIGIT):
            self.pos = start
            self._number()
        elif cls >= _PUNCT_CLASS:
            self.kind = PUNCT
            self.text = PUNCTUATORS[cls - _PUNCT_CLASS]
            self.pos = start + 1
            if c in _MULTI_FIRST and start + 1 < n and src[start + 1] in _MULTI_SECOND:
                self._multi(start)
        else:
            self._unexpected(start)

    def _unexpected(self, start):
        # Kept out of next(), whose frame (7 locals and their stack) then
        # fits the 11 words MicroPython keeps on the C stack: otherwise
        # every token would allocate a heap frame.
        end = start + 1
        while end < self.n and self.src[end] & 0xC0 == 0x80:
            end += 1                    # the whole of a multi-byte character
        self.error("unexpected character '%s'" % self.span(start, end))

    def skip_block(self):
        # Pass 1 over a function body, from the current token (the first
        # inside the '{') to the matching '}', which is consumed. Returns
        # the names called: an identifier before '(' (blanks and comments
        # may come between), in order of first call. Only the bytes that
        # matter are visited, found by find() in C: braces, '(' and '/'.
        # What is malformed inside is left for pass 2 to report where it
        # is; comments and lines are followed exactly as next() does.
        src = self.src
        n = self.n
        start = pos = self.line_start + self.tcol - 1   # where the current token starts
        depth = 0
        calls = []
        name = None                 # (start, end) of the name a '(' would call
        seg = pos                   # where the code after the last '{}(/' or comment starts
        ob = src.find(b"{", pos)
        cb = src.find(b"}", pos)
        pa = src.find(b"(", pos)
        sl = src.find(b"/", pos)
        if ob < 0:
            ob = n
        if cb < 0:
            cb = n
        if pa < 0:
            pa = n
        if sl < 0:
            sl = n
        while True:
            p = ob if ob < cb else cb
            if pa < p:
                p = pa
            if sl < p:
                p = sl
            if p >= n:
                break
            c = src[p]
            if c == 47:                                 # '/'
                d = src[p + 1] if p + 1 < n else 0
                if d != 47 and d != 42:
                    name = None
                    seg = p + 1
                    sl = src.find(b"/", seg)
                    if sl < 0:
                        sl = n
                    continue
            if c == 40 or c == 47:
                # The name that ends src[seg:p] but for blanks, as (start,
                # end); the one before if src[seg:p] is all blanks (a
                # comment came between); None if something else ends it.
                i = p - 1
                while i >= seg and (src[i] == 32 or src[i] == 10 or src[i] == 9
                                    or src[i] == 13):
                    i -= 1
                if i >= seg:
                    e = i + 1
                    while i >= seg and src[i] < 128 and _LETTER <= _CLASS[src[i]] <= _DIGIT:
                        i -= 1
                    name = None if i + 1 == e or _CLASS[src[i + 1]] == _DIGIT else (i + 1, e)
            if c == 47:
                if d == 47:                             # //
                    seg = src.find(b"\n", p + 2)
                    if seg < 0:
                        seg = n
                else:                                   # /*
                    seg = src.find(b"*/", p + 2)
                    if seg < 0:
                        self._lines(start, p)
                        self.error("unterminated comment", self.line, p - self.line_start + 1)
                    seg += 2
                # The next of each byte, past the comment.
                if ob < seg:
                    ob = src.find(b"{", seg)
                    if ob < 0:
                        ob = n
                if cb < seg:
                    cb = src.find(b"}", seg)
                    if cb < 0:
                        cb = n
                if pa < seg:
                    pa = src.find(b"(", seg)
                    if pa < 0:
                        pa = n
                sl = src.find(b"/", seg)
                if sl < 0:
                    sl = n
                continue
            if c == 40:                                 # '('
                if name is not None:
                    text = self.span(name[0], name[1])
                    if text not in calls:
                        calls.append(text)
                pa = src.find(b"(", p + 1)
                if pa < 0:
                    pa = n
            elif c == 123:                              # '{'
                depth += 1
                ob = src.find(b"{", p + 1)
                if ob < 0:
                    ob = n
            else:                                       # '}'
                if depth == 0:
                    self._lines(start, p)
                    self.pos = p + 1
                    self.next()
                    return calls
                depth -= 1
                cb = src.find(b"}", p + 1)
                if cb < 0:
                    cb = n
            name = None
            seg = p + 1
        self._lines(start, n)
        self.pos = n
        self.next()
        self.error("expected '}' but found end of file")

    def _multi(self, start):
        # The longest punctuator at start (they are listed longest first),
        # when longer than the single byte next() took.
        src = self.src
        n = self.n - start
        for i in range(_MULTI):
            p = PUNCTUATORS[i]
            k = len(p)
            if k <= n and ord(p[0]) == src[start] and ord(p[1]) == src[start + 1] and \
                    (k == 2 or ord(p[2]) == src[start + 2]):
                self.text = p
                self.pos = start + k
                return

    def _class(self, i):
        # The class of the byte at i; past the end, that of a 0 byte.
        c = self.src[i] if i < self.n else 0
        return _CLASS[c] if c < 128 else 0

    def _scan(self, pos, lo):
        # The end of the run of bytes from pos whose class is lo.._DIGIT:
        # identifier characters (_LETTER), hexadecimal digits (_HEX_LETTER)
        # or digits (_DIGIT). The hot loop: no calls.
        src = self.src
        n = len(src)
        while pos < n:
            c = src[pos]
            if c >= 128 or not lo <= _CLASS[c] <= _DIGIT:
                break
            pos += 1
        return pos

    def _number(self):
        # Bytes past the end read as 0.
        src = self.src
        n = self.n
        start = self.pos
        c = src[start + 1] if start + 1 < n else 0
        if src[start] == 48 and c | 32 == 120:     # 0x, 0X
            end = self._scan(start + 2, _HEX_LETTER)
            if end == start + 2:
                self.error("malformed hexadecimal literal")
            digits = self.span(start + 2, end).lstrip("0")
            self._finish_int(int(digits or "0", 16) if len(digits) <= 8 else 1 << 32, end, True)
            return
        int_end = self._scan(start, _DIGIT)
        int_digits = self.span(start, int_end)
        end = int_end
        frac_digits = ""
        is_float = False
        c = src[end] if end < n else 0
        if c == 46:                                 # .
            is_float = True
            frac_end = self._scan(end + 1, _DIGIT)
            frac_digits = self.span(end + 1, frac_end)
            end = frac_end
            c = src[end] if end < n else 0
        exponent = 0
        if c | 32 == 101:                           # e, E
            e = end + 1
            sign = 1
            c = src[e] if e < n else 0
            if c == 45 or c == 43:                  # - +
                sign = -1 if c == 45 else 1
                e += 1
            e_end = self._scan(e, _DIGIT)
            if e_end == e:
                self.error("malformed exponent in float literal")
            # (more than 6 digits: out of range or 0 either way)
            exponent = sign * (int(self.span(e, e_end)) if e_end - e <= 6 else 10 ** 6)
            end = e_end
            is_float = True
            c = src[end] if end < n else 0
        if c | 32 == 102:                           # f, F
            is_float = True
            end += 1
        if not is_float:
            if len(int_digits) > 1 and int_digits[0] == "0":
                self.error("octal literals are not supported")
            self._finish_int(int(int_digits) if len(int_digits) <= 10 else 1 << 32, end, False)
            return
        if _LETTER <= self._class(end) <= _DIGIT:
            self.error("invalid suffix on float literal")
        q = q16_from_decimal(int_digits + frac_digits, exponent - len(frac_digits))
        if q is None:
            self.error("float literal %s is outside the Q16.16 range (-32768 to 32767.99998)"
                       % self.span(start, min(end, start + 24)))
        self.kind = FLOAT
        self.value = q
        self.text = self.span(start, end)
        self.pos = end

    def _finish_int(self, value, end, hexadecimal):
        src = self.src
        n = self.n
        kind = INT
        c = src[end] if end < n else 0
        if c | 32 == 117:                           # u, U
            kind = UINT
            end += 1
        if _LETTER <= self._class(end) <= _DIGIT:
            self.error("invalid suffix on integer literal")
        if value > 0xFFFFFFFF or (kind == INT and value > 0x7FFFFFFF and not hexadecimal):
            self.error("integer literal %s does not fit in 32 bits"
                       % self.span(self.pos, min(end, self.pos + 24)))
        self.kind = kind
        self.value = value - 0x100000000 if value > 0x7FFFFFFF else value
        self.text = self.span(self.pos, end)
        self.pos = end
