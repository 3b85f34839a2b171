"""Properties of the compiler that images cannot show: the IR of a function
is gone before the next one is parsed, what nothing reads is not emitted,
constant expressions fold, comparisons feeding an `if` become one branch,
every emitted byte is valid RV32IMC, and register pressure really spills."""

import gc
import os
import weakref

import pytest
import capstone

from device.jit import compiler
from device.jit.compiler import compile_shader, CompileError

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHADERS = os.path.join(REPO, "tests", "shaders")
MAIN = "vec4 main(vec2 fragCoord, vec2 outputSize, float time) {\n%s\n}\n"
CS = capstone.Cs(capstone.CS_ARCH_RISCV, capstone.CS_MODE_RISCV32 | capstone.CS_MODE_RISCVC)


def many_functions(n):
    parts = ["float f%d(float x) { return x * %d.5 + f%d(x); }" % (i, i, i - 1) if i else
             "float f0(float x) { return x * 0.5; }" for i in range(n)]
    return "\n".join(parts) + "\n" + MAIN % ("    return vec4(f%d(fragCoord.x));" % (n - 1))


def function_code(program, name):
    for fname, off, size, _, _ in program.functions:
        if fname == name:
            return bytes(program.code[off:off + size])
    raise KeyError(name)


def mnemonics(code):
    return [i.mnemonic for i in CS.disasm(code, 0)]


def mnemonics_with_operands(code):
    return ["%s %s" % (i.mnemonic, i.op_str) for i in CS.disasm(code, 0)]


def test_each_functions_ir_is_dropped_before_the_next_is_parsed(monkeypatch):
    live = []
    begin = compiler.Parser.new_builder

    def checked_begin(self):
        gc.collect()
        assert all(ref() is None for ref in live), "an earlier function's IR is still alive"
        fb = begin(self)
        live.append(weakref.ref(fb))
        return fb

    monkeypatch.setattr(compiler.Parser, "new_builder", checked_begin)
    compile_shader(many_functions(16))
    assert len(live) == 17   # f0..f15 and main


def test_ir_memory_does_not_grow_with_the_number_of_functions():
    # All functions are small: the workspace's chunk pools never need more.
    for n in (1, 8, 64):
        ws = compiler.Workspace()
        sizes = (len(ws.ir_pool), len(ws.code_pool))
        compile_shader(many_functions(n), ws)
        assert (len(ws.ir_pool), len(ws.code_pool)) == sizes, n


def test_a_failed_compile_gives_the_ir_chunks_back():
    # A shader that fails inside a function body (or runs out of memory)
    # must not shrink the workspace's pool: a board compiles with the same
    # workspace all day, and every lost chunk would be allocated again later.
    body = "".join("    float a%d = sin(time * %d.0) + fragCoord.x;\n" % (i, i) for i in range(80))
    ws = compiler.Workspace()
    compile_shader(MAIN % (body + "    return vec4(a1);"), ws)
    size = len(ws.ir_pool)      # grown to what this long function needs
    for broken in (body + "    return vec4(nope);", body + "    return vec4(a1) +;"):
        with pytest.raises(CompileError):
            compile_shader(MAIN % broken, ws)
        assert len(ws.ir_pool) == size


def test_unused_computations_emit_nothing():
    plain = compile_shader(MAIN % "    return vec4(fragCoord, time, 1.0);")
    dead = compile_shader(MAIN % "    float unused = sin(time) * 3.0 + length(fragCoord);\n"
                                 "    vec2 also = fragCoord * 2.0;\n"
                                 "    return vec4(fragCoord, time, 1.0);")
    assert function_code(dead, "main") == function_code(plain, "main")


def test_constant_expressions_fold():
    folded = compile_shader(MAIN % "    return vec4(fragCoord * (2.0 * 3.0 - 5.0), 0.25 + 0.25, 1.0);")
    written = compile_shader(MAIN % "    return vec4(fragCoord, 0.5, 1.0);")
    # The same instructions; their order may differ, as the folding's
    # constants come first (a basic block has one LI per value, ir.py).
    assert sorted(mnemonics_with_operands(function_code(folded, "main"))) == \
        sorted(mnemonics_with_operands(function_code(written, "main")))


def test_comparison_in_an_if_is_a_single_branch():
    p = compile_shader(MAIN % "    if (fragCoord.x < fragCoord.y) { return vec4(1.0); }\n"
                              "    return vec4(0.0);")
    ops = mnemonics(function_code(p, "main"))
    assert not any(op.startswith("slt") for op in ops), ops
    assert sum(op in ("blt", "bge") for op in ops) == 1, ops


def test_every_emitted_instruction_decodes():
    for name in sorted(os.listdir(SHADERS)):
        with open(os.path.join(SHADERS, name)) as f:
            p = compile_shader(f.read())
        for fname, off, size, _, _ in p.functions:
            code = bytes(p.code[off:off + size])
            decoded = sum(i.size for i in CS.disasm(code, off))
            assert decoded == size, "%s: %s decodes only %d of %d bytes" % (name, fname, decoded, size)


def test_register_pressure_spills_and_still_matches_mesa_elsewhere():
    # pressure.glsl keeps 32 values live: more than the 26 allocatable
    # registers, so main must use spill slots (its Mesa golden checks the result).
    with open(os.path.join(SHADERS, "pressure.glsl")) as f:
        p = compile_shader(f.read())
    spills = dict((name, slots) for name, _, _, slots, _ in p.functions)
    assert spills["main"] > 0
    assert spills["wave"] == 0


def test_calls_are_found_across_blanks_and_comments():
    # Pass 1 decides from the bytes which functions main reaches; a call
    # whose name and '(' are apart must still count, or the function would
    # get no code. Names inside comments or numbers are not calls.
    src = ("float a(float x) { return x + 1.0; }\n"
           "float b(float x) { return x * 2.0; }\n"
           "float c(float x) { return x - 3.0; }\n"
           "float unused(float x) { return x; }\n"
           + MAIN % "    float v = a /* why */ (1.0) + b // because\n (2.0) + c\n\t(3.0);\n"
                    "    // unused(1.0)\n    /* unused(2.0) */ float w = 1.5e1 + v;\n"
                    "    return vec4(w);")
    names = sorted(f[0] for f in compile_shader(src).functions)
    assert names == ["a", "b", "c", "main"]


def test_source_as_utf8_bytes_compiles_the_same():
    # The board receives shaders as bytes; a str gives the very same code.
    src = "// é\n" + MAIN % "    return vec4(fract(fragCoord.x * 0.5), 0.0, 1.0, 1.0);"
    assert bytes(compile_shader(src.encode()).code) == bytes(compile_shader(src).code)
    with pytest.raises(CompileError) as e:
        compile_shader(b"\xff\xfe" + src.encode())
    assert (e.value.line, e.value.col, e.value.message) == (1, 1, "the shader is not UTF-8 text")


STORES = ("sw", "sh", "sb", "c.sw", "c.swsp")


def corpus_functions():
    # (shader, function, its instructions) of every test shader that compiles.
    cs = capstone.Cs(capstone.CS_ARCH_RISCV, capstone.CS_MODE_RISCV32 | capstone.CS_MODE_RISCVC)
    shaders = os.path.join(os.path.dirname(os.path.abspath(__file__)), "shaders")
    for name in sorted(os.listdir(shaders)):
        try:
            p = compile_shader(open(os.path.join(shaders, name)).read())
        except CompileError:
            continue
        for fname, off, size, _, _ in p.functions:
            yield name, fname, list(cs.disasm(bytes(p.code[off:off + size]), off))


def test_shader_code_never_writes_the_parameter_block_pointer():
    # s11 holds the parameter block's address for the whole frame: the
    # globals and the loops' fuel checks read through it, from any
    # function, so no function may use it, even to save and restore it.
    checked = 0
    for name, fname, insns in corpus_functions():
        for insn in insns:
            m = insn.mnemonic
            if m in STORES or m.startswith(("b", "c.b", "c.j")):
                continue
            assert insn.op_str.split(",")[0] != "s11", (name, fname, insn)
            checked += 1
    assert checked > 10000


def test_no_move_is_undone_by_the_next_one():
    # The emitter drops `mv b, a` right after `mv a, b` (and a repeated
    # move) unless something jumps between them, and a move overwritten
    # by the next one: 21 such pairs in the corpus without it.
    pairs = 0
    for name, fname, insns in corpus_functions():
        for a, b in zip(insns, insns[1:]):
            if a.mnemonic == b.mnemonic == "c.mv":
                x = a.op_str.replace(" ", "").split(",")
                y = b.op_str.replace(" ", "").split(",")
                if x[::-1] == y or x == y or x[0] == y[0]:
                    pairs += 1
    assert pairs <= 3, pairs     # only where a label sits between the two


TAIL = """vec3 shade(float t) { return vec3(sin(t), t * 0.5, 1.0 - t); }
vec3 pick(float t) {
    if (t > 3.0) { return vec3(0.25); }
    return shade(t)%s;
}
vec3 wrap(float t) { return shade(t * 2.0)%s; }
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    return vec4(pick(fragCoord.x) + wrap(fragCoord.y + time), 1.0)%s;
}
"""


def test_a_final_call_whose_results_are_returned_is_a_jump():
    from host.render import render
    tail = compile_shader(TAIL % ("", "", ""))
    # wrap: `j shade` after the epilogue, and with no other call no frame.
    ops = mnemonics_with_operands(function_code(tail, "wrap"))
    assert ops[-1].startswith("j ") and not any(o.startswith("jal") for o in ops), ops
    assert not any("sp" in o for o in ops), ops
    # pick returns early, to the epilogue: not a tail call there.
    assert any(o.startswith("jal ") for o in mnemonics_with_operands(function_code(tail, "pick")))
    # The same pixels as calls that are not tail calls (x - 1 + 1: the
    # same bits, and an operation after each call).
    plain = compile_shader(TAIL % ((" - 1.0 + 1.0",) * 3))
    assert "j " not in " ".join(o[:2] for o in mnemonics_with_operands(function_code(plain, "wrap")))
    for t in (0.0, 1.5, 7.25):
        assert render(tail, 8, 4, t).rgba == render(plain, 8, 4, t).rgba


def test_a_tail_call_to_the_next_function_falls_through():
    # wrap is compiled just before shade (a prototype first): its tail call
    # needs no jump at all. Same pixels as a call that is not a tail call.
    from host.render import render
    source = """vec3 shade(float t);
vec3 wrap(float t) { return shade(t * 2.0)%s; }
vec3 shade(float t) { return vec3(sin(t), t * 0.5, 1.0 - t); }
vec4 main(vec2 fragCoord, vec2 outputSize, float time) { return vec4(wrap(fragCoord.x + time), 1.0); }
"""
    tail = compile_shader(source % "")
    assert mnemonics(function_code(tail, "wrap"))[-1] != "j", \
        mnemonics_with_operands(function_code(tail, "wrap"))
    names = [f[0] for f in tail.functions]
    assert names.index("shade") == names.index("wrap") + 1
    plain = compile_shader(source % " - 1.0 + 1.0")
    for t in (0.0, 1.5):
        assert render(tail, 8, 4, t).rgba == render(plain, 8, 4, t).rgba
