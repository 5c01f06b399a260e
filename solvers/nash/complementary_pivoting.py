"""Complementary pivoting on the best-response polytopes of a bimatrix game.

Lemke–Howson works on two polytopes, one per player, each of the form

.. math::

    \\{v \\ge 0 : C v \\le \\mathbf 1\\},

written with slacks as ``C v + w = 1``, ``v, w ≥ 0``: for the row player's
strategy ``x`` the polytope is ``P`` with ``C = Bᵀ``; for the column player's
``y`` it is ``Q`` with ``C = A`` (payoffs shifted to be positive). Every
variable carries a *label* (a pure strategy of either player), and a basis of
each system is a set of ``p`` basic variables (``p`` = the number of rows).

:class:`PolytopeBasis` keeps such a basis in *revised* form. A basis is fixed
by the basic structural variables ``S`` (columns of ``C``) and the rows ``R``
whose slacks are nonbasic, with ``|R| = |S| = k``; the basis inverse is
determined by the ``k × k`` matrix ``M = C[R, S]``:

.. math::

    B^{-1} = \\begin{pmatrix} M^{-1} & 0 \\\\ -C_{\\bar R S} M^{-1} & I \\end{pmatrix}.

So a pivot costs ``O(p k + k²)`` (the column of the entering variable, one
matrix–vector product with ``C[:, S]`` and a rank-one update of ``M⁻¹``)
instead of the ``O(p q)`` of a dense tableau: on a 1000×1000 game whose
path visits supports of a few dozen strategies, tens of microseconds instead
of milliseconds.

Two arithmetics share the code:

* **float**: ``M⁻¹`` is updated by the four rank-one formulas (append a row and
  a column, replace a column, replace a row, delete a row and a column) and
  refactorised from ``C[R, S]`` every so many pivots;
* **integer** (exact): the payoffs are integers and the basis keeps
  ``adj = D · M⁻¹`` and ``D = ±det M``, both integers. Every update divides
  exactly by the previous determinant (Sylvester's identity), as in the
  integer pivoting of Edmonds (1967) and Bareiss (1968) that von Stengel (2007)
  describes for Lemke–Howson: all numbers stay integers whose size is bounded
  by subdeterminants of the payoff matrix.

The leaving variable is chosen by the *lexicographic* minimum-ratio test:
ties in the ratio ``value / z`` are broken by comparing the rows of
``B⁻¹`` divided by ``z`` column by column. This simulates the perturbation
``1 + (ε, ε², …)`` of the right-hand side, so the perturbed system is
nondegenerate and every Lemke–Howson path terminates, degenerate games
included (von Stengel 2007, §3.6).

References
----------
Lemke, C. E., & Howson, J. T. (1964). Equilibrium points of bimatrix games.
*Journal of the SIAM* 12(2): 413–423. https://doi.org/10.1137/0112033

Edmonds, J. (1967). Systems of distinct representatives and linear algebra.
*Journal of Research of the NBS* 71B: 241–245.

Bareiss, E. H. (1968). Sylvester's identity and multistep integer-preserving
Gaussian elimination. *Mathematics of Computation* 22: 565–578.
https://doi.org/10.1090/S0025-5718-1968-0226829-0

von Stengel, B. (2007). Equilibrium computation for two-player games in
strategic and extensive form. In Nisan, Roughgarden, Tardos & Vazirani (eds.),
*Algorithmic Game Theory*, ch. 3, §3.5–3.6. Cambridge University Press.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["PolytopeBasis", "PivotError", "integer_inverse"]

#: Pivots between refactorisations of the float basis inverse.
REFACTOR_EVERY = 50
#: Relative threshold below which a float direction entry counts as zero.
PIVOT_TOL = 1e-10
#: Relative tolerance under which two float ratios count as tied.
TIE_TOL = 1e-9


class PivotError(ArithmeticError):
    """A pivot that could not be made (no positive entry in the entering column).

    With positive payoff matrices every polytope is bounded, so in exact
    arithmetic this cannot happen; in floating point it signals that rounding
    has spoiled the basis.
    """


def integer_inverse(matrix: NDArray[Any]) -> tuple[NDArray[np.object_], int]:
    """``(adj, d)`` with ``adj = d · M⁻¹`` integer and ``d = ±det M``, by fraction-free Gauss–Jordan.

    Parameters
    ----------
    matrix
        A square matrix of Python (or numpy) integers.

    Returns
    -------
    adj, d
        An object array of Python ints and a nonzero int (positive).

    Raises
    ------
    ZeroDivisionError
        When the matrix is singular.

    Notes
    -----
    Bareiss's one-step elimination applied to ``[M | I]`` above and below the
    pivot: after step ``i`` every entry is a minor of the augmented matrix, so
    the division by the previous pivot is exact; the result is
    ``[d I | d M⁻¹]`` with ``d`` the determinant of the row-permuted matrix.

    Examples
    --------
    >>> adj, d = integer_inverse([[2, 1], [1, 1]])
    >>> adj.tolist(), d
    ([[1, -1], [-1, 2]], 1)
    """
    M = np.asarray(matrix, dtype=object)
    k = M.shape[0]
    if k == 0:
        return np.empty((0, 0), dtype=object), 1
    T = np.empty((k, 2 * k), dtype=object)
    T[:, :k] = [[int(v) for v in row] for row in M]
    T[:, k:] = 0
    for i in range(k):
        T[i, k + i] = 1
    prev = 1
    for i in range(k):
        nonzero = [r for r in range(i, k) if T[r, i] != 0]
        if not nonzero:
            raise ZeroDivisionError("singular matrix")
        r = nonzero[0]
        if r != i:
            T[[i, r]] = T[[r, i]]
        p = T[i, i]
        col = T[:, i].copy()
        col[i] = 0
        rows = np.arange(k) != i
        T[rows] = (T[rows] * p - np.outer(col[rows], T[i])) // prev
        prev = p
    d = int(T[0, 0])
    adj = T[:, k:]
    if d < 0:
        adj = -adj
        d = -d
    return np.ascontiguousarray(adj), d


class PolytopeBasis:
    """A basis of ``C v + w = 1, v, w ≥ 0`` kept in revised form (see the module docstring).

    Parameters
    ----------
    C
        The ``p × q`` constraint matrix, positive: float64, or an object array
        of Python ints for exact (integer) pivoting. Not copied; views are fine.
    struct_offset
        Structural variable ``v_c`` carries label ``struct_offset + c``.
    slack_offset
        Slack ``w_r`` carries label ``slack_offset + r``.
    exact
        Integer pivoting (``C`` holds ints) instead of floating point.

    The initial basis is the slack basis (``v = 0``, ``w = 1``).
    """

    def __init__(
        self,
        C: NDArray[Any],
        struct_offset: int,
        slack_offset: int,
        *,
        exact: bool = False,
        capacity: int = 16,
    ) -> None:
        self.C = C
        self.p, self.q = C.shape
        self.exact = exact
        self.struct_offset = int(struct_offset)
        self.slack_offset = int(slack_offset)
        self.struct_labels = self.struct_offset + np.arange(self.q)
        self.slack_labels = self.slack_offset + np.arange(self.p)
        cap = max(1, min(capacity, self.p, self.q))
        self.dtype: Any = object if exact else np.float64
        self.k = 0
        self.S = np.zeros(cap, dtype=np.int64)  # position -> structural column
        self.R = np.zeros(cap, dtype=np.int64)  # position -> row with nonbasic slack
        self.spos = np.full(self.q, -1, dtype=np.int64)  # column -> position in S
        self.rpos = np.full(self.p, -1, dtype=np.int64)  # row -> position in R
        self.inv = np.zeros((cap, cap), dtype=self.dtype)  # M^-1 (float) or adj(M) (exact)
        self.det: int = 1  # D with inv = D * M^-1 (exact); 1 for floats
        self.CS = np.zeros((self.p, cap), dtype=self.dtype, order="F")  # C[:, S]
        self.pivots = 0
        self._since_refactor = 0

    # ------------------------------------------------------------------ state
    def _grow(self) -> None:
        cap = self.S.shape[0]
        new = min(2 * cap, self.p, self.q)
        if new <= cap:  # pragma: no cover - k never exceeds min(p, q)
            return
        for name in ("S", "R"):
            arr = getattr(self, name)
            grown = np.zeros(new, dtype=np.int64)
            grown[:cap] = arr
            setattr(self, name, grown)
        inv = np.zeros((new, new), dtype=self.dtype)
        inv[:cap, :cap] = self.inv
        self.inv = inv
        CS = np.zeros((self.p, new), dtype=self.dtype, order="F")
        CS[:, :cap] = self.CS
        self.CS = CS

    def basic_labels(self) -> frozenset[int]:
        """Labels of the basic variables: structural in ``S`` and slacks of rows outside ``R``."""
        k = self.k
        struct = self.struct_labels[self.S[:k]]
        mask = self.rpos < 0
        return frozenset(int(v) for v in struct) | frozenset(int(v) for v in self.slack_labels[mask])

    def nonbasic_labels(self) -> set[int]:
        k = self.k
        mask = self.spos < 0
        return {int(v) for v in self.struct_labels[mask]} | {int(v) for v in self.slack_labels[self.R[:k]]}

    def set_basis(
        self, columns: Sequence[int] | NDArray[np.int64], rows: Sequence[int] | NDArray[np.int64]
    ) -> None:
        """Make ``columns`` the basic structural variables and ``rows`` the rows with nonbasic slacks.

        Raises
        ------
        PivotError
            When ``C[rows, columns]`` is singular.
        """
        cols = [int(c) for c in columns]
        rws = [int(r) for r in rows]
        if len(cols) != len(rws):
            raise ValueError("a basis needs as many basic structural variables as nonbasic slacks")
        while self.S.shape[0] < len(cols):
            self._grow()
        self.k = len(cols)
        self.spos[:] = -1
        self.rpos[:] = -1
        for pos, c in enumerate(cols):
            self.S[pos] = c
            self.spos[c] = pos
            self.CS[:, pos] = self.C[:, c]
        for pos, r in enumerate(rws):
            self.R[pos] = r
            self.rpos[r] = pos
        self.refactor()

    def refactor(self) -> None:
        """Recompute the inverse (or the integer adjugate) of ``M = C[R, S]`` from scratch."""
        k = self.k
        self._since_refactor = 0
        if k == 0:
            self.det = 1
            return
        M = self.CS[self.R[:k], :k]
        if self.exact:
            try:
                adj, d = integer_inverse(M)
            except ZeroDivisionError:
                raise PivotError("singular basis") from None
            self.inv[:k, :k] = adj
            self.det = d
        else:
            try:
                self.inv[:k, :k] = np.linalg.inv(M)
            except np.linalg.LinAlgError:
                raise PivotError("singular basis") from None

    def values(self) -> tuple[NDArray[Any], NDArray[Any]]:
        """Values of the basic structural variables (by position) and of every slack.

        Scaled by ``det`` in exact mode (divide by :attr:`det`, or normalise).
        Slacks of rows in ``R`` are nonbasic and reported as 0.
        """
        k = self.k
        vS = self.inv[:k, :k].sum(axis=1) if k else np.zeros(0, dtype=self.dtype)
        w = self.det - (self.CS[:, :k] @ vS if k else np.zeros(self.p, dtype=self.dtype))
        if k:
            w[self.R[:k]] = 0
        return vS, w

    def structural_values(self) -> NDArray[Any]:
        """``v`` as a dense vector of length ``q`` (scaled by ``det`` in exact mode)."""
        k = self.k
        out = np.zeros(self.q, dtype=self.dtype)
        if k:
            vS, _ = self.values()
            out[self.S[:k]] = vS
        return out

    # ------------------------------------------------------------------ pivoting
    def variable(self, label: int) -> tuple[bool, int]:
        """``(is_structural, index)`` of the variable carrying ``label``."""
        c = label - self.struct_offset
        if 0 <= c < self.q:
            return True, c
        return False, label - self.slack_offset

    def pivot(self, label: int) -> int:
        """Bring the nonbasic variable with ``label`` into the basis; return the label that leaves.

        Raises
        ------
        PivotError
            When no basic variable limits the entering one (float rounding).
        """
        structural, index = self.variable(label)
        if not self.exact:
            return self._pivot_float(structural, index, label)
        k = self.k
        C = self.C
        inv = self.inv[:k, :k]
        CS = self.CS[:, :k]
        R = self.R[:k]
        vS = inv.sum(axis=1)
        if structural:
            if self.spos[index] >= 0:
                raise ValueError(f"label {label} is basic")
            zS = inv @ C[R, index] if k else np.zeros(0, dtype=self.dtype)
            col = C[:, index]
            if k:
                both = CS @ np.stack([zS, vS], axis=1)
                zW = self.det * col - both[:, 0]
                w = self.det - both[:, 1]
            else:
                zW = np.array(col, dtype=self.dtype) * self.det
                w = np.full(self.p, self.det, dtype=self.dtype)
        else:
            q0 = int(self.rpos[index])
            if q0 < 0:
                raise ValueError(f"label {label} is basic")
            zS = inv[:, q0].copy()
            both = CS @ np.stack([zS, vS], axis=1)
            zW = -both[:, 0]
            w = self.det - both[:, 1]
        if k:
            zW[R] = 0
            w[R] = 0
        leaving_struct, leaving_index = self._ratio_test(zS, vS, zW, w)
        self._update(structural, index, leaving_struct, leaving_index, zS, zW)
        self.pivots += 1
        if leaving_struct:
            return self.struct_offset + leaving_index
        return self.slack_offset + leaving_index

    def _pivot_float(self, structural: bool, index: int, label: int) -> int:
        """:meth:`pivot` in floating point, with as few numpy calls as possible (the hot loop)."""
        k = self.k
        inv = self.inv[:k, :k]
        CS = self.CS[:, :k]
        R = self.R[:k]
        if structural:
            if self.spos[index] >= 0:
                raise ValueError(f"label {label} is basic")
            zS = inv @ self.C[R, index]
            zW = self.C[:, index] - CS @ zS
        else:
            q0 = int(self.rpos[index])
            if q0 < 0:
                raise ValueError(f"label {label} is basic")
            zS = inv[:, q0].copy()
            zW = -(CS @ zS)
        vS = inv.sum(axis=1)
        z = np.concatenate((zS, zW))
        v = np.concatenate((vS, 1.0 - CS @ vS))
        z[k + R] = 0.0
        thr = PIVOT_TOL * max(1.0, float(np.abs(z).max()))
        mask = z > thr
        ratios = np.full(z.shape[0], np.inf)
        np.divide(np.maximum(v, 0.0), z, out=ratios, where=mask)
        j = int(ratios.argmin())
        best = ratios[j]
        if not best < np.inf:
            raise PivotError("no basic variable limits the entering variable")
        tied = np.flatnonzero(ratios <= best + TIE_TOL * (1.0 + best))
        if tied.size > 1:
            cands = [(True, int(t)) if t < k else (False, int(t) - k) for t in tied]
            leaving_struct, pos = self._lexicographic(cands, zS, zW)
        else:
            leaving_struct, pos = (True, j) if j < k else (False, j - k)
        leaving = int(self.S[pos]) if leaving_struct else pos
        self._update(structural, index, leaving_struct, leaving, zS, zW)
        self.pivots += 1
        if leaving_struct:
            return self.struct_offset + leaving
        return self.slack_offset + leaving

    def _ratio_test(
        self, zS: NDArray[Any], vS: NDArray[Any], zW: NDArray[Any], w: NDArray[Any]
    ) -> tuple[bool, int]:
        """Lexicographic minimum-ratio test: ``(is_structural, column or row)`` of the leaving variable."""
        k = self.k
        if self.exact:
            # ratios v/z (z > 0) compared by cross-multiplication: no Fractions, no gcds
            cands = [(True, i, vS[i], zS[i]) for i in range(k) if zS[i] > 0]
            cands += [(False, r, w[r], zW[r]) for r in np.flatnonzero(zW > 0).tolist()]
            if not cands:
                raise PivotError("no basic variable limits the entering variable")
            tied = []
            best_v, best_z = cands[0][2], cands[0][3]
            for structural, i, v, z in cands:
                lhs, rhs = v * best_z, best_v * z
                if lhs < rhs:
                    best_v, best_z = v, z
                    tied = [(structural, i)]
                elif lhs == rhs:
                    tied.append((structural, i))
        else:
            scale = max(float(np.abs(zS).max(initial=0.0)), float(np.abs(zW).max(initial=0.0)), 1.0)
            thr = PIVOT_TOL * scale
            s_idx = np.flatnonzero(zS > thr)
            w_idx = np.flatnonzero(zW > thr)
            if s_idx.size + w_idx.size == 0:
                raise PivotError("no basic variable limits the entering variable")
            ts = np.maximum(vS[s_idx], 0.0) / zS[s_idx]
            tw = np.maximum(w[w_idx], 0.0) / zW[w_idx]
            best = min(float(ts.min(initial=np.inf)), float(tw.min(initial=np.inf)))
            slack = TIE_TOL * (1.0 + best)
            tied = [(True, int(i)) for i in s_idx[ts <= best + slack]]
            tied += [(False, int(r)) for r in w_idx[tw <= best + slack]]
        structural, index = tied[0] if len(tied) == 1 else self._lexicographic(tied, zS, zW)
        # structural candidates are held by position in S: report the column
        return structural, int(self.S[index]) if structural else index

    def _lexicographic(
        self, tied: list[tuple[bool, int]], zS: NDArray[Any], zW: NDArray[Any]
    ) -> tuple[bool, int]:
        """Break a ratio tie by the rows of ``B⁻¹`` (in the order of the initial slack basis) over ``z``.

        ``tied`` holds ``(True, position in S)`` or ``(False, row)``.
        """
        k = self.k
        inv = self.inv[:k, :k]
        R = self.R[:k]
        rows: list[dict[int, Any]] = []
        denominators = []
        for structural, i in tied:
            entries: dict[int, Any] = {}
            if structural:
                row = inv[i]
                denominators.append(zS[i])
            else:
                row = -(self.CS[i, :k] @ inv) if k else np.zeros(0, dtype=self.dtype)
                entries[i] = self.det
                denominators.append(zW[i])
            for pos in range(k):
                if row[pos] != 0:
                    entries[int(R[pos])] = row[pos]
            rows.append(entries)
        columns = sorted(set().union(*rows))
        alive = list(range(len(tied)))
        for col in columns:
            if self.exact:
                vals = [Fraction(int(rows[a].get(col, 0)), int(denominators[a])) for a in alive]
                best = min(vals)
                alive = [a for a, v in zip(alive, vals) if v == best]
            else:
                fvals = np.array([rows[a].get(col, 0.0) / denominators[a] for a in alive])
                fbest = float(fvals.min())
                alive = [a for a, v in zip(alive, fvals) if v <= fbest + TIE_TOL * max(1.0, abs(fbest))]
            if len(alive) == 1:
                break
        return tied[alive[0]]

    def _update(
        self,
        entering_struct: bool,
        entering: int,
        leaving_struct: bool,
        leaving: int,
        zS: NDArray[Any],
        zW: NDArray[Any],
    ) -> None:
        """Update ``S``, ``R``, ``C[:, S]`` and the inverse for the exchange just chosen."""
        k = self.k
        exact = self.exact
        D = self.det
        if entering_struct and not leaving_struct:
            # (a) M grows by row `leaving` and column `entering`
            if k == self.S.shape[0]:
                self._grow()
            inv = self.inv
            r, c = leaving, entering
            g = self.CS[r, :k] @ inv[:k, :k] if k else np.zeros(0, dtype=self.dtype)
            piv = zW[r]
            if exact:
                new_det = int(piv)
                if k:
                    inv[:k, :k] = (new_det * inv[:k, :k] + np.outer(zS, g)) // D
                inv[:k, k] = -zS
                inv[k, :k] = -g
                inv[k, k] = D
            else:
                new_det = 1
                if k:
                    inv[:k, :k] += np.outer(zS / piv, g)
                inv[:k, k] = -zS / piv
                inv[k, :k] = -g / piv
                inv[k, k] = 1.0 / piv
            self.S[k] = c
            self.spos[c] = k
            self.R[k] = r
            self.rpos[r] = k
            self.CS[:, k] = self.C[:, c]
            self.k = k + 1
        elif entering_struct and leaving_struct:
            # (b) column `leaving` of M replaced by column `entering`
            ps = int(self.spos[leaving])
            inv = self.inv[:k, :k]
            rowp = inv[ps].copy()
            if exact:
                new_det = int(zS[ps])
                inv[:] = (new_det * inv - np.outer(zS, rowp)) // D
                inv[ps] = rowp
            else:
                new_det = 1
                inv -= np.outer(zS / zS[ps], rowp)
                inv[ps] = rowp / zS[ps]
            self.spos[leaving] = -1
            self.S[ps] = entering
            self.spos[entering] = ps
            self.CS[:, ps] = self.C[:, entering]
        elif not leaving_struct:
            # (c) row `entering` of M (slack entering) replaced by row `leaving`
            q0 = int(self.rpos[entering])
            inv = self.inv[:k, :k]
            g = self.CS[leaving, :k] @ inv
            colq = inv[:, q0].copy()
            if exact:
                new_det = int(g[q0])
                inv[:] = (new_det * inv - np.outer(colq, g)) // D
                inv[:, q0] = colq
            else:
                new_det = 1
                den = g[q0]
                inv -= np.outer(colq, g / den)
                inv[:, q0] = colq / den
            self.rpos[entering] = -1
            self.R[q0] = leaving
            self.rpos[leaving] = q0
        else:
            # (d) M loses row `entering` (slack entering) and column `leaving`
            ps = int(self.spos[leaving])
            q0 = int(self.rpos[entering])
            inv = self.inv[:k, :k]
            h = inv[ps, q0]
            colq = inv[:, q0].copy()
            rowp = inv[ps].copy()
            if exact:
                new_det = int(h)
                inv[:] = (new_det * inv - np.outer(colq, rowp)) // D
            else:
                new_det = 1
                inv -= np.outer(colq / h, rowp)
            last = k - 1
            # move the last row/column into the freed position
            inv[ps] = inv[last]
            inv[:, q0] = inv[:, last]
            self.spos[leaving] = -1
            moved = int(self.S[last])
            self.S[ps] = moved
            if moved != leaving:
                self.spos[moved] = ps
            self.CS[:, ps] = self.CS[:, last]
            self.rpos[entering] = -1
            moved_r = int(self.R[last])
            self.R[q0] = moved_r
            if moved_r != entering:
                self.rpos[moved_r] = q0
            self.k = last
        if exact:
            if new_det < 0:
                kk = self.k
                self.inv[:kk, :kk] = -self.inv[:kk, :kk]
                new_det = -new_det
            self.det = new_det
        else:
            self._since_refactor += 1
            if self._since_refactor >= REFACTOR_EVERY:
                self.refactor()
