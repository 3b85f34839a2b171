"""Out of memory on the virtual board (host/oom_runs.py): the real
MicroPython interpreter with the board's heap, frames on the emulated C3.

With ballast leaving from nothing to all of the heap free, loading the
Perlin benchmark and widening the layout each answer one clean line of
JSON, give the heap back when refused, and leave the previous shader
rendering the very LED frames the host computes; with the heap back, both
work. A compile cut short by a full heap leaves the Workspace fit for the
next one. Powered on with too small a heap the board says so in one line and
its REPL still answers; with enough, it renders its saved shader."""

import os

import pytest

from host import oom_runs
from host.oom_runs import BallastBoard, LOAD_PERLIN, WIDER_LAYOUT, NOISE
from host.sim.board import DEFAULT_HEAP

pytestmark = pytest.mark.skipif(not os.path.exists(oom_runs.PERLIN),
                                reason="the shared/ folder with the benchmarks is not beside the repo")


@pytest.fixture(scope="module")
def perlin_board():
    with open(oom_runs.PERLIN) as f:
        board = BallastBoard(source=f.read())
    yield board
    board.close()


@pytest.fixture(scope="module")
def plain_board():
    board = BallastBoard()
    yield board
    board.close()


def refused(row):
    assert row.clean, row
    assert not row.outcome.startswith("ok"), row
    assert abs(row.leaked) <= NOISE, row
    assert row.rendering, row
    return row.outcome


def test_a_compile_that_does_not_fit_is_refused_cleanly(perlin_board):
    # With nearly nothing free, not even the stage fits in the answer.
    assert refused(perlin_board.attempt(0, LOAD_PERLIN)) == "error: out of memory (the heap is full)"
    for free in (8192, 12288):
        assert refused(perlin_board.attempt(free, LOAD_PERLIN)).startswith(
            "perlin.glsl: error: out of memory while compiling (")


def test_refused_compiles_do_not_add_up(perlin_board):
    # A leak of 26 bytes per attempt would show.
    used, _ = perlin_board.heap_in_use()
    for _ in range(10):
        refused(perlin_board.attempt(10240, LOAD_PERLIN))
    assert abs(perlin_board.heap_in_use()[0] - used) <= 2 * NOISE


def test_with_the_heap_back_the_big_shader_loads(perlin_board):
    row = perlin_board.attempt(None, LOAD_PERLIN)
    assert row.clean and row.outcome == "ok" and row.rendering, row


def test_a_layout_whose_buffers_do_not_fit_is_refused_and_the_old_one_renders(plain_board):
    refused(plain_board.attempt(0, WIDER_LAYOUT))
    assert refused(plain_board.attempt(4096, WIDER_LAYOUT)) == \
        "out of memory for the frame buffers of these settings; nothing changed"


def test_with_the_heap_back_the_wider_layout_renders(plain_board):
    # rendering: the LED frames of the small shader on 32x16, as computed.
    row = plain_board.attempt(None, WIDER_LAYOUT)
    assert row.clean and row.outcome == "ok" and row.rendering, row


@pytest.mark.parametrize("call", ["stats()", "pixels()", "config()"])
def test_every_answer_is_clean_in_a_full_heap(plain_board, call):
    refused(plain_board.attempt(0, call))


def test_a_compile_cut_short_by_memory_leaves_nothing_behind():
    # Under MicroPython itself: after each MemoryError, wherever the compile
    # stopped, the same Workspace compiles Perlin and a small shader to a
    # fresh Workspace's bytes.
    cuts = oom_runs.workspace_after_oom()
    assert [c for c in cuts if not c[2]] == []
    stages = set(stage.split()[0] for _, stage, _ in cuts)
    assert {"preprocess", "signatures", "parse", "allocate", "compiled"} <= stages


def test_power_on_says_in_one_line_when_the_heap_is_too_small():
    small, smaller, enough = oom_runs.boot_rows(("16k", "160k", DEFAULT_HEAP))
    for row in (small, smaller):
        # clean: one line of JSON, one boot, and a REPL that answers after.
        assert row.clean, row
        assert row.outcome.startswith("lumajit: error: out of memory while starting: a heap of")
        assert not row.rendering
    assert enough.clean and enough.outcome == "ok: renders Perlin" and enough.rendering, enough
