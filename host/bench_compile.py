"""`make bench`'s compile tables: memory and work of compiling on the device.

    python -m host.bench_compile [--quick] [--no-record]

Prints, measured under MicroPython (host/profile.py):
  1. the two benchmark shaders of ../shared/bench: transient peak, allocated,
     retained, resident compiler, compile instructions and estimated C3 ms;
  2. the test corpus (tests/shaders): transient peak of each, worst first;
  3. scaling: generated shaders of 1..64 functions and one function of
     growing length (host/scaling.py), with the slope of each figure.
Then appends the figures, with the date and commit, as one JSON line to
bench/compile.jsonl, so that a change's effect shows in review.
"""

import argparse
import datetime
import glob
import json
import os
import subprocess
import sys
import tempfile

from host import profile, scaling

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(REPO, "..", "shared", "bench")
RECORD = os.path.join(REPO, "bench", "compile.jsonl")
SIZES = (1, 2, 4, 8, 16, 64)

# Goals of issue 5 (README "Compile cost"), in bytes and milliseconds.
GOAL_PERLIN_TRANSIENT = 16 * 1024
GOAL_CORPUS_TRANSIENT = 32 * 1024
GOAL_RESIDENT = 48 * 1024
GOAL_EST_MS = 400


def _kb(n):
    return "%.1f" % (n / 1024.0)


def _ms(p):
    return "-" if p["est_c3_ms"] is None else "%.0f" % p["est_c3_ms"]


def _minstr(p):
    n = p["compile_instructions"]
    return "-" if n is None else "%.1f" % (n / 1e6)


def benchmark_table(results):
    lines = ["%-26s %6s %9s %9s %9s %9s %9s %8s" % (
        "shader", "code B", "peak KB", "alloc KB", "kept KB", "resid KB", "M instr", "est ms")]
    for p in results:
        lines.append("%-26s %6d %9s %9s %9s %9s %9s %8s" % (
            p["shader"][:26], p["code_bytes"], _kb(p["transient_peak_bytes"]),
            _kb(p["allocated_bytes"]), _kb(p["retained_bytes"]),
            _kb(p["resident_compiler_bytes"]), _minstr(p), _ms(p)))
    return "\n".join(lines)


def rv32_table(results):
    # The same shaders on MicroPython built for RV32IMC: 32-bit objects as
    # on a C3, and the C3 cycles of the compile.
    lines = ["%-26s %9s %9s %9s %9s %9s %8s" % (
        "shader", "peak KB", "kept KB", "resid KB", "M instr", "M cycles", "est ms")]
    for p in results:
        r = p["rv32"]
        peak = r["transient_peak_bytes"]
        lines.append("%-26s %9s %9s %9s %9.1f %9.1f %8.0f" % (
            p["shader"][:26], "-" if peak is None else _kb(peak), _kb(r["retained_bytes"]),
            _kb(r["resident_compiler_bytes"]), r["compile_instructions"] / 1e6,
            r["compile_cycles"] / 1e6, r["est_c3_ms"]))
    return "\n".join(lines)


def slope(xs, ys):
    # Least-squares slope of ys over xs.
    n = float(len(xs))
    mx = sum(xs) / n
    my = sum(ys) / n
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / den if den else 0.0


def scaling_table(title, unit, rows):
    # rows: (n, source bytes, profile)
    lines = [title,
             "%6s %9s %9s %10s %9s %8s" % (unit, "src B", "peak KB", "alloc KB", "M instr",
                                           "est ms")]
    for n, size, p in rows:
        lines.append("%6d %9d %9s %10s %9s %8s" % (n, size, _kb(p["transient_peak_bytes"]),
                                                   _kb(p["allocated_bytes"]), _minstr(p), _ms(p)))
    sizes = [r[1] for r in rows]
    peaks = [r[2]["transient_peak_bytes"] for r in rows]
    lines.append("slope: peak %+.0f B per %s (%+.2f B per source byte)"
                 % (slope([r[0] for r in rows], peaks), unit, slope(sizes, peaks)))
    if all(r[2]["compile_instructions"] is not None for r in rows):
        work = [r[2]["compile_instructions"] for r in rows]
        lines.append("slope: %.0f instructions per source byte; the largest needs %.2fx the "
                     "work per byte of the smallest"
                     % (slope(sizes, work), (work[-1] / sizes[-1]) / (work[0] / sizes[0])))
    first, last = rows[0][2]["transient_peak_bytes"], rows[-1][2]["transient_peak_bytes"]
    lines.append("peak at %d %s is %.2fx the peak at %d" % (rows[-1][0], unit, last / first,
                                                              rows[0][0]))
    return "\n".join(lines)


def profile_generated(make, sizes, tmp, work, code_bytes):
    rows = []
    for n in sizes:
        path = os.path.join(tmp, "%s%d.glsl" % (make.__name__, n))
        text = make(n)
        with open(path, "w") as f:
            f.write(text)
        rows.append((n, len(text.encode()), profile.profile(path, work=work, rv32=False,
                                                             code_bytes=code_bytes)))
    return rows


def append_record(path, fields):
    """Append one line to a bench/*.jsonl record: the fields, with the
    date (UTC) and the commit measured."""
    line = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "commit": commit()}
    line.update(fields)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "a") as f:
        f.write(json.dumps(line, sort_keys=True) + "\n")


def commit():
    try:
        return subprocess.run(["git", "describe", "--always", "--dirty"], cwd=REPO,
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m host.bench_compile")
    ap.add_argument("--quick", action="store_true",
                    help="benchmarks only: no corpus, no scaling, no instruction counts")
    ap.add_argument("--no-record", action="store_true", help="do not append to " + RECORD)
    args = ap.parse_args(argv)
    work = not args.quick

    bench = [profile.profile(os.path.join(BENCH, name), work=work)
             for name in ("lp2025-test-perlin.glsl", "lp2025-rainbow.glsl")]
    print("Compile cost under " + bench[0]["interpreter"])
    print(benchmark_table(bench))
    print("peak: live heap above the heap before the compile; alloc: all bytes allocated; "
          "kept: retained after it; resid: the compiler imported")
    print("est ms model: %s" % bench[0]["est_model"])
    rv32 = all(p["rv32"] for p in bench)
    if rv32:
        # Minutes per shader on the emulator: the headline benchmark only.
        for p in bench:
            p["rv32"]["transient_peak_bytes"] = (
                profile.rv32_transient_peak(os.path.join(BENCH, p["shader"]))
                if p is bench[0] else None)
        print()
        print("On " + bench[0]["rv32"]["interpreter"])
        print(rv32_table(bench))
    record = {"interpreter": bench[0]["interpreter"],
              "benchmarks": [_summary(p) for p in bench]}
    if not args.quick:
        corpus = []
        for path in sorted(glob.glob(os.path.join(REPO, "tests", "shaders", "*.glsl"))):
            try:
                corpus.append(profile.profile(path, work=False))
            except profile.ProfileError:
                pass            # shaders that are meant to fail to compile
        corpus.sort(key=lambda p: -p["transient_peak_bytes"])
        over = [p for p in corpus if p["transient_peak_bytes"] > GOAL_CORPUS_TRANSIENT]
        print()
        print("Test corpus: %d shaders; transient peak worst first (goal <= %s KB each): %s"
              % (len(corpus), _kb(GOAL_CORPUS_TRANSIENT),
                 ", ".join("%s %s" % (p["shader"], _kb(p["transient_peak_bytes"]))
                           for p in corpus[:8])))
        print("%d over the goal" % len(over))
        record["corpus_worst"] = [[p["shader"], p["transient_peak_bytes"]] for p in corpus[:8]]
        record["corpus_over_goal"] = len(over)
        with tempfile.TemporaryDirectory() as tmp:
            # The code arena sized for the largest program, allocated before
            # the compile as a board's workspace is: the tables show what
            # the compiler itself needs as programs grow.
            fn = profile_generated(scaling.functions, SIZES, tmp, work, 32768)
            ln = profile_generated(scaling.length, SIZES, tmp, work, 32768)
        print()
        print(scaling_table("Scaling with the number of functions (host/scaling.py functions(n))",
                            "funcs", fn))
        print()
        print(scaling_table("Scaling with the length of one function (length(k): k blocks)",
                            "blocks", ln))
        record["scaling_functions"] = [[n, size, _summary(p)] for n, size, p in fn]
        record["scaling_length"] = [[n, size, _summary(p)] for n, size, p in ln]
    print()
    # Goals are judged on the C3-like figures (32-bit objects) when the RV32
    # build is there, else on the unix port's (64-bit: pessimistic).
    p = bench[0]
    figures = p["rv32"] or p
    where = "RV32 build" if p["rv32"] else "unix port, 64-bit"
    goals = [("Perlin transient peak <= 16 KB", figures["transient_peak_bytes"],
              GOAL_PERLIN_TRANSIENT),
             ("compiler resident <= 48 KB", figures["resident_compiler_bytes"], GOAL_RESIDENT)]
    for text, value, goal in goals:
        print("%-40s %8s KB  %s (%s)" % (text, _kb(value), "met" if value <= goal else "NOT MET",
                                         where))
    if p["est_c3_ms"] is not None:
        print("%-40s %8.0f ms  %s" % ("Perlin estimated compile <= 400 ms", p["est_c3_ms"],
                                      "met" if p["est_c3_ms"] <= GOAL_EST_MS else "NOT MET"))
    if not args.no_record:
        append_record(RECORD, record)
        print("recorded in " + os.path.relpath(RECORD, REPO))
    return 0


def _summary(p):
    keys = ("shader", "code_bytes", "transient_peak_bytes", "allocated_bytes", "retained_bytes",
            "resident_compiler_bytes", "workspace_bytes", "compile_instructions", "est_c3_ms")
    summary = {k: p[k] for k in keys}
    if p["rv32"]:
        summary["rv32"] = {k: v for k, v in p["rv32"].items() if k != "stage_cycles"}
    return summary


if __name__ == "__main__":
    sys.exit(main())
