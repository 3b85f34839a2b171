"""Run a runtime helper blob on the emulator over many inputs at once.

A small viper-callable loop (assembled here) reads (a0, a1) pairs from an
input array, calls the helper with its own convention and stores a0; one
emulator call evaluates thousands of inputs."""

import struct

from device.jit import rv32 as R, runtime
from device.jit.rv32 import ZERO, RA, SP, S0, S1, S2, S3, A0, A3
from host.emulator import C3Emulator
from host.runtime.asm import Asm


def blob_for(helper_id):
    for span, entries in runtime.blobs():
        for hid, off in entries:
            if hid == helper_id:
                return runtime.read(span), off
    raise KeyError(helper_id)


def assemble_loop(helper_id, n_in=2, n_out=1, blob=None):
    """The helper's blob (from device/jit/runtime.py, or `blob` = (code,
    entry offset) for one not linked there yet), then a viper-callable loop
    that reads records of n_in words into a0.., calls the helper and stores
    its first n_out result registers. Returns (code, the loop's offset, the
    blob's size)."""
    blob, entry = blob or blob_for(helper_id)
    a = Asm()
    a.data(blob)                       # at offset 0: 4-aligned, as the linker places it
    a.labels["helper"] = entry
    a.align(4)
    start = a.here()
    a(R.i(R.ADDI, SP, SP, -32), R.s(R.SW, RA, SP, 28), R.s(R.SW, S0, SP, 24),
      R.s(R.SW, S1, SP, 20), R.s(R.SW, S2, SP, 16), R.s(R.SW, S3, SP, 12),
      R.i(R.LW, S0, A3, 0), R.i(R.SRAI, S0, S0, 1),       # block: n, inputs, outputs
      R.i(R.LW, S1, S0, 0), R.i(R.LW, S2, S0, 4), R.i(R.LW, S3, S0, 8))
    a.label("loop")
    for k in range(n_in):
        a(R.i(R.LW, A0 + k, S2, 4 * k))
    a.jal(RA, "helper")
    for k in range(n_out):
        a(R.s(R.SW, A0 + k, S3, 4 * k))
    a(R.i(R.ADDI, S2, S2, 4 * n_in), R.i(R.ADDI, S3, S3, 4 * n_out), R.i(R.ADDI, S1, S1, -1))
    a.branch(R.BNE, S1, ZERO, "loop")
    a(R.i(R.LW, RA, SP, 28), R.i(R.LW, S0, SP, 24), R.i(R.LW, S1, SP, 20),
      R.i(R.LW, S2, SP, 16), R.i(R.LW, S3, SP, 12), R.i(R.ADDI, SP, SP, 32),
      R.i(R.ADDI, A0, ZERO, 1), R.i(R.JALR, ZERO, RA, 0))
    return a.resolve(), start, len(blob)


class HelperRunner:
    def __init__(self, helper_id, blob=None):
        code, self.start, _ = assemble_loop(helper_id, blob=blob)
        self.emu = C3Emulator()
        self.code = self.emu.load_code(code)

    def run(self, pairs):
        """pairs: list of (a0, a1) signed 32-bit ints -> list of signed results."""
        emu = self.emu
        n = len(pairs)
        inputs = emu.alloc(8 * n)
        outputs = emu.alloc(4 * n)
        block = emu.alloc(12)
        emu.write(inputs, b"".join(struct.pack("<ii", a, b) for a, b in pairs))
        emu.write(block, struct.pack("<III", n, inputs, outputs))
        result = emu.call_viper(self.code + self.start, [block])
        assert result.value == 0
        return list(struct.unpack("<%di" % n, emu.read(outputs, 4 * n))), result.instructions
