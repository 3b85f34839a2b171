# Recursion across functions: a cycle of calls (a calls b calls a) cannot
# run without a stack frame per call depth, which compiled shaders do not
# have. Direct recursion is caught at the call; a cycle needs a call to a
# later function, so the parser imports this check only then.

def check(p):
    # A cycle of calls (a calls b calls a) cannot run without a stack
    # per call; direct recursion was caught at the call itself.
    n = len(p.defined)
    edges = [[] for _ in range(n)]
    c = p.calls
    for i in range(0, len(c), 4):
        edges[c[i]].append((c[i + 1], c[i + 2], c[i + 3]))
    state = bytearray(n)           # 0 new, 1 on the path, 2 done
    for root in range(n):
        if state[root]:
            continue
        path = [(root, 0)]
        state[root] = 1
        while path:
            f, k = path[-1]
            if k == len(edges[f]):
                state[f] = 2
                path.pop()
                continue
            path[-1] = (f, k + 1)
            g, line, col = edges[f][k]
            if state[g] == 1:
                raise_recursion(p, p.defined[g].name, line, col)
            if state[g] == 0:
                state[g] = 1
                path.append((g, 0))


def raise_recursion(p, name, line, col):
    p.error("recursion is not supported ('%s' is part of a cycle of calls)" % name, (line, col))
