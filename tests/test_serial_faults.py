"""Serial faults on the virtual board (host/fault_inject.py, which
`python -m host faults` runs): each fault is injected into one shared
board, and after every try the board still answers, the shader it ran
comes back without being sent again (exactly its frames, nothing else
shown), frames pause no longer than the fault allows, and the host client
reported the problem in one line."""

import pytest

from host import fault_inject
from host.fault_inject import FAULTS, inject, table
from host.sim.cli import start

BY_NAME = {f.run.__name__: f for f in FAULTS}


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    board = start(str(tmp_path_factory.mktemp("board")))
    s = fault_inject.Session(board)
    yield s
    s.close()
    board.stop()
    board.bridge.stop()


def injected(session, name):
    # The fault's row, which must pass; its reports joined.
    row = inject(session, BY_NAME[name])
    assert row.ok, "\n" + table([row])
    return row, " ".join(row.reports)


def test_garbage_bytes_do_not_disturb_the_board(session):
    assert injected(session, "garbage")[1] == "next call: ok"


def test_a_stray_ctrl_d_soft_reboots_and_the_shader_comes_back_from_flash(session):
    row, _ = injected(session, "stray_ctrl_d")
    assert row.reboots == 2, table([row])


def test_a_raw_paste_cut_off_is_ended_by_the_next_client(session):
    assert injected(session, "paste_cut_off")[1] == "next call: ok"


def test_a_port_closed_mid_upload_is_reported_in_one_line(session):
    assert "in the middle of a call" in injected(session, "disconnect_mid_upload")[1]


def test_ctrl_c_on_the_host_client_prints_one_line(session):
    report = injected(session, "ctrl_c_on_host")[1]
    assert "exit 130: lumajit: interrupted" in report or "exit 0" in report


def test_a_second_client_is_told_who_holds_the_port(session):
    assert "in use by python (pid " in injected(session, "two_clients")[1]


def test_a_terminal_reading_the_port_gives_a_clear_timeout(session):
    report = injected(session, "terminal_reading")[1]
    assert "no answer from" in report or "got through" in report


def test_a_silent_client_holding_the_port_is_named(session):
    report = injected(session, "silent_client")[1]
    assert "in use by python (pid " in report and "the call got through" in report


def test_a_1mb_shader_is_refused_on_the_host_quoting_the_limit(session):
    report = injected(session, "huge_shader")[1]
    assert report.count("the shader is 1048576 bytes; the board takes at most 16384") == 2


def test_a_shader_over_the_heap_is_reported_as_out_of_memory(session):
    report = injected(session, "heap_sized_shader")[1]
    assert "the board ran out of memory receiving big.glsl" in report


def test_a_1mb_blob_written_raw(session):
    # At the friendly prompt it is read line by line; in the raw REPL its
    # line outgrows the heap once: a crash, then main.py and the friendly
    # REPL take the rest, as after a chip's restart.
    row, _ = injected(session, "blob")
    assert row.reboots == 1, table([row])


def test_nul_bytes_get_a_positioned_error_and_bad_utf8_a_clear_one(session):
    report = injected(session, "bad_bytes")[1]
    assert "nul.glsl:3:53: error: unexpected character" in report
    assert "cannot read latin1.glsl: 'utf-8' codec can't decode" in report


def test_ctrl_c_during_a_load_leaves_a_shader_running(session):
    injected(session, "ctrl_c_mid_load")


def test_a_host_connecting_while_the_board_boots(session):
    # One restart per reset: the host's Ctrl-C did not crash the board.
    row, report = injected(session, "connect_while_booting")
    assert report == "stats: running" and row.reboots == row.tried, table([row])


def test_watch_carries_on_across_a_board_reset(session):
    assert injected(session, "watch_across_reset")[1].startswith("exit 0, 2 loads")
