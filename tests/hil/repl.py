"""MicroPython's raw REPL spoken through a pytest-embedded dut: the commands
go to the board's server (device/server.py), which answers in JSON."""

import json
import re

RESULT = re.compile(rb"OK([^\x04]*)\x04([^\x04]*)\x04>")


def raw_exec(dut, code, timeout=10):
    """Run code in the raw REPL; returns (stdout, stderr) as text."""
    dut.write("\r\x03\x03")
    dut.write("\r\x01")
    dut.expect("raw REPL; CTRL-B to exit", timeout=timeout)
    dut.write(code + "\x04")
    match = dut.expect(RESULT, timeout=timeout)
    out, err = match.group(1).decode(), match.group(2).decode()
    dut.write("\x02")
    return out, err


def call(dut, expression, timeout=10):
    out, err = raw_exec(dut, "from device.server import get\nget()." + expression, timeout)
    assert not err.strip(), err
    return json.loads(out.strip().splitlines()[-1])


def reset(dut, timeout=20):
    """Reset the board (machine.reset; the virtual board's interpreter simply
    exits, which its serial side treats as a reset) and wait until it is up."""
    dut.write("\r\x03\x03")
    dut.write("\r\x01")
    dut.expect("raw REPL; CTRL-B to exit", timeout=timeout)
    dut.write("try:\n import machine\n machine.reset()\nexcept (ImportError, AttributeError):\n"
              " import sys\n sys.exit()\n\x04")
    dut.expect("MicroPython", timeout=timeout)
