"""The board configuration file: defaults, merging, validation, saving."""

import json

import pytest

from device import config


def write(tmp_path, text):
    path = tmp_path / "lumajit.json"
    path.write_text(text)
    return str(path)


def test_missing_file_gives_the_defaults(tmp_path):
    cfg = config.load(str(tmp_path / "absent.json"))
    assert cfg == config.DEFAULTS
    # A copy: changing it leaves DEFAULTS alone.
    cfg["layout"]["width"] = 3
    assert config.DEFAULTS["layout"]["width"] == 16


def test_defaults_are_valid():
    config.validate(config.DEFAULTS)
    assert config.DEFAULTS == {
        "pin": 8,
        "layout": {"type": "matrix", "width": 16, "height": 16, "serpentine": False,
                   "origin": "bottom-left"},
        "order": "GRB", "brightness": 0.25, "gamma": 2.2, "fps": 30, "fuel": 1048576}


def test_default_path_is_the_current_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert config.PATH == "lumajit.json"
    assert config.load() == config.DEFAULTS
    config.save(config.set_value(config.load(), "fps", 60))
    assert json.loads((tmp_path / "lumajit.json").read_text())["fps"] == 60
    assert config.load()["fps"] == 60


def test_file_merges_over_defaults(tmp_path):
    path = write(tmp_path, '{"brightness": 0.5, "layout": {"width": 8, "serpentine": true}}')
    cfg = config.load(path)
    assert cfg["brightness"] == 0.5
    assert cfg["gamma"] == 2.2
    # Same layout type: only the settings named change.
    assert cfg["layout"] == {"type": "matrix", "width": 8, "height": 16, "serpentine": True,
                             "origin": "bottom-left"}


def test_file_with_another_layout_type_replaces_the_layout(tmp_path):
    path = write(tmp_path, '{"layout": {"type": "strip", "count": 60}, "order": "rgb"}')
    cfg = config.load(path)
    assert cfg["layout"] == {"type": "strip", "count": 60}
    assert cfg["order"] == "rgb"


def test_round_trip(tmp_path):
    path = str(tmp_path / "lumajit.json")
    cfg = config.set_value(config.DEFAULTS, "layout",
                           {"type": "points", "coords": [[0, 0], [1.5, 2.25]], "size": [4, 4]})
    cfg = config.set_value(cfg, "brightness", 0.3)
    cfg = config.set_value(cfg, "pin", 2)
    config.save(cfg, path)
    assert config.load(path) == cfg
    # Saving again replaces the file.
    config.save(config.set_value(cfg, "gamma", 1.8), path)
    assert config.load(path)["gamma"] == 1.8
    assert not (tmp_path / "lumajit.json.tmp").exists()


def test_save_refuses_an_invalid_config(tmp_path):
    path = tmp_path / "lumajit.json"
    bad = dict(config.DEFAULTS, fps=0)
    with pytest.raises(ValueError, match="^fps must be an integer from 1 to 240, not 0$"):
        config.save(bad, str(path))
    assert not path.exists()


def test_set_value():
    cfg = config.load("/nonexistent/lumajit.json")
    wider = config.set_value(cfg, "layout.width", 32)
    assert wider["layout"]["width"] == 32
    assert cfg["layout"]["width"] == 16          # the original is unchanged
    assert config.set_value(cfg, "brightness", 0.5)["brightness"] == 0.5
    assert config.set_value(cfg, "layout", {"height": 4})["layout"]["height"] == 4
    strip = config.set_value(cfg, "layout", {"type": "strip", "count": 10})
    assert strip["layout"] == {"type": "strip", "count": 10}
    # Changing the type alone drops the old type's settings.
    with pytest.raises(ValueError, match="^layout.count is missing: a strip layout needs count$"):
        config.set_value(cfg, "layout.type", "strip")
    assert config.set_value(strip, "layout.type", "strip") == strip


@pytest.mark.parametrize("key,value,message", [
    ("pin", 49, "pin must be an integer from 0 to 48, not 49"),
    ("pin", "8", "pin must be an integer from 0 to 48, not '8'"),
    ("brightness", -0.1, "brightness must be a number from 0 to 1, not -0.1"),
    ("brightness", True, "brightness must be a number from 0 to 1, not True"),
    ("gamma", 6, "gamma must be a number from 0.1 to 5, not 6"),
    ("fps", 30.0, "fps must be an integer from 1 to 240, not 30.0"),
    ("fps", 241, "fps must be an integer from 1 to 240, not 241"),
    ("fuel", 0, "fuel must be an integer from 1 to 1073741824, not 0"),
    ("order", "RGBW", "order must be one of RGB, RBG, GRB, GBR, BRG, BGR, not 'RGBW'"),
    ("layout.width", 0, "layout.width must be an integer from 1 to 1024, not 0"),
    ("layout.origin", "middle", "layout.origin must be one of bottom-left, top-left, "
                                "bottom-right, top-right, not 'middle'"),
    ("layout.colour", 1, "layout.colour is not a setting of a matrix layout "
                         "(settings: width, height, serpentine, origin)"),
    ("layout", 5, "layout must be an object"),
    ("brightnes", 1, "'brightnes' is not a setting (settings: pin, layout, order, "
                     "brightness, gamma, fps, fuel)"),
    ("pin.x", 1, "'pin.x' is not a setting"),
    ("layout.width.x", 1, "'layout.width.x' is not a setting"),
])
def test_set_value_errors(key, value, message):
    with pytest.raises(ValueError) as e:
        config.set_value(config.DEFAULTS, key, value)
    assert str(e.value).startswith(message)


def test_validate_needs_every_key():
    cfg = dict(config.DEFAULTS)
    del cfg["gamma"]
    with pytest.raises(ValueError, match="^gamma is missing$"):
        config.validate(cfg)
    with pytest.raises(ValueError, match="configuration must be a JSON object"):
        config.validate([])


@pytest.mark.parametrize("text,message", [
    ('{"brightness": 0.5,', "not valid JSON"),
    ("[1, 2]", "the configuration must be a JSON object, not [1, 2]"),
    ('{"gamma": 0}', "gamma must be a number from 0.1 to 5, not 0"),
    ('{"layout": {"type": "strip"}}', "layout.count is missing"),
    ('{"layout": {"type": "points", "coords": [[0, 0], [1]]}}',
     "layout.coords[1] must be [x, y] with numbers from -32768 to 32767, not [1]"),
    ('{"colour": "GRB"}', "'colour' is not a setting"),
])
def test_bad_files(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(ValueError) as e:
        config.load(path)
    # The message names the file, then the key and the reason.
    assert str(e.value).startswith(path + ": " + message)
