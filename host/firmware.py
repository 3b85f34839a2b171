"""The MicroPython image a board is flashed with: pinned in
firmware/manifest.json, downloaded once into a cache, checked before use.

    ensure(cache_dir, sha256=None)  the manifest's image, downloaded if not cached
    local(path, sha256=None)        an image the user has (--firmware FILE)

An image is used only when its sha256 is known: pinned in the manifest, or
given by the user (--sha256 HEX) who checked it. A mismatch deletes the
cached file. Every failure is a FirmwareError worded for the user in one
line."""

import hashlib
import json
import os
import re
import shutil
import struct
import urllib.error
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MANIFEST = os.path.join(REPO, "firmware", "manifest.json")
DEFAULT_CACHE = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"),
                             "lumajit", "firmware")
FIELDS = ("version", "board", "chip", "file", "url", "offset", "sha256", "verified")
SHA256 = re.compile(r"^[0-9a-f]{64}$")

# An ESP32-family image (what esptool writes; for the C3 the MicroPython
# .bin starts with the bootloader's image) begins with the common header:
# magic 0xE9, segment count, flash mode, flash size/frequency, entry point;
# then the extended header, whose chip id (u16, little-endian) is at byte 12.
IMAGE_MAGIC = 0xE9
CHIP_ID_OFFSET = 12
DOWNLOAD_TIMEOUT = 60


class FirmwareError(Exception):
    """A problem with the firmware image, worded for the user."""


def load_manifest(path=MANIFEST):
    try:
        with open(path) as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        raise FirmwareError("cannot read the firmware manifest %s: %s" % (path, e))
    missing = [k for k in FIELDS if k not in manifest]
    if missing:
        raise FirmwareError("the firmware manifest %s lacks %s" % (path, ", ".join(missing)))
    if manifest["sha256"] is not None and not SHA256.match(manifest["sha256"]):
        raise FirmwareError("the firmware manifest's sha256 is not 64 lowercase hex digits")
    if manifest["verified"] and manifest["sha256"] is None:
        raise FirmwareError("the firmware manifest says verified but pins no sha256")
    offset(manifest)
    return manifest


def offset(manifest):
    """The flash address the image is written at, as an int."""
    try:
        return int(str(manifest["offset"]), 0)
    except ValueError:
        raise FirmwareError("the firmware manifest's offset %r is not a number"
                            % manifest["offset"])


def checked_sha256(text):
    """A user's --sha256, normalised; None stays None."""
    if text is None:
        return None
    value = text.strip().lower()
    if not SHA256.match(value):
        raise FirmwareError("--sha256 wants 64 hex digits, not %r" % text)
    return value


def sha256_of(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


def chip_names():
    """esptool's image chip ids, to name the chip an image is for."""
    from esptool.targets import CHIP_DEFS
    return {cls.IMAGE_CHIP_ID: (name, cls.CHIP_NAME) for name, cls in CHIP_DEFS.items()}


def check_image(path, chip):
    """Refuse a file that is not an ESP image for `chip` (e.g. "esp32c3")."""
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError as e:
        raise FirmwareError("cannot read %s: %s" % (path, e.strerror or e))
    if not head or head[0] != IMAGE_MAGIC:
        raise FirmwareError("%s is not an ESP32 firmware image (it starts with %s, not 0xe9)"
                            % (path, "0x%02x" % head[0] if head else "nothing"))
    if len(head) < CHIP_ID_OFFSET + 2:
        raise FirmwareError("%s is too short to be an ESP32 firmware image" % path)
    image_chip = struct.unpack_from("<H", head, CHIP_ID_OFFSET)[0]
    names = chip_names()
    if names.get(image_chip, (None,))[0] != chip:
        wanted = next((n for c, n in names.values() if c == chip), chip)
        found = names.get(image_chip, (None, "an unknown chip (id %d)" % image_chip))[1]
        raise FirmwareError("%s is a firmware image for %s, not %s" % (path, found, wanted))


def verify(path, expected, delete_on_mismatch):
    actual = sha256_of(path)
    if actual != expected:
        if delete_on_mismatch:
            os.unlink(path)
        raise FirmwareError("%s: sha256 %s does not match the expected %s%s"
                            % (path, actual, expected,
                               "; deleted it" if delete_on_mismatch else ""))


def local(path, sha256=None, chip="esp32c3"):
    """An image the user supplies: it must exist and be an image for `chip`;
    checked against `sha256` when one is given."""
    expected = checked_sha256(sha256)
    if not os.path.isfile(path):
        raise FirmwareError("firmware file %s does not exist" % path)
    check_image(path, chip)
    if expected:
        verify(path, expected, delete_on_mismatch=False)
    return path


def download(url, target):
    """url into target, through a partial file so a broken download never
    looks cached."""
    part = target + ".part"
    try:
        with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT) as response, \
                open(part, "wb") as out:
            shutil.copyfileobj(response, out)
    except (urllib.error.URLError, OSError, ValueError) as e:
        if os.path.exists(part):
            os.unlink(part)
        reason = getattr(e, "reason", None) or e
        raise FirmwareError("cannot download %s: %s; download it yourself and use "
                            "--firmware FILE" % (url, reason))
    os.replace(part, target)


def ensure(cache_dir=DEFAULT_CACHE, sha256=None, manifest=None):
    """The manifest's image in cache_dir (downloaded once), checked against
    the pinned sha256 or the user's; returns its path."""
    manifest = manifest or load_manifest()
    user = checked_sha256(sha256)
    pinned = manifest["sha256"]
    if user and pinned and user != pinned:
        raise FirmwareError("--sha256 %s disagrees with the sha256 pinned in the firmware "
                            "manifest (%s)" % (user, pinned))
    try:
        os.makedirs(cache_dir, exist_ok=True)
    except OSError as e:
        raise FirmwareError("cannot create the firmware cache %s: %s" % (cache_dir, e.strerror))
    path = os.path.join(cache_dir, manifest["file"])
    if not os.path.isfile(path):
        print("downloading %s" % manifest["url"], flush=True)
        download(manifest["url"], path)
    expected = user or pinned
    if expected is None:
        actual = sha256_of(path)
        reported = manifest.get("reported_sha256") or {}
        hint = ""
        if reported.get("value"):
            hint = " (it %s the unverified value published in %s)" % (
                "matches" if actual == reported["value"] else "differs from",
                reported["source"].split(",")[0])
        raise FirmwareError("the firmware manifest pins no sha256 for %s yet; the downloaded "
                            "file %s has sha256 %s%s: if you have checked that it is the "
                            "release's, pass --sha256 %s" % (manifest["file"], path, actual, hint,
                                                             actual))
    verify(path, expected, delete_on_mismatch=True)
    check_image(path, manifest["chip"])
    return path
