"""device/layout.py, color.py and config.py under the real MicroPython
interpreter (the unix port) give exactly what they give under CPython.

One script runs under both interpreters and prints its results as JSON;
the values (not the text: the two json modules print floats differently)
must be equal."""

import json
import subprocess
import sys

from host import device_compile
from host.golden import REPO

SCRIPT = r"""
import sys
sys.path.insert(0, "")
import json
from device import color, config, layout

out = {"layouts": [], "luts": [], "errors": []}
shapes = [layout.strip(7), layout.matrix(16, 16, True)]
for serpentine in (False, True):
    for origin in layout.ORIGINS:
        shapes.append(layout.matrix(4, 3, serpentine, origin))
shapes.append(layout.from_config({"type": "points", "coords": [
    [0, 0], [0.1, 12.345], [1 / 3, 2 / 3], [-7.77, 100.5], [32767, -32768], [1e-5, 3e-6]]}))
shapes.append(layout.points([[2, 3], [0.25, 0.75]], size=[10.5, 4]))
for s in shapes:
    out["layouts"].append([s.count, list(s.size), list(s.coords)])
for b, g in ((0.25, 2.2), (1, 1), (0.3, 2.8), (0.07, 0.45), (1.0, 5), (0.5, 0.1), (0.999, 1.7)):
    out["luts"].append(list(color.lut(b, g)))
out["orders"] = [color.order(n) for n in color.ORDERS]
cfg = config.load(sys.argv[1])
config.validate(cfg)
out["loaded"] = cfg
out["defaults"] = config.load(sys.argv[1] + ".absent")
out["set"] = config.set_value(cfg, "layout.width", 32)
for call in (lambda: layout.matrix(0, 2), lambda: layout.strip(5000),
             lambda: config.set_value(cfg, "fps", 0), lambda: color.order("RGBW"),
             lambda: config.set_value(cfg, "layout.type", "strip")):
    try:
        call()
        out["errors"].append(None)
    except ValueError as e:
        out["errors"].append(str(e))
print(json.dumps(out))
"""


def run(exe, script, cfg_path):
    done = subprocess.run([exe, script, cfg_path], cwd=REPO, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr + done.stdout
    return json.loads(done.stdout)


def test_same_results_under_micropython_and_cpython(tmp_path):
    script = tmp_path / "device_modules.py"
    script.write_text(SCRIPT)
    cfg_path = tmp_path / "lumajit.json"
    cfg_path.write_text(json.dumps({"brightness": 0.3, "gamma": 1.9, "order": "bgr",
                                    "layout": {"serpentine": True, "origin": "top-right"}}))
    on_cpython = run(sys.executable, str(script), str(cfg_path))
    on_micropython = run(device_compile.micropython_exe(), str(script), str(cfg_path))
    for key in on_cpython:
        assert on_micropython[key] == on_cpython[key], key
    assert set(on_micropython) == set(on_cpython)
    # The script did exercise the modules.
    assert on_cpython["loaded"]["layout"]["origin"] == "top-right"
    assert len(on_cpython["layouts"]) == 12 and len(on_cpython["luts"]) == 7
    assert all(isinstance(e, str) for e in on_cpython["errors"])
