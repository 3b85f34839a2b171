"""Every instruction form of device/jit/rv32.py, checked two independent ways.

1. capstone must decode the word to the instruction that was asked for. The
   expected text is built here from the operands (ABI register names, capstone's
   number format), and capstone's alias spellings (`mv`, `neg`, `beqz`, `ret`, ...)
   are applied deliberately by `capstone_alias`, never copied from its output.
2. unicorn executes the word once from a known machine state (all 32 registers,
   memory around the addresses used) and the whole state afterwards must equal
   what a Python model of the instruction predicts: result register, pc, memory,
   and no other register changed.

Operands cover each field's extremes and alternating bit patterns (0b1010...,
0b0101...), so a swapped, shifted or dropped bit changes the outcome; the
mutation tests at the end prove both checks catch broken encoders.
This uses raw unicorn, not host.emulator: a single step needs free control of
every register.
"""

import functools
import random
import zlib
from collections import namedtuple

import capstone
import pytest
from unicorn import Uc, UcError, UC_ARCH_RISCV, UC_MODE_RISCV32, UC_ERR_INSN_INVALID
from unicorn import riscv_const as rc

from device.jit import rv32
from device.jit.rv32 import ZERO, RA, SP, S0, A0, A3, A5, S5, T6
import rv32_names as I

MASK = 0xFFFFFFFF
INT_MIN, INT_MAX = 0x80000000, 0x7FFFFFFF
NAMES = ('zero ra sp gp tp t0 t1 t2 s0 s1 a0 a1 a2 a3 a4 a5 a6 a7 '
         's2 s3 s4 s5 s6 s7 s8 s9 s10 s11 t3 t4 t5 t6').split()

# Unicorn address space for the single steps: code with room for jal's
# +-1 MiB reach, a data window for base+offset accesses, and the pages that
# x0-based accesses (offsets -2048..2047 from 0) reach.
CODE = 0x40400000
CODE_AREA = (0x40200000, 0x400000)
DATA_CENTER = 0x3FC81000
REGIONS = [(0x3FC80000, 0x2000), (0x0, 0x1000), (0xFFFFF000, 0x1000)]


def signed(v):
    return v - (1 << 32) if v & 0x80000000 else v


def sext(v, bits):
    v &= (1 << bits) - 1
    return v - (1 << bits) if v >> (bits - 1) else v


# ---- operands and capstone's spelling of them --------------------------------

def num(v):
    # capstone prints -9..9 in decimal, anything else in (signed) hex.
    if -9 <= v <= 9:
        return str(v)
    return '-0x%x' % -v if v < 0 else '0x%x' % v


def capstone_alias(mnemonic, ops):
    """The alias capstone (LLVM's printer) shows instead of a base instruction.

    Where two aliases could apply (e.g. `slt rd, zero, zero`), the order here
    is the order capstone picks them in.
    """
    m, o = mnemonic, ops
    if m == 'addi' and o == ['zero', 'zero', '0']:
        return 'nop', []
    if m == 'addi' and o[2] == '0':
        return 'mv', o[:2]
    if m == 'xori' and o[2] == '-1':
        return 'not', o[:2]
    if m == 'sltiu' and o[2] == '1':
        return 'seqz', o[:2]
    if m == 'sub' and o[1] == 'zero':
        return 'neg', [o[0], o[2]]
    if m == 'sltu' and o[1] == 'zero':
        return 'snez', [o[0], o[2]]
    if m == 'slt' and o[2] == 'zero':
        return 'sltz', o[:2]
    if m == 'slt' and o[1] == 'zero':
        return 'sgtz', [o[0], o[2]]
    if m in ('beq', 'bne') and o[1] == 'zero':
        return m + 'z', [o[0], o[2]]
    if m == 'blt' and o[1] == 'zero':
        return 'bltz', [o[0], o[2]]
    if m == 'blt' and o[0] == 'zero':
        return 'bgtz', [o[1], o[2]]
    if m == 'bge' and o[0] == 'zero':
        return 'blez', [o[1], o[2]]
    if m == 'bge' and o[1] == 'zero':
        return 'bgez', [o[0], o[2]]
    if m == 'jal' and o[0] in ('zero', 'ra'):
        return ('j' if o[0] == 'zero' else 'jal'), [o[1]]
    if m == 'jalr' and o[0] == 'zero' and o[2] == '0':
        return ('ret', []) if o[1] == 'ra' else ('jr', [o[1]])
    if m == 'jalr' and o[0] == 'ra' and o[2] == '0':
        return 'jalr', [o[1]]
    return m, o


# ---- the forms -----------------------------------------------------------------
#
# A form: operand tuples to try, the canonical assembly of one tuple
# (mnemonic, operand strings), its effect on a Model, and the register roles
# that need particular input values: 'base' registers point at the data
# window, 'target' registers at code, 'source' registers also get the edge
# values of SPECIAL.

Form = namedtuple('Form', 'cases text run base target source')

SPECIAL = [0, 1, MASK, INT_MIN, INT_MAX, 0x55555555, 0xAAAAAAAA]

REGS = [ZERO, T6, S5, A0]          # x0, x31, 0b10101, 0b01010 in every field
NONZERO = [RA, T6, S5, A0]         # fields where x0 is reserved
CREGS = [S0, A5, A3, A0]           # x8..x15: 3-bit fields 000, 111, 101, 010


def rotations(regs, n):
    return [tuple(regs[(i + k) % len(regs)] for k in range(n)) for i in range(len(regs))]


def with_imms(regs, n, imms):
    # Every immediate, each with a different rotation of the registers.
    rots = rotations(regs, n)
    return [rots[i % len(rots)] + (imm,) for i, imm in enumerate(imms)]


def field(bits, scale=1, is_signed=True, nonzero=False):
    """Values for an immediate field `bits` wide, in units of `scale`.

    Both ends, 0, 1 (and -1), plus one value per bit k of a bit's index within
    the field, with exactly the bits whose index has bit k set: any two bits of
    the field differ in one of those, so swapping two bits of the encoding
    changes some value.
    """
    lo, hi = (-(1 << bits - 1), (1 << bits - 1) - 1) if is_signed else (0, (1 << bits) - 1)
    values = [lo, hi, 0, 1] + ([-1] if is_signed else [])
    for k in range((bits - 1).bit_length()):
        v = sum(1 << b for b in range(bits) if b >> k & 1)
        values.append(sext(v, bits) if is_signed else v)
    return [v * scale for v in dict.fromkeys(values) if v or not nonzero]


IMM12 = field(12)
SHAMT = field(5, is_signed=False)
BOFF = field(12, 2)
JOFF = field(20, 2)
IMM20 = field(20, is_signed=False)
CIMM6 = field(6)
CSHAMT = field(5, is_signed=False, nonzero=True)
CJOFF = field(11, 2)
CBOFF = field(8, 2)


class Model:
    """The architectural state an instruction sees and changes."""

    def __init__(self, x, pc, mem):
        self.x, self.pc, self.mem = list(x), pc, {base: bytearray(b) for base, b in mem.items()}
        self.next_pc = None
        self.trapped = False

    def set(self, rd, value):
        if rd:
            self.x[rd] = value & MASK

    def _where(self, addr, n):
        for base, data in self.mem.items():
            if base <= addr and addr + n <= base + len(data):
                return data, addr - base
        raise AssertionError('model access outside mapped memory: 0x%x' % addr)

    def load(self, addr, n, is_signed):
        data, off = self._where(addr & MASK, n)
        v = int.from_bytes(data[off:off + n], 'little')
        return sext(v, 8 * n) & MASK if is_signed else v

    def store(self, addr, n, value):
        data, off = self._where(addr & MASK, n)
        data[off:off + n] = (value & ((1 << 8 * n) - 1)).to_bytes(n, 'little')


def r_type(mnemonic, fn):
    def run(m, rd, rs1, rs2):
        m.set(rd, fn(m.x[rs1], m.x[rs2]))
    return Form(rotations(REGS, 3), lambda rd, rs1, rs2: (mnemonic, [NAMES[rd], NAMES[rs1], NAMES[rs2]]),
                run, (), (), (1, 2))


def i_type(mnemonic, fn, imms):
    def run(m, rd, rs1, imm):
        m.set(rd, fn(m.x[rs1], imm))
    return Form(with_imms(REGS, 2, imms), lambda rd, rs1, imm: (mnemonic, [NAMES[rd], NAMES[rs1], num(imm)]),
                run, (), (), (1,))


def at(imm, base):
    # A load or store address operand as capstone writes it: imm(base).
    return '%s(%s)' % (num(imm), NAMES[base])


def load(mnemonic, n, is_signed):
    def run(m, rd, rs1, imm):
        m.set(rd, m.load(m.x[rs1] + imm, n, is_signed))
    return Form(with_imms(REGS, 2, IMM12), lambda rd, rs1, imm: (mnemonic, [NAMES[rd], at(imm, rs1)]),
                run, (1,), (), ())


def store(mnemonic, n):
    def run(m, rs2, rs1, imm):
        m.store(m.x[rs1] + imm, n, m.x[rs2])
    return Form(with_imms(REGS, 2, IMM12), lambda rs2, rs1, imm: (mnemonic, [NAMES[rs2], at(imm, rs1)]),
                run, (1,), (), (0,))


def branch(mnemonic, taken):
    def run(m, rs1, rs2, off):
        if taken(m.x[rs1], m.x[rs2]):
            m.next_pc = m.pc + off
    return Form(with_imms(REGS, 2, BOFF), lambda rs1, rs2, off: (mnemonic, [NAMES[rs1], NAMES[rs2], num(off)]),
                run, (), (), (0, 1))


def div(a, b):
    a, b = signed(a), signed(b)
    if b == 0:
        return MASK
    if a == -(1 << 31) and b == -1:
        return a
    q = abs(a) // abs(b)
    return -q if (a < 0) != (b < 0) else q


def rem(a, b):
    if signed(b) == 0:
        return a
    return signed(a) - signed(b) * signed(div(a, b) & MASK)


def jal_run(m, rd, off):
    m.set(rd, m.pc + 4)
    m.next_pc = m.pc + off


def jalr_run(m, rd, rs1, imm):
    m.next_pc = (m.x[rs1] + imm) & ~1 & MASK
    m.set(rd, m.pc + 4)


def trap(m, *_):
    m.trapped = True


def c_form(mnemonic, cases, operands, run, base=(), target=(), source=()):
    return Form(cases, lambda *ops: ('c.' + mnemonic, operands(*ops)), run, base, target, source)


def c_alu(mnemonic, fn):
    def run(m, rd, rs2):
        m.set(rd, fn(m.x[rd], m.x[rs2]))
    return c_form(mnemonic, rotations(CREGS, 2), lambda rd, rs2: [NAMES[rd], NAMES[rs2]], run, source=(0, 1))


def c_imm(mnemonic, fn, regs, imms):
    def run(m, rd, imm):
        m.set(rd, fn(m.x[rd], imm))
    return c_form(mnemonic, with_imms(regs, 1, imms), lambda rd, imm: [NAMES[rd], num(imm)], run, source=(0,))


def c_jump(mnemonic, link):
    def run(m, off):
        if link:
            m.set(RA, m.pc + 2)
        m.next_pc = m.pc + off
    return c_form(mnemonic, [(off,) for off in CJOFF], lambda off: [num(off)], run)


def c_branch(mnemonic, taken):
    def run(m, rs1, off):
        if taken(m.x[rs1]):
            m.next_pc = m.pc + off
    return c_form(mnemonic, with_imms(CREGS, 1, CBOFF), lambda rs1, off: [NAMES[rs1], num(off)], run, source=(0,))


def c_jr_run(link):
    def run(m, rs1):
        m.next_pc = m.x[rs1] & ~1
        if link:
            m.set(RA, m.pc + 2)
    return run


def c_lw_run(m, rd, rs1, imm):
    m.set(rd, m.load(m.x[rs1] + imm, 4, False))


def c_sw_run(m, rs2, rs1, imm):
    m.store(m.x[rs1] + imm, 4, m.x[rs2])


CLW_IMM = field(5, 4, is_signed=False)
CLWSP_IMM = field(6, 4, is_signed=False)

FORMS = {
    'add': r_type('add', lambda a, b: a + b),
    'sub': r_type('sub', lambda a, b: a - b),
    'sll': r_type('sll', lambda a, b: a << (b & 31)),
    'slt': r_type('slt', lambda a, b: int(signed(a) < signed(b))),
    'sltu': r_type('sltu', lambda a, b: int(a < b)),
    'xor': r_type('xor', lambda a, b: a ^ b),
    'srl': r_type('srl', lambda a, b: a >> (b & 31)),
    'sra': r_type('sra', lambda a, b: signed(a) >> (b & 31)),
    'or_': r_type('or', lambda a, b: a | b),
    'and_': r_type('and', lambda a, b: a & b),
    'mul': r_type('mul', lambda a, b: a * b),
    'mulh': r_type('mulh', lambda a, b: (signed(a) * signed(b)) >> 32),
    'mulhsu': r_type('mulhsu', lambda a, b: (signed(a) * b) >> 32),
    'mulhu': r_type('mulhu', lambda a, b: (a * b) >> 32),
    'div': r_type('div', div),
    'divu': r_type('divu', lambda a, b: a // b if b else MASK),
    'rem': r_type('rem', rem),
    'remu': r_type('remu', lambda a, b: a % b if b else a),
    'addi': i_type('addi', lambda a, imm: a + imm, IMM12),
    'slti': i_type('slti', lambda a, imm: int(signed(a) < imm), IMM12),
    'sltiu': i_type('sltiu', lambda a, imm: int(a < imm & MASK), IMM12),
    'xori': i_type('xori', lambda a, imm: a ^ imm, IMM12),
    'ori': i_type('ori', lambda a, imm: a | imm, IMM12),
    'andi': i_type('andi', lambda a, imm: a & imm, IMM12),
    'slli': i_type('slli', lambda a, sh: a << sh, SHAMT),
    'srli': i_type('srli', lambda a, sh: a >> sh, SHAMT),
    'srai': i_type('srai', lambda a, sh: signed(a) >> sh, SHAMT),
    'lb': load('lb', 1, True),
    'lh': load('lh', 2, True),
    'lw': load('lw', 4, False),
    'lbu': load('lbu', 1, False),
    'lhu': load('lhu', 2, False),
    'sb': store('sb', 1),
    'sh': store('sh', 2),
    'sw': store('sw', 4),
    'beq': branch('beq', lambda a, b: a == b),
    'bne': branch('bne', lambda a, b: a != b),
    'blt': branch('blt', lambda a, b: signed(a) < signed(b)),
    'bge': branch('bge', lambda a, b: signed(a) >= signed(b)),
    'bltu': branch('bltu', lambda a, b: a < b),
    'bgeu': branch('bgeu', lambda a, b: a >= b),
    'lui': Form(with_imms(REGS, 1, IMM20), lambda rd, imm: ('lui', [NAMES[rd], num(imm)]),
                lambda m, rd, imm: m.set(rd, imm << 12), (), (), ()),
    'auipc': Form(with_imms(REGS, 1, IMM20), lambda rd, imm: ('auipc', [NAMES[rd], num(imm)]),
                  lambda m, rd, imm: m.set(rd, m.pc + (imm << 12)), (), (), ()),
    'jal': Form(with_imms(REGS + [RA], 1, JOFF), lambda rd, off: ('jal', [NAMES[rd], num(off)]),
                jal_run, (), (), ()),
    'jalr': Form(with_imms(REGS + [RA], 2, IMM12), lambda rd, rs1, imm: ('jalr', [NAMES[rd], NAMES[rs1], num(imm)]),
                 jalr_run, (), (1,), ()),
    'fence_i': Form([()], lambda: ('fence.i', []), lambda m: None, (), (), ()),
    'ebreak': Form([()], lambda: ('ebreak', []), trap, (), (), ()),

    'c_nop': c_form('nop', [()], lambda: [], lambda m: None),
    'c_addi': c_imm('addi', lambda a, imm: a + imm, NONZERO, field(6, nonzero=True)),
    'c_li': c_imm('li', lambda a, imm: imm, NONZERO, CIMM6),
    # c.lui's operand is the 6-bit field; capstone shows it sign-extended to lui's 20 bits.
    'c_lui': c_form('lui', with_imms(NONZERO, 1, field(6, nonzero=True)),
                    lambda rd, imm: [NAMES[rd], num(sext(imm, 6) & 0xFFFFF)],
                    lambda m, rd, imm: m.set(rd, sext(imm, 6) << 12)),
    'c_slli': c_imm('slli', lambda a, sh: a << sh, NONZERO, CSHAMT),
    'c_srli': c_imm('srli', lambda a, sh: a >> sh, CREGS, CSHAMT),
    'c_srai': c_imm('srai', lambda a, sh: signed(a) >> sh, CREGS, CSHAMT),
    'c_andi': c_imm('andi', lambda a, imm: a & imm, CREGS, CIMM6),
    'c_sub': c_alu('sub', lambda a, b: a - b),
    'c_xor': c_alu('xor', lambda a, b: a ^ b),
    'c_or': c_alu('or', lambda a, b: a | b),
    'c_and': c_alu('and', lambda a, b: a & b),
    'c_mv': c_form('mv', rotations(NONZERO, 2), lambda rd, rs2: [NAMES[rd], NAMES[rs2]],
                   lambda m, rd, rs2: m.set(rd, m.x[rs2]), source=(1,)),
    'c_add': c_form('add', rotations(NONZERO, 2), lambda rd, rs2: [NAMES[rd], NAMES[rs2]],
                    lambda m, rd, rs2: m.set(rd, m.x[rd] + m.x[rs2]), source=(0, 1)),
    'c_jr': c_form('jr', [(r,) for r in NONZERO], lambda rs1: [NAMES[rs1]], c_jr_run(False), target=(0,)),
    'c_jalr': c_form('jalr', [(r,) for r in NONZERO], lambda rs1: [NAMES[rs1]], c_jr_run(True), target=(0,)),
    'c_ebreak': c_form('ebreak', [()], lambda: [], trap),
    'c_j': c_jump('j', False),
    'c_jal': c_jump('jal', True),
    'c_beqz': c_branch('beqz', lambda a: a == 0),
    'c_bnez': c_branch('bnez', lambda a: a != 0),
    'c_addi16sp': c_form('addi16sp', [(imm,) for imm in field(6, 16, nonzero=True)],
                         lambda imm: ['sp', num(imm)], lambda m, imm: m.set(SP, m.x[SP] + imm)),
    'c_addi4spn': c_form('addi4spn', with_imms(CREGS, 1, field(8, 4, is_signed=False, nonzero=True)),
                         lambda rd, imm: [NAMES[rd], 'sp', num(imm)], lambda m, rd, imm: m.set(rd, m.x[SP] + imm)),
    'c_lw': c_form('lw', with_imms(CREGS, 2, CLW_IMM), lambda rd, rs1, imm: [NAMES[rd], at(imm, rs1)],
                   c_lw_run, base=(1,)),
    'c_sw': c_form('sw', with_imms(CREGS, 2, CLW_IMM), lambda rs2, rs1, imm: [NAMES[rs2], at(imm, rs1)],
                   c_sw_run, base=(1,), source=(0,)),
    'c_lwsp': c_form('lwsp', with_imms(NONZERO, 1, CLWSP_IMM), lambda rd, imm: [NAMES[rd], at(imm, SP)],
                     lambda m, rd, imm: c_lw_run(m, rd, SP, imm)),
    'c_swsp': c_form('swsp', with_imms(REGS, 1, CLWSP_IMM), lambda rs2, imm: [NAMES[rs2], at(imm, SP)],
                     lambda m, rs2, imm: c_sw_run(m, rs2, SP, imm), source=(0,)),
}

# Forms whose memory accesses go through sp: sp must point at the data window.
SP_BASED = {'c_lwsp', 'c_swsp'}


def test_every_encoder_is_covered():
    assert set(I.ENCODERS) == set(FORMS)


REGISTER_NAMES = set(('ZERO RA SP GP TP T0 T1 T2 S0 S1 A0 A1 A2 A3 A4 A5 A6 A7 S2 S3 S4 S5 S6 '
                      'S7 S8 S9 S10 S11 T3 T4 T5 T6').split())


def test_every_base_word_has_a_tested_encoder():
    bases = [k for k in vars(rv32) if k.isupper() and k not in REGISTER_NAMES]
    untested = [k for k in bases if k.lower() not in I.ENCODERS and k.lower() + '_' not in I.ENCODERS]
    assert untested == []


# ---- check 1: capstone ---------------------------------------------------------

DISASSEMBLER = capstone.Cs(capstone.CS_ARCH_RISCV, capstone.CS_MODE_RISCV32 | capstone.CS_MODE_RISCVC)


def word_bytes(insn):
    return insn.to_bytes(rv32.size(insn), 'little')


def check_disassembly(name, encode):
    form = FORMS[name]
    for ops in form.cases:
        insn = encode(*ops)
        mnemonic, operands = capstone_alias(*form.text(*ops))
        decoded = list(DISASSEMBLER.disasm(word_bytes(insn), 0))
        got = [(d.mnemonic, d.op_str, d.size) for d in decoded]
        expected = [(mnemonic, ', '.join(operands), rv32.size(insn))]
        assert got == expected, '%s%r = 0x%x' % (name, ops, insn)


@pytest.mark.parametrize('name', sorted(FORMS))
def test_disassembly(name):
    check_disassembly(name, I.ENCODERS[name])


def test_compressed_forms_are_16_bit_and_base_forms_32_bit():
    for name, form in FORMS.items():
        for ops in form.cases:
            assert rv32.size(I.ENCODERS[name](*ops)) == (2 if name.startswith('c_') else 4), name


# ---- check 2: unicorn against the Python model ---------------------------------

class Core:
    """A bare RV32IMC unicorn that executes one instruction from a given state."""

    def __init__(self):
        self.uc = Uc(UC_ARCH_RISCV, UC_MODE_RISCV32)
        self.uc.ctl_set_cpu_model(rc.UC_CPU_RISCV32_SIFIVE_E31)
        for base, size in [CODE_AREA] + REGIONS:
            self.uc.mem_map(base, size)

    def step(self, insn, x, mem):
        uc = self.uc
        uc.mem_write(CODE, word_bytes(insn))
        uc.ctl_remove_cache(CODE, CODE + 4)
        for i in range(1, 32):
            uc.reg_write(rc.UC_RISCV_REG_X0 + i, x[i])
        for base, data in mem.items():
            uc.mem_write(base, bytes(data))
        uc.reg_write(rc.UC_RISCV_REG_PC, CODE)
        trapped = False
        try:
            uc.emu_start(CODE, 0x1234, count=1)       # the stop address is never reached
        except UcError as e:
            # unicorn reports ebreak as an invalid instruction; anything else is a failure
            assert e.errno == UC_ERR_INSN_INVALID, 'unicorn: %s' % e
            trapped = True
        out = Model([uc.reg_read(rc.UC_RISCV_REG_X0 + i) for i in range(32)], uc.reg_read(rc.UC_RISCV_REG_PC),
                    {base: uc.mem_read(base, len(data)) for base, data in mem.items()})
        out.trapped = trapped
        return out


@functools.lru_cache(maxsize=None)
def core():
    return Core()


def initial_states(name, ops):
    """Machine states to run one operand tuple from: random, then edge values."""
    form = FORMS[name]
    rnd = random.Random(zlib.crc32(repr((name, ops)).encode()))
    mem = {base: bytearray(rnd.randbytes(size)) for base, size in REGIONS}
    sources = [ops[i] for i in form.source]
    if len(sources) == 2:
        edges = [(a, b) for a in SPECIAL for b in SPECIAL[:3]]   # b = 0, 1, -1: div by 0, INT_MIN / -1
    else:
        edges = [(a,) for a in SPECIAL] if sources else []
    for values in [()] + edges:
        x = [0] + [rnd.getrandbits(32) for _ in range(31)]
        for reg, v in zip(sources, values):
            x[reg] = v
        if name in SP_BASED:
            x[SP] = DATA_CENTER
        for i in form.base:
            x[ops[i]] = DATA_CENTER
        for i in form.target:
            x[ops[i]] = CODE + 0x1001        # odd: jalr and c.jr must clear bit 0
        x[0] = 0
        yield Model(x, CODE, mem)


def check_execution(name, encode):
    form = FORMS[name]
    for ops in form.cases:
        insn = encode(*ops)
        for state in initial_states(name, ops):
            expected = Model(state.x, state.pc, state.mem)
            form.run(expected, *ops)
            expected.pc = expected.next_pc if expected.next_pc is not None else \
                state.pc + (0 if expected.trapped else rv32.size(insn))
            got = core().step(insn, state.x, state.mem)
            where = '%s%r = 0x%x' % (name, ops, insn)
            assert got.trapped == expected.trapped, where
            assert got.pc == expected.pc, '%s: pc 0x%x, expected 0x%x' % (where, got.pc, expected.pc)
            for i in range(32):
                assert got.x[i] == expected.x[i], '%s: %s = 0x%x, expected 0x%x' % (
                    where, NAMES[i], got.x[i], expected.x[i])
            assert got.mem == expected.mem, '%s: memory differs' % where


@pytest.mark.parametrize('name', sorted(FORMS))
def test_execution(name):
    check_execution(name, I.ENCODERS[name])


def test_hi_lo_rebuilds_every_kind_of_constant():
    for value in [0, 1, 0x7FF, 0x800, 0xFFF, 0x1000, 0x7FFFF7FF, 0x7FFFF800, 0x7FFFFFFF,
                  0x80000000, 0xFFFFF800, 0xFFFFF7FF, MASK, 0x12345678, 0xDEADBEEF]:
        hi, lo = rv32.hi_lo(value)
        assert I.fits_signed(lo, 12) and 0 <= hi < 1 << 20
        x = [0] * 32
        lui = core().step(I.lui(A0, hi), x, {})
        addi = core().step(I.addi(A0, A0, lo), lui.x, {})
        assert addi.x[A0] == value, hex(value)


# ---- the checks can fail ---------------------------------------------------------

def swap_bits(insn, i, j):
    if (insn >> i) & 1 != (insn >> j) & 1:
        insn ^= (1 << i) | (1 << j)
    return insn


MUTANTS = {
    'sub with rs1 and rs2 swapped': ('sub', lambda rd, rs1, rs2: I.sub(rd, rs2, rs1)),
    'sw with base and source swapped': ('sw', lambda rs2, rs1, imm: I.sw(rs1, rs2, imm)),
    'bne offset bits 11 and 12 swapped': ('bne', lambda a, b, off: swap_bits(I.bne(a, b, off), 7, 31)),
    'c.j offset bits 1 and 2 swapped': ('c_j', lambda off: swap_bits(I.c_j(off), 3, 4)),
    'c.lw offset bits 2 and 6 swapped': ('c_lw', lambda rd, rs1, imm: swap_bits(I.c_lw(rd, rs1, imm), 5, 6)),
    'c.addi16sp offset bits 4 and 6 swapped': ('c_addi16sp', lambda imm: swap_bits(I.c_addi16sp(imm), 5, 6)),
    'srai without its funct7 bit': ('srai', lambda rd, rs1, sh: I.srai(rd, rs1, sh) & ~(1 << 30)),
    'jal offset bits 11 and 20 swapped': ('jal', lambda rd, off: swap_bits(I.jal(rd, off), 20, 31)),
}


@pytest.mark.parametrize('mutant', sorted(MUTANTS))
@pytest.mark.parametrize('check', [check_disassembly, check_execution], ids=['capstone', 'unicorn'])
def test_a_broken_encoder_is_caught(mutant, check):
    name, broken = MUTANTS[mutant]
    with pytest.raises(AssertionError):
        check(name, broken)


def test_the_emitters_tables_follow_the_ir_op_numbers():
    # emit.py packs its encodings in bytes indexed by IR op, and the IR
    # inverts a branch with op ^ 1 and makes it unsigned with op + 2 (bytes
    # and arithmetic instead of dicts, for the board's heap).
    from device.jit import emit, ir
    from device.jit import rv32 as R
    for name in ("ADD", "SUB", "AND", "OR", "XOR", "SLL", "SRL", "SRA", "SLT", "SLTU", "MUL",
                 "MULH", "MULHU", "DIV", "REM", "DIVU", "REMU", "ADDI", "ANDI", "ORI", "XORI",
                 "SLTI", "SLTIU", "SLLI", "SRLI", "SRAI", "BEQ", "BNE", "BLT", "BGE", "BLTU",
                 "BGEU"):
        assert emit._base(getattr(ir, name)) == getattr(R, name), name
    for name in ("SUB", "AND", "OR", "XOR"):
        assert emit._CA_BASE[getattr(ir, name) - ir.SUB] == getattr(R, "C_" + name), name
    for a, b in ((ir.BEQ, ir.BNE), (ir.BLT, ir.BGE), (ir.BLTU, ir.BGEU)):
        assert a ^ 1 == b and b ^ 1 == a
    assert (ir.BLT + 2, ir.BGE + 2) == (ir.BLTU, ir.BGEU)
    forms = {ir.ADD: ir.ADDI, ir.AND: ir.ANDI, ir.OR: ir.ORI, ir.XOR: ir.XORI, ir.SLT: ir.SLTI,
             ir.SLTU: ir.SLTIU, ir.SLL: ir.SLLI, ir.SRL: ir.SRLI, ir.SRA: ir.SRAI}
    assert {op: f for op, f in enumerate(ir._IMM_FORM) if f} == forms
