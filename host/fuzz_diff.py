"""Differential testing of generated programs: `python -m host fuzz --programs N`.

Each program of host/fuzz_gen.py is compiled by lumajit under CPython and
run on the emulated C3 (one Renderer, so the second frame also checks what
uniform hoisting kept from the first), at fuzz_gen.SIZE and both of
fuzz_gen.TIMES, and rendered by Mesa in float32. The rule: every channel,
both clamped to [0, 1], within TOLERANCE = 2/255 of Mesa's. No share of
channels may miss it (host/compare.py lets 1 % do so, for hard edges at
pixel centres of hand-written shaders): a generated program has no hard
edge any side could take differently, and fuzz_gen bounds every channel's
possible difference by 1/255, so one channel beyond 2/255 is a bug. Then
every program that compiled is compiled again under the real MicroPython
interpreter, a batch of them per process as a board compiles shader after
shader in one workspace, and its code, globals and entry must be
CPython's to the byte.

A failure is any of: `pixels` (a channel beyond the tolerance), `bytes`
(MicroPython differs from CPython, or fails where CPython compiled),
`compile-error` (lumajit refuses a program Mesa accepts), `internal` (any
other exception, a fault on the emulator, a loop out of fuel), `hang` (a
compile over LIMIT_S seconds) and `generator` (Mesa refuses the program:
fuzz_gen's own bug). Each is shrunk by host/fuzz_reduce.py while it fails
the same way, and written to fuzz-failures/ (ignored by git) as a shader
whose header records the failure and Mesa's expected images; copied into
tests/fuzz_regressions/ it becomes a test that needs no Mesa
(tests/test_fuzz_gen.py).
"""

import os
import re
import signal
import subprocess
import sys
import tempfile
import time

from device.jit.compiler import compile_shader, CompileError
from host import compare, device_compile, fuzz_gen
from host.render import Renderer, grid

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FAILURES = os.path.join(REPO, "fuzz-failures")
TOLERANCE = compare.WITHIN / 255.0
LIMIT_S = 10
FUEL = 200000               # loop trips per frame: generated loops need a few thousand
BATCH = 200                 # programs per MicroPython process
QUANTUM = 4095              # expected images are kept as 12-bit clamped channels


class Failure(Exception):
    def __init__(self, kind, detail):
        Exception.__init__(self, "%s: %s" % (kind, detail))
        self.kind = kind
        self.detail = detail


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout()


def lumajit(source, size=fuzz_gen.SIZE, times=fuzz_gen.TIMES):
    """(Program, [RGBA floats per time]) from lumajit on the emulator;
    raises Failure."""
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(LIMIT_S)
    try:
        program = compile_shader(source)
    except CompileError as e:
        raise Failure("compile-error", "%d:%d: %s" % (e.line, e.col, e.message))
    except _Timeout:
        raise Failure("hang", "compile took more than %d s" % LIMIT_S)
    except Exception as e:
        raise Failure("internal", "compile: %s: %s" % (type(e).__name__, e))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    try:
        renderer = Renderer(program, grid(*size), size, fuel=FUEL)
        images = []
        for t in times:
            images.append(renderer.render(t).rgba)
            if renderer.fault is not None:
                raise Failure("internal", "out of fuel at line %d (t=%g)" % (renderer.fault, t))
    except Failure:
        raise
    except Exception as e:
        raise Failure("internal", "run: %s: %s" % (type(e).__name__, e))
    return program, images


def mesa_images(source, size=fuzz_gen.SIZE, times=fuzz_gen.TIMES):
    """Mesa's images; raises Failure('generator') if Mesa refuses the source."""
    from host import mesa
    try:
        return [mesa.render(source, size[0], size[1], t) for t in times]
    except mesa.ShaderCompileError as e:
        raise Failure("generator", str(e).replace("\n", " ")[:300])


def _clamp(v):
    return min(max(v, 0.0), 1.0)


def differ(actual, expected, slack=0.0, size=fuzz_gen.SIZE, times=fuzz_gen.TIMES):
    """None, or where the first channel beyond the tolerance is."""
    for t, a, e in zip(times, actual, expected):
        for i, (x, y) in enumerate(zip(a, e)):
            if x != x or abs(_clamp(x) - _clamp(y)) > TOLERANCE + slack + 1e-9:
                pixel, channel = divmod(i, 4)
                row, col = divmod(pixel, size[0])
                return "t=%g x=%d y=%d %s: lumajit %.5f, Mesa %.5f" % (
                    t, col, row, "rgba"[channel], x, y)
    return None


def image_hex(rgba):
    """An image as text: each clamped channel in 12 bits, 3 hex digits."""
    return "".join("%03x" % int(round(_clamp(v) * QUANTUM)) for v in rgba)


def image_from_hex(text):
    return [int(text[i:i + 3], 16) / float(QUANTUM) for i in range(0, len(text), 3)]


# The slack a 12-bit expected image needs on top of the tolerance.
HEX_SLACK = 0.5 / QUANTUM


def check(source, expected=None, size=fuzz_gen.SIZE, times=fuzz_gen.TIMES):
    """Compile and run `source` against Mesa's images (or `expected`, with
    the 12-bit slack); returns the Program; raises Failure."""
    if expected is None:
        expected = mesa_images(source, size, times)
        slack = 0.0
    else:
        slack = HEX_SLACK
    program, images = lumajit(source, size, times)  # Mesa accepted it: a refusal is lumajit's
    where = differ(images, expected, slack, size, times)
    if where is not None:
        raise Failure("pixels", where)
    return program


def micropython_differences(sources, programs):
    """For each source (compiled by CPython into `programs`), None or how
    MicroPython's compile differs; one MicroPython process per BATCH, and a
    batch that dies is split to find the program that kills it."""
    out = []
    for start in range(0, len(sources), BATCH):
        out += _batch(sources[start:start + BATCH], programs[start:start + BATCH])
    return out


def _batch(sources, programs):
    folder = tempfile.mkdtemp(prefix="lumajit-fuzz-")
    paths = []
    try:
        for i, source in enumerate(sources):
            path = os.path.join(folder, "p%d.glsl" % i)
            with open(path, "w") as f:
                f.write(source)
            paths.append(path)
        try:
            results = device_compile.compile_many_on_micropython(paths)
        except (RuntimeError, subprocess.TimeoutExpired) as e:
            if len(sources) == 1:
                return ["MicroPython died: %s" % str(e).strip().splitlines()[-1][:200]]
            half = len(sources) // 2
            return _batch(sources[:half], programs[:half]) + \
                _batch(sources[half:], programs[half:])
    finally:
        for path in paths:
            os.unlink(path)
        os.rmdir(folder)
    return [_same(r, p) for r, p in zip(results, programs)]


def _same(result, program):
    if not result["ok"]:
        return "MicroPython: %s (%s:%s)" % (result["error"], result["line"], result["col"])
    for field, mine in (("code", bytes(program.code)), ("globals", bytes(program.globals))):
        theirs = bytes.fromhex(result[field])
        if theirs != mine:
            at = next((i for i, (a, b) in enumerate(zip(theirs, mine)) if a != b),
                      min(len(theirs), len(mine)))
            return "%s differs at byte %d (%d bytes under MicroPython, %d under CPython)" % (
                field, at, len(theirs), len(mine))
    if result["entry"] != program.entry:
        return "entry %s under MicroPython, %s under CPython" % (result["entry"], program.entry)
    return None


# ---- one failure: shrink, keep ----------------------------------------------------------

def failing_the_same_way(kind, detail):
    """A predicate on sources: fails as `kind` did (a compile error or an
    internal error with the same message, its position aside)."""
    key = _key(kind, detail)

    def fails(source):
        try:
            if kind == "bytes":
                program = compile_shader(source)
                mesa_images(source)
                return micropython_differences([source], [program])[0] is not None
            check(source)
            return False
        except Failure as f:
            if f.kind != kind:
                return False
            return key is None or _key(kind, f.detail) == key
        except Exception:
            return False
    return fails


def _key(kind, detail):
    """What must stay the same while a failure of `kind` shrinks: the
    message (not its position) of a compile error, an internal error or
    Mesa's refusal."""
    if kind == "generator":
        found = re.search(r"error: ([^0-9]*)", detail)
        return found.group(1).strip() if found else detail
    if kind == "compile-error":
        return re.sub(r"^\d+:\d+: ", "", detail).split(":")[0]
    if kind == "internal":        # where and which exception: "compile: TypeError"
        return re.sub(r"\d+", "N", ":".join(detail.split(":")[:2]))
    return None


def header(kind, detail, seed, k, before, after, expected):
    lines = ["// fuzz_gen: seed %s, program %d: %s: %s" % (seed, k, kind, detail),
             "// shrunk from %d to %d bytes by host/fuzz_reduce.py" % (before, after),
             "// size %dx%d, times %s" % (fuzz_gen.SIZE + (" ".join("%g" % t for t in
                                                                  fuzz_gen.TIMES),))]
    for t, image in zip(fuzz_gen.TIMES, expected):
        lines.append("// expect t=%g: %s" % (t, image_hex(image)))
    return "\n".join(lines) + "\n"


def keep_failure(kind, detail, seed, k, tree, out=sys.stdout):
    """Shrink program k's syntax tree and write it to fuzz-failures/;
    returns the path."""
    from host import fuzz_reduce
    # A MicroPython compile takes a process, a hang LIMIT_S: fewer tries.
    budget = {"bytes": 150, "hang": 20}.get(kind, 1500)
    before = tree.text()
    small = fuzz_reduce.reduce(tree, failing_the_same_way(kind, detail), budget).text()
    try:
        expected = mesa_images(small)
    except Failure:
        expected = []
    os.makedirs(FAILURES, exist_ok=True)
    path = os.path.join(FAILURES, "gen_seed%s_%d.glsl" % (seed, k))
    with open(path, "w") as f:
        f.write(header(kind, detail, seed, k, len(before), len(small), expected) + small)
    print("  shrunk %d -> %d bytes: %s" % (len(before), len(small), path), file=out)
    return path


def expectations(text):
    """(size, times, [image per time]) from a failure file's header (see
    header()), or None if it has no `// expect` lines."""
    size = re.search(r"^// size (\d+)x(\d+), times", text, re.M)
    found = re.findall(r"^// expect t=([0-9.]+): ([0-9a-f]+)$", text, re.M)
    if size is None or not found:
        return None
    return ((int(size.group(1)), int(size.group(2))), tuple(float(t) for t, _ in found),
            [image_from_hex(h) for _, h in found])


# ---- a run -----------------------------------------------------------------------------

KINDS = ("pixels", "bytes", "compile-error", "internal", "hang", "generator")


def run(count, seed, out=sys.stdout, keep=True, start=0):
    """Generate and check programs start..start+count-1 of `seed`; returns
    (counts by kind, [(k, kind, detail)])."""
    counts = dict.fromkeys(("ok",) + KINDS, 0)
    failures = []
    started = time.time()
    pending = []          # (k, tree, source, program) compiled, for MicroPython

    def fail(k, tree, kind, detail):
        counts[kind] += 1
        failures.append((k, kind, detail))
        print("program %d (seed %s): %s: %s" % (k, seed, kind, detail), file=out)
        if keep:
            keep_failure(kind, detail, seed, k, tree, out)

    def flush():
        differences = micropython_differences([p[2] for p in pending], [p[3] for p in pending])
        for (k, tree, _, _), difference in zip(pending, differences):
            if difference is None:
                counts["ok"] += 1
            else:
                fail(k, tree, "bytes", difference)
        del pending[:]

    for k in range(start, start + count):
        tree = fuzz_gen.generate_program(seed, k)
        source = tree.text()
        try:
            program = check(source)
        except Failure as f:
            fail(k, tree, f.kind, f.detail)
            continue
        pending.append((k, tree, source, program))
        if len(pending) == BATCH:
            flush()
    flush()
    print("%d programs (seed %s) in %.0f s: %d matched Mesa and MicroPython, %d failures (%s)"
          % (count, seed, time.time() - started, counts["ok"], len(failures),
             ", ".join("%s %d" % (kind, counts[kind]) for kind in KINDS)), file=out)
    return counts, failures
