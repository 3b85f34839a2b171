# Recursion across functions: a cycle of calls (a calls b calls a) cannot
# run without a stack frame per call depth, which compiled shaders do not
# have. Direct recursion is caught at the call; a cycle needs a call to a
# later function, so the parser imports this check only then.

def check(p):
    # A cycle of calls (a calls b calls a) cannot run without a stack
    # per call; direct recursion was caught at the call itself.
    n = len(p.defined)
    edges = [[] for _ in range(n)]
    for caller, callee, line, col in p.calls:
        edges[caller].append((callee, line, col))
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
