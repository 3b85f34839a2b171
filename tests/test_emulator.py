"""The emulated ESP32-C3 core: calling convention, memory map, counting, faults.

Programs are hand-assembled with device/jit/rv32.py; expected instruction and
cycle counts are worked out by hand next to each program.
"""

import pytest

from device.jit import rv32
import rv32_names as I
from device.jit.rv32 import ZERO, RA, SP, S0, A0, A1, A2, A3, T0, T1
from host.emulator import (C3Emulator, EmulatorFault, EmulatorTimeout,
                           DRAM_BASE, DRAM_SIZE, IBUS_OFFSET)


def assemble(*insns):
    return b''.join(i.to_bytes(rv32.size(i), 'little') for i in insns)


RET = I.jalr(ZERO, RA, 0)


@pytest.fixture(scope='module')
def emu():
    return C3Emulator()


def test_memory_map_constants():
    assert (DRAM_BASE, DRAM_SIZE, IBUS_OFFSET) == (0x3FC80000, 0x60000, 0x700000)


def test_viper_function_returns_the_sum_of_its_small_int_args(emu):
    # DESIGN.md's recipe: args are small ints (v << 1 | 1); (2a+1) + (2b+1) - 1 = 2(a+b) + 1.
    code = emu.load_code(assemble(
        I.lw(T0, A3, 0), I.lw(T1, A3, 4), I.add(A0, T0, T1), I.addi(A0, A0, -1), RET))
    result = emu.call_viper(code, [2, 3])
    assert (result.value, result.raw_a0, result.instructions) == (5, 11, 5)
    # lw 2 + lw 2 + add 1 + addi 1 + jalr 3
    assert result.cycles == 9
    assert emu.call_viper(code, [-(1 << 29), -(1 << 29)]).value == -(1 << 30)


def test_calling_convention_matches_fun_viper_call(emu):
    # a0 = the function object, its word 3 = this code's instruction-bus
    # address (what auipc sees); a1 = n_args; a2 = n_kw = 0. Returns
    # (word3 - pc) + 10 * n_args + 100 * n_kw as a small int.
    code = emu.load_code(assemble(
        I.auipc(T0, 0),
        I.lw(T1, A0, 12),
        I.sub(T1, T1, T0),
        I.addi(T0, ZERO, 10), I.mul(T0, T0, A1), I.add(T1, T1, T0),
        I.addi(T0, ZERO, 100), I.mul(T0, T0, A2), I.add(T1, T1, T0),
        I.slli(A0, T1, 1), I.ori(A0, A0, 1), RET))
    assert emu.call_viper(code, [7, 8, 9]).value == 30
    assert emu.call_viper(code, []).value == 0


def test_args_are_small_ints_in_the_array_at_a3(emu):
    # Returns args[4], still encoded, so the array layout and encoding show.
    code = emu.load_code(assemble(I.lw(A0, A3, 16), RET))
    assert emu.call_viper(code, [0, 0, 0, 0, -1234]).value == -1234
    assert emu.call_viper(code, [0, 0, 0, 0, (1 << 30) - 1]).value == (1 << 30) - 1
    for too_big in (1 << 30, -(1 << 30) - 1):
        with pytest.raises(ValueError):
            emu.call_viper(code, [0, 0, 0, 0, too_big])


def test_stack_is_16_byte_aligned_and_usable(emu):
    # Push a frame, store and reload through sp, return sp % 16.
    code = emu.load_code(assemble(
        I.addi(SP, SP, -16), I.sw(A1, SP, 12), I.lw(T0, SP, 12),
        I.andi(A0, SP, 15), I.add(A0, A0, T0), I.addi(A0, A0, -1),   # a1 = 1 arg
        I.addi(SP, SP, 16), I.slli(A0, A0, 1), I.ori(A0, A0, 1), RET))
    assert emu.call_viper(code, [42]).value == 0


def test_straight_line_instruction_count_is_exact(emu):
    code = emu.load_code(assemble(
        I.c_li(A0, 3),              # 1  (2 bytes)
        I.addi(A1, ZERO, 7),        # 2
        I.c_add(A0, A1),            # 3  (2 bytes)
        I.mul(A0, A0, A1),          # 4
        I.div(A1, A0, A1),          # 5
        I.c_slli(A0, 1),            # 6  (2 bytes)
        I.c_addi(A0, 1),            # 7  (2 bytes): a0 = 2 * 70 + 1
        I.lui(T0, 1),               # 8
        I.c_nop(),                  # 9  (2 bytes)
        I.c_jr(RA)))                # 10 (2 bytes)
    result = emu.call_viper(code, [])
    assert result.value == 70
    assert result.instructions == 10
    # 1 + 1 + 1 + 1(mul) + 32(div) + 1 + 1 + 1 + 1 + 3(c.jr)
    assert result.cycles == 43


def test_loop_instruction_and_cycle_counts_are_exact(emu):
    # for t0 = n..1: a0 += 2  -- leaves the small int n
    n = 1000
    code = emu.load_code(assemble(
        I.addi(T0, ZERO, n),        # 1
        I.c_li(A0, 1),              # 1
        I.c_addi(A0, 2),            # n      loop:
        I.addi(T0, T0, -1),         # n
        I.bne(T0, ZERO, -6),        # n      taken n - 1 times
        RET))                          # 1
    result = emu.call_viper(code, [])
    assert result.value == n
    assert result.instructions == 3 + 3 * n
    # 1 + 1 + n * (1 + 1 + 1) + (n - 1) taken branches + 3
    assert result.cycles == 5 + 3 * n + (n - 1)


def test_max_instructions_bounds_the_exact_count(emu):
    code = emu.load_code(assemble(
        I.addi(A1, ZERO, 50), I.c_addi(A1, -1), I.c_bnez(A1, -2), I.c_li(A0, 1), RET))
    exact = 1 + 2 * 50 + 2
    assert emu.call_viper(code, [], max_instructions=exact).instructions == exact
    with pytest.raises(EmulatorTimeout):
        emu.call_viper(code, [], max_instructions=exact - 1)


def test_runaway_loop_times_out(emu):
    code = emu.load_code(assemble(I.c_addi(A0, 2), I.c_j(-2)))
    with pytest.raises(EmulatorTimeout) as info:
        emu.call_viper(code, [], max_instructions=100_000)
    assert isinstance(info.value, EmulatorFault)
    assert info.value.instructions > 100_000


def test_executing_at_the_data_bus_address_faults(emu):
    # Jump to the data-bus address of a valid function: PMP says no.
    target = emu.load_code(assemble(I.c_li(A0, 1), RET))
    hi, lo = rv32.hi_lo(target)
    code = emu.load_code(assemble(I.lui(T0, hi), I.addi(T0, T0, lo), I.jalr(ZERO, T0, 0)))
    with pytest.raises(EmulatorFault) as info:
        emu.call_viper(code, [])
    assert 'Instruction access fault at 0x%08x' % target in str(info.value)
    assert info.value.pc == target
    assert info.value.instructions == 3
    assert emu.call_viper(target, []).value == 0         # the same bytes run fine from the ibus


def test_load_fault_mid_block_counts_only_retired_instructions(emu):
    code = emu.load_code(assemble(
        I.c_li(A0, 1), I.c_li(A1, 2), I.lw(A2, ZERO, 16), I.c_li(A1, 3), RET))
    with pytest.raises(EmulatorFault) as info:
        emu.call_viper(code, [])
    assert 'Load access fault at 0x00000010' in str(info.value)
    assert info.value.pc == code + IBUS_OFFSET + 4
    assert info.value.instructions == 2


def test_store_to_unmapped_memory_faults(emu):
    code = emu.load_code(assemble(I.lui(T0, 0x50000), I.sw(A0, T0, 0), RET))
    with pytest.raises(EmulatorFault, match='Store access fault at 0x50000000'):
        emu.call_viper(code, [])


def test_illegal_instruction_faults(emu):
    code = emu.load_code(assemble(I.c_nop(), 0x0000, RET))     # 0x0000: defined illegal
    with pytest.raises(EmulatorFault, match='Illegal instruction') as info:
        emu.call_viper(code, [])
    assert info.value.pc == code + IBUS_OFFSET + 2
    assert info.value.instructions == 1


def test_ebreak_and_ecall_are_reported_by_name(emu):
    for insn, name in ((I.ebreak(), 'Breakpoint'), (I.c_ebreak(), 'Breakpoint'),
                       (0x00000073, 'Environment call')):
        code = emu.load_code(assemble(I.c_nop(), insn, RET))
        with pytest.raises(EmulatorFault, match=name) as info:
            emu.call_viper(code, [])
        assert info.value.pc == code + IBUS_OFFSET + 2


def test_returning_a_non_small_int_raises(emu):
    code = emu.load_code(assemble(I.c_li(A0, 4), RET))
    with pytest.raises(EmulatorFault, match='returned a non-small-int object 0x00000004'):
        emu.call_viper(code, [])


def test_clobbered_callee_saved_register_is_reported(emu):
    code = emu.load_code(assemble(I.c_addi(S0, 1), I.c_li(A0, 1), RET))
    with pytest.raises(EmulatorFault, match='callee-saved register s0'):
        emu.call_viper(code, [])


def test_both_aliases_are_the_same_memory(emu):
    addr = emu.alloc(16)
    # Host writes through the data bus are seen through the instruction bus...
    emu.uc.mem_write(addr, b'\x11\x22\x33\x44')
    assert emu.uc.mem_read(addr + IBUS_OFFSET, 4) == b'\x11\x22\x33\x44'
    # ...and so are stores made by running code.
    code = emu.load_code(assemble(
        I.lw(T0, A3, 0), I.srai(T0, T0, 1), I.sw(T0, T0, 0), I.c_li(A0, 1), RET))
    emu.call_viper(code, [addr])
    assert emu.uc.mem_read(addr + IBUS_OFFSET, 4) == addr.to_bytes(4, 'little')
    assert emu.read_u32(addr + IBUS_OFFSET) == emu.read_u32(addr) == addr


def test_data_bus_is_not_executable_but_instruction_bus_is(emu):
    from unicorn import UC_PROT_READ, UC_PROT_WRITE, UC_PROT_ALL
    regions = {begin: perms for begin, end, perms in emu.uc.mem_regions()}
    assert regions[DRAM_BASE] == UC_PROT_READ | UC_PROT_WRITE
    assert regions[DRAM_BASE + IBUS_OFFSET] == UC_PROT_ALL


def test_rewritten_code_runs_after_invalidate_code(emu):
    code = emu.load_code(assemble(I.c_li(A0, 15), RET))      # small int 7
    assert emu.call_viper(code, []).value == 7
    emu.write(code, assemble(I.c_li(A0, 19)))                  # small int 9
    emu.invalidate_code(code, 2)
    assert emu.call_viper(code, []).value == 9


def test_allocator_aligns_and_keeps_the_stack_free():
    emu = C3Emulator()
    a = emu.alloc(3)
    b = emu.alloc(8, align=64)
    assert a % 16 == 0 and b % 64 == 0 and b >= a + 3 and a > DRAM_BASE
    emu.write_u32(b, 0xDEADBEEF)
    assert emu.read(b, 4) == b'\xef\xbe\xad\xde'
    with pytest.raises(MemoryError):
        emu.alloc(DRAM_SIZE - 0x4000)
