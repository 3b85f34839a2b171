# The large buffers a compile needs, allocated once and reused by every
# compile: the code buffer and pools of IR and emitter chunks. A board
# creates its Workspace at start-up, before importing the compiler, while
# the heap is unfragmented; afterwards a compile allocates only small
# objects. This module is deliberately tiny so that creating a Workspace
# first costs almost nothing. A Program's code is a view of the workspace's
# buffer, valid until the next compile that uses the same workspace.

from array import array
from .codebuf import CodeBuffer

IR_CHUNK_INTS = 256          # ir.CHUNK_INSNS instructions of 4 ints
CODE_CHUNK_HALFWORDS = 512   # emit.CHUNK_HALFWORDS


class Workspace:
    def __init__(self, code_bytes=3072, ir_chunks=3, code_chunks=1):
        self.code = CodeBuffer(code_bytes)
        self.ir_pool = [array("i", range(IR_CHUNK_INTS)) for _ in range(ir_chunks)]
        self.code_pool = [array("H", range(CODE_CHUNK_HALFWORDS)) for _ in range(code_chunks)]
