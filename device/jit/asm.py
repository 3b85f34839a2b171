# A forward assembler for the hand-written parts of a program: the runtime
# helpers and the frame entry. Labels are names; branches, jumps and
# address loads are patched by `resolve` once every label is known.
# Only 32-bit branch/jump forms are used here, so sizes never change.

from . import rv32


class Asm:
    def __init__(self, base):
        self.base = base          # program offset of this code's first byte
        self.code = bytearray()
        self.labels = {}          # name -> program offset
        self.fixups = []          # (kind, at, args, label)

    def here(self):
        return self.base + len(self.code)

    def __call__(self, *insns):
        for w in insns:
            if rv32.size(w) == 4:
                self.code.extend(w.to_bytes(4, "little"))
            else:
                self.code.extend(w.to_bytes(2, "little"))

    def label(self, name):
        self.labels[name] = self.here()

    def define(self, name, offset):
        # A label outside this code, e.g. a compiled function.
        self.labels[name] = offset

    def branch(self, encode, rs1, rs2, name):
        self.fixups.append(("b", len(self.code), (encode, rs1, rs2), name))
        self(rv32.addi(0, 0, 0))

    def jal(self, rd, name):
        self.fixups.append(("j", len(self.code), rd, name))
        self(rv32.addi(0, 0, 0))

    def la(self, rd, name):
        # rd = address of label (pc-relative, so the code stays relocatable)
        self.fixups.append(("la", len(self.code), rd, name))
        self(rv32.addi(0, 0, 0), rv32.addi(0, 0, 0))

    def align(self, n):
        while self.here() % n:
            self.code.append(0)

    def data(self, raw):
        self.code.extend(raw)

    def resolve(self):
        for kind, at, args, name in self.fixups:
            off = self.labels[name] - (self.base + at)
            if kind == "b":
                encode, rs1, rs2 = args
                words = (encode(rs1, rs2, off),)
            elif kind == "j":
                words = (rv32.jal(args, off),)
            else:
                hi, lo = rv32.hi_lo(off)
                words = (rv32.auipc(args, hi), rv32.addi(args, args, lo))
            for w in words:
                self.code[at:at + 4] = w.to_bytes(4, "little")
                at += 4
        return self.code
