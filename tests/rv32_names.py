"""Per-instruction encoder functions for tests, built from device/jit/rv32.py's
format encoders and base words: `add(rd, rs1, rs2)` is `rv32.r(rv32.ADD, ...)`.

The device module has one function per format (functions cost heap on the
chip); tests read better with one name per instruction. Every name here maps
to exactly one base word, so covering all names covers every encoding."""

from device.jit import rv32 as R


def _bind(fmt, base):
    return lambda *ops: fmt(base, *ops)


ENCODERS = {}
for _name, _fmt in (
        ("add sub sll slt sltu xor srl sra or_ and_ mul mulh mulhsu mulhu div divu rem remu", R.r),
        ("addi slti sltiu xori ori andi slli srli srai lb lh lw lbu lhu jalr", R.i),
        ("sb sh sw", R.s), ("beq bne blt bge bltu bgeu", R.b), ("lui auipc", R.u),
        ("jal", R.j), ("c_addi c_li c_lui c_slli", R.ci), ("c_srli c_srai c_andi", R.cb_imm),
        ("c_sub c_xor c_or c_and", R.ca), ("c_mv c_add", R.cr), ("c_j c_jal", R.cj),
        ("c_beqz c_bnez", R.cb), ("c_lw c_sw", R.cl)):
    for _n in _name.split():
        ENCODERS[_n] = _bind(_fmt, getattr(R, _n.upper().rstrip("_")))
ENCODERS.update({
    "fence_i": lambda: R.FENCE_I,
    "ebreak": lambda: R.EBREAK,
    "c_nop": lambda: R.C_NOP,
    "c_ebreak": lambda: R.C_EBREAK,
    "c_jr": lambda rs1: R.cr(R.C_JR, rs1, 0),
    "c_jalr": lambda rs1: R.cr(R.C_JALR, rs1, 0),
    "c_lwsp": R.lwsp,
    "c_swsp": R.swsp,
    "c_addi16sp": R.addi16sp,
    "c_addi4spn": R.addi4spn,
})
globals().update(ENCODERS)


def fits_signed(value, bits):
    half = 1 << (bits - 1)
    return -half <= value < half
