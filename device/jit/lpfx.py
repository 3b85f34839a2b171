# lpfx: LightPlayer's shader library (noise, random, colour), GLSL that
# lumajit compiles before the user's shader, only the entries it calls.
#
# The text is the data file lpfx.glsl beside this module; its header tells
# where the algorithms come from, their licences, the Q16.16 care taken and
# their value ranges. It is read from the filesystem on demand: held as this
# module's string constants, all of it would sit in the device's heap. Each
# entry starts at a marker line `//@ NAME DEP...` (its name, then the
# entries it calls) and runs to the next marker. Files are read a line at a
# time, never whole; comment and blank lines inside entries are dropped.

from ..compat import jit_file

_PATH = jit_file("jit/lpfx.glsl")

_MARK = "//@ "


def _is_ident_char(c):
    return c == "_" or c.isalpha() or c.isdigit()


def referenced(source):
    # The identifiers in `source` that start with lpfx_ (comments included:
    # a name mentioned in a comment only costs an unused library function).
    found = set()
    at = source.find("lpfx_")
    while at >= 0:
        end = at + 5
        if at == 0 or not _is_ident_char(source[at - 1]):
            while end < len(source) and _is_ident_char(source[end]):
                end += 1
            found.add(source[at:end])
        at = source.find("lpfx_", end)
    return found


def _dependencies():
    # name -> names it calls, from the marker lines alone.
    table = {}
    with open(_PATH) as f:
        while True:
            line = f.readline()
            if not line:
                return table
            if line.startswith(_MARK):
                words = line.split()
                table[words[1]] = words[2:]


def _read(wanted):
    # name -> (text, dependencies) of the entries in `wanted` (every entry
    # if None); stops after the last one wanted.
    found = {}
    name = None
    with open(_PATH) as f:
        while True:
            line = f.readline()
            if not line or line.startswith(_MARK):
                if name is not None:
                    found[name] = ("".join(lines), deps)
                    if wanted is not None and len(found) == len(wanted):
                        return found
                if not line:
                    return found
                words = line.split()
                name = words[1]
                if wanted is not None and name not in wanted:
                    name = None
                    continue
                deps = tuple(words[2:])
                lines = []
            elif name is not None:
                code = line.strip()
                if code and not code.startswith("//"):
                    lines.append(line if line.endswith("\n") else line + "\n")


def needed(names):
    # The library entries `names` call, transitively, each after the entries
    # it depends on. Unknown names are skipped: the compiler reports them
    # as undefined functions. Sorted first so the order never depends on
    # set or dict iteration order.
    table = _dependencies()
    order = []
    done = set()

    def visit(name):
        if name in done:
            return
        done.add(name)
        for dep in table[name]:
            visit(dep)
        order.append(name)

    for name in sorted(names):
        if name in table:
            visit(name)
    return order


def texts(names):
    # The GLSL text of each entry in needed(names), in that order.
    order = needed(names)
    if not order:
        return []
    found = _read(set(order))
    return [found[name][0] for name in order]


def library_source(names):
    # The GLSL text of needed(names), ready to compile before the shader.
    return "".join(texts(names))


def entries():
    # name -> (text, names it calls) for every entry: for tests and host
    # tools (the compiler reads only what it needs).
    return _read(None)
