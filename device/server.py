# The board's API, called from the REPL by the host client (or by hand):
#   srv.load(source)   compile; on success swap it in and keep it as the
#                      shader started at boot; on error keep the old one
#   srv.start() / srv.stop() / srv.stats()
#   srv.config() / srv.config("layout.width", 32)
#   srv.pixels()       the LED bytes of the last frame, as hex
# Each prints one line of JSON (and returns None, so the REPL adds nothing).
#
# A shader's loops run on fuel (device/jit/frame.py): a frame that spends it
# ends early. During load() that is the new shader's first frame, rendered
# before the reply: the error names the loop's line and the last good
# shader comes back. Later (a loop whose trips grow with time), the shader
# stops, so that frames do not take every moment from the REPL, and
# stats() reports why.

import gc
import json
import sys
import time

from .jit.workspace import Workspace
from .jit import compiler
from .jit.first_use import forget
from . import config as cfgmod, layout, color
from .renderer import Renderer

try:
    from micropython import kbd_intr
except ImportError:             # CPython: no Ctrl-C to hold back
    def kbd_intr(char):
        pass

VERSION = "0.1.0"
CONFIG_PATH = "lumajit.json"
SHADER_PATH = "shader.glsl"
# The longest source load() takes (the host checks it before sending): 3.6
# times the longest benchmark shader. The heap may refuse shorter ones.
MAX_SOURCE = 16384
# Shader time is Q16.16 seconds: it starts again from 0 every 32768 s
# (about 9.1 hours), the largest time the format holds.
TIME_WRAP_MS = 32768 * 1000
# The answer when the heap is too full to build one, by self.running.
_OUT_OF_MEMORY = ('{"ok": false, "error": "error: out of memory (the heap is full)", '
                  '"running": false}',
                  '{"ok": false, "error": "error: out of memory (the heap is full)", '
                  '"running": true}')


class Server:
    def __init__(self, platform, cfg):
        self.platform = platform
        self.ws = Workspace()
        self.cfg = cfg
        self.renderer = None
        self.running = False
        self.program_bytes = 0
        self.globals = b""         # the loaded program's initial globals
        self.compile_stats = {}
        self.frames = 0
        self.fault = -1            # the line of the loop that stopped the shader
        self.quiet = False         # no replies (bringing the last good shader back)
        self.name = SHADER_PATH    # the running shader's file name, for messages
        self.fps = 0.0
        self.frame_ms = 0
        self.window_start = platform.ticks_ms()
        self.window_frames = 0
        self.t0 = platform.ticks_ms()
        self._layout()

    def _layout(self):
        # Built beside the old frame's buffers, so that a layout whose
        # buffers do not fit (MemoryError) leaves the old one rendering
        # (config()); a change needs both at once.
        cfg = self.cfg
        gc.collect()
        renderer = Renderer(self.platform, layout.from_config(cfg),
                            color.lut(cfg["brightness"], cfg["gamma"]), color.order(cfg["order"]),
                            cfg["fuel"])
        renderer.set_globals(self.globals)
        self.renderer = renderer

    # ---- frames -------------------------------------------------------------------

    def _frame(self, _):
        # A frame that finds the heap full (a compile has it) is skipped:
        # the LEDs keep the last one.
        try:
            if self.running and self._render() >= 0:
                self.running = False
        except MemoryError:
            pass

    def _render(self):
        # One frame; returns -1, or the line of the loop that spent its fuel.
        p = self.platform
        started = p.ticks_ms()
        ms = time.ticks_diff(started, self.t0) % TIME_WRAP_MS
        self.fault = self.renderer.frame(ms * 65536 // 1000)
        now = p.ticks_ms()
        self.frame_ms = time.ticks_diff(now, started)
        self.frames += 1
        self.window_frames += 1
        span = time.ticks_diff(now, self.window_start)
        if span >= 1000:
            self.fps = self.window_frames * 1000.0 / span
            self.window_start = now
            self.window_frames = 0
        return self.fault

    def start(self, quiet=False):
        if self.program_bytes:
            # Running once the ticker is (it may not fit in the heap).
            self.platform.start_ticker(self.cfg["fps"], self._frame)
            self.running = True
        if not quiet:
            self._reply({"ok": True, "running": self.running})

    def stop(self, quiet=False):
        self.running = False
        self.platform.stop_ticker()
        if not quiet:
            self._reply({"ok": True, "running": False})

    # ---- shaders ------------------------------------------------------------------

    def load(self, source, name=SHADER_PATH, save=True):
        # Out of memory where _load does not expect it (before the compile,
        # or building the answer) is an answer too, never a traceback.
        try:
            self._load(source, name, save)
        except MemoryError:
            self._out_of_memory()

    def _load(self, source, name, save):
        if len(source) > MAX_SOURCE:
            return self._refuse("%s: error: the shader is %d bytes; the board takes at most %d"
                                % (name, len(source), MAX_SOURCE))
        gc.collect()
        before = gc.mem_alloc()
        known = list(sys.modules)       # compiler modules are imported on first use
        started = time.ticks_ms()
        try:
            program = compiler.compile_shader(source, self.ws)
        except compiler.CompileError as e:
            from .jit.error_text import format_error
            self._reply({"ok": False, "error": format_error(name, source, e),
                         "line": e.line, "col": e.col, "message": e.message,
                         "running": self.running})
            return
        except MemoryError:
            forget(known)
            gc.collect()
            ws = self.ws
            return self._refuse("%s: error: out of memory while compiling (%s%s)"
                                % (name, ws.stage, " " + ws.stage_name
                                   if ws.stage in ("parse", "allocate") else ""))
        except RuntimeError:
            # MicroPython's "maximum recursion depth exceeded"
            return self._refuse("%s: error: shader is nested too deeply" % name)
        except Exception as e:              # a compiler bug: an answer, not a traceback
            return self._refuse("%s: internal compiler error: %s" % (name, e))
        ms = time.ticks_diff(time.ticks_ms(), started)
        was_running = self.running
        # Until start(), a Ctrl-C (a host connecting) would leave no shader
        # running: it waits as input. The REPL arms it again for its next
        # command.
        kbd_intr(-1)
        self.stop(quiet=True)                  # no frame may run half-copied code
        try:
            self.platform.load(program.code, program.entry)
        except MemoryError as e:
            # Checked before anything is copied: the old code is intact.
            if was_running:
                self.start(quiet=True)
            return self._refuse("%s: error: %s" % (name, e))
        self.program_bytes = len(program.code)
        self.renderer.set_globals(program.globals)
        self.globals = program.globals
        program = None
        gc.collect()
        self.compile_stats = {"compile_ms": ms, "heap_before": before,
                              "heap_after": gc.mem_alloc(), "code_bytes": self.program_bytes}
        if self._render() >= 0:
            # A runaway loop. The last good shader comes back from flash,
            # unless this was it.
            error = self._budget_error(name, source)
            self.program_bytes = 0
            saved = self._saved() if save else None
            if saved is not None:
                self.quiet = True
                try:
                    self.load(saved, save=False)
                finally:
                    self.quiet = False
            return self._refuse(error)
        self.name = name
        if save:
            with open(SHADER_PATH, "w") as f:
                f.write(source)
        self.start(quiet=True)
        kbd_intr(3)
        self._reply(self._stats(ok=True))

    def _refuse(self, error):
        self._reply({"ok": False, "error": error, "running": self.running})

    def _saved(self):
        try:
            with open(SHADER_PATH) as f:
                return f.read()
        except OSError:
            return None

    def _budget_error(self, name, source):
        line = self.fault
        message = ("shader exceeded its time budget at line %d: its loops spent a frame's "
                   "fuel, %d trips and calls (the 'fuel' setting)" % (line, self.cfg["fuel"]))
        if line == 0 or source is None:
            return "%s: error: %s" % (name, message.replace("at line 0", "in a library loop"))
        from .jit.error_text import format_error, source_line
        text = source_line(source, line)
        return format_error(name, source, compiler.CompileError(
            message, line, len(text) - len(text.lstrip()) + 1))

    # ---- figures and settings -----------------------------------------------------

    def _stats(self, ok=True):
        out = {"ok": ok, "running": self.running, "frames": self.frames, "fps": self.fps,
               "frame_ms": self.frame_ms, "heap_free": gc.mem_free(),
               "platform": self.platform.name, "version": VERSION}
        out.update(self.compile_stats)
        if not self.running and self.fault >= 0:
            out["error"] = self._budget_error(self.name, self._saved())
        return out

    def stats(self):
        try:
            self._reply(self._stats())
        except MemoryError:
            self._out_of_memory()

    def pixels(self):
        try:
            import binascii
            self._reply({"ok": True, "frames": self.frames,
                         "leds": binascii.hexlify(self.renderer.out).decode()})
        except MemoryError:
            self._out_of_memory()

    def config(self, key=None, value=None):
        try:
            self._config(key, value)
        except MemoryError:
            self._out_of_memory()

    def _config(self, key, value):
        if key is not None and value is not None:
            try:
                cfg = cfgmod.set_value(self.cfg, key, value)
            except ValueError as e:
                self._reply({"ok": False, "error": str(e)})
                return
            was = self.running
            self.stop(quiet=True)
            old_cfg = self.cfg
            old_renderer = self.renderer
            error = None
            try:
                self.cfg = cfg
                self._layout()
                cfgmod.save(cfg, CONFIG_PATH)
            except MemoryError:
                # The new frame buffers (or the file's text) did not fit:
                # the old ones, still whole, go on.
                self.cfg = old_cfg
                self.renderer = old_renderer
                error = "out of memory for the frame buffers of these settings; nothing changed"
            old_renderer = None
            if was:
                self.start(quiet=True)
            if error:
                self._refuse(error)
                return
        self._reply({"ok": True, "config": self.cfg})

    def _reply(self, obj):
        if not self.quiet:
            print(json.dumps(obj))

    def _out_of_memory(self):
        # Not even the answer could be built: a constant one, which print
        # writes without allocating.
        if not self.quiet:
            print(_OUT_OF_MEMORY[self.running])


_server = None


def get():
    # The board's server, started by main.py at power-on; booted here after
    # a soft reboot from the raw REPL, which skips main.py.
    global _server
    if _server is None:
        kbd_intr(-1)        # a host connecting at power-on must not cut the boot short
        _server = boot()
    return _server


def boot():
    # Make the platform, load the configuration, bring back the last good
    # shader.
    import sys
    try:
        cfg = cfgmod.load(CONFIG_PATH)
    except ValueError as e:
        print(json.dumps({"ok": False, "error": "lumajit.json: %s; using defaults" % e}))
        cfg = cfgmod.load("/nonexistent-lumajit.json")
    if sys.platform == "linux":
        from .sim_platform import SimPlatform
        platform = SimPlatform()
    else:
        from .c3_platform import C3Platform
        platform = C3Platform(cfg["pin"])
    global _server
    _server = srv = Server(platform, cfg)     # one server, even if a Ctrl-C ends the boot later
    source = srv._saved()
    if source is not None:
        srv.load(source, save=False)
    return srv
