"""What compiling a shader costs on the device, measured under MicroPython.

`python -m host profile FILE [--json]` runs host/profile_probe.py in fresh
MicroPython unix interpreters that import the device package as .mpy, as a
board does:

- "live" run: heap figures of live data, stage by stage (the stages the
  compiler names in Workspace.stage: preprocess, signatures, then parse and
  allocate for each function, link), with the collector run at every token,
  IR instruction and machine instruction so that the peak is the true peak.
- "alloc" run: the collector off, so each stage's growth is all it allocated.
- compile work: instructions the interpreter executes for the compile,
  counted by valgrind's callgrind (the same script without the compile is
  subtracted), when valgrind is installed; `make bench` installs it.

Heap figures are from the unix port, whose objects have 64-bit pointers; a
C3 (32-bit) needs less. The model that turns instructions into an estimate
of milliseconds on a 160 MHz C3 is stated in C3_MODEL below and in the
README.
"""

import ast
import os
import shutil
import tempfile

from host import device_compile

HERE = os.path.dirname(os.path.abspath(__file__))
PROBE = os.path.join(HERE, "profile_probe.py")

C3_MHZ = 160
RV32_INTERPRETER = "MicroPython RV32IMC (32-bit objects) on the emulator, .mpy"
RV32_MODEL = ("est_c3_ms = modelled C3 cycles of the compile on MicroPython built for "
              "RV32IMC (DESIGN.md's cycle model; no flash-cache misses) / %d MHz" % C3_MHZ)
# Without the RV32 build: x86-64 instructions of the unix port (callgrind)
# times the ratio of the two counts on the Perlin benchmark (157.0 M
# modelled RV32 cycles for 120.6 M x86-64 instructions, measured together).
C3_CYCLES_PER_X86_INSTRUCTION = 1.30
X86_MODEL = ("est_c3_ms = compile_instructions (x86-64, callgrind) x %.2f C3 cycles per "
             "instruction (measured on Perlin against the RV32 build) / %d MHz"
             % (C3_CYCLES_PER_X86_INSTRUCTION, C3_MHZ))


class ProfileError(Exception):
    pass


class ProbeFailed(ProfileError):
    """The interpreter ended without the probe's result (`run` says why)."""

    def __init__(self, message, run):
        ProfileError.__init__(self, message)
        self.run = run


# The code arena a board's Workspace allocates (device/jit/workspace.py).
BOARD_CODE_BYTES = 6144

def probe_text(source_name, mode, code_bytes, dump_code=False):
    args = {"mode": mode, "source": source_name, "code_bytes": code_bytes,
            "dump_code": dump_code}
    with open(PROBE) as f:
        return "ARGS = %r\n%s" % (args, f.read())


def parse_probe(stdout, what, run=None):
    code = []
    for line in stdout.splitlines():
        if line.startswith("LUMAJIT-CODE "):
            code.append(line[len("LUMAJIT-CODE "):])
        elif line.startswith("LUMAJIT-PROFILE "):
            result = ast.literal_eval(line[len("LUMAJIT-PROFILE "):])
            if code:
                result["code"] = bytes.fromhex("".join(code))
            return result
    raise ProbeFailed("%s failed:\n%s" % (what, stdout[-2000:]), run)


def run_probe(source_path, mode, heap, code_bytes=BOARD_CODE_BYTES, wrapper=()):
    """Run the probe once on the unix port; returns (its result, the
    finished process). code_bytes sizes the workspace's code arena,
    allocated before the compile as on a board (the board's default,
    which fits the benchmarks with their helpers)."""
    # The unix port runs inside a CPython process: a fixed hash seed for it
    # makes instruction counts repeat (to about 0.01%, with no address
    # randomisation either).
    env = dict(os.environ, PYTHONHASHSEED="0")
    run = device_compile.run_script(probe_text(os.path.abspath(source_path), mode, code_bytes),
                                    heap, 600, wrapper, env)
    return parse_probe(run.stdout, "MicroPython (%s mode)" % mode + "\n" + run.stderr[-2000:]), run


def run_probe_rv32(source_path, mode, heap, code_bytes=BOARD_CODE_BYTES, dump_code=False,
                   root=None):
    """The probe on MicroPython built for RV32IMC (host/rv32_micropython.py);
    returns (its result, the Run with the marks). heap: bytes, or a
    -X heapsize string; root: a .mpy tree (rv32.mpy_tree), by default one
    built once per process."""
    from host import rv32_micropython as rv32
    if root is None:
        if "rv32" not in _trees:
            _trees["rv32"] = rv32.mpy_tree(tempfile.mkdtemp(prefix="lumajit-rv32-"))
        root = _trees["rv32"]
    shutil.copyfile(source_path, os.path.join(root, "shader.glsl"))
    script = os.path.join(root, "profile_probe.py")
    with open(script, "w") as f:
        f.write(probe_text("shader.glsl", mode, code_bytes, dump_code))
    run = rv32.run(script, root, heap if isinstance(heap, int) else rv32.parse_size(heap))
    return parse_probe(run.stdout, "RV32 MicroPython (%s mode)" % mode, run), run


_trees = {}


def rv32_transient_peak(source_path, heap="160k", code_bytes=BOARD_CODE_BYTES):
    """The live transient peak on the RV32 build (collecting at every
    token, IR and machine instruction: minutes on the emulator)."""
    live, _ = run_probe_rv32(source_path, "live", heap, code_bytes)
    if not live["ok"]:
        raise ProfileError(live["error"])
    return max(s[4] for s in live["stages"])


def rv32_available():
    from host import rv32_micropython as rv32
    return os.path.exists(rv32.ELF)


def rv32_figures(source_path, heap="256k", code_bytes=BOARD_CODE_BYTES):
    """Compile cost on the RV32 MicroPython: 32-bit heap figures as on a
    C3, compile instructions and modelled cycles, and each stage's cycles."""
    work, run = run_probe_rv32(source_path, "work", heap, code_bytes)
    if not work["ok"]:
        raise ProfileError(work["error"])
    instructions, cycles = run.between(0, 1)
    stages, run = run_probe_rv32(source_path, "stages", heap, code_bytes)
    marks = [m.cycles for m in run.marks]
    return {
        "interpreter": RV32_INTERPRETER,
        "resident_compiler_bytes": work["resident"],
        "workspace_bytes": work["workspace"],
        "retained_bytes": work["retained"],
        "compile_instructions": instructions,
        "compile_cycles": cycles,
        "est_c3_ms": round(cycles / (C3_MHZ * 1000.0), 1),
        "stage_cycles": [marks[i + 1] - marks[i] for i in range(len(stages["stages"]))],
    }


def callgrind_instructions(source_path, heap, code_bytes):
    """Instructions executed by the interpreter for the compile alone, or
    None when valgrind is not installed."""
    if shutil.which("valgrind") is None:
        return None
    counts = {}
    for mode in ("work", "base"):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "callgrind.out")
            wrapper = ("valgrind", "--tool=callgrind", "--callgrind-out-file=" + out)
            if shutil.which("setarch"):
                wrapper = ("setarch", "-R") + wrapper
            result, run = run_probe(source_path, mode, heap, code_bytes, wrapper)
            for line in run.stderr.splitlines():
                if "Collected :" in line:
                    counts[mode] = int(line.split(":")[-1].strip())
        if mode == "work" and not result["ok"]:
            raise ProfileError(result["error"])
    if len(counts) != 2:
        raise ProfileError("callgrind printed no instruction count")
    return counts["work"] - counts["base"]


def profile(source_path, heap="1m", alloc_heap="64m", work=True, code_bytes=BOARD_CODE_BYTES,
            rv32=True):
    """The profile of one shader as a dict (the --json object). work=False
    skips the instruction counts (callgrind, the RV32 emulator); rv32=False
    skips only the RV32 emulator (slow for long shaders)."""
    live, _ = run_probe(source_path, "live", heap, code_bytes)
    if not live["ok"]:
        raise ProfileError(live["error"])
    alloc, _ = run_probe(source_path, "alloc", alloc_heap, code_bytes)
    if [s[:2] for s in alloc["stages"]] != [s[:2] for s in live["stages"]]:
        raise ProfileError("the two runs went through different stages")
    stages = []
    for a, b in zip(live["stages"], alloc["stages"]):
        stages.append({"stage": a[0], "function": a[1], "allocated_bytes": b[3] - b[2],
                       "peak_bytes": a[4], "retained_bytes": a[3]})
    instructions = callgrind_instructions(source_path, heap, code_bytes) if work else None
    rv32 = (rv32_figures(source_path, code_bytes=code_bytes)
            if work and rv32 and rv32_available() else None)
    if rv32 is not None:
        for s, cycles in zip(stages, rv32["stage_cycles"]):
            s["rv32_cycles"] = cycles
        est, model = rv32["est_c3_ms"], RV32_MODEL
    elif instructions is not None:
        est = round(instructions * C3_CYCLES_PER_X86_INSTRUCTION / (C3_MHZ * 1000.0), 1)
        model = X86_MODEL
    else:
        est, model = None, None
    note = None
    if not work:
        note = "skipped (--no-work)"
    elif instructions is None:
        note = "valgrind is not installed; `make bench` installs it"
    return {
        "shader": os.path.basename(source_path),
        "interpreter": "MicroPython unix x86-64 (64-bit objects), .mpy",
        "code_bytes": live["code_bytes"],
        "functions": live["functions"],
        "transient_peak_bytes": max(s["peak_bytes"] for s in stages),
        "retained_bytes": live["retained"],
        # Besides: the compiler modules imported on first use (loops,
        # arrays, more builtins...), which stay imported on a board.
        "modules_loaded_bytes": live["first_use"],
        "resident_compiler_bytes": live["resident"],
        "workspace_bytes": live["workspace"],
        "allocated_bytes": sum(s["allocated_bytes"] for s in stages),
        "compile_instructions": instructions,
        "instruction_set": "x86-64" if instructions is not None else None,
        "work_note": note,
        "est_c3_ms": est,
        "est_model": model,
        "rv32": rv32,
        "stages": stages,
    }


def _kb(n):
    return "%.1f" % (n / 1024.0)


def format_table(p):
    """The profile as text a person reads."""
    rv32 = p["rv32"]
    lines = ["%s: %d bytes of code in %d functions; heap figures under %s"
             % (p["shader"], p["code_bytes"], p["functions"], p["interpreter"]),
             "",
             "%-10s %-24s %10s %10s %10s %10s" % ("stage", "function", "alloc KB", "peak KB",
                                                  "after KB", "C3 Mcyc" if rv32 else "")]
    for s in p["stages"]:
        lines.append("%-10s %-24s %10s %10s %10s %10s" % (
            s["stage"], s["function"][:24], _kb(s["allocated_bytes"]), _kb(s["peak_bytes"]),
            _kb(s["retained_bytes"]), "%.2f" % (s["rv32_cycles"] / 1e6) if rv32 else ""))
    lines += ["",
              "transient peak    %7s KB  (live heap above the heap before the compile)"
              % _kb(p["transient_peak_bytes"]),
              "retained          %7s KB  (after the compile; the code is in the workspace)"
              % _kb(p["retained_bytes"]),
              "modules loaded    %7s KB  (compiler modules imported on first use, kept)"
              % _kb(p["modules_loaded_bytes"]),
              "allocated         %7s KB  (every allocation, garbage included)"
              % _kb(p["allocated_bytes"]),
              "resident compiler %7s KB  (importing device.jit.compiler as .mpy)"
              % _kb(p["resident_compiler_bytes"]),
              "workspace         %7s KB  (allocated once at start-up, reused)"
              % _kb(p["workspace_bytes"])]
    if p["compile_instructions"] is None:
        lines.append("compile work      not measured: " + p["work_note"])
    else:
        lines.append("compile work      %7.1f M instructions (x86-64 unix port, callgrind)"
                     % (p["compile_instructions"] / 1e6))
    if rv32:
        lines += ["",
                  "on " + rv32["interpreter"] + ":",
                  "resident compiler %7s KB" % _kb(rv32["resident_compiler_bytes"]),
                  "workspace         %7s KB" % _kb(rv32["workspace_bytes"]),
                  "retained          %7s KB" % _kb(rv32["retained_bytes"]),
                  "compile work      %7.1f M instructions, %.1f M modelled C3 cycles"
                  % (rv32["compile_instructions"] / 1e6, rv32["compile_cycles"] / 1e6)]
    if p["est_c3_ms"] is not None:
        lines.append("est. compile time %7.0f ms on a 160 MHz C3" % p["est_c3_ms"])
        lines.append("  model: " + p["est_model"])
    return "\n".join(lines)
