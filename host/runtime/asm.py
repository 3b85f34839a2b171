"""A forward assembler for the hand-written runtime code (helpers, frame entry).

Labels are names; branches, jumps and address loads are patched by
`resolve` once every label is known. Only 32-bit branch/jump forms are
used, so sizes never change. Runs on the host: the device receives the
assembled bytes (device/jit/runtime.py).
"""

from device.jit import rv32
from device.jit.codebuf import CodeBuffer


def compressed(w):
    """The RVC form of the 32-bit instruction w when it has one (among the
    forms rv32.py encodes: c.li, c.addi, c.mv, c.add, c.slli, c.srli,
    c.srai, c.andi, c.sub/xor/or/and, c.lui, c.jr), else w itself."""
    op, rd, f3 = w & 0x7F, (w >> 7) & 31, (w >> 12) & 7
    rs1, rs2, f7 = (w >> 15) & 31, (w >> 20) & 31, w >> 25
    imm = ((w >> 20) ^ 0x800) - 0x800                 # I-format immediate, signed
    small = -32 <= imm < 32
    if op == 0x13 and rd:                             # addi, slli, srli, srai, andi
        if f3 == 0:
            if rs1 == 0 and small:
                return rv32.ci(rv32.C_LI, rd, imm)
            if rd == rs1 and imm and small:
                return rv32.ci(rv32.C_ADDI, rd, imm)
            if rs1 and imm == 0:
                return rv32.cr(rv32.C_MV, rd, rs1)
        elif rd == rs1:
            shamt = imm & 31
            if f3 == 1 and shamt:
                return rv32.ci(rv32.C_SLLI, rd, shamt)
            if rv32.is_creg(rd):
                if f3 == 5 and shamt:
                    return rv32.cb_imm(rv32.C_SRAI if f7 else rv32.C_SRLI, rd, shamt)
                if f3 == 7 and small:
                    return rv32.cb_imm(rv32.C_ANDI, rd, imm)
    elif op == 0x33 and rd and f7 in (0, 0x20):      # add, sub, xor, or, and
        kind = (f7, f3)
        if kind in _COMMUTATIVE and rd == rs2:        # put rd first
            rs1, rs2 = rs2, rs1
        if kind == (0, 0) and rs2:
            if rd == rs1:
                return rv32.cr(rv32.C_ADD, rd, rs2)
            if rs1 == 0:
                return rv32.cr(rv32.C_MV, rd, rs2)
        base = _CA.get(kind)
        if base and rd == rs1 and rv32.is_creg(rd) and rv32.is_creg(rs2):
            return rv32.ca(base, rd, rs2)
    elif op == 0x67 and rd == 0 and rs1 and imm == 0:   # jr
        return rv32.cr(rv32.C_JR, rs1, 0)
    elif op == 0x37 and rd not in (0, 2):             # lui
        hi = w >> 12
        if 0 < hi < 32 or hi >= 0xFFFE0:
            return rv32.ci(rv32.C_LUI, rd, hi)
    return w


# RVC register-register forms: (funct7, funct3) of the 32-bit op -> base.
_CA = {(0x20, 0): rv32.C_SUB, (0, 4): rv32.C_XOR, (0, 6): rv32.C_OR, (0, 7): rv32.C_AND}
_COMMUTATIVE = ((0, 0), (0, 4), (0, 6), (0, 7))


def ret(a):
    a(rv32.i(rv32.JALR, rv32.ZERO, rv32.RA, 0))


def li(a, rd, value):
    # rd = any 32-bit constant, in one instruction when it fits one.
    hi, lo = rv32.hi_lo(value)
    if hi == 0:
        a(rv32.i(rv32.ADDI, rd, rv32.ZERO, lo))
    elif lo == 0:
        a(rv32.u(rv32.LUI, rd, hi))
    else:
        a(rv32.u(rv32.LUI, rd, hi), rv32.i(rv32.ADDI, rd, rd, lo))


class Asm:
    def __init__(self):
        self.code = CodeBuffer()
        self.labels = {}          # name -> offset
        self.fixups = []          # (kind, offset, args, label)

    def here(self):
        return self.code.size

    def __call__(self, *insns):
        for w in insns:
            self.code.put_insn(w)

    def short(self, *insns):
        # As __call__, each instruction in its 16-bit RVC form where it has one.
        self(*(compressed(w) for w in insns))

    def label(self, name):
        self.labels[name] = self.here()

    def branch(self, base, rs1, rs2, name):
        self.fixups.append(("b", self.here(), (base, rs1, rs2), name))
        self(rv32.C_NOP, rv32.C_NOP)

    def jal(self, rd, name):
        self.fixups.append(("j", self.here(), rd, name))
        self(rv32.C_NOP, rv32.C_NOP)

    def la(self, rd, name):
        # rd = address of label (pc-relative, so the code stays relocatable)
        self.fixups.append(("la", self.here(), rd, name))
        self(rv32.C_NOP, rv32.C_NOP, rv32.C_NOP, rv32.C_NOP)

    def load_table(self, base, index, name, loads):
        # Table reads at label + index: auipc base; add base, base, index;
        # then for each (load op, rd, disp) `op rd, lo + disp(base)`, the
        # label's low offset folded into the loads (one addi fewer than la).
        self.fixups.append(("lt", self.here(), (base, index, loads), name))
        self(*([rv32.C_NOP, rv32.C_NOP] * (2 + len(loads))))

    def align(self, n):
        self.code.align(n)

    def data(self, raw):
        self.code.put(raw)

    def resolve(self):
        for kind, at, args, name in self.fixups:
            off = self.labels[name] - at
            if kind == "b":
                base, rs1, rs2 = args
                words = (rv32.b(base, rs1, rs2, off),)
            elif kind == "j":
                words = (rv32.j(rv32.JAL, args, off),)
            elif kind == "lt":
                base, index, loads = args
                hi, lo = rv32.hi_lo(off)
                if lo + max(d for _, _, d in loads) > 2047:   # the last load's offset must fit too
                    hi, lo = (hi + 1) & 0xFFFFF, lo - 4096
                words = (rv32.u(rv32.AUIPC, base, hi), rv32.r(rv32.ADD, base, base, index)) \
                    + tuple(rv32.i(op, rd, base, lo + d) for op, rd, d in loads)
            else:
                hi, lo = rv32.hi_lo(off)
                words = (rv32.u(rv32.AUIPC, args, hi), rv32.i(rv32.ADDI, args, args, lo))
            for w in words:
                self.code.patch32(at, w)
                at += 4
        return bytes(self.code.finish())
