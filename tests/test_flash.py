"""Flashing: the firmware pin, the image checks, esptool's chip report, and
(with LUMAJIT_PORT set) flashing a real ESP32-C3. esptool and urllib run for
real throughout; only the board is missing here."""

import hashlib
import os
import pty
import re
import socket
import struct
import subprocess
import sys

import pytest

from host import firmware, flash

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BOARD = os.environ.get("LUMAJIT_PORT")
NO_BOARD = "no ESP32-C3 attached (set LUMAJIT_PORT)"


def esp_image(chip_id):
    """A minimal ESP image: common header (magic 0xE9, no segments, DIO,
    4MB/40m, entry), extended header with chip_id, checksum byte."""
    head = bytes([0xE9, 0, 2, 0x20]) + struct.pack("<I", 0x40380000)
    ext = struct.pack("<BBBBHBHH4sB", 0xEE, 0, 0, 0, chip_id, 0, 0, 0xFFFF, b"\0" * 4, 0)
    data = head + ext
    return data + b"\0" * (15 - len(data) % 16) + b"\xef"


@pytest.fixture
def c3_image(tmp_path):
    path = tmp_path / "c3.bin"
    path.write_bytes(esp_image(5))
    return str(path)


def sha(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def manifest_for(url, sha256=None):
    m = dict(firmware.load_manifest())
    m.update(url=url, file=url.rsplit("/", 1)[1], sha256=sha256, verified=sha256 is not None)
    return m


# --- the pin ---------------------------------------------------------------

def test_manifest_pins_micropython_1_28_for_the_c3():
    m = firmware.load_manifest()
    assert m["version"] == "v1.28.0" and m["board"] == "ESP32_GENERIC_C3"
    assert m["chip"] == "esp32c3" and firmware.offset(m) == 0
    assert re.match(r"^ESP32_GENERIC_C3-\d{8}-v1\.28\.0\.bin$", m["file"])
    assert m["url"] == "https://micropython.org/resources/firmware/" + m["file"]
    assert m["sha256"] is None or re.match(r"^[0-9a-f]{64}$", m["sha256"])
    assert m["verified"] == (m["sha256"] is not None)      # never trusted unchecked


def test_a_malformed_manifest_is_refused(tmp_path):
    bad = tmp_path / "manifest.json"
    bad.write_text('{"version": "v1.28.0"}')
    with pytest.raises(firmware.FirmwareError, match="lacks board, chip, file"):
        firmware.load_manifest(str(bad))


# --- the image and its checksum -------------------------------------------

def test_the_test_image_is_an_esp32c3_image_to_esptool(c3_image):
    # Our header reading agrees with esptool's own.
    r = subprocess.run([sys.executable, "-m", "esptool", "--chip", "esp32c3", "image-info",
                        c3_image], stdout=subprocess.PIPE, universal_newlines=True)
    assert r.returncode == 0 and "Chip ID: 5 (ESP32-C3)" in r.stdout
    firmware.check_image(c3_image, "esp32c3")


def test_download_verifies_the_pinned_checksum(tmp_path, c3_image):
    cache = str(tmp_path / "cache")
    m = manifest_for("file://" + c3_image, sha(c3_image))
    path = firmware.ensure(cache, manifest=m)
    assert path == os.path.join(cache, "c3.bin") and sha(path) == sha(c3_image)
    assert firmware.ensure(cache, manifest=m) == path           # cached: not fetched again


def test_a_wrong_checksum_is_refused_and_the_file_deleted(tmp_path, c3_image):
    cache = str(tmp_path / "cache")
    with pytest.raises(firmware.FirmwareError, match="does not match the expected 0{64}; deleted"):
        firmware.ensure(cache, manifest=manifest_for("file://" + c3_image, "0" * 64))
    assert os.listdir(cache) == []


def test_an_unpinned_image_needs_the_users_checksum(tmp_path, c3_image):
    cache = str(tmp_path / "cache")
    m = manifest_for("file://" + c3_image)
    with pytest.raises(firmware.FirmwareError) as e:
        firmware.ensure(cache, manifest=m)
    assert "pins no sha256" in str(e.value) and "--sha256 " + sha(c3_image) in str(e.value)
    assert firmware.ensure(cache, sha(c3_image).upper(), manifest=m).endswith("c3.bin")
    with pytest.raises(firmware.FirmwareError, match="does not match"):
        firmware.ensure(cache, "1" * 64, manifest=m)


def test_offline_download_says_what_to_do(tmp_path):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()                                   # nothing listens there now
    url = "http://127.0.0.1:%d/ESP32_GENERIC_C3-x.bin" % port
    with pytest.raises(firmware.FirmwareError) as e:
        firmware.ensure(str(tmp_path), manifest=manifest_for(url))
    message = str(e.value)
    assert message.startswith("cannot download %s: " % url) and "\n" not in message
    assert message.endswith("download it yourself and use --firmware FILE")
    assert os.listdir(str(tmp_path)) == []      # no partial file left behind


def test_local_firmware_must_be_an_esp32c3_image(tmp_path, c3_image):
    assert firmware.local(c3_image) == c3_image
    assert firmware.local(c3_image, sha(c3_image)) == c3_image
    with pytest.raises(firmware.FirmwareError, match="does not match"):
        firmware.local(c3_image, "2" * 64)
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    with pytest.raises(firmware.FirmwareError, match="not an ESP32 firmware image .*0x68"):
        firmware.local(str(text))
    s3 = tmp_path / "s3.bin"
    s3.write_bytes(esp_image(9))
    with pytest.raises(firmware.FirmwareError, match="for ESP32-S3, not ESP32-C3"):
        firmware.local(str(s3))
    with pytest.raises(firmware.FirmwareError, match="does not exist"):
        firmware.local(str(tmp_path / "missing.bin"))
    with pytest.raises(firmware.FirmwareError, match="64 hex digits"):
        firmware.local(c3_image, "abc")


def test_the_command_refuses_a_non_image_in_one_line(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    r = subprocess.run([sys.executable, "-m", "host.flash", "--port", "/dev/null",
                        "--firmware", str(text)], cwd=REPO, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, universal_newlines=True)
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr == "lumajit: error: %s is not an ESP32 firmware image (it starts with " \
                       "0x68, not 0xe9)\n" % text


def test_the_cli_entry_passes_its_options_on(tmp_path, capsys):
    # host/cli.py calls flash.main(args) with the options its subcommand has.
    import argparse
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    args = argparse.Namespace(port="/dev/null", firmware=str(text), sha256=None,
                              no_deploy=True, run=None)
    assert flash.main(args) == 2
    assert "is not an ESP32 firmware image" in capsys.readouterr().err


# --- esptool's report of the chip ------------------------------------------
# Transcripts of `esptool chip-id`: v5's lines are printed by esptool's
# __init__.py ("Connected to ...", "Chip type:") and cmds.py ("Detecting
# chip type..."), v4's by esptool.py v4; the S3 ones were captured from
# real boards (published by their users), the C3 ones follow the same code
# with esptool's ESP32-C3 names.

V5_S3 = """esptool v5.4.0
Serial port /dev/ttyACM0:
Connecting...
Detecting chip type... ESP32-S3
Connected to ESP32-S3 on /dev/ttyACM0:
Chip type:          ESP32-S3 (QFN56) (revision v0.2)
Features:           Wi-Fi, BT 5 (LE), Dual Core + LP Core, 240MHz, Embedded PSRAM 8MB (AP_3v3)
Crystal frequency:  40MHz
USB mode:           USB-Serial/JTAG
MAC:                ac:a7:04:2c:3b:04
"""
V4_S3 = """esptool.py v4.8.1
Serial port COM16
Connecting...
Detecting chip type... ESP32-S3
Chip is ESP32-S3 (QFN56) (revision v0.2)
Features: WiFi, BLE
Crystal is 40MHz
MAC: 24:58:7c:f4:8e:30
Uploading stub...
Running stub...
Stub running...
Hard resetting via RTS pin...
"""
V5_C3 = """esptool v5.6.0
Serial port /dev/ttyACM0:
Connecting...
Detecting chip type... ESP32-C3
Connected to ESP32-C3 on /dev/ttyACM0:
Chip type:          ESP8685 (QFN28) (revision v0.4)
Features:           Wi-Fi, BT 5 (LE), Single Core, 160MHz, Embedded Flash 4MB
Crystal frequency:  40MHz
USB mode:           USB-Serial/JTAG
MAC:                84:f7:03:00:00:01

Stub flasher running.

Warning: ESP32-C3 has no chip ID. Reading MAC address instead.
MAC:                84:f7:03:00:00:01

Hard resetting via RTS pin...
"""
V4_C3 = """esptool.py v4.7.0
Serial port /dev/ttyUSB0
Connecting....
Detecting chip type... ESP32-C3
Chip is ESP32-C3 (QFN32) (revision v0.4)
Features: WiFi, BLE
Crystal is 40MHz
MAC: 84:f7:03:00:00:01
"""
V4_ESP32 = """esptool.py v4.5.1
Serial port /dev/ttyUSB0
Connecting.....
Detecting chip type... Unsupported detection protocol, switching and trying again...
Connecting.....
Detecting chip type... ESP32
Chip is ESP32-D0WD-V3 (revision v3.1)
Features: WiFi, BT, Dual Core, 240MHz, VRef calibration in efuse, Coding Scheme None
"""
NO_CHIP = """esptool v5.6.0
Serial port /dev/pts/3:
Connecting.......
ERROR: A fatal error occurred: Failed to connect to Espressif device: No serial data received.
For troubleshooting steps visit: https://docs.espressif.com/projects/esptool/en/latest/troubleshooting.html
"""


@pytest.mark.parametrize("output, chip", [
    (V5_S3, "ESP32-S3"), (V4_S3, "ESP32-S3"), (V5_C3, "ESP32-C3"), (V4_C3, "ESP32-C3"),
    (V4_ESP32, "ESP32"), (NO_CHIP, None),
    ("Chip is ESP32-D0WD-V3 (revision v3.1)\n", "ESP32-D0WD-V3"),
    ("\x1b[1mConnected to ESP32-C6 on COM4:\x1b[0m\r\n", "ESP32-C6"),
])
def test_the_chip_is_read_from_esptools_output(output, chip):
    assert flash.detected_chip(output) == chip


def test_only_an_esp32c3_is_flashed():
    assert flash.check_chip(V5_C3, "/dev/ttyACM0") == "ESP32-C3"
    assert flash.check_chip(V4_C3, "/dev/ttyUSB0") == "ESP32-C3"
    with pytest.raises(flash.FlashError, match="^the board on /dev/ttyACM0 is an ESP32-S3, "
                                               "not an ESP32-C3"):
        flash.check_chip(V5_S3, "/dev/ttyACM0")
    with pytest.raises(flash.FlashError, match="found no ESP chip on /dev/pts/3: Failed to "
                                               "connect to Espressif device: No serial data"):
        flash.check_chip(NO_CHIP, "/dev/pts/3")


def test_esptool_command_names_follow_the_installed_version():
    from importlib import metadata
    major = int(metadata.version("esptool").split(".")[0])
    assert flash.esptool_command("chip-id") == ("chip-id" if major >= 5 else "chip_id")
    r = subprocess.run([sys.executable, "-m", "esptool", flash.esptool_command("chip-id"),
                        "--help"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert r.returncode == 0, r.stdout


def test_a_port_without_a_bootloader_is_refused_clearly(tmp_path, c3_image, capsys):
    # Real esptool on a pty nobody answers: what a board that is not in its
    # bootloader (or not a board) looks like.
    master, slave = pty.openpty()
    try:
        port = os.ttyname(slave)
        status = flash.run(["--port", port, "--firmware", c3_image, "--connect-attempts", "1",
                            "--no-deploy"])
    finally:
        os.close(master)
        os.close(slave)
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("lumajit: error: esptool found no ESP chip on %s: Failed to connect"
                          % port)
    assert err.count("\n") == 1 and "Traceback" not in err


# --- a real board ------------------------------------------------------------

@pytest.mark.skipif(not BOARD, reason=NO_BOARD)
def test_flash_and_deploy_a_real_esp32c3():
    # LUMAJIT_FIRMWARE / LUMAJIT_SHA256: a local image, the checksum you checked.
    argv = ["--port", BOARD]
    if os.environ.get("LUMAJIT_FIRMWARE"):
        argv += ["--firmware", os.environ["LUMAJIT_FIRMWARE"]]
    if os.environ.get("LUMAJIT_SHA256"):
        argv += ["--sha256", os.environ["LUMAJIT_SHA256"]]
    assert flash.run(argv) == 0

