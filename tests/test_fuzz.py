"""Mutation fuzzing (host/fuzz_mutate.py), a short fixed-seed run: every
mutant of the test shaders compiles or is refused with a positioned error
(or runs out of memory, as the board reports it), never an internal error,
a hang or a position outside the text. `make fuzz N=...` runs long ones."""

import os

import pytest

from device.jit.compiler import compile_shader, CompileError
from host import fuzz_mutate

REGRESSIONS = os.path.join(os.path.dirname(__file__), "fuzz_regressions")


@pytest.mark.parametrize("name", sorted(n for n in os.listdir(REGRESSIONS) if n.endswith(".glsl")))
def test_the_mutants_that_failed_once_compile_or_are_refused(name):
    # Each was a fuzzer's failure, shrunk; the comment on top says which.
    with open(os.path.join(REGRESSIONS, name)) as f:
        assert fuzz_mutate.outcome(f.read()) in ("ok", "error", "out of memory")


def test_a_fixed_seed_run_has_no_failures():
    counts, failures = fuzz_mutate.run(80, 20261124, keep=False)
    assert failures == []
    assert counts["ok"] + counts["error"] + counts["out of memory"] == 80
    assert counts["error"] > 0 and counts["ok"] > 0      # the mutants do both


def test_the_checker_catches_what_it_must():
    # An internal exception, a position outside the text and a hang are each
    # reported as failures (with a stand-in compiler).
    assert fuzz_mutate.outcome("vec4 main(") == "error"
    real = fuzz_mutate.compile_shader
    try:
        def broken(source):
            raise KeyError("x")
        fuzz_mutate.compile_shader = broken
        assert fuzz_mutate.outcome("x").startswith("internal: KeyError")

        def far(source):
            raise CompileError("m", 99, 1)
        fuzz_mutate.compile_shader = far
        assert fuzz_mutate.outcome("x").startswith("position")
    finally:
        fuzz_mutate.compile_shader = real
    # A mutant that compiles is run, its stores checked: a stand-in checker
    # that finds one.
    real_check = fuzz_mutate.check_program
    try:
        fuzz_mutate.check_program = lambda program, *args, **kw: ["a store into the LUT"]
        assert fuzz_mutate.outcome(HEAD % "1.0") == "arena: a store into the LUT"
    finally:
        fuzz_mutate.check_program = real_check


HEAD = "vec4 main(vec2 fragCoord, vec2 outputSize, float time) { return vec4(%s); }"


def test_huge_literals_are_refused_not_converted():
    # Found by the fuzzer: a 20000-digit literal reached int() (CPython
    # refuses more than 4300 digits; MicroPython would build a huge int).
    for literal, message in (("9" * 20000, "integer literal 999999999999999999999999 "
                                           "does not fit in 32 bits"),
                             ("9" * 20000 + ".5", "float literal 999999999999999999999999 is"),
                             ("1e" + "9" * 20000, "float literal 1e9999999999999999999999 is"),
                             ("0x" + "F" * 20000, "integer literal 0xFFFFFFFFFFFFFFFFFFFFFF "
                                                  "does not fit")):
        try:
            compile_shader(HEAD % literal)
            raise AssertionError("compiled")
        except CompileError as e:
            assert (e.line, e.col) == (1, 70) and e.message.startswith(message), e.message
    # Long but in range: the same value as exact rounding, half up.
    import sys
    from fractions import Fraction
    from device.jit.lexer import q16_from_decimal
    limit = getattr(sys, "get_int_max_str_digits", lambda: None)()
    if limit is not None:
        sys.set_int_max_str_digits(0)       # the reference converts them all
    try:
        for digits, exponent in (("9" * 20000, -20000), ("5" + "0" * 40 + "1", -42),
                                 ("5" + "0" * 40, -41), ("7629394531250000001", -24),
                                 ("762939453125", -17), ("0" * 50 + "15", -2)):
            exact = Fraction(int(digits)) * Fraction(10) ** exponent * 65536
            assert q16_from_decimal(digits, exponent) == int(exact + Fraction(1, 2)), \
                digits[:12]
    finally:
        if limit is not None:
            sys.set_int_max_str_digits(limit)
    assert compile_shader(HEAD % ("0." + "9" * 20000)).code
