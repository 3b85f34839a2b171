"""Mutation fuzzing of the compiler: `python -m host fuzz --mutants N [--seed S]`.

Every shader of the test corpus (tests/shaders) and the two benchmarks is
mutated the ways a live-coding session breaks text: a byte flipped, a token
deleted or duplicated, the text cut off, a random splice of two shaders,
very long identifiers and literals, deep nesting. Each mutant is compiled
under CPython and must end in one of two ways:

- a Program, or
- a CompileError whose line and column lie inside the text, formatted as
  the board reports it (`file:line:col: error: message`, the line, a caret),
- or MemoryError, which the board reports as `error: out of memory while
  compiling (stage)` (a function of more than 32767 values raises it too).

Anything else is a bug: another exception (an internal error), a compile
that takes more than LIMIT_S seconds (a hang), a position outside the text,
and for a mutant that compiles, a store outside its frame's memory or a
fault when a 2x2 frame runs on the emulator (host/arena_check.py).
Each failure is shrunk (tokens, then lines, then bytes dropped while it
still fails the same way) and written to fuzz-failures/ (ignored by git)
for a regression test. The same seed gives the same mutants.
"""

import os
import random
import re
import signal
import sys
import time

from device.jit.compiler import compile_shader, CompileError
from device.jit.error_text import format_error
from host.arena_check import check_program

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(REPO, "tests", "shaders")
BENCH = os.path.join(REPO, "..", "shared", "bench")
FAILURES = os.path.join(REPO, "fuzz-failures")
LIMIT_S = 10
ARENA_FUEL = 4096

_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|\d+\.?\d*(?:[eE][-+]?\d+)?|\S")


def corpus():
    """[(name, text)] of the shaders mutants are made from."""
    out = []
    for folder in (CORPUS, BENCH):
        if os.path.isdir(folder):
            for name in sorted(os.listdir(folder)):
                if name.endswith(".glsl"):
                    with open(os.path.join(folder, name)) as f:
                        out.append((name, f.read()))
    return out


def _tokens(text):
    return [(m.start(), m.end()) for m in _TOKEN.finditer(text)]


def mutate(rng, text, other):
    """One mutant of text (other: a second shader, for splices); returns
    (kind, mutant)."""
    kind = rng.choice(("flip", "delete", "duplicate", "truncate", "splice", "long name",
                       "long literal", "nesting", "repeat"))
    toks = _tokens(text)
    if not toks or kind == "truncate":
        return "truncate", text[:rng.randrange(len(text) + 1)]
    a, b = toks[rng.randrange(len(toks))]
    if kind == "flip":
        data = bytearray(text.encode())
        i = rng.randrange(len(data))
        data[i] ^= 1 << rng.randrange(8)
        return kind, bytes(data)                 # maybe not UTF-8 any more: bytes
    if kind == "delete":
        c, d = toks[min(len(toks) - 1, rng.randrange(len(toks)))]
        lo, hi = min(a, c), max(b, d)
        if rng.random() < 0.7:
            lo, hi = a, b                        # usually a single token
        return kind, text[:lo] + text[hi:]
    if kind == "duplicate":
        return kind, text[:b] + " " + text[a:b] + text[b:]
    if kind == "splice":
        i = rng.randrange(len(text) + 1)
        j = rng.randrange(len(other) + 1)
        return kind, text[:i] + other[j:j + rng.randrange(1, 400)] + text[i:]
    if kind == "long name":
        name = "n" + "x" * rng.choice((40, 300, 5000, 70000))
        return kind, text[:a] + name + text[b:]
    if kind == "long literal":
        digits = "9" * rng.choice((12, 60, 400, 20000))
        literal = rng.choice((digits, digits + ".5", "0." + digits, "1e" + digits[:6],
                              "0x" + "F" * len(digits)))
        return kind, text[:a] + literal + text[b:]
    if kind == "nesting":
        depth = rng.choice((10, 30, 200, 3000))
        opener, closer = rng.choice((("(", ")"), ("{", "}"), ("-", ""), ("!", ""),
                                     ("vec2(", ", 1.0)")))
        return kind, text[:a] + opener * depth + text[a:b] + closer * depth + text[b:]
    # repeat: a line many times
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    lines[i:i + 1] = [lines[i]] * rng.choice((2, 50, 2000))
    return kind, "\n".join(lines)


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout()


def outcome(source):
    """'ok', 'error' (a well-positioned CompileError), or a failure string
    starting with 'internal', 'hang', 'position' or 'arena'."""
    text = source.decode("utf-8", "replace") if isinstance(source, bytes) else source
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(LIMIT_S)
    try:
        program = compile_shader(source)
        # What compiles runs: a 2x2 frame with every store checked
        # (host/arena_check.py), on little fuel (a mutant may never end).
        bad = check_program(program, 2, 2, (0.5,), fuel=ARENA_FUEL)
        if bad:
            return "arena: %s" % bad[0]
        return "ok"
    except CompileError as e:
        lines = text.split("\n")
        if not (1 <= e.line <= len(lines) + 1 and e.col >= 1):
            return "position: %d:%d outside the text: %s" % (e.line, e.col, e.message)
        try:
            shown = format_error("shader.glsl", text, e)
        except Exception as f:           # the report itself must not break
            return "internal: formatting %s: %s: %s" % (e.message, type(f).__name__, f)
        if not shown.startswith("shader.glsl:%d:%d: error: " % (e.line, e.col)):
            return "internal: formatted as %r" % shown[:80]
        return "error"
    except _Timeout:
        return "hang: more than %d s" % LIMIT_S
    except MemoryError:
        return "out of memory"
    except RecursionError:
        return "internal: Python recursion limit (must be 'nested too deeply')"
    except Exception as e:
        return "internal: %s: %s" % (type(e).__name__, e)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def shrink(source, failure, budget=400):
    """A smaller source failing the same way (its first word and exception),
    within `budget` compiles."""
    key = failure.split(":")[:2]
    left = [budget]

    def same(s):
        left[0] -= 1
        return left[0] > 0 and outcome(s).split(":")[:2] == key
    if isinstance(source, bytes):
        return source
    for unit in ("token", "line", "byte"):
        changed = True
        while changed:
            changed = False
            if unit == "token":
                pieces = [source[a:b] for a, b in _tokens(source)]
                join = " "
            elif unit == "line":
                pieces = source.split("\n")
                join = "\n"
            else:
                pieces = list(source)
                join = ""
            chunk = max(1, len(pieces) // 2)
            while chunk >= 1:
                i = 0
                while i < len(pieces):
                    trial = pieces[:i] + pieces[i + chunk:]
                    if trial and same(join.join(trial)):
                        pieces = trial
                        changed = True
                    else:
                        i += chunk
                chunk //= 2
            if changed:
                source = join.join(pieces)      # the last trial that still failed
    return source


def run(mutants, seed, out=sys.stdout, keep=True):
    """Compile `mutants` mutants of the corpus; returns (counts, failures)."""
    rng = random.Random(seed)
    shaders = corpus()
    counts = {"ok": 0, "error": 0, "out of memory": 0}
    failures = []
    started = time.time()
    for k in range(mutants):
        name, text = shaders[rng.randrange(len(shaders))]
        kind, mutant = mutate(rng, text, shaders[rng.randrange(len(shaders))][1])
        result = outcome(mutant)
        if result in counts:
            counts[result] += 1
            continue
        small = shrink(mutant, result)
        failures.append((name, kind, result, small))
        print("%s (%s): %s" % (name, kind, result), file=out)
        if keep:
            os.makedirs(FAILURES, exist_ok=True)
            path = os.path.join(FAILURES, "seed%d_%d.glsl" % (seed, k))
            with open(path, "wb") as f:
                f.write(small if isinstance(small, bytes) else small.encode())
    print("%d mutants (seed %d) in %.0f s: %d compiled, %d positioned errors, %d out of "
          "memory, %d failures" % (mutants, seed, time.time() - started, counts["ok"],
                                   counts["error"], counts["out of memory"], len(failures)),
          file=out)
    return counts, failures
