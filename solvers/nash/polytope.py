"""Best-response polytopes of bimatrix games and the exact enumeration of their vertices.

For a bimatrix game ``(A, B)`` with ``m × n`` payoff matrices made
nonnegative (each player's payoffs shifted by a constant, which changes no
best response; :func:`best_response_matrices`), the best-response polytopes are

.. math::

    P = \\{x \\in \\mathbb{R}^m : x \\ge 0,\\ B^\\top x \\le 1\\}, \\qquad
    Q = \\{y \\in \\mathbb{R}^n : Ay \\le 1,\\ y \\ge 0\\}.

Labels ``0 .. m-1`` name player 1's pure strategies and ``m .. m+n-1``
player 2's. A point ``x`` of ``P`` has label ``i`` when ``x_i = 0`` and label
``m + j`` when ``(B^T x)_j = 1`` (``j`` is a best response to ``x``); a point
``y`` of ``Q`` has label ``m + j`` when ``y_j = 0`` and label ``i`` when
``(Ay)_i = 1``. A pair ``(x, y) ≠ (0, 0)`` is *completely labelled* (every
label is a label of ``x`` or of ``y``) exactly when ``(x/Σx, y/Σy)`` is a Nash
equilibrium, and the extreme equilibria are the completely labelled pairs of
vertices (von Stengel 2007, Algorithm 3.5 and, for degenerate games, Proposition 3.8).

Both polytopes have the form ``{z ≥ 0 : M z ≤ 1}`` with ``M ≥ 0`` and no zero
column. :func:`polytope_vertices` lists every vertex of such a polytope by a
breadth-first search over its *lexicographically feasible bases*: perturbing
the right-hand side ``1`` to ``1 + (ε, ε², ...)`` makes the polytope simple,
the lexicographic minimum-ratio test picks the unique leaving variable of
every pivot, and the bases of the perturbed polytope form a connected graph
that contains, for every vertex of the original polytope, at least one basis.
A degenerate vertex has several such bases; it is identified by its set of
zero variables (its tight constraints, i.e. its labels), which the search
computes exactly. The frontier of the search is pivoted as a batch with numpy.

On integer data the tableau is kept fraction-free (integer pivoting:
entries are minors of the constraint matrix, divided exactly by the previous
pivot), in int64 while every entry is below ``2**31`` (so that no product
overflows) and in Python integers otherwise: the labels, hence the vertex set,
are exact. On float data the ordinary tableau is used and zero tests take a
tolerance.

References
----------
.. [1] B. von Stengel, "Equilibrium computation for two-player games in
   strategic and extensive form", in N. Nisan et al. (eds.), *Algorithmic Game
   Theory*, ch. 3, Cambridge University Press, 2007.
   https://doi.org/10.1017/CBO9780511800481.005
.. [2] D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel, "Enumeration of
   Nash equilibria for two-player games", *Economic Theory* 42:9–37, 2010.
   https://doi.org/10.1007/s00199-009-0449-x
.. [3] D. Avis and K. Fukuda, "A pivoting algorithm for convex hulls and vertex
   enumeration of arrangements and polyhedra", *Discrete & Computational
   Geometry* 8:295–313, 1992. https://doi.org/10.1007/BF02293050
.. [4] P. McMullen, "The maximum numbers of faces of a convex polytope",
   *Mathematika* 17:179–184, 1970. https://doi.org/10.1112/S0025579300002850
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "PolytopeVertices",
    "best_response_matrices",
    "polytope_vertices",
    "max_vertices_bound",
    "pack_labels",
    "complete_label_pairs",
    "complementary_points",
    "connected_components",
    "maximal_bicliques",
]

#: Largest tableau entry for which int64 integer pivoting cannot overflow
#: (a pivot step forms ``a*b - c*d``: two products below ``2**62``).
_INT64_SAFE = 2**31 - 1
#: Largest tableau entry for which float ratios of entries compare exactly.
_FLOAT_DECIDES = 2**25
#: Tableau entries handled per batch (bounds the working memory of the search).
_BATCH_ENTRIES = 1 << 18


@dataclass(frozen=True)
class PolytopeVertices:
    """The vertices of a polytope ``{z ≥ 0 : M z ≤ 1}`` (``M`` is ``k × d``).

    Attributes
    ----------
    zero
        Boolean array ``(V, d + k)``: column ``c < d`` says ``z_c = 0``, column
        ``d + r`` says constraint ``r`` is tight (``(Mz)_r = 1``). Rows are
        distinct: a vertex is determined by its tight constraints.
    numerators, denominators
        The vertex coordinates ``z = numerators / denominators[:, None]``,
        shapes ``(V, d)`` and ``(V,)``: Python or numpy integers in exact mode
        (the denominator is the determinant of a basis, positive), floats
        with denominators 1 otherwise.
    bases
        Lexicographically feasible bases visited (≥ ``V``; more on degenerate
        polytopes).
    complete
        Whether the search finished (``False`` when it hit its deadline).
    """

    zero: NDArray[np.bool_]
    numerators: NDArray[Any]
    denominators: NDArray[Any]
    bases: int
    complete: bool

    def __len__(self) -> int:
        return int(self.zero.shape[0])


def best_response_matrices(A: NDArray[Any], B: NDArray[Any]) -> tuple[NDArray[Any], NDArray[Any]]:
    """The constraint matrices ``(B^T, A)`` of the best-response polytopes ``P`` and ``Q``.

    Each player's payoffs are shifted by a constant so that the smallest is 0,
    or 1 when 0 would leave a strategy with payoff 0 against everything (the
    polytope would be unbounded); integer matrices are then divided by the
    gcd of their entries. Neither step changes any best response, so the
    equilibria are those of ``(A, B)``.

    Parameters
    ----------
    A, B
        The row and column player's payoffs, ``m × n``: int64, Python-integer
        object arrays, or floats.

    Returns
    -------
    (MP, MQ)
        ``MP = B'^T`` (``n × m``) and ``MQ = A'`` (``m × n``) with ``A'``, ``B'``
        the shifted payoffs: ``P = {x ≥ 0 : MP x ≤ 1}``, ``Q = {y ≥ 0 : MQ y ≤ 1}``.

    Examples
    --------
    >>> import numpy as np
    >>> MP, MQ = best_response_matrices(np.array([[3, 0], [5, 1]]), np.array([[3, 5], [0, 1]]))
    >>> MQ.tolist(), MP.tolist()
    ([[3, 0], [5, 1]], [[3, 0], [5, 1]])
    """
    return _shifted(np.asarray(B), axis=1).T.copy(), _shifted(np.asarray(A), axis=0)


def _shifted(M: NDArray[Any], *, axis: int) -> NDArray[Any]:
    """``M - min(M)`` (plus a constant if a line along ``axis`` would vanish): integers divided by their gcd, floats scaled into [0, 1]."""
    low = M.min()
    out = M - low
    if M.dtype.kind == "f":
        top = out.max()
        # a line whose best payoff is (nearly) the minimum would make the polytope (nearly) unbounded
        if not np.all(out.max(axis=axis) > 1e-6 * top):
            out = out + (top if top > 0 else 1.0)
            top = out.max()
        return np.asarray(out / top, dtype=np.float64)
    if not np.all(out.max(axis=axis) > 0):
        out = out + 1
    g = 0
    for v in np.unique(out).tolist():
        g = math.gcd(g, int(v))
    if g > 1:
        out = out // g
    return out


def max_vertices_bound(dimension: int, facets: int) -> int:
    """McMullen's upper bound on the vertices of a ``dimension``-polytope with ``facets`` facets.

    It also bounds the lexicographically feasible bases that
    :func:`polytope_vertices` visits, which are the vertices of a simple
    polytope with as many facets.

    Examples
    --------
    >>> max_vertices_bound(2, 4)
    4
    >>> max_vertices_bound(12, 24)
    24752
    """
    d, f = int(dimension), int(facets)
    if f <= d:
        return 1 if f == d else 0
    return math.comb(f - (d + 1) // 2, f - d) + math.comb(f - (d + 2) // 2, f - d)


# ---------------------------------------------------------------------------- bit keys


def pack_labels(flags: NDArray[np.bool_]) -> NDArray[np.uint64]:
    """Pack a boolean array ``(V, L)`` into bit sets, one row of ``ceil(L/64)`` uint64 words each.

    Examples
    --------
    >>> import numpy as np
    >>> pack_labels(np.array([[True, False, True]])).tolist()
    [[5]]
    """
    flags = np.asarray(flags, dtype=bool)
    rows, width = flags.shape
    words = max(1, -(-width // 64))
    padded = np.zeros((rows, words * 64), dtype=bool)
    padded[:, :width] = flags
    packed = np.packbits(padded, axis=1, bitorder="little")
    return np.ascontiguousarray(packed).view("<u8").astype(np.uint64, copy=False)


class _SeenSet:
    """The set of bases met so far, as bit-set keys (a sorted array when one word suffices)."""

    def __init__(self, keys: NDArray[Any]) -> None:
        self.sorted: NDArray[Any] | None = np.sort(keys) if keys.dtype.kind == "u" else None
        self.members: set[bytes] = set()
        if self.sorted is None:
            self.members.update(k.tobytes() for k in keys)

    def fresh(self, keys: NDArray[Any]) -> NDArray[np.bool_]:
        """Which of the distinct ``keys`` are new; they are added to the set."""
        if self.sorted is not None:
            pos = np.searchsorted(self.sorted, keys)
            known = self.sorted[np.minimum(pos, self.sorted.size - 1)] == keys
            new = ~known
            if new.any():
                self.sorted = np.insert(self.sorted, pos[new], keys[new])
            return np.asarray(new)
        out = np.zeros(keys.shape[0], dtype=bool)
        for i, key in enumerate(keys):
            b = key.tobytes()
            if b not in self.members:
                self.members.add(b)
                out[i] = True
        return out


def _keys(words: NDArray[np.uint64]) -> NDArray[Any]:
    """One sortable, hashable key per row of packed bit sets."""
    if words.shape[1] == 1:
        return words[:, 0]
    return np.ascontiguousarray(words).view(np.dtype((np.void, 8 * words.shape[1]))).reshape(-1)


# ---------------------------------------------------------------------------- the search


class _Arithmetic:
    """Tableau arithmetic: exact integer pivoting (``tol is None``) or floats with a tolerance.

    A batch of ``K`` tableaux is one array of shape ``(k, 1 + d, K)`` (the
    batch axis last, so that reductions over the ``k`` rows run over long
    contiguous vectors): column 0 holds the right-hand sides, column ``1 + c``
    the nonbasic variable at position ``c`` (*dictionary* form). In exact mode
    the tableau is fraction-free: entries are the true values times the basis
    determinant ``D > 0``.
    """

    def __init__(self, tol: float | None) -> None:
        self.exact = tol is None
        self.tol = 0.0 if tol is None else float(tol)
        #: whether float ratios of the current batch's entries compare exactly
        self.float_decides = not self.exact

    def prepare(self, T: NDArray[Any], D: NDArray[Any]) -> tuple[NDArray[Any], NDArray[Any]]:
        """Choose the representation of a batch of exact tableaux.

        int64 when no product of two entries can overflow, Python integers
        otherwise. When every entry is below ``2**25``, two distinct ratios of
        entries differ by a relative ``2**-50`` at least, so their float
        quotients (exact conversions, correctly rounded divisions) compare as
        the exact ratios do (:attr:`float_decides`).
        """
        if not self.exact:
            return T, D
        if T.dtype == object:
            big = max((abs(int(v)) for v in [*T.reshape(-1).tolist(), *D.tolist()]), default=0)
        else:
            big = max(int(np.abs(T).max()) if T.size else 0, int(np.abs(D).max()))
        self.float_decides = big <= _FLOAT_DECIDES
        if big > _INT64_SAFE:
            return T.astype(object), D.astype(object)
        return T.astype(np.int64, copy=False), D.astype(np.int64, copy=False)

    def positive(self, v: NDArray[Any]) -> NDArray[np.bool_]:
        return np.asarray(v > self.tol, dtype=bool)

    def is_zero(self, v: NDArray[Any]) -> NDArray[np.bool_]:
        if self.exact:
            return np.asarray(v == 0, dtype=bool)
        return np.asarray(np.abs(v) <= self.tol, dtype=bool)

    def minimum_ratio(
        self, num: NDArray[Any], den: NDArray[Any], among: NDArray[np.bool_]
    ) -> NDArray[np.bool_]:
        """Rows ``among`` at the minimum of ``num / den`` in each column (``den > 0`` there); ``(k, C)`` arrays."""
        if self.exact and (num.dtype == object or den.dtype == object):
            return _exact_minimum(num, den, among)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(
                among, np.asarray(num, dtype=np.float64) / np.asarray(den, dtype=np.float64), np.inf
            )
        low = ratio.min(axis=0)
        if not self.exact:
            return among & (ratio <= low + self.tol)
        at_low = among & (ratio == low)
        return at_low if self.float_decides else _confirm_minimum(num, den, at_low)

    def pivot(
        self, T: NDArray[Any], D: NDArray[Any], rows: NDArray[np.intp], positions: NDArray[np.intp]
    ) -> tuple[NDArray[Any], NDArray[Any]]:
        """Pivot each tableau ``T[..., b]`` on row ``rows[b]``, nonbasic position ``positions[b]``.

        ``T`` must be a fresh copy: it is overwritten.

        The leaving variable takes the entering variable's position. Fraction-free:
        rows ``i ≠ r`` become ``(p T_i - T_iq T_r) / D``, row ``r`` stays, and
        the new column is ``-T_iq`` with ``D`` in row ``r``; the new
        determinant is the pivot ``p`` (von Stengel 2007, §3.5, integer pivoting).
        """
        T = np.ascontiguousarray(T)
        k, w, K = T.shape
        flat = T.reshape(-1)  # a view: writes through it update T
        cols = np.arange(K)
        row_at = (rows * (w * K) + cols)[None, :] + (np.arange(w) * K)[:, None]  # (w, K)
        col_at = (np.arange(k) * (w * K))[:, None] + ((1 + positions) * K + cols)[None, :]  # (k, K)
        row = flat[row_at]
        col = flat[col_at]
        p = row[1 + positions, cols]
        if self.exact:
            T *= p
            T -= col[:, None, :] * row[None, :, :]
            T //= D
            flat[row_at] = row
            flat[col_at] = -col
            flat[row_at[1 + positions, cols]] = D
            return T, p
        scaled = row / p
        T -= col[:, None, :] * scaled[None, :, :]
        flat[row_at] = scaled
        flat[col_at] = -col / p
        flat[row_at[1 + positions, cols]] = 1.0 / p
        return T, np.ones_like(p)


def _confirm_minimum(num: NDArray[Any], den: NDArray[Any], at_low: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """Exactly split float ties: keep the rows whose ratio equals the first tied row's (int64, entries < 2**31).

    Float quotients of int64 entries below ``2**31`` are ordered as the exact
    ratios where they differ; where they tie, cross-multiplication decides.
    """
    check = np.flatnonzero(at_low.sum(axis=0) > 1)
    if not check.size:
        return at_low
    n, dd, a = num[:, check], den[:, check], at_low[:, check]
    first = np.argmax(a, axis=0)
    cols = np.arange(check.size)
    diff = n * dd[first, cols] - n[first, cols] * dd
    if (a & (diff < 0)).any():
        at_low[:, check] = _exact_minimum(n, dd, a)
    else:
        at_low[:, check] = a & (diff == 0)
    return at_low


def _exact_minimum(num: NDArray[Any], den: NDArray[Any], among: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """Rows ``among`` at the exact minimum of ``num / den`` in each column, by cross-multiplication."""
    k, C = num.shape
    best = np.full(C, -1, dtype=np.intp)
    bnum = num[0].copy()
    bden = den[0].copy()
    for r in range(k):
        ok = among[r]
        diff = num[r] * bden - bnum * den[r]
        better = ok & ((best < 0) | (diff < 0))
        best = np.where(better, r, best)
        bnum = np.where(better, num[r], bnum)
        bden = np.where(better, den[r], bden)
    cols = np.arange(C)
    diff = num * den[best, cols] - num[best, cols] * den
    return among & (diff == 0)


def _inverse_columns(
    T: NDArray[Any], D: NDArray[Any], basic: NDArray[np.intp], nonbasic: NDArray[np.intp], d: int
) -> NDArray[Any]:
    """The basis inverse times ``D`` of each tableau, ``(k, k, K)``: the columns of the slack variables.

    A nonbasic slack's column is in the tableau; a basic slack's is ``D e_r``.
    """
    k, _, K = T.shape
    out = np.zeros((k, k, K), dtype=T.dtype)
    if T.dtype == object:
        out[...] = 0
    pc, bi = np.nonzero(nonbasic >= d)
    out[:, nonbasic[pc, bi] - d, bi] = T[:, 1 + pc, bi]
    rr, bi = np.nonzero(basic >= d)
    out[rr, basic[rr, bi] - d, bi] = D[bi]
    return out


def _leaving_rows(
    arith: _Arithmetic, T: NDArray[Any], D: NDArray[Any], basic: NDArray[np.intp], nonbasic: NDArray[np.intp]
) -> NDArray[np.intp]:
    """The lexicographic minimum-ratio row for every nonbasic position of every tableau, ``(d, K)``.

    Ties in the ratio test are broken by the columns of the basis inverse
    (times ``D``): the rows ``[rhs, B^-1]`` are linearly independent, so
    exactly one row is lexicographically smallest (the lexicographic ratio
    test; its choices are the pivots of the perturbed, simple polytope).
    """
    k, w, K = T.shape
    d = w - 1
    col = T[:, 1:, :]  # (k, d, K)
    rhs = T[:, 0, :]  # (k, K)
    pos = arith.positive(col)
    if col.dtype == object:
        den = np.where(pos, col, 1)
        at_low = _exact_minimum(
            np.broadcast_to(rhs[:, None, :], col.shape).reshape(k, -1), den.reshape(k, -1), pos.reshape(k, -1)
        )
    else:
        # float ratios: +inf where the entry is not positive (a positive numerator over +0.0) and
        # nan for 0/0, which the nan-ignoring minimum skips; |-0.0| makes every zero +0.0
        den = np.asarray(col, dtype=np.float64) * pos
        np.abs(den, out=den)
        num = np.maximum(np.asarray(rhs, dtype=np.float64), 0.0)[:, None, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = (num / den).reshape(k, -1)
        low = np.fmin.reduce(ratio, axis=0)
        at_low = ratio <= low + arith.tol if not arith.exact else ratio == low
        if not arith.float_decides:
            num_i = np.broadcast_to(rhs[:, None, :], col.shape).reshape(k, -1)
            at_low = _confirm_minimum(num_i, np.where(pos, col, 1).reshape(k, -1), at_low)
    # how many rows attain the minimum, and (when one does) which: one small matrix product
    weights = np.vstack([np.ones(k), np.arange(k)]).astype(np.float32)
    count_index = weights @ at_low.astype(np.float32)
    count = count_index[0].astype(np.intp)
    best = count_index[1].astype(np.intp)
    ties = np.flatnonzero(count > 1)
    if ties.size:
        tp, tb = np.divmod(ties, K)
        up, inv = np.unique(tb, return_inverse=True)
        binv = _inverse_columns(T[:, :, up], D[up], basic[:, up], nonbasic[:, up], d)
        den = col[:, tp, tb]
        den = np.where(pos[:, tp, tb], den, 1)
        alive = at_low[:, ties]
        sub = np.arange(ties.size)
        for j in range(k):
            alive[:, sub] = arith.minimum_ratio(binv[:, j, inv[sub]], den[:, sub], alive[:, sub])
            sub = sub[alive[:, sub].sum(axis=0) > 1]
            if not sub.size:
                break
        best[ties] = np.argmax(alive, axis=0)
    return best.reshape(d, K)


def _distinct(keys: NDArray[Any]) -> tuple[NDArray[Any], NDArray[np.intp]]:
    """The distinct keys and, for each, the index of one occurrence.

    With one-word keys that leave room, the index rides in the low bits of
    the key and a plain sort does the work of an argsort.
    """
    n = keys.size
    if keys.dtype == np.uint64 and n:
        shift = max(1, int(n - 1).bit_length())
        top = int(keys.max())
        if top.bit_length() + shift <= 64:
            packed = np.sort((keys << np.uint64(shift)) | np.arange(n, dtype=np.uint64))
            ks = packed >> np.uint64(shift)
            start = np.ones(n, dtype=bool)
            start[1:] = ks[1:] != ks[:-1]
            firsts = (packed[start] & np.uint64((1 << shift) - 1)).astype(np.intp)
            return ks[start], firsts
    uniq, first = np.unique(keys, return_index=True)
    return uniq, first


_Bases = tuple[NDArray[Any], NDArray[Any], NDArray[np.intp], NDArray[np.intp], NDArray[Any]]


def polytope_vertices(
    M: NDArray[Any],
    *,
    tol: float | None = None,
    deadline: float | None = None,
    max_bases: int | None = None,
) -> PolytopeVertices:
    """Every vertex of ``{z ≥ 0 : M z ≤ 1}`` for ``M ≥ 0`` (``k × d``) with no zero column.

    Parameters
    ----------
    M
        The constraint matrix: integers (int64 or a Python-integer object
        array) for exact enumeration, floats otherwise.
    tol
        ``None`` for exact integer pivoting (``M`` must be integer); else the
        tolerance of zero tests and ratio comparisons on float data.
    deadline
        A :func:`time.perf_counter` value after which the search stops,
        returning the vertices found so far with ``complete=False``.
    max_bases
        Stop (``complete=False``) after this many bases.

    Returns
    -------
    PolytopeVertices
        Distinct vertices, the origin first.

    Notes
    -----
    Breadth-first search over the lexicographically feasible bases
    (Avis & Fukuda 1992 use reverse search over the same bases). From each
    basis, each of the ``d`` nonbasic variables enters and the lexicographic
    ratio test names the leaving variable; a new basis (a bit set of basic
    variables) is pivoted once, from the first parent that reaches it. Every
    step is vectorised over a batch of bases. The bases visited number at
    most :func:`max_vertices_bound` ``(d, d + k)``.

    Examples
    --------
    The unit square ``{z ≥ 0 : z₁ ≤ 1, z₂ ≤ 1}``:

    >>> import numpy as np
    >>> v = polytope_vertices(np.array([[1, 0], [0, 1]]))
    >>> sorted(tuple(int(a) // int(b) for a in n) for n, b in zip(v.numerators, v.denominators))
    [(0, 0), (0, 1), (1, 0), (1, 1)]
    """
    arith = _Arithmetic(tol)
    M = np.asarray(M)
    k, d = M.shape
    nvar = d + k
    dtype: Any = np.float64 if not arith.exact else (object if M.dtype == object else np.int64)
    T0 = np.empty((k, 1 + d, 1), dtype=dtype)
    T0[:, 0, 0] = 1
    T0[:, 1:, 0] = M
    D0 = np.ones(1, dtype=dtype)
    basic0 = np.arange(d, nvar, dtype=np.intp)[:, None]
    nonbasic0 = np.arange(d, dtype=np.intp)[:, None]
    one_word = nvar <= 64
    bits = np.left_shift(np.uint64(1), np.arange(nvar, dtype=np.uint64)) if one_word else None

    def basis_keys(basic: NDArray[np.intp]) -> NDArray[Any]:
        if bits is not None:
            return np.bitwise_or.reduce(bits[basic], axis=0)
        flags = np.zeros((basic.shape[1], nvar), dtype=bool)
        flags[np.arange(basic.shape[1])[None, :], basic] = True
        return _keys(pack_labels(flags))

    zero_parts: list[NDArray[np.bool_]] = []
    num_parts: list[NDArray[Any]] = []
    den_parts: list[NDArray[Any]] = []

    def record(T: NDArray[Any], D: NDArray[Any], basic: NDArray[np.intp]) -> None:
        K = T.shape[2]
        rhs = T[:, 0, :]
        cols = np.arange(K)[None, :]
        zero = np.ones((K, nvar), dtype=bool)
        zero[cols, basic] = arith.is_zero(rhs)
        num = np.zeros((K, d), dtype=T.dtype)
        if T.dtype == object:
            num[...] = 0
        rr, bi = np.nonzero(basic < d)
        num[bi, basic[rr, bi]] = rhs[rr, bi]
        if not arith.exact:
            num = np.clip(num, 0.0, None)
        zero_parts.append(zero)
        num_parts.append(num)
        den_parts.append(D)

    key0 = basis_keys(basic0)
    seen = _SeenSet(key0)
    record(T0, D0, basic0)
    frontier: list[_Bases] = [(T0, D0, basic0, nonbasic0, key0)]
    n_bases = 1
    complete = True
    batch = max(1, _BATCH_ENTRIES // max(1, k * d))
    while frontier and complete:
        next_frontier: list[_Bases] = []
        for T_all, D_all, basic_all, nonbasic_all, key_all in frontier:
            for start in range(0, T_all.shape[2], batch):
                if deadline is not None and time.perf_counter() > deadline:
                    complete = False
                    break
                stop = start + batch
                T, D = arith.prepare(T_all[:, :, start:stop], D_all[start:stop])
                basic, nonbasic = basic_all[:, start:stop], nonbasic_all[:, start:stop]
                K = T.shape[2]
                leave_row = _leaving_rows(arith, T, D, basic, nonbasic)  # (d, K)
                cols = np.arange(K)[None, :]
                entering = nonbasic  # (d, K)
                leaving = basic[leave_row, cols]  # (d, K)
                if bits is not None:
                    child_keys = (key_all[start:stop][None, :] ^ bits[entering] ^ bits[leaving]).reshape(-1)
                else:
                    flags = np.zeros((d, K, nvar), dtype=bool)
                    flags[:, np.arange(K)[:, None], basic.T] = True
                    dd, bb = np.meshgrid(np.arange(d), np.arange(K), indexing="ij")
                    flags[dd, bb, entering] = True
                    flags[dd, bb, leaving] = False
                    child_keys = _keys(pack_labels(flags.reshape(d * K, nvar)))
                uniq, first = _distinct(child_keys)
                fresh = seen.fresh(uniq)
                sel = np.sort(first[fresh])
                if max_bases is not None and n_bases + sel.size > max_bases:
                    sel = sel[: max(0, max_bases - n_bases)]
                    complete = False
                if not sel.size:
                    continue
                pp, pa = np.divmod(sel, K)
                order = np.argsort(pa, kind="stable")  # gather parents in memory order
                sel, pp, pa = sel[order], pp[order], pa[order]
                pr = leave_row[pp, pa]
                newT, newD = arith.pivot(np.take(T, pa, axis=2), D[pa], pr, pp)
                new_basic = basic[:, pa]
                new_nonbasic = nonbasic[:, pa]
                sr = np.arange(sel.size)
                new_nonbasic[pp, sr] = leaving[pp, pa]
                new_basic[pr, sr] = entering[pp, pa]
                record(newT, newD, new_basic)
                next_frontier.append((newT, newD, new_basic, new_nonbasic, child_keys[sel]))
                n_bases += sel.size
                if not complete:
                    break
            if not complete:
                break
        frontier = next_frontier

    zero_all = np.concatenate(zero_parts)
    common = object if any(p.dtype == object for p in den_parts) else den_parts[0].dtype
    num_all = np.concatenate([p.astype(common) for p in num_parts])
    den_all = np.concatenate([p.astype(common) for p in den_parts])
    _, first = np.unique(_keys(pack_labels(zero_all)), return_index=True)
    first.sort()
    return PolytopeVertices(zero_all[first], num_all[first], den_all[first], n_bases, complete)


# ---------------------------------------------------------------------------- pairing


def complementary_points(
    free: NDArray[np.bool_], tight: NDArray[np.bool_], M: NDArray[np.float64], *, tol: float
) -> tuple[NDArray[np.float64], NDArray[np.bool_]] | None:
    """For each row, the point of ``{z ≥ 0 : M z ≤ 1}`` with support ``free`` on the facets ``tight``.

    Parameters
    ----------
    free
        ``(V, d)``: the coordinates allowed to be nonzero (all others are 0).
    tight
        ``(V, k)``: the rows of ``M`` required to hold with equality; as many
        per point as free coordinates.
    M
        The float constraint matrix, ``k × d``.
    tol
        Zero tolerance.

    Returns
    -------
    (points, feasible) or None
        The solutions ``(V, d)`` of the square systems
        ``M[tight, free] z_free = 1`` and whether each lies in the polytope.
        ``None`` when the answer is not clear-cut: a singular system, or a
        point (feasible up to ``10 tol``) with a free coordinate or a slack of
        a row not required tight within ``10 tol`` of zero. Then the polytope
        is degenerate there, and its vertices must be enumerated instead.

    Notes
    -----
    In a nondegenerate bimatrix game a vertex ``x`` of ``P`` with its ``m``
    labels is an equilibrium strategy exactly when the other ``n`` labels
    define a point ``y`` of ``Q``: ``y`` is supported on the best responses to
    ``x``, and makes every strategy in the support of ``x`` a best response.
    Solving these systems (of the size of the support, grouped by size and
    batched) replaces the enumeration of ``Q``, as lrsnash does (Avis,
    Rosenberg, Savani & von Stengel 2010).

    Examples
    --------
    >>> import numpy as np
    >>> M = np.array([[1.0, 2.0], [2.0, 1.0]])
    >>> free = np.array([[True, True], [False, True], [False, True]])
    >>> tight = np.array([[True, True], [True, False], [False, True]])
    >>> z, ok = complementary_points(free, tight, M, tol=1e-10)
    >>> np.round(z, 6).tolist(), ok.tolist()
    ([[0.333333, 0.333333], [0.0, 0.5], [0.0, 1.0]], [True, True, False])
    """
    V, d = free.shape
    counts = free.sum(axis=1)
    if np.any(counts != tight.sum(axis=1)):
        raise ValueError("each point needs as many tight rows as free coordinates")
    z = np.zeros((V, d))
    for size in np.unique(counts).tolist():
        rows = np.flatnonzero(counts == size)
        if size == 0:
            continue
        cols = np.nonzero(free[rows])[1].reshape(rows.size, size)
        eqs = np.nonzero(tight[rows])[1].reshape(rows.size, size)
        mats = M[eqs[:, :, None], cols[:, None, :]]
        try:
            sol = np.linalg.solve(mats, np.ones((rows.size, size, 1)))[..., 0]
        except np.linalg.LinAlgError:
            return None
        if not np.all(np.isfinite(sol)):
            return None
        residual = np.abs(np.einsum("vij,vj->vi", mats, sol) - 1.0).max(axis=1)
        if np.any(residual > tol * (1.0 + np.abs(sol).max(axis=1))):
            return None
        z[rows[:, None], cols] = sol
    slack = 1.0 - z @ M.T
    margin = 10.0 * tol
    infeasible = np.any(z < -margin, axis=1) | np.any(slack < -margin, axis=1)
    unclear = np.any(free & (np.abs(z) <= margin), axis=1) | np.any(
        ~tight & (np.abs(slack) <= margin), axis=1
    )
    if np.any(unclear & ~infeasible):
        return None
    return z, ~infeasible


def complete_label_pairs(
    labels_p: NDArray[np.bool_], labels_q: NDArray[np.bool_], dim_p: int, dim_q: int
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """All pairs ``(a, b)`` with ``labels_p[a] | labels_q[b]`` every label.

    Parameters
    ----------
    labels_p, labels_q
        Boolean label sets ``(Vp, L)`` and ``(Vq, L)`` in the same label order.
    dim_p, dim_q
        Dimensions of the two polytopes: a vertex has at least that many labels,
        exactly that many when it is nondegenerate.

    Returns
    -------
    (a, b)
        Index arrays, sorted by ``a`` then ``b``.

    Notes
    -----
    Two nondegenerate vertices can only be complementary when their label
    sets partition the labels, so those pairs are found by a sort-merge join
    on the complement of ``labels_p``. A degenerate vertex (``s`` labels more
    than its dimension) pairs with a nondegenerate vertex of the other
    polytope whose label set is its complement plus ``s`` of its own labels
    (or, seen from the other side, whose complement is the degenerate
    vertex's label set less ``s`` of them): each degenerate vertex is
    expanded into these few candidate keys, joined the same way. Pairs of
    two degenerate vertices, and vertices with too many expansions, are
    compared as bit sets in vectorised blocks.

    Examples
    --------
    >>> import numpy as np
    >>> P = np.array([[1, 0, 1, 0], [0, 1, 0, 1]], dtype=bool)
    >>> Q = np.array([[0, 1, 0, 1], [1, 1, 1, 0]], dtype=bool)
    >>> [x.tolist() for x in complete_label_pairs(P, Q, 2, 2)]
    [[0, 1], [0, 1]]
    """
    wq = pack_labels(labels_q)
    need = pack_labels(~labels_p)
    one_word = wq.shape[1] == 1
    deg_p = labels_p.sum(axis=1) > dim_p
    deg_q = labels_q.sum(axis=1) > dim_q
    ia, ib = np.flatnonzero(~deg_p), np.flatnonzero(~deg_q)
    da, db = np.flatnonzero(deg_p), np.flatnonzero(deg_q)
    a_parts: list[NDArray[np.intp]] = []
    b_parts: list[NDArray[np.intp]] = []
    # nondegenerate × nondegenerate: exact complements
    if ia.size and ib.size:
        _, pa, pb = np.intersect1d(_keys(need[ia]), _keys(wq[ib]), assume_unique=True, return_indices=True)
        a_parts.append(ia[pa])
        b_parts.append(ib[pb])

    def superset_pairs(rows_a: NDArray[np.intp], rows_b: NDArray[np.intp]) -> None:
        if not rows_a.size or not rows_b.size:
            return
        block = max(1, (1 << 22) // max(1, rows_b.size * need.shape[1]))
        have = wq[rows_b]
        for start in range(0, rows_a.size, block):
            ra = rows_a[start : start + block]
            req = need[ra]
            ok = np.all((have[None, :, :] & req[:, None, :]) == req[:, None, :], axis=2)
            x, y = np.nonzero(ok)
            a_parts.append(ra[x])
            b_parts.append(rows_b[y])

    if one_word:
        # degenerate x: its complement plus `surplus` of its own labels is a nondegenerate y's label set
        left = _expanded_join(labels_p, da, dim_p, need[:, 0], add=True, targets=wq[ib, 0], target_rows=ib)
        # degenerate y: its label set less `surplus` labels is a nondegenerate x's complement
        right = _expanded_join(labels_q, db, dim_q, wq[:, 0], add=False, targets=need[ia, 0], target_rows=ia)
        a_parts += [left[0], right[1]]
        b_parts += [left[1], right[0]]
        superset_pairs(left[2], ib)
        superset_pairs(ia, right[2])
    else:
        superset_pairs(da, ib)
        superset_pairs(ia, db)
    superset_pairs(da, db)
    a = np.concatenate(a_parts).astype(np.intp) if a_parts else np.zeros(0, dtype=np.intp)
    b = np.concatenate(b_parts).astype(np.intp) if b_parts else np.zeros(0, dtype=np.intp)
    order = np.lexsort((b, a))
    return a[order], b[order]


#: Candidate keys a degenerate vertex may expand into before it is compared pairwise instead.
_MAX_EXPANSIONS = 256


def _expanded_join(
    labels: NDArray[np.bool_],
    rows: NDArray[np.intp],
    dim: int,
    base: NDArray[np.uint64],
    *,
    add: bool,
    targets: NDArray[np.uint64],
    target_rows: NDArray[np.intp],
) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.intp]]:
    """Join degenerate vertices ``rows`` to ``targets`` through their expanded keys (one-word label sets).

    Each vertex with ``c`` labels, ``s = c - dim`` of them surplus, yields the
    keys ``base | T`` (``add``) or ``base & ~T`` for every ``s``-subset ``T``
    of its labels. Returns ``(vertices, matched target rows, vertices not
    expanded)``.
    """
    import itertools

    empty = np.zeros(0, dtype=np.intp)
    if not rows.size:
        return empty, empty, empty
    if not target_rows.size:
        return empty, empty, rows
    order = np.argsort(targets)
    sorted_targets = targets[order]
    bits = np.left_shift(np.uint64(1), np.arange(labels.shape[1], dtype=np.uint64))
    counts = labels[rows].sum(axis=1)
    found_v: list[NDArray[np.intp]] = []
    found_t: list[NDArray[np.intp]] = []
    skipped: list[NDArray[np.intp]] = []
    for c in np.unique(counts).tolist():
        group = rows[counts == c]
        surplus = c - dim
        if math.comb(c, surplus) > _MAX_EXPANSIONS:
            skipped.append(group)
            continue
        positions = np.nonzero(labels[group])[1].reshape(group.size, c)
        combos = np.array(list(itertools.combinations(range(c), surplus)), dtype=np.intp).reshape(-1, surplus)
        chosen = np.bitwise_or.reduce(bits[positions[:, combos]], axis=2)  # (G, C)
        keys = (base[group][:, None] | chosen) if add else (base[group][:, None] & ~chosen)
        keys = keys.reshape(-1)
        at = np.minimum(np.searchsorted(sorted_targets, keys), sorted_targets.size - 1)
        hit = sorted_targets[at] == keys
        owner = np.repeat(group, combos.shape[0])
        found_v.append(owner[hit])
        found_t.append(target_rows[order[at[hit]]])
    cat = np.concatenate
    return (
        cat(found_v) if found_v else empty,
        cat(found_t) if found_t else empty,
        cat(skipped) if skipped else empty,
    )


def connected_components(left: NDArray[np.intp], right: NDArray[np.intp]) -> list[list[int]]:
    """Connected components of a bipartite graph given by its edges, as lists of edge indices.

    Edge ``e`` joins left node ``left[e]`` and right node ``right[e]``;
    components are ordered by their first edge, and edges within one in
    increasing order.

    Examples
    --------
    >>> import numpy as np
    >>> connected_components(np.array([0, 0, 1, 2]), np.array([0, 1, 1, 2]))
    [[0, 1, 2], [3]]
    """
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(u: tuple[int, int]) -> tuple[int, int]:
        root = u
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[u] != root:  # path compression
            parent[u], u = root, parent[u]
        return root

    pairs = list(zip(np.asarray(left).tolist(), np.asarray(right).tolist()))
    for a, b in pairs:
        ra, rb = find((0, a)), find((1, b))
        if ra != rb:
            parent[rb] = ra
    out: dict[tuple[int, int], list[int]] = {}
    for e, (a, _) in enumerate(pairs):
        out.setdefault(find((0, a)), []).append(e)
    return list(out.values())


def maximal_bicliques(
    left: NDArray[np.intp], right: NDArray[np.intp], *, limit: int | None = None
) -> list[list[int]]:
    """Maximal bicliques of a bipartite graph given by its edges, as lists of edge indices.

    A biclique is a set ``X`` of left nodes and ``Y`` of right nodes with every
    edge ``X × Y`` present; it is maximal when no node can be added. In the
    graph of extreme equilibria these are the *maximal Nash subsets*: the
    convex hull of ``X × Y`` is a set of equilibria (von Stengel 2007, Proposition 3.8 and §3.6).

    Notes
    -----
    The right-hand sides of the maximal bicliques are exactly the nonempty
    intersections of neighbourhoods ``N(x)`` of left nodes (formal concepts),
    so they are generated by closing the neighbourhoods under intersection,
    component by component, with neighbourhoods held as Python-int bit sets.
    Bicliques are ordered by their smallest edge index. Their number can grow
    exponentially with the number of edges; ``limit`` stops the enumeration
    once that many are found.

    Examples
    --------
    >>> import numpy as np
    >>> maximal_bicliques(np.array([0, 0, 1]), np.array([0, 1, 1]))
    [[0, 1], [1, 2]]
    """
    out: list[list[int]] = []
    edge_of: dict[tuple[int, int], int] = {}
    for e, (a, b) in enumerate(zip(np.asarray(left).tolist(), np.asarray(right).tolist())):
        edge_of[(a, b)] = e
    for comp in connected_components(np.asarray(left), np.asarray(right)):
        lefts = sorted({int(left[e]) for e in comp})
        rights = sorted({int(right[e]) for e in comp})
        rpos = {r: i for i, r in enumerate(rights)}
        nbr = {a: 0 for a in lefts}
        for e in comp:
            nbr[int(left[e])] |= 1 << rpos[int(right[e])]
        intents = set(nbr.values())
        todo = list(intents)
        room = None if limit is None else limit - len(out)
        while todo and (room is None or len(intents) < room):
            fresh = []
            for s in todo:
                for t in list(intents):
                    u = s & t
                    if u and u not in intents:
                        intents.add(u)
                        fresh.append(u)
            todo = fresh
        for y in sorted(intents):
            xs = [a for a in lefts if nbr[a] & y == y]
            ys = [rights[i] for i in range(len(rights)) if y >> i & 1]
            out.append(sorted(edge_of[(a, b)] for a in xs for b in ys))
            if limit is not None and len(out) >= limit:
                return sorted(out)
    out.sort()
    return out
