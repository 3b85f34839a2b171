# The per-function IR: instructions of four 16-bit fields (op, d, a, b), built by the
# parser as it goes and dropped once the function's machine code exists.
# They are stored in fixed 1 KB chunks rather than one growing array:
# MicroPython grows an array by reallocating it, and in a heap fragmented
# by the parser's small objects a large contiguous block may not exist even
# with plenty of memory free. Operands below VREG0 are physical registers (x0 is the
# constant zero, a0..a7 carry call arguments and results); operands from
# VREG0 up are virtual registers. Vectors never reach the IR: the parser
# scalarises them. Ops are already at machine level (Q16.16 lowering
# happens while building), so the allocator can emit code directly.
#
#   LI    d                 d = const_of(d) (any 32-bit value, kept beside
#                           the IR so that every field fits 16 bits)
#   MV    d, a              d = a
#   R ops d, a, b           d = a <op> b, RV32IM semantics
#   I ops d, a, imm         d = a <op> imm (12-bit immediate or shift amount)
#   FMUL  d, a, b           Q16.16 product: (a * b) >> 16, low 32 bits
#   MIN/MAX d, a, b         signed
#   ABS   d, a              |a| (wrapping at -2^31)
#   LWI   d, a, imm         d = word at address a + imm (a may be sp or gp)
#   SWI   v, a, imm         word at address a + imm = v (v is read, not defined)
#   CALL  fn, nargs, nres   user function: args in a0.., results in a0..a7;
#                           nres | KEEP when the call has effects beyond its
#                           results (it stores to globals), so it stays
#                           even when no result is read
#   HCALL id, nargs, nres   runtime helper (H_* below, helpers.py): same
#                           registers, fewer clobbers
#   RET   -, nres           return a0..a(nres-1)
#   Bcc   label, a, b       branch to label when a <cc> b
#   JMP   label
#   LABEL label
#   LOOP  label, first, n   a loop header: the label its back edge jumps to;
#                           `first` is the first vreg created inside the loop,
#                           n the calls a trip makes (each spends fuel)
#   BACK  label, at, line   the loop's back edge: jump to the LOOP at IR
#                           index `at`, after a fuel check that reports
#                           `line` when the frame's fuel is spent
#   MEMO  first, n          the end of a per-frame memo block (builtins.hoist):
#                           when none of the n vregs from `first` is read
#                           below, the block back to its MEMO 0, 0 start
#                           marker is dropped

from array import array

from ..compat import const

VREG0 = const(32)
ARG0 = const(10)             # a0: first argument and result register
CHUNK_INSNS = const(64)      # workspace.IR_CHUNK_FIELDS / 4
MAX_VREGS = const(32767)     # operands are signed 16-bit
ZERO = const(0)
NO_HINT = const(255)

LI = const(1)
MV = const(2)
ADD = const(3)
SUB = const(4)
AND = const(5)
OR = const(6)
XOR = const(7)
SLL = const(8)
SRL = const(9)
SRA = const(10)
SLT = const(11)
SLTU = const(12)
MUL = const(13)
MULH = const(14)
MULHU = const(15)
DIV = const(16)
REM = const(17)
DIVU = const(18)
REMU = const(19)
ADDI = const(20)
ANDI = const(21)
ORI = const(22)
XORI = const(23)
SLTI = const(24)
SLTIU = const(25)
SLLI = const(26)
SRLI = const(27)
SRAI = const(28)
FMUL = const(29)
MIN = const(30)
MAX = const(31)
ABS = const(32)
CALL = const(33)
HCALL = const(34)
RET = const(35)
BEQ = const(36)
BNE = const(37)
BLT = const(38)
BGE = const(39)
BLTU = const(40)
BGEU = const(41)
JMP = const(42)
LABEL = const(43)
LWI = const(44)
SWI = const(45)
LOOP = const(46)
BACK = const(47)
MEMO = const(48)

KEEP = const(0x100)          # CALL nres flag, see above
SEG = const(0x8000)          # in const_at: not a constant (alloc_fast.py's seg)
GP = const(27)               # s11: the parameter block and globals (frame.py), always
SP = const(2)

# Runtime helper ids for HCALL.
H_DIV = const(0)
H_MOD = const(1)
H_SIN = const(2)
H_COS = const(3)
H_SQRT = const(4)
H_ATAN2 = const(5)   # a0 = y, a1 = x
H_EXP2 = const(6)
H_LOG2 = const(7)
H_LENGTH = const(8)  # a0..a3 = components (unused ones 0)
H_FUEL = const(9)    # t6 = line: the frame's fuel is spent (never returns)


def is_itype(op):
    return ADDI <= op <= SRAI


# The branch with the opposite condition is op ^ 1 (BEQ/BNE, BLT/BGE and
# BLTU/BGEU are pairs, the first even), its unsigned form op + 2.

# R op -> its immediate form, for a constant second operand, 0 for none:
# bytes indexed by op, not a dict (heap on the board).
_IMM_FORM = b"\0\0\0\x14\0\x15\x16\x17\x1a\x1b\x1c\x18\x19"
_COMMUTATIVE = (ADD, AND, OR, XOR, MUL, MULH, MULHU, FMUL, MIN, MAX)
_SHIFTS = (SLL, SRL, SRA)


def wrap32(v):
    v &= 0xFFFFFFFF
    return v - 0x100000000 if v & 0x80000000 else v


def _trunc_div(a, b):
    q = abs(a) // abs(b)
    return -q if (a < 0) != (b < 0) else q


def fold(op, a, b):
    # The value the machine computes for `a op b`, both signed 32-bit.
    ua = a & 0xFFFFFFFF
    ub = b & 0xFFFFFFFF
    if op == ADD:
        r = a + b
    elif op == SUB:
        r = a - b
    elif op == AND:
        r = a & b
    elif op == OR:
        r = a | b
    elif op == XOR:
        r = a ^ b
    elif op == SLL:
        r = a << (b & 31)
    elif op == SRL:
        r = ua >> (b & 31)
    elif op == SRA:
        r = a >> (b & 31)
    elif op == SLT:
        r = 1 if a < b else 0
    elif op == SLTU:
        r = 1 if ua < ub else 0
    elif op == MUL:
        r = a * b
    elif op == MULH:
        r = (a * b) >> 32
    elif op == MULHU:
        r = (ua * ub) >> 32
    elif op == DIV:
        r = -1 if b == 0 else _trunc_div(a, b)
    elif op == REM:
        r = a if b == 0 else a - b * _trunc_div(a, b)
    elif op == DIVU:
        r = 0xFFFFFFFF if b == 0 else ua // ub
    elif op == REMU:
        r = ua if b == 0 else ua % ub
    elif op == FMUL:
        r = (a * b) >> 16
    elif op == MIN:
        r = a if a < b else b
    elif op == MAX:
        r = a if a > b else b
    else:
        raise ValueError("cannot fold op %d" % op)
    return wrap32(r)


def fits12(v):
    return -2048 <= v < 2048


class FuncBuilder:
    # IR of one function while it is being parsed, in storage borrowed from a
    # Workspace: IR chunks from its pool (given back once the function is
    # compiled) and its per-vreg tables, so after the largest function
    # nothing here is allocated again.

    def __init__(self, ws):
        self.ws = ws
        self.chunks = []          # arrays of CHUNK_INSNS instructions
        self.n = 0                # instructions emitted
        self.nv = VREG0
        self.nconsts = 0
        self.nlabels = 0
        self.locals = 0           # words of local memory (arrays, call blocks) at sp+0..
        self.ncalls = 0           # CALL and HCALL instructions
        self.consts = {}          # value -> its LI's vreg in the current basic block

    def vreg(self):
        v = self.nv
        if v >= MAX_VREGS:
            raise MemoryError("function too large")
        self.nv += 1
        ws = self.ws
        i = v - VREG0
        if i == len(ws.hints):
            ws.grow_vregs()
        ws.hints[i] = NO_HINT
        ws.const_at[i] = 0
        return v

    def hint(self, v, reg):
        if v >= VREG0:
            self.ws.hints[v - VREG0] = reg

    def label(self):
        self.nlabels += 1
        return self.nlabels - 1

    def emit(self, op, d, a, b):
        i = (self.n % CHUNK_INSNS) * 4
        if i == 0:
            pool = self.ws.ir_pool
            self.chunks.append(pool.pop() if pool else array("h", range(CHUNK_INSNS * 4)))
        c = self.chunks[-1]
        c[i] = op
        c[i + 1] = d
        c[i + 2] = a
        c[i + 3] = b
        self.n += 1
        if op >= BEQ and (op <= LABEL or op >= LOOP) and self.consts:
            # A block ends: a constant's LI no longer comes before every use.
            self.consts.clear()

    def release(self):
        # Give the chunks back to the pool; the IR is gone after this.
        self.ws.ir_pool.extend(self.chunks)
        self.chunks = []

    def const(self, value):
        value = wrap32(value)
        if value == 0:
            return ZERO
        consts = self.consts
        v = consts.get(value)
        if v is not None:
            return v                # one LI per value in a basic block
        if len(consts) == 8:
            consts.clear()          # the last few: small, and near their uses
        v = self.vreg()
        consts[value] = v
        self.emit(LI, v, 0, 0)
        ws = self.ws
        k = self.nconsts
        if k == len(ws.const_values):
            ws.grow_consts()
        ws.const_values[k] = value
        ws.const_at[v - VREG0] = k + 1
        self.nconsts = k + 1
        return v

    def const_of(self, x):
        # The constant value of operand x, or None when it is not known.
        if x < VREG0:
            return 0 if x == ZERO else None
        k = self.ws.const_at[x - VREG0]
        return self.ws.const_values[k - 1] if 0 < k < SEG else None

    def mv(self, d, a):
        self.emit(MV, d, a, 0)

    def op2(self, op, a, b):
        # d = a op b, folded when both are constants, in immediate form when
        # the second operand is a small constant.
        ca = self.const_of(a)
        cb = self.const_of(b)
        if ca is not None and cb is not None:
            return self.const(fold(op, ca, cb))
        if ca is not None and cb is None and op in _COMMUTATIVE:
            a, b, ca, cb = b, a, cb, ca
        if cb is not None:
            if cb == 0 and (op in _SHIFTS or op in (ADD, SUB, OR, XOR)):
                return a
            if cb == 0 and op in (AND, MUL, FMUL):
                return ZERO
            if (op == FMUL and cb == 65536) or ((op == MUL or op == DIV) and cb == 1):
                return a
            if op == FMUL:
                # By a constant c = n + f / 2^16 (0 <= f < 2^16): a * n
                # plus floor(a * f / 2^16), one mulh by f << 16 (plus a
                # when that is negative as a word), or a >> 1 for f = 1/2:
                # the same bits as the five-instruction product.
                n = cb >> 16
                f = cb & 0xFFFF
                t = ZERO
                if f == 0x8000:
                    t = self.op1i(SRAI, a, 1)
                elif f:
                    w = f << 16
                    t = self.op2(MULH, a, self.const(w if f < 0x8000 else w - (1 << 32)))
                    if f > 0x8000:
                        t = self.op2(ADD, t, a)
                return self.op2(ADD, t, self.op2(MUL, a, self.const(n))) if n else t
            if op == MUL and cb > 1 and cb & (cb - 1) == 0:
                # The low word of a product by 2^k is a shift left by k.
                op = SLL
                cb = len(bin(cb)) - 3
            imm_op = ADD if op == SUB else op
            imm = -cb if op == SUB else cb
            if imm_op < len(_IMM_FORM) and _IMM_FORM[imm_op] and \
                    (imm_op in _SHIFTS or fits12(imm)):
                d = self.vreg()
                self.emit(_IMM_FORM[imm_op], d, a, imm & 31 if imm_op in _SHIFTS else imm)
                return d
        d = self.vreg()
        self.emit(op, d, a, b)
        return d

    def op1i(self, op, a, imm):
        # d = a op imm for an I op, folded when a is a constant.
        ca = self.const_of(a)
        if ca is not None:
            for r_op in range(len(_IMM_FORM)):
                if _IMM_FORM[r_op] == op:
                    return self.const(fold(r_op, ca, imm))
        d = self.vreg()
        self.emit(op, d, a, imm)
        return d

    def abs_(self, a):
        ca = self.const_of(a)
        if ca is not None:
            return self.const(-ca if ca < 0 else ca)
        d = self.vreg()
        self.emit(ABS, d, a, 0)
        return d

    def call(self, op, target, args, nres, keep=0):
        # CALL/HCALL: arguments into a0.., results out of a0.. into vregs.
        for i in range(len(args)):
            self.hint(args[i], ARG0 + i)
            self.emit(MV, ARG0 + i, args[i], 0)     # not mv(): a call less per word
        self.emit(op, target, len(args), nres | keep)
        self.ncalls += 1
        results = []
        for i in range(nres):
            v = self.vreg()
            self.hint(v, ARG0 + i)
            self.emit(MV, v, ARG0 + i, 0)
            results.append(v)
        return results
