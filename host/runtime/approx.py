"""Polynomial fitting for the runtime helpers' approximations (host only):
the coefficients are computed when the helpers are assembled, so their
derivation is code, not copied numbers."""

import math


def solve(rows):
    # The solution of a square linear system, each row its coefficients
    # then its right-hand side, by Gauss-Jordan elimination.
    n = len(rows)
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(rows[r][c]))
        rows[c], rows[p] = rows[p], rows[c]
        for r in range(n):
            if r != c:
                k = rows[r][c] / rows[c][c]
                rows[r] = [rows[r][j] - k * rows[c][j] for j in range(n + 1)]
    return [rows[i][n] / rows[i][i] for i in range(n)]


def fit_polynomial(f, f0, degree):
    # Coefficients c0..c_degree of p(x) = f0 + x * q(x) on [0, 1], q
    # interpolating (f(x) - f0) / x at Chebyshev nodes: close to the
    # minimax polynomial, and p(0) = f(0) exactly, so exp2 of integers and
    # log2 of powers of two come out exact.
    xs = [0.5 - 0.5 * math.cos((2 * i + 1) * math.pi / (2 * degree)) for i in range(degree)]
    return [f0] + solve([[x ** (j + 1) for j in range(degree)] + [f(x) - f0] for x in xs])


def minimax_relative(f, lo, hi, degree):
    # Coefficients c0..c_degree of the polynomial p with the least
    # max |p(x) / f(x) - 1| on [lo, hi]: Remez exchange over a fine grid,
    # from the Chebyshev extrema (the reference converges in a few rounds).
    grid = [lo + (hi - lo) * i / 4096 for i in range(4097)]
    ref = [(lo + hi) / 2 - (hi - lo) / 2 * math.cos(math.pi * i / (degree + 1))
           for i in range(degree + 2)]
    for _ in range(6):
        c = solve([[x ** j for j in range(degree + 1)] + [(-1) ** i * f(x), f(x)]
                   for i, x in enumerate(ref)])[:-1]
        ref = []
        run = []                  # (error, x) since the error's last change of sign
        for x in grid:
            e = sum(c[j] * x ** j for j in range(degree + 1)) / f(x) - 1
            if run and (e > 0) != (run[0][0] > 0):
                ref.append(max(run)[1] if e < 0 else min(run)[1])
                run = []
            run.append((e, x))
        ref.append(max(run)[1] if run[0][0] > 0 else min(run)[1])
    return c
