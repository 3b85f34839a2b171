# Executable memory: where compiled shader code lives and how it is called.
#
# On the ESP32-C3 (MicroPython >= 1.24, memory protection off as in the
# official builds) every heap byte is executable at its data address +
# 0x700000, the instruction-bus alias; the data address itself is not (PMP).
# So code is written into a bytearray (the arena) through its data address
# and run at the alias, called through a viper function object whose code
# pointer, word 3 of the object, is set to that address. The object's call
# then jumps to our code as fn(self, n_args, n_kw, args) (see
# device/jit/frame.py). The arena must stay referenced: the GC does not see
# 0x403... pointers. After rewriting code that has run, fence.i.
#
# The arena's first bytes are a tiny routine, `fence.i; li a0, 1; ret`, so
# that Python can execute the fence. Shader code is loaded after it.

import sys

IBUS_OFFSET = 0x700000
ARCH_RV32IMC = 11           # sys.implementation._mpy >> 10 & 0xF on an ESP32-C3
MIN_VERSION = (1, 24, 0)    # first release whose C3 build has the native emitter
WORD_INDEX_OF_CODE = 3      # mp_obj_fun_bc_t: base, context, child_table, bytecode
# fence.i ; c.li a0, 1 ; c.jr ra  (returns the small int 0)
FENCE_ROUTINE = b"\x0f\x10\x00\x00\x05\x45\x82\x80"


class FirmwareError(Exception):
    pass


def firmware_problem(impl=None):
    # Why this interpreter cannot run lumajit's native code, or None.
    impl = impl or sys.implementation
    if impl.name != "micropython":
        return "lumajit's native code runs under MicroPython, not %s" % impl.name
    version = tuple(impl.version[:3])
    if version < MIN_VERSION:
        return ("MicroPython %d.%d.%d has no RV32 native emitter on the ESP32-C3; "
                "flash 1.24 or later (1.28 recommended: python -m host flash)" % version)
    arch = (getattr(impl, "_mpy", 0) >> 10) & 0xF
    if arch != ARCH_RV32IMC:
        return ("this firmware's native code is for architecture %d, not RV32IMC: "
                "lumajit needs an ESP32-C3" % arch)
    return None


def check_firmware():
    problem = firmware_problem()
    if problem:
        raise FirmwareError(problem)


def check_retarget():
    # Retarget a fresh stub to a known viper function and call it: proves,
    # on this very firmware, that word 3 of a function object is its code
    # pointer before any generated code is entered that way.
    ops = _ops()
    stub = ops.new_stub()
    target = code_address(ops.probe)
    retarget(stub, target)
    if code_address(stub) != target or stub(14) != 43:
        raise FirmwareError("this firmware's function objects are not laid out as lumajit "
                            "expects (code pointer at word %d); refusing to run native code"
                            % WORD_INDEX_OF_CODE)


def word_bytes():
    return 8 if sys.maxsize > 2 ** 32 else 4


class CodeArena:
    # A fixed bytearray holding the running shader's code, and the callable
    # that enters it. Created once, at start-up, before the heap fragments.

    def __init__(self, size):
        from . import viper_ops
        self.ops = viper_ops
        self.size = size
        self.buf = bytearray(size)
        self.data = viper_ops.address_of(self.buf)
        self.code = len(FENCE_ROUTINE)      # where shader code starts
        self.buf[:self.code] = FENCE_ROUTINE
        self.fence = self.function(0)
        self.entry = None

    def function(self, offset):
        # A viper function object that runs the code at arena offset.
        fn = self.ops.new_stub()
        retarget(fn, self.data + offset + IBUS_OFFSET)
        return fn

    def load(self, code, entry):
        # Copy a program (its length a multiple of 2) and return the frame
        # function. The previous program must not be running.
        n = (len(code) + 3) // 4
        if self.code + 4 * n > self.size:
            raise MemoryError("shader code (%d bytes) does not fit the %d-byte code arena"
                              % (len(code), self.size - self.code))
        staging = bytearray(4 * n)
        staging[:len(code)] = code
        self.ops.copy_words(self.data + self.code, self.ops.address_of(staging), n)
        self.fence(0)
        self.entry = self.function(self.code + entry)
        return self.entry


def retarget(fn, address):
    # Point viper function object fn at machine code at address.
    ops = _ops()
    at = id(fn) + WORD_INDEX_OF_CODE * word_bytes()
    ops.write_word(at, address & 0xFFFFFFFF)
    if word_bytes() == 8:
        ops.write_word(at + 4, address >> 32)


def code_address(fn):
    # Where viper function object fn's machine code is.
    ops = _ops()
    at = id(fn) + WORD_INDEX_OF_CODE * word_bytes()
    address = ops.read_word(at)
    if word_bytes() == 8:
        address |= ops.read_word(at + 4) << 32
    return address


def _ops():
    from . import viper_ops
    return viper_ops
