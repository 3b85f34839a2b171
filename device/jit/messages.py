# The error messages the .mpy build moved out of the compiler's modules
# (host/message_table.py): line i of messages.txt, beside this module, is
# message i. Read only when an error is reported, so the messages take no
# heap until then. The source modules, as CPython runs them, keep their
# messages inline and never import this.

from ..compat import jit_file

_PATH = jit_file("jit/messages.txt")


def text(i):
    with open(_PATH) as f:
        for _ in range(i):
            f.readline()
        line = f.readline()
    return line[:-1] if line.endswith("\n") else line
