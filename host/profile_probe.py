# Runs under MicroPython, not CPython: host/profile.py prepends a line
# `ARGS = {...}` and runs it in a fresh interpreter whose current directory
# is the device package compiled to .mpy. It compiles one shader once and
# prints one line, "LUMAJIT-PROFILE {...}" (a Python literal: the RV32
# build has no json module): the heap the compiler takes
# when imported, and for every stage of the compile (the stages the
# compiler announces through Workspace.stage) the heap at its start and
# end and its peak, as bytes above the heap just before the compile.
#
# ARGS["mode"] chooses what is measured:
#   "live":  the garbage collector runs at every stage boundary and at every
#            token, IR instruction and machine instruction, so the figures
#            are live data, and the peak is the peak of live data.
#   "alloc": the collector is off (ARGS["heap"] must be large), so a
#            stage's growth is every byte it allocated, garbage included.
#   "stages": stage boundaries only, no collections: with `emu.mark(i)` at
#            boundary i, the work of each stage on the RV32 emulator.
#   "work":  nothing is instrumented: the run whose instructions are counted
#            (on the RV32 emulator, between emu.mark(0) and emu.mark(1)).
#   "base":  the same without the compile, subtracted from "work".
# ARGS["dump_code"] also prints the machine code, in short hex lines.
import sys
import gc

sys.path.insert(0, "")
try:
    import emu
except ImportError:
    emu = None

MODE = ARGS["mode"]  # noqa: F821 (prepended by host/profile.py)
PROFILED = MODE in ("live", "alloc", "stages")

gc.collect()
start = gc.mem_alloc()
from device.jit.workspace import Workspace  # noqa: E402


class ProfiledWorkspace(Workspace):
    # The compiler sets ws.stage by plain assignment at every stage; here
    # that assignment closes one stage's record and opens the next.
    active = False

    @property
    def stage(self):
        return self._stage

    @stage.setter
    def stage(self, value):
        if ProfiledWorkspace.active:
            boundary()
        self._stage = value


ws = (ProfiledWorkspace if PROFILED else Workspace)(ARGS["code_bytes"])  # noqa: F821
gc.collect()
workspace = gc.mem_alloc() - start
f = open(ARGS["source"])  # noqa: F821
src = f.read()
f.close()
f = None
gc.collect()
base = gc.mem_alloc()
import device.jit.compiler as jit  # noqa: E402
known = list(sys.modules)
gc.collect()
before = gc.mem_alloc()

stages = []       # [stage, function, start, end, peak], bytes above `before`


def heap():
    if MODE == "stages":
        return 0        # gc.mem_alloc() walks the heap: cycles the compile does not spend
    if MODE == "live":
        gc.collect()
    return gc.mem_alloc() - before


def boundary():
    used = heap()
    if stages:
        # Closing the stage the compiler is leaving: ws still names it.
        last = stages[-1]
        last[0] = ws.stage
        last[1] = ws.stage_name if ws.stage in ("parse", "allocate") else ""
        last[3] = used
        last[4] = max(last[4], used)
    if emu is not None:
        emu.mark(len(stages))
    stages.append([None, "", used, used, used])


def sample():
    used = heap()
    if used > stages[-1][4]:
        stages[-1][4] = used


def sampled(method):
    def wrapper(*args):
        result = method(*args)
        sample()
        return result
    return wrapper


if MODE == "live":
    from device.jit import lexer, ir, emit
    lexer.Lexer.next = sampled(lexer.Lexer.next)
    ir.FuncBuilder.emit = sampled(ir.FuncBuilder.emit)
    emit.BackEmitter.ins = sampled(emit.BackEmitter.ins)
elif MODE == "alloc":
    gc.disable()

out = {"ok": True, "resident": before - base, "workspace": workspace}
program = None
ProfiledWorkspace.active = PROFILED
if emu is not None and not PROFILED:
    emu.mark(0)
try:
    if MODE != "base":
        program = jit.compile_shader(src, ws)
        out["code_bytes"] = len(program.code)
        out["functions"] = len(program.functions)
except jit.CompileError as e:
    out["ok"] = False
    out["error"] = "%d:%d: error: %s" % (e.line, e.col, e.message)
except MemoryError:
    out["ok"] = False
    out["error"] = "out of memory while compiling (%s)" % ws.stage
if emu is not None and not PROFILED:
    emu.mark(1)
if PROFILED:
    boundary()
    stages.pop()        # the record the last boundary opened: nothing ran in it
ProfiledWorkspace.active = False
gc.enable()
gc.collect()
loaded = gc.mem_alloc()
from device.jit.first_use import forget  # noqa: E402
forget(known)     # the modules imported on first use (the compiler's, not the compile's) and this
forget = known = None
gc.collect()
out["first_use"] = loaded - gc.mem_alloc()
out["retained"] = gc.mem_alloc() - before       # the Program still referenced
program = None
out["stages"] = stages
if ARGS["dump_code"] and out["ok"]:  # noqa: F821
    code = jit.compile_shader(src, ws).code
    for i in range(0, len(code), 32):
        print("LUMAJIT-CODE " + code[i:i + 32].hex())
print("LUMAJIT-PROFILE " + repr(out))
