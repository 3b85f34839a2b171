"""The host's side of the board's serial REPL.

It speaks MicroPython's raw REPL through mpremote's own serial transport
(raw-paste mode for long shaders), without the soft reset mpremote normally
does first: a reset would stop the running shader. Every call goes to the
board's server (device/server.py), which answers with one line of JSON.
"""

import json

from mpremote.transport import TransportError, TransportExecError
from mpremote.transport_serial import SerialTransport

SERVER = "from device.server import get as _lumajit\n_lumajit()."


class BoardError(Exception):
    """The board could not be reached or did not answer as lumajit does."""


class Board:
    def __init__(self, port, timeout=10):
        try:
            self.transport = SerialTransport(port, baudrate=115200)
            self.transport.enter_raw_repl(soft_reset=False, timeout_overall=timeout)
        except (TransportError, OSError) as e:
            raise BoardError("cannot talk to a board on %s: %s" % (port, e))

    def call(self, expression):
        """Run `get().<expression>` on the board; returns its JSON reply."""
        try:
            out = self.transport.exec(SERVER + expression)
        except TransportExecError as e:
            raise BoardError("the board raised an error:\n%s" % e.error_output.strip())
        except TransportError as e:
            raise BoardError("lost the board: %s" % e)
        lines = out.decode("utf-8", "replace").strip().splitlines()
        if not lines:
            raise BoardError("the board did not answer")
        try:
            return json.loads(lines[-1])
        except ValueError:
            raise BoardError("unexpected answer from the board: %s" % lines[-1])

    def load(self, source, name):
        return self.call("load(%r, %r)" % (source, name))

    def close(self):
        try:
            self.transport.exit_raw_repl()
            self.transport.close()
        except (TransportError, OSError):
            pass
