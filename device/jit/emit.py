# Machine code for one function, emitted backwards: the allocator walks the
# IR from the last instruction to the first and calls these methods, so the
# code is built from its end. Halfwords are appended in reverse; `pos()` is
# the distance from the end of the function in halfwords, which never
# changes once something is emitted. A label below the current point is
# therefore already placed and forward branches get exact offsets (and the
# compressed form whenever it fits) without fixups.
#
# Halfwords live in fixed 1 KB chunks (see ir.py for why not one array).
#
# t6 is the scratch register of multi-instruction expansions and move
# cycles; the allocator never hands it out.
#
# Each method takes physical registers and picks the shortest encoding.
# Multi-instruction sequences are written in program order and pushed
# reversed by `seq`.

from ..compat import const
from array import array
from . import rv32 as R
from . import ir


# Per IR op, the base encoding of its instruction, for the R ops (ir.ADD
# to ir.REMU), the I ops (ir.ADDI to ir.SRAI) and the branches (ir.BEQ to
# ir.BGEU), as a byte: the opcode (bits 5-6: R, I, B), funct7 (bits 3-4:
# 0, 0x20, 0x01) and funct3 (bits 0-2); see _base(). Bytes indexed by op:
# three dicts took about 1 KB of the board's heap, a tuple 350 bytes.
_BASE = b"\0\0\0\0\x08\x07\x06\x04\x01\x05\r\x02\x03\x10\x11\x13\x14\x16\x15\x17 '&$\"#!%-\0\0\0\0\0\0\0@ADEFG"


def _base(op):
    c = _BASE[op]
    return (0x33, 0x13, 0x63)[c >> 5] | (c & 7) << 12 | (0, 0x40000000, 0x02000000)[c >> 3 & 3]


# RVC register-register ALU forms (rd == rs1, both in x8..x15), by op from
# ir.SUB to ir.XOR. (tests/test_rv32_encoding.py checks both tables.)
_CA_BASE = (R.C_SUB, R.C_AND, R.C_OR, R.C_XOR)
_COMMUTATIVE = (ir.ADD, ir.AND, ir.OR, ir.XOR, ir.MUL, ir.MULH, ir.MULHU)

CHUNK_HALFWORDS = const(512)        # workspace.CODE_CHUNK_HALFWORDS
CALL_USER = const(0)
CALL_HELPER = const(1)


class BackEmitter:
    def __init__(self, pool):
        self.pool = pool  # spare chunks, shared by the functions of a program
        self.chunks = []
        self.n = 0        # halfwords emitted
        self.calls = []   # (from-end position of a jal, CALL_USER/CALL_HELPER, target)
        self.jumps_to_end = False   # a return (or branch) reaches the epilogue by a jump
        self.target = -1  # the last position handed out: code may jump there

    def pos(self):
        # Every position asked for may become a branch target, so the code
        # emitted so far (below it) is not rewritten across it.
        self.target = self.n
        return self.n

    def new_chunk(self):
        # Room for the next CHUNK_HALFWORDS halfwords: a spare chunk if any.
        pool = self.pool
        self.chunks.append(pool.pop() if pool else array("H", range(CHUNK_HALFWORDS)))

    def ins(self, w):
        # One instruction, as halfwords: a 32-bit one high half first (the
        # code is built from its end). The hot path of the allocator: no
        # calls inside but one per chunk.
        big = w & 3 == 3
        h = w >> 16 if big else w
        while True:
            i = self.n % CHUNK_HALFWORDS
            if i == 0:
                self.new_chunk()
            self.chunks[-1][i] = h
            self.n += 1
            if not big:
                return
            big = False
            h = w & 0xFFFF

    def seq(self, *insns):
        # The instructions in program order (emitted last first).
        for i in range(len(insns) - 1, -1, -1):
            self.ins(insns[i])

    def copy_forward(self, code):
        # Append the function body, in program order, to a CodeBuffer.
        j = code.reserve(2 * self.n)
        out = code.buf
        left = self.n
        for ci in range(len(self.chunks) - 1, -1, -1):
            chunk = self.chunks[ci]
            for i in range(min(left - ci * CHUNK_HALFWORDS, CHUNK_HALFWORDS) - 1, -1, -1):
                v = chunk[i]
                out[j] = v & 0xFF
                out[j + 1] = v >> 8
                j += 2
        self.pool.extend(self.chunks)
        self.chunks = []

    # ---- moves and constants --------------------------------------------------

    def mv(self, rd, rs):
        # Moves are the commonest instruction: c.mv rd, rs (c.li rd, 0 from
        # zero) encoded inline and its one halfword pushed as ins() would,
        # without a call.
        if rd != rs:
            i = self.n % CHUNK_HALFWORDS
            h = (R.C_MV | rs << 2 if rs else R.C_LI) | rd << 7
            if i > 1:
                # The instruction after this one, emitted already. The
                # allocator's shuffles around calls and merges leave pairs:
                # `mv rd, rs; mv rs, rd` or the same move twice make the
                # second a no-op, dropped unless something jumps to it;
                # `mv rd, rs; mv rd, x` (x not rd) makes this one dead.
                last = self.chunks[-1][i - 1]
                src = (last >> 2) & 31      # 0 for c.jr, which shares the pattern
                if last & 0xF003 == R.C_MV and src and src != rd and (last >> 7) & 31 == rd:
                    return
                back = R.C_MV | rd << 2 | rs << 7       # mv rs, rd
                if self.n != self.target and (last == h or rs and last == back):
                    self.n -= 1
                    i -= 1
            elif i == 0:
                self.new_chunk()
            self.chunks[-1][i] = h
            self.n += 1

    def li(self, rd, value):
        if -32 <= value < 32:
            self.ins(R.ci(R.C_LI, rd, value))
        elif ir.fits12(value):
            self.ins(R.i(R.ADDI, rd, 0, value))
        else:
            hi, lo = R.hi_lo(value)
            upper = R.ci(R.C_LUI, rd, hi) if (hi < 32 or hi >= 0xFFFE0) and rd != R.SP else R.u(R.LUI, rd, hi)
            if lo:
                self.seq(upper, self.addi_form(rd, rd, lo))
            else:
                self.ins(upper)

    def addi_form(self, rd, rs, imm):
        if rs == 0 and -32 <= imm < 32:
            return R.ci(R.C_LI, rd, imm)
        if rd == rs and imm != 0 and -32 <= imm < 32:
            return R.ci(R.C_ADDI, rd, imm)
        if imm == 0 and rs != 0:
            return R.cr(R.C_MV, rd, rs)
        return R.i(R.ADDI, rd, rs, imm)

    # ---- ALU ----------------------------------------------------------------

    def alu(self, op, rd, a, b):
        # R-type op with registers.
        if op in _COMMUTATIVE and rd == b and rd != a:
            a, b = b, a
        if rd == a and rd != 0:
            if op == ir.ADD and b != 0:
                self.ins(R.cr(R.C_ADD, rd, b))
                return
            if ir.SUB <= op <= ir.XOR and R.is_creg(rd) and R.is_creg(b):
                self.ins(R.ca(_CA_BASE[op - ir.SUB], rd, b))
                return
        if op == ir.ADD and a == 0 and b != 0:
            self.ins(R.cr(R.C_MV, rd, b))
            return
        self.ins(R.r(_base(op), rd, a, b))

    def alui(self, op, rd, a, imm):
        if op == ir.ADDI:
            self.ins(self.addi_form(rd, a, imm))
            return
        if rd == a:
            if op == ir.SLLI and imm != 0 and rd != 0:
                self.ins(R.ci(R.C_SLLI, rd, imm))
                return
            if R.is_creg(rd):
                if op == ir.SRLI and imm != 0:
                    self.ins(R.cb_imm(R.C_SRLI, rd, imm))
                    return
                if op == ir.SRAI and imm != 0:
                    self.ins(R.cb_imm(R.C_SRAI, rd, imm))
                    return
                if op == ir.ANDI and -32 <= imm < 32:
                    self.ins(R.cb_imm(R.C_ANDI, rd, imm))
                    return
        self.ins(R.i(_base(op), rd, a, imm))

    def fmul(self, rd, a, b, s=R.T6):
        # Q16.16 product: low word of the 64-bit product shifted right 16.
        # mul s, a, b; mulh rd, a, b; srli s, s, 16; c.slli rd, 16;
        # or rd, rd, s, encoded inline (R.r(), R.i(), R.ci()): five calls
        # saved on the commonest float operation. The scratch s (not a, b
        # or rd) is t6 unless the allocator has a free register: with s
        # and rd both in x8-x15, the shift and the or are 2 bytes each.
        ab = b << 20 | a << 15
        if R.is_creg(s) and R.is_creg(rd):
            self.seq(R.MUL | ab | s << 7, R.MULH | ab | rd << 7, R.cb_imm(R.C_SRLI, s, 16),
                     R.C_SLLI | rd << 7 | 16 << 2, R.ca(R.C_OR, rd, s))
            return
        self.seq(R.MUL | ab | s << 7, R.MULH | ab | rd << 7, R.i(R.SRLI, s, s, 16),
                 R.C_SLLI | rd << 7 | 16 << 2, R.OR | s << 20 | rd << 15 | rd << 7)

    def abs_(self, rd, a, s=R.T6):
        # srai s, a, 31; xor rd, a, s; sub rd, rd, s, with the scratch s
        # (not a or rd) from x8-x15 when the allocator has one free: then
        # the sub, and the xor when rd is a, are 2 bytes.
        # (Emitted last first.)
        self.alu(ir.SUB, rd, rd, s)
        self.alu(ir.XOR, rd, a, s)
        self.ins(R.i(R.SRAI, s, a, 31))

    def minmax(self, op, rd, a, b):
        # rd = min(a, b) (or max): rd = a, then a 2-byte move of b that a
        # branch skips when a already wins. Both ops are symmetric, so the
        # operands are swapped when rd would clobber b.
        if rd == b:
            a, b = b, a
        a_wins = R.BLT if op == ir.MIN else R.BGE
        self.seq(R.b(a_wins, a, b, 6), (R.C_MV | b << 2 if b else R.C_LI) | rd << 7)
        self.mv(rd, a)

    # ---- memory (spill slots are sp-relative) ----------------------------------

    def lw_sp(self, rd, off):
        if off < 256:
            self.ins(R.lwsp(rd, off))
        else:
            self.ins(R.i(R.LW, rd, R.SP, off))

    def sw_sp(self, rs, off):
        if off < 256:
            self.ins(R.swsp(rs, off))
        else:
            self.ins(R.s(R.SW, rs, R.SP, off))

    # ---- memory through any base register (arrays, globals, call blocks) ---

    def lw(self, rd, base, off):
        if base == R.SP and 0 <= off:
            self.lw_sp(rd, off)
        elif R.is_creg(rd) and R.is_creg(base) and 0 <= off < 128:
            self.ins(R.cl(R.C_LW, rd, base, off))
        else:
            self.ins(R.i(R.LW, rd, base, off))

    def sw(self, rs, base, off):
        if base == R.SP and 0 <= off:
            self.sw_sp(rs, off)
        elif R.is_creg(rs) and R.is_creg(base) and 0 <= off < 128:
            self.ins(R.cl(R.C_SW, rs, base, off))
        else:
            self.ins(R.s(R.SW, rs, base, off))

    # ---- control flow -------------------------------------------------------------

    def branch(self, op, a, b, target):
        # Branch to the label at from-end position `target` when a <op> b.
        if target == 0:
            self.jumps_to_end = True
        if b == 0 and (op == ir.BEQ or op == ir.BNE) and R.is_creg(a):
            off = (self.pos() + 1 - target) * 2
            if -256 <= off < 256:
                self.ins(R.cb(R.C_BEQZ, a, off) if op == ir.BEQ else R.cb(R.C_BNEZ, a, off))
                return
        off = (self.pos() + 2 - target) * 2
        if -4096 <= off < 4096:
            self.ins(R.b(_base(op), a, b, off))
            return
        # Out of branch range: an inverted branch over a jump.
        self.jump(target, force=True)
        self.ins(R.b(_base(op ^ 1), a, b, 8))        # ir.py: the opposite branch

    def jump(self, target, force=False):
        if target == self.pos() and not force:
            return
        if target == 0:
            self.jumps_to_end = True
        off = (self.pos() + 1 - target) * 2
        if -2048 <= off < 2048 and not force:
            self.ins(R.cj(R.C_J, off))
        else:
            self.ins(R.j(R.JAL, 0, (self.pos() + 2 - target) * 2))

    def back_jump(self):
        # A loop's back edge, whose target (the loop header, above) is not
        # emitted yet: a 32-bit placeholder, patched by patch().
        self.ins(R.j(R.JAL, 0, 0))
        return self.n

    def patch(self, at, w):
        # The 32-bit instruction w where one ending at `at` was emitted:
        # its low halfword was pushed last, at index at - 1.
        for k, h in ((at - 1, w & 0xFFFF), (at - 2, w >> 16)):
            self.chunks[k // CHUNK_HALFWORDS][k % CHUNK_HALFWORDS] = h

    def call(self, kind, target):
        # jal ra, <patched at link time>
        self.ins(R.j(R.JAL, R.RA, 0))
        self.calls.append((self.pos(), kind, target))
