"""Shrink a generated program that fails, keeping the failure:
`reduce(program, fails)`.

Works on the syntax tree (host/fuzz_ast.py), not the text, in passes
until one changes nothing or the budget of `fails` calls is spent:

  1. drop statements, from any block: all of a block's, then halves,
     then one at a time, last first;
  2. drop whole declarations: helper functions (with their prototypes),
     globals, structs;
  3. lift a statement out of its if (either branch), loop or bare block
     (the block's statements take its place; a loop's counter
     declaration stays);
  4. replace an expression by one of its operands of the same type, or by
     a literal.

A candidate is kept only if it is still a valid program by the same check
the generator makes (fuzz_ast.check: nothing near Q16.16's limits, no knife
edge, nothing undefined) and `fails(text)` says it still fails the same
way; so the shrunk program is as meaningful as the generated one.
"""

import copy

from host import fuzz_ast as A
from host import fuzz_gen


def _walk(program):
    """[(path, node)] of every node: path is (item index, kid index, ...)."""
    out = []
    stack = [((i,), item) for i, item in enumerate(program.items)]
    while stack:
        path, node = stack.pop()
        out.append((path, node))
        for i, k in enumerate(node.kids):
            stack.append((path + (i,), k))
    out.sort(key=lambda pn: pn[0])
    return out


def _at(program, path):
    node = program.items[path[0]]
    for i in path[1:]:
        node = node.kids[i]
    return node


def _valid(program):
    try:
        A.check(program, fuzz_gen.inputs())
        return True
    except (A.Invalid, A.TooCostly, RecursionError):
        return False


def _item_removals(program):
    for i, item in enumerate(program.items):
        if isinstance(item, A.FuncDef) and item.name == "main":
            continue
        yield lambda p, i=i: _remove_item(p, i)


def _remove_item(program, i):
    item = program.items[i]
    del program.items[i]
    if isinstance(item, A.FuncDef):
        program.items[:] = [x for x in program.items
                            if not (isinstance(x, A.Prototype) and x.f is item)]


def _statement_removals(program):
    # Whole blocks' contents first, then halves, then single statements.
    blocks = [(path, len(node.kids)) for path, node in _walk(program)
              if isinstance(node, A.Block) and node.kids]
    for size in (None, 2, 1):
        for path, n in blocks:
            chunk = n if size is None else max(1, n // size) if size == 2 else 1
            if (size == 2 and chunk in (n, 1)) or (size is None and n == 1):
                continue
            for j in reversed(range(0, n, chunk)):
                yield lambda p, path=path, j=j, chunk=chunk: _cut(_at(p, path), j, chunk)


def _cut(block, j, chunk):
    if j >= len(block.kids):
        raise IndexError(j)
    del block.kids[j:j + chunk]


def _liftings(program):
    for path, node in reversed(_walk(program)):
        if not isinstance(node, A.Block):
            continue
        for j, stmt in enumerate(node.kids):
            if isinstance(stmt, (A.If, A.Nested, A.Loop)):
                yield lambda p, path=path, j=j: _lift(_at(p, path), j)
            if isinstance(stmt, A.If) and len(stmt.kids) > 2:
                yield lambda p, path=path, j=j: _lift(_at(p, path), j, 2)


def _lift(block, j, branch=1):
    stmt = block.kids[j]
    if isinstance(stmt, A.If):
        inner = stmt.kids[branch].kids
    elif isinstance(stmt, A.Nested):
        inner = stmt.kids[0].kids
    else:
        inner = list(stmt.kids[:len(stmt.init)]) + stmt.body.kids
    block.kids[j:j + 1] = inner


def _expression_replacements(program, structs):
    for path, node in _walk(program):
        if not isinstance(node, A.Node) or node.ty == "void":
            continue
        parent = _at(program, path[:-1]) if len(path) > 1 else None
        if isinstance(parent, (A.Assign, A.Step)) and path[-1] == 0:
            continue                      # a target, not a value
        for i, kid in enumerate(node.kids):
            if isinstance(kid, A.Node) and kid.ty == node.ty:
                yield lambda p, path=path, i=i: _set(p, path, copy.deepcopy(_at(p, path)
                                                                            .kids[i]))
        if not isinstance(node, A.Lit):
            yield lambda p, path=path, t=node.ty: _set(p, path, A.literal_for(t, None, structs))


def _set(program, path, node):
    _at(program, path[:-1]).kids[path[-1]] = node


def reduce(program, fails, budget=1500):
    """The smallest program found that is valid and `fails`; `budget` caps
    the calls of `fails`."""
    best = program
    size = [len(program.text())]
    structs = {s.name: s.members for s in program.items if isinstance(s, A.StructDef)}
    left = [budget]

    def attempt(change):
        candidate = copy.deepcopy(best)
        try:
            change(candidate)
        except (IndexError, AttributeError):
            return None
        text = candidate.text()
        if len(text) >= size[0] or not _valid(candidate) or left[0] <= 0:
            return None
        left[0] -= 1
        if not fails(text):
            return None
        size[0] = len(text)
        return candidate

    passes = (_statement_removals, _item_removals, _liftings,
              lambda p: _expression_replacements(p, structs))
    changed = True
    while changed and left[0] > 0:
        changed = False
        for candidates in passes:
            done = 0                # candidates of this pass already tried
            while left[0] > 0:
                found = None
                for n, change in enumerate(candidates(best)):
                    if n < done:
                        continue
                    done = n + 1
                    found = attempt(change)
                    if found is not None:
                        break
                if found is None:
                    break
                best = found
                done -= 1           # the next candidate now has this index
                changed = True
    return best
