"""device/jit/lpfx.py and lpfx.glsl: LightPlayer's lpfx_* library, GLSL
text in a data file that the module reads on demand.

Mesa compiles GLSL, so the library put before a shader and rendered by
host/mesa.py is the float32 meaning of our algorithms. Three groups:
  * the reader (referenced, needed, texts, library_source, entries), the
    same under MicroPython from the .mpy build, and what it costs there in
    heap; the file's format; static checks of the text (dependency lists,
    names, literals Q16.16 can hold);
  * the whole file, and every entry alone with its dependencies, compiles
    under Mesa, each overload called once;
  * what the functions compute: documented value ranges over a grid,
    tiling periods, seeds, psrdnoise's analytic gradient against finite
    differences, and the uint hash bit for bit against a Python model.
The Mesa tests (marked `mesa` by tests/conftest.py) run in `make golden`,
which installs moderngl and EGL; `make test` leaves them out. Run directly
without Mesa, they skip and say why.
"""

import math
import os
import re

import pytest

from device.jit import lpfx

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GLSL = os.path.join(REPO, "device", "jit", "lpfx.glsl")
# name -> (text, names it calls), as the reader gives them, read once.
ENTRIES = lpfx.entries()
RAINBOW = os.path.join(REPO, "..", "shared", "bench", "lp2025-rainbow.glsl")

# One call per overload of every entry, each a float expression. Names in
# scope: p (vec2), q (vec3), g2, g3, owner, time.
CALLS = {
    "lpfx_saturate": ["lpfx_saturate(p.x)", "lpfx_saturate(p).y", "lpfx_saturate(q).z",
                      "lpfx_saturate(vec4(q, 2.0)).w"],
    "lpfx_hue2rgb": ["lpfx_hue2rgb(fract(p.x)).g"],
    "lpfx_hsv2rgb": ["lpfx_hsv2rgb(vec3(fract(p.x), 0.5, 0.9)).r",
                     "lpfx_hsv2rgb(vec4(fract(p.y), 0.5, 0.9, 1.0)).b"],
    "lpfx_rgb2hsv": ["lpfx_rgb2hsv(fract(q)).x", "lpfx_rgb2hsv(vec4(fract(q), 1.0)).y"],
    "lpfx_hash": ["float(lpfx_hash(uint(int(p.x + 100.0)), 3u) >> 24)",
                  "float(lpfx_hash(uvec2(1u, uint(int(p.y + 100.0))), 3u) >> 24)",
                  "float(lpfx_hash(uvec3(1u, 2u, uint(int(p.y + 100.0))), 3u) >> 24)"],
    "lpfx_float_bits": ["float(lpfx_float_bits(p.x) & 255u)"],
    "lpfx_unit_float": ["lpfx_unit_float(uint(int(p.x + 100.0)) * 2654435769u)"],
    "lpfx_random": ["lpfx_random(p.x, 1u)", "lpfx_random(p, 1u)", "lpfx_random(q, 1u)"],
    "lpfx_srandom": ["lpfx_srandom(p.x, 1u)", "lpfx_srandom(p, 1u)", "lpfx_srandom(q, 1u)"],
    "lpfx_srandom3_vec": ["lpfx_srandom3_vec(q, 1u).y"],
    "lpfx_srandom3_tile": ["lpfx_srandom3_tile(q, 4.0, 1u).z"],
    "lpfx_gnoise": ["lpfx_gnoise(p.x, 2u)", "lpfx_gnoise(p, 2u)", "lpfx_gnoise(q, 2u)",
                    "lpfx_gnoise(q, 4.0, 2u)"],
    "lpfx_snoise": ["lpfx_snoise(p.x, 2u)", "lpfx_snoise(p, 2u)", "lpfx_snoise(q, 2u)"],
    "lpfx_fbm": ["lpfx_fbm(p, 3, 0u)", "lpfx_fbm(q, 3, 0u)", "lpfx_fbm(q, 4.0, 3, 0u)"],
    "lpfx_worley_nearest": ["lpfx_worley_nearest(p, 1u, owner)",
                            "lpfx_worley_nearest(q, 1u, owner)"],
    "lpfx_worley": ["lpfx_worley(p, 0u)", "lpfx_worley(q, 0u)"],
    "lpfx_worley_value": ["lpfx_worley_value(p, 0u)", "lpfx_worley_value(q, 0u)"],
    "lpfx_psrdnoise": ["lpfx_psrdnoise(p, vec2(0.0), time, g2)",
                       "lpfx_psrdnoise(p, vec2(4.0, 6.0), time, g2, 7u)",
                       "lpfx_psrdnoise(q, vec3(0.0), time, g3)",
                       "lpfx_psrdnoise(q, vec3(4.0, 5.0, 6.0), time, g3, 7u)"],
}

_TYPE = r"(?:void|float|int|uint|bool|[iu]?vec[234]|mat[234])"
_DEFINITION = re.compile(r"^%s\s+(\w+)\s*\(" % _TYPE, re.M)


def defined(source):
    """Names of the functions `source` defines, in order, one per overload."""
    return _DEFINITION.findall(source)


def closure(name):
    names = {name}
    for dep in ENTRIES[name][1]:
        names |= closure(dep)
    return names


def code_only(source):
    return re.sub(r"//[^\n]*|/\*.*?\*/", " ", source, flags=re.S)


# --- the module's Python ------------------------------------------------------------


def test_referenced_finds_whole_identifiers_starting_with_lpfx():
    text = ("lpfx_a(1.0); x = lpfx_b2_c+lpfx_a;\nmy_lpfx_x(); lpfxy(); LPFX_Z;"
            " (lpfx_end")
    assert lpfx.referenced(text) == {"lpfx_a", "lpfx_b2_c", "lpfx_end"}
    assert lpfx.referenced("") == set()
    assert lpfx.referenced("float f(float x) { return x; }") == set()


def test_needed_puts_dependencies_first_once_each():
    order = lpfx.needed(["lpfx_hsv2rgb", "lpfx_fbm", "lpfx_worley_value"])
    assert len(order) == len(set(order))
    for i, name in enumerate(order):
        for dep in ENTRIES[name][1]:
            assert dep in order[:i], (dep, name)
    assert set(order) == (closure("lpfx_hsv2rgb") | closure("lpfx_fbm")
                          | closure("lpfx_worley_value"))


def test_needed_ignores_unknown_names_and_input_order():
    assert lpfx.needed(["lpfx_nope", "lpfx_"]) == []
    assert lpfx.needed([]) == []
    names = ["lpfx_worley", "lpfx_snoise", "lpfx_hsv2rgb", "lpfx_missing"]
    assert lpfx.needed(names) == lpfx.needed(reversed(names)) == lpfx.needed(set(names))
    assert lpfx.needed(["lpfx_saturate", "lpfx_saturate"]) == ["lpfx_saturate"]


def test_library_source_is_the_needed_entries_concatenated():
    names = {"lpfx_hsv2rgb", "lpfx_unknown"}
    assert lpfx.library_source(names) == "".join(
        ENTRIES[n][0] for n in lpfx.needed(names))
    assert lpfx.library_source(set()) == ""
    assert "float lpfx_saturate(float x)" in lpfx.library_source({"lpfx_hsv2rgb"})


def test_texts_are_the_needed_entries_in_order():
    for names in (["lpfx_hsv2rgb"], {"lpfx_fbm", "lpfx_worley_value", "lpfx_nope"},
                  list(ENTRIES)):
        assert lpfx.texts(names) == [ENTRIES[n][0] for n in lpfx.needed(names)]
    assert lpfx.texts([]) == lpfx.texts(["lpfx_nope"]) == []
    assert lpfx.texts(["lpfx_saturate"])[0].startswith("float lpfx_saturate(float x)")


def test_data_file_format():
    # One marker line `//@ NAME DEP...` per entry, in an order where every
    # dependency comes first (so the file is valid GLSL as a whole); before
    # the first marker only the header comment.
    with open(GLSL, "rb") as f:
        raw = f.read()
    text = raw.decode("ascii")      # the same text under any locale and on the board
    lines = text.split("\n")
    markers = [i for i, line in enumerate(lines) if line.startswith("//@ ")]
    assert markers
    assert all(line.startswith("//@ ") for line in lines[markers[0]:] if "//@" in line)
    assert all(not line.strip() or line.startswith("//") for line in lines[:markers[0]])
    order = []
    for i in markers:
        words = lines[i].split()
        name, deps = words[1], tuple(words[2:])
        assert name not in order and len(set(deps)) == len(deps), lines[i]
        assert all(dep in order for dep in deps), lines[i]
        assert ENTRIES[name][1] == deps
        order.append(name)
    assert sorted(order) == sorted(ENTRIES)
    # The reader keeps every line of code and nothing else: no comment or
    # blank lines in the texts, and no block comments in the file (the
    # reader would keep those).
    assert all("/*" not in line for line in lines[markers[0]:]
               if not line.lstrip().startswith("//"))
    for name, (source, _) in ENTRIES.items():
        assert source.endswith("\n"), name
        for line in source.split("\n")[:-1]:
            assert line.strip() and not line.lstrip().startswith("//"), (name, line)
    assert code_only(text).split() == code_only("".join(ENTRIES[n][0] for n in order)).split()


def test_reader_reads_lines_not_the_whole_file():
    # On the chip the file must not land in the heap whole: no read() of
    # it, no imports (re, pathlib, os) in the module but the package's own
    # compat, which says where data files are.
    with open(os.path.join(REPO, "device", "jit", "lpfx.py")) as f:
        source = f.read()
    assert ".readline()" in source
    assert ".read(" not in source and ".readlines(" not in source
    assert re.findall(r"^[ \t]*(?:import|from)\s.*$", source, re.M) == \
        ["from ..compat import jit_file"]


def test_dependency_lists_are_exact():
    # Every lpfx_ name an entry's text uses is defined by the entry itself
    # or by its dependencies, and every dependency is used.
    for name, (source, deps) in ENTRIES.items():
        used = lpfx.referenced(code_only(source)) - set(defined(source))
        provided = set()
        for dep in deps:
            for entry in closure(dep):
                provided |= set(defined(ENTRIES[entry][0]))
        assert used <= provided, (name, used - provided)
        for dep in deps:
            assert set(defined(ENTRIES[dep][0])) & lpfx.referenced(source), (name, dep)


def test_each_entry_defines_its_name_and_only_lpfx_names():
    seen = {}
    for name, (source, _) in ENTRIES.items():
        names = defined(source)
        assert name in names, name
        for function in names:
            assert function.startswith("lpfx_") and "__" not in function, function
            # A function's overloads all live in one entry.
            assert seen.setdefault(function, name) == name, function


def test_every_overload_is_called_by_the_compile_tests():
    assert set(CALLS) == set(ENTRIES)
    for name, (source, _) in ENTRIES.items():
        assert defined(source).count(name) == len(CALLS[name]), name


def test_text_stays_in_the_language_subset():
    for name, (source, _) in ENTRIES.items():
        code = code_only(source)
        for banned in ("[", "struct", "floatBitsToInt", "uintBitsToFloat", "43758",
                       "gl_", "uniform", "#"):
            assert banned not in code, (name, banned)
        # Nothing but function definitions at the top level (no globals).
        depth = 0
        for line in code.split("\n"):
            if depth == 0 and line.strip() and not line.strip().startswith("}"):
                assert _DEFINITION.match(line), (name, line)
            depth += line.count("{") - line.count("}")
        assert depth == 0, name


def test_literals_fit_q16_16():
    # Each float literal is inside the Q16.16 range and is 0 or at least
    # one Q16.16 step: a 1e-7 epsilon would silently become 0 on the chip.
    step = 2.0 ** -16
    for name, (source, _) in ENTRIES.items():
        for text in re.findall(r"(?<![\w.])\d+\.\d*(?:[eE][-+]?\d+)?", code_only(source)):
            value = float(text)
            assert value < 32768.0, (name, text)
            assert value == 0.0 or value >= step, (name, text)


_MICROPYTHON_SCRIPT = r"""
import sys
sys.path.insert(0, "")
import json
from device.jit import lpfx
f = open(sys.argv[1])
sources = json.loads(f.read())
f.close()
out = []
for source in sources:
    names = lpfx.referenced(source)
    out.append([sorted(names), lpfx.needed(names), lpfx.library_source(names)])
print(json.dumps(out))
"""


def test_same_results_under_micropython(tmp_path):
    # The module runs on the chip: the unix port of MicroPython must give
    # exactly CPython's answers.
    import json
    import subprocess
    import sys

    from host import device_compile
    try:
        exe = device_compile.micropython_exe()
    except RuntimeError as error:
        pytest.skip(str(error))
    sources = ["vec4 main(vec2 c, vec2 s, float t) { return lpfx_hsv2rgb(vec4(lpfx_fbm(c, 3, 0u)));"
               " } // lpfx_worley_value", "", "lpfx_nothing lpfx_psrdnoise(x)"]
    if os.path.exists(RAINBOW):
        with open(RAINBOW) as f:
            sources.append(f.read())
    (tmp_path / "sources.json").write_text(json.dumps(sources))
    (tmp_path / "script.py").write_text(_MICROPYTHON_SCRIPT)
    results = []
    for interpreter in (sys.executable, exe):
        done = subprocess.run([interpreter, str(tmp_path / "script.py"),
                               str(tmp_path / "sources.json")],
                              cwd=REPO, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr + done.stdout
        results.append(json.loads(done.stdout))
    assert results[0] == results[1]
    assert results[0][0][1][-1] == "lpfx_worley_value"


_MPY_READER_SCRIPT = r"""
import sys
sys.path.insert(0, sys.argv[1])
import json
from device.jit import lpfx
f = open(sys.argv[2])
name_sets = json.loads(f.read())
f.close()
entries = lpfx.entries()
print(json.dumps({"module": lpfx.__file__.rsplit(".", 1)[1],
                  "needed": [lpfx.needed(names) for names in name_sets],
                  "texts": [lpfx.texts(names) for names in name_sets],
                  "library": [lpfx.library_source(names) for names in name_sets],
                  "entries": [[n, entries[n][0], list(entries[n][1])] for n in sorted(entries)]}))
"""


@pytest.fixture(scope="module")
def mpy_tree(tmp_path_factory):
    """The device package as host/mpy.py builds it for MicroPython (.mpy
    and lpfx.glsl), and the MicroPython unix port."""
    from host import device_compile, mpy
    try:
        exe = device_compile.micropython_exe()
    except RuntimeError as error:
        pytest.skip(str(error))
    tree = str(tmp_path_factory.mktemp("mpy"))
    mpy.build(tree)
    return tree, exe


def test_build_copies_the_data_file(mpy_tree):
    tree, _ = mpy_tree
    built = os.path.join(tree, "device", "jit")
    assert os.path.exists(os.path.join(built, "lpfx.mpy"))
    assert not os.path.exists(os.path.join(built, "lpfx.py"))
    with open(os.path.join(built, "lpfx.glsl"), "rb") as f, open(GLSL, "rb") as g:
        assert f.read() == g.read()


def test_micropython_reader_from_the_mpy_build_matches_cpython(mpy_tree, tmp_path):
    # The .mpy finds lpfx.glsl beside itself (__file__) whether the tree is
    # on sys.path by an absolute path from elsewhere or as "" from its root
    # (the board, and host/device_compile.py).
    import json
    import subprocess
    import sys

    tree, exe = mpy_tree
    name_sets = [["lpfx_hsv2rgb"], ["lpfx_fbm", "lpfx_worley_value", "lpfx_nope"],
                 sorted(ENTRIES), [], ["lpfx_psrdnoise"]]
    (tmp_path / "names.json").write_text(json.dumps(name_sets))
    (tmp_path / "script.py").write_text(_MPY_READER_SCRIPT)
    runs = [(sys.executable, REPO, str(tmp_path)), (exe, tree, str(tmp_path)), (exe, "", tree)]
    results = []
    for interpreter, path, cwd in runs:
        done = subprocess.run([interpreter, str(tmp_path / "script.py"), path,
                               str(tmp_path / "names.json")],
                              cwd=cwd, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr + done.stdout
        results.append(json.loads(done.stdout))
    assert [r.pop("module") for r in results] == ["py", "mpy", "mpy"]
    assert results[0] == results[1] == results[2]
    assert results[0]["texts"][0] == [ENTRIES[n][0] for n in lpfx.needed(["lpfx_hsv2rgb"])]


_HEAP_SCRIPT = r"""
import sys
import gc
sys.path.insert(0, "")
import device.jit
before = imported = after = 0
lpfx = texts = None         # the globals exist before measuring
gc.collect()
before = gc.mem_alloc()
from device.jit import lpfx
gc.collect()
imported = gc.mem_alloc()
texts = lpfx.texts(["lpfx_hsv2rgb"])
gc.collect()
after = gc.mem_alloc()
print(imported - before, after - before, sum(len(t) for t in texts))
"""


def test_micropython_heap_holds_only_the_entries_read(mpy_tree, tmp_path):
    # Importing the reader and reading one entry (with its two
    # dependencies) must cost far less heap than the library file.
    import subprocess

    tree, exe = mpy_tree
    (tmp_path / "heap.py").write_text(_HEAP_SCRIPT)
    done = subprocess.run([exe, str(tmp_path / "heap.py")], cwd=tree,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr + done.stdout
    imported, total, chars = (int(v) for v in done.stdout.split())
    size = os.path.getsize(GLSL)
    print("\nMicroPython heap: import lpfx %d B; import + texts([lpfx_hsv2rgb]) %d B "
          "(%d chars of text); lpfx.glsl %d B" % (imported, total, chars, size))
    assert chars > 0
    assert total < size // 2


def test_rainbow_references_resolve():
    if not os.path.exists(RAINBOW):
        pytest.skip("the shared/ folder with the LightPlayer examples is not beside the repo")
    with open(RAINBOW) as f:
        names = lpfx.referenced(f.read())
    for name in ("lpfx_psrdnoise", "lpfx_fbm", "lpfx_worley", "lpfx_hsv2rgb"):
        assert name in names and name in lpfx.needed(names)


# --- Mesa ------------------------------------------------------------------------------------

_PROBE = "vec4 main(vec2 c, vec2 s, float t) { return vec4(lpfx_saturate(c.x)); }\n"


@pytest.fixture(scope="module")
def mesa():
    try:
        from host import mesa as module
        module.renderer()
    except Exception as error:  # ImportError (moderngl), or no EGL/Mesa
        pytest.skip("Mesa through moderngl/EGL is unavailable (%s: %s); "
                    "`make golden` installs it" % (type(error).__name__, error))
    return module


def render(mesa, shader, width, height, time=0.0):
    """Mesa's RGBA floats for `shader` with the lpfx library before it.
    host/mesa.py adds the library itself when it can; otherwise it is
    prepended here."""
    if "float lpfx_saturate(" not in mesa.fragment_source(_PROBE):
        shader = lpfx.library_source(lpfx.referenced(shader)) + shader
    return mesa.render(shader, width, height, time)


def channel(rgba, index):
    return rgba[index::4]


_CALL_MAIN = """
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 p = (fragCoord - 0.5 * outputSize) * 0.7;
    vec3 q = vec3(p, time);
    vec2 g2;
    vec3 g3;
    uint owner;
    float v = 0.0;
%s
    return vec4(v, v * 0.5, 0.0, 1.0);
}
"""


def test_whole_file_compiles_under_mesa(mesa):
    # lpfx.glsl as it is, every entry in file order, then a main calling
    # every overload: markers and header are comments, dependencies precede.
    with open(GLSL) as f:
        library = f.read()
    body = "".join("    v += %s;\n" % call for calls in CALLS.values() for call in calls)
    shader = ("#version 330 core\n" + library + "out vec4 color;\nvoid main() {\n"
              "    vec2 p = gl_FragCoord.xy;\n    vec3 q = vec3(p, 1.0);\n"
              "    float time = 1.0;\n    vec2 g2;\n    vec3 g3;\n    uint owner;\n"
              "    float v = 0.0;\n" + body + "    color = vec4(v);\n}\n")
    # host/mesa.py's context and vertex shader; compiling and linking is the test.
    mesa._gl().program(vertex_shader=mesa._VERTEX_SHADER, fragment_shader=shader)


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_entry_compiles_under_mesa_alone(mesa, name):
    # Only `name` is referenced, so exactly needed([name]) comes along:
    # a missing dependency would be an undeclared function here.
    body = "".join("    v += %s;\n" % call for call in CALLS[name])
    shader = _CALL_MAIN % body
    assert lpfx.referenced(shader) == {name}
    values = render(mesa, shader, 8, 8, 1.25)
    assert all(math.isfinite(v) for v in values)


_GRID_MAIN = """
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 p = (fragCoord - 0.5 * outputSize) * %(scale)r + %(offset)s;
    vec3 q = vec3(p, p.x * 0.375 + p.y * 0.625);
    vec2 g2;
    vec3 g3;
    return vec4(%(expr)s, 0.0, 0.0, 1.0);
}
"""

# (expression, documented range, smallest spread a 96x96 grid must show)
RANGES = [
    ("lpfx_random(p, 1u)", 0.0, 1.0, 0.95),
    ("lpfx_random(floor(p.x * 8.0) * 0.125, 5u)", 0.0, 1.0, 0.9),
    ("lpfx_random(q, 1u)", 0.0, 1.0, 0.95),
    ("lpfx_srandom(p, 2u)", -1.0, 1.0, 1.9),
    ("lpfx_srandom3_vec(q, 2u).z", -1.0, 1.0, 1.9),
    ("lpfx_gnoise(p.x + 3.0 * p.y, 4u)", 0.0, 1.0, 0.9),
    ("lpfx_gnoise(p, 4u)", 0.0, 1.0, 0.9),
    ("lpfx_gnoise(q, 4u)", -1.0, 1.0, 1.6),
    ("lpfx_gnoise(q, 8.0, 4u)", -0.25, 1.25, 0.5),
    ("lpfx_snoise(p.x + 3.0 * p.y, 0u)", -0.46, 0.46, 0.85),
    ("lpfx_snoise(p, 0u)", -0.99, 0.99, 1.6),
    ("lpfx_snoise(q, 0u)", -0.81, 0.81, 1.2),
    ("lpfx_fbm(p, 6, 0u)", -0.99, 0.99, 1.0),
    ("lpfx_fbm(q, 6, 0u)", -0.81, 0.81, 0.8),
    ("lpfx_fbm(q, 8.0, 4, 0u)", -0.25, 1.25, 0.3),
    ("lpfx_worley(p, 0u)", -1.0, 0.46, 0.8),
    ("lpfx_worley(q, 0u)", -1.0, 0.25, 0.5),
    ("lpfx_worley_value(p, 0u)", -1.0, 1.0, 1.9),
    ("lpfx_worley_value(q, 0u)", -1.0, 1.0, 1.9),
    ("lpfx_psrdnoise(p, vec2(0.0), time, g2)", -1.0, 1.0, 1.6),
    ("lpfx_psrdnoise(q, vec3(0.0), time, g3)", -1.05, 1.05, 1.5),
]


@pytest.mark.parametrize("offset", ["vec2(0.0)", "vec2(1000.0, -1000.0)"])
@pytest.mark.parametrize("expr,low,high,spread", RANGES, ids=[r[0] for r in RANGES])
def test_values_stay_in_documented_range(mesa, expr, low, high, spread, offset):
    # 96 x 96 samples 0.37 apart: about 35 cells each way; at time 1000
    # for psrdnoise's rotation. Near 1000 float32 itself keeps only 2^-14.
    shader = _GRID_MAIN % {"scale": 0.37, "offset": offset, "expr": expr}
    values = channel(render(mesa, shader, 96, 96, 1000.0), 0)
    assert all(math.isfinite(v) for v in values)
    assert low - 1e-4 <= min(values) and max(values) <= high + 1e-4, (min(values), max(values))
    assert max(values) - min(values) >= spread, (min(values), max(values))


_PAIR_MAIN = """
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 p = (fragCoord - 0.5 * outputSize) * 0.41;
    vec3 q = vec3(p, p.x * 0.375 - p.y * 0.625);
    vec2 g2;
    vec2 h2;
    vec3 g3;
    vec3 h3;
    return vec4(%s, %s, 0.0, 1.0);
}
"""


def pair(mesa, first, second, time=1.25):
    rgba = render(mesa, _PAIR_MAIN % (first, second), 48, 48, time)
    return channel(rgba, 0), channel(rgba, 1)


@pytest.mark.parametrize("first,second", [
    ("lpfx_psrdnoise(p, vec2(6.0, 4.0), time, g2)",
     "lpfx_psrdnoise(p + vec2(6.0, 0.0), vec2(6.0, 4.0), time, h2)"),
    ("lpfx_psrdnoise(p, vec2(6.0, 4.0), time, g2, 99u)",
     "lpfx_psrdnoise(p + vec2(0.0, 4.0), vec2(6.0, 4.0), time, h2, 99u)"),
    ("lpfx_psrdnoise(q, vec3(5.0, 7.0, 3.0), time, g3)",
     "lpfx_psrdnoise(q + vec3(5.0, 7.0, 3.0), vec3(5.0, 7.0, 3.0), time, h3)"),
    ("lpfx_gnoise(q, 4.0, 3u)", "lpfx_gnoise(q + vec3(4.0, -8.0, 4.0), 4.0, 3u)"),
    ("lpfx_fbm(q, 4.0, 3, 3u)", "lpfx_fbm(q + vec3(-4.0, 4.0, 8.0), 4.0, 3, 3u)"),
], ids=["psrd2-x", "psrd2-y-seeded", "psrd3", "gnoise-tile", "fbm-tile"])
def test_tiling_forms_repeat_with_their_period(mesa, first, second):
    a, b = pair(mesa, first, second)
    assert max(abs(x - y) for x, y in zip(a, b)) < 2e-4
    assert max(a) - min(a) > 0.3


@pytest.mark.parametrize("first,second", [
    ("lpfx_psrdnoise(p, vec2(0.0), time, g2)",
     "lpfx_psrdnoise(p, vec2(0.0), time, h2, 0u)"),
    ("lpfx_psrdnoise(q, vec3(0.0), time, g3)",
     "lpfx_psrdnoise(q, vec3(0.0), time, h3, 0u)"),
], ids=["psrd2", "psrd3"])
def test_psrdnoise_without_seed_is_seed_zero(mesa, first, second):
    a, b = pair(mesa, first, second)
    assert a == b


@pytest.mark.parametrize("call", [
    "lpfx_random(p, %s)", "lpfx_srandom(q, %s)", "lpfx_srandom3_vec(q, %s).x",
    "lpfx_gnoise(p, %s)", "lpfx_gnoise(q, 4.0, %s)", "lpfx_snoise(p.x, %s)",
    "lpfx_snoise(p, %s)", "lpfx_snoise(q, %s)", "lpfx_fbm(p, 3, %s)",
    "lpfx_worley(p, %s)", "lpfx_worley(q, %s)", "lpfx_worley_value(p, %s)",
    "lpfx_psrdnoise(p, vec2(0.0), time, g2, %s)", "lpfx_psrdnoise(q, vec3(0.0), time, g3, %s)",
])
def test_seed_changes_the_pattern(mesa, call):
    a, b = pair(mesa, call % "1u", call % "2u")
    differing = sum(1 for x, y in zip(a, b) if abs(x - y) > 1e-3)
    assert differing > len(a) // 2


# psrdnoise's `out gradient` is the derivative of its value: central
# differences with h = 2^-9 (exact in both number formats) agree to
# O(h^2) times the third derivative.
_GRADIENT_MAIN = """
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 p = (fragCoord - 0.5 * outputSize) * 0.29 + vec2(3.0, -5.0);
    const float h = 0.001953125;
    %s
}
"""
_GRADIENT_2D = """
    vec2 g;
    vec2 unused;
    lpfx_psrdnoise(p, vec2(0.0), time, g);
    float dx = lpfx_psrdnoise(p + vec2(h, 0.0), vec2(0.0), time, unused)
             - lpfx_psrdnoise(p - vec2(h, 0.0), vec2(0.0), time, unused);
    float dy = lpfx_psrdnoise(p + vec2(0.0, h), vec2(0.0), time, unused)
             - lpfx_psrdnoise(p - vec2(0.0, h), vec2(0.0), time, unused);
    return vec4(g, dx / (2.0 * h), dy / (2.0 * h));
"""
_GRADIENT_3D = """
    vec3 x = vec3(p, p.x * 0.5 - p.y * 0.25);
    vec3 g;
    vec3 unused;
    lpfx_psrdnoise(x, vec3(0.0), time, g);
    float dx = lpfx_psrdnoise(x + vec3(h, 0.0, 0.0), vec3(0.0), time, unused)
             - lpfx_psrdnoise(x - vec3(h, 0.0, 0.0), vec3(0.0), time, unused);
    float dz = lpfx_psrdnoise(x + vec3(0.0, 0.0, h), vec3(0.0), time, unused)
             - lpfx_psrdnoise(x - vec3(0.0, 0.0, h), vec3(0.0), time, unused);
    return vec4(g.x, g.z, dx / (2.0 * h), dz / (2.0 * h));
"""


@pytest.mark.parametrize("body", [_GRADIENT_2D, _GRADIENT_3D], ids=["2d", "3d"])
def test_psrdnoise_gradient_is_the_derivative(mesa, body):
    rgba = render(mesa, _GRADIENT_MAIN % body, 32, 32, 0.8)
    analytic = channel(rgba, 0) + channel(rgba, 1)
    numeric = channel(rgba, 2) + channel(rgba, 3)
    scale = max(abs(v) for v in analytic)
    assert scale > 1.0
    assert max(abs(a - n) for a, n in zip(analytic, numeric)) < 0.01 * scale


# --- bit-exact integer paths ------------------------------------------------------------------

MASK = 0xFFFFFFFF
KEY = 249222277


def rotr(x, n):
    return ((x >> n) | (x << (32 - n))) & MASK


def hash1(x, seed):
    """noiz's hash as LightPlayer's hash.rs documents it."""
    x ^= rotr(x, 17)
    x = (x * KEY) & MASK
    x ^= rotr(x, 11) ^ seed
    return (x * KEY) & MASK


def hash2(x, y, seed):
    return hash1(((x ^ 983742189) + rotr(y ^ 102983473, 24)) & MASK, seed)


def hash3(x, y, z, seed):
    return hash1(((x ^ 983742189) + rotr(y ^ 102983473, 24)
                  + rotr(z ^ 189203473, 16)) & MASK, seed)


_HASH_MAIN = """
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    int x = int(fragCoord.x) - 3;
    int y = int(fragCoord.y) * 7919 - 50;
    uint h1 = lpfx_hash(uint(x * 100003), uint(y));
    uint h2 = lpfx_hash(uvec2(uint(x), uint(y)), 12345u);
    uint h3 = lpfx_hash(uvec3(uint(y), uint(x), uint(x * y)), 4000000000u);
    uint h = %s;
    return vec4(float(h >> 16), float(h & 65535u), 0.0, 1.0);
}
"""


@pytest.mark.parametrize("which", ["h1", "h2", "h3"])
def test_hash_is_noiz_bit_for_bit(mesa, which):
    width, height = 8, 6
    rgba = render(mesa, _HASH_MAIN % which, width, height)
    for row in range(height):
        for col in range(width):
            x, y = col - 3, row * 7919 - 50
            expect = {"h1": lambda: hash1((x * 100003) & MASK, y & MASK),
                      "h2": lambda: hash2(x & MASK, y & MASK, 12345),
                      "h3": lambda: hash3(y & MASK, x & MASK, (x * y) & MASK, 4000000000)}[which]()
            i = 4 * (row * width + col)
            assert (int(rgba[i]) << 16) | int(rgba[i + 1]) == expect, (which, x, y)


# Random values of numbers Q16.16 holds exactly are hash(bit pattern):
# the same on the chip as in Mesa.
_RANDOM_MAIN = """
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    float x = (fragCoord.x - 20.0) * 37.0 + (fragCoord.y - 0.5) * 0.0009765625;
    return vec4(lpfx_random(x, 9u), lpfx_random(vec2(x, -x), 9u), 0.0, 1.0);
}
"""


def test_random_hashes_the_q16_16_bit_pattern(mesa):
    width, height = 40, 4
    rgba = render(mesa, _RANDOM_MAIN, width, height)
    for row in range(height):
        for col in range(width):
            x = (col + 0.5 - 20.0) * 37.0 + row * 2.0 ** -10
            bits = int(math.floor(x * 65536.0)) & MASK
            neg = int(math.floor(-x * 65536.0)) & MASK
            i = 4 * (row * width + col)
            assert rgba[i] == (hash1(bits, 9) >> 16) / 65536.0, x
            assert rgba[i + 1] == (hash2(bits, neg, 9) >> 16) / 65536.0, x


# --- whole shaders -------------------------------------------------------------------------

OWN_SHADERS = ["lpfx_hsv_noise", "lpfx_fbm_worley", "lpfx_psrd"]


@pytest.mark.parametrize("stem", OWN_SHADERS)
def test_own_shaders_render_under_mesa(mesa, stem):
    with open(os.path.join(REPO, "tests", "shaders", stem + ".glsl")) as f:
        shader = f.read()
    for time in (0.0, 1.25):
        rgba = render(mesa, shader, 16, 16, time)
        assert all(math.isfinite(v) and -1e-4 <= v <= 1.0001 for v in rgba)
        assert max(channel(rgba, 0)) - min(channel(rgba, 0)) > 0.2


def test_rainbow_renders_under_mesa(mesa):
    # Mesa needs a declaration before a call; lumajit does not.
    if not os.path.exists(RAINBOW):
        pytest.skip("the shared/ folder with the LightPlayer examples is not beside the repo")
    with open(RAINBOW) as f:
        source = f.read()
    at = source.index("vec4 main(")
    declared = source[:at] + "".join(
        "vec4 %s(vec2 scaledCoord, float time);\n" % demo
        for demo in ("worley_demo", "fbm_demo", "prsd_demo")) + source[at:]
    for demo in ("prsd_demo", "fbm_demo", "worley_demo"):
        shader = declared.replace("return prsd_demo(scaledCoord, time);",
                                  "return %s(scaledCoord, time);" % demo)
        rgba = render(mesa, shader, 16, 16, 1.25)
        assert all(math.isfinite(v) and -1e-4 <= v <= 1.0001 for v in rgba), demo
