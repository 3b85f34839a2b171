"""Differential fuzzing with generated programs (host/fuzz_gen.py,
host/fuzz_diff.py), without Mesa: a fixed-seed run against Mesa's images
kept in tests/golden/fuzz_gen/seed7.json (`make golden` makes them), the
same programs compiled under MicroPython in one batch, what the generator
covers, the reducer, the knife edges the checker refuses, and the
differential regressions in tests/fuzz_regressions/ (a failure, shrunk,
with Mesa's images in its header; a bug not fixed yet has no place there).
`make fuzz N=... P=...` runs long ones with Mesa."""

import collections
import os

import pytest

from device.jit.compiler import compile_shader
from host import fuzz_ast as A
from host import fuzz_diff, fuzz_gen, fuzz_golden, fuzz_reduce

REGRESSIONS = os.path.join(os.path.dirname(__file__), "fuzz_regressions")


@pytest.fixture(scope="module")
def golden():
    return fuzz_golden.load()


@pytest.fixture(scope="module")
def programs(golden):
    """The fixed-seed programs: [(k, syntax tree, source)]."""
    out = []
    for k in range(golden["count"]):
        tree = fuzz_gen.generate_program(golden["seed"], k)
        out.append((k, tree, tree.text()))
    return out


def test_the_goldens_were_made_from_these_programs(golden, programs):
    assert (golden["seed"], golden["count"]) == (fuzz_golden.SEED, fuzz_golden.COUNT)
    assert (tuple(golden["size"]), tuple(golden["times"])) == (fuzz_gen.SIZE, fuzz_gen.TIMES)
    changed = [k for (k, _, source), row in zip(programs, golden["programs"])
               if fuzz_golden.source_hash(source) != row["hash"]]
    assert not changed, "the generator makes other programs now (%d of %d, first %d): run " \
        "`make golden` for their images" % (len(changed), len(programs), changed[0])


def test_the_fixed_seed_programs_match_mesa(golden, programs):
    failures = []
    for (k, _, source), row in zip(programs, golden["programs"]):
        expected = [fuzz_diff.image_from_hex(h) for h in row["expect"]]
        try:
            fuzz_diff.check(source, expected)
        except fuzz_diff.Failure as f:
            failures.append("program %d: %s" % (k, f))
    assert not failures, "\n".join(failures[:10])


def test_the_fixed_seed_programs_compile_byte_identical_under_micropython(programs):
    sources = [source for _, _, source in programs]
    compiled = [compile_shader(source) for source in sources]
    differences = fuzz_diff.micropython_differences(sources, compiled)
    assert differences == [None] * len(sources), \
        [(k, d) for (k, _, _), d in zip(programs, differences) if d][:10]


def census(trees):
    """Counts of what the programs hold: node kinds, types, builtins,
    parameter qualifiers, loop forms, jumps."""
    seen = collections.Counter()
    for tree in trees:
        stack = list(tree.items)
        while stack:
            node = stack.pop()
            seen[type(node).__name__] += 1
            if isinstance(node, (A.Node, A.Decl)) and node.ty != "void":
                s = A.shape(node.ty)
                seen["type " + ("struct" if s[0] == "t" else "array" if s[0] == "a"
                                else node.ty)] += 1
            if isinstance(node, A.Call):
                seen["call " + node.name] += 1
            if isinstance(node, A.Loop):
                seen["loop " + node.form] += 1
            if isinstance(node, A.Jump):
                seen[node.word] += 1
            if isinstance(node, A.Decl) and node.const:
                seen["const"] += 1
            if isinstance(node, A.FuncDef):
                seen.update("qualifier " + (q or "none") for q, _, _ in node.params)
            if isinstance(node, (A.Binary, A.Unary, A.Assign, A.Step)):
                seen["operator " + node.op] += 1
            stack.extend(node.kids)
    return seen


def test_the_generator_covers_the_language(programs):
    seen = census(tree for _, tree, _ in programs)
    types = ["float", "int", "uint", "bool", "struct", "array"] + \
        ["%s%d" % (p, n) for p in ("vec", "ivec", "uvec", "bvec", "mat") for n in (2, 3, 4)]
    wanted = (["type " + t for t in types] + ["call " + b for b in fuzz_gen.BUILTINS] +
              ["qualifier " + q for q in ("none", "in", "const in", "out", "inout")] +
              ["loop for", "loop while", "loop do", "break", "continue", "return", "discard",
               "If", "Switch", "Cond", "Nested", "Field", "Index", "Length", "Swizzle",
               "StructDef", "Prototype", "const"] +
              ["operator " + op for op in ("+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>",
                                           "<", "<=", ">", ">=", "==", "!=", "&&", "||", "^^",
                                           "!", "~", "+=", "-=", "*=", "/=", "%=", "&=", "|=",
                                           "^=", "<<=", ">>=", "++", "--")])
    missing = [w for w in wanted if seen[w] == 0]
    assert not missing, missing
    # and not just once: each construct in a fair share of the programs
    assert min(seen[w] for w in wanted) >= 3, sorted(wanted, key=lambda w: seen[w])[:5]


def test_the_reducer_keeps_the_failure_and_drops_the_rest(programs):
    # A stand-in failure: the source calls refract. The shrunk program
    # still does, is still valid and compiles, and is much smaller.
    k, tree, source = next(p for p in programs if "refract(" in p[2] and len(p[2]) > 2000)
    calls = []

    def fails(text):
        calls.append(text)
        return "refract(" in text
    small = fuzz_reduce.reduce(tree, fails, budget=400)
    text = small.text()
    assert "refract(" in text and len(text) < len(source) / 4, (len(source), text)
    A.check(small, fuzz_gen.inputs())
    compile_shader(text)
    assert 0 < len(calls) <= 400
    assert fuzz_reduce.reduce(tree, lambda text: False, budget=50).text() == source


def test_the_checker_refuses_knife_edges_and_domains():
    # Generated programs must not depend on which side of an edge a value
    # falls: the checker refuses floor of an inexact value, a comparison of
    # inexact values, a divisor that may be 0, an index that may leave its
    # array, a value read before it is set, a builtin's argument outside
    # its domain (tan of atan(0.5, 0) = pi/2); and allows them when exact
    # or inside.
    def main(*body):
        return A.Program([A.FuncDef("vec4", "main", fuzz_gen.MAIN_PARAMS,
                                    A.Block(list(body) + [A.Jump("return", A.Ctor(
                                        "vec4", [A.Lit("float", 0.5)]))]))])
    x = A.Swizzle("float", A.Var("vec2", "fragCoord"), "x")
    sin_x = A.Call("float", "sin", [x])
    refused = [
        A.Decl("float", "a", A.Call("float", "floor", [sin_x])),
        A.Decl("bool", "a", A.Binary("bool", "<", sin_x, A.Lit("float", 0.3))),
        A.Decl("float", "a", A.Binary("float", "/", x, A.Binary("float", "-", x,
                                                                   A.Lit("float", 2.0)))),
        A.Decl("float", "a", A.Index("float", A.Ctor("float[2]", [x, x]),
                                     A.Ctor("int", [x]))),
        A.Decl("float", "a", A.Var("float", "nowhere")),
        A.Decl("float", "a", A.Call("float", "tan", [A.Call("float", "atan", [
            A.Lit("float", 0.5), A.Binary("float", "-", x, x)])])),
    ]
    for stmt in refused:
        with pytest.raises(A.Invalid):
            A.check(main(stmt), fuzz_gen.inputs())
    allowed = [
        A.Decl("float", "a", A.Call("float", "floor", [x])),
        A.Decl("bool", "a", A.Binary("bool", "<", x, A.Lit("float", 2.0))),
        A.Decl("float", "a", A.Index("float", A.Ctor("float[4]", [x, x, x, x]),
                                     A.Ctor("int", [x]))),
        A.Decl("float", "a", A.Call("float", "tan", [A.Call("float", "atan", [
            A.Lit("float", 0.5), A.Binary("float", "+", x, A.Lit("float", 1.0))])])),
    ]
    for stmt in allowed:
        A.check(main(stmt), fuzz_gen.inputs())


def test_the_comparison_catches_a_broken_compiler(programs, golden, monkeypatch):
    # With fract lowered as the identity, programs whose output reads
    # fract fail the comparison: the test can fail.
    from device.jit import builtins
    entry = builtins.TABLE["fract"]
    monkeypatch.setitem(builtins.TABLE, "fract", entry[:3] + (lambda fb, k, x: x,))
    failed = 0
    for (k, _, source), row in list(zip(programs, golden["programs"]))[:20]:
        try:
            fuzz_diff.check(source, [fuzz_diff.image_from_hex(h) for h in row["expect"]])
        except fuzz_diff.Failure as f:
            assert f.kind == "pixels"
            failed += 1
    assert failed >= 10


# ---- regressions --------------------------------------------------------------------------

def differential(folder):
    if not os.path.isdir(folder):
        return []
    out = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".glsl"):
            with open(os.path.join(folder, name)) as f:
                if fuzz_diff.expectations(f.read()) is not None:
                    out.append(name)
    return out


def check_regression(path):
    with open(path) as f:
        source = f.read()
    size, times, images = fuzz_diff.expectations(source)
    return fuzz_diff.check(source, images, size, times)


@pytest.mark.parametrize("name", differential(REGRESSIONS))
def test_the_programs_that_failed_once_match_their_images(name):
    check_regression(os.path.join(REGRESSIONS, name))


def test_the_regressions_compile_byte_identical_under_micropython():
    paths = [os.path.join(REGRESSIONS, n) for n in differential(REGRESSIONS)]
    if not paths:
        pytest.skip("no differential regressions yet")
    sources = []
    for path in paths:
        with open(path) as f:
            sources.append(f.read())
    differences = fuzz_diff.micropython_differences(
        sources, [compile_shader(source) for source in sources])
    assert differences == [None] * len(sources), differences
