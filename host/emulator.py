"""An emulated ESP32-C3 core: the virtual board's CPU.

It executes the very bytes the JIT will run on the chip, under the chip's
rules, so that tests and tools can run compiled shaders without a board:

- The C3's internal SRAM is one host buffer mapped twice, as on the chip:
  read/write (not executable) on the data bus at DRAM_BASE, and read/write/
  execute on the instruction bus at DRAM_BASE + IBUS_OFFSET. Code is written
  through the data address and run at the instruction address; jumping to a
  data address faults like the C3's PMP does ("Instruction access fault").
- Code is entered the way MicroPython's `fun_viper_call` enters viper code:
  fn(self, n_args, n_kw, args) with small-int arguments (see `call_viper`).
- The CPU model is unicorn's SiFive E31 (RV32IMAC), the nearest to the C3's
  RV32IMC. Misaligned loads and stores do not trap here.

Executed instructions are counted, and C3 cycles modelled, from a block hook
rather than a per-instruction one (a Python call per instruction would be the
whole run time): each translated block's cost is computed once from its bytes
and cached by (address, size). Counts are exact for normal returns and for
traps (the block hook charges a whole block; a trap inside it gives back the
instructions from the trapping one on). Only a timeout's count is approximate,
by up to one block. The cycle model is LightPlayer's (DESIGN.md): ALU/mul 1,
div/rem 32, load 2, conditional branch 1 (+1 when taken, judged from where the
next block starts), jal/jalr 3; stores and everything else 1.
"""

import ctypes
from collections import namedtuple

from unicorn import (
    Uc, UcError, UC_ARCH_RISCV, UC_MODE_RISCV32, UC_PROT_READ, UC_PROT_WRITE, UC_PROT_ALL,
    UC_HOOK_BLOCK, UC_HOOK_MEM_INVALID, UC_HOOK_INTR, UC_HOOK_MEM_WRITE,
    UC_MEM_READ_UNMAPPED, UC_MEM_READ_PROT, UC_MEM_WRITE_UNMAPPED, UC_MEM_WRITE_PROT,
    UC_ERR_INSN_INVALID,
)
from unicorn import riscv_const as rc

DRAM_BASE = 0x3FC80000
DRAM_SIZE = 0x60000
IBUS_OFFSET = 0x700000
STACK_SIZE = 0x4000                    # top of DRAM, never handed out by alloc
MAX_ARGS = 32
_HEAP_START = DRAM_BASE + 0x100        # keep address 0x3FC80000 itself unused
ENTRY_SP = (DRAM_BASE + DRAM_SIZE - 64) & -16   # sp when call_viper enters code

_REG = [getattr(rc, 'UC_RISCV_REG_X%d' % i) for i in range(32)]
_PC = rc.UC_RISCV_REG_PC
# ilp32: what a callee must hand back unchanged (sp, gp, tp, s0-s11).
_PRESERVED = {2: 'sp', 3: 'gp', 4: 'tp', 8: 's0', 9: 's1',
              **{18 + i: 's%d' % (2 + i) for i in range(10)}}
TRAP_NAMES = {0: 'Instruction address misaligned', 1: 'Instruction access fault',
               2: 'Illegal instruction', 3: 'Breakpoint', 4: 'Load address misaligned',
               5: 'Load access fault', 6: 'Store address misaligned', 7: 'Store access fault',
               8: 'Environment call', 11: 'Environment call'}

CallResult = namedtuple('CallResult', 'value raw_a0 instructions cycles')


class EmulatorFault(Exception):
    """The emulated core trapped; `pc` and `address` say where (either may be None)."""

    def __init__(self, message, pc=None, address=None):
        super().__init__(message)
        self.pc = pc
        self.address = address
        self.instructions = None    # instructions retired before the trap, set by call_viper


class EmulatorTimeout(EmulatorFault):
    """More instructions ran than the caller allowed (a runaway loop)."""


def _insn_cycles(insn):
    # Modelled C3 cycles of one instruction; a conditional branch is charged
    # its not-taken cost here (see _Block).
    if insn & 3 == 3:
        opcode = insn & 0x7F
        if opcode == 0x03:                                   # loads
            return 2
        if opcode in (0x6F, 0x67):                           # jal, jalr
            return 3
        if opcode == 0x33 and insn >> 25 == 1 and (insn >> 12) & 7 >= 4:
            return 32                                        # div, divu, rem, remu
        return 1
    quadrant, funct3 = insn & 3, insn >> 13
    if funct3 == 2 and quadrant in (0, 2):                   # c.lw, c.lwsp
        return 2
    if quadrant == 1 and funct3 in (1, 5):                   # c.jal, c.j
        return 3
    if quadrant == 2 and funct3 == 4 and (insn >> 2) & 31 == 0 and (insn >> 7) & 31:
        return 3                                             # c.jr, c.jalr
    return 1


def _is_branch(insn):
    if insn & 3 == 3:
        return insn & 0x7F == 0x63
    return insn & 3 == 1 and insn >> 13 >= 6                 # c.beqz, c.bnez


def block_cost(code):
    """Instructions and modelled cycles of one basic block's bytes (a
    conditional branch at its end charged as not taken), and whether it
    ends in one."""
    count = cycles = insn = off = 0
    while off < len(code):
        insn = code[off] | code[off + 1] << 8
        step = 2
        if insn & 3 == 3:
            insn |= (code[off + 2] | code[off + 3] << 8) << 16
            step = 4
        count += 1
        cycles += _insn_cycles(insn)
        off += step
    return count, cycles, bool(count) and _is_branch(insn)


# What a block costs: its instruction count, its cycles with any final branch
# not taken, and the fall-through address when it ends in a conditional branch
# (None otherwise).
_Block = namedtuple('_Block', 'instructions cycles fallthrough')


class C3Emulator:
    """One ESP32-C3 core with its SRAM; see the module docstring.

    alloc/write/read/read_u32/write_u32 reach SRAM through either alias,
    load_code places code, call_viper runs it, invalidate_code forgets stale
    translations. `uc` is the underlying unicorn instance.
    """

    def __init__(self):
        self._ram = ctypes.create_string_buffer(DRAM_SIZE)
        self._view = memoryview(self._ram).cast('B')
        uc = self.uc = Uc(UC_ARCH_RISCV, UC_MODE_RISCV32)
        uc.ctl_set_cpu_model(rc.UC_CPU_RISCV32_SIFIVE_E31)
        ptr = ctypes.addressof(self._ram)
        uc.mem_map_ptr(DRAM_BASE, DRAM_SIZE, UC_PROT_READ | UC_PROT_WRITE, ptr)
        uc.mem_map_ptr(DRAM_BASE + IBUS_OFFSET, DRAM_SIZE, UC_PROT_ALL, ptr)
        self._next = _HEAP_START
        self._blocks = {}                    # (ibus address, size) -> _Block
        uc.hook_add(UC_HOOK_BLOCK, self._on_block)
        uc.hook_add(UC_HOOK_MEM_INVALID, self._on_bad_access)
        uc.hook_add(UC_HOOK_INTR, self._on_trap)
        # Where called code returns to: execution stops on reaching it; the
        # ebreak there only matters if something jumps to it another way.
        self._sentinel = self.load_code(b'\x73\x00\x10\x00') + IBUS_OFFSET
        # The viper function object and argument array every call reuses.
        self._fun = self.alloc(16)
        self._argv = self.alloc(4 * MAX_ARGS)

    # ---- memory ------------------------------------------------------------

    def alloc(self, size, align=16):
        """Bump-allocate `size` bytes of DRAM; returns the data-bus address."""
        addr = (self._next + align - 1) & -align
        if addr + size > DRAM_BASE + DRAM_SIZE - STACK_SIZE:
            raise MemoryError('emulated DRAM exhausted (%d bytes asked)' % size)
        self._next = addr + size
        return addr

    def _offset(self, addr, n):
        # Either alias reaches the same bytes.
        off = addr - DRAM_BASE
        if not 0 <= off < DRAM_SIZE:
            off -= IBUS_OFFSET
        if not (0 <= off and off + n <= DRAM_SIZE):
            raise ValueError('0x%08x..+%d is outside the emulated SRAM' % (addr, n))
        return off

    def write(self, addr, data):
        off = self._offset(addr, len(data))
        self._view[off:off + len(data)] = data

    def read(self, addr, n):
        off = self._offset(addr, n)
        return bytes(self._view[off:off + n])

    def read_u32(self, addr):
        return int.from_bytes(self.read(addr, 4), 'little')

    def write_u32(self, addr, value):
        self.write(addr, (value & 0xFFFFFFFF).to_bytes(4, 'little'))

    def load_code(self, code):
        """Copy machine code into fresh DRAM; returns its data-bus address."""
        addr = self.alloc(len(code), 16)
        self.write(addr, code)
        return addr

    def invalidate_code(self, addr=None, size=None):
        """Forget translations of rewritten code (the emulator's fence.i).

        Writes through the data alias are invisible to unicorn's translation
        cache, so code that has run and is then rewritten must be invalidated;
        without arguments the whole of SRAM is.
        """
        if addr is None:
            addr, size = DRAM_BASE, DRAM_SIZE
        start = self._offset(addr, size) + DRAM_BASE + IBUS_OFFSET
        self.uc.ctl_remove_cache(start, start + size)
        self._blocks.clear()

    def watch_writes(self, callback):
        """Call callback(address, size, pc, sp) before every store the core
        makes, from now on (host/arena_check.py). Returns a handle for
        unwatch_writes. Counting is unchanged: this is a memory hook, apart
        from the block hook that counts."""
        def on_write(uc, _access, address, size, _value, _data):
            callback(address, size, uc.reg_read(_PC), uc.reg_read(_REG[2]))
        return self.uc.hook_add(UC_HOOK_MEM_WRITE, on_write)

    def unwatch_writes(self, handle):
        self.uc.hook_del(handle)

    # ---- execution -----------------------------------------------------------

    def call_viper(self, code_addr, args, max_instructions=50_000_000):
        """Call code at data address `code_addr` as MicroPython's fun_viper_call does.

        a0 = a viper function object whose word 3 is the code's instruction-bus
        address, a1 = len(args), a2 = 0 (no keywords), a3 = the args as small
        ints. Returns CallResult(value, raw_a0, instructions, cycles).
        """
        if len(args) > MAX_ARGS:
            raise ValueError('at most %d arguments' % MAX_ARGS)
        words = []
        for v in args:
            if not -(1 << 30) <= v < (1 << 30):
                raise ValueError('%r does not fit a MicroPython small int' % (v,))
            words.append((v << 1) | 1)
        entry = self._offset(code_addr, 2) + DRAM_BASE + IBUS_OFFSET
        # Words 0-2 (type, context, child table) are never read by our code.
        fun, argv = self._fun, self._argv
        self.write(fun, b''.join(w.to_bytes(4, 'little') for w in (0, 0, 0, entry)))
        self.write(argv, b''.join((w & 0xFFFFFFFF).to_bytes(4, 'little') for w in words))

        # Every register starts as recognisable junk, so that code reading one
        # it was not given, or not restoring a callee-saved one, shows up.
        uc = self.uc
        seeds = {i: 0x5EED0000 | (i << 8) | i for i in range(1, 32)}
        seeds.update({1: self._sentinel, 2: ENTRY_SP, 10: fun, 11: len(args), 12: 0, 13: argv})
        for i, value in seeds.items():
            uc.reg_write(_REG[i], value)

        self._budget = max_instructions
        self._instructions = self._cycles = 0
        self._last_block = (None, 0)
        self._fallthrough = None
        self._fault = None
        try:
            uc.emu_start(entry, self._sentinel)
        except UcError as e:
            self._fault = self._fault or self._fault_from(e)
        if self._fault:
            if self._fault.pc is not None:
                self._retire_before(self._fault.pc)
            self._fault.instructions = self._instructions
            raise self._fault
        if self._fallthrough is not None and uc.reg_read(_PC) != self._fallthrough:
            self._cycles += 1                                # a branch straight to the return address
        if self._instructions > max_instructions:
            timeout = EmulatorTimeout('more than %d instructions executed' % max_instructions,
                                      pc=uc.reg_read(_PC))
            timeout.instructions = self._instructions
            raise timeout
        for i, name in _PRESERVED.items():
            if uc.reg_read(_REG[i]) != seeds[i]:
                raise EmulatorFault('callee-saved register %s not restored' % name)
        a0 = uc.reg_read(_REG[10])
        if not a0 & 1:
            raise EmulatorFault('returned a non-small-int object 0x%08x' % a0)
        value = (a0 >> 1) - (1 << 31 if a0 >> 31 else 0)
        return CallResult(value, a0, self._instructions, self._cycles)

    def _block(self, addr, size):
        key = (addr, size)
        block = self._blocks.get(key)
        if block is None:
            off = addr - DRAM_BASE - IBUS_OFFSET
            count, cycles, branch = block_cost(self._view[off:off + size])
            block = _Block(count, cycles, addr + size if branch else None)
            self._blocks[key] = block
        return block

    def _on_block(self, uc, addr, size, _):
        # Runs once per executed block: keep it lean.
        key = (addr, size)
        count, cycles, fallthrough = self._blocks.get(key) or self._block(addr, size)
        if self._fallthrough is not None and addr != self._fallthrough:
            cycles += 1                                      # the previous block's branch was taken
        self._fallthrough = fallthrough
        self._last_block = key
        self._cycles += cycles
        self._instructions += count
        if self._instructions > self._budget:
            # Unicorn stops at the next block boundary; the count may then
            # include a block that did not run, which no longer matters.
            uc.emu_stop()

    def _retire_before(self, pc):
        # The block hook charged the whole block, but after a trap at `pc`
        # only the instructions before it have run.
        start, size = self._last_block
        if start is not None and start <= pc < start + size:
            whole, part = self._block(start, size), self._block(start, pc - start)
            self._instructions -= whole.instructions - part.instructions
            self._cycles -= whole.cycles - part.cycles

    def _on_bad_access(self, uc, access, address, size, value, _):
        pc = uc.reg_read(_PC)
        if access in (UC_MEM_READ_UNMAPPED, UC_MEM_READ_PROT):
            kind = 'Load access fault'
        elif access in (UC_MEM_WRITE_UNMAPPED, UC_MEM_WRITE_PROT):
            kind = 'Store access fault'
        else:
            self._fault = EmulatorFault('Instruction access fault at 0x%08x' % address, address, address)
            return False
        self._fault = EmulatorFault('%s at 0x%08x (pc=0x%08x)' % (kind, address, pc), pc, address)
        return False

    def _on_trap(self, uc, cause, _):
        # Unicorn calls this before the trap is taken (mepc is not yet set),
        # with pc already advanced by 4 whatever the instruction's size.
        pc = uc.reg_read(_PC) - 4
        self._fault = EmulatorFault('%s at pc=0x%08x' % (TRAP_NAMES.get(cause, 'Trap %d' % cause), pc), pc)
        uc.emu_stop()

    def _fault_from(self, error):
        # Unicorn reports ebreak (and some undecodable words) as an invalid
        # instruction without raising a trap.
        pc = self.uc.reg_read(_PC)
        what = str(error)
        if error.errno == UC_ERR_INSN_INVALID:
            what = 'Illegal instruction'
            if self.read(pc, 4) == b'\x73\x00\x10\x00' or self.read(pc, 2) == b'\x02\x90':
                what = 'Breakpoint'
        return EmulatorFault('%s at pc=0x%08x' % (what, pc), pc)
