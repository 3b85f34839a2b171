"""The reference build: a shader hand-translated to C (host/ref/*.c, over
host/ref/q16.h) compiled by riscv64-unknown-elf-gcc for rv32imc, linked
with lumajit's own frame entry and runtime helpers, and run on the same
emulator with the same cycle model, so that the only difference from
lumajit is the shader's code.

The image is position-independent (medany code model, no jump tables),
linked at 0 by host/ref/link.ld: frame entry, the lj_main shim, the
shader's code and constants, then the helpers. `make bench` installs the
compiler with apt-get when it is missing (host/bench_pixels.py says how).
"""

import os
import shutil
import subprocess
import tempfile

from device.jit import rv32 as R, runtime
from host.runtime import HELPER_NAMES

REF = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ref")
GCC = "riscv64-unknown-elf-gcc"
FLAGS = ["-march=rv32imc", "-mabi=ilp32", "-mcmodel=medany", "-ffreestanding", "-fno-builtin",
         "-nostdlib", "-fno-jump-tables", "-fno-pic", "-mno-relax", "-fno-common",
         "-fno-tree-loop-distribute-patterns", "-Wall", "-Werror",
         # lumajit's helpers leave a6, a7 and t3-t6 alone (alloc_fast's
         # HELPER_CLOBBER): gcc is told so, as lumajit knows it, so that
         # values live across a helper call need no callee-saved register.
         "-fcall-saved-a6", "-fcall-saved-a7", "-fcall-saved-t3", "-fcall-saved-t4",
         "-fcall-saved-t5", "-fcall-saved-t6"]


class GccMissing(Exception):
    pass


def have_gcc():
    return shutil.which(GCC) is not None


class Image:
    """A linked reference program: `code` (bytes, loaded anywhere 4-aligned),
    `entry` (the frame entry's offset, 0), and the ranges of the frame
    (entry and shim), the shader and the helpers."""

    def __init__(self, code, symbols):
        self.code = code
        self.entry = 0
        self.globals = b""
        self.symbols = symbols
        self.shader = (symbols["__shader_start"], symbols["__helpers_start"])
        self.helpers_range = (symbols["__helpers_start"], symbols["__end"])
        self.frame = (0, symbols["__shader_start"])

    @property
    def shader_bytes(self):
        return self.shader[1] - self.shader[0]


def helpers_source():
    """Assembly for lumajit's frame entry and helper blobs as data, with a
    global lj_<name> at each helper's entry."""
    lines = ["    .section .text.frame, \"ax\"", "    .globl lj_frame", "lj_frame:"]
    lines += _bytes(runtime.read(runtime.FRAME))
    lines += ["    .section .helpers, \"ax\""]
    for k, (span, entries) in enumerate(runtime.blobs()):
        lines += ["    .balign 4", "blob%d:" % k]
        lines += _bytes(runtime.read(span))
        for hid, off in entries:
            lines += ["    .globl lj_%s" % HELPER_NAMES[hid],
                      "    .set lj_%s, blob%d + %d" % (HELPER_NAMES[hid], k, off)]
    return "\n".join(lines) + "\n"


def _bytes(data):
    return ["    .byte " + ", ".join(str(b) for b in data[i:i + 16])
            for i in range(0, len(data), 16)]


def build(c_path, opt="-O2"):
    """Compile and link one translation; returns its Image."""
    if not have_gcc():
        raise GccMissing("%s is not installed (make bench installs gcc-riscv64-unknown-elf)"
                         % GCC)
    tmp = tempfile.mkdtemp(prefix="lumajit-ref-")
    try:
        helpers_s = os.path.join(tmp, "helpers.S")
        with open(helpers_s, "w") as f:
            f.write(helpers_source())
        elf = os.path.join(tmp, "ref.elf")
        cmd = [GCC, opt] + FLAGS + ["-I", REF, "-T", os.path.join(REF, "link.ld"),
                                    "-Wl,--no-relax", "-o", elf, c_path,
                                    os.path.join(REF, "shim.S"), helpers_s]
        run = subprocess.run(cmd, capture_output=True, text=True)
        if run.returncode != 0:
            raise RuntimeError("gcc failed on %s:\n%s" % (c_path, run.stderr))
        binary = os.path.join(tmp, "ref.bin")
        subprocess.run(["riscv64-unknown-elf-objcopy", "-O", "binary", elf, binary], check=True)
        with open(binary, "rb") as f:
            code = bytearray(f.read())
        symbols = _symbols(elf)
        # The frame entry calls main: here the shim.
        call = runtime.FRAME_MAIN_CALL
        word = R.j(R.JAL, R.RA, symbols["lj_main"] - call)
        code[call:call + 4] = word.to_bytes(4, "little")
        return Image(bytes(code), symbols)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _symbols(elf):
    out = subprocess.run(["riscv64-unknown-elf-nm", elf], capture_output=True, text=True,
                         check=True).stdout
    symbols = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3:
            symbols[parts[2]] = int(parts[0], 16)
    return symbols
