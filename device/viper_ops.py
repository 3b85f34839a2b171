# The MicroPython-only half of executable memory (device/execmem.py): viper
# functions cannot even be defined under CPython. Everything here is small
# on purpose; the mechanism is described in ../shared/DESIGN.md.

import micropython


def new_stub():
    # A fresh viper function object taking one argument. Its code is
    # compiled once, with this module; each call returns a new object whose
    # code pointer (word 3) can be retargeted. Never exec() viper source
    # at run time: each such compile leaks executable memory until reset.
    @micropython.viper
    def stub(arg):
        pass
    return stub


@micropython.viper
def address_of(buf) -> uint:
    # Data address of a bytearray's storage.
    return uint(ptr8(buf))


@micropython.viper
def copy_words(dst: uint, src: uint, n: int):
    # n 32-bit words from src to dst. Pointer arithmetic with a constant
    # index: MicroPython up to 1.27 clobbers the index register of a
    # register-indexed ptr32 store on RV32.
    end = dst + (uint(n) << 2)
    while dst < end:
        ptr32(dst)[0] = ptr32(src)[0]
        dst += 4
        src += 4


@micropython.viper
def read_word(addr: uint) -> uint:
    return uint(ptr32(addr)[0])


@micropython.viper
def write_word(addr: uint, value: uint):
    ptr32(addr)[0] = value


@micropython.viper
def probe(arg) -> int:
    # Known code for execmem.check_retarget. It must live in this module,
    # with new_stub: a viper function finds its module's constants through
    # the object it is called as (lumajit's generated code does not).
    return int(arg) * 3 + 1
