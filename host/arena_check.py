"""Code arena safety: does a compiled program store only where it may?

On the chip a shader's code runs inside MicroPython's heap and task stack
with nothing to stop a stray store, so the generated code's own discipline
is the only protection. check_program() runs a program's frame on the
emulated C3 (host/render.py's Renderer, the board's calling convention)
with a hook on every store, and reports each store outside:

- the output buffer (raw Q16.16 words, or LED bytes through the LUT: both
  modes are run, as the host and the board use them);
- the parameter block's words the frame contract lets the code change
  (P_FUEL, P_FAULT, P_SP: device/jit/frame.py), and the program's globals
  after it (mutable globals, hoisted results);
- the stack from the entry's sp down to the stack pointer of the moment:
  a store below sp is into memory no frame owns (an interrupt would
  clobber it), one above the entry's sp is into the caller's frame. The
  stack may go STACK_LIMIT bytes deep at most: below that is a violation
  even when sp was lowered first.

Everything else is a violation, named by what it hit: the program's code
(through either bus), the coordinate table, the LUT, any other memory
(unmapped memory too: the frame then ends there, faulted). Loads are not
checked: reading code (constant tables) is how programs work.
"""

import os
from collections import namedtuple

from device.jit import frame as F, runtime
from host.emulator import (DRAM_BASE, DRAM_SIZE, ENTRY_SP, IBUS_OFFSET, STACK_SIZE,
                           EmulatorFault)
from host.render import Renderer, grid

# How deep a frame may take the stack, in bytes below the entry's sp. On
# the C3, MicroPython's task has a 16 KB C stack, and the frame is called
# from the REPL or a scheduled callback with part of it in use. The corpus
# goes at most about 600 bytes deep (the frame entry's 64 included): a
# quarter of the task's stack is ample, and a program going deeper is
# worth a look before it meets a real board.
STACK_LIMIT = 4096
# Parameter block words the generated code writes (device/jit/frame.py):
# the fuel left, the loop that spent it, the entry's sp for the fuel exit.
_WRITABLE_PARAMS = (F.P_FUEL, F.P_FAULT, F.P_SP)
# Loop trips per frame: 4096 per pixel of a 4x4 frame, far more than any
# corpus loop takes, and a runaway mutant's frame ends in a fraction of
# a second (every trip stores the fuel left: a hook call each).
CHECK_FUEL = 65536
# A LUT that is a byte's identity, and an order that puts R, G, B at 2, 0, 1
# (GRB): every LED byte store lands at a different offset than in RGB.
_LUT = bytes(range(256))
_ORDER_GRB = 2 | 0 << 8 | 1 << 16


class Violation(namedtuple("Violation", "what address size pc where count")):
    """Stores of one instruction (pc, an instruction-bus address; where: the
    function or "frame entry"/"runtime helper") into one kind of forbidden
    memory (what); address and size are the first such store's, count how
    many there were."""

    def __str__(self):
        return "%d store(s) %s: first %d bytes at 0x%08x by pc=0x%08x (%s)" % (
            self.count, self.what, self.size, self.address, self.pc, self.where)


def check_program(program, width=4, height=4, times=(0.0, 1.5), fuel=CHECK_FUEL):
    """Run `program` (a compiled Program, or anything with code, entry,
    globals and optionally functions) for a width x height frame at each of
    `times` (seconds), in raw and in LED mode; returns the list of
    Violations, empty when every store was allowed. A fault other than a
    store's (a load from unmapped memory, an illegal instruction) is not
    an arena violation: its EmulatorFault is raised as render() would.
    `fuel`: loop trips per frame (device/jit/frame.py)."""
    return measure(program, width, height, times, fuel)[0]


def measure(program, width=4, height=4, times=(0.0, 1.5), fuel=CHECK_FUEL):
    """check_program's violations, and how many bytes below the entry's sp
    the deepest allowed store into the stack went (the frame entry's own
    saves reach 52)."""
    found = {}
    deepest = ENTRY_SP
    for lut, order in ((None, 0), (_LUT, _ORDER_GRB)):
        renderer = Renderer(program, grid(width, height), (width, height), lut, order,
                            fuel=fuel)
        arena = _Arena(program, renderer, found)
        handle = renderer.emu.watch_writes(arena.on_write)
        try:
            for t in times:
                try:
                    renderer.run(t)
                except EmulatorFault as e:
                    # A store to unmapped memory was reported by the hook,
                    # which runs before the access is checked.
                    if "Store access fault" not in str(e):
                        raise
                    break
        finally:
            renderer.emu.unwatch_writes(handle)
        deepest = min(deepest, arena.deepest)
    return list(found.values()), ENTRY_SP - deepest


class _Arena:
    # The memory one renderer's frame may store to, and the judge of each store.

    def __init__(self, program, renderer, found):
        self.found = found
        self.functions = getattr(program, "functions", [])
        self.code = renderer.entry - program.entry          # data-bus address
        self.code_end = self.code + len(program.code)
        self.entry_offset = program.entry
        out, count, table, _, _, lut, _ = renderer.fixed
        self.out = (out, out + count * renderer.per_led)
        self.params = renderer.params
        self.globals = (renderer.params + F.GLOBALS,
                        renderer.params + F.GLOBALS + len(program.globals))
        self.table = (table, table + 8 * count)
        self.lut = (lut, lut + 256) if lut else (0, 0)
        self.deepest = ENTRY_SP

    def on_write(self, address, size, pc, sp):
        what = self.judge(address, size, sp)
        if what is not None:
            self.report(what, address, size, pc)

    def judge(self, address, size, sp):
        # None if the store is allowed, else what it hit.
        end = address + size
        if DRAM_BASE + IBUS_OFFSET <= address < DRAM_BASE + IBUS_OFFSET + DRAM_SIZE:
            return "through the instruction bus"
        if _inside(address, end, self.out) or _inside(address, end, self.globals):
            return None
        if self.params <= address < self.params + F.PARAMS_BYTES:
            if size == 4 and address - self.params in _WRITABLE_PARAMS:
                return None
            return "into the parameter block's word at +%d" % (address - self.params)
        if ENTRY_SP - STACK_LIMIT <= address and end <= ENTRY_SP:
            self.deepest = min(self.deepest, address)
            return None if address >= sp else "below the stack pointer"
        if ENTRY_SP <= end and address < DRAM_BASE + DRAM_SIZE:
            return "above the entry's stack pointer (the caller's frame)"
        if DRAM_BASE + DRAM_SIZE - STACK_SIZE <= address < ENTRY_SP:
            return "past the stack limit (%d bytes below the entry's sp)" % STACK_LIMIT
        if address < self.code_end and self.code < end:
            return "into the program's code"
        if address < self.table[1] and self.table[0] < end:
            return "into the coordinate table"
        if address < self.lut[1] and self.lut[0] < end:
            return "into the LUT"
        return "outside the frame's memory"

    def report(self, what, address, size, pc):
        key = (pc, what)
        v = self.found.get(key)
        if v is None:
            self.found[key] = Violation(what, address, size, pc, self.where(pc), 1)
        else:
            self.found[key] = v._replace(count=v.count + 1)

    def where(self, pc):
        # The function holding pc, by its program offset.
        off = pc - IBUS_OFFSET - self.code
        for name, start, size, _, _ in self.functions:
            if start <= off < start + size:
                return "%s+%d" % (name, off - start)
        if 0 <= off - self.entry_offset < runtime.FRAME[1]:
            return "frame entry+%d" % (off - self.entry_offset)
        if 0 <= off < self.code_end - self.code:
            return "runtime helper at %d" % off     # linked after the frame entry
        return "outside the program"


def _inside(start, end, region):
    return region[0] <= start and end <= region[1]


def main(paths):
    """`python -m host arena [FILE...]`: check each shader (default: the
    test corpus and the benchmarks) and print its deepest stack store;
    returns 1 if any stored outside its arena."""
    from host.cli import compile_file
    from host.fuzz_mutate import CORPUS, BENCH
    if not paths:
        paths = [os.path.join(CORPUS, n) for n in sorted(os.listdir(CORPUS)) if n.endswith(".glsl")]
        paths += [os.path.join(BENCH, n) for n in ("lp2025-test-perlin.glsl", "lp2025-rainbow.glsl")
                  if os.path.exists(os.path.join(BENCH, n))]
    bad = deepest = 0
    for path in paths:
        violations, depth = measure(compile_file(path))
        deepest = max(deepest, depth)
        if violations:
            bad += 1
            print("%s: %d violation(s)" % (path, len(violations)))
            for v in violations:
                print("    " + str(v))
    print("%d shader(s), %d with stores outside their arena; the deepest stack store was %d "
          "bytes below the entry's sp (limit %d)" % (len(paths), bad, deepest, STACK_LIMIT))
    return 1 if bad else 0
