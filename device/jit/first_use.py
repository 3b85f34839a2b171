# The compiler imports some of its modules on first use (loops, structs,
# more builtins...). forget() drops those a compile imported:
# after a compile ran out of memory, so that the heap is back where it was
# (but for their interned names: MicroPython never frees those) and the
# REPL has room to answer; and in the heap measurements, to tell what a
# compile leaves behind from the code it loaded.

import gc
import sys


def forget(known):
    # known: the names in sys.modules before the compile. Nothing is
    # allocated when there is nothing to forget (the heap may be full);
    # otherwise the failed compile's garbage goes first.
    while True:
        for name in sys.modules:
            if name not in known:
                break
        else:
            return
        gc.collect()
        del sys.modules[name]
        parent, _, leaf = name.rpartition(".")
        if parent in sys.modules:
            try:
                delattr(sys.modules[parent], leaf)
            except AttributeError:
                pass
