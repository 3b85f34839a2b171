"""device/execmem.py and device/viper_ops.py under the real MicroPython
interpreter (the unix port). The chip itself is not here, so what can be
checked is checked: retargeting a viper stub's code pointer (word 3 of the
function object) to another viper function's code and calling it, as the
board's own start-up self-check does, which catches a change of the
function object's layout in the interpreter used;
the word copy into an arena; and the firmware check's answers."""

import json
import subprocess

from host import device_compile
from host.golden import REPO

SCRIPT = r"""
import sys, json, micropython
sys.path.insert(0, "")
from device import execmem, viper_ops

out = {}
stub = viper_ops.new_stub()
out["before"] = stub(14)
code = execmem.code_address(viper_ops.probe)
execmem.retarget(stub, code)
out["after"] = stub(14)
out["same_code"] = execmem.code_address(stub) == code
out["fresh_stub_untouched"] = viper_ops.new_stub()(14)
execmem.check_retarget()
out["self_check"] = "passed"

arena = bytearray(16)
source = bytearray(b"0123456789abcdef")
viper_ops.copy_words(viper_ops.address_of(arena) + 4, viper_ops.address_of(source), 2)
out["copied"] = str(bytes(arena), "ascii", "replace")

class Impl:
    def __init__(self, name, version, mpy):
        self.name, self.version, self._mpy = name, version, mpy
out["unix"] = execmem.firmware_problem()
out["old"] = execmem.firmware_problem(Impl("micropython", (1, 23, 0), 0x2F06))
out["c3"] = execmem.firmware_problem(Impl("micropython", (1, 28, 0), 0x2F06))
print("RESULT " + json.dumps(out))
"""


def run():
    result = subprocess.run([device_compile.micropython_exe(), "-c", SCRIPT], cwd=REPO,
                            capture_output=True, text=True, timeout=60)
    for line in result.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise AssertionError(result.stdout + result.stderr)


def test_a_retargeted_viper_stub_runs_the_other_functions_code():
    out = run()
    assert out["before"] is None
    assert out["after"] == 14 * 3 + 1
    assert out["same_code"]
    assert out["fresh_stub_untouched"] is None
    assert out["self_check"] == "passed"


def test_code_is_copied_word_by_word_through_data_addresses():
    assert run()["copied"] == "\x00" * 4 + "01234567" + "\x00" * 4


def test_the_firmware_check_refuses_clearly():
    out = run()
    assert "architecture 2, not RV32IMC" in out["unix"]
    assert "1.23.0 has no RV32 native emitter" in out["old"]
    assert out["c3"] is None
