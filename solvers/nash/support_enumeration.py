"""Support enumeration for two-player games, exact and complete on degenerate games too.

A mixed strategy ``x`` of the row player is an *extreme point* of its
best-response polyhedron ``P = {(x, u) : x ≥ 0, 1ᵀx = 1, Bᵀx ≤ u·1}`` exactly
when it is the unique solution of the indifference system on its support
``R`` and on some set ``C`` of ``|R|`` of its pure best responses:

.. math::

    B_{RC}^{\\top} x_R = u\\,\\mathbf 1,\\qquad \\mathbf 1^{\\top} x_R = 1,

a square system of size ``|R| + 1`` (the column player likewise with ``A``).
Solving that system for every pair of supports of equal size therefore lists
every vertex of both polyhedra, labelled by its support and its best responses
(degenerate vertices, with more best responses than support, included). A pair
of vertices is an equilibrium exactly when each support lies among the other's
best responses, and the equilibria obtained that way are the *extreme*
equilibria of the game (Mangasarian 1964): every equilibrium of a
nondegenerate game, and in a degenerate one the vertices of every maximal
Nash subset, the equilibria a continuum is the convex hull of.

This is the textbook support enumeration (equal-size supports, one square
indifference system per pair) with one change that makes it correct on
degenerate games: the two indifference systems of a support pair are solved
separately and their solutions paired by best-response labels, instead of
insisting that both players' supports be found in the same pair. Singular
systems (whose solution set is not a point) are skipped and counted: they
define no vertex, and every vertex on their solution set also solves a
nonsingular system of its own support and some of its best responses.

The systems are solved in batches, one stacked :func:`numpy.linalg.solve` per
support size. Pairs in which a strategy is conditionally dominated given the
opponent's support cannot define a vertex and are pruned first (Porter,
Nudelman & Shoham 2008), as are strategies removed by iterated strict dominance.

In exact mode the float solutions are only a filter: every system that passes
a loose check, and every system too ill-conditioned for floats to decide, is
solved exactly with fraction-free modular Gaussian elimination over several
word-sized primes and the Chinese remainder theorem (vectorised over the
batch; the Hadamard bound fixes how many primes suffice), and every
comparison afterwards is exact.
"""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from games.errors import GameTooLargeError, UnsupportedGameError
from games.normal_form import NormalFormGame
from games.profiles import MixedProfile
from solvers.results import STATUS_OK, STATUS_TIMEOUT, Equilibrium, EquilibriumSet

__all__ = ["support_enumeration", "count_support_pairs", "DEFAULT_MAX_SUPPORTS"]

#: Support pairs enumerated at most by default (a 12×12 game has 2,704,155).
DEFAULT_MAX_SUPPORTS = 10_000_000
#: Measured cost of one support pair (both indifference systems; 1–2 µs on a 2-core machine), for estimates.
_SECONDS_PER_PAIR = 2e-6
#: Float systems whose condition-number bound exceeds this are decided exactly.
_KAPPA_MAX = 1e7
#: Loose tolerance (payoffs scaled to [0, 1]) of the float filter in exact mode.
_LOOSE = 1e-5
#: Comparisons iterated dominance may spend on a game too large to enumerate as it is.
_DOMINANCE_WORK = 2_000_000_000
#: Floats per batch of stacked systems (about 32 MB).
_BATCH_FLOATS = 4_000_000


def count_support_pairs(m: int, n: int) -> int:
    """Number of pairs of equal-size nonempty supports of an ``m``×``n`` game: ``C(m+n, m) − 1``.

    Examples
    --------
    >>> count_support_pairs(2, 2)
    5
    >>> count_support_pairs(10, 10)
    184755
    """
    return math.comb(m + n, m) - 1


def support_enumeration(
    game: NormalFormGame,
    /,
    *,
    exact: bool | None = None,
    tol: float = 1e-9,
    timeout: float | None = None,
    max_supports: int = DEFAULT_MAX_SUPPORTS,
) -> EquilibriumSet:
    """Every extreme Nash equilibrium of a two-player game, by enumerating supports.

    Parameters
    ----------
    game
        A two-player normal-form game.
    exact
        Solve in exact rational arithmetic and return Fractions whose regret is
        proved zero. Defaults to ``True`` when the game keeps exact payoffs.
    tol
        Float mode: regret tolerance relative to the payoff range (the largest
        ``max − min`` of the two payoff matrices): every returned profile has
        max regret at most ``tol`` times that range, and best responses are
        taken within the same tolerance. Ignored in exact mode.
    timeout
        Seconds after which the enumeration stops and returns what it found,
        with ``status="timeout"`` and ``complete=False``. Supports are taken
        small first, so every extreme equilibrium whose supports both have at
        most ``statistics["largest_support_done"]`` strategies is returned.
    max_supports
        Refuse games with more support pairs than this (after removing
        strictly dominated strategies).

    Returns
    -------
    EquilibriumSet
        ``scope="all"`` when the game (after iterated strict dominance) turns
        out nondegenerate, whose equilibria are finitely many and all extreme;
        ``scope="extreme"`` otherwise: every extreme equilibrium, that is
        every vertex of every maximal Nash subset (a continuum of equilibria
        is the convex hull of some of them, not listed point by point).
        ``complete=True`` unless the timeout struck. Equilibria come small
        supports first. ``statistics``: ``support_pairs`` (equal-size pairs,
        after iterated strict dominance), ``systems`` (indifference systems
        solved, both players), ``pruned`` (systems skipped because a tight
        strategy is conditionally dominated), ``singular`` (systems without a
        unique solution: exactly, in exact mode; a zero pivot in floats),
        ``ill_conditioned`` (exact mode: systems floats could not decide,
        solved exactly), ``vertices`` (of each player's polyhedron),
        ``degenerate``, ``dominated`` (strategies removed per player),
        ``dropped`` (candidates failing the final regret check; 0 unless a
        float tolerance is too tight), ``largest_support_done`` and
        ``seconds``.

    Raises
    ------
    UnsupportedGameError
        If the game does not have two players, or ``exact=True`` for a game
        with float payoffs.
    GameTooLargeError
        If there are more than ``max_supports`` support pairs; the estimate
        gives the count and the expected time.

    Notes
    -----
    A vertex ``(x, u)`` of ``P`` is determined by its support ``R`` and its
    best responses ``L ⊇ C``: the tight constraints have rank ``|R| + 1``, so
    some ``|R|`` best responses ``C`` make the square system above
    nonsingular. Enumerating the ``C(m+n, m) − 1`` pairs of equal-size
    supports thus finds every vertex of ``P`` and of ``Q`` (the column
    player's polyhedron), and ``(x, y)`` is an equilibrium iff
    ``supp x ⊆ BR(y)`` and ``supp y ⊆ BR(x)``. A game is degenerate iff some
    vertex has more best responses than its support size (a face argument),
    which the enumeration detects exactly in exact mode.

    Guarantees: soundness always (every returned profile passes the regret
    check; in exact mode its exact regret is 0). Completeness (every extreme
    equilibrium) holds in exact arithmetic; in exact mode the float pass only
    discards systems that are well-conditioned (condition-number bound
    ``≤ 1e7`` by Guggenheimer, Edelman & Johnson's estimate) and fail the
    vertex conditions by more than ``1e-5`` of the payoff range, every other
    system being decided exactly. In float mode, completeness holds up to the
    tolerance.

    Cost: ``C(m+n, m)`` pairs, each two systems of size at most
    ``min(m, n) + 1`` (fewer after pruning): about 0.2 s for a 10×10 game and
    2–3 s at 12×12 on two cores, in float and exact mode alike; exact mode
    adds the exact certificate of each equilibrium.

    References
    ----------
    .. [1] Y. Shoham and K. Leyton-Brown, *Multiagent Systems*, Cambridge
       University Press, 2009, §4.2. doi:10.1017/CBO9780511811654
    .. [2] B. von Stengel, "Equilibrium computation for two-player games in
       strategic and extensive form", ch. 3 of N. Nisan, T. Roughgarden,
       É. Tardos and V. Vazirani (eds.), *Algorithmic Game Theory*, Cambridge
       University Press, 2007. doi:10.1017/CBO9780511800481.005
    .. [3] R. Porter, E. Nudelman and Y. Shoham, "Simple search methods for
       finding a Nash equilibrium", *Games and Economic Behavior* 63(2),
       642–662, 2008. doi:10.1016/j.geb.2006.03.015
    .. [4] O. L. Mangasarian, "Equilibrium points of bimatrix games", *Journal
       of the SIAM* 12(4), 778–780, 1964. doi:10.1137/0112064
    .. [5] D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel,
       "Enumeration of Nash equilibria for two-player games", *Economic
       Theory* 42, 9–37, 2010. doi:10.1007/s00199-009-0449-x
    .. [6] H. W. Guggenheimer, A. S. Edelman and C. R. Johnson, "A simple
       estimate of the condition number of a linear system", *The College
       Mathematics Journal* 26(1), 2–5, 1995.

    Examples
    --------
    Battle of the sexes has two pure equilibria and one mixed one:

    >>> from games.library import battle_of_the_sexes
    >>> result = support_enumeration(battle_of_the_sexes())
    >>> len(result), result.scope, result.complete
    (3, 'all', True)
    >>> [e.exact_regret for e in result]
    [Fraction(0, 1), Fraction(0, 1), Fraction(0, 1)]

    A degenerate game: when both players are indifferent everywhere, every
    profile is an equilibrium, and the extreme ones are the four pure profiles:

    >>> from games.normal_form import NormalFormGame
    >>> zero = NormalFormGame.from_bimatrix([[0, 0], [0, 0]], [[0, 0], [0, 0]])
    >>> result = support_enumeration(zero)
    >>> len(result), result.scope, result.statistics["degenerate"]
    (4, 'extreme', True)
    """
    start = time.perf_counter()
    deadline = None if timeout is None else start + timeout
    if game.n_players != 2:
        raise UnsupportedGameError(
            f"support enumeration handles two-player games; this game has {game.n_players} players "
            "(use pure() for pure equilibria of n-player games)"
        )
    exact_ints = game.exact_integer_payoffs()
    use_exact = exact_ints is not None and (exact is None or exact)
    if exact and exact_ints is None:
        raise UnsupportedGameError(
            "exact=True needs a game with exact payoffs (integers or fractions); this game has float payoffs"
        )
    if use_exact:
        assert exact_ints is not None
        ints = exact_ints[0]  # int64 when the integers fit, else Python ints
        A_cmp: NDArray[Any] = ints[0]
        B_cmp: NDArray[Any] = ints[1]
    else:
        A_cmp, B_cmp = game.payoffs[0], game.payoffs[1]
    m, n = game.shape
    rows, cols = np.arange(m), np.arange(n)
    pairs = count_support_pairs(m, n)
    reduced = pairs <= max_supports or m * n * (m + n) <= _DOMINANCE_WORK
    if reduced:
        rows, cols = _iterated_strict_dominance(A_cmp, B_cmp)
        m, n = len(rows), len(cols)
        pairs = count_support_pairs(m, n)
    if pairs > max_supports:
        seconds = pairs * _SECONDS_PER_PAIR
        after = (
            "after removing strictly dominated strategies" if reduced else "dominance not tried: too large"
        )
        raise GameTooLargeError(
            f"support enumeration on this {game.shape[0]}×{game.shape[1]} game "
            f"({m}×{n} {after}) would solve the indifference "
            f"systems of {pairs:,} support pairs, about {seconds:.3g} s; the limit is "
            f"max_supports={max_supports:,}. Raise max_supports, or use vertex enumeration or "
            "Lemke–Howson for larger games",
            {"support_pairs": pairs, "seconds": seconds},
        )
    sub = np.ix_(rows, cols)
    # the x side: the row player's strategy, constrained by the column player's payoffs B
    x_side = _Side(np.asarray(B_cmp[sub]), use_exact)
    # the y side: the column player's strategy, constrained by the row player's payoffs Aᵀ
    y_side = _Side(np.asarray(A_cmp[sub]).T, use_exact)
    stats: dict[str, Any] = {"systems": 0, "singular": 0, "ill_conditioned": 0, "pruned": 0}
    status = STATUS_OK
    largest_done = 0
    for k in range(1, min(m, n) + 1):
        finished = x_side.enumerate(k, deadline, stats, tol) and y_side.enumerate(k, deadline, stats, tol)
        if not finished:
            status = STATUS_TIMEOUT
            break
        largest_done = k
    equilibria, dropped = _pair_vertices(game, x_side, y_side, rows, cols, use_exact, tol)
    degenerate = x_side.degenerate or y_side.degenerate
    complete = status == STATUS_OK
    stats.update(
        {
            "support_pairs": pairs,
            "largest_support_done": largest_done,
            "vertices": [x_side.count, y_side.count],
            "degenerate": bool(degenerate),
            "dominated": [game.shape[0] - m, game.shape[1] - n],
            "dropped": dropped,
            "seconds": time.perf_counter() - start,
        }
    )
    return EquilibriumSet(
        method="support_enumeration",
        parameters={"exact": use_exact, "tol": 0.0 if use_exact else tol, "timeout": timeout},
        status=status,
        statistics=stats,
        game=game,
        equilibria=tuple(equilibria),
        complete=complete,
        scope="extreme" if degenerate or not complete else "all",
    )


# ====================================================================== dominance


def _iterated_strict_dominance(
    A: NDArray[Any], B: NDArray[Any]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Indices of the strategies surviving iterated elimination of strictly dominated pure strategies.

    A strategy strictly dominated by another pure strategy is never a best
    response, so it is in no equilibrium's support nor among any equilibrium
    strategy's best responses; removing it keeps the equilibria and their
    extreme points unchanged.
    """
    rows = np.arange(A.shape[0])
    cols = np.arange(A.shape[1])
    while True:
        r_keep = ~_strictly_dominated(A[np.ix_(rows, cols)])
        c_keep = ~_strictly_dominated(B[np.ix_(rows, cols)].T)
        if r_keep.all() and c_keep.all():
            return rows, cols
        rows, cols = rows[r_keep], cols[c_keep]


def _strictly_dominated(P: NDArray[Any]) -> NDArray[np.bool_]:
    """Rows of ``P`` strictly dominated by another row (chunked so memory stays O(rows × cols))."""
    r = P.shape[0]
    out = np.zeros(r, dtype=bool)
    step = max(1, 2_000_000 // max(1, r * P.shape[1]))
    for lo in range(0, r, step):
        better = P[lo : lo + step, None, :] > P[None, :, :]  # [dominator, row, col]
        out |= better.all(axis=2).any(axis=0)
    return out


def _conditionally_dominated(P: NDArray[Any], own: NDArray[np.int64]) -> NDArray[np.bool_]:
    """For each support ``own[r]`` (rows of ``P``), the columns that cannot be a best response.

    Column ``j`` is out when some column ``j'`` pays at least as much on every
    row of the support and more on one: against any strategy with exactly
    that support, ``j'`` beats ``j``. Returns a bool array ``(len(own), P.shape[1])``.
    """
    S = P[own]  # (R, k, n)
    n = P.shape[1]
    out = np.zeros((own.shape[0], n), dtype=bool)
    step = max(1, 4_000_000 // max(1, own.shape[1] * n * n))
    for lo in range(0, own.shape[0], step):
        s = S[lo : lo + step]
        geq = np.all(s[:, :, None, :] >= s[:, :, :, None], axis=1)  # [r, j, j']: j' ≥ j everywhere
        gt = np.any(s[:, :, None, :] > s[:, :, :, None], axis=1)
        out[lo : lo + step] = np.any(geq & gt, axis=2)
    return out


def _combinations(n: int, k: int) -> NDArray[np.int64]:
    return np.fromiter(
        itertools.chain.from_iterable(itertools.combinations(range(n), k)),
        dtype=np.int64,
        count=math.comb(n, k) * k,
    ).reshape(-1, k)


# ====================================================================== one player's polyhedron


@dataclass
class _Side:
    """The vertices of one player's best-response polyhedron, found support size by support size.

    ``P`` is the *opponent's* payoff matrix with this player's strategies as
    rows: a vertex is a distribution ``z`` over rows with the columns of
    largest ``zᵀP`` as its labels.
    """

    P: NDArray[Any]
    exact: bool
    supports: list[NDArray[np.bool_]] = field(default_factory=list)
    labels: list[NDArray[np.bool_]] = field(default_factory=list)
    points: list[NDArray[np.float64]] = field(default_factory=list)
    # exact vertices as (support indices, numerators, denominator): Fractions are built only when paired
    exact_points: list[list[tuple[tuple[int, ...], tuple[int, ...], int]]] = field(default_factory=list)
    degenerate: bool = False

    def __post_init__(self) -> None:
        P = self.P
        self.own, self.opp = P.shape
        if self.exact:
            # shift to 0 and divide by the gcd: the systems' solutions do not change, the integers shrink
            lo = min(P.reshape(-1).tolist(), default=0)
            shifted = np.asarray(P - lo, dtype=object)
            g = 0
            for v in shifted.reshape(-1).tolist():
                g = math.gcd(g, int(v))
            self.ints: NDArray[Any] = shifted // g if g > 1 else shifted
            top = max(self.ints.reshape(-1).tolist(), default=0)
            self.ints_bits = int(top).bit_length()
            self.ints64 = self.ints.astype(np.int64) if self.ints_bits < 62 else None
            # Python's int / int is correctly rounded however large the integers
            self.float = np.asarray(self.ints / (top or 1), dtype=np.float64)
        else:
            F = np.asarray(P, dtype=np.float64)
            span = float(np.ptp(F)) if F.size else 0.0
            self.float = (F - F.min()) / span if span > 0 else np.zeros_like(F)

    @property
    def count(self) -> int:
        return int(sum(len(s) for s in self.supports))

    # ------------------------------------------------------------------ enumeration
    def enumerate(self, k: int, deadline: float | None, stats: dict[str, Any], tol: float) -> bool:
        """Find every vertex with support size ``k``; ``False`` if the deadline passed first."""
        own = _combinations(self.own, k)
        opp = _combinations(self.opp, k)
        cmp = (self.ints64 if self.ints64 is not None else self.ints) if self.exact else self.P
        dominated = _conditionally_dominated(cmp, own)
        batch = max(1, _BATCH_FLOATS // ((k + 1) * (k + 1) + k * self.opp))
        found: list[tuple[NDArray[np.int64], NDArray[Any], NDArray[Any], Any]] = []
        # pairs allowed: no opponent strategy in the tight set is dominated given the support
        step = max(1, 2_000_000 // max(1, opp.shape[0] * k))
        pending_r: list[NDArray[np.int64]] = []
        pending_c: list[NDArray[np.int64]] = []
        pending = 0

        def flush() -> None:
            nonlocal pending
            if not pending:
                return
            ri = np.concatenate(pending_r)
            ci = np.concatenate(pending_c)
            pending_r.clear()
            pending_c.clear()
            pending = 0
            found.append(self._solve(own[ri], opp[ci], stats, tol))

        for lo in range(0, own.shape[0], step):
            if deadline is not None and time.perf_counter() > deadline:
                return False
            allowed: NDArray[np.bool_] = ~np.any(dominated[lo : lo + step][:, opp], axis=2)  # (r, c)
            stats["pruned"] += int(allowed.size - np.count_nonzero(allowed))
            ri, ci = np.nonzero(allowed)
            ri = ri + lo
            for b in range(0, len(ri), batch):
                pending_r.append(ri[b : b + batch])
                pending_c.append(ci[b : b + batch])
                pending += len(pending_r[-1])
                if pending >= batch:
                    flush()
                    if deadline is not None and time.perf_counter() > deadline:
                        return False
        flush()
        self._collect(k, found)
        return True

    def _solve(
        self, own: NDArray[np.int64], opp: NDArray[np.int64], stats: dict[str, Any], tol: float
    ) -> tuple[NDArray[np.int64], NDArray[Any], NDArray[Any], Any]:
        """Solve the stacked systems of one batch; return the vertices among them.

        Returns ``(rows, labels, floats, exact)``: the support (as indices) of
        each vertex, its labels, its float coordinates and, in exact mode,
        its integer numerators and denominators.
        """
        N, k = own.shape
        s = k + 1
        stats["systems"] += N
        M = np.empty((N, s, s))
        M[:, :k, :k] = self.float[own[:, :, None], opp[:, None, :]].transpose(0, 2, 1)
        M[:, :k, k] = -1.0
        M[:, k, :k] = 1.0
        M[:, k, k] = 0.0
        rhs = np.zeros((N, s, 1))
        rhs[:, k, 0] = 1.0
        if self.exact:
            det = np.linalg.det(M)
            frob = np.sqrt(np.einsum("nij,nij->n", M, M) / s)
            with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
                bound = 2.0 / np.abs(det) * frob**s
            suspect = ~(bound <= _KAPPA_MAX)
            M[suspect] = np.eye(s)
            z = np.linalg.solve(M, rhs)[:, :, 0]
            near = ~suspect & self._float_vertex_mask(z, own, _LOOSE)
            todo = np.flatnonzero(near | suspect)
            singular, result = self._exact_vertices(own[todo], opp[todo])
            stats["singular"] += singular
            stats["ill_conditioned"] += int(np.count_nonzero(suspect)) - singular
            return result
        try:
            z = np.linalg.solve(M, rhs)[:, :, 0]
            singular_mask = np.zeros(N, dtype=bool)
        except np.linalg.LinAlgError:
            singular_mask = np.linalg.det(M) == 0.0
            M[singular_mask] = np.eye(s)
            z = np.linalg.solve(M, rhs)[:, :, 0]
        stats["singular"] += int(np.count_nonzero(singular_mask))
        ok = ~singular_mask & self._float_vertex_mask(z, own, tol)
        idx = np.flatnonzero(ok)
        x = np.clip(z[idx, :k], 0.0, None)
        x[x <= tol] = 0.0
        x /= x.sum(axis=1, keepdims=True)
        pay = np.einsum("nk,nkj->nj", x, self.float[own[idx]])
        labels = pay >= pay.max(axis=1, keepdims=True) - tol
        # a coordinate at (or within tol of) zero means the vertex has a smaller support:
        # it is found there, so drop it here
        keep = (x > 0).all(axis=1)
        return own[idx[keep]], labels[keep], x[keep], None

    def _float_vertex_mask(
        self, z: NDArray[np.float64], own: NDArray[np.int64], tol: float
    ) -> NDArray[np.bool_]:
        """Which float solutions are (within ``tol``) vertices: ``x ≥ 0`` and the tight set best."""
        k = own.shape[1]
        x = z[:, :k]
        mask: NDArray[np.bool_] = np.all(np.isfinite(z), axis=1) & np.all(x >= -tol, axis=1)
        idx = np.flatnonzero(mask)
        if len(idx):
            pay = np.einsum("nk,nkj->nj", x[idx], self.float[own[idx]])
            mask[idx] = pay.max(axis=1) <= z[idx, k] + tol
        return mask

    def _exact_vertices(
        self, own: NDArray[np.int64], opp: NDArray[np.int64]
    ) -> tuple[int, tuple[NDArray[np.int64], NDArray[Any], NDArray[Any], Any]]:
        """Solve systems exactly; return how many are singular and the vertices among the rest."""
        N, k = own.shape
        s = k + 1
        empty: tuple[NDArray[np.int64], NDArray[Any], NDArray[Any], Any] = (
            own[:0],
            np.zeros((0, self.opp), dtype=bool),
            np.zeros((0, k)),
            (np.zeros((0, k), dtype=object), []),
        )
        if N == 0:
            return 0, empty
        base = self.ints64 if self.ints64 is not None else self.ints
        M = np.empty((N, s, s), dtype=base.dtype)
        M[:, :k, :k] = base[own[:, :, None], opp[:, None, :]].transpose(0, 2, 1)
        M[:, :k, k] = -1
        M[:, k, :k] = 1
        M[:, k, k] = 0
        # Hadamard bound on |det| and on every cofactor (columns replaced by a unit vector)
        # each row's squared norm is below k·4**ints_bits + 1 ≤ (k + 1)·4**ints_bits
        bits = 0.5 * s * (2 * self.ints_bits + math.log2(k + 1) + 1.0) + 2.0
        det, num = _solve_exact(M, bits)
        singular = det == 0
        n_singular = int(np.count_nonzero(singular))
        good = ~singular
        det, num, own = det[good], num[good], own[good]
        # make the denominator positive
        neg = det < 0
        det = np.where(neg, -det, det)
        num = np.where(neg[:, None], -num, num)
        x_num, w_num = num[:, :k], num[:, k]
        positive = (x_num > 0).all(axis=1)
        det, x_num, w_num, own = det[positive], x_num[positive], w_num[positive], own[positive]
        # payoff of every opponent strategy, times the denominator: exact integers
        pay = (
            np.einsum("nk,nkj->nj", x_num.astype(object), self.ints[own])
            if len(own)
            else np.zeros((0, self.opp))
        )
        best = pay.max(axis=1) if len(own) else np.zeros(0)
        valid = np.asarray(best == w_num, dtype=bool)
        det, x_num, own, pay, best = det[valid], x_num[valid], own[valid], pay[valid], best[valid]
        labels = np.asarray(pay == best[:, None], dtype=bool).reshape(len(own), self.opp)
        floats = np.asarray(
            np.asarray(x_num, dtype=object) / np.asarray(det, dtype=object)[:, None], dtype=np.float64
        )
        return n_singular, (own, labels, floats.reshape(len(own), k), (x_num, list(det)))

    def _collect(
        self, k: int, found: list[tuple[NDArray[np.int64], NDArray[Any], NDArray[Any], Any]]
    ) -> None:
        """Deduplicate the vertices of support size ``k`` and store them."""
        seen: dict[Any, int] = {}
        sup_rows: list[NDArray[np.int64]] = []
        lab_rows: list[NDArray[np.bool_]] = []
        pts: list[NDArray[np.float64]] = []
        exact_pts: list[tuple[tuple[int, ...], tuple[int, ...], int]] = []
        for own, labels, floats, ex in found:
            if self.exact:
                x_num, dens = ex
                for i in range(len(own)):
                    nums = [int(v) for v in x_num[i]]
                    den = int(dens[i])
                    g = math.gcd(den, *nums)
                    key = (tuple(own[i].tolist()), tuple(v // g for v in nums), den // g)
                    if key in seen:
                        continue
                    seen[key] = len(sup_rows)
                    sup_rows.append(own[i])
                    lab_rows.append(labels[i])
                    pts.append(floats[i])
                    exact_pts.append(key)
            else:
                keys = np.concatenate([own.astype(np.float64), np.rint(floats * 1e10)], axis=1)
                for i in range(len(own)):
                    key = keys[i].tobytes()
                    if key in seen:
                        # the same vertex from another tight set: keep the labels of both
                        lab_rows[seen[key]] = lab_rows[seen[key]] | labels[i]
                        continue
                    seen[key] = len(sup_rows)
                    sup_rows.append(own[i])
                    lab_rows.append(labels[i])
                    pts.append(floats[i])
        count = len(sup_rows)
        support = np.zeros((count, self.own), dtype=bool)
        if count:
            support[np.arange(count)[:, None], np.stack(sup_rows)] = True
        labels_arr = np.stack(lab_rows) if count else np.zeros((0, self.opp), dtype=bool)
        if count and (labels_arr.sum(axis=1) > k).any():
            self.degenerate = True
        self.supports.append(support)
        self.labels.append(labels_arr)
        full = np.zeros((count, self.own))
        if count:
            full[np.arange(count)[:, None], np.stack(sup_rows)] = np.stack(pts)
        self.points.append(full)
        self.exact_points.append(exact_pts)

    def exact_point(self, index: int) -> tuple[Fraction, ...]:
        """Vertex ``index`` (over all sizes) as Fractions on this player's strategies."""
        for chunk in self.exact_points:
            if index < len(chunk):
                support, nums, den = chunk[index]
                out = [Fraction(0)] * self.own
                for r, v in zip(support, nums):
                    out[r] = Fraction(v, den)
                return tuple(out)
            index -= len(chunk)
        raise IndexError(index)

    def arrays(self) -> tuple[NDArray[np.bool_], NDArray[np.bool_], NDArray[np.float64]]:
        """All vertices found: supports, labels and float points."""
        if not self.supports:
            return (
                np.zeros((0, self.own), dtype=bool),
                np.zeros((0, self.opp), dtype=bool),
                np.zeros((0, self.own)),
            )
        return np.concatenate(self.supports), np.concatenate(self.labels), np.concatenate(self.points)


# ====================================================================== pairing


def _pair_vertices(
    game: NormalFormGame,
    x_side: _Side,
    y_side: _Side,
    rows: NDArray[np.int64],
    cols: NDArray[np.int64],
    use_exact: bool,
    tol: float,
) -> tuple[list[Equilibrium], int]:
    """Pair the vertices whose supports lie among each other's labels; certify each pair."""
    sx, lx, px = x_side.arrays()
    sy, ly, py = y_side.arrays()
    psx, plx, psy, ply = (_bitmasks(a) for a in (sx, lx, sy, ly))
    pairs_i: list[NDArray[np.int64]] = []
    pairs_j: list[NDArray[np.int64]] = []
    step = max(1, 4_000_000 // max(1, len(sy) * max(psx.shape[1], psy.shape[1])))
    for lo in range(0, len(sx), step):
        a = (psx[lo : lo + step, None, :] & ~ply[None, :, :]) == 0  # supp x ⊆ BR(y)
        b = (psy[None, :, :] & ~plx[lo : lo + step, None, :]) == 0  # supp y ⊆ BR(x)
        i, j = np.nonzero(a.all(axis=2) & b.all(axis=2))
        pairs_i.append(i + lo)
        pairs_j.append(j)
    xi = np.concatenate(pairs_i) if pairs_i else np.zeros(0, dtype=np.int64)
    yj = np.concatenate(pairs_j) if pairs_j else np.zeros(0, dtype=np.int64)
    # order: small supports first, then lexicographically by support
    order = np.lexsort((yj, xi, sy[yj].sum(axis=1), sx[xi].sum(axis=1)))
    xi, yj = xi[order], yj[order]
    m, n = game.shape
    dropped = 0
    out: list[Equilibrium] = []
    if not use_exact:
        X = np.zeros((len(xi), m))
        Y = np.zeros((len(xi), n))
        X[:, rows] = px[xi]
        Y[:, cols] = py[yj]
        A, B = game.payoffs[0], game.payoffs[1]
        span = max(float(np.ptp(A)), float(np.ptp(B)), 0.0) or 1.0
        AY = Y @ A.T  # (p, m)
        XB = X @ B  # (p, n)
        regret = np.maximum(
            AY.max(axis=1) - np.einsum("pi,pi->p", X, AY), XB.max(axis=1) - np.einsum("pj,pj->p", Y, XB)
        )
        good = regret <= tol * span
        dropped += int(np.count_nonzero(~good))
        for p in np.flatnonzero(good):
            eq = Equilibrium.certify(MixedProfile(game, [X[p], Y[p]]))
            if eq.max_regret <= tol * span:
                out.append(eq)
            else:  # pragma: no cover - the vectorised check above agrees
                dropped += 1
        return out, dropped
    zero = Fraction(0)
    for i, j in zip(xi.tolist(), yj.tolist()):
        x: list[Any] = [zero] * m
        y: list[Any] = [zero] * n
        for r, v in zip(rows.tolist(), x_side.exact_point(i)):
            x[r] = v
        for c, v in zip(cols.tolist(), y_side.exact_point(j)):
            y[c] = v
        eq = Equilibrium.certify(MixedProfile(game, [x, y]))
        if eq.exact_regret == 0:
            out.append(eq)
        else:  # pragma: no cover - exact labels make this impossible
            dropped += 1
    return out, dropped


def _bitmasks(rows: NDArray[np.bool_]) -> NDArray[Any]:
    """Each boolean row as bit words: one uint64 when it fits, else bytes."""
    if rows.shape[1] <= 64:
        weights = np.left_shift(np.uint64(1), np.arange(rows.shape[1], dtype=np.uint64))
        return (rows.astype(np.uint64) * weights).sum(axis=1, dtype=np.uint64)[:, None]
    return np.packbits(rows, axis=1)


# ====================================================================== exact linear algebra


@lru_cache(maxsize=1)
def _primes() -> tuple[int, ...]:
    """The 64 largest primes below 2³¹, so products of two residues fit in int64."""
    limit = math.isqrt(2**31) + 1
    sieve = np.ones(limit + 1, dtype=bool)
    sieve[:2] = False
    for p in range(2, math.isqrt(limit) + 1):
        if sieve[p]:
            sieve[p * p :: p] = False
    small = np.flatnonzero(sieve).astype(np.int64)
    found: list[int] = []
    candidate = 2**31 - 1
    while len(found) < 64:
        if np.all(candidate % small != 0):
            found.append(candidate)
        candidate -= 2
    return tuple(found)


def _inverse_mod(a: NDArray[np.int64], p: int) -> NDArray[np.int64]:
    """Elementwise inverse modulo the prime ``p`` (Fermat), for nonzero residues."""
    result = np.ones_like(a)
    base = a % p
    e = p - 2
    while e:
        if e & 1:
            result = result * base % p
        base = base * base % p
        e >>= 1
    return result


def _solve_mod_p(M: NDArray[Any], p: int) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Gauss–Jordan elimination of the stacked systems ``M z = e_last`` modulo ``p``.

    Returns ``(det mod p, z mod p)``; ``z`` is meaningful where ``det ≠ 0``.
    """
    N, s, _ = M.shape
    aug = np.zeros((N, s, s + 1), dtype=np.int64)
    aug[:, :, :s] = np.asarray(M % p, dtype=np.int64)
    aug[:, s - 1, s] = 1
    det = np.ones(N, dtype=np.int64)
    everyone = np.arange(N)
    for c in range(s):
        nonzero = aug[:, c:, c] != 0
        has = nonzero.any(axis=1)
        pivot = c + nonzero.argmax(axis=1)
        swap = np.flatnonzero(pivot != c)
        if len(swap):
            pr = pivot[swap]
            rows_p = aug[swap, pr].copy()
            aug[swap, pr] = aug[swap, c]
            aug[swap, c] = rows_p
            det[swap] = (p - det[swap]) % p
        pv = aug[everyone, c, c]
        det = det * pv % p
        inv = _inverse_mod(np.where(has, pv, 1), p)
        aug[:, c, c:] = aug[:, c, c:] * inv[:, None] % p
        factor = aug[:, :, c].copy()
        factor[:, c] = 0
        aug[:, :, c:] = (aug[:, :, c:] - factor[:, :, None] * aug[:, None, c, c:] % p) % p
    return det, aug[:, :, s]


def _solve_exact(M: NDArray[Any], bits: float) -> tuple[NDArray[Any], NDArray[Any]]:
    """Exact ``det(M)`` and ``adj(M) e_last`` (so ``z = num / det``) of stacked integer matrices.

    Works modulo enough primes that their product exceeds twice the bound
    ``2**bits`` on every determinant and cofactor, then reconstructs the
    integers by the Chinese remainder theorem (Garner's algorithm). Systems
    that are singular modulo some prime but not all (the prime divides the
    determinant, a rare event) are solved again with Fractions.
    """
    primes = _primes()
    count = max(1, math.ceil((bits + 1.0) / 30.0))
    if count > len(primes):
        return _solve_fractions(M)
    dets: list[NDArray[np.int64]] = []
    nums: list[NDArray[np.int64]] = []
    for p in primes[:count]:
        d, z = _solve_mod_p(M, p)
        dets.append(d)
        nums.append(z * d[:, None] % p)
    D = np.stack(dets)  # (count, N)
    zero_all = (D == 0).all(axis=0)
    zero_any = (D == 0).any(axis=0)
    if count <= 2:
        det = _crt64(D, primes[:count])
        num = _crt64(np.stack(nums), primes[:count])
        det_out: NDArray[Any] = det
        num_out: NDArray[Any] = num
    else:
        det_out = _crt_object(D, primes[:count])
        num_out = _crt_object(np.stack(nums), primes[:count])
    det_out = np.where(zero_all, 0, det_out)
    odd = np.flatnonzero(zero_any & ~zero_all)
    if len(odd):  # pragma: no cover - a prime dividing a determinant: probability ~ 1e-9 per system
        d2, n2 = _solve_fractions(M[odd])
        det_out = det_out.astype(object)
        num_out = num_out.astype(object)
        det_out[odd] = d2
        num_out[odd] = n2
    return det_out, num_out


def _crt64(residues: NDArray[np.int64], primes: tuple[int, ...]) -> NDArray[np.int64]:
    """Symmetric CRT for one or two primes, in int64."""
    if len(primes) == 1:
        (p,) = primes
        r = residues[0]
        return np.where(r > p // 2, r - p, r)
    p, q = primes
    inv = pow(p, -1, q)
    a, b = residues[0], residues[1]
    t = (b - a) % q * inv % q
    x = a + p * t  # in [0, p q) < 2**62
    pq = p * q
    return np.where(x > pq // 2, x - pq, x)


def _crt_object(residues: NDArray[np.int64], primes: tuple[int, ...]) -> NDArray[Any]:
    """Symmetric CRT for any number of primes (Garner), with Python integers."""
    x = residues[0].astype(object)
    modulus = primes[0]
    for r, p in zip(residues[1:], primes[1:]):
        inv = pow(modulus % p, -1, p)
        t = (r.astype(object) - x) % p * inv % p
        x = x + modulus * t
        modulus *= p
    half = modulus // 2
    return np.where(x > half, x - modulus, x)


def _solve_fractions(M: NDArray[Any]) -> tuple[NDArray[Any], NDArray[Any]]:
    """``det`` and ``adj(M) e_last`` of each matrix by Bareiss' fraction-free elimination (Python ints)."""
    N, s, _ = M.shape
    dets = np.zeros(N, dtype=object)
    nums = np.zeros((N, s), dtype=object)
    for t in range(N):
        a = [[int(v) for v in row] + [1 if i == s - 1 else 0] for i, row in enumerate(M[t].tolist())]
        sign = 1
        prev = 1
        singular = False
        for c in range(s):
            piv = next((r for r in range(c, s) if a[r][c] != 0), None)
            if piv is None:
                singular = True
                break
            if piv != c:
                a[c], a[piv] = a[piv], a[c]
                sign = -sign
            for r in range(c + 1, s):
                for j in range(c + 1, s + 1):
                    a[r][j] = (a[c][c] * a[r][j] - a[r][c] * a[c][j]) // prev
                a[r][c] = 0
            prev = a[c][c]
        if singular:
            continue
        det = sign * a[s - 1][s - 1]
        # back substitution: x = num / det with integer num (Cramer)
        x = [Fraction(0)] * s
        for r in range(s - 1, -1, -1):
            acc = Fraction(a[r][s]) - sum((a[r][j] * x[j] for j in range(r + 1, s)), Fraction(0))
            x[r] = acc / a[r][r]
        dets[t] = det
        nums[t] = [int(v * det) for v in x]
    return dets, nums
