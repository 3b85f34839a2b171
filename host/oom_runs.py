"""Out of memory: `python -m host oom [--json]`.

Three runs:

- Ballast, on a virtual board (host/sim/board.py) at its usual heap with a
  small shader rendering, a board of its own for each action. For each X,
  from nothing free to all the board has, ballast fills the heap so that
  only X bytes are free, in the largest pieces the heap has (reserved
  first, everything else filled, the reserve given back). Then, in the
  same REPL command, comes one attempt: loading the Perlin benchmark (a
  compile), or a layout twice as wide (new frame buffers). The command is
  compiled by the REPL before the ballast exists, so it is the attempt
  that meets the full heap, not the REPL. Checked:
  - the answer is one line of JSON, never a traceback (a frame running
    meanwhile must not print one either);
  - with the ballast gone, the heap in use is back where it was, within
    NOISE, measured in commands of their own with no frame running.
    MicroPython never frees interned names (a compile interns those of
    the modules it imports on first use, device/jit/first_use.py): their
    bytes, from micropython.qstr_info(), are counted apart and shown;
  - a refused attempt leaves the previous shader rendering: the board's
    next LED frames equal what the host computes for it. An attempt that
    succeeds is undone before the next one.
- Boot: the board powered on with heaps (-X heapsize) from tiny to ample,
  the Perlin benchmark as its saved shader. Too small, it must say so in
  one line and leave a REPL that answers, never reboot again or hang.
  Large enough, it renders.
- The compiler's Workspace, under the unix MicroPython outside any board:
  Perlin compiles cut short by a full heap at many points, each followed
  by compiles in the same Workspace that must give a fresh one's bytes.
"""

import json
import os
import re
import select
import shutil
import sys
import tempfile
import time
from collections import namedtuple

from device import config
from device.jit.compiler import compile_shader
from host import deploy
from host.client import Board
from host.device_compile import run_script
from host.render import board_renderer
from host.sim.board import DEFAULT_HEAP, SOFT_REBOOT
from host.sim.cli import start

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PERLIN = os.path.join(REPO, "..", "shared", "bench", "lp2025-test-perlin.glsl")
# The shader running before each attempt: independent of time, so that
# any of its frames can be compared with the host's.
SHADER = """
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    return vec4(uv.x, uv.y, 1.0 - uv.x * uv.y, 1.0);
}
"""
LOAD_PERLIN = "load(_oom_src, 'perlin.glsl')"
WIDER_LAYOUT = "config('layout.width', 32)"
# Bytes left free for an attempt; None: no ballast (all the board has).
BALLAST_STEPS = (0, 256, 1024, 4096, 8192, 10240, 12288, 14336, 16384, 24576, None)
BOOT_HEAPS = ("16k", "64k", "128k", "160k", "168k", DEFAULT_HEAP, "256k")

# MicroPython: ballast, taken and dropped.
BALLAST_CODE = """
import gc

def _oom_take(limit, chain):
    # Blocks, the largest first, until at most `limit` bytes are free;
    # chained through lists, the chain's head returned.
    size = 65536
    while size >= 16:
        try:
            while gc.mem_free() - size > limit:
                chain = [chain, bytearray(size)]
        except MemoryError:
            pass
        size //= 2
    try:
        while gc.mem_free() > limit:
            chain = [chain]           # two blocks each: the last holes
    except MemoryError:
        pass
    return chain

def _oom_drop(chain):
    # Every link cut: the GC is conservative, and a stale pointer to one
    # link left on a stack must not keep the rest of the chain.
    while chain is not None:
        link = chain
        chain = link[0]
        link[0] = None
        if len(link) > 1:
            link[1] = None
"""

# Defined on the board once (the REPL keeps its globals between commands).
BOARD_CODE = BALLAST_CODE + """
import micropython, time
from device.server import get as _oom_get
_oom_srv = _oom_get()
_oom_ballast = None

def _oom_heap(tag):
    # Measured with no frame running (a frame holds a few bytes at times),
    # and with the same last exception kept: MicroPython keeps the last
    # one caught, with its traceback (sys.exc_info), until the next.
    running = _oom_srv.running
    _oom_srv.stop(quiet=True)
    try:
        raise ValueError
    except ValueError:
        pass
    # The frame thread ends a moment after stop() returns, its arguments
    # in use until then: the lowest of a tenth of a second's measurements.
    used = 1 << 40
    for i in range(10):
        time.sleep_ms(10)
        gc.collect()
        used = min(used, gc.mem_alloc())
    print(tag, used)
    micropython.qstr_info()
    if running:
        _oom_srv.start(quiet=True)

def _oom_step(free, action):
    global _oom_ballast
    gc.collect()
    if free is not None and free < gc.mem_free():
        reserve = _oom_take(gc.mem_free() - free, None)
        _oom_ballast = _oom_take(0, None)
        _oom_drop(reserve)
        reserve = None
        gc.collect()
    got = gc.mem_free()
    try:
        action()
    finally:
        _oom_drop(_oom_ballast)
        _oom_ballast = None
        print('@free', got, gc.mem_free() + gc.mem_alloc())
"""

# Run in the .mpy tree by MicroPython itself: compiles of SOURCE cut short
# by a full heap at each of FREES bytes free, each followed by compiles
# of SOURCE and SMALL in the same Workspace, which must give a fresh
# Workspace's bytes.
WORKSPACE_CODE = BALLAST_CODE + """
import json, sys
sys.path.insert(0, "")
from device.jit.workspace import Workspace
from device.jit import compiler

def _fresh(src):
    return bytes(compiler.compile_shader(src, Workspace()).code)

def _cut_short(ws, free):
    gc.collect()
    reserve = _oom_take(gc.mem_free() - free, None)
    ballast = _oom_take(0, None)
    _oom_drop(reserve)
    reserve = None
    gc.collect()
    try:
        compiler.compile_shader(SOURCE, ws)
        stage = "compiled"
    except MemoryError:
        stage = None
    _oom_drop(ballast)
    ballast = None
    gc.collect()
    # The function's name is kept from the last compile outside these stages.
    return stage or ws.stage + (" " + ws.stage_name if ws.stage in ("parse", "allocate") else "")

def _run():
    ws = Workspace()
    expected = [(s, _fresh(s)) for s in (SOURCE, SMALL)]
    for free in FREES:
        stage = _cut_short(ws, free)
        same = all(bytes(compiler.compile_shader(s, ws).code) == code for s, code in expected)
        print("@cut", json.dumps([free, stage, same]))

_run()
"""

# Bytes the heap in use may differ by, before and after a refused attempt,
# and still count as given back: four GC blocks of this 64-bit port. The
# Workspace keeps the name of the function a compile stopped in (for the
# message) until the next compile, and MicroPython keeps a block or two
# more now and then with the heap full of ballast, the same with no call
# to lumajit at all. None of it adds up over repeated attempts
# (tests/test_oom.py; 30 refused compiles in a row: +96 bytes in all).
NOISE = 128
_QSTR_BYTES = re.compile(rb"qstr pool: .*n_total_bytes=(\d+)")


class Row(namedtuple("Row", "free heap action outcome clean leaked names rendering")):
    """One attempt. free: bytes free when it started (None for a boot);
    heap: the heap's size; outcome: the answer's error, or what worked;
    clean: one line of JSON and nothing else; leaked: bytes of heap not
    given back, interned names apart (None where the attempt was meant to
    keep memory: it succeeded); names: bytes of names interned; rendering:
    whether the previous shader (for a boot: the saved one) still renders
    the frames it should."""


class OomError(Exception):
    """The run itself could not go on (the board stopped answering)."""


# ---- ballast --------------------------------------------------------------------

class BallastBoard:
    """A running virtual board with the small shader loaded and the
    ballast helpers defined; with `source`, that text is on the board as
    _oom_src (LOAD_PERLIN loads it)."""

    def __init__(self, heap=DEFAULT_HEAP, source=None):
        self.dir = tempfile.mkdtemp(prefix="lumajit-oom-")
        self.board = start(self.dir, heap)
        try:
            self.client = Board(self.board.port)
            self.transport = self.client.transport
            self._exec(BOARD_CODE + "\n_oom_src = %r\n" % source)
            self.expected = {16: _expected_frame(16), 32: _expected_frame(32)}
            self.restore()
            # What the harness's own first commands intern and keep.
            self.heap_in_use()
            self._exec("_oom_step(0, lambda: None)")
        except Exception:
            self.close()
            raise

    def _exec(self, code):
        out, err = self.transport.exec_raw(code)
        if err:
            raise OomError("the board raised an error: %s" % err.decode().strip())
        return out.decode()

    def call(self, expression):
        lines = self._exec("_oom_srv." + expression).strip().splitlines()
        return json.loads(lines[-1])

    def restore(self):
        # The small shader on the default layout, without ballast.
        if not self.call("load(%r)" % SHADER).get("ok"):
            raise OomError("the board refused the small shader")
        if not self.call("config('layout.width', 16)").get("ok"):
            raise OomError("the board refused the default layout")
        if not self.renders(16):
            raise OomError("the small shader does not render as the host computes")

    def renders(self, width):
        # Whether the next frames shown equal the small shader's at width.
        return _next_frames(self.board.bridge) == self.expected[width]

    def heap_in_use(self):
        """(bytes of heap in use, bytes of interned names), measured in a
        command of its own, the attempt's frames gone from the stack (the
        GC is conservative: a stale pointer there would keep a buffer of
        the attempt alive)."""
        out = self._exec("_oom_heap('@heap')")
        return int(out.split()[1]), int(_QSTR_BYTES.search(out.encode()).group(1))

    def attempt(self, free, action):
        """One attempt with `free` bytes left (None: no ballast); a Row."""
        used, names = self.heap_in_use()
        out, err = self.transport.exec_raw("_oom_step(%r, lambda: _oom_srv.%s)" % (free, action))
        text = out.decode("utf-8", "replace")
        replies, got, size = [], None, None
        for line in text.splitlines():
            if line.startswith("@free "):
                got, size = [int(v) for v in line.split()[1:]]
            elif line.strip():
                replies.append(line)
        reply = _json_line(replies)
        clean = not err and reply is not None
        ok = clean and reply.get("ok")
        outcome = (reply.get("error") or "ok") if clean else \
            "NOT CLEAN: " + (err.decode("utf-8", "replace") or text).strip().splitlines()[-1]
        used_after, names_after = self.heap_in_use()
        # What a refused attempt kept, interned names apart.
        leaked = None if ok else used_after - used - (names_after - names)
        if ok:
            # The new shader or layout renders; then it is undone.
            rendering = self.renders(32) if action == WIDER_LAYOUT else \
                _next_frames(self.board.bridge) is not None
            self.restore()
        else:
            rendering = self.renders(16)
        return Row(got, size, _action_name(action), outcome, clean, leaked,
                   names_after - names, rendering)

    def close(self):
        if getattr(self, "client", None) is not None:
            self.client.close()
        self.board.stop()
        self.board.bridge.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def _next_frames(bridge, count=3, timeout=5.0):
    """The last of the next `count` LED frames the board shows, or None if
    they do not come. (bridge.frames keeps the last few: a new frame is a
    new object at its end.)"""
    last = bridge.frames[-1] if bridge.frames else None
    end = time.time() + timeout
    while count and time.time() < end:
        time.sleep(0.005)
        newest = bridge.frames[-1] if bridge.frames else None
        if newest is not last:
            last = newest
            count -= 1
    return None if count else last


def _expected_frame(width):
    cfg = config.set_value(config.load("/nonexistent/lumajit.json"), "layout.width", width)
    return board_renderer(compile_shader(SHADER), cfg).run(0.0)[0]


def _json_line(lines):
    # The one line of JSON an answer must be, or None.
    if len(lines) != 1:
        return None
    try:
        reply = json.loads(lines[0])
    except ValueError:
        return None
    return reply if isinstance(reply, dict) and "ok" in reply else None


def _action_name(action):
    return {LOAD_PERLIN: "load Perlin", WIDER_LAYOUT: "layout 32x16"}.get(action, action)


def ballast_rows(steps=BALLAST_STEPS, actions=(LOAD_PERLIN, WIDER_LAYOUT)):
    """Each action on a board of its own: what one attempt leaves behind
    (a new shader's modules, where its buffers fell) would otherwise
    weigh on the other action's."""
    rows = []
    for action in actions:
        source = None
        if action == LOAD_PERLIN:
            with open(PERLIN) as f:
                source = f.read()
        board = BallastBoard(source=source)
        try:
            rows += [board.attempt(free, action) for free in steps]
        finally:
            board.close()
    return rows


# ---- the compiler's workspace after out of memory --------------------------------

def workspace_after_oom(frees=range(2000, 14000, 64), heap="256k"):
    """[(free, stage, same)]: a Perlin compile cut short with `free` bytes
    free, where it stopped (or "compiled"), and whether the next compiles
    in the same Workspace were a fresh Workspace's bytes. Under the unix
    MicroPython, outside any board."""
    with open(PERLIN) as f:
        source = f.read()
    script = "SOURCE = %r\nSMALL = %r\nFREES = %r\n" % (source, SHADER, list(frees)) + \
        WORKSPACE_CODE
    run = run_script(script, heap, 300)
    rows = [tuple(json.loads(line[5:])) for line in run.stdout.splitlines()
            if line.startswith("@cut ")]
    if len(rows) != len(frees):
        raise OomError("the workspace run failed:\n" + run.stdout + run.stderr)
    return rows


# ---- boot -----------------------------------------------------------------------

def boot_row(board_dir, heap, wait=20.0):
    """Power a board on with `heap` (lumajit installed in board_dir, Perlin
    saved there); a Row."""
    board = start(board_dir, heap, install=False)
    try:
        # main.py's output up to the REPL's prompt, and a second more: a
        # board that reboots says "soft reboot" again.
        text = _read_until(board.port, b">>> ", wait, linger=1.0)
        lines = [l for l in text.decode("utf-8", "replace").splitlines()
                 if l.strip() and not l.startswith(("MicroPython ", "Type \"help()\"", ">>>"))]
        reply = _json_line(lines)
        clean = reply is not None and SOFT_REBOOT.strip() not in text
        outcome = (reply.get("error") or "ok: renders Perlin") if clean else \
            "NOT CLEAN: " + " | ".join(lines)[-200:]
        client = Board(board.port)
        try:
            answer = client.transport.exec("print(6 * 7)").strip()
        finally:
            client.close()
        if answer != b"42":
            clean, outcome = False, "the REPL does not answer after: " + outcome
        rendering = bool(reply and reply.get("ok")) and _next_frames(board.bridge) is not None
        return Row(None, heap, "power on", outcome, clean, None, None, rendering)
    finally:
        board.stop()
        board.bridge.stop()


def _read_until(port, marker, timeout, linger):
    # What the port says until `marker`, and for `linger` seconds after.
    fd = os.open(port, os.O_RDWR | os.O_NOCTTY)
    data = b""
    try:
        end = time.time() + timeout
        seen = False
        while time.time() < end:
            if not seen and marker in data:
                seen = True
                end = time.time() + linger
            if select.select([fd], [], [], 0.1)[0]:
                data += os.read(fd, 4096)
    finally:
        os.close(fd)
    return data


def boot_rows(heaps=BOOT_HEAPS):
    board_dir = tempfile.mkdtemp(prefix="lumajit-oom-boot-")
    try:
        deploy.install(board_dir)
        shutil.copy(PERLIN, os.path.join(board_dir, "shader.glsl"))
        return [boot_row(board_dir, heap) for heap in heaps]
    finally:
        shutil.rmtree(board_dir, ignore_errors=True)


# ---- the table ------------------------------------------------------------------

def format_table(rows):
    out = ["| heap free / heap size | action | outcome | heap back | previous shader renders |",
           "|---|---|---|---|---|"]
    for r in rows:
        heap = ("%s / %s" % (r.free, r.heap)) if r.free is not None else "- / %s" % r.heap
        if r.leaked is None:
            back = "-"
        else:
            back = "yes" if abs(r.leaked) <= NOISE else "no (%+d B)" % r.leaked
            if r.leaked and abs(r.leaked) <= NOISE:
                back += " (%+d B)" % r.leaked
            if r.names:
                back += " (+%d B of names)" % r.names
        renders = "yes" if r.rendering else "no"
        if r.outcome == "ok" and r.free is not None:
            renders += " (the new one)"
        out.append("| %s | %s | %s | %s | %s |" % (heap, r.action, r.outcome, back, renders))
    return "\n".join(out)


def problems(rows):
    """What is wrong in rows, one line each (empty when all is well)."""
    bad = []
    for r in rows:
        if not r.clean:
            bad.append("%s at %s: %s" % (r.action, r.free or r.heap, r.outcome))
        if r.leaked is not None and abs(r.leaked) > NOISE:
            bad.append("%s at %s free: %d bytes of heap not given back" % (r.action, r.free, r.leaked))
        if not r.rendering and (r.free is not None or r.outcome.startswith("ok")):
            bad.append("%s at %s: the shader that should render does not"
                       % (r.action, r.free or r.heap))
    return bad


def main(as_json=False):
    if not os.path.exists(PERLIN):
        print("lumajit: error: %s is missing (the shared/ folder beside the repo)" % PERLIN,
              file=sys.stderr)
        return 2
    rows = ballast_rows() + boot_rows()
    cuts = workspace_after_oom()
    if as_json:
        print(json.dumps({"attempts": [r._asdict() for r in rows],
                          "compiles_cut_short": [dict(zip(("free", "stage", "same_after"), c))
                                                 for c in cuts]}, indent=1))
    else:
        print(format_table(rows))
        stopped = sorted(set(stage for _, stage, _ in cuts) - {"compiled"})
        print("\n%d compiles of Perlin cut short by a full heap (%s); the next compiles in the "
              "same Workspace gave a fresh one's bytes: %s"
              % (sum(1 for c in cuts if c[1] != "compiled"), ", ".join(stopped),
                 "all" if all(c[2] for c in cuts) else "NOT ALL"))
    bad = problems(rows) + ["the compile after one cut short at %d bytes free (%s) differs"
                            % (free, stage) for free, stage, same in cuts if not same]
    for line in bad:
        print("problem: " + line, file=sys.stderr)
    return 1 if bad else 0
