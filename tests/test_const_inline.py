"""host/const_inline.py, the .mpy build's cross-module const inlining: after
it, no public const definition and no use of one is left in the device
package (the MicroPython tests then prove the rewritten code compiles the
same machine code as the original)."""

import ast

from host import const_inline, mpy


def test_no_public_const_survives_the_rewrite():
    rewritten = const_inline.rewrite_package(mpy.DEVICE)
    originals = {}
    for path in rewritten:
        with open(path) as f:
            originals[path] = ast.parse(f.read())
    consts = set()
    for tree in originals.values():
        for node in tree.body:
            if isinstance(node, ast.Assign) and const_inline._is_const_call(node.value):
                name = node.targets[0].id
                if not name.startswith("_"):
                    consts.add(name)
    assert {"ADD", "A0", "VREG0", "CHUNK_INSNS", "DEAD"} <= consts
    for path, text in rewritten.items():
        tree = ast.parse(text)
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in consts:
                raise AssertionError("%s still reads .%s" % (path, node.attr))
            if isinstance(node, ast.Name) and node.id in consts:
                raise AssertionError("%s still uses %s" % (path, node.id))


def test_values_are_inlined_where_they_were_used():
    rewritten = const_inline.rewrite_package(mpy.DEVICE)
    emit = next(t for p, t in rewritten.items() if p.endswith("emit.py"))
    # rv32.C_SUB is 0x8C01 and rv32.C_AND 0x8C61: `(R.C_SUB, R.C_AND, ...`
    # becomes `(35841, 35937, ...`.
    assert "_CA_BASE = (35841, 35937," in emit
