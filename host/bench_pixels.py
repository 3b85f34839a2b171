"""Per-pixel speed of compiled shaders against gcc -O2 (`python -m host
bench`, part of `make bench`).

For each benchmark shader (the two in ../shared/bench and our own effects
from tests/shaders), on the emulated C3 with DESIGN.md's cycle model:

- lumajit: modelled cycles per pixel split into the shader's code, the
  runtime helpers and the frame entry; instructions; spill stores and
  reloads executed per pixel; code bytes (the shader's functions, then
  the helpers it links).
- the reference: the same shader hand-translated to C (host/ref/<name>.c,
  over the same Q16.16 arithmetic and calling lumajit's own helpers),
  built by gcc -O2 and -Os (host/gcc_ref.py), run the same way. Its output
  must equal lumajit's, which checks the translation.
- the ratio lumajit / gcc -O2 of the cycles a pixel spends in the shader
  and its helpers (the frame entry, the same bytes for both, and the
  reference's shim are left out), and their geometric mean; frames per
  second on 16x16 and 32x32 matrices at 160 MHz, frame entry included.
- the cost of the loops' fuel checks (device/alloc_loops.py): the same
  program run again with each check replaced by the plain jump it stands
  for; the difference in cycles per pixel.
"""

import bisect
import json
import math
import os
import struct
import sys
import time

import capstone

from device.jit import frame as F, runtime
from device.jit import rv32 as R
from device.jit.compiler import compile_shader, Program
from host import gcc_ref
from host.emulator import C3Emulator, IBUS_OFFSET
from host.render import grid, Renderer

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(REPO, "..", "shared", "bench")
SHADERS_DIR = os.path.join(REPO, "tests", "shaders")
RECORD = os.path.join(REPO, "bench", "pixels.jsonl")
CLOCK_HZ = 160e6
SIZE = 16
TIMES = (0.5, 1.25, 2.5)
# (name, GLSL source path, C translation path)
SHADERS = [
    ("perlin", os.path.join(BENCH, "lp2025-test-perlin.glsl")),
    ("rainbow", os.path.join(BENCH, "lp2025-rainbow.glsl")),
] + [(n, os.path.join(SHADERS_DIR, n + ".glsl"))
     for n in ("fx_plasma", "fx_tunnel", "fx_fire", "fx_metaballs", "fx_voronoi",
               "fx_ripples", "fx_kaleidoscope", "fx_hsv_wheel")]
GOAL_GEOMEAN = 1.3
GOAL_MAX = 1.6
GOAL_SIZE = 1.2            # lumajit's shader code / gcc -Os's, every shader

_CS = capstone.Cs(capstone.CS_ARCH_RISCV, capstone.CS_MODE_RISCV32 | capstone.CS_MODE_RISCVC)


def c_path(name):
    return os.path.join(gcc_ref.REF, name + ".c")


class ProfilingEmulator(C3Emulator):
    """A C3Emulator that also adds up cycles by code range and counts the
    executions of chosen instructions (spill stores and reloads)."""

    def __init__(self):
        C3Emulator.__init__(self)
        self.starts = []
        self.keys = []
        self.by_key = {}
        self.marked = set()           # instruction-bus addresses counted
        self.marked_count = 0
        self._marks = {}

    def set_ranges(self, base, ranges, marked_offsets=()):
        # ranges: (start offset, key) sorted, each up to the next.
        ibus = base + IBUS_OFFSET
        self.starts = [ibus + s for s, _ in ranges]
        self.keys = [k for _, k in ranges]
        self.by_key = dict((k, 0) for k in self.keys)
        self.marked = set(ibus + o for o in marked_offsets)
        self._marks = {}

    def reset(self):
        self.by_key = dict((k, 0) for k in self.keys)
        self.marked_count = 0

    def _on_block(self, uc, addr, size, data):
        before = self._cycles
        C3Emulator._on_block(self, uc, addr, size, data)
        i = bisect.bisect_right(self.starts, addr) - 1
        if i >= 0:
            key = self.keys[i]
            self.by_key[key] += self._cycles - before
        n = self._marks.get((addr, size))
        if n is None:
            n = sum(1 for a in self.marked if addr <= a < addr + size)
            self._marks[(addr, size)] = n
        self.marked_count += n


def spill_offsets(program):
    """Offsets of the spill stores and reloads in a lumajit program: sp-
    relative lw/sw whose slot is a spill slot (above the function's
    locals, below its saved registers)."""
    out = []
    code = bytes(program.code)
    for name, start, size, nslots, local_words in program.functions:
        lo, hi = 4 * local_words, 4 * (local_words + nslots)
        for insn in _CS.disasm(code[start:start + size], start):
            if insn.mnemonic.replace("c.", "") in ("lw", "sw", "lwsp", "swsp") and \
                    insn.op_str.endswith("(sp)"):
                off = int(insn.op_str.split(",")[-1].split("(")[0].strip(), 0)
                if lo <= off < hi:
                    out.append(insn.address)
    return out


def run_profiled(program, ranges, marked=(), size=SIZE, times=TIMES):
    """Per pixel: cycles by range key, instructions, marked executions, and
    the raw output of the last frame."""
    emu = ProfilingEmulator()
    r = Renderer(program, grid(size, size), (size, size), emu=emu)
    emu.set_ranges(r.entry - program.entry, ranges, marked)
    totals = dict((k, 0) for k in emu.keys)
    instructions = marks = 0
    out = None
    for t in times:
        emu.reset()
        out, ins, _ = r.run(t)
        for k in totals:
            totals[k] += emu.by_key[k]
        instructions += ins
        marks += emu.marked_count
    n = float(size * size * len(times))
    return (dict((k, v / n) for k, v in totals.items()), instructions / n, marks / n,
            struct.unpack("<%di" % (4 * size * size), out))


def without_fuel_checks(program):
    """A copy of program whose loops' fuel checks are each replaced by the
    back edge's plain jump: `lw t6, P_FUEL(s11); addi t6, t6, -cost;
    sw t6, P_FUEL(s11); bge t6, zero, header` becomes `j header` (the rest
    is never reached). Returns (copy, number of checks replaced)."""
    code = bytearray(program.code)
    lw = "0x%x(s11)" % F.P_FUEL
    n = 0
    for name, start, size, _, _ in program.functions:
        insns = list(_CS.disasm(bytes(code[start:start + size]), start))
        for k in range(len(insns) - 3):
            a, b, c, d = insns[k:k + 4]
            if (a.mnemonic, a.op_str, c.mnemonic, c.op_str, d.mnemonic) == \
                    ("lw", "t6, " + lw, "sw", "t6, " + lw, "bgez") and \
                    b.mnemonic in ("c.addi", "addi"):
                header = d.address + int(d.op_str.split(",")[-1], 0)
                struct.pack_into("<I", code, a.address, R.j(R.JAL, 0, header - a.address))
                n += 1
    copy = Program(bytes(code), program.entry, program.functions, program.helpers,
                   program.globals)
    return copy, n


def lumajit_figures(source):
    program = compile_shader(source)
    frame_at = program.entry
    helpers_at = frame_at + runtime.FRAME[1]
    ranges = [(0, "shader"), (frame_at, "frame"), (helpers_at, "helpers")]
    cycles, instructions, spills, out = run_profiled(program, ranges, spill_offsets(program))
    plain, checks = without_fuel_checks(program)
    plain_cycles = run_profiled(plain, ranges)[0] if checks else cycles
    return {"cycles": cycles, "instructions": instructions, "spills": spills, "out": out,
            "code_bytes": frame_at, "helper_bytes": len(program.code) - helpers_at,
            "fuel_checks": checks,
            "fuel_cycles": cycles["shader"] - plain_cycles["shader"]}


def gcc_figures(path):
    o2 = gcc_ref.build(path, "-O2")
    os_ = gcc_ref.build(path, "-Os")
    ranges = [(0, "frame"), (o2.shader[0], "shader"), (o2.helpers_range[0], "helpers")]
    cycles, instructions, _, out = run_profiled(o2, ranges)
    return {"cycles": cycles, "instructions": instructions, "out": out,
            "o2_code_bytes": o2.shader_bytes, "os_code_bytes": os_.shader_bytes}


def fps(total_per_pixel, pixels):
    return CLOCK_HZ / (total_per_pixel * pixels)


def measure(name, glsl_path, with_gcc=True):
    with open(glsl_path) as f:
        source = f.read()
    lj = lumajit_figures(source)
    c = lj["cycles"]
    work = c["shader"] + c["helpers"]
    total = work + c["frame"]
    row = {"shader": name, "cycles_per_pixel": round(work, 1),
           "shader_cycles_per_pixel": round(c["shader"], 1),
           "helper_cycles_per_pixel": round(c["helpers"], 1),
           "frame_cycles_per_pixel": round(c["frame"], 1),
           "instructions_per_pixel": round(lj["instructions"], 1),
           "code_bytes": lj["code_bytes"], "helper_bytes": lj["helper_bytes"],
           "spills_per_pixel": round(lj["spills"], 2),
           "fuel_checks": lj["fuel_checks"],
           "fuel_cycles_per_pixel": round(lj["fuel_cycles"], 1),
           "fps_16x16": round(fps(total, 256), 1), "fps_32x32": round(fps(total, 1024), 1),
           "pixels_per_second": round(CLOCK_HZ / total),
           "gcc_o2_cycles_per_pixel": None, "ratio": None, "gcc_os_code_bytes": None}
    if with_gcc and os.path.exists(c_path(name)):
        ref = gcc_figures(c_path(name))
        g = ref["cycles"]
        gwork = g["shader"] + g["helpers"]
        row.update({"gcc_o2_cycles_per_pixel": round(gwork, 1),
                    "gcc_o2_shader_cycles_per_pixel": round(g["shader"], 1),
                    "gcc_o2_helper_cycles_per_pixel": round(g["helpers"], 1),
                    "ratio": round(work / gwork, 3),
                    "gcc_o2_code_bytes": ref["o2_code_bytes"],
                    "gcc_os_code_bytes": ref["os_code_bytes"],
                    "size_ratio_os": round(lj["code_bytes"] / float(ref["os_code_bytes"]), 3),
                    "translation_max_diff_lsb": max(abs(a - b) for a, b in
                                                    zip(lj["out"], ref["out"]))})
    return row


def summary(rows):
    ratios = [r["ratio"] for r in rows if r["ratio"] is not None]
    out = {"summary": True, "shaders": len(rows), "compared": len(ratios),
           "geomean_ratio": None, "max_ratio": None}
    if ratios:
        out["geomean_ratio"] = round(math.exp(sum(math.log(r) for r in ratios) / len(ratios)),
                                     3)
        out["max_ratio"] = max(ratios)
        out["goal_met"] = out["geomean_ratio"] <= GOAL_GEOMEAN and out["max_ratio"] <= GOAL_MAX
        sizes = [r["size_ratio_os"] for r in rows if r["ratio"] is not None]
        out["geomean_size_ratio_os"] = round(
            math.exp(sum(math.log(r) for r in sizes) / len(sizes)), 3)
        out["max_size_ratio_os"] = max(sizes)
        out["size_goal_met"] = out["max_size_ratio_os"] <= GOAL_SIZE
    looped = [r for r in rows if r["fuel_checks"]]
    if looped:
        shares = [r["fuel_cycles_per_pixel"] / r["cycles_per_pixel"] for r in looped]
        out["fuel_max_share"] = round(max(shares), 4)
        out["fuel_mean_share"] = round(sum(shares) / len(shares), 4)
    perlin = [r for r in rows if r["shader"] == "perlin"]
    if perlin:
        out["perlin_fps_32x32"] = perlin[0]["fps_32x32"]
        out["perlin_code_bytes"] = perlin[0]["code_bytes"]
    return out


def run(names=None, with_gcc=True, log=None):
    rows = []
    for name, path in SHADERS:
        if names and name not in names:
            continue
        if not os.path.exists(path):
            if log:
                log("%s: %s is missing; skipped" % (name, path))
            continue
        t0 = time.time()
        rows.append(measure(name, path, with_gcc))
        if log:
            log("%-16s %5.1f s" % (name, time.time() - t0))
    return rows


def format_table(rows, summ):
    head = ("shader", "cyc/px", "shader", "helpers", "gcc -O2", "ratio", "spills/px", "bytes",
            "gcc -Os", "size", "fps 16x16", "fps 32x32")
    lines = [head]
    for r in rows:
        g = r["gcc_o2_cycles_per_pixel"]
        lines.append((r["shader"], "%.0f" % r["cycles_per_pixel"],
                      "%.0f" % r["shader_cycles_per_pixel"], "%.0f" % r["helper_cycles_per_pixel"],
                      "-" if g is None else "%.0f" % g,
                      "-" if r["ratio"] is None else "%.2f" % r["ratio"],
                      "%.1f" % r["spills_per_pixel"], "%d" % r["code_bytes"],
                      "-" if r["gcc_os_code_bytes"] is None else "%d" % r["gcc_os_code_bytes"],
                      "-" if r["gcc_os_code_bytes"] is None else "%.2f" % r["size_ratio_os"],
                      "%.0f" % r["fps_16x16"], "%.0f" % r["fps_32x32"]))
    widths = [max(len(l[i]) for l in lines) for i in range(len(head))]
    text = []
    for k, l in enumerate(lines):
        text.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                              for i, (c, w) in enumerate(zip(l, widths))))
        if k == 0:
            text.append("  ".join("-" * w for w in widths))
    text.append("")
    if summ["geomean_ratio"] is not None:
        text.append("lumajit / gcc -O2, shader + helper cycles per pixel: geometric mean %.2f "
                    "(goal <= %.1f), max %.2f (goal <= %.1f) over %d shaders" % (
                        summ["geomean_ratio"], GOAL_GEOMEAN, summ["max_ratio"], GOAL_MAX,
                        summ["compared"]))
        text.append("code bytes lumajit / gcc -Os: geometric mean %.2f, max %.2f (goal <= %.1f "
                    "for every shader)" % (summ["geomean_size_ratio_os"],
                                           summ["max_size_ratio_os"], GOAL_SIZE))
    else:
        text.append("no gcc reference: %s is not installed" % gcc_ref.GCC)
    if "perlin_fps_32x32" in summ:
        text.append("Perlin: %.0f fps on 32x32 at 160 MHz (goal >= 60), %d bytes of shader code "
                    "(goal <= 2048)" % (summ["perlin_fps_32x32"], summ["perlin_code_bytes"]))
    looped = [r for r in rows if r["fuel_checks"]]
    if looped:
        text.append("fuel checks (the loops' time budget), cycles per pixel: %s; at most %.1f%%, "
                    "mean %.1f%% over the %d shaders with loops (LightPlayer: 7-8%%)" % (
                        ", ".join("%s %.0f (%.1f%%)" % (r["shader"], r["fuel_cycles_per_pixel"],
                                                       100.0 * r["fuel_cycles_per_pixel"]
                                                       / r["cycles_per_pixel"]) for r in looped),
                        100 * summ["fuel_max_share"], 100 * summ["fuel_mean_share"],
                        len(looped)))
    text.append("anchors: Pixelblaze ~48 k pixels/s on a 240 MHz ESP32; WS2812 wire ~33 k "
                "pixels/s per data line")
    text.append("cycles: modelled C3 cycles per pixel (16x16, t = %s); fps include the frame "
                "entry" % ", ".join(str(t) for t in TIMES))
    return "\n".join(text)


def main(names=None, as_json=False, keep=False):
    with_gcc = gcc_ref.have_gcc()
    log = None if as_json else (lambda s: print(s, file=sys.stderr))
    rows = run(names, with_gcc, log)
    summ = summary(rows)
    if as_json:
        print(json.dumps(rows + [summ], indent=1))
    else:
        print(format_table(rows, summ))
    if keep:
        from host.bench_compile import append_record
        append_record(RECORD, {"rows": rows, "summary": summ})
    return 0
