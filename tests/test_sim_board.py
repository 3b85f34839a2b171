"""The board's everyday flow on the virtual board: lumajit installed as on a
chip, the device package running in the real MicroPython interpreter, its
native calls on the emulated C3 core, driven from the host with mpremote.

Checked: a shader loads and its LED frames equal what the host emulator
computes for the same layout, LUT and colour order; a bad shader answers
with its positioned error within a second while the running shader keeps
rendering; after a reset main.py brings the last good shader back."""

import signal
import subprocess
import sys
import time

from device import config
from device.jit.compiler import compile_shader
from host import scaling
from host.render import board_renderer
from sim_board_calls import board, call  # noqa: F401 (board: a fixture)

# Independent of time, so any frame can be compared.
SHADER = """
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    return vec4(uv.x, uv.y, 1.0 - uv.x * uv.y, 1.0);
}
"""
BAD = "vec4 main(vec2 f, vec2 s, float t) {\n    return vec4(f, missing, 1.0);\n}\n"




def expected_frame():
    cfg = config.load("/nonexistent/lumajit.json")       # the defaults, as on the board
    return board_renderer(compile_shader(SHADER), cfg).run(0.0)[0]


def wait_for_frames(board, n, timeout=5.0):
    start_count = len(board.bridge.frames)
    end = time.time() + timeout
    while len(board.bridge.frames) < start_count + n and time.time() < end:
        time.sleep(0.05)
    assert len(board.bridge.frames) >= start_count + n, "no frames from the board"
    return board.bridge.frames[-1]


def test_a_loaded_shader_renders_what_the_emulator_computes(board):
    out = call(board, "load(%r)" % SHADER)
    assert out["ok"] and out["running"] and out["code_bytes"] > 0
    assert wait_for_frames(board, 3) == expected_frame()
    stats = call(board, "stats()")
    assert stats["frames"] > 0 and stats["platform"] == "virtual"


def test_a_bad_shader_reports_its_error_and_the_old_one_keeps_rendering(board):
    call(board, "load(%r)" % SHADER)
    wait_for_frames(board, 2)
    started = time.time()
    out = call(board, "load(%r)" % BAD)
    assert time.time() - started < 1.0 + 1.0     # answer within a second (plus mpremote start-up)
    assert not out["ok"] and out["running"]
    assert (out["line"], out["col"]) == (2, 20)
    assert out["error"].startswith("shader.glsl:2:20: error: unknown identifier 'missing'")
    assert wait_for_frames(board, 3) == expected_frame()


def heap_in_use(board):
    run = subprocess.run([sys.executable, "-m", "mpremote", "connect", board.port, "resume",
                          "exec", "import gc; gc.collect(); print(gc.mem_alloc())"],
                         capture_output=True, text=True, timeout=30)
    assert run.returncode == 0, run.stdout + run.stderr
    return int(run.stdout.split()[-1])


def test_a_shader_too_big_for_the_heap_is_refused_and_the_old_one_keeps_rendering(board):
    # One function of 16 blocks needs more heap to compile than the virtual
    # board (a C3's free heap) has left: a clean refusal naming the stage,
    # the heap given back, the running shader untouched.
    # The attempt also interns the names of the compiler modules it imports
    # on the way, which MicroPython never frees (about 5 KB on this 64-bit
    # port); the modules themselves are dropped again (device/server.py).
    call(board, "load(%r)" % SHADER)
    wait_for_frames(board, 2)
    before = heap_in_use(board)
    out = call(board, "load(%r)" % scaling.length(16))
    assert not out["ok"] and out["running"], out
    assert "error: out of memory while compiling (" in out["error"], out
    assert wait_for_frames(board, 3) == expected_frame()
    assert heap_in_use(board) - before <= 8192
    assert call(board, "load(%r)" % SHADER)["ok"]


def test_after_a_reset_the_last_good_shader_comes_back(board):
    call(board, "load(%r)" % SHADER)
    call(board, "load(%r)" % BAD)                 # not kept: it did not compile
    board.reset()
    assert wait_for_frames(board, 3, timeout=10) == expected_frame()


def test_watch_resends_the_shader_on_every_save(board, tmp_path):
    shader = tmp_path / "live.glsl"
    shader.write_text(SHADER)
    watch = subprocess.Popen([sys.executable, "-m", "host", "watch", str(shader),
                              "--port", board.port], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        def shows(expected, timeout=10):
            # The board's newest frame becomes `expected` (the shader that
            # ran before the watch started may still show for a while).
            end = time.time() + timeout
            while time.time() < end:
                if board.bridge.frames and board.bridge.frames[-1] == expected:
                    return True
                time.sleep(0.2)
            return False

        def newest_frame():
            frames = len(board.bridge.frames)
            end = time.time() + 10
            while time.time() < end and len(board.bridge.frames) == frames:
                time.sleep(0.1)
            return board.bridge.frames[-1]

        assert shows(expected_frame())
        time.sleep(0.5)
        shader.write_text(BAD)                       # a half-typed edit
        time.sleep(1.0)
        assert newest_frame() == expected_frame()    # the good one keeps running
        shader.write_text(SHADER.replace("uv.x * uv.y", "0.0"))
        end = time.time() + 10
        while time.time() < end and board.bridge.frames[-1] == expected_frame():
            time.sleep(0.2)
        assert board.bridge.frames[-1] != expected_frame()
    finally:
        watch.send_signal(signal.SIGINT)           # Ctrl-C, as a user stops it
        out, err = watch.communicate(timeout=10)
    assert watch.returncode == 0
    assert "error: unknown identifier 'missing'" in err
    assert out.count("running on the board") >= 2
