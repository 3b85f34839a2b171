"""MicroPython built for RV32IMC and run on unicorn (host/rv32_micropython.py):
32-bit heap figures, the device package imported as .mpy compiling
shaders byte-identically to CPython, marks, and clean failures.

Building it needs Debian's RISC-V toolchain, which `make test` (PyPI only)
does not install: these tests skip unless the interpreter is built already
(`python -m host.rv32_micropython build`) or LUMAJIT_RV32=1 asks them to
build it."""

import os
import tempfile

import pytest

from device.jit.compiler import compile_shader
from host import rv32_micropython as rv
from host.emulator import EmulatorFault, EmulatorTimeout
from host.golden import REPO

SHADER = os.path.join(REPO, "tests", "shaders", "checker.glsl")


@pytest.fixture(scope="module")
def elf():
    if os.environ.get("LUMAJIT_RV32") == "1":
        return rv.build()
    if not os.path.exists(rv.ELF):
        pytest.skip("the RV32 MicroPython is not built: run `python -m host.rv32_micropython "
                    "build` (installs Debian's RISC-V gcc) or set LUMAJIT_RV32=1")
    return rv.build(install=False)


@pytest.fixture(scope="module")
def mpy_root(elf):
    with tempfile.TemporaryDirectory(prefix="lumajit-rv32-test-") as tmp:
        yield rv.mpy_tree(tmp)


def run_source(elf, folder, source, heap_bytes=64 * 1024, **kwargs):
    path = os.path.join(str(folder), "main.py")
    with open(path, "w") as f:
        f.write(source)
    return rv.run(path, str(folder), heap_bytes, elf=elf, **kwargs)


def test_arithmetic_and_print(elf, tmp_path):
    r = run_source(elf, tmp_path, "print(6 * 7, 2 ** 70, 1.5 * 3, '%.3f' % 0.1)\n")
    assert (r.status, r.stdout) == (0, "42 1180591620717411303424 4.5 0.100\n")
    assert 0 < r.instructions < r.cycles


def test_objects_take_32_bit_words(elf, tmp_path):
    # A bytearray is a 4-word header block (16 B) plus its bytes; a list of
    # 100 items a header plus 100 words. The 64-bit unix port needs 1056 B
    # and 832 B for these.
    r = run_source(elf, tmp_path, """
import gc
def cost(make):
    gc.collect()
    before = gc.mem_alloc()
    keep = make()
    return gc.mem_alloc() - before
items = [0] * 100
print(cost(lambda: bytearray(1000)), cost(lambda: items * 1))
""")
    bytearray_cost, list_cost = map(int, r.stdout.split())
    assert 1008 <= bytearray_cost <= 1024
    assert 400 <= list_cost <= 416


def test_files_read_as_the_device_package_reads_them(elf, tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "t.txt").write_text("one\ntwo\n")
    (tmp_path / "b.bin").write_bytes(bytes(range(10)))
    r = run_source(elf, tmp_path, """
with open("/data/t.txt") as f:
    print(repr(f.readline()), repr(f.readline()), repr(f.readline()))
f = open("b.bin", "rb")
f.seek(3)
print(f.read(4), f.tell())
f.close()
for bad in ("missing.txt", "/../../etc/passwd", "data"):
    try:
        open(bad)
    except OSError as e:
        print(bad, e.errno)
try:
    open("b.bin", "w")
except OSError as e:
    print("write", e.errno)
""")
    assert r.status == 0, r.stdout
    assert r.stdout.splitlines() == [
        "'one\\n' 'two\\n' ''", "b'\\x03\\x04\\x05\\x06' 7",
        "missing.txt 2", "/../../etc/passwd 2", "data 21", "write 30"]


def test_marks_are_recorded_in_order_with_growing_counts(elf, tmp_path):
    r = run_source(elf, tmp_path, """
import emu
emu.mark(1)
total = sum(range(1000))
emu.mark(2)
emu.mark(7)
""")
    assert [m.n for m in r.marks] == [1, 2, 7]
    assert r.marks[0].instructions < r.marks[1].instructions < r.marks[2].instructions
    assert r.marks[0].cycles < r.marks[1].cycles < r.marks[2].cycles
    instructions, cycles = r.between(1, 2)
    assert 1000 < instructions < cycles


def test_native_code_from_mpy_runs(elf, mpy_root):
    # device/viper_ops.py, compiled by mpy-cross -march=rv32imc.
    path = os.path.join(mpy_root, "viper_check.py")
    with open(path, "w") as f:
        f.write("from device import viper_ops as v\n"
                "b = bytearray(b'\\x01\\x02\\x03\\x04')\n"
                "print(hex(v.read_word(v.address_of(b))))\n")
    r = rv.run(path, mpy_root, 64 * 1024, elf=elf)
    assert (r.status, r.stdout) == (0, "0x4030201\n")


def test_compile_on_rv32_matches_cpython(elf, mpy_root):
    with open(SHADER) as f:
        expected = bytes(compile_shader(f.read()).code)
    figures = rv.measure_compile(SHADER, 128 * 1024, root=mpy_root)
    assert figures["ok"], figures["stdout"]
    assert figures["code"] == expected
    assert 0 < figures["compile_instructions"] < figures["compile_cycles"]
    assert 0 < figures["resident_bytes"] < 128 * 1024


def test_memory_error_is_reported_cleanly(elf, tmp_path, mpy_root):
    r = run_source(elf, tmp_path, "x = bytearray(100000)\n", heap_bytes=16 * 1024)
    assert r.status == 1
    assert r.stdout.splitlines()[-1].startswith("MemoryError")
    figures = rv.measure_compile(SHADER, 40 * 1024, root=mpy_root)
    assert not figures["ok"]
    assert figures["error"].startswith("MemoryError")


def test_a_crashing_guest_raises_naming_the_pc(elf, tmp_path):
    with pytest.raises(EmulatorFault, match=r"Store access fault at 0x30000000 \(pc=0x") as e:
        run_source(elf, tmp_path, """
import micropython
@micropython.viper
def crash():
    ptr32(0x30000000)[0] = 1
crash()
""")
    assert e.value.pc is not None


def test_a_runaway_guest_is_stopped(elf, tmp_path):
    with pytest.raises(EmulatorTimeout, match=r"more than 1000000 instructions \(pc=0x"):
        run_source(elf, tmp_path, "while True:\n    pass\n", max_instructions=1_000_000)


def test_profile_reports_c3_figures_stage_by_stage(elf):
    # `python -m host profile` with the RV32 build: 32-bit heap figures
    # smaller than the 64-bit unix port's, and stage cycles that add up to
    # the compile's (the marks at stage boundaries cost a little).
    from host import profile
    p = profile.profile(SHADER, work=True)
    rv32 = p["rv32"]
    assert rv32 is not None and p["est_model"] == profile.RV32_MODEL
    assert 0 < rv32["resident_compiler_bytes"] < p["resident_compiler_bytes"]
    assert 0 < rv32["compile_instructions"] < rv32["compile_cycles"]
    staged = sum(s["rv32_cycles"] for s in p["stages"])
    assert abs(staged - rv32["compile_cycles"]) < 0.1 * rv32["compile_cycles"]
    assert p["est_c3_ms"] == pytest.approx(rv32["compile_cycles"] / 160e3, abs=0.1)
