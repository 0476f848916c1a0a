"""Exact rational arithmetic for least-squares references (used by generate_conditioning.py).

Every double is a rational number, so centering, X^T X and the solves below are exact; the results are rounded to the
nearest double only when written out. Small designs only (Gaussian elimination on Fractions).
"""
from fractions import Fraction as F

def fr_matrix(a):
    return [[F(float(v)) for v in row] for row in a]

def center(X, y):
    n = len(X); p = len(X[0])
    xm = [sum(X[i][j] for i in range(n)) / n for j in range(p)]
    ym = sum(y) / n
    Xc = [[X[i][j] - xm[j] for j in range(p)] for i in range(n)]
    yc = [v - ym for v in y]
    return Xc, yc, xm, ym

def solve(A, b):
    """Gaussian elimination, A square nonsingular (Fractions)."""
    n = len(A)
    M = [row[:] + [b[i]] for i, row in enumerate(A)]
    for c in range(n):
        piv = next(r for r in range(c, n) if M[r][c] != 0)
        M[c], M[piv] = M[piv], M[c]
        inv = 1 / M[c][c]
        for r in range(n):
            if r != c and M[r][c] != 0:
                f = M[r][c] * inv
                M[r] = [a - f * bb for a, bb in zip(M[r], M[c])]
    return [M[i][n] / M[i][i] for i in range(n)]

def gram(Xc, cols=None):
    p = len(Xc[0]); cols = cols if cols is not None else list(range(p))
    return [[sum(r[a] * r[b] for r in Xc) for b in cols] for a in cols]

def xty(Xc, y, cols=None):
    p = len(Xc[0]); cols = cols if cols is not None else list(range(p))
    return [sum(r[a] * yy for r, yy in zip(Xc, y)) for a in cols]

def independent_columns(Xc):
    """Indices of a maximal set of linearly independent columns (exact)."""
    p = len(Xc[0]); G = gram(Xc); chosen = []
    # Gram-based elimination: column j independent of chosen iff Schur complement != 0
    for j in range(p):
        cols = chosen + [j]
        sub = [[G[a][b] for b in cols] for a in cols]
        if det(sub) != 0:
            chosen.append(j)
    return chosen

def det(A):
    n = len(A); M = [r[:] for r in A]; d = F(1)
    for c in range(n):
        piv = next((r for r in range(c, n) if M[r][c] != 0), None)
        if piv is None: return F(0)
        if piv != c: M[c], M[piv] = M[piv], M[c]; d = -d
        d *= M[c][c]
        for r in range(c + 1, n):
            if M[r][c] != 0:
                f = M[r][c] / M[c][c]
                M[r] = [a - f * b for a, b in zip(M[r], M[c])]
    return d

def null_space(Xc, basis):
    """Null vectors of Xc: for each non-basis column j, e_j minus its expression in the basis columns."""
    p = len(Xc[0]); G = gram(Xc)
    Gbb = [[G[a][b] for b in basis] for a in basis]
    vecs = []
    for j in range(p):
        if j in basis: continue
        coeffs = solve(Gbb, [G[a][j] for a in basis])
        v = [F(0)] * p; v[j] = F(1)
        for a, c in zip(basis, coeffs): v[a] -= c
        vecs.append(v)
    return vecs

def min_norm_lstsq(Xc, yc):
    p = len(Xc[0])
    basis = independent_columns(Xc)
    w = [F(0)] * p
    if basis:
        z = solve(gram(Xc, basis), xty(Xc, yc, basis))
        for a, v in zip(basis, z): w[a] = v
    N = null_space(Xc, basis)
    if N:
        NtN = [[sum(a * b for a, b in zip(u, v)) for v in N] for u in N]
        Ntw = [sum(a * b for a, b in zip(u, w)) for u in N]
        c = solve(NtN, Ntw)
        for k, u in enumerate(N):
            w = [wi - c[k] * ui for wi, ui in zip(w, u)]
    return w, len(basis)

def ridge(Xc, yc, alpha):
    p = len(Xc[0]); G = gram(Xc); a = F(alpha)
    for j in range(p): G[j][j] += a
    return solve(G, xty(Xc, yc))

def nnls(Xc, yc, alpha=0):
    """Exact Lawson-Hanson on [Xc; sqrt(alpha) I] through the normal equations (alpha enters as alpha I)."""
    p = len(Xc[0]); G = gram(Xc); b = xty(Xc, yc); a = F(alpha)
    for j in range(p): G[j][j] += a
    w = [F(0)] * p; P = []
    def grad(w):
        return [b[j] - sum(G[j][k] * w[k] for k in range(p)) for j in range(p)]
    def sub_solve(P):
        # min-norm within P when singular: use independent subset of P
        Gp = [[G[x][y] for y in P] for x in P]
        if det(Gp) != 0:
            z = solve(Gp, [b[x] for x in P])
        else:
            raise ValueError("singular passive set")
        out = [F(0)] * p
        for x, v in zip(P, z): out[x] = v
        return out
    for _ in range(100):
        g = grad(w)
        cand = [j for j in range(p) if j not in P and g[j] > 0 and G[j][j] > 0]
        if not cand: return w
        j = max(cand, key=lambda j: g[j] * g[j] / G[j][j])
        P.append(j)
        while True:
            z = sub_solve(P)
            if all(z[x] > 0 for x in P):
                w = z; break
            step = min(w[x] / (w[x] - z[x]) for x in P if z[x] <= 0)
            w = [wi + step * (zi - wi) for wi, zi in zip(w, z)]
            P = [x for x in P if w[x] > 0]
            for x in range(p):
                if x not in P: w[x] = F(0)
    raise RuntimeError("nnls did not converge")
