"""Inline the device package's `const()` names across modules, for its .mpy build.

mpy-cross folds a module's *private* `_NAME = const(v)` away entirely, but a
public `NAME = const(v)` stays in the module's globals (about 50 bytes each on
the 64-bit unix port), and a use from another module (`ir.ADD`, `R.A0`) is a
run-time lookup. The compiler shares ~150 such names (IR opcodes, encodings,
registers): several KB of resident heap for nothing.

This pass rewrites each module's source text before mpy-cross: every use of a
public const of the package, as `alias.NAME` or as an imported or local
`NAME`, becomes its value; definitions become private; imports of const names
are dropped. The source on disk is unchanged and runs as is under CPython;
the MicroPython tests compile the rewritten modules and compare the machine
code they produce byte for byte, so a wrong rewrite cannot pass unseen.
"""

import ast
import os


def _module_name(root, path):
    rel = os.path.relpath(path, os.path.dirname(root))[:-3].replace(os.sep, ".")
    return rel[:-len(".__init__")] if rel.endswith(".__init__") else rel


def _resolve(module, package_of, level, target):
    # The absolute name of `from <level dots><target> import ...` in `module`.
    parts = package_of(module).split(".")
    base = parts[:len(parts) - (level - 1)] if level > 1 else parts
    return ".".join(base + ([target] if target else []))


def _is_const_call(node):
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id == "const" and len(node.args) == 1
            and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, int))


def collect(sources):
    """{module: {NAME: value}} for public module-level `NAME = const(int)`."""
    consts = {}
    for module, (tree, _) in sources.items():
        table = {}
        for node in tree.body:
            if (isinstance(node, ast.Assign) and len(node.targets) == 1
                    and isinstance(node.targets[0], ast.Name) and _is_const_call(node.value)
                    and not node.targets[0].id.startswith("_")):
                table[node.targets[0].id] = node.value.args[0].value
        consts[module] = table
    return consts


class _Rewriter(ast.NodeVisitor):
    def __init__(self, module, consts, package_of):
        self.module = module
        self.consts = consts
        self.package_of = package_of
        self.aliases = {}                       # local name -> module with consts
        self.names = dict(consts.get(module, {}))   # bare name -> value
        self.edits = []                         # (start, end, text)

    def visit_ImportFrom(self, node):
        if not node.level:
            return
        source = _resolve(self.module, self.package_of, node.level, node.module)
        keep = []
        for alias in node.names:
            local = alias.asname or alias.name
            submodule = source + "." + alias.name
            if submodule in self.consts:
                self.aliases[local] = submodule
                keep.append(alias)
            elif alias.name in self.consts.get(source, {}):
                self.names[local] = self.consts[source][alias.name]
            else:
                keep.append(alias)
        if len(keep) != len(node.names):
            text = ("from %s%s import %s" % ("." * node.level, node.module or "",
                                             ", ".join(a.name + (" as " + a.asname if a.asname else "")
                                                       for a in keep))) if keep else "pass"
            self.edits.append((node, text))

    def visit_Assign(self, node):
        # A definition: NAME = const(v) -> _NAME = const(v), so mpy-cross drops it.
        target = node.targets[0] if len(node.targets) == 1 else None
        if (isinstance(target, ast.Name) and _is_const_call(node.value)
                and target.id in self.consts.get(self.module, {})):
            self.edits.append((target, "_" + target.id))
            return
        self.generic_visit(node)

    def visit_Attribute(self, node):
        if isinstance(node.value, ast.Name) and node.value.id in self.aliases:
            table = self.consts[self.aliases[node.value.id]]
            if node.attr in table and isinstance(node.ctx, ast.Load):
                self.edits.append((node, repr(table[node.attr])))
                return
        self.generic_visit(node)

    def visit_Name(self, node):
        if node.id in self.names and isinstance(node.ctx, ast.Load):
            self.edits.append((node, repr(self.names[node.id])))


def _apply(text, edits):
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(lineno, col):
        # ast columns are UTF-8 byte offsets; the device sources are ASCII.
        return starts[lineno - 1] + col

    spans = sorted(((offset(n.lineno, n.col_offset), offset(n.end_lineno, n.end_col_offset), t)
                    for n, t in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def rewrite_package(root):
    """{path: rewritten source} for every .py file under the package `root`."""
    sources = {}
    paths = {}
    for dirpath, _, files in os.walk(root):
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(dirpath, name)
                with open(path) as f:
                    text = f.read()
                module = _module_name(root, path)
                sources[module] = (ast.parse(text), text)
                paths[module] = path
    packages = {m for m in sources if paths[m].endswith("__init__.py")}

    def package_of(module):
        return module if module in packages else module.rpartition(".")[0]

    consts = collect(sources)
    out = {}
    for module, (tree, text) in sources.items():
        rewriter = _Rewriter(module, consts, package_of)
        rewriter.visit(tree)
        out[paths[module]] = _apply(text, rewriter.edits)
    return out
