"""A forward assembler for the hand-written runtime code (helpers, frame entry).

Labels are names; branches, jumps and address loads are patched by
`resolve` once every label is known. Only 32-bit branch/jump forms are
used, so sizes never change. Runs on the host: the device receives the
assembled bytes (device/jit/runtime.py).
"""

from device.jit import rv32
from device.jit.codebuf import CodeBuffer


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
            else:
                hi, lo = rv32.hi_lo(off)
                words = (rv32.u(rv32.AUIPC, args, hi), rv32.i(rv32.ADDI, args, args, lo))
            for w in words:
                self.code.patch32(at, w)
                at += 4
        return bytes(self.code.finish())
