"""python -m host: lumajit's command line.

    compile FILE [--micropython]       compile; print code size, functions, heap
    profile FILE [--json]              compile memory and work, stage by stage, on MicroPython
    builtins [--json] [--points N]     every builtin's measured error, cycles and bytes
    bench [--json] [--only a,b]        cycles per pixel of the benchmark shaders, against gcc -O2
    arena [FILE...]                    check that shaders store only into their frame's memory
    render FILE --size WxH --time T --format json|png [--out PATH] [--scale N]
    demo [--frames N] [--port P]       the Perlin benchmark through the whole flow
    sim [--dir DIR] [--heap 176k]      a virtual ESP32-C3: prints its serial port (a pty)
    oom [--json]                       out of memory on a virtual board: a table of outcomes
    faults [--only PREFIX,...]         serial faults on a virtual board: a table of results
    flash --port P [--firmware FILE]   flash pinned MicroPython to an ESP32-C3, then deploy
    deploy --port P                    copy lumajit (.mpy for rv32imc) to a board
    run FILE --port P                  send a shader to a board; it compiles and runs it
    watch FILE --port P                send it again on every save (live coding)
    stats|start|stop --port P          the board's figures; start/stop rendering
    config [KEY [VALUE]] --port P      the board's settings (VALUE is JSON)

Exit status: 0 success, 1 a bad shader (the message is FILE:LINE:COL: error:
..., the source line and a caret), 2 bad usage or an unreadable file, 3 an
internal error (a compiler bug: reported in one line, never a traceback).
"""

import argparse
import json
import os
import sys

from device.jit.compiler import compile_shader, CompileError
from device.jit.error_text import format_error
from host import device_compile
from host.runtime import HELPER_NAMES
from host.sim.board import DEFAULT_HEAP

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PERLIN = os.path.join(REPO, "..", "shared", "bench", "lp2025-test-perlin.glsl")

EXIT_SHADER = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class Failure(Exception):
    """A problem already worded for the user, with its exit status."""

    def __init__(self, message, status):
        Exception.__init__(self, message)
        self.status = status


def read_source(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except (OSError, UnicodeDecodeError) as e:
        raise Failure("lumajit: error: cannot read %s: %s" % (path, e), EXIT_USAGE)


def compile_file(path):
    """Compile a shader file under CPython; bad shaders become a Failure."""
    source = read_source(path)
    try:
        return compile_shader(source)
    except CompileError as e:
        raise Failure(format_error(path, source, e), EXIT_SHADER)
    except RecursionError:
        raise Failure("%s: error: shader is nested too deeply" % path, EXIT_SHADER)
    except Exception as e:  # a compiler bug: one clear line, not a traceback
        raise Failure("%s: internal compiler error: %s: %s" % (path, type(e).__name__, e),
                      EXIT_INTERNAL)


def size_arg(text):
    try:
        w, h = text.lower().split("x")
        w, h = int(w), int(h)
    except ValueError:
        raise argparse.ArgumentTypeError("expected WIDTHxHEIGHT, e.g. 16x16, not %r" % text)
    if not (1 <= w <= 1024 and 1 <= h <= 1024):
        raise argparse.ArgumentTypeError("width and height must be 1..1024, not %r" % text)
    return w, h


def heap_arg(text):
    # A MicroPython -X heapsize value: a number of bytes, or with k or m.
    t = text.lower()
    digits = t[:-1] if t[-1:] in ("k", "m") else t
    if not digits.isdigit() or not 16 * 1024 <= int(digits) * {"k": 1024, "m": 1 << 20}.get(
            t[-1:], 1) <= 1 << 30:
        raise argparse.ArgumentTypeError("expected a heap size from 16k to 1024m, "
                                         "e.g. 128k or 1m, not %r" % text)
    return t


def time_arg(text):
    try:
        t = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("expected a number of seconds, not %r" % text)
    if not -32768.0 <= t < 32768.0:
        raise argparse.ArgumentTypeError("time must be within the Q16.16 range (+-32768 s)")
    return t


def cmd_compile(args):
    program = compile_file(args.file)
    print("%s: %d bytes of code, %d functions (%s), helpers: %s"
          % (args.file, len(program.code), len(program.functions),
             ", ".join(f[0] for f in program.functions),
             ", ".join(helper_names(program)) or "none"))
    if args.micropython:
        try:
            r = device_compile.compile_on_micropython(args.file, args.heap)
        except device_compile.OutOfMemory as e:
            raise Failure("%s: error: %s" % (args.file, e), EXIT_SHADER)
        peak = device_compile.compile_on_micropython(args.file, "1m", sample_peak=True)
        same = r.code == bytes(program.code)
        print("MicroPython (-X heapsize=%s): peak heap %d bytes live (transient %d), compiler "
              "resident %d bytes, workspace %d bytes, retained after compile %d bytes, code %s "
              "CPython's" % (args.heap, peak.peak_live_bytes, peak.transient_peak_bytes,
                             r.resident_bytes, r.workspace_bytes, r.retained_bytes,
                             "identical to" if same else "DIFFERENT from"))
        if not same:
            return EXIT_INTERNAL
    else:
        print("peak heap: measured under MicroPython with --micropython")
    return 0


def points_arg(text):
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("expected a number of points, not %r" % text)
    if not 1000 <= n <= 16 << 20:
        raise argparse.ArgumentTypeError("points must be 1000..16777216, not %d" % n)
    return n


def only_names(text, known, what):
    """--only's comma-separated names, each checked against `known`."""
    if not text:
        return None
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in known]
    if unknown:
        raise Failure("lumajit: error: no %s named %s (there are: %s)" % (
            what, ", ".join(unknown), ", ".join(known)), EXIT_USAGE)
    return names


def cmd_builtins(args):
    from host import builtin_report
    names = only_names(args.only, builtin_report.case_names(), "builtin")
    return builtin_report.main(names, args.points, args.json, keep=args.record)


def cmd_bench(args):
    from host import bench_pixels
    names = only_names(args.only, [n for n, _ in bench_pixels.SHADERS], "benchmark shader")
    return bench_pixels.main(names, args.json, keep=args.record)


def cmd_fuzz(args):
    # Without --programs, 1000 mutants as ever; with it, only what is asked.
    mutants = args.mutants if args.mutants is not None else (0 if args.programs else 1000)
    programs = args.programs or 0
    if mutants < 0 or programs < 0 or mutants + programs == 0:
        raise Failure("lumajit: error: --mutants and --programs must not be negative, "
                      "and one must be at least 1", 2)
    failed = False
    if mutants:
        from host import fuzz_mutate
        counts, failures = fuzz_mutate.run(mutants, args.seed)
        if failures:
            print("failures shrunk into %s" % fuzz_mutate.FAILURES)
            failed = True
    if programs:
        from host import fuzz_diff
        counts, failures = fuzz_diff.run(programs, args.seed)
        if failures:
            print("failures shrunk into %s" % fuzz_diff.FAILURES)
            failed = True
    return 1 if failed else 0


def cmd_oom(args):
    from host import oom_runs
    return oom_runs.main(args.json)


def cmd_arena(args):
    from host import arena_check
    return arena_check.main(args.files)


def cmd_profile(args):
    from host import profile
    compile_file(args.file)          # a bad shader is reported as `compile` does
    try:
        result = profile.profile(args.file, heap=args.heap, work=not args.no_work)
    except profile.ProfileError as e:
        raise Failure("%s: error: %s" % (args.file, e), EXIT_INTERNAL)
    print(json.dumps(result, indent=1) if args.json else profile.format_table(result))
    return 0


def helper_names(program):
    return [HELPER_NAMES[h] for h in program.helpers]


def cmd_render(args):
    from host.render import render
    from host import images
    program = compile_file(args.file)
    w, h = args.size
    frame = run_frame(render, program, w, h, args.time, args.file)
    if args.format == "json":
        json.dump({"width": w, "height": h, "rgba": frame.rgba,
                   "instructions_per_pixel": frame.instructions / float(w * h),
                   "cycles_per_pixel": frame.cycles / float(w * h)}, sys.stdout)
        sys.stdout.write("\n")
        return 0
    out = args.out or os.path.splitext(os.path.basename(args.file))[0] + ".png"
    scale = args.scale or images.default_scale(w, h)
    images.save_png(frame.rgba, w, h, out, scale)
    print("wrote %s (%dx%d pixels, scaled x%d; %.0f instructions, %.0f modelled C3 cycles "
          "per pixel)" % (out, w, h, scale, frame.instructions_per_pixel,
                          frame.cycles / float(w * h)), file=sys.stderr)
    return 0


def run_frame(render, program, w, h, t, path):
    from host.emulator import EmulatorFault
    try:
        return render(program, w, h, t)
    except EmulatorFault as e:
        raise Failure("%s: error: the shader faulted on the emulated ESP32-C3: %s" % (path, e),
                      EXIT_INTERNAL)


def cmd_demo(args):
    from host import demo
    return demo.run(PERLIN, args.out, args.frames, args.size, args.port)


def open_board(port):
    from host.client import Board, BoardError
    try:
        return Board(port)
    except BoardError as e:
        raise Failure("lumajit: error: %s" % e, EXIT_USAGE)


def board_call(port, method):
    from host.client import BoardError
    board = open_board(port)
    try:
        return method(board)
    except BoardError as e:
        raise Failure("lumajit: error: %s" % e, EXIT_INTERNAL)
    finally:
        board.close()


def board_source(path):
    """A shader file's text, refused here if the board could not take it."""
    from host.client import check_size, ShaderTooLarge
    source = read_source(path)
    try:
        check_size(source, path)
    except ShaderTooLarge as e:
        raise Failure(str(e), EXIT_SHADER)
    return source


def report_load(path, reply):
    if not reply.get("ok"):
        print(reply.get("error", "lumajit: error: the board refused the shader"), file=sys.stderr)
        return EXIT_SHADER
    print("%s: running on the board: %d bytes of code, compiled in %d ms, heap %d -> %d bytes"
          % (path, reply["code_bytes"], reply["compile_ms"], reply["heap_before"],
             reply["heap_after"]))
    return 0


def cmd_run(args):
    source = board_source(args.file)
    return report_load(args.file, board_call(args.port, lambda b: b.load(source, args.file)))


def cmd_watch(args):
    import time
    from host.client import BoardError
    board = open_board(args.port)
    last = None
    reported = None          # the board's last error printed
    polls = 0
    print("watching %s (Ctrl-C to stop)" % args.file, file=sys.stderr)
    try:
        while True:
            try:
                stamp = os.stat(args.file).st_mtime
            except OSError:
                stamp = None
            try:
                if stamp is not None and stamp != last:
                    last = stamp
                    try:
                        source = board_source(args.file)
                    except Failure as e:       # mid-save, unreadable, too large: say so, keep watching
                        print(str(e), file=sys.stderr)
                        continue
                    report_load(args.file, board.load(source, args.file))
                    reported = None
                elif polls % 5 == 0:
                    # A shader can stop later, its loops out of fuel: say so once.
                    error = board.call("stats()").get("error")
                    if error and error != reported:
                        print(error, file=sys.stderr)
                    reported = error
            except BoardError as e:
                # Unplugged, reset, taken by another program: say so, then
                # connect again and resend the file.
                print("lumajit: error: %s; reconnecting" % e, file=sys.stderr)
                board.close()
                board = reconnect(args.port)
                print("reconnected to %s" % args.port, file=sys.stderr)
                last = None
            polls += 1
            time.sleep(0.2)
    except KeyboardInterrupt:
        return 0
    finally:
        board.close()


def reconnect(port):
    from host.client import Board, BoardError
    import time
    while True:
        time.sleep(1)
        try:
            return Board(port)
        except BoardError:
            pass


def cmd_board(args):
    reply = board_call(args.port, lambda b: b.call(args.command + "()"))
    print(json.dumps(reply))
    return 0 if reply.get("ok") else EXIT_INTERNAL


def cmd_config(args):
    if args.key is None:
        expression = "config()"
    elif args.value is None:
        raise Failure("lumajit: error: config KEY needs a VALUE (JSON, e.g. 32 or \"GRB\")",
                      EXIT_USAGE)
    else:
        try:
            value = json.loads(args.value)
        except ValueError:
            value = args.value     # a bare word is a string: config order GRB
        expression = "config(%r, %r)" % (args.key, value)
    reply = board_call(args.port, lambda b: b.call(expression))
    if not reply.get("ok"):
        print("lumajit: error: %s" % reply.get("error"), file=sys.stderr)
        return EXIT_USAGE
    print(json.dumps(reply["config"], indent=2, sort_keys=True))
    return 0


def cmd_faults(args):
    from host import fault_inject
    return fault_inject.run(args.only.split(",") if args.only else None)


def cmd_sim(args):
    from host.sim import cli as sim_cli
    return sim_cli.main((["--dir", args.dir] if args.dir else []) + ["--heap", args.heap])


def cmd_flash(args):
    from host import flash
    return flash.main(args)


def cmd_deploy(args):
    from host import deploy
    return deploy.main(args)


def parser():
    p = argparse.ArgumentParser(prog="python -m host", description="lumajit host tools")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    c = sub.add_parser("compile", help="compile a shader and print its figures")
    c.add_argument("file")
    c.add_argument("--micropython", action="store_true",
                   help="also compile under the MicroPython unix port and report its heap")
    c.add_argument("--heap", type=heap_arg, default=device_compile.PERLIN_HEAP,
                   help="MicroPython heap size (default %s)" % device_compile.PERLIN_HEAP)
    c.set_defaults(run=cmd_compile)

    pr = sub.add_parser("profile", help="compile memory and work per stage, under MicroPython")
    pr.add_argument("file")
    pr.add_argument("--json", action="store_true", help="one JSON object instead of a table")
    pr.add_argument("--heap", type=heap_arg, default="1m",
                    help="MicroPython heap for the live-heap run (default 1m)")
    pr.add_argument("--no-work", action="store_true",
                    help="skip counting instructions (valgrind), which takes seconds")
    pr.set_defaults(run=cmd_profile)

    bi = sub.add_parser("builtins", help="accuracy and cycles of every builtin, measured")
    bi.add_argument("--json", action="store_true", help="a JSON list instead of a table")
    bi.add_argument("--points", type=points_arg, default=1 << 20,
                    help="inputs per builtin (default 1048576)")
    bi.add_argument("--only", metavar="NAME,...", help="just these builtins")
    bi.add_argument("--record", action="store_true",
                    help="append the figures to bench/builtins.jsonl (make bench does)")
    bi.set_defaults(run=cmd_builtins)

    be = sub.add_parser("bench", help="cycles per pixel of the benchmark shaders, against gcc -O2")
    be.add_argument("--json", action="store_true", help="a JSON list instead of a table")
    be.add_argument("--only", metavar="NAME,...", help="just these shaders")
    be.add_argument("--record", action="store_true",
                    help="append the figures to bench/pixels.jsonl (make bench does)")
    be.set_defaults(run=cmd_bench)

    fz = sub.add_parser("fuzz", help="mutate the test shaders and check every compile's answer; "
                        "generate programs and check them against Mesa and MicroPython")
    fz.add_argument("--mutants", type=int, default=None,
                    help="mutants of the test shaders (1000 unless --programs is given)")
    fz.add_argument("--programs", type=int, default=None,
                    help="generated programs, each compared with Mesa (needs Debian's EGL/Mesa: "
                    "make golden installs it) and compiled again under MicroPython")
    fz.add_argument("--seed", type=int, default=1,
                    help="the same seed, the same mutants and programs (1)")
    fz.set_defaults(run=cmd_fuzz)

    ar = sub.add_parser("arena", help="check that shaders store only into their frame's memory")
    ar.add_argument("files", nargs="*", help="shaders (default: the test corpus and benchmarks)")
    ar.set_defaults(run=cmd_arena)

    om = sub.add_parser("oom", help="out of memory on a virtual board, from a full heap to an "
                        "ample one: a table of outcomes")
    om.add_argument("--json", action="store_true", help="a JSON list instead of a table")
    om.set_defaults(run=cmd_oom)

    r = sub.add_parser("render", help="run one frame on the emulated ESP32-C3")
    r.add_argument("file")
    r.add_argument("--size", type=size_arg, default=(16, 16), help="WIDTHxHEIGHT (16x16)")
    r.add_argument("--time", type=time_arg, default=0.0, help="seconds (0)")
    r.add_argument("--format", choices=("json", "png"), default="png")
    r.add_argument("--out", help="PNG path (default: FILE's name with .png)")
    r.add_argument("--scale", type=int, choices=range(1, 65), metavar="1..64",
                   help="PNG pixels per shader pixel")
    r.set_defaults(run=cmd_render)

    d = sub.add_parser("demo", help="compile the Perlin benchmark and animate it")
    d.add_argument("--frames", type=int, default=24, choices=range(1, 241), metavar="1..240")
    d.add_argument("--size", type=size_arg, default=(16, 16))
    d.add_argument("--out", default=os.path.join(REPO, "out", "demo"))
    d.add_argument("--port", help="a real board's serial port (default: a virtual board)")
    d.set_defaults(run=cmd_demo)

    for name, run, help_text in (("run", cmd_run, "send a shader to a board, which compiles and runs it"),
                                 ("watch", cmd_watch, "send a shader again on every save")):
        w = sub.add_parser(name, help=help_text)
        w.add_argument("file")
        w.add_argument("--port", required=True, help="the board's serial port, or a sim's pty")
        w.set_defaults(run=run)
    for name in ("stats", "start", "stop"):
        b = sub.add_parser(name, help="the board's %s" % ("figures" if name == "stats" else name))
        b.add_argument("--port", required=True)
        b.set_defaults(run=cmd_board, command=name)
    c2 = sub.add_parser("config", help="show or change the board's settings")
    c2.add_argument("key", nargs="?", help="e.g. brightness, layout.width")
    c2.add_argument("value", nargs="?", help="JSON value, e.g. 0.5 or 32")
    c2.add_argument("--port", required=True)
    c2.set_defaults(run=cmd_config)

    v = sub.add_parser("sim", help="start a virtual ESP32-C3 and print its serial port")
    v.add_argument("--dir", help="the board's filesystem (default: a new temporary directory)")
    v.add_argument("--heap", default=DEFAULT_HEAP, help="MicroPython heap, as a C3 has free")
    v.set_defaults(run=cmd_sim)

    fi = sub.add_parser("faults", help="inject serial faults into a virtual board; a table")
    fi.add_argument("--only", metavar="PREFIX,...", help="just the faults named so")
    fi.set_defaults(run=cmd_faults)

    f = sub.add_parser("flash", help="flash MicroPython and lumajit to an ESP32-C3")
    f.add_argument("--port", required=True)
    f.add_argument("--firmware", metavar="FILE", help="a local MicroPython image for the C3")
    f.add_argument("--sha256", metavar="HEX", help="the image's sha256, as you checked it")
    f.add_argument("--no-deploy", action="store_true", help="flash MicroPython only")
    f.set_defaults(run=cmd_flash)
    dp = sub.add_parser("deploy", help="copy lumajit to a board running MicroPython")
    dp.add_argument("--port", required=True)
    dp.add_argument("--march", help="mpy-cross architecture (default rv32imc)")
    dp.set_defaults(run=cmd_deploy)
    return p


def main(argv=None):
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except Failure as e:
        print(str(e), file=sys.stderr)
        return e.status
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:       # Ctrl-C: the board's next client recovers its REPL
        print("lumajit: interrupted", file=sys.stderr)
        return 130
