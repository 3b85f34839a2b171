# RV32IMC instruction encodings: one small function per instruction form,
# each returning the instruction as an int. A result whose two low bits are
# 0b11 is a 32-bit instruction, anything else is a 16-bit compressed one
# (see `size`). Field layouts follow the RISC-V unprivileged spec, chapters
# 2 (RV32I), 7 (M) and 16 (C); nothing here chooses between forms, that is
# the code generator's job.

# Register numbers (ilp32 ABI names).
ZERO = 0
RA = 1
SP = 2
GP = 3
TP = 4
T0 = 5
T1 = 6
T2 = 7
S0 = 8
S1 = 9
A0 = 10
A1 = 11
A2 = 12
A3 = 13
A4 = 14
A5 = 15
A6 = 16
A7 = 17
S2 = 18
S3 = 19
S4 = 20
S5 = 21
S6 = 22
S7 = 23
S8 = 24
S9 = 25
S10 = 26
S11 = 27
T3 = 28
T4 = 29
T5 = 30
T6 = 31


def size(insn):
    # Bytes taken by an encoded instruction.
    return 4 if insn & 3 == 3 else 2


def fits_signed(value, bits):
    half = 1 << (bits - 1)
    return -half <= value < half


def is_creg(r):
    # Registers reachable by the 3-bit register fields of RVC (x8..x15).
    return 8 <= r <= 15


# ---- RV32I / RV32M base formats -------------------------------------------

def _r(funct7, rs2, rs1, funct3, rd, opcode):
    return (funct7 << 25) | (rs2 << 20) | (rs1 << 15) | (funct3 << 12) | (rd << 7) | opcode


def _i(imm, rs1, funct3, rd, opcode):
    return ((imm & 0xFFF) << 20) | (rs1 << 15) | (funct3 << 12) | (rd << 7) | opcode


def _s(imm, rs2, rs1, funct3, opcode):
    imm &= 0xFFF
    return ((imm >> 5) << 25) | (rs2 << 20) | (rs1 << 15) | (funct3 << 12) | ((imm & 31) << 7) | opcode


def _b(off, rs2, rs1, funct3):
    off &= 0x1FFF
    return (((off >> 12) & 1) << 31) | (((off >> 5) & 63) << 25) | (rs2 << 20) | (rs1 << 15) \
        | (funct3 << 12) | (((off >> 1) & 15) << 8) | (((off >> 11) & 1) << 7) | 0x63


def _u(imm20, rd, opcode):
    return ((imm20 & 0xFFFFF) << 12) | (rd << 7) | opcode


def _j(off, rd):
    off &= 0x1FFFFF
    return (((off >> 20) & 1) << 31) | (((off >> 1) & 0x3FF) << 21) | (((off >> 11) & 1) << 20) \
        | (((off >> 12) & 0xFF) << 12) | (rd << 7) | 0x6F


def add(rd, rs1, rs2): return _r(0, rs2, rs1, 0, rd, 0x33)
def sub(rd, rs1, rs2): return _r(0x20, rs2, rs1, 0, rd, 0x33)
def sll(rd, rs1, rs2): return _r(0, rs2, rs1, 1, rd, 0x33)
def slt(rd, rs1, rs2): return _r(0, rs2, rs1, 2, rd, 0x33)
def sltu(rd, rs1, rs2): return _r(0, rs2, rs1, 3, rd, 0x33)
def xor(rd, rs1, rs2): return _r(0, rs2, rs1, 4, rd, 0x33)
def srl(rd, rs1, rs2): return _r(0, rs2, rs1, 5, rd, 0x33)
def sra(rd, rs1, rs2): return _r(0x20, rs2, rs1, 5, rd, 0x33)
def or_(rd, rs1, rs2): return _r(0, rs2, rs1, 6, rd, 0x33)
def and_(rd, rs1, rs2): return _r(0, rs2, rs1, 7, rd, 0x33)

def mul(rd, rs1, rs2): return _r(1, rs2, rs1, 0, rd, 0x33)
def mulh(rd, rs1, rs2): return _r(1, rs2, rs1, 1, rd, 0x33)
def mulhsu(rd, rs1, rs2): return _r(1, rs2, rs1, 2, rd, 0x33)
def mulhu(rd, rs1, rs2): return _r(1, rs2, rs1, 3, rd, 0x33)
def div(rd, rs1, rs2): return _r(1, rs2, rs1, 4, rd, 0x33)
def divu(rd, rs1, rs2): return _r(1, rs2, rs1, 5, rd, 0x33)
def rem(rd, rs1, rs2): return _r(1, rs2, rs1, 6, rd, 0x33)
def remu(rd, rs1, rs2): return _r(1, rs2, rs1, 7, rd, 0x33)

def addi(rd, rs1, imm): return _i(imm, rs1, 0, rd, 0x13)
def slti(rd, rs1, imm): return _i(imm, rs1, 2, rd, 0x13)
def sltiu(rd, rs1, imm): return _i(imm, rs1, 3, rd, 0x13)
def xori(rd, rs1, imm): return _i(imm, rs1, 4, rd, 0x13)
def ori(rd, rs1, imm): return _i(imm, rs1, 6, rd, 0x13)
def andi(rd, rs1, imm): return _i(imm, rs1, 7, rd, 0x13)
def slli(rd, rs1, sh): return _i(sh, rs1, 1, rd, 0x13)
def srli(rd, rs1, sh): return _i(sh, rs1, 5, rd, 0x13)
def srai(rd, rs1, sh): return _i(0x400 | sh, rs1, 5, rd, 0x13)

def lb(rd, rs1, imm): return _i(imm, rs1, 0, rd, 0x03)
def lh(rd, rs1, imm): return _i(imm, rs1, 1, rd, 0x03)
def lw(rd, rs1, imm): return _i(imm, rs1, 2, rd, 0x03)
def lbu(rd, rs1, imm): return _i(imm, rs1, 4, rd, 0x03)
def lhu(rd, rs1, imm): return _i(imm, rs1, 5, rd, 0x03)
def sb(rs2, rs1, imm): return _s(imm, rs2, rs1, 0, 0x23)
def sh(rs2, rs1, imm): return _s(imm, rs2, rs1, 1, 0x23)
def sw(rs2, rs1, imm): return _s(imm, rs2, rs1, 2, 0x23)

def beq(rs1, rs2, off): return _b(off, rs2, rs1, 0)
def bne(rs1, rs2, off): return _b(off, rs2, rs1, 1)
def blt(rs1, rs2, off): return _b(off, rs2, rs1, 4)
def bge(rs1, rs2, off): return _b(off, rs2, rs1, 5)
def bltu(rs1, rs2, off): return _b(off, rs2, rs1, 6)
def bgeu(rs1, rs2, off): return _b(off, rs2, rs1, 7)

def lui(rd, imm20): return _u(imm20, rd, 0x37)
def auipc(rd, imm20): return _u(imm20, rd, 0x17)
def jal(rd, off): return _j(off, rd)
def jalr(rd, rs1, imm): return _i(imm, rs1, 0, rd, 0x67)
def fence_i(): return 0x0000100F
def ebreak(): return 0x00100073


def hi_lo(value):
    # Split a 32-bit constant for lui+addi: addi sign-extends its 12 bits,
    # so the upper part is rounded to compensate.
    value &= 0xFFFFFFFF
    lo = value & 0xFFF
    if lo >= 0x800:
        lo -= 0x1000
    return ((value - lo) >> 12) & 0xFFFFF, lo


# ---- RV32C compressed forms -------------------------------------------------
# The 3-bit register fields name x8..x15; callers check is_creg first.

def _cr(funct4, rd_rs1, rs2, op):
    return (funct4 << 12) | (rd_rs1 << 7) | (rs2 << 2) | op


def _ci(funct3, imm6, rd_rs1, op):
    # imm6 is the 6-bit immediate whose bit 5 lands in insn bit 12.
    return (funct3 << 13) | (((imm6 >> 5) & 1) << 12) | (rd_rs1 << 7) | ((imm6 & 31) << 2) | op


def _ca(funct6, rd_rs1, funct2, rs2):
    return (funct6 << 10) | ((rd_rs1 - 8) << 7) | (funct2 << 5) | ((rs2 - 8) << 2) | 1


def _cb_alu(funct2, rd_rs1, imm6):
    return (4 << 13) | (((imm6 >> 5) & 1) << 12) | (funct2 << 10) | ((rd_rs1 - 8) << 7) \
        | ((imm6 & 31) << 2) | 1


def _cj_off(off):
    # offset[11|4|9:8|10|6|7|3:1|5] into bits 12..2
    off &= 0xFFF
    return (((off >> 11) & 1) << 12) | (((off >> 4) & 1) << 11) | (((off >> 8) & 3) << 9) \
        | (((off >> 10) & 1) << 8) | (((off >> 6) & 1) << 7) | (((off >> 7) & 1) << 6) \
        | (((off >> 1) & 7) << 3) | (((off >> 5) & 1) << 2)


def _cb_branch(funct3, rs1, off):
    # offset[8|4:3] in bits 12..10, offset[7:6|2:1|5] in bits 6..2
    off &= 0x1FF
    return (funct3 << 13) | (((off >> 8) & 1) << 12) | (((off >> 3) & 3) << 10) | ((rs1 - 8) << 7) \
        | (((off >> 6) & 3) << 5) | (((off >> 1) & 3) << 3) | (((off >> 5) & 1) << 2) | 1


def c_nop(): return 0x0001
def c_addi(rd, imm): return _ci(0, imm, rd, 1)
def c_li(rd, imm): return _ci(2, imm, rd, 1)
def c_lui(rd, imm6): return _ci(3, imm6, rd, 1)
def c_slli(rd, sh): return _ci(0, sh, rd, 2)
def c_srli(rd, sh): return _cb_alu(0, rd, sh)
def c_srai(rd, sh): return _cb_alu(1, rd, sh)
def c_andi(rd, imm): return _cb_alu(2, rd, imm)
def c_sub(rd, rs2): return _ca(0x23, rd, 0, rs2)
def c_xor(rd, rs2): return _ca(0x23, rd, 1, rs2)
def c_or(rd, rs2): return _ca(0x23, rd, 2, rs2)
def c_and(rd, rs2): return _ca(0x23, rd, 3, rs2)
def c_mv(rd, rs2): return _cr(8, rd, rs2, 2)
def c_add(rd, rs2): return _cr(9, rd, rs2, 2)
def c_jr(rs1): return _cr(8, rs1, 0, 2)
def c_jalr(rs1): return _cr(9, rs1, 0, 2)
def c_ebreak(): return 0x9002
def c_j(off): return (5 << 13) | _cj_off(off) | 1
def c_jal(off): return (1 << 13) | _cj_off(off) | 1
def c_beqz(rs1, off): return _cb_branch(6, rs1, off)
def c_bnez(rs1, off): return _cb_branch(7, rs1, off)


def c_addi16sp(imm):
    # nzimm[9|4|6|8:7|5], a multiple of 16 in [-512, 496]
    imm &= 0x3FF
    return (3 << 13) | (((imm >> 9) & 1) << 12) | (2 << 7) | (((imm >> 4) & 1) << 6) \
        | (((imm >> 6) & 1) << 5) | (((imm >> 7) & 3) << 3) | (((imm >> 5) & 1) << 2) | 1


def c_addi4spn(rd, imm):
    # rd' = sp + nzuimm[9:2]; encoded as nzuimm[5:4|9:6|2|3]
    return (((imm >> 4) & 3) << 11) | (((imm >> 6) & 15) << 7) | (((imm >> 2) & 1) << 6) \
        | (((imm >> 3) & 1) << 5) | ((rd - 8) << 2)


def c_lw(rd, rs1, imm):
    # uimm[5:3] in bits 12..10, uimm[2|6] in bits 6..5
    return (2 << 13) | (((imm >> 3) & 7) << 10) | ((rs1 - 8) << 7) | (((imm >> 2) & 1) << 6) \
        | (((imm >> 6) & 1) << 5) | ((rd - 8) << 2)


def c_sw(rs2, rs1, imm):
    return (6 << 13) | (((imm >> 3) & 7) << 10) | ((rs1 - 8) << 7) | (((imm >> 2) & 1) << 6) \
        | (((imm >> 6) & 1) << 5) | ((rs2 - 8) << 2)


def c_lwsp(rd, imm):
    # uimm[5] in bit 12, uimm[4:2|7:6] in bits 6..2
    return (2 << 13) | (((imm >> 5) & 1) << 12) | (rd << 7) | (((imm >> 2) & 7) << 4) \
        | (((imm >> 6) & 3) << 2) | 2


def c_swsp(rs2, imm):
    # uimm[5:2|7:6] in bits 12..7
    return (6 << 13) | (((imm >> 2) & 15) << 9) | (((imm >> 6) & 3) << 7) | (rs2 << 2) | 2
