"""The compiler under the real MicroPython interpreter (the unix port from
PyPI), imported as the .mpy files a board runs: same machine code as under
CPython, same errors, and the heap it needs.

Heap: compiling the Perlin benchmark may need at most 25% more live heap
than the walking skeleton did (88.7 KB, issue 2), everything included
(compiler imported as .mpy, workspace, source, the compile itself),
measured by sampling: the whole language must not cost small shaders more
than that. A real run in a heap just that size fails or passes with the
heap's fragmentation, so the real run uses HEAP, with room for it. The
unix port is 64-bit, so its objects are about twice the C3's: a
pessimistic stand-in for the chip."""

import os
import subprocess

import pytest

from device.jit.compiler import compile_shader, CompileError
from host import device_compile
from host.golden import PERLIN, REPO

HEAP = device_compile.PERLIN_HEAP
SKELETON_PEAK = int(88.7 * 1024)
BUDGET = SKELETON_PEAK * 5 // 4
# Byte-identity and error checks are about correctness, not heap: room to spare.
ROOMY = "512k"
PERLIN_PATH = os.path.join(REPO, PERLIN)


def cpython_code(path):
    with open(path) as f:
        return bytes(compile_shader(f.read()).code)


def test_perlin_compiles_on_micropython_byte_identical_to_cpython():
    if not os.path.exists(PERLIN_PATH):
        pytest.skip("the shared/ folder with the benchmark is not beside the repo")
    r = device_compile.compile_on_micropython(PERLIN_PATH, HEAP)
    assert r.ok, r.error
    assert r.code == cpython_code(PERLIN_PATH)
    peak = device_compile.compile_on_micropython(PERLIN_PATH, ROOMY, sample_peak=True)
    assert peak.code == r.code
    print("\nPerlin on MicroPython (-X heapsize=%s): %d bytes of code; peak live heap %d B "
          "(transient %d B); compiler resident %d B, workspace %d B, retained after compile %d B, "
          "modules imported on first use %d B"
          % (HEAP, len(r.code), peak.peak_live_bytes, peak.transient_peak_bytes,
             r.resident_bytes, r.workspace_bytes, r.retained_bytes, r.first_use_bytes))
    assert peak.peak_live_bytes <= BUDGET
    # Nothing but small bookkeeping may outlive a compile: the IR is gone.
    # (The modules it imported on first use stay on a board, like the rest
    # of the compiler: they are counted in the peak, not here.)
    assert r.retained_bytes < 2048


def corpus():
    # Every test shader and both benchmarks (when shared/ is beside the repo).
    folder = os.path.join(REPO, "tests", "shaders")
    paths = [os.path.join(folder, n) for n in sorted(os.listdir(folder)) if n.endswith(".glsl")]
    for bench in (PERLIN, "../shared/bench/lp2025-rainbow.glsl"):
        if os.path.exists(os.path.join(REPO, bench)):
            paths.append(os.path.join(REPO, bench))
    return paths


def test_every_shader_compiles_byte_identical_on_micropython():
    # One MicroPython process compiles them all in turn with one workspace,
    # as a board does: code and initial globals must equal CPython's.
    paths = corpus()
    results = device_compile.compile_many_on_micropython(paths)
    assert len(paths) > 100
    for path, r in zip(paths, results):
        with open(path) as f:
            program = compile_shader(f.read())
        assert r["ok"], (path, r)
        assert bytes.fromhex(r["code"]) == bytes(program.code), path
        assert bytes.fromhex(r["globals"]) == bytes(program.globals), path
        assert r["entry"] == program.entry, path


def test_errors_are_the_same_on_micropython(tmp_path):
    path = tmp_path / "bad.glsl"
    path.write_text("vec4 main(vec2 fragCoord, vec2 outputSize, float time) {\n"
                    "    vec3 c = vec3(fragCoord, 1.0) * time;\n"
                    "    return vec4(c, sin(1.0, 2.0));\n}\n")
    r = device_compile.compile_on_micropython(str(path), ROOMY)
    with pytest.raises(CompileError) as info:
        compile_shader(path.read_text())
    assert not r.ok
    assert (r.error, r.line, r.col) == (info.value.message, info.value.line, info.value.col)


def test_a_heap_too_small_is_reported_as_out_of_memory():
    with pytest.raises(device_compile.OutOfMemory):
        device_compile.compile_on_micropython(os.path.join(REPO, "tests", "shaders",
                                                           "gradient.glsl"), "48k")


_OOM_SCRIPT = r"""
import sys, gc
sys.path.insert(0, "")
try:
    from device.jit.workspace import Workspace
    ws = Workspace()
    f = open(%(src)r)
    src = f.read()
    f.close()
    import device.jit.compiler as jit
    from device.jit.first_use import forget     # resident, as on a board (server.py)
except MemoryError:
    print("IMPORT-OOM")
    raise SystemExit
known = list(sys.modules)
gc.collect()
before = gc.mem_alloc()
try:
    jit.compile_shader(src, ws)
    print("COMPILED")
except MemoryError:
    print("OOM", ws.stage, ws.stage_name or "-")
forget(known)         # as the board does after running out of memory
gc.collect()
print("DELTA", gc.mem_alloc() - before)
"""


def test_out_of_memory_names_the_stage_and_gives_the_heap_back(tmp_path):
    # The Perlin benchmark in heaps from too small for it up to enough: a
    # compile that runs out of memory says in which stage (and function),
    # and once collected, and the modules it imported forgotten (as the
    # board does), the heap is back where it was before the compile, within
    # 1 KB (the workspace is kept for the next compile).
    if not os.path.exists(PERLIN_PATH):
        pytest.skip("the shared/ folder with the benchmark is not beside the repo")
    script = os.path.join(device_compile.mpy_lib(), "oom_check.py")
    with open(script, "w") as f:
        f.write(_OOM_SCRIPT % {"src": PERLIN_PATH})
    outcomes = []
    for kb in range(108, 132, 4):
        run = subprocess.run([device_compile.micropython_exe(), "-X", "heapsize=%dk" % kb,
                              "oom_check.py"], cwd=device_compile.mpy_lib(),
                             capture_output=True, text=True, timeout=60)
        words = run.stdout.split()
        assert "Traceback" not in run.stdout + run.stderr, (kb, run.stdout, run.stderr)
        if words[:1] == ["IMPORT-OOM"]:
            continue                      # too small for the compiler itself
        delta = int(words[words.index("DELTA") + 1])
        assert abs(delta) <= 1024, (kb, run.stdout)
        if words[0] == "OOM":
            assert words[1] in ("preprocess", "signatures", "parse", "allocate", "link"), words
            assert words[1] not in ("parse", "allocate") or words[2] != "-", words
        outcomes.append(words[0])
    assert "OOM" in outcomes and "COMPILED" in outcomes, outcomes
