# The program's code while it is being built: one bytearray allocated at the
# start of a compile, while the heap is still unfragmented, growing only if
# a program outgrows it. The finished code is a view of it, not a copy.

DEFAULT_CAPACITY = 4096


class CodeBuffer:
    def __init__(self, capacity=DEFAULT_CAPACITY):
        self.buf = bytearray(capacity)
        self.size = 0

    def reserve(self, n):
        # Make room for n more bytes; returns the offset they start at.
        # Instructions come a few bytes at a time: the buffer doubles. A
        # large request (the linker's, for all the helpers at once) is
        # the program's final size: it grows to exactly that.
        at = self.size
        if at + n > len(self.buf):
            cap = len(self.buf) * 2
            if n >= 256:
                cap = at + n
            while cap < at + n:
                cap *= 2
            grown = bytearray(cap)
            grown[:at] = memoryview(self.buf)[:at]
            self.buf = grown
        self.size = at + n
        return at

    def put(self, data):
        at = self.reserve(len(data))
        self.buf[at:at + len(data)] = data

    def put_insn(self, w):
        n = 4 if w & 3 == 3 else 2
        at = self.reserve(n)
        buf = self.buf
        for i in range(n):
            buf[at + i] = (w >> (8 * i)) & 0xFF

    def patch32(self, at, w):
        buf = self.buf
        for i in range(4):
            buf[at + i] = (w >> (8 * i)) & 0xFF

    def align(self, n):
        # Zero padding: the buffer is reused, and a program's bytes must not
        # depend on what the previous compile left there.
        while self.size % n:
            self.buf[self.reserve(1)] = 0

    def finish(self):
        # The code, as a view of exactly its bytes.
        return memoryview(self.buf)[:self.size]
