"""Hardware-in-the-loop tests: a real board with --port (and --flash to flash
it first, issue 3's flash step), otherwise a virtual board started here.
pytest-embedded's serial service talks to either through its `dut`."""

import os

import pytest

from host.sim.cli import start


def pytest_addoption(parser):
    parser.addoption("--flash", action="store_true",
                     help="flash MicroPython and deploy lumajit before the HIL tests")


@pytest.fixture(scope="session")
def board_port(request, tmp_path_factory):
    port = request.config.getoption("port")
    if port:
        if request.config.getoption("flash"):
            from host import flash
            # Needs the firmware's sha256 pinned in firmware/manifest.json or
            # given in LUMAJIT_SHA256 (see firmware/README.md).
            argv = ["--port", port]
            if os.environ.get("LUMAJIT_SHA256"):
                argv += ["--sha256", os.environ["LUMAJIT_SHA256"]]
            assert flash.run(argv) == 0, "flashing the board on %s failed" % port
        yield port
        return
    board = start(str(tmp_path_factory.mktemp("virtual-board")))
    yield board.port
    board.stop()
    board.bridge.stop()


@pytest.fixture
def port(board_port):
    # pytest-embedded's own fixture, pointed at the board of this session.
    return board_port


@pytest.fixture
def embedded_services():
    return "serial"
