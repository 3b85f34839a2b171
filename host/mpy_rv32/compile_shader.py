# Runs on the RV32 MicroPython (host/rv32_micropython.py measure_compile),
# from a root holding the device package as .mpy and the shader as
# shader.glsl. The order is host/device_compile.py's, a board's: workspace
# first while the heap is clean, then the source, then the compiler. Prints
# one "key value" line per figure and the code as hex; marks 1 and 2
# bracket compile_shader.
import gc
import emu

gc.collect()
start = gc.mem_alloc()
from device.jit.workspace import Workspace
ws = Workspace()
gc.collect()
print("workspace_bytes", gc.mem_alloc() - start)
f = open("shader.glsl")
src = f.read()
f.close()
del f
gc.collect()
base = gc.mem_alloc()
import device.jit.compiler as jit
gc.collect()
before = gc.mem_alloc()
print("resident_bytes", before - base)
emu.mark(1)
code = jit.compile_shader(src, ws).code
emu.mark(2)
gc.collect()
print("retained_bytes", gc.mem_alloc() - before)
# Small pieces: the report must not need memory the compile did not.
for i in range(0, len(code), 32):
    print("code", code[i:i + 32].hex())
