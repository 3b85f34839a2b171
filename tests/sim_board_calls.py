"""The virtual board with lumajit installed, for tests that drive it as a
user does (test_sim_board.py, test_fuel.py): a module-scoped fixture and a
call through mpremote, as `python -m host` makes it."""

import json
import subprocess
import sys

import pytest

from host.sim.cli import start


@pytest.fixture(scope="module")
def board(tmp_path_factory):
    b = start(str(tmp_path_factory.mktemp("board")))
    yield b
    b.stop()
    b.bridge.stop()


def call(board, expression, timeout=60):
    """Run `get().<expression>` on the board's server; its JSON reply."""
    run = subprocess.run([sys.executable, "-m", "mpremote", "connect", board.port, "resume",
                          "exec", "from device.server import get; get()." + expression],
                         capture_output=True, text=True, timeout=timeout)
    assert run.returncode == 0, run.stdout + run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])
