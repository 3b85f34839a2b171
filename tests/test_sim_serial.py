"""The virtual board's serial side (host/sim/board.py) speaks to MicroPython's
own client, mpremote, unchanged: exec and eval over the raw REPL, raw-paste
for long input, a soft reboot between connections that really resets the
interpreter, and main.py run at power-on."""

import os
import subprocess
import sys

import pytest

from host.device_compile import micropython_exe
from host.sim.board import VirtualBoard


@pytest.fixture
def board(tmp_path):
    (tmp_path / "main.py").write_text("booted = 'yes'\n")
    b = VirtualBoard(str(tmp_path), micropython_exe()).start()
    yield b
    b.stop()


def mpremote(board, *args):
    run = subprocess.run([sys.executable, "-m", "mpremote", "connect", board.port] + list(args),
                         capture_output=True, text=True, timeout=30)
    assert run.returncode == 0, run.stdout + run.stderr
    return run.stdout


def test_mpremote_exec_and_eval(board):
    assert mpremote(board, "exec", "print(1 + 1)") == "2\n"
    assert mpremote(board, "eval", "6 * 7") == "42\n"


def test_each_connection_starts_from_a_soft_reboot(board):
    mpremote(board, "exec", "x = 5")
    out = mpremote(board, "exec", "print('x' in globals())")
    assert out == "False\n"


def test_resume_keeps_the_state_without_rebooting(board):
    assert mpremote(board, "exec", "y = 3", "resume", "exec", "print(y * 2)") == "6\n"


def test_a_long_script_goes_through_raw_paste(board, tmp_path):
    # As a shader travels: its source as one long string literal (> 12 KB).
    source = "// a shader line that is long enough to matter\n" * 300
    script = tmp_path / "long.py"
    script.write_text('source = "%s"\nprint(len(source))\n' % source.replace("\n", "\\n"))
    assert os.path.getsize(script) > 12000
    assert mpremote(board, "run", str(script)) == "%d\n" % len(source)


def test_the_board_runs_main_py_at_power_on(board):
    # mpremote's soft reboot happens in raw mode, which skips main.py (as a
    # board does), so check the process started by power-on through resume.
    assert mpremote(board, "resume", "exec", "print(booted)") == "yes\n"
