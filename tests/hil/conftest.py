"""Hardware-in-the-loop tests: a real board with --port (and --flash to flash
it first, issue 3's flash step), otherwise a virtual board started here.
pytest-embedded's serial service talks to either through its `dut`."""

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
            pytest.fail("--flash: flashing a real board is not implemented yet (issue 3)")
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
