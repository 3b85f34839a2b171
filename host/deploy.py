"""What goes on a board's filesystem: the device package as .mpy and main.py.

`install(directory)` writes them into a directory: the virtual board's
filesystem, or a staging area that `deploy(port)` copies to a real board
with mpremote (`make deploy PORT=...`), then checks by importing it there
and comparing versions."""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from host import mpy

MAIN_PY = """# lumajit: start the last good shader at power-on (see device/server.py).
import gc
import sys
try:
    from device import server
    srv = server.get()
except MemoryError:
    # Too small a heap for lumajit. What it loaded goes, so that the REPL
    # has room again, and one line says why (printed without allocating).
    server = None
    sys.modules.clear()
    gc.collect()
    print('{"ok": false, "error": "lumajit: error: out of memory while starting: a heap of',
          gc.mem_free() + gc.mem_alloc(), 'bytes is too small"}')
"""


def install(directory, march=mpy.HOST_MARCH):
    target = os.path.join(directory, "device")
    if os.path.isdir(target):
        shutil.rmtree(target)
    mpy.build(directory, march)
    with open(os.path.join(directory, "main.py"), "w") as f:
        f.write(MAIN_PY)
    return directory


# Copying to a board and checking it: `deploy(port)`, `python -m host deploy
# --port PORT` (or `python -m host.deploy`), `make deploy PORT=...`.

DEVICE_MARCH = "rv32imc"
READY = "lumajit-ready"
REPORT = "lumajit-deploy "

# Run on the board before copying: files under device/ that this build does
# not have would still import (a stale .py even shadows its .mpy), so they
# go; the package's directories are made. The board's settings and last
# good shader, outside device/, stay.
PREPARE = """import os
keep = %r
dirs = %r
def isdir(p):
    try:
        return os.stat(p)[0] & 0x4000
    except OSError:
        return None
def prune(d):
    for n in os.listdir(d):
        p = d + '/' + n
        if isdir(p):
            prune(p)
            if not os.listdir(p) and p not in dirs:
                os.rmdir(p)
        elif p not in keep:
            os.remove(p)
            print('removed :' + p)
if isdir('device'):
    prune('device')
for d in dirs:
    if not isdir(d):
        os.mkdir(d)
"""

# Run on the board after copying: the import is the test (a .mpy built for
# another architecture or .mpy version fails it), then the version and,
# for a C3 build, whether this firmware can run lumajit's native code.
VERIFY = """import json
from device import server, viper_ops, execmem
print(%r + json.dumps({'version': server.VERSION, 'problem': execmem.firmware_problem()}))
""" % REPORT


class DeployError(Exception):
    """A problem already worded for the user."""


def local_version():
    from device.server import VERSION
    return VERSION


def mpremote(port, *commands):
    return [sys.executable, "-m", "mpremote", "connect", port] + list(commands)


def last_line(text):
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    return lines[-1] if lines else "no output"


def staged_files(staging):
    """Paths of the staged device package, relative and with '/'."""
    found = []
    for root, _, names in os.walk(os.path.join(staging, "device")):
        for name in names:
            found.append(os.path.relpath(os.path.join(root, name), staging).replace(os.sep, "/"))
    return sorted(found)


def build(staging, march):
    try:
        install(staging, march)
    except (RuntimeError, subprocess.CalledProcessError) as e:
        raise DeployError("cannot build the device package for %s: %s" % (march, e))


def copy(port, staging, files):
    # One `fs cp FILES... :DIR/` per directory, into directories PREPARE
    # made: `cp -r` would copy into :device/device when :device exists.
    # mpremote writes to the terminal itself; files already on the board
    # with the same sha256 are skipped ("Up to date").
    by_dir = {}
    for path in files:
        by_dir.setdefault(path.rsplit("/", 1)[0], []).append(path)
    dirs = sorted(by_dir)
    commands = ["exec", PREPARE % (files, dirs)]
    for d in dirs:
        commands += ["+", "fs", "cp"] + by_dir[d] + [":%s/" % d]
    commands += ["+", "fs", "cp", "main.py", ":main.py"]
    r = subprocess.run(mpremote(port, *commands), cwd=staging)
    if r.returncode != 0:
        raise DeployError("copying lumajit to %s failed (mpremote exit status %d; its message "
                          "is above)" % (port, r.returncode))


def verify(port, march, timeout=60):
    """Import the deployed package on the board; its version must be ours."""
    try:
        r = subprocess.run(mpremote(port, "exec", VERIFY), stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, universal_newlines=True, errors="replace",
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        raise DeployError("the board on %s did not answer within %d s" % (port, timeout))
    line = next((l for l in r.stdout.splitlines() if l.startswith(REPORT)), None)
    if r.returncode != 0 or line is None:
        raise DeployError("importing lumajit on the board failed: %s" % last_line(r.stdout))
    report = json.loads(line[len(REPORT):])
    if report["version"] != local_version():
        raise DeployError("the board has lumajit %s after deploying %s"
                          % (report["version"], local_version()))
    if march == DEVICE_MARCH and report["problem"]:
        raise DeployError("deployed, but this board cannot run lumajit's native code: %s"
                          % report["problem"])
    return report


def wait_for_repl(port, timeout=30.0):
    """Wait for MicroPython's REPL on port: after flashing, the board resets,
    its USB port may come and go, and the first boot makes the filesystem."""
    print("lumajit: waiting for MicroPython on %s" % port, flush=True)
    deadline = time.monotonic() + timeout
    while True:
        try:
            r = subprocess.run(mpremote(port, "exec", "print(%r)" % READY),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               universal_newlines=True, errors="replace", timeout=10)
            if r.returncode == 0 and READY in r.stdout:
                return
            seen = last_line(r.stdout)
        except subprocess.TimeoutExpired:
            seen = "no answer"
        if time.monotonic() > deadline:
            raise DeployError("MicroPython did not answer on %s within %d s (%s); press the "
                              "board's RESET and run python -m host deploy --port %s"
                              % (port, timeout, seen, port))
        time.sleep(1.0)


def deploy(port, march=DEVICE_MARCH):
    """Build the device package for march, copy it and main.py to the board
    on port, and check the board imports it with our version."""
    staging = tempfile.mkdtemp(prefix="lumajit-deploy-")
    try:
        print("lumajit: building the device package (mpy-cross -march=%s)" % march, flush=True)
        build(staging, march)
        files = staged_files(staging)
        print("lumajit: copying %d files and main.py to %s" % (len(files), port), flush=True)
        copy(port, staging, files)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    report = verify(port, march)
    print("lumajit: the board on %s imports lumajit %s" % (port, report["version"]))
    return report


def parser():
    p = argparse.ArgumentParser(prog="python -m host deploy",
                                description="copy lumajit to a board running MicroPython")
    p.add_argument("--port", required=True, help="the board's serial port, e.g. /dev/ttyACM0")
    p.add_argument("--march", default=DEVICE_MARCH,
                   help="mpy-cross architecture (default %(default)s; the virtual board "
                        "runs the host's, e.g. x64)")
    return p


def run(argv=None):
    args = parser().parse_args(argv)
    try:
        deploy(args.port, args.march)
    except DeployError as e:
        print("lumajit: error: %s" % e, file=sys.stderr)
        return 2
    return 0


def main(args):
    """host/cli.py's entry, given a deploy subcommand with --port (and
    optionally --march)."""
    argv = ["--port", args.port] if getattr(args, "port", None) else []
    if getattr(args, "march", None):
        argv += ["--march", args.march]
    return run(argv)


if __name__ == "__main__":
    sys.exit(run())
