"""The virtual board's native side: what the chip's CPU and LED wire would do.

The device package runs unchanged in the MicroPython interpreter except for
one small layer, device/sim_platform.py, which cannot exist on a PC: it
cannot put RV32 code in executable memory, call it, or drive an LED wire.
It sends those three acts here instead, over two FIFOs in the board's
directory, and this thread does them on the emulated C3 core:

  L  load code     payload: entry offset (u32) + program bytes; reply empty
  F  run a frame   payload: the parameter block with the globals
                   (device/jit/frame.py) + the coordinate table + the
                   256-byte LUT if P_LUT != 0; reply: the output buffer's
                   bytes, then the block's P_FAULT word after the frame
  S  show LEDs     payload: the LED bytes as sent to the strip; reply empty

Messages are op (1 byte) + length (u32 LE) + payload; replies are length +
payload. The address fields of the parameter block are the device's; they
are replaced here by where the same data sits in the emulator.
"""

import collections
import os
import struct
import threading

from device.jit import frame as F
from host.emulator import C3Emulator
from host.render import instruction_limit

CODE_REGION = 64 * 1024
FRAMES_KEPT = 240
MAX_GLOBALS = 2048     # bytes of globals a program may have (shader_globals.py limits them)


class NativeBridge:
    def __init__(self, directory):
        self.req_path = os.path.join(directory, ".sim-req")
        self.resp_path = os.path.join(directory, ".sim-resp")
        for path in (self.req_path, self.resp_path):
            if not os.path.exists(path):
                os.mkfifo(path)
        self.emu = C3Emulator()
        self.code_at = self.emu.alloc(CODE_REGION)
        self.entry = None
        self.params = self.emu.alloc(F.PARAMS_BYTES + MAX_GLOBALS)
        self.areas = {}                   # name -> (address, capacity)
        self.frames = collections.deque(maxlen=FRAMES_KEPT)   # LED bytes shown
        self.shown = 0                    # frames shown since power-on (frames keeps the last few)
        self.instructions = 0             # in the last frame
        self.stopping = False
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        # Stop the device first (VirtualBoard.stop): its FIFOs then close.
        self.stopping = True
        # Unblock a thread waiting in open() for a device that never comes.
        for path, mode in ((self.req_path, os.O_WRONLY), (self.resp_path, os.O_RDONLY)):
            try:
                os.close(os.open(path, mode | os.O_NONBLOCK))
            except OSError:
                pass
        # The emulator must not be mid-call when the interpreter exits.
        if self.thread.is_alive():
            self.thread.join(5)

    def _area(self, name, size):
        # Emulator memory for one kind of buffer, reused while it is big enough.
        at, capacity = self.areas.get(name, (0, -1))
        if size > capacity:
            at, capacity = self.emu.alloc(max(size, 16)), max(size, 16)
            self.areas[name] = (at, capacity)
        return at

    def _serve(self):
        # One device process at a time; a soft reboot starts a new one.
        while not self.stopping:
            try:
                with open(self.req_path, "rb", buffering=0) as req, \
                        open(self.resp_path, "wb", buffering=0) as resp:
                    self._serve_device(req, resp)
            except (BrokenPipeError, ConnectionError):
                pass    # the device process ended (reset); wait for the next one

    def _serve_device(self, req, resp):
        while not self.stopping:
            header = _read_exactly(req, 5)
            if header is None:
                return
            op, n = header[:1], struct.unpack("<I", header[1:])[0]
            payload = _read_exactly(req, n)
            if payload is None:
                return
            reply = self._handle(op, payload)
            resp.write(struct.pack("<I", len(reply)) + reply)

    def _handle(self, op, payload):
        if op == b"L":
            entry = struct.unpack_from("<I", payload)[0]
            code = payload[4:]
            if len(code) > CODE_REGION:
                raise ValueError("program larger than the emulator's code region")
            self.emu.write(self.code_at, code)
            self.emu.invalidate_code()
            self.entry = self.code_at + entry
            return b""
        if op == b"F":
            return self._frame(payload)
        if op == b"S":
            self.frames.append(bytes(payload))
            self.shown += 1
            return b""
        raise ValueError("unknown bridge op %r" % op)

    def _frame(self, payload):
        count = struct.unpack_from("<i", payload, F.P_COUNT)[0]
        led_mode = struct.unpack_from("<I", payload, F.P_LUT)[0] != 0
        table_bytes = 8 * count
        # The parameter block with the program's globals, then the table
        # and, for LEDs, the LUT.
        params_bytes = len(payload) - table_bytes - (256 if led_mode else 0)
        if not F.PARAMS_BYTES <= params_bytes <= F.PARAMS_BYTES + MAX_GLOBALS:
            raise ValueError("bad frame request: %d bytes of parameters" % params_bytes)
        params = bytearray(payload[:params_bytes])
        table = payload[params_bytes:params_bytes + table_bytes]
        out_bytes = count * (F.LED_BYTES_PER_LED if led_mode else F.RAW_BYTES_PER_LED)
        emu = self.emu
        table_at = self._area("table", table_bytes)
        emu.write(table_at, table)
        out_at = self._area("out", out_bytes)
        lut_at = 0
        if led_mode:
            lut_at = self._area("lut", 256)
            emu.write(lut_at, payload[params_bytes + table_bytes:params_bytes + table_bytes + 256])
        struct.pack_into("<I", params, F.P_OUT, out_at)
        struct.pack_into("<I", params, F.P_COORDS, table_at)
        struct.pack_into("<I", params, F.P_LUT, lut_at)
        emu.write(self.params, bytes(params))
        fuel = struct.unpack_from("<i", params, F.P_FUEL)[0]
        result = emu.call_viper(self.entry, [self.params],
                                max_instructions=instruction_limit(count, fuel))
        self.instructions = result.instructions
        return emu.read(out_at, out_bytes) + emu.read(self.params + F.P_FAULT, 4)


def _read_exactly(f, n):
    data = b""
    while len(data) < n:
        chunk = f.read(n - len(data))
        if not chunk:
            return None
        data += chunk
    return data
