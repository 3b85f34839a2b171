"""Serial faults on the virtual board: `python -m host faults`.

A virtual board (host/sim/) runs a known shader whose LED frames the host
emulator computes. Each fault below is then injected a few times through
the board's serial port, the way it happens in a live-coding session. After
every try:

- shader lost: the frames of the shader that ran before the fault must
  come back, exactly, by the time the host's next ordinary call (stats())
  has connected, and no other frame may be shown in between. A soft reboot
  brings the last good shader back from flash (main.py, or the next call
  when the REPL was raw, as on a chip).
- board still usable: a shader with an error is refused with its position,
  another shader loads and shows its frames, and the first comes back.
- the longest pause in frames is measured, and so are reboots: only the
  faults that reboot a real board may, and frames may pause only as long
  as the fault allows.
- what the host client reported: one line, never a traceback.

The table is printed in Markdown; the exit status is 1 if any row fails.
Real parts throughout: the board's MicroPython, mpremote's transport,
pyserial and ptys; the faults are bytes on the port, closed ports,
processes and signals.
"""

import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time

import serial
from mpremote.transport_serial import SerialTransport

from device import config
from device.jit.compiler import compile_shader
from device.server import MAX_SOURCE
from host.client import Board, BoardError, SERVER, lock_holder
from host.render import board_renderer

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CTRL_D = 4

# Independent of time, so that every frame can be compared.
SHADER = """vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    return vec4(uv.x, uv.y, 1.0 - uv.x * uv.y, 1.0);
}
"""
OTHER = SHADER.replace("1.0 - uv.x * uv.y", "0.25")
BAD = "vec4 main(vec2 f, vec2 s, float t) {\n    return vec4(f, missing, 1.0);\n}\n"
BAD_AT = (2, 20)
# The same shader, made long enough (3.5 KB) for its upload to be cut.
PADDED = SHADER + "// a comment line, to make the upload longer than a raw-paste window\n" * 50
SETTLE = 3.0          # seconds frames may take to come back after a fault's recovery


class FrameWatch:
    """Watches the board's LED wire from a thread: the longest time without
    a new frame, and frames that are not the expected one."""

    def __init__(self, bridge):
        self.bridge = bridge
        self.expected = None
        self.seen = bridge.shown
        self.last = time.monotonic()
        self.longest = 0.0
        self.wrong = 0
        self.stopping = False
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self):
        while not self.stopping:
            shown = self.bridge.shown
            if shown != self.seen:
                frames = list(self.bridge.frames)[-min(shown - self.seen,
                                                       len(self.bridge.frames)):]
                if self.expected is not None:
                    self.wrong += sum(f != self.expected for f in frames)
                now = time.monotonic()
                self.longest = max(self.longest, now - self.last)
                self.seen, self.last = shown, now
            time.sleep(0.005)

    def begin(self, expected):
        self.expected = expected
        self.last = time.monotonic()
        self.longest, self.wrong = 0.0, 0

    def end(self):
        # (longest pause, wrong frames) since begin(); watching stops.
        longest = max(self.longest, time.monotonic() - self.last)
        self.expected = None
        return longest, self.wrong

    def wait_for(self, expected, count=3, timeout=SETTLE):
        """Whether `count` frames in a row equal `expected` within `timeout`."""
        end = time.monotonic() + timeout
        seen, run = self.bridge.shown, 0
        while time.monotonic() < end:
            shown = self.bridge.shown
            if shown != seen:
                run = run + 1 if self.bridge.frames[-1] == expected else 0
                seen = shown
                if run >= count:
                    return True
            time.sleep(0.005)
        return False

    def stop(self):
        self.stopping = True
        self.thread.join(1)


class Session:
    """A virtual board running SHADER, and the checks made after a fault."""

    def __init__(self, board):
        self.board = board
        self.port = board.port
        cfg = config.load("/nonexistent/lumajit.json")        # the board's defaults
        self.frame = {s: board_renderer(compile_shader(s), cfg).run(0.0)[0]
                      for s in (SHADER, OTHER)}
        self.frames = FrameWatch(board.bridge)
        self.scratch = tempfile.mkdtemp(prefix="lumajit-faults-")
        reply = self.call(lambda b: b.load(SHADER, "shader.glsl"))
        if not reply.get("ok") or not self.frames.wait_for(self.frame[SHADER]):
            raise RuntimeError("the virtual board does not show the known shader: %s" % reply)

    def call(self, method, timeout=10):
        board = Board(self.port, timeout)
        try:
            return method(board)
        finally:
            board.close()

    def file(self, name, content):
        path = os.path.join(self.scratch, name)
        with open(path, "wb") as f:
            f.write(content if isinstance(content, bytes) else content.encode("utf-8"))
        return path

    def host(self, *args):
        """Start `python -m host ARGS` in the scratch directory (a second
        process, as a user would run it)."""
        return subprocess.Popen([sys.executable, "-m", "host"] + list(args), cwd=self.scratch,
                                env=dict(os.environ, PYTHONPATH=REPO), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)

    def shader_back(self):
        # (kept, the next call's report): the next call answers and the
        # shader's exact frames come back.
        try:
            stats = self.call(lambda b: b.call("stats()"))
        except BoardError as e:
            return False, "next call: %s" % e
        if not stats.get("running"):
            return False, "next call: the board runs no shader (%s)" % (
                stats.get("error") or "no error").splitlines()[0]
        if not self.frames.wait_for(self.frame[SHADER]):
            return False, "next call: ok, but the shader's frames did not come back"
        return True, "next call: ok"

    def usable(self):
        # None, or why the board is not usable.
        def loads(b):
            reply = b.load(BAD, "bad.glsl")
            if reply.get("ok") or (reply.get("line"), reply.get("col")) != BAD_AT:
                return "a bad shader got %s" % reply
            for source in (OTHER, SHADER):
                reply = b.load(source, "shader.glsl")
                if not reply.get("ok"):
                    return "a good shader was refused: %s" % reply.get("error").splitlines()[0]
                if not self.frames.wait_for(self.frame[source]):
                    return "a loaded shader's frames did not show"
            return None
        try:
            return self.call(loads)
        except BoardError as e:
            return str(e)

    def close(self):
        self.frames.stop()


def outcome(process):
    # "exit N: the last line it printed" (all of it if that is a traceback)
    out, err = process.communicate(timeout=60)
    text = (err or out).strip()
    return "exit %d: %s" % (process.returncode,
                            text if "Traceback" in text else text.splitlines()[-1])


# ---- the faults ---------------------------------------------------------------------
#
# Each is fault(session, attempt) -> what the host client reported ("" when
# no host client took part: the next call's report stands for it).

def raw_port(session):
    # Opened as a terminal or a stray program does: no exclusive lock.
    return serial.Serial(session.port, 115200, timeout=0.05)


def read_all(port, stop):
    # A reader thread's loop: take what the board says until stop is set.
    while not stop:
        port.read(65536)


def drain(port, seconds):
    # Read what the board says for a while (a terminal would show it).
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        port.read(65536)


def garbage(session, attempt):
    rng = random.Random(attempt)
    data = bytearray(rng.choice([b for b in range(256) if b != CTRL_D]) for _ in range(2048))
    for at in rng.sample(range(len(data)), 64):
        data[at] = rng.choice(b"\x01\x02\x03\x05\x1b\x00\xff\xfe\xc3\r")
    with raw_port(session) as port:
        port.write(bytes(data))
        drain(port, 0.3)
    return ""


def stray_ctrl_d(session, attempt):
    # At the friendly prompt, then in the raw REPL (Ctrl-A first): both
    # soft-reboot a board.
    with raw_port(session) as port:
        port.write([b"\r\x03\x04", b"\r\x03\x01\x04"][attempt])
        drain(port, 0.5)
    return ""


def paste_cut_off(session, attempt):
    # A raw-paste upload that stops: after 10 bytes, within the first
    # window, or halfway with the port then held open and silent for 1 s.
    command = (SERVER + "load(%r, 'cut.glsl')" % PADDED.replace("uv.x * uv.y", "0.0")).encode()
    transport = SerialTransport(session.port, 115200, timeout=2)
    try:
        transport.enter_raw_repl(soft_reset=False)
        transport.read_until(1, b">")
        transport.serial.write(b"\x05A\x01")
        if transport.serial.read(2) != b"R\x01":
            return "the board did not offer raw paste"
        window = int.from_bytes(transport.serial.read(2), "little")
        transport.serial.write(command[:[10, window - 1, len(command) // 2][attempt]])
        if attempt == 2:
            time.sleep(1.0)
    finally:
        transport.serial.close()
    return ""


def close_after(board, count):
    # The port goes away after `count` more bytes are written (a cable
    # pulled mid-upload): pyserial then fails as it does on a vanished port.
    port = board.transport.serial
    write = port.write
    left = [count]

    def cut_write(data):
        if len(data) < left[0]:
            left[0] -= len(data)
            return write(data)
        write(data[:left[0]])
        port.close()
        raise serial.SerialException("write failed: [Errno 5] Input/output error")
    port.write = cut_write


def disconnect_mid_upload(session, attempt):
    board = Board(session.port)
    close_after(board, [64, 700, 2500][attempt])
    try:
        board.load(PADDED.replace("uv.x * uv.y", "0.0"), "gone.glsl")
        report = "the load went through"
    except BoardError as e:
        report = str(e)
    board.close()
    return report


def ctrl_c_on_host(session, attempt):
    # The user stops `python -m host run` once it has opened the port:
    # at once (entering the REPL), then a little later (mid-upload).
    session.file("run.glsl", PADDED)
    process = session.host("run", "run.glsl", "--port", session.port)
    end = time.monotonic() + 30
    while str(process.pid) not in (lock_holder(session.port) or "") and \
            process.poll() is None and time.monotonic() < end:
        time.sleep(0.001)
    time.sleep(attempt * 0.003)
    process.send_signal(signal.SIGINT)
    return outcome(process)


def two_clients(session, attempt):
    if attempt == 0:
        # Two threads of one program, each with its own client.
        start = threading.Barrier(2)
        reports = [None, None]

        def client(i):
            start.wait()
            try:
                reports[i] = "ok" if session.call(lambda b: b.load(SHADER, "a.glsl"))["ok"] \
                    else "refused"
            except BoardError as e:
                reports[i] = str(e)
        threads = [threading.Thread(target=client, args=(i,)) for i in (0, 1)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return " / ".join(sorted(reports))
    # Two `python -m host run` at once.
    session.file("two.glsl", SHADER)
    processes = [session.host("run", "two.glsl", "--port", session.port) for _ in (0, 1)]
    return " / ".join(sorted(outcome(p) for p in processes))


def terminal_reading(session, attempt):
    # A terminal left open on the port takes some of the board's answers:
    # the client must give up with a clear message, not wait forever.
    report = ["the client hung"]

    def client():
        try:
            session.call(lambda b: b.call("stats()"), timeout=2)
            report[0] = "the call got through"
        except BoardError as e:
            report[0] = str(e)
    with raw_port(session) as port:
        stop = []
        reader = threading.Thread(target=read_all, args=(port, stop))
        reader.start()
        caller = threading.Thread(target=client, daemon=True)
        caller.start()
        caller.join(30)
        stop.append(1)
        reader.join()
    return report[0]


def silent_client(session, attempt):
    # A program that opens the port and sends nothing: mpremote-style
    # (exclusive) or a terminal's (shared).
    holder = serial.Serial(session.port, 115200, exclusive=(attempt == 0))
    try:
        time.sleep(0.3)
        try:
            session.call(lambda b: b.call("stats()"))
            return "the call got through"
        except BoardError as e:
            return str(e)
    finally:
        holder.close()


def huge_shader(session, attempt):
    source = (SHADER + "// a comment line of a shader of a megabyte\n" * 25000)[:1 << 20]
    if attempt == 0:           # through the client
        try:
            session.call(lambda b: b.load(source, "huge.glsl"))
            return "sent"
        except BoardError as e:
            return str(e)
    session.file("huge.glsl", source)
    return outcome(session.host("run", "huge.glsl", "--port", session.port))


def heap_sized_shader(session, attempt):
    # Under the limit, but more than the board's heap can receive beside
    # the running shader: the same shader, with 12 KB of comments.
    source = SHADER + "// a comment line, to make the shader bigger than the heap takes\n" * 180
    assert len(source) < MAX_SOURCE
    try:
        reply = session.call(lambda b: b.load(source, "big.glsl"))
        return "loaded" if reply.get("ok") else reply.get("error")
    except BoardError as e:
        return str(e)


def blob(session, attempt, size=1 << 20):
    # `cat big.glsl > PORT`: a megabyte of shader text at the friendly
    # prompt, then into the raw REPL (Ctrl-A first), whose input line
    # outgrows the heap. Written as fast as the board takes it.
    text = open(os.path.join(REPO, "tests", "shaders", "noise.glsl"), "rb").read()
    data = (text * (size // len(text) + 1))[:size]
    with serial.Serial(session.port, 115200, timeout=0.05, write_timeout=60) as port:
        stop = []
        reader = threading.Thread(target=read_all, args=(port, stop))
        reader.start()
        try:
            port.write([b"", b"\r\x03\x01"][attempt] + data)
        finally:
            stop.append(1)
            reader.join()
    return ""


def bad_bytes(session, attempt):
    if attempt == 0:           # NUL bytes in the text: the board's positioned error
        reply = session.call(lambda b: b.load(SHADER.replace("1.0);", "1.0);\x00\x00", 1),
                                              "nul.glsl"))
        return reply.get("error", "loaded").splitlines()[0]
    # Invalid UTF-8 in the file: refused on the host.
    session.file("latin1.glsl", SHADER.encode() + b"// caf\xe9 \xff\xfe\n")
    return outcome(session.host("run", "latin1.glsl", "--port", session.port))


def ctrl_c_mid_load(session, attempt):
    # A load interrupted by Ctrl-C at a different moment each try (a
    # second host connecting sends one first): during the compile, the
    # swap of the running shader, or the reply.
    board = Board(session.port)
    try:
        board.transport.exec_raw_no_follow(SERVER + "load(%r, 'shader.glsl')" % SHADER)
        time.sleep(attempt * 0.002)
        board.transport.serial.write(b"\x03")
        out, err = board.transport.follow(10)
        return "interrupted" if b"KeyboardInterrupt" in err else "the load completed"
    finally:
        board.close()


def watch_across_reset(session, attempt):
    # `python -m host watch` (one connection, kept) while the board is
    # reset: it must say so, connect again and send the file again.
    path = session.file("live.glsl", SHADER)
    process = session.host("watch", "live.glsl", "--port", session.port)
    try:
        if not session.frames.wait_for(session.frame[SHADER], timeout=10):
            return "watch did not load the shader"
        time.sleep(0.5)
        session.board.reset()
        time.sleep(3)               # watch notices within a second, then reconnects
        os.utime(path)              # a save: sent again over the new connection
        time.sleep(1)
    finally:
        process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    errors = [l for l in err.splitlines() if "error" in l or "Traceback" in l]
    return "exit %d, %d loads (the save after the reset too)%s" % (
        process.returncode, out.count("running on the board"),
        "".join("; " + l for l in errors))


def connect_while_booting(session, attempt):
    # The reset button, then a host connects at once (its Ctrl-C lands in
    # main.py, which brings the last good shader back).
    session.board.reset()
    time.sleep(attempt * 0.05)
    try:
        return "stats: %s" % ("running" if session.call(lambda b: b.call("stats()"))
                              .get("running") else "no shader")
    except BoardError as e:
        return str(e)


class Fault:
    def __init__(self, name, run, tries, pause=1.0, reboots=False):
        self.name = name
        self.run = run
        self.tries = tries
        self.pause = pause          # seconds frames may stop
        self.reboots = reboots      # whether a real board reboots too


FAULTS = [
    Fault("garbage bytes (Ctrl-A/B/C/E, ESC, NUL, invalid UTF-8; no Ctrl-D)", garbage, 4),
    Fault("a stray Ctrl-D (friendly, raw): soft reboot, as on a chip", stray_ctrl_d, 2,
          pause=2.0, reboots=True),
    Fault("raw-paste upload cut off (writer closes)", paste_cut_off, 3),
    Fault("disconnect during upload (port closed mid-transfer)", disconnect_mid_upload, 3),
    Fault("Ctrl-C on `python -m host run`", ctrl_c_on_host, 3),
    Fault("two clients at once (threads, processes)", two_clients, 2),
    Fault("a terminal left open, reading the port", terminal_reading, 1),
    Fault("a client that connects and never sends (exclusive, shared)", silent_client, 2),
    Fault("a 1 MB shader (client, CLI)", huge_shader, 2),
    Fault("a 12 KB shader: under the limit, over the heap", heap_sized_shader, 1),
    Fault("a 1 MB blob written raw (friendly prompt, raw REPL)", blob, 2,
          pause=2.0, reboots=True),
    Fault("NUL bytes / invalid UTF-8 in a shader", bad_bytes, 2),
    Fault("Ctrl-C during a load, at 12 moments", ctrl_c_mid_load, 12),
    Fault("a host connecting while the board boots", connect_while_booting, 3,
          pause=2.0, reboots=True),
    Fault("the board reset under `python -m host watch`", watch_across_reset, 1,
          pause=2.0, reboots=True),
]


class Row:
    def __init__(self, fault):
        self.fault = fault
        self.tried = 0
        self.unusable = []          # why, per failed try
        self.lost = 0
        self.pause = 0.0
        self.reboots = 0
        self.reports = []

    @property
    def ok(self):
        # What the client reports is one line: a traceback fails the row.
        return (not self.unusable and self.lost == 0 and self.pause <= self.fault.pause
                and (self.reboots == 0 or self.fault.reboots)
                and not any("Traceback" in r or "\n" in r for r in self.reports))


def inject(session, fault):
    """Inject `fault` fault.tries times; the Row of what happened."""
    row = Row(fault)
    for attempt in range(fault.tries):
        boots = session.board.boots
        session.frames.begin(session.frame[SHADER])
        try:
            report = fault.run(session, attempt)
        except Exception as e:      # the injection itself failed: the row says how
            report = "injection failed: %s: %s" % (type(e).__name__, e)
            row.unusable.append(report)
        kept, next_call = session.shader_back()
        pause, wrong = session.frames.end()
        row.tried += 1
        row.lost += not kept or wrong > 0
        row.pause = max(row.pause, pause)
        row.reboots += session.board.boots - boots
        why = session.usable()
        if why:
            row.unusable.append(why)
        for line in (report, next_call if not report or not kept else ""):
            if line and line not in row.reports:
                row.reports.append(line)
    return row


def table(rows):
    lines = ["| fault | tried | board still usable | shader lost | longest pause in frames "
             "| what the client reported |", "|---|---|---|---|---|---|"]
    for row in rows:
        pause = "%.2f s" % row.pause
        if row.reboots:
            pause += " (%d reboot%s)" % (row.reboots, "s" if row.reboots > 1 else "")
        lines.append("| %s | %d | %s | %d | %s | %s |%s" % (
            row.fault.name, row.tried, "yes" if not row.unusable else "no: " + row.unusable[0],
            row.lost, pause, cell("; ".join(row.reports)), "" if row.ok else " **FAILED**"))
    return "\n".join(lines)


def cell(text):
    # Table-safe: control characters (a NUL the board quoted) escaped.
    return "".join(c if c >= " " else "\\x%02x" % ord(c) for c in text).replace("|", "\\|")


def run(names=None):
    """Start a virtual board, inject the faults (all, or those whose name
    starts with one of `names`), print the table; 0 if every row passes."""
    from host.sim.cli import start
    faults = [f for f in FAULTS if not names or any(f.name.startswith(n) for n in names)]
    board = start(tempfile.mkdtemp(prefix="lumajit-board-"))
    session = None
    try:
        session = Session(board)
        rows = []
        for fault in faults:
            print("injecting: %s" % fault.name, file=sys.stderr, flush=True)
            rows.append(inject(session, fault))
        print(table(rows))
        return 0 if all(r.ok for r in rows) else 1
    finally:
        if session is not None:
            session.close()
        board.stop()
        board.bridge.stop()
