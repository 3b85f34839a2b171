# RV32IMC encodings: every instruction's fixed bits spelled out once as a
# base word (opcode, funct3, funct7 / the compressed funct bits), and one
# small function per instruction format that ORs the operand fields in.
# `r(ADD, rd, rs1, rs2)` is `add rd, rs1, rs2`. A result whose two low bits
# are 0b11 is a 32-bit instruction, anything else a 16-bit compressed one.
# Field layouts follow the RISC-V unprivileged spec, chapters 2 (RV32I),
# 7 (M) and 16 (C); choosing between forms is the code generator's job.
#
# Formats and not one function per instruction because this module stays
# resident on the chip, where each function object costs ~50-100 bytes.

from ..compat import const

# Register numbers (ilp32 ABI names).
ZERO = const(0)
RA = const(1)
SP = const(2)
GP = const(3)
TP = const(4)
T0 = const(5)
T1 = const(6)
T2 = const(7)
S0 = const(8)
S1 = const(9)
A0 = const(10)
A1 = const(11)
A2 = const(12)
A3 = const(13)
A4 = const(14)
A5 = const(15)
A6 = const(16)
A7 = const(17)
S2 = const(18)
S3 = const(19)
S4 = const(20)
S5 = const(21)
S6 = const(22)
S7 = const(23)
S8 = const(24)
S9 = const(25)
S10 = const(26)
S11 = const(27)
T3 = const(28)
T4 = const(29)
T5 = const(30)
T6 = const(31)

# ---- RV32I / RV32M base words ------------------------------------------------
# R format (r): funct7 << 25 | funct3 << 12 | opcode
ADD = const(0x00000033)
SUB = const(0x40000033)
SLL = const(0x00001033)
SLT = const(0x00002033)
SLTU = const(0x00003033)
XOR = const(0x00004033)
SRL = const(0x00005033)
SRA = const(0x40005033)
OR = const(0x00006033)
AND = const(0x00007033)
MUL = const(0x02000033)
MULH = const(0x02001033)
MULHSU = const(0x02002033)
MULHU = const(0x02003033)
DIV = const(0x02004033)
DIVU = const(0x02005033)
REM = const(0x02006033)
REMU = const(0x02007033)
# I format (i): imm[11:0] | funct3 | opcode; shifts carry funct7 in the imm
ADDI = const(0x00000013)
SLTI = const(0x00002013)
SLTIU = const(0x00003013)
XORI = const(0x00004013)
ORI = const(0x00006013)
ANDI = const(0x00007013)
SLLI = const(0x00001013)
SRLI = const(0x00005013)
SRAI = const(0x40005013)
LB = const(0x00000003)
LH = const(0x00001003)
LW = const(0x00002003)
LBU = const(0x00004003)
LHU = const(0x00005003)
JALR = const(0x00000067)
# S format (s)
SB = const(0x00000023)
SH = const(0x00001023)
SW = const(0x00002023)
# B format (b)
BEQ = const(0x00000063)
BNE = const(0x00001063)
BLT = const(0x00004063)
BGE = const(0x00005063)
BLTU = const(0x00006063)
BGEU = const(0x00007063)
# U and J formats (u, j)
LUI = const(0x00000037)
AUIPC = const(0x00000017)
JAL = const(0x0000006F)
# Whole instructions
FENCE_I = const(0x0000100F)
EBREAK = const(0x00100073)

# ---- RV32C base halfwords ------------------------------------------------------
C_NOP = const(0x0001)
C_ADDI = const(0x0001)       # ci
C_JAL = const(0x2001)        # cj
C_LI = const(0x4001)         # ci
C_LUI = const(0x6001)        # ci (rd not 0 or 2)
C_SRLI = const(0x8001)       # cb_imm
C_SRAI = const(0x8401)       # cb_imm
C_ANDI = const(0x8801)       # cb_imm
C_SUB = const(0x8C01)        # ca
C_XOR = const(0x8C21)        # ca
C_OR = const(0x8C41)         # ca
C_AND = const(0x8C61)        # ca
C_J = const(0xA001)          # cj
C_BEQZ = const(0xC001)       # cb
C_BNEZ = const(0xE001)       # cb
C_SLLI = const(0x0002)       # ci
C_MV = const(0x8002)         # cr
C_JR = const(0x8002)         # cr with rs2 = 0
C_ADD = const(0x9002)        # cr
C_JALR = const(0x9002)       # cr with rs2 = 0
C_EBREAK = const(0x9002)     # cr with rd = rs2 = 0
C_LW = const(0x4000)         # cl
C_SW = const(0xC000)         # cl


def size(insn):
    # Bytes taken by an encoded instruction.
    return 4 if insn & 3 == 3 else 2


def is_creg(r):
    # Registers reachable by the 3-bit register fields of RVC (x8..x15).
    return 8 <= r <= 15


def hi_lo(value):
    # Split a 32-bit constant for lui+addi: addi sign-extends its 12 bits,
    # so the upper part is rounded to compensate.
    value &= 0xFFFFFFFF
    lo = value & 0xFFF
    if lo >= 0x800:
        lo -= 0x1000
    return ((value - lo) >> 12) & 0xFFFFF, lo


# ---- 32-bit formats ---------------------------------------------------------------

def r(base, rd, rs1, rs2):
    return base | (rs2 << 20) | (rs1 << 15) | (rd << 7)


def i(base, rd, rs1, imm):
    return base | ((imm & 0xFFF) << 20) | (rs1 << 15) | (rd << 7)


def s(base, rs2, rs1, imm):
    imm &= 0xFFF
    return base | ((imm >> 5) << 25) | (rs2 << 20) | (rs1 << 15) | ((imm & 31) << 7)


def b(base, rs1, rs2, off):
    off &= 0x1FFF
    return base | (((off >> 12) & 1) << 31) | (((off >> 5) & 63) << 25) | (rs2 << 20) \
        | (rs1 << 15) | (((off >> 1) & 15) << 8) | (((off >> 11) & 1) << 7)


def u(base, rd, imm20):
    return base | ((imm20 & 0xFFFFF) << 12) | (rd << 7)


def j(base, rd, off):
    off &= 0x1FFFFF
    return base | (((off >> 20) & 1) << 31) | (((off >> 1) & 0x3FF) << 21) \
        | (((off >> 11) & 1) << 20) | (((off >> 12) & 0xFF) << 12) | (rd << 7)


# ---- 16-bit formats (3-bit register fields hold x8..x15) ------------------------

def cr(base, rd, rs2):
    return base | (rd << 7) | (rs2 << 2)


def ci(base, rd, imm6):
    # imm6 is the 6-bit immediate; its bit 5 goes to instruction bit 12.
    return base | (((imm6 >> 5) & 1) << 12) | (rd << 7) | ((imm6 & 31) << 2)


def cb_imm(base, rd, imm6):
    return base | (((imm6 >> 5) & 1) << 12) | ((rd - 8) << 7) | ((imm6 & 31) << 2)


def ca(base, rd, rs2):
    return base | ((rd - 8) << 7) | ((rs2 - 8) << 2)


def cj(base, off):
    # offset[11|4|9:8|10|6|7|3:1|5] in bits 12..2
    off &= 0xFFF
    return base | (((off >> 11) & 1) << 12) | (((off >> 4) & 1) << 11) | (((off >> 8) & 3) << 9) \
        | (((off >> 10) & 1) << 8) | (((off >> 6) & 1) << 7) | (((off >> 7) & 1) << 6) \
        | (((off >> 1) & 7) << 3) | (((off >> 5) & 1) << 2)


def cb(base, rs1, off):
    # offset[8|4:3] in bits 12..10, offset[7:6|2:1|5] in bits 6..2
    off &= 0x1FF
    return base | (((off >> 8) & 1) << 12) | (((off >> 3) & 3) << 10) | ((rs1 - 8) << 7) \
        | (((off >> 6) & 3) << 5) | (((off >> 1) & 3) << 3) | (((off >> 5) & 1) << 2)


def cl(base, reg, rs1, imm):
    # c.lw rd', c.sw rs2': uimm[5:3] in bits 12..10, uimm[2|6] in bits 6..5
    return base | (((imm >> 3) & 7) << 10) | ((rs1 - 8) << 7) | (((imm >> 2) & 1) << 6) \
        | (((imm >> 6) & 1) << 5) | ((reg - 8) << 2)


def lwsp(rd, imm):
    # c.lwsp: uimm[5] in bit 12, uimm[4:2|7:6] in bits 6..2
    return 0x4002 | (((imm >> 5) & 1) << 12) | (rd << 7) | (((imm >> 2) & 7) << 4) \
        | (((imm >> 6) & 3) << 2)


def swsp(rs2, imm):
    # c.swsp: uimm[5:2|7:6] in bits 12..7
    return 0xC002 | (((imm >> 2) & 15) << 9) | (((imm >> 6) & 3) << 7) | (rs2 << 2)


def addi16sp(imm):
    # c.addi16sp: nzimm[9|4|6|8:7|5], a non-zero multiple of 16 in [-512, 496]
    imm &= 0x3FF
    return 0x6101 | (((imm >> 9) & 1) << 12) | (((imm >> 4) & 1) << 6) \
        | (((imm >> 6) & 1) << 5) | (((imm >> 7) & 3) << 3) | (((imm >> 5) & 1) << 2)


def addi4spn(rd, imm):
    # c.addi4spn: rd' = sp + nzuimm[9:2], encoded as nzuimm[5:4|9:6|2|3]
    return (((imm >> 4) & 3) << 11) | (((imm >> 6) & 15) << 7) | (((imm >> 2) & 1) << 6) \
        | (((imm >> 3) & 1) << 5) | ((rd - 8) << 2)
