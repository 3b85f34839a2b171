# The large buffers a compile needs, allocated once and reused by every
# compile: the code buffer, pools of IR and emitter chunks, and the tables
# indexed by virtual register (hints, constants, allocator state). A board
# creates its Workspace at start-up, before importing the compiler, while
# the heap is unfragmented; afterwards a compile allocates only small
# objects. This module is deliberately tiny so that creating a Workspace
# first costs almost nothing. A Program's code is a view of the workspace's
# buffer, valid until the next compile that uses the same workspace.

from array import array
from .codebuf import CodeBuffer

IR_CHUNK_FIELDS = 256        # ir.CHUNK_INSNS instructions of 4 16-bit fields
CODE_CHUNK_HALFWORDS = 512   # emit.CHUNK_HALFWORDS


class Workspace:
    # code_bytes: 6 KB holds the benchmark shaders with their runtime
    # helpers (Perlin 4.7 KB, the rainbow 5.4 KB) without growing, which in
    # a fragmented heap takes a new block while the old one is still live.
    def __init__(self, code_bytes=6144, ir_chunks=3, code_chunks=1, vregs=256, consts=64,
                 calls=64):
        self.code = CodeBuffer(code_bytes)
        self.ir_pool = [array("h", range(IR_CHUNK_FIELDS)) for _ in range(ir_chunks)]
        self.code_pool = [array("H", range(CODE_CHUNK_HALFWORDS)) for _ in range(code_chunks)]
        # Per virtual register of the function being compiled:
        self.hints = bytearray(vregs)        # preferred physical register
        # 1 + index in const_values, 0 if none; while alloc_fast runs, for
        # the others, ir.SEG | what alloc_fast.py's seg says.
        self.const_at = array("H", range(vregs))
        self.loc = bytearray(vregs)          # alloc_fast: where the value is
        self.slot = bytearray(vregs)         # alloc_fast: its spill slot
        self.const_values = array("i", range(consts))
        # Per program: its call sites, packed (compiler.ProgramBuilder).
        self.calls = array("i", range(calls))
        # What the compile is doing, for an out-of-memory report: set by
        # plain assignment, which allocates nothing.
        self.stage = ""             # "preprocess", "signatures", "parse", "allocate", "link"
        self.stage_name = ""        # the function, for parse and allocate

    def grow_vregs(self):
        # Double the per-vreg tables for an unusually large function.
        n = len(self.hints)
        self.hints = _doubled(self.hints, bytearray(2 * n))
        self.const_at = _doubled(self.const_at, array("H", range(2 * n)))
        self.loc = _doubled(self.loc, bytearray(2 * n))
        self.slot = _doubled(self.slot, bytearray(2 * n))

    def grow_consts(self):
        n = len(self.const_values)
        self.const_values = _doubled(self.const_values, array("i", range(2 * n)))

    def grow_calls(self):
        n = len(self.calls)
        self.calls = _doubled(self.calls, array("i", range(2 * n)))


def _doubled(old, new):
    for i in range(len(old)):
        new[i] = old[i]
    return new
