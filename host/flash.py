"""`python -m host flash --port PORT`: put pinned stock MicroPython on an
ESP32-C3, then deploy lumajit to it.

    --firmware FILE   a local image instead of the manifest's (firmware/manifest.json)
    --sha256 HEX      the image's checksum, checked by you (needed while the
                      manifest pins none)
    --no-deploy       flash MicroPython only

Steps: the image (downloaded once into ~/.cache/lumajit/firmware and
checked, host/firmware.py); esptool identifies the chip and anything but an
ESP32-C3 is refused by name; erase, write at the manifest's offset with
esptool's own progress output; wait for MicroPython's REPL; deploy
(host/deploy.py). esptool runs as its documented command line
(`python -m esptool`), whose command names are chip-id, erase-flash and
write-flash from v5 on and chip_id, erase_flash, write_flash before."""

import argparse
import os
import re
import subprocess
import sys
from importlib import metadata

from host import deploy, firmware

EXIT_FAILED = 2
WANTED_CHIP = "ESP32-C3"
DEFAULT_BAUD = 460800
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# Where esptool names the chip it found, most reliable first. The name is
# esptool's CHIP_NAME ("ESP32-C3"); the descriptions after "Chip type:" (v5)
# and "Chip is" (v4) start with the package instead ("ESP8685 (QFN28)" is a
# C3), so they only count when nothing better was printed.
CHIP_LINES = (
    re.compile(r"^Connected to (ESP[\w-]+) on ", re.M),              # v5
    re.compile(r"^Detecting chip type\.\.\.\s*(ESP[\w-]+)", re.M),    # v4 and v5
    re.compile(r"^Chip type:\s+(ESP[\w-]+)", re.M),                   # v5
    re.compile(r"^Chip is (ESP[\w-]+)", re.M),                        # v4
)


class FlashError(Exception):
    """A problem already worded for the user."""


def esptool_major():
    try:
        return int(metadata.version("esptool").split(".")[0])
    except metadata.PackageNotFoundError:
        raise FlashError("esptool is not installed: run `make test` or pip install esptool")


def esptool_command(name):
    """`chip-id` for esptool v5 and later, `chip_id` before."""
    return name if esptool_major() >= 5 else name.replace("-", "_")


def esptool_argv(port, command, *args, chip="auto", baud=None, connect_attempts=None):
    argv = [sys.executable, "-m", "esptool", "--chip", chip, "--port", port]
    if baud:
        argv += ["--baud", str(baud)]
    if connect_attempts:
        argv += ["--connect-attempts", str(connect_attempts)]
    return argv + [esptool_command(command)] + list(args)


def detected_chip(output):
    """The chip esptool reports in its output ("ESP32-C3"), or None."""
    text = ANSI.sub("", output).replace("\r", "\n")
    for pattern in CHIP_LINES:
        m = pattern.search(text)
        if m:
            return m.group(1)
    return None


def chip_description(output):
    text = ANSI.sub("", output)
    m = re.search(r"^(?:Chip type:\s+|Chip is )(.+?)\s*$", text, re.M)
    return m.group(1) if m else None


def esptool_error(output):
    """esptool's fatal error, one line, or its last line."""
    text = ANSI.sub("", output)
    m = re.search(r"A fatal error occurred: (.+)", text)
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    found = m.group(1) if m else lines[-1] if lines else "no output"
    return found.strip().rstrip(".")


def check_chip(output, port):
    """The detected chip's name if it is an ESP32-C3; otherwise a FlashError
    naming what was found."""
    chip = detected_chip(output)
    if chip is None:
        raise FlashError("esptool found no ESP chip on %s: %s. Is it the board's port? If "
                         "it is, hold BOOT while pressing RESET (or while plugging it in) "
                         "and try again" % (port, esptool_error(output)))
    if chip != WANTED_CHIP:
        raise FlashError("the board on %s is an %s, not an ESP32-C3: lumajit generates "
                         "RV32IMC code for the C3 only, so it will not flash it" % (port, chip))
    return chip


def detect_chip(port, connect_attempts=None):
    r = subprocess.run(esptool_argv(port, "chip-id", connect_attempts=connect_attempts),
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True, errors="replace")
    chip = check_chip(r.stdout, port)
    if r.returncode != 0:
        raise FlashError("esptool found an %s on %s but failed: %s"
                         % (chip, port, esptool_error(r.stdout)))
    return chip_description(r.stdout) or chip


def run_esptool(argv, what):
    # esptool writes to the terminal itself, so its progress shows as it goes.
    r = subprocess.run(argv)
    if r.returncode != 0:
        raise FlashError("%s failed (esptool exit status %d; its message is above)"
                         % (what, r.returncode))


def flash(port, image, manifest, baud=DEFAULT_BAUD, connect_attempts=None):
    print("lumajit: looking for the board on %s" % port, flush=True)
    print("lumajit: found %s" % detect_chip(port, connect_attempts), flush=True)
    chip = manifest["chip"]
    run_esptool(esptool_argv(port, "erase-flash", chip=chip,
                             connect_attempts=connect_attempts), "erasing the flash")
    at = firmware.offset(manifest)
    print("lumajit: writing %s at 0x%x" % (image, at), flush=True)
    run_esptool(esptool_argv(port, "write-flash", "0x%x" % at, image, chip=chip, baud=baud,
                             connect_attempts=connect_attempts), "writing the firmware")


def parser():
    p = argparse.ArgumentParser(prog="python -m host flash",
                                description="flash pinned MicroPython and lumajit to an ESP32-C3")
    p.add_argument("--port", required=True, help="the board's serial port, e.g. /dev/ttyACM0")
    p.add_argument("--firmware", metavar="FILE", help="a local MicroPython image for the C3")
    p.add_argument("--sha256", metavar="HEX", help="the image's sha256, as you checked it")
    p.add_argument("--no-deploy", action="store_true", help="flash MicroPython only")
    p.add_argument("--baud", type=int, default=DEFAULT_BAUD,
                   help="baud rate for writing (default %d)" % DEFAULT_BAUD)
    p.add_argument("--connect-attempts", type=int, metavar="N",
                   help="esptool's attempts to reach the bootloader (its default: 7)")
    p.add_argument("--cache", default=firmware.DEFAULT_CACHE,
                   help="where downloaded images are kept (default %(default)s)")
    return p


def run(argv=None):
    args = parser().parse_args(argv)
    try:
        manifest = firmware.load_manifest()
        if args.firmware:
            image = firmware.local(args.firmware, args.sha256, manifest["chip"])
        else:
            image = firmware.ensure(args.cache, args.sha256, manifest)
        flash(args.port, image, manifest, args.baud, args.connect_attempts)
        if args.no_deploy:
            print("lumajit: flashed %s; deploy lumajit with python -m host deploy --port %s"
                  % (os.path.basename(image), args.port))
            return 0
        deploy.wait_for_repl(args.port)
        deploy.deploy(args.port)
    except (firmware.FirmwareError, FlashError, deploy.DeployError) as e:
        print("lumajit: error: %s" % e, file=sys.stderr)
        return EXIT_FAILED
    return 0


def main(args):
    """host/cli.py's entry: whichever of this command's options the CLI's
    flash subcommand declares (at least --port) are passed on."""
    argv = []
    for name in ("port", "firmware", "sha256", "baud", "connect_attempts", "cache"):
        value = getattr(args, name, None)
        if value is not None:
            argv += ["--" + name.replace("_", "-"), str(value)]
    if getattr(args, "no_deploy", False):
        argv.append("--no-deploy")
    return run(argv)


if __name__ == "__main__":
    sys.exit(run())
