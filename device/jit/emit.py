# Machine code for one function, emitted backwards: the allocator walks the
# IR from the last instruction to the first and calls these methods, so the
# code is built from its end. Halfwords are appended in reverse; `pos()` is
# the distance from the end of the function in halfwords, which never
# changes once something is emitted. A label below the current point is
# therefore already placed and forward branches get exact offsets (and the
# compressed form whenever it fits) without fixups.
#
# Each method takes physical registers and picks the shortest encoding.
# Multi-instruction sequences are written in program order and pushed
# reversed by `seq`.

from array import array
from . import rv32 as R
from . import ir

T6 = R.T6   # scratch for multi-instruction expansions and move cycles

_R_ENC = {ir.ADD: R.add, ir.SUB: R.sub, ir.AND: R.and_, ir.OR: R.or_, ir.XOR: R.xor,
          ir.SLL: R.sll, ir.SRL: R.srl, ir.SRA: R.sra, ir.SLT: R.slt, ir.SLTU: R.sltu,
          ir.MUL: R.mul, ir.MULH: R.mulh, ir.MULHU: R.mulhu, ir.DIV: R.div, ir.REM: R.rem,
          ir.DIVU: R.divu, ir.REMU: R.remu}
_I_ENC = {ir.ADDI: R.addi, ir.ANDI: R.andi, ir.ORI: R.ori, ir.XORI: R.xori,
          ir.SLTI: R.slti, ir.SLTIU: R.sltiu, ir.SLLI: R.slli, ir.SRLI: R.srli,
          ir.SRAI: R.srai}
_B_ENC = {ir.BEQ: R.beq, ir.BNE: R.bne, ir.BLT: R.blt, ir.BGE: R.bge, ir.BLTU: R.bltu,
          ir.BGEU: R.bgeu}
# RVC register-register ALU forms (rd == rs1, both in x8..x15).
_CA = {ir.SUB: R.c_sub, ir.XOR: R.c_xor, ir.OR: R.c_or, ir.AND: R.c_and}
_COMMUTATIVE = (ir.ADD, ir.AND, ir.OR, ir.XOR, ir.MUL, ir.MULH, ir.MULHU)

CALL_USER = 0
CALL_HELPER = 1


class BackEmitter:
    def __init__(self):
        self.h = array("H")
        self.calls = []   # (from-end position of a jal, CALL_USER/CALL_HELPER, target)

    def pos(self):
        return len(self.h)

    def ins(self, w):
        if w & 3 == 3:
            self.h.append(w >> 16)
            self.h.append(w & 0xFFFF)
        else:
            self.h.append(w)

    def seq(self, *insns):
        for i in range(len(insns) - 1, -1, -1):
            self.ins(insns[i])

    def forward_bytes(self):
        # The function body in program order, little-endian.
        h = self.h
        out = bytearray(2 * len(h))
        j = 0
        for i in range(len(h) - 1, -1, -1):
            v = h[i]
            out[j] = v & 0xFF
            out[j + 1] = v >> 8
            j += 2
        return out

    # ---- moves and constants --------------------------------------------------

    def mv(self, rd, rs):
        if rd != rs:
            self.ins(self.mv_form(rd, rs))

    def li(self, rd, value):
        if -32 <= value < 32:
            self.ins(R.c_li(rd, value))
        elif ir.fits12(value):
            self.ins(R.addi(rd, 0, value))
        else:
            hi, lo = R.hi_lo(value)
            upper = R.c_lui(rd, hi) if (hi < 32 or hi >= 0xFFFE0) and rd != R.SP else R.lui(rd, hi)
            if lo:
                self.seq(upper, self.addi_form(rd, rd, lo))
            else:
                self.ins(upper)

    def addi_form(self, rd, rs, imm):
        if rs == 0 and -32 <= imm < 32:
            return R.c_li(rd, imm)
        if rd == rs and imm != 0 and -32 <= imm < 32:
            return R.c_addi(rd, imm)
        if imm == 0 and rs != 0:
            return R.c_mv(rd, rs)
        return R.addi(rd, rs, imm)

    # ---- ALU ----------------------------------------------------------------

    def alu(self, op, rd, a, b):
        # R-type op with registers.
        if op in _COMMUTATIVE and rd == b and rd != a:
            a, b = b, a
        if rd == a and rd != 0:
            if op == ir.ADD and b != 0:
                self.ins(R.c_add(rd, b))
                return
            if op in _CA and R.is_creg(rd) and R.is_creg(b):
                self.ins(_CA[op](rd, b))
                return
        if op == ir.ADD and a == 0 and b != 0:
            self.ins(R.c_mv(rd, b))
            return
        self.ins(_R_ENC[op](rd, a, b))

    def alui(self, op, rd, a, imm):
        if op == ir.ADDI:
            self.ins(self.addi_form(rd, a, imm))
            return
        if rd == a:
            if op == ir.SLLI and imm != 0 and rd != 0:
                self.ins(R.c_slli(rd, imm))
                return
            if R.is_creg(rd):
                if op == ir.SRLI and imm != 0:
                    self.ins(R.c_srli(rd, imm))
                    return
                if op == ir.SRAI and imm != 0:
                    self.ins(R.c_srai(rd, imm))
                    return
                if op == ir.ANDI and -32 <= imm < 32:
                    self.ins(R.c_andi(rd, imm))
                    return
        self.ins(_I_ENC[op](rd, a, imm))

    def fmul(self, rd, a, b):
        # Q16.16 product: low word of the 64-bit product shifted right 16.
        self.seq(R.mul(T6, a, b), R.mulh(rd, a, b), R.srli(T6, T6, 16),
                 R.c_slli(rd, 16), R.or_(rd, rd, T6))

    def abs_(self, rd, a):
        self.seq(R.srai(T6, a, 31), R.xor(rd, a, T6), R.sub(rd, rd, T6))

    def minmax(self, op, rd, a, b):
        # rd = min(a, b) (or max): rd = a, then a 2-byte move of b that a
        # branch skips when a already wins. Both ops are symmetric, so the
        # operands are swapped when rd would clobber b.
        if rd == b:
            a, b = b, a
        a_wins = R.blt if op == ir.MIN else R.bge
        self.seq(a_wins(a, b, 6), self.mv_form(rd, b))
        self.mv(rd, a)

    def mv_form(self, rd, rs):
        return R.c_li(rd, 0) if rs == 0 else R.c_mv(rd, rs)

    # ---- memory (spill slots are sp-relative) ----------------------------------

    def lw_sp(self, rd, off):
        if off < 256:
            self.ins(R.c_lwsp(rd, off))
        else:
            self.ins(R.lw(rd, R.SP, off))

    def sw_sp(self, rs, off):
        if off < 256:
            self.ins(R.c_swsp(rs, off))
        else:
            self.ins(R.sw(rs, R.SP, off))

    # ---- control flow -------------------------------------------------------------

    def branch(self, op, a, b, target):
        # Branch to the label at from-end position `target` when a <op> b.
        if b == 0 and (op == ir.BEQ or op == ir.BNE) and R.is_creg(a):
            off = (self.pos() + 1 - target) * 2
            if -256 <= off < 256:
                self.ins(R.c_beqz(a, off) if op == ir.BEQ else R.c_bnez(a, off))
                return
        off = (self.pos() + 2 - target) * 2
        if -4096 <= off < 4096:
            self.ins(_B_ENC[op](a, b, off))
            return
        # Out of branch range: an inverted branch over a jump.
        self.jump(target, force=True)
        self.ins(_B_ENC[ir.INVERT[op]](a, b, 8))

    def jump(self, target, force=False):
        if target == self.pos() and not force:
            return
        off = (self.pos() + 1 - target) * 2
        if -2048 <= off < 2048 and not force:
            self.ins(R.c_j(off))
        else:
            self.ins(R.jal(0, (self.pos() + 2 - target) * 2))

    def call(self, kind, target):
        # jal ra, <patched at link time>
        self.ins(R.jal(R.RA, 0))
        self.calls.append((self.pos(), kind, target))
