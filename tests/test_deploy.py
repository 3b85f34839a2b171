"""Deploying: the board build (mpy-cross -march=rv32imc), its layout, and the
copy-and-verify flow with the real mpremote against a virtual board that
starts empty, as a freshly flashed one does; a real ESP32-C3 with
LUMAJIT_PORT set."""

import os

import pytest

from host import deploy, message_table, mpy
from host.device_compile import micropython_exe
from host.sim.board import VirtualBoard

BOARD = os.environ.get("LUMAJIT_PORT")
# mpy header: 'M', version 6, then the features byte: architecture << 2 |
# sub-version, written when the module holds native code (viper here).
MPY_VERSION = 6
MPY_SUB_VERSION = 3
ARCH_RV32IMC = 11           # MP_NATIVE_ARCH_RV32IMC, as device/execmem.py checks


@pytest.fixture(scope="module")
def staging(tmp_path_factory):
    return deploy.install(str(tmp_path_factory.mktemp("rv32imc")), march="rv32imc")


def header(path):
    with open(path, "rb") as f:
        return f.read(4)


def test_the_board_build_holds_rv32imc_native_code(staging):
    h = header(os.path.join(staging, "device", "viper_ops.mpy"))
    assert h[:2] == b"M" + bytes([MPY_VERSION])
    assert h[2] == ARCH_RV32IMC << 2 | MPY_SUB_VERSION == 0x2F
    # Bytecode-only modules carry no architecture: they load on any port.
    assert header(os.path.join(staging, "device", "server.mpy"))[:3] == b"M\x06\x00"


def test_install_lays_out_the_package_and_main_py(staging):
    files = deploy.staged_files(staging)
    assert "device/__init__.mpy" in files and "device/jit/compiler.mpy" in files
    # No Python source goes to the board: the modules as .mpy, plus the data
    # files the package reads at run time and the build's message table.
    data = [os.path.relpath(p, mpy.REPO).replace(os.sep, "/") for p in mpy.data_files()]
    data.append(message_table.FILE.replace(os.sep, "/"))
    assert data and all(f in files for f in data)
    assert all(f.endswith(".mpy") for f in files if f not in data)
    assert len(files) - len(data) == sum(n.endswith(".py") for _, _, names in
                                         os.walk(os.path.join(mpy.REPO, "device"))
                                         for n in names)
    with open(os.path.join(staging, "main.py")) as f:
        assert f.read() == deploy.MAIN_PY


@pytest.fixture
def empty_board(tmp_path):
    # A board's filesystem with a stale module from an older lumajit and the
    # user's settings; no lumajit to import.
    os.makedirs(str(tmp_path / "device" / "old"))
    (tmp_path / "device" / "old" / "gone.py").write_text("x = 1\n")
    (tmp_path / "lumajit.json").write_text('{"brightness": 0.5}\n')
    board = VirtualBoard(str(tmp_path), micropython_exe()).start()
    yield board, tmp_path
    board.stop()


def test_deploy_copies_and_verifies_on_a_virtual_board(empty_board, staging, capfd):
    board, fs = empty_board
    # The virtual board runs the host's MicroPython, so it gets the host's arch.
    report = deploy.deploy(board.port, march=mpy.HOST_MARCH)
    assert report["version"] == deploy.local_version() == "0.1.0"
    on_board = sorted(os.path.relpath(os.path.join(r, n), str(fs)).replace(os.sep, "/")
                      for r, _, names in os.walk(str(fs / "device")) for n in names)
    assert on_board == deploy.staged_files(staging)       # the stale module is gone
    assert (fs / "main.py").read_text() == deploy.MAIN_PY
    assert (fs / "lumajit.json").read_text() == '{"brightness": 0.5}\n'
    assert "removed :device/old/gone.py" in capfd.readouterr().out

    # A package built for another architecture fails the import check.
    with open(os.path.join(staging, "device", "viper_ops.mpy"), "rb") as f:
        (fs / "device" / "viper_ops.mpy").write_bytes(f.read())
    with pytest.raises(deploy.DeployError, match="importing lumajit on the board failed: "
                                                 "ValueError: incompatible .mpy arch"):
        deploy.verify(board.port, mpy.HOST_MARCH)


def test_copying_to_a_missing_port_fails_clearly(staging):
    with pytest.raises(deploy.DeployError, match="^copying lumajit to /dev/lumajit-no-such-port "
                                                 "failed \\(mpremote exit status 1"):
        deploy.copy("/dev/lumajit-no-such-port", staging, deploy.staged_files(staging))


@pytest.mark.skipif(not BOARD, reason="no ESP32-C3 attached (set LUMAJIT_PORT)")
def test_deploy_to_a_real_esp32c3():
    assert deploy.deploy(BOARD)["problem"] is None
