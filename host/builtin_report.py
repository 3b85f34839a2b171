"""The builtin report (`python -m host builtins`, part of `make bench`): for
every builtin in host/builtin_cases.py, its error against double precision
and its cost on the emulated C3, compiled by lumajit as a shader uses it.

- Accuracy: the builtin is compiled into a shader that evaluates it once
  per LED, with the inputs as the LEDs' coordinates (x, y; z is the frame
  time), so it runs on exactly the Q16.16 inputs chosen, thousands per
  emulator call. Errors are in LSB (2^-16) against the reference in
  double precision: max and mean, plus the max relative error where the
  goal is relative.
- Cycles: modelled C3 cycles per call (DESIGN.md's model), per input on a
  sample, as the frame's cycles with the builtin minus those of the same
  shader returning its inputs: the call, argument and result moves, the
  helper and any instructions inline. A builtin that calls a helper also
  gives the little test shader a stack frame for its return address (5
  cycles), which a real shader pays once per function, not per call:
  that is left out. min / typical (median) / max over the sample.
- Bytes: the shader function's growth over that baseline plus the runtime
  helpers it links (code and tables), as a program that uses only this
  builtin pays.
"""

import json
import os
import random
import struct
import sys
import time

from device.alloc_fast import Frame
from device.jit import runtime
from device.jit.compiler import compile_shader, prologue_epilogue
from host.emulator import block_cost
from host import builtin_cases
from host.builtin_cases import CASES, LSB, ONE, TOP
from host.render import Renderer, frame_renderer
from host.runtime import helpers, HELPER_NAMES

SHADER = """vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    float x = fragCoord.x;
    float y = fragCoord.y;
    float z = time;
    return %s;
}
"""
BASELINE = "vec4(x, y, z, 0.0)"
CHUNK = 8192                 # LEDs per emulator call (the emulated SRAM holds 384 KB)
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(REPO, "..", "shared", "bench")
SHADERS = ("lp2025-test-perlin.glsl", "lp2025-rainbow.glsl")
RECORD = os.path.join(REPO, "bench", "builtins.jsonl")
DEFAULT_POINTS = 1 << 20
DEFAULT_CYCLE_SAMPLES = 400
SEED = 20261124
TABLES_GOAL = 2048


def shader_for(case):
    pad = ", 0.0" * (4 - case.channels)
    text = SHADER % ("vec4(%s%s)" % (case.expr, pad))
    return "#pragma %s\n%s" % (case.pragma, text) if case.pragma else text


def helper_bytes():
    """helper id -> (blob bytes, table bytes, the ids sharing the blob)."""
    tables = helpers.table_bytes()
    out = {}
    for (offset, size), entries in runtime.blobs():
        ids = tuple(hid for hid, _ in entries)
        for hid in ids:
            out[hid] = (size, tables.get(hid, 0), ids)
    return out


def frame_cycles():
    # The return-address frame a first call adds to a leaf function: the
    # compiler's prologue and epilogue with a call, less those without.
    def cost(has_call):
        pro, epi = prologue_epilogue(Frame(0, [], has_call, 0))
        return block_cost(bytes(pro) + bytes(epi))[1]
    return cost(True) - cost(False)


FRAME_CYCLES = frame_cycles()


def main_bytes(program):
    for name, offset, size, _, _ in program.functions:
        if name == "main":
            return size
    raise KeyError("main")


class Measured:
    """What the report says of one case (see to_json for the fields)."""

    def __init__(self, case):
        self.case = case
        self.points = 0
        self.max_err = 0.0
        self.worst_at = None
        self.total_err = 0.0
        self.max_rel = None
        self.worst_rel_at = None
        self.rel_points = 0
        self.over_goal = 0            # points beyond an absolute goal
        self.cycles = []
        self.code_bytes = 0
        self.table_bytes = 0
        self.helpers = ()

    @property
    def mean_err(self):
        return self.total_err / self.points if self.points else 0.0

    def error_goal_met(self):
        case = self.case
        if case.max_rel is not None:
            return self.max_rel is not None and self.max_rel <= case.max_rel
        return self.over_goal == 0

    def cycles_goal_met(self):
        return self.case.cycles is None or max(self.cycles) <= self.case.cycles

    def goal_met(self):
        return self.error_goal_met() and self.cycles_goal_met()

    def cycle_figures(self):
        s = sorted(self.cycles)
        return s[0], s[len(s) // 2], s[-1]

    def to_json(self):
        case = self.case
        lo, typical, hi = self.cycle_figures()
        return {
            "name": case.name, "expr": case.expr, "points": self.points,
            "max_err_lsb": round(self.max_err, 4), "mean_err_lsb": round(self.mean_err, 4),
            "worst_input": self.worst_at,
            "max_rel_err": None if self.max_rel is None else float("%.3g" % self.max_rel),
            "worst_rel_input": self.worst_rel_at,
            "cycles_min": lo, "cycles_typical": typical, "cycles_max": hi,
            "bytes": self.code_bytes + self.table_bytes, "table_bytes": self.table_bytes,
            "helpers": list(self.helpers),
            "goal": goal_text(case), "goal_source": case.source,
            "error_goal_met": self.error_goal_met(), "cycles_goal_met": self.cycles_goal_met(),
            "goal_met": self.goal_met(),
        }


def goal_text(case):
    parts = []
    if case.goal_text:
        parts.append(case.goal_text)
    elif case.max_rel is not None:
        parts.append("%.3g%% rel" % (100 * case.max_rel))
    elif case.max_lsb == 0:
        parts.append("exact")
    else:
        parts.append("%g LSB" % case.max_lsb)
    if case.cycles is not None:
        parts.append("%d cyc" % case.cycles)
    return ", ".join(parts)


class Evaluator:
    """One case's shader and its baseline, each in an emulator."""

    def __init__(self, case):
        self.case = case
        self.program = compile_shader(shader_for(case))
        self.base = compile_shader(SHADER % BASELINE)
        self.renderer = Renderer(self.program, [0, 0] * CHUNK, (CHUNK, 1))
        self.one = Renderer(self.program, [0, 0], (1, 1))
        self.base_one = Renderer(self.base, [0, 0], (1, 1))

    def outputs(self, points):
        """The raw Q16.16 results (channels per point) of the builtin at
        each (x, y, z), in the order given."""
        by_z = {}
        for i, (x, y, z) in enumerate(points):
            by_z.setdefault(z, []).append(i)
        results = [None] * len(points)
        n = self.case.channels
        for z, indices in by_z.items():
            for at in range(0, len(indices), CHUNK):
                part = indices[at:at + CHUNK]
                coords = []
                for i in part:
                    coords += points[i][:2]
                self.renderer.set_coords(coords)
                data = self.renderer.run(z * LSB)[0]
                raw = struct.unpack("<%di" % (4 * len(part)), data)
                for k, i in enumerate(part):
                    results[i] = raw[4 * k:4 * k + n]
        return results

    def cycles(self, point):
        x, y, z = point
        got = []
        for r in (self.one, self.base_one):
            r.set_coords([x, y])
            got.append(r.run(z * LSB)[2])
        frame = FRAME_CYCLES if self.program.helpers and not self.base.helpers else 0
        return got[0] - got[1] - frame


def measure(case, points=DEFAULT_POINTS, cycle_samples=DEFAULT_CYCLE_SAMPLES, seed=SEED,
            sizes=None):
    rng = random.Random("%s:%s" % (seed, case.name))
    inputs = case.inputs(points, rng)
    ev = Evaluator(case)
    m = Measured(case)
    for point, got in zip(inputs, ev.outputs(inputs)):
        x, y, z = point
        ref = case.reference(x * LSB, y * LSB, z * LSB)
        refs = ref if isinstance(ref, tuple) else (ref,)
        for g, r in zip(got, refs):
            err = abs(g - r * ONE)
            m.points += 1
            m.total_err += err
            if err > m.max_err:
                m.max_err, m.worst_at = err, [x * LSB, y * LSB, z * LSB]
            if case.max_rel is not None:
                denom = case.relative_to(r) if case.relative_to else abs(r)
                judged = case.in_range is None or case.in_range(x * LSB, y * LSB, z * LSB)
                if judged and denom >= case.rel_floor and abs(r) < TOP and denom > 0:
                    rel = err * LSB / denom
                    m.rel_points += 1
                    if m.max_rel is None or rel > m.max_rel:
                        m.max_rel, m.worst_rel_at = rel, [x * LSB, y * LSB, z * LSB]
            elif err > case.allowed_lsb(r) + 1e-9:
                m.over_goal += 1
    # Cycles: the edges (the first points) and a random sample of the rest.
    sample = inputs[:len(builtin_cases.EDGES)] + rng.sample(inputs, min(cycle_samples,
                                                                        len(inputs)))
    m.cycles = [ev.cycles(p) for p in sample]
    sizes = sizes if sizes is not None else helper_bytes()
    m.code_bytes = main_bytes(ev.program) - main_bytes(ev.base)
    blobs = set()
    for hid in ev.program.helpers:
        if hid not in ev.base.helpers:
            blobs.add(sizes[hid])
    m.code_bytes += sum(size - table for size, table, _ in blobs)
    m.table_bytes = sum(table for _, table, _ in blobs)
    m.helpers = [HELPER_NAMES[h] for h in ev.program.helpers]
    return m


def case_names():
    return [c.name for c in CASES]


def all_tables():
    """Bytes of every table in the runtime helpers."""
    sizes = helper_bytes()
    seen = {}
    for size, table, ids in sizes.values():
        seen[ids] = table
    return sum(seen.values())


# ---- output -----------------------------------------------------------------------

def format_table(results, tables):
    head = ("builtin", "max LSB", "mean LSB", "max rel", "cycles min/typ/max", "bytes",
            "goal", "")
    rows = [head]
    for m in results:
        lo, typ, hi = m.cycle_figures()
        rel = "" if m.max_rel is None else "%.4f%%" % (100 * m.max_rel)
        rows.append((m.case.name, "%.2f" % m.max_err, "%.3f" % m.mean_err, rel,
                     "%d / %d / %d" % (lo, typ, hi),
                     "%d" % (m.code_bytes + m.table_bytes)
                     + (" (%d tab)" % m.table_bytes if m.table_bytes else ""),
                     goal_text(m.case), "ok" if m.goal_met() else "MISSED"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = []
    for k, r in enumerate(rows):
        lines.append("  ".join(c.ljust(w) if i in (0, 6, 7) else c.rjust(w)
                               for i, (c, w) in enumerate(zip(r, widths))).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    missed = [m.case.name for m in results if not m.goal_met()]
    lines.append("")
    lines.append("all helper tables: %d bytes (goal <= %d: %s)" % (
        tables, TABLES_GOAL, "ok" if tables <= TABLES_GOAL else "MISSED"))
    lines.append("points per builtin: %d; cycles on %d inputs each (C3 model: ALU/mul 1, "
                 "div 32, load/taken branch 2, jal/jalr 3)" % (
                     results[0].points if results else 0,
                     len(results[0].cycles) if results else 0))
    lines.append("missed goals: %s" % (", ".join(missed) if missed else "none"))
    return "\n".join(lines)


def run(names=None, points=DEFAULT_POINTS, cycle_samples=DEFAULT_CYCLE_SAMPLES, log=None):
    cases = [c for c in CASES if names is None or c.name in names]
    sizes = helper_bytes()
    results = []
    for case in cases:
        t0 = time.time()
        results.append(measure(case, points, cycle_samples, sizes=sizes))
        if log:
            log("%-12s %6.1f s" % (case.name, time.time() - t0))
    return results


def shader_cycles(size=32, times=(0.0, 1.0, 2.5, 7.0)):
    """Modelled C3 cycles per pixel of the benchmark shaders (../shared/
    bench), a size x size frame averaged over a few times: what the
    builtins' speed is for. {} when the benchmarks are not there."""
    out = {}
    for name in SHADERS:
        path = os.path.join(BENCH, name)
        if not os.path.exists(path):
            continue
        with open(path) as f:
            renderer = frame_renderer(compile_shader(f.read()), size, size)
        total = sum(renderer.run(t)[2] for t in times)
        out[name] = round(total / float(len(times) * size * size), 1)
    return out


def record(results, tables, shaders, points, path=RECORD):
    from host.bench_compile import append_record
    append_record(path, {"points": points, "builtins": to_json(results, tables),
                         "shader_cycles_per_pixel": shaders})


def to_json(results, tables):
    out = [m.to_json() for m in results]
    out.append({"name": "all tables", "bytes": tables, "goal": "<= %d bytes" % TABLES_GOAL,
                "goal_met": tables <= TABLES_GOAL})
    return out


def main(names=None, points=DEFAULT_POINTS, as_json=False, progress=True, keep=False):
    log = (lambda s: print(s, file=sys.stderr)) if progress and not as_json else None
    results = run(names, points, log=log)
    tables = all_tables()
    if as_json:
        print(json.dumps(to_json(results, tables), indent=1))
    else:
        print(format_table(results, tables))
    if keep or not as_json:
        shaders = shader_cycles()
        if not as_json:
            for name, cycles in shaders.items():
                print("%s: %.1f modelled cycles per pixel (32x32)" % (name, cycles))
        if keep:
            record(results, tables, shaders, points)
            if not as_json:
                print("recorded in " + os.path.relpath(RECORD, REPO))
    return 0          # figures, not a verdict: a missed goal is marked, not an error
