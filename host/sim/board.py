"""The virtual board's serial side: a pty that behaves like a C3's USB serial.

A client (mpremote, the host client, pytest-embedded) opens `board.port`,
the slave of one pty. The device is the real MicroPython interpreter (unix
port) with a C3-sized heap, running in the board's filesystem directory on a
second pty. This process sits between the two like the chip's USB-serial
bridge and relays every byte, with one job of its own: the unix port exits
where a board soft-reboots (Ctrl-D at an empty raw-REPL prompt, or in the
friendly REPL). The relay sees that Ctrl-D coming, restarts the interpreter
and answers the way a board does ("MPY: soft reboot", then the raw REPL
prompt again, or main.py and the friendly REPL), so clients see a board.
"""

import os
import pty
import select
import subprocess
import threading
import time
import tty

CTRL_A, CTRL_B, CTRL_C, CTRL_D = 1, 2, 3, 4
RAW_PROMPT = b"raw REPL; CTRL-B to exit\r\n>"
SOFT_REBOOT = b"MPY: soft reboot\r\n"
# The C3's free heap at boot without WiFi is 150-190 KB (DESIGN.md). This
# port is 64-bit, so the same objects take up to twice the C3's bytes: a
# heap in that range is a pessimistic stand-in. 176k, not the range's
# bottom: the whole language's compiler (76 KB resident here) and a 32x32
# demo frame need it; issue 5 shrinks the compiler.
DEFAULT_HEAP = "176k"


class RawReplTracker:
    """Follows the client's side of the REPL protocol: which mode the device
    is in, and whether a raw-REPL input is empty (where Ctrl-D soft-reboots)."""

    def __init__(self):
        self.raw = False
        self.raw_empty = True

    def is_soft_reset(self, byte):
        # Must `byte`, sent by the client, soft-reboot the board?
        if byte == CTRL_A:
            self.raw = True
            self.raw_empty = True
        elif byte == CTRL_B:
            self.raw = False
        elif byte == CTRL_D:
            if not self.raw or self.raw_empty:
                return True
            self.raw_empty = True           # executes the input
        elif self.raw and byte != CTRL_C:
            self.raw_empty = False
        return False


class VirtualBoard:
    def __init__(self, board_dir, micropython, heapsize=DEFAULT_HEAP, boot="main.py"):
        self.board_dir = board_dir
        self.micropython = micropython
        self.heapsize = heapsize
        self.boot = boot                     # run at power-on and soft reboot, if present
        self.process = None
        self.tracker = RawReplTracker()
        self.stopping = False
        self.reset_requested = False
        self.client_master, client_slave = pty.openpty()
        tty.setraw(client_slave)
        self.port = os.ttyname(client_slave)
        self._client_slave = client_slave   # kept open so the pty stays alive
        self.thread = None

    # ---- the device process -------------------------------------------------------

    def _spawn(self, run_boot):
        master, slave = pty.openpty()
        tty.setraw(slave)
        args = [self.micropython, "-X", "heapsize=" + self.heapsize]
        if run_boot and self.boot and os.path.exists(os.path.join(self.board_dir, self.boot)):
            args += ["-i", self.boot]
        self.process = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave,
                                        cwd=self.board_dir, close_fds=True)
        os.close(slave)
        self.device_master = master

    def _kill(self):
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            os.close(self.device_master)
            self.process = None

    def _drain_device(self):
        # Pass on what the interpreter printed before it ended.
        while True:
            r, _, _ = select.select([self.device_master], [], [], 0)
            if not r:
                return
            try:
                data = os.read(self.device_master, 4096)
            except OSError:
                return
            if not data:
                return
            self._to_client(data)

    def _read_device_until(self, marker, timeout=5.0):
        data = b""
        end = time.time() + timeout
        while not data.endswith(marker) and time.time() < end:
            r, _, _ = select.select([self.device_master], [], [], 0.05)
            if r:
                try:
                    data += os.read(self.device_master, 4096)
                except OSError:
                    break
        return data

    def soft_reboot(self):
        # What a board does on Ctrl-D: restart, say so, come back in the same mode.
        raw = self.tracker.raw
        self._kill()
        self._to_client(b"OK\r\n" if raw else b"\r\n")
        self._to_client(SOFT_REBOOT)
        if raw:
            self._spawn(run_boot=False)
            os.write(self.device_master, b"\r\x01")
            self._read_device_until(RAW_PROMPT)
            self._to_client(RAW_PROMPT)
            self.tracker.raw_empty = True
        else:
            self._spawn(run_boot=True)

    def reset(self):
        # The reset button (or a power cycle): the interpreter starts afresh
        # and runs main.py. Done by the relay thread, which owns the device's
        # pty; this only asks for it and waits.
        self.reset_requested = True
        while self.reset_requested and not self.stopping:
            time.sleep(0.01)

    # ---- the relay ------------------------------------------------------------------

    def _to_client(self, data):
        os.write(self.client_master, data)

    def _relay(self):
        while not self.stopping:
            if self.reset_requested:
                self.tracker = RawReplTracker()
                self._kill()
                self._spawn(run_boot=True)
                self.reset_requested = False
            fds = [self.client_master, self.device_master]
            try:
                readable, _, _ = select.select(fds, [], [], 0.1)
            except (OSError, ValueError):
                continue
            if self.device_master in readable:
                try:
                    data = os.read(self.device_master, 4096)
                except OSError:
                    data = b""           # the interpreter has gone (EIO)
                if data:
                    self._to_client(data)
            if self.process is not None and self.process.poll() is not None:
                # The interpreter ended on its own (sys.exit, a crash): a reset.
                self._drain_device()
                self.tracker = RawReplTracker()
                self._kill()
                self._to_client(SOFT_REBOOT)
                self._spawn(run_boot=True)
                continue
            if self.client_master in readable:
                data = os.read(self.client_master, 4096)
                forward = bytearray()
                for byte in data:
                    if self.tracker.is_soft_reset(byte):
                        if forward:
                            os.write(self.device_master, bytes(forward))
                            forward = bytearray()
                        self.soft_reboot()
                    else:
                        forward.append(byte)
                if forward:
                    os.write(self.device_master, bytes(forward))

    def start(self):
        self._spawn(run_boot=True)
        self.thread = threading.Thread(target=self._relay, daemon=True)
        self.thread.start()
        return self

    def stop(self):
        self.stopping = True
        if self.thread is not None:
            self.thread.join(2)
        self._kill()
        os.close(self.client_master)
        os.close(self._client_slave)
