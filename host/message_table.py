"""Move the compiler's error messages out of its .mpy modules, for the build.

A string constant in a .mpy module is a heap object from the moment the
module is imported: the 150 or so error messages of the device package,
most never shown, took about 5 KB of the compiler's resident heap on a
32-bit build. This pass (after host/const_inline.py, before mpy-cross)
replaces every string of MIN_CHARS or more inside a call to `error(...)` or
`CompileError(...)` by `messages.text(i)`, and writes the strings, one per line, to
device/jit/messages.txt, which device/jit/messages.py reads when an error
is reported. Such a call runs only to report an error, so nothing else
pays for the file read.

The source on disk is unchanged and runs as is under CPython; the
MicroPython tests compare every error message with CPython's, so a wrong
rewrite cannot pass unseen.
"""

import ast
import os

from host import const_inline

MIN_CHARS = 10          # shorter strings cost little more than the call that replaces them
ERROR_CALLS = ("error", "CompileError")
FILE = os.path.join("device", "jit", "messages.txt")


def _is_error_call(node):
    if not isinstance(node, ast.Call):
        return False
    f = node.func
    name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", None)
    return name in ERROR_CALLS


def _messages_in(call, in_fstring):
    # The str constants long enough to move among a call's arguments.
    found = []
    for arg in list(call.args) + [k.value for k in call.keywords]:
        for node in ast.walk(arg):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and len(node.value) >= MIN_CHARS and node not in in_fstring):
                found.append(node)
    return found


def _import_line(module):
    # `from <package> import messages` for a module of the device package
    # ("device.jit.parser", "device.alloc_fast"). No alias: every name is a
    # qstr on the board, and the pools that hold them grow by doubling.
    if module.startswith("device.jit."):
        return "from . import messages\n"
    return "from .jit import messages\n"


def extract(sources, root):
    """(sources with messages replaced, [message]) for {path: text} of the
    package at `root`, in sorted path order so the table is reproducible."""
    messages = []
    index = {}
    out = {}
    for path in sorted(sources):
        text = sources[path]
        tree = ast.parse(text)
        in_fstring = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                in_fstring.update(ast.walk(node))
        edits = []
        for node in ast.walk(tree):
            if _is_error_call(node):
                for const in _messages_in(node, in_fstring):
                    message = const.value
                    if "\n" in message or "\r" in message:
                        raise ValueError("%s:%d: a message with a line break cannot be moved"
                                         % (path, const.lineno))
                    if message not in index:
                        index[message] = len(messages)
                        messages.append(message)
                    edits.append((const, "messages.text(%d)" % index[message]))
        if edits:
            # A string inside nested error calls is found once per call.
            seen = set()
            unique = []
            for node, new in edits:
                if id(node) not in seen:
                    seen.add(id(node))
                    unique.append((node, new))
            module = const_inline._module_name(root, path)
            text = _import_line(module) + const_inline._apply(text, unique)
        out[path] = text
    return out, messages


def write(messages, out_dir):
    path = os.path.join(out_dir, FILE)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for m in messages:
            f.write(m + "\n")
    return path
