# The board's configuration: a JSON file on the board's flash root, merged
# over DEFAULTS so a board with no file (or a file naming a few keys) works.
# Every way in (load, set_value) validates, so the renderer can trust a
# config it is handed.

import json
import os

from . import color, layout
from .jit.frame import FUEL_PER_FRAME

PATH = "lumajit.json"

DEFAULTS = {
    "pin": 8,
    "layout": {"type": "matrix", "width": 16, "height": 16, "serpentine": False,
               "origin": "bottom-left"},
    "order": "GRB",
    "brightness": 0.25,
    "gamma": 2.2,
    "fps": 30,
    "fuel": FUEL_PER_FRAME,   # per frame, spent by loops (device/jit/frame.py)
}
# The keys in a fixed order for messages (MicroPython's dicts are unordered).
_KEYS = ("pin", "layout", "order", "brightness", "gamma", "fps", "fuel")


def _copy(cfg):
    # Shallow below "layout": nothing here mutates a value in place, so a
    # long coordinate list is shared rather than copied.
    cfg = dict(cfg)
    if isinstance(cfg.get("layout"), dict):
        cfg["layout"] = dict(cfg["layout"])
    return cfg


def _merge_layout(current, given):
    # A layout naming another type replaces the current one (a strip has no
    # width); otherwise its settings change those of the current layout.
    if not isinstance(given, dict) or not isinstance(current, dict):
        return given
    if "type" in given and given["type"] != current.get("type"):
        return dict(given)
    merged = dict(current)
    merged.update(given)
    return merged


def validate(cfg):
    """Raise ValueError, naming the key and the reason, unless cfg is a
    complete, valid configuration."""
    if not isinstance(cfg, dict):
        raise ValueError("the configuration must be a JSON object, not %r" % (cfg,))
    for key in cfg:
        if key not in DEFAULTS:
            raise ValueError("%r is not a setting (settings: %s)" % (key, ", ".join(_KEYS)))
    for key in _KEYS:
        if key not in cfg:
            raise ValueError("%s is missing" % key)
    # 0..48 covers the GPIO numbers of every ESP32 variant (the C3 has 0..21).
    layout.check_int("pin", cfg["pin"], 0, 48)
    layout.check_number("brightness", cfg["brightness"], 0, 1)
    layout.check_number("gamma", cfg["gamma"], 0.1, 5)
    layout.check_int("fps", cfg["fps"], 1, 240)
    layout.check_int("fuel", cfg["fuel"], 1, 1 << 30)
    color.order(cfg["order"])
    layout.check_config(cfg["layout"])


def load(path=PATH):
    """DEFAULTS merged with the JSON file at path (DEFAULTS if there is no
    file); ValueError, prefixed with path, if the file is not valid."""
    cfg = _copy(DEFAULTS)
    try:
        f = open(path)
    except OSError:
        # No os.path on the chip: a missing file shows up here.
        return cfg
    try:
        text = f.read()
    finally:
        f.close()
    try:
        given = json.loads(text)
    except ValueError as e:
        raise ValueError("%s: not valid JSON (%s)" % (path, e))
    if not isinstance(given, dict):
        raise ValueError("%s: the configuration must be a JSON object, not %r" % (path, given))
    for key in given:
        cfg[key] = _merge_layout(cfg["layout"], given[key]) if key == "layout" else given[key]
    try:
        validate(cfg)
    except ValueError as e:
        raise ValueError("%s: %s" % (path, e))
    return cfg


def save(cfg, path=PATH):
    """Validate cfg and write it to path as JSON."""
    validate(cfg)
    # Written beside the file and renamed over it, so a power cut while
    # writing leaves the old configuration, not half a file. rename
    # replaces an existing file on littlefs, on FAT (MicroPython removes
    # it first) and on POSIX.
    tmp = path + ".tmp"
    f = open(tmp, "w")
    try:
        f.write(json.dumps(cfg))
    finally:
        f.close()
    os.rename(tmp, path)


def set_value(cfg, key, value):
    """A validated copy of cfg with the setting at the dotted key set, e.g.
    set_value(cfg, "layout.width", 32); cfg itself is left unchanged."""
    new = _copy(cfg)
    parts = key.split(".")
    if len(parts) == 1:
        new[key] = _merge_layout(new.get("layout"), value) if key == "layout" else value
    elif len(parts) == 2 and parts[0] == "layout" and isinstance(new.get("layout"), dict):
        if parts[1] == "type" and value != new["layout"].get("type"):
            # The other settings belonged to the old type.
            new["layout"] = {"type": value}
        else:
            new["layout"][parts[1]] = value
    else:
        raise ValueError("%r is not a setting" % (key,))
    validate(new)
    return new
