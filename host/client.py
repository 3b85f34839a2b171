"""The host's side of the board's serial REPL.

It speaks MicroPython's raw REPL through mpremote's own serial transport
(raw-paste mode for long shaders), without the soft reset mpremote normally
does first: a reset would stop the running shader. Every call goes to the
board's server (device/server.py), which answers with one line of JSON.

Whatever goes wrong on the way is a BoardError with a one-line message:
the port held by another program (named), no REPL prompt, the board gone
mid-call, the board's own exception. A Board that failed is done with; a
new one reconnects. Connecting interrupts whatever the board's REPL was
left doing (a half-sent paste, a running command) with Ctrl-C, as
mpremote does, and tries once more if the prompt does not come.
"""

import contextlib
import errno
import io
import json
import os
import struct

import serial
from mpremote.transport import TransportError, TransportExecError
from mpremote.transport_serial import SerialTransport

from device.server import MAX_SOURCE

SERVER = "from device.server import get as _lumajit\n_lumajit()."
# A single read waits at most this long; mpremote's default, None, waits
# forever on a pty for a board that never answers. Its own loops that wait
# for a prompt or a reply have their own, longer limits (10 s per byte).
READ_TIMEOUT = 1


class BoardError(Exception):
    """The board could not be reached or did not answer as lumajit does."""


class ShaderTooLarge(BoardError):
    """A shader over the board's limit, refused before sending."""


def check_size(source, name):
    size = len(source.encode("utf-8"))
    if size > MAX_SOURCE:
        raise ShaderTooLarge("%s: error: the shader is %d bytes; the board takes at most %d"
                             % (name, size, MAX_SOURCE))


class Board:
    def __init__(self, port, timeout=10):
        self.port = port
        try:
            self.transport = SerialTransport(port, baudrate=115200, timeout=READ_TIMEOUT)
        except TransportError:
            raise BoardError("cannot open %s: %s" % (port, why_not_open(port)))
        try:
            self._enter_raw_repl(timeout)
        except BoardError:
            self._close_port()
            raise

    def _enter_raw_repl(self, timeout):
        # Ctrl-C, then Ctrl-B: a raw REPL left with a long line of junk
        # keeps that line's buffer (heap) until it is left. The first Ctrl-C
        # may reach a board that holds it back (mid-swap of a shader) or
        # only end a half-sent paste; a second try follows.
        for attempt in (min(2, timeout), timeout):
            try:
                self.transport.serial.write(b"\r\x03\x02")
                # (mpremote prints what it got instead of the prompt)
                with contextlib.redirect_stdout(io.StringIO()):
                    self.transport.enter_raw_repl(soft_reset=False, timeout_overall=attempt)
                return
            except TransportError:
                pass
            except OSError as e:          # pyserial's errors are OSErrors
                raise BoardError("lost %s: %s" % (self.port, e))
        raise BoardError("no answer from %s: it does not come to its REPL prompt (another "
                         "program reading the port, or no MicroPython on it?)" % self.port)

    def call(self, expression):
        """Run `get().<expression>` on the board; returns its JSON reply."""
        try:
            # Between calls the raw REPL says nothing. Output now means the
            # board restarted (reset, soft reboot) or another program wrote
            # to it: its REPL is entered again.
            if self.transport.serial.in_waiting:
                self.transport.serial.read(self.transport.serial.in_waiting)
                self._enter_raw_repl(10)
            with contextlib.redirect_stdout(io.StringIO()):     # mpremote's own prints
                out = self.transport.exec(SERVER + expression)
        except TransportExecError as e:
            raise BoardError("the board raised %s" % last_line(e.error_output))
        except (TransportError, struct.error) as e:
            # struct.error: a raw-paste window cut short
            raise BoardError("no answer from %s in the middle of a call (%s): another program "
                             "reading the port, or the board reset? Connect again"
                             % (self.port, str(e) or type(e).__name__))
        except OSError as e:          # pyserial's errors are OSErrors
            raise BoardError("lost %s in the middle of a call: %s; connect again" % (self.port, e))
        lines = out.decode("utf-8", "replace").strip().splitlines()
        if not lines:
            raise BoardError("the board did not answer")
        try:
            return json.loads(lines[-1])
        except ValueError:
            raise BoardError("unexpected answer from the board: %s" % lines[-1][:200])

    def load(self, source, name):
        check_size(source, name)
        try:
            return self.call("load(%r, %r)" % (source, name))
        except BoardError as e:
            if "MemoryError" in str(e):
                raise BoardError("the board ran out of memory receiving %s (%d bytes; %s)"
                                 % (name, len(source.encode("utf-8")),
                                    str(e).replace("the board raised ", "")))
            raise

    def close(self):
        try:
            self.transport.exit_raw_repl()
        except (TransportError, OSError):
            pass
        self._close_port()

    def _close_port(self):
        try:
            self.transport.close()
        except (TransportError, OSError):
            pass


def last_line(text):
    lines = text.strip().splitlines()
    return lines[-1].strip() if lines else "an error"


def why_not_open(port):
    """One line on why `port` cannot be opened: missing, refused, or held
    by another program (named when it can be found)."""
    try:
        serial.Serial(port, exclusive=True).close()
    except serial.SerialException as e:
        if e.errno == errno.EAGAIN:
            return "in use by %s" % (lock_holder(port) or "another program")
        if e.errno == errno.ENOENT:
            return "no such port"
        if e.errno == errno.EACCES:
            return "permission denied (on Linux, join the dialout group)"
        return str(e)
    return "it could not be opened"


def lock_holder(port):
    # "NAME (pid N)" of the process holding the port's exclusive lock (an
    # flock, listed in Linux's /proc/locks by device and inode).
    try:
        st = os.stat(port)
        with open("/proc/locks") as f:
            locks = f.read().splitlines()
    except OSError:
        return None
    where = "%02x:%02x:%d" % (os.major(st.st_dev), os.minor(st.st_dev), st.st_ino)
    for line in locks:
        fields = line.split()
        if len(fields) > 5 and fields[1] == "FLOCK" and fields[5] == where:
            try:
                with open("/proc/%s/comm" % fields[4]) as f:
                    return "%s (pid %s)" % (f.read().strip(), fields[4])
            except OSError:
                return "pid %s" % fields[4]
    return None
