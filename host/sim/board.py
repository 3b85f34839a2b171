"""The virtual board's serial side: a pty that behaves like a C3's USB serial.

A client (mpremote, the host client, pytest-embedded) opens `board.port`,
the slave of one pty. The device is the real MicroPython interpreter (unix
port) with a C3-sized heap, running in the board's filesystem directory on a
second pty. This process sits between the two as the chip's USB-serial-JTAG
peripheral and MicroPython's driver for it (ports/esp32/usb_serial_jtag.c)
do, and relays every byte by the same rules:

- Input is taken from the host only as fast as the device reads it: a host
  writing faster waits, as USB does when the chip's input buffer is full.
- Ctrl-C while the device runs code (MicroPython has then armed its
  interrupt character) raises KeyboardInterrupt there and is not passed on
  as input. The unix port takes it as SIGINT, so that is what it gets,
  once the code waits (see _waiting). Unarmed, it is input, as on a chip.
- Output waits at most 200 ms for the host to read. Past that the host
  counts as gone and output is dropped until it reads again, so a host that
  stops reading never blocks the board.
- Reboots: the unix port exits where a board soft-reboots (Ctrl-D at an
  empty prompt), so the interpreter itself decides when that is. The relay
  starts it again as a board comes back: "MPY: soft reboot", then the raw
  REPL prompt if the REPL was raw (main.py is skipped, as on a board),
  else main.py and the friendly REPL. An interpreter that crashes (killed
  by a signal, or MicroPython's "FATAL: uncaught NLR", after which the
  chip restarts) or exits otherwise (sys.exit(), as the unix port has no
  machine.reset()) comes back as from the reset button.

Two programs on the port: the pty, like a ttyACM, has one input and one
output stream. A second opener's reads take bytes from the same stream and
its writes interleave with the first's. An exclusive open (pyserial's
exclusive=True, which mpremote and the host client use) is an flock on the
device node, so a second such opener is refused, here as on a ttyACM.
What the board printed while no program had the port open may still be
read by the next one (up to the pty's 4 KB buffer), where a ttyACM would
have dropped it; clients flush their input on connecting either way.
"""

import ctypes
import fcntl
import os
import platform
import pty
import select
import signal
import subprocess
import threading
import time
import tty

CTRL_C = 3
RAW_BANNER = b"raw REPL; CTRL-B to exit\r\n"
RAW_PROMPT = RAW_BANNER + b">"
FRIENDLY_BANNER = b'Type "help()" for more information.\r\n'
SOFT_REBOOT = b"MPY: soft reboot\r\n"
HOST_WAIT = 0.2       # seconds the C3's driver waits for the host to read
INTERRUPT_WAIT = 2.0  # seconds a Ctrl-C waits for the device to reach a safe point
# Linux system calls where the REPL's thread waits safely (see _waiting):
# read, nanosleep, clock_nanosleep, select, pselect6, poll, ppoll.
WAITS = {"x86_64": ("0", "35", "230", "23", "270", "7", "271"),
         "aarch64": ("63", "101", "115", "72", "73")}
# The C3's free heap at boot without WiFi is 150-190 KB (DESIGN.md). This
# port is 64-bit, so the same objects take up to twice the C3's bytes: a
# heap in that range is a pessimistic stand-in. 176k, not the range's
# bottom: the whole language's compiler (76 KB resident here) and a 32x32
# demo frame need it; issue 5 shrinks the compiler.
DEFAULT_HEAP = "176k"


def _nonblocking(fd):
    fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) | os.O_NONBLOCK)


class VirtualBoard:
    def __init__(self, board_dir, micropython, heapsize=DEFAULT_HEAP, boot="main.py"):
        self.board_dir = board_dir
        self.micropython = micropython
        self.heapsize = heapsize
        self.boot = boot                     # run at power-on and soft reboot, if present
        self.process = None
        self.boots = 0                       # interpreter starts: power-on, resets, reboots
        self.raw = False                     # the REPL's mode, as the device last announced it
        self.output_tail = b""               # for announcements split across reads
        self.to_device = b""                 # host input the device has not read yet
        self.host_gone = False
        self.interrupting = False            # a SIGINT sent, not yet answered
        self.interrupt_until = None          # a Ctrl-C waiting for a safe point, until then
        self.held = b""                      # host input after it
        self.stopping = False
        self.reset_requested = False
        self.client_master, client_slave = pty.openpty()
        tty.setraw(client_slave)
        _nonblocking(self.client_master)
        self.port = os.ttyname(client_slave)
        self._client_slave = client_slave   # kept open so the pty stays alive
        self.thread = None

    # ---- the device process -------------------------------------------------------

    def _spawn(self, raw=False):
        # Start the interpreter; main.py runs unless the REPL comes back raw.
        master, slave = pty.openpty()
        tty.setraw(slave)
        args = [self.micropython, "-X", "heapsize=" + self.heapsize]
        if not raw and self.boot and os.path.exists(os.path.join(self.board_dir, self.boot)):
            args += ["-i", self.boot]
        # Started with SIGINT ignored, so that nothing catches it until
        # MicroPython arms Ctrl-C (the unix port here is a CPython process,
        # which would otherwise install its own handler at start-up).
        args = ["/bin/sh", "-c", "trap '' INT; exec \"$0\" \"$@\""] + args
        self.process = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave,
                                        cwd=self.board_dir, close_fds=True)
        os.close(slave)
        self.device_master = master
        self.boots += 1
        self.to_device = b""
        self.interrupting = False
        self.interrupt_until = None
        self.held = b""
        self.raw = raw
        self.output_tail = b""
        if raw:
            os.write(master, b"\r\x01")
            self._read_device_until(RAW_PROMPT)
            self._to_client(RAW_PROMPT)
        _nonblocking(master)

    def _kill(self):
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            os.close(self.device_master)
            self.process = None

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

    def _ended(self):
        # The interpreter has exited: pass on its last words, then come back
        # as a board does.
        while True:
            try:
                data = os.read(self.device_master, 4096)
            except OSError:              # EIO once it has gone, or nothing left
                break
            if not data:
                break
            self._from_device(data)
        # Ctrl-D at an empty prompt (the REPL has just answered it) is a
        # soft reboot. A crash (a signal, or MicroPython's "FATAL: uncaught
        # NLR", after which the chip restarts itself) and any other exit
        # (sys.exit(): the unix port has no machine.reset()) come back as
        # from the reset button.
        soft = self.process.wait() >= 0 and self.output_tail.endswith((b">OK\r\n",
                                                                       b">>> \r\n"))
        os.close(self.device_master)
        self.process = None
        if soft:
            self._to_client(SOFT_REBOOT)
        self._spawn(raw=self.raw and soft)

    def reset(self):
        # The reset button (or a power cycle): the interpreter starts afresh
        # and runs main.py. Done by the relay thread, which owns the device's
        # pty; this only asks for it and waits.
        self.reset_requested = True
        while self.reset_requested and not self.stopping:
            time.sleep(0.01)

    # ---- the relay ------------------------------------------------------------------

    def _to_client(self, data):
        # As the C3's driver: wait a while for the host to take each chunk;
        # a host that does not is gone until it reads again.
        while data:
            _, writable, _ = select.select([], [self.client_master], [],
                                           0 if self.host_gone else HOST_WAIT)
            if not writable:
                self.host_gone = True
                return
            self.host_gone = False
            try:
                data = data[os.write(self.client_master, data):]
            except BlockingIOError:
                pass

    def _from_device(self, data):
        # Output goes to the host; the REPL's banners say which mode it is in.
        seen = self.output_tail + data
        raw_at, friendly_at = seen.rfind(RAW_BANNER), seen.rfind(FRIENDLY_BANNER)
        if raw_at != friendly_at:
            self.raw = raw_at > friendly_at
        self.output_tail = seen[-len(FRIENDLY_BANNER):]
        self.interrupting = False
        self._to_client(data)

    def _from_host(self, data):
        # Ctrl-C interrupts running code instead of being input; the input
        # after it waits until it has (as it waits in the chip's buffer
        # while the code runs).
        at = data.find(CTRL_C)
        if at < 0:
            self.to_device += data
            return
        self.to_device += data[:at]
        self.held = data[at + 1:]
        self.interrupt_until = time.monotonic() + INTERRUPT_WAIT
        self._try_interrupt()

    def _try_interrupt(self):
        # Deliver the pending Ctrl-C: as SIGINT if the device has armed it
        # and is at a safe point (or has computed for INTERRUPT_WAIT without
        # one: an endless loop, not a compile), as input if it has not armed
        # it; else try again shortly.
        state = self._device_state(time.monotonic() > self.interrupt_until)
        if state == "busy":
            return
        if state == "input":
            self.to_device += bytes((CTRL_C,))
        self.interrupt_until = None
        held, self.held = self.held, b""
        self._from_host(held)

    def _device_state(self, anyway=False):
        # "sent" (Ctrl-C armed, SIGINT sent), "busy" (armed, but computing:
        # sent only `anyway`), or "input" (not armed, or one SIGINT already
        # unanswered). The device is stopped meanwhile, so that it cannot
        # disarm in between, which on the unix port would make SIGINT kill it.
        if self.interrupting:
            return "input"
        pid = self.process.pid
        state = "input"
        try:
            os.kill(pid, signal.SIGSTOP)
            try:
                end = time.monotonic() + 0.5
                while not _all_stopped(pid) and time.monotonic() < end:
                    time.sleep(0.0005)
                if _all_stopped(pid) and _sigint_caught(pid):
                    state = "sent" if anyway or _waiting(pid) else "busy"
                    if state == "sent":
                        _interrupt_main_thread(pid)
                        self.interrupting = True
            finally:
                os.kill(pid, signal.SIGCONT)
        except OSError:                   # it has just exited
            pass
        return state

    def _relay(self):
        while not self.stopping:
            if self.reset_requested:
                self._kill()
                self._spawn()
                self.reset_requested = False
            if self.interrupt_until is not None:
                self._try_interrupt()
            # The host's input is read only once the device has taken the
            # last (a host writing faster waits, as on USB) and a Ctrl-C has
            # been delivered.
            waiting = self.to_device or self.interrupt_until is not None
            readable, writable, _ = select.select(
                [self.device_master] + ([] if waiting else [self.client_master]),
                [self.device_master] if self.to_device else [], [],
                0.001 if self.interrupt_until is not None else 0.1)
            if self.device_master in readable:
                try:
                    data = os.read(self.device_master, 4096)
                except OSError:
                    data = b""           # EIO: the interpreter has gone
                if data:
                    self._from_device(data)
                elif self.process.poll() is not None or _wait(self.process, 1.0):
                    self._ended()
                    continue
            if self.device_master in writable:
                try:
                    self.to_device = self.to_device[os.write(self.device_master,
                                                             self.to_device):]
                except BlockingIOError:
                    pass
                except OSError:
                    self.to_device = b""
            if self.client_master in readable:
                try:
                    self._from_host(os.read(self.client_master, 4096))
                except BlockingIOError:
                    pass

    def start(self):
        self._spawn()
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


def _wait(process, seconds):
    try:
        process.wait(seconds)
        return True
    except subprocess.TimeoutExpired:
        return False


def _interrupt_main_thread(pid):
    # SIGINT to the thread that runs the REPL (its id is the process's).
    # The chip has only that one; sent to the process, the signal may land
    # on the frame thread, and this MicroPython raises KeyboardInterrupt in
    # whichever thread took it.
    tgkill = getattr(ctypes.CDLL(None, use_errno=True), "tgkill", None)
    if tgkill is None or tgkill(pid, pid, signal.SIGINT) != 0:
        os.kill(pid, signal.SIGINT)


def _waiting(pid):
    # Is the REPL's thread stopped in a wait MicroPython can be interrupted
    # in: reading (stdin, a file, the native bridge) or sleeping? This unix
    # port raises KeyboardInterrupt from its signal handler, wherever the
    # code is; inside the allocator or a garbage collection (which waits on
    # the other threads) that leaves the heap locked. A chip raises it
    # between bytecodes, so computing code is interrupted there too; here
    # only once it has computed for INTERRUPT_WAIT (an endless loop).
    try:
        with open("/proc/%d/task/%d/syscall" % (pid, pid)) as f:
            call = f.read().split()[0]
    except (OSError, IndexError):
        return False
    return call in WAITS.get(platform.machine(), ())


def _all_stopped(pid):
    # Every thread of the process in state T (stopped); a thread that has
    # just ended is gone from the list.
    for tid in os.listdir("/proc/%d/task" % pid):
        try:
            with open("/proc/%d/task/%s/stat" % (pid, tid)) as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state not in "TZX":          # stopped, or ending
            return False
    return True


def _sigint_caught(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("SigCgt:"):
                return int(line.split()[1], 16) & (1 << (signal.SIGINT - 1)) != 0
    return False
