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

import json
import os
import shutil
import subprocess
import tempfile

from host import device_compile

HERE = os.path.dirname(os.path.abspath(__file__))
PROBE = os.path.join(HERE, "profile_probe.py")

# Instructions of x86-64 MicroPython to modelled C3 cycles (DESIGN.md's cycle
# model), measured on the same compile by host/rv32_micropython.py, which runs
# MicroPython built for RV32IMC on the emulator; see the README's "Compile
# cost" section for how it was measured and what it leaves out.
C3_CYCLES_PER_X86_INSTRUCTION = 1.0
C3_MHZ = 160
C3_MODEL = ("est_c3_ms = compile_instructions (x86-64, callgrind) x %.2f modelled C3 cycles "
            "per instruction / %d MHz" % (C3_CYCLES_PER_X86_INSTRUCTION, C3_MHZ))


class ProfileError(Exception):
    pass


def run_probe(source_path, mode, heap, wrapper=()):
    """Run the probe once; returns (its JSON result, the finished process)."""
    args = {"mode": mode, "source": os.path.abspath(source_path)}
    with open(PROBE) as f:
        text = "ARGS = %r\n%s" % (args, f.read())
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(text)
    try:
        run = subprocess.run(list(wrapper) + [device_compile.micropython_exe(), "-X",
                                              "heapsize=" + heap, f.name],
                             capture_output=True, text=True, timeout=600,
                             cwd=device_compile.mpy_lib())
    finally:
        os.unlink(f.name)
    for line in run.stdout.splitlines():
        if line.startswith("LUMAJIT-PROFILE "):
            return json.loads(line[len("LUMAJIT-PROFILE "):]), run
    raise ProfileError("MicroPython run failed (%s mode):\n%s%s"
                       % (mode, run.stdout[-2000:], run.stderr[-2000:]))


def callgrind_instructions(source_path, heap):
    """Instructions executed by the interpreter for the compile alone, or
    None when valgrind is not installed."""
    if shutil.which("valgrind") is None:
        return None
    counts = {}
    for mode in ("work", "base"):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "callgrind.out")
            result, run = run_probe(source_path, mode, heap,
                                    ("valgrind", "--tool=callgrind", "--callgrind-out-file=" + out))
            for line in run.stderr.splitlines():
                if "Collected :" in line:
                    counts[mode] = int(line.split(":")[-1].strip())
        if mode == "work" and not result["ok"]:
            raise ProfileError(result["error"])
    if len(counts) != 2:
        raise ProfileError("callgrind printed no instruction count")
    return counts["work"] - counts["base"]


def profile(source_path, heap="1m", alloc_heap="64m", work=True):
    """The profile of one shader as a dict (the --json object)."""
    live, _ = run_probe(source_path, "live", heap)
    if not live["ok"]:
        raise ProfileError(live["error"])
    alloc, _ = run_probe(source_path, "alloc", alloc_heap)
    if [s[:2] for s in alloc["stages"]] != [s[:2] for s in live["stages"]]:
        raise ProfileError("the two runs went through different stages")
    stages = []
    for a, b in zip(live["stages"], alloc["stages"]):
        stages.append({"stage": a[0], "function": a[1], "allocated_bytes": b[3] - b[2],
                       "peak_bytes": a[4], "retained_bytes": a[3]})
    instructions = callgrind_instructions(source_path, heap) if work else None
    return {
        "shader": os.path.basename(source_path),
        "interpreter": "MicroPython unix x86-64 (64-bit objects), .mpy",
        "code_bytes": live["code_bytes"],
        "functions": live["functions"],
        "transient_peak_bytes": max(s["peak_bytes"] for s in stages),
        "retained_bytes": live["retained"],
        # Of that, what stays once the Program is dropped: compiler modules
        # imported on first use (loops, arrays, ...) stay imported.
        "modules_loaded_bytes": live["after_free"],
        "resident_compiler_bytes": live["resident"],
        "workspace_bytes": live["workspace"],
        "allocated_bytes": sum(s["allocated_bytes"] for s in stages),
        "compile_instructions": instructions,
        "work_note": (None if instructions is not None else "skipped (--no-work)" if not work
                      else "valgrind is not installed; `make bench` installs it"),
        "instruction_set": "x86-64" if instructions is not None else None,
        "est_c3_ms": (round(instructions * C3_CYCLES_PER_X86_INSTRUCTION / (C3_MHZ * 1000.0), 1)
                      if instructions is not None else None),
        "est_model": C3_MODEL,
        "stages": stages,
    }


def _kb(n):
    return "%.1f" % (n / 1024.0)


def format_table(p):
    """The profile as text a person reads."""
    lines = ["%s: %d bytes of code in %d functions, compiled under %s"
             % (p["shader"], p["code_bytes"], p["functions"], p["interpreter"]),
             "",
             "%-10s %-24s %10s %10s %10s" % ("stage", "function", "alloc KB", "peak KB",
                                             "after KB")]
    for s in p["stages"]:
        lines.append("%-10s %-24s %10s %10s %10s" % (s["stage"], s["function"][:24],
                                                     _kb(s["allocated_bytes"]),
                                                     _kb(s["peak_bytes"]),
                                                     _kb(s["retained_bytes"])))
    lines += ["",
              "transient peak    %7s KB  (live heap above the heap before the compile)"
              % _kb(p["transient_peak_bytes"]),
              "retained          %7s KB  (after the compile; the code is in the workspace)"
              % _kb(p["retained_bytes"]),
              "  of which modules %7s KB  (compiler modules imported on first use)"
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
        lines.append("compile work      %7.1f M instructions (%s), est. %.0f ms on a C3"
                     % (p["compile_instructions"] / 1e6, p["instruction_set"], p["est_c3_ms"]))
        lines.append("                  model: " + p["est_model"])
    return "\n".join(lines)
