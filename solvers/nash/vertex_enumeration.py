"""Every extreme Nash equilibrium of a bimatrix game, by vertex enumeration, degenerate games included.

The extreme equilibria of a two-player game are the completely labelled
pairs of vertices of its best-response polytopes ``P`` and ``Q`` (see
:mod:`solvers.nash.polytope`): ``(x, y) ≠ (0, 0)`` such that every pure
strategy is either unplayed or a best response. Every equilibrium of the game
is a convex combination of extreme equilibria within a *maximal Nash subset*
(a set ``X × Y`` of extreme equilibria, all of whose pairs are equilibria);
the union of the maximal Nash subsets that overlap forms a *connected
component* of the equilibrium set (von Stengel 2007, §3.6; Avis, Rosenberg,
Savani & von Stengel 2010). So the extreme equilibria together with the
maximal Nash subsets describe the whole equilibrium set, degenerate games
included, as Gambit's ``enummixed`` reports it.

The polytopes' vertices are enumerated exactly (integer pivoting) whenever
the payoffs are exact, so ties, the normal case in games with small integer
payoffs, are neither lost nor invented by rounding; a degenerate vertex,
which has several bases, is identified by its label set. Only games with
non-integer float payoffs are enumerated in floating point.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import NDArray

from games.errors import GameTooLargeError, InputError, UnsupportedGameError
from games.limits import human_bytes
from games.normal_form import NormalFormGame
from games.profiles import MixedProfile
from solvers.nash.polytope import (
    PolytopeVertices,
    best_response_matrices,
    complementary_points,
    complete_label_pairs,
    connected_components,
    max_vertices_bound,
    maximal_bicliques,
    polytope_vertices,
)
from solvers.results import STATUS_OK, STATUS_TIMEOUT, Equilibrium, EquilibriumSet

__all__ = ["vertex_enumeration", "within_vertex_limit", "DEFAULT_MAX_VERTICES", "DEFAULT_TOL", "PIVOT_TOL"]

#: Default cap on the worst-case number of bases of either polytope (McMullen's bound).
DEFAULT_MAX_VERTICES = 1_000_000
#: Relative regret tolerance of float mode: ``tol = DEFAULT_TOL * max(1, max |payoff|)``.
DEFAULT_TOL = 1e-9
#: Zero tolerance of floating-point pivoting (payoffs are scaled into [0, 1] first).
PIVOT_TOL = 1e-10
#: Cap on the maximal Nash subsets listed (their number can grow exponentially).
MAX_NASH_SUBSETS = 100_000
#: Float payoffs that are integers below this magnitude are enumerated exactly.
_EXACT_FLOAT_INTEGERS = 2.0**53


def vertex_enumeration(
    game: NormalFormGame,
    /,
    *,
    exact: bool = False,
    components: bool = True,
    tol: float | None = None,
    timeout: float | None = None,
    max_vertices: int | None = DEFAULT_MAX_VERTICES,
) -> EquilibriumSet:
    """All extreme Nash equilibria of a two-player game, and how they form the equilibrium set.

    Parameters
    ----------
    game
        A two-player normal-form game with ``m`` and ``n`` strategies.
    exact
        Return exact :class:`~fractions.Fraction` profiles whose regret is
        proved 0 in rationals (the game must keep exact payoffs). With
        ``False`` the profiles are floats; the enumeration itself is exact
        whenever the game is (exact payoffs, or float payoffs that are all
        integers), so the set found is the same.
    components
        Also compute the maximal Nash subsets and connected components (into
        ``statistics``; see Returns).
    tol
        Float mode only: the largest regret accepted. Default
        ``1e-9 * max(1, max |payoff|)``. A candidate above it is dropped and
        counted in ``statistics["dropped"]`` (this never happens on exactly
        enumerated games).
    timeout
        Seconds; on expiry the equilibria among the vertices found so far are
        returned with ``status="timeout"`` and ``complete=False``.
    max_vertices
        Refuse (before any work) a game whose polytopes may have more bases
        than this, by McMullen's upper bound theorem: the bound is reached by
        few games (random games typically visit a tenth of it), so raise the
        limit, or pass ``None``, to try a larger game with a ``timeout``. On
        float games only the polytope of lower dimension is checked first,
        and the other one if the game turns out degenerate.

    Returns
    -------
    EquilibriumSet
        ``scope="extreme"``, ``complete=True`` when the search finished: every
        extreme equilibrium, each once, certified by its regret (exact regret
        0 in exact mode). ``statistics`` holds the polytope sizes
        (``vertices_P``, ``bases_P``, ``vertices_Q``, ``bases_Q``), the
        ``arithmetic`` used, ``dropped``, ``seconds``, and with
        ``components=True``: ``components`` and ``maximal_nash_subsets``, each
        a list of lists of indices into ``equilibria``. The equilibria of a
        maximal Nash subset ``X × Y`` are all the pairs of its row-player
        vertices ``X`` and column-player vertices ``Y``; its convex hull,
        the set of profiles ``(x, y)`` with ``x`` in the hull of ``X`` and
        ``y`` in that of ``Y``, consists of equilibria, and every equilibrium
        of the game lies in such a set.

    Raises
    ------
    UnsupportedGameError
        If the game does not have two players, or ``exact=True`` on a game
        with float payoffs.
    GameTooLargeError
        If the polytopes may have more than ``max_vertices`` bases; the
        estimate holds the bound, memory and time.

    Notes
    -----
    Each player's payoffs are shifted to be nonnegative; the vertices of
    ``P = {x ≥ 0 : B^T x ≤ 1}`` and ``Q = {y ≥ 0 : A y ≤ 1}`` are enumerated
    by a breadth-first search over lexicographically feasible bases with
    integer pivoting (:func:`~solvers.nash.polytope.polytope_vertices`), each
    vertex with its exact label set; complementary pairs are found by a join
    on bit sets (:func:`~solvers.nash.polytope.complete_label_pairs`); the
    normalised pairs are the extreme equilibria, degenerate games included
    (von Stengel 2007, Algorithm 3.5 and Proposition 3.8). The maximal Nash
    subsets are the maximal bicliques ("cliques") of the bipartite graph whose
    edges are the extreme equilibria, and the components are its connected
    components (von Stengel 2007, §3.6).

    On games with float payoffs only the polytope of lower dimension is
    enumerated; each of its vertices, if nondegenerate, determines the
    support and the tight rows of its only possible partner, found by
    solving a square system (:func:`~solvers.nash.polytope.complementary_points`,
    as lrsnash does). At the first sign of degeneracy (a vertex with surplus
    labels, a singular system, a partner on an extra facet, all judged with
    a margin) the other polytope is enumerated too. ``statistics["pairing"]``
    says which way was taken.

    Guarantees: on games with exact payoffs the set is exactly the set of
    extreme equilibria, degenerate games included. On games with non-integer
    float payoffs, pivoting uses a tolerance: every returned profile is an
    equilibrium within ``tol``, and the set is complete unless ties in the
    payoffs are hidden by rounding (make the game exact to rule that out).

    References
    ----------
    .. [1] B. von Stengel, "Equilibrium computation for two-player games in
       strategic and extensive form", in N. Nisan et al. (eds.), *Algorithmic
       Game Theory*, ch. 3, Cambridge University Press, 2007.
       https://doi.org/10.1017/CBO9780511800481.005
    .. [2] D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel,
       "Enumeration of Nash equilibria for two-player games", *Economic Theory*
       42:9–37, 2010. https://doi.org/10.1007/s00199-009-0449-x
    .. [3] D. Avis and K. Fukuda, "A pivoting algorithm for convex hulls and
       vertex enumeration of arrangements and polyhedra", *Discrete &
       Computational Geometry* 8:295–313, 1992. https://doi.org/10.1007/BF02293050

    Examples
    --------
    Battle of the sexes has two pure equilibria and one mixed:

    >>> from games.library import battle_of_the_sexes
    >>> result = vertex_enumeration(battle_of_the_sexes(), exact=True)
    >>> len(result), result.complete, all(e.exact_regret == 0 for e in result)
    (3, True, True)

    When the column player is indifferent, the equilibria form segments:
    four extreme equilibria, three maximal Nash subsets (each the segment
    between two of them), one connected component:

    >>> g = NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 1], [0, 0]])
    >>> result = vertex_enumeration(g, exact=True)
    >>> [[[str(p) for p in v] for v in e.profile.exact] for e in result]  # doctest: +NORMALIZE_WHITESPACE
    [[['1', '0'], ['1', '0']], [['1', '0'], ['1/2', '1/2']],
     [['0', '1'], ['0', '1']], [['0', '1'], ['1/2', '1/2']]]
    >>> result.statistics["maximal_nash_subsets"], result.statistics["components"]
    ([[0, 1], [1, 3], [2, 3]], [[0, 1, 2, 3]])
    """
    start = time.perf_counter()
    if game.n_players != 2:
        raise UnsupportedGameError(
            f"vertex enumeration solves two-player games; this game has {game.n_players} players"
        )
    if exact and not game.is_exact:
        raise UnsupportedGameError(
            "exact=True needs exact payoffs (integers or fractions); this game's payoffs are floats. "
            "Build it with NormalFormGame(..., exact=True) to take the floats as exact binary fractions, "
            "or solve with exact=False"
        )
    if timeout is not None and not (timeout >= 0 and math.isfinite(timeout)):
        raise InputError(f"timeout must be a finite number of seconds ≥ 0; got {timeout!r}")
    if tol is not None and not (tol >= 0 and math.isfinite(tol)):
        raise InputError(f"tol must be a finite number ≥ 0; got {tol!r}")
    m, n = game.shape
    A, B, pivot_tol, arithmetic = _payoff_matrices(game)
    lower = "P" if m <= n else "Q"  # the polytope of lower dimension
    _check_size(m, n, max_vertices, "PQ" if pivot_tol is None else lower)
    regret_tol = float(tol) if tol is not None else DEFAULT_TOL * max(1.0, float(np.abs(game.payoffs).max()))
    deadline = None if timeout is None else start + timeout

    MP, MQ = best_response_matrices(A, B)
    pairs: _Pairs | PolytopeVertices | None = None
    if pivot_tol is not None:  # float data: one polytope and square systems, unless degenerate
        pairs = _pairs_by_solving(MP, MQ, pivot_tol, deadline)
        if not isinstance(pairs, _Pairs):  # degenerate after all: the other polytope too
            _check_size(m, n, max_vertices, "Q" if lower == "P" else "P")
    if not isinstance(pairs, _Pairs):
        pairs = _pairs_of_vertices(MP, MQ, pivot_tol, deadline, exact, known=pairs)

    equilibria: list[Equilibrium] = []
    kept_x: list[int] = []
    kept_y: list[int] = []
    dropped = 0
    for a, b, x, y in zip(pairs.left.tolist(), pairs.right.tolist(), pairs.xs, pairs.ys):
        eq = Equilibrium.certify(MixedProfile(game, [x, y]))
        ok = eq.exact_regret == 0 if exact else eq.max_regret <= regret_tol
        if not ok:
            dropped += 1
            continue
        equilibria.append(eq)
        kept_x.append(a)
        kept_y.append(b)

    complete = pairs.complete
    statistics: dict[str, Any] = {**pairs.statistics, "arithmetic": arithmetic, "dropped": dropped}
    if components:
        left = np.asarray(kept_x, dtype=np.intp)
        right = np.asarray(kept_y, dtype=np.intp)
        statistics["components"] = connected_components(left, right)
        subsets = maximal_bicliques(left, right, limit=MAX_NASH_SUBSETS)
        statistics["maximal_nash_subsets"] = subsets
        if len(subsets) >= MAX_NASH_SUBSETS:
            statistics["maximal_nash_subsets_truncated"] = True
    statistics["seconds"] = time.perf_counter() - start
    return EquilibriumSet(
        method="vertex",
        parameters={
            "exact": exact,
            "tol": 0.0 if exact else regret_tol,
            "components": components,
            "timeout": timeout,
            "max_vertices": max_vertices,
        },
        status=STATUS_OK if complete else STATUS_TIMEOUT,
        statistics=statistics,
        game=game,
        equilibria=tuple(equilibria),
        complete=complete,
        scope="extreme",
    )


def within_vertex_limit(game: NormalFormGame, /, *, max_vertices: int | None = DEFAULT_MAX_VERTICES) -> bool:
    """Whether :func:`vertex_enumeration` accepts ``game`` under ``max_vertices`` (its up-front size check).

    Exact games need both polytopes, float games first the one of lower
    dimension (:func:`~solvers.nash.polytope.max_vertices_bound`). Useful to
    choose a method without trying.

    Examples
    --------
    >>> import numpy as np
    >>> within_vertex_limit(NormalFormGame.from_bimatrix(np.eye(12, dtype=int)))
    True
    >>> within_vertex_limit(NormalFormGame.from_bimatrix(np.ones((12, 60), dtype=int)))
    False
    """
    if game.n_players != 2:
        return False
    m, n = game.shape
    _, _, pivot_tol, _ = _payoff_matrices(game)
    try:
        _check_size(m, n, max_vertices, "PQ" if pivot_tol is None else ("P" if m <= n else "Q"))
    except GameTooLargeError:
        return False
    return True


def _check_size(m: int, n: int, max_vertices: int | None, polytopes: str = "PQ") -> None:
    """Refuse, before any work, to enumerate a polytope that may have more than ``max_vertices`` bases.

    ``polytopes`` names those to be enumerated (``"P"``: dimension ``m``,
    ``"Q"``: dimension ``n``; both have ``m + n`` facets).
    """
    if max_vertices is None:
        return
    bounds = {name: max_vertices_bound(m if name == "P" else n, m + n) for name in polytopes}
    if max(bounds.values()) <= max_vertices:
        return
    # per basis: a label set, a vertex and, on the search frontier, a tableau;
    # about 40 ns per tableau entry for the pivots and ratio tests
    memory = sum(
        b * ((m + n) + 8 * (d + 1) + 8 * (m + n - d) * (d + 1))
        for b, d in ((bounds[name], m if name == "P" else n) for name in bounds)
    )
    seconds = sum(bounds.values()) * 4e-8 * m * n
    which = " and ".join(f"{name} up to {b:,}" for name, b in bounds.items())
    raise GameTooLargeError(
        f"vertex enumeration of a {m}×{n} game may visit, by McMullen's upper bound, bases of the "
        f"best-response polytope{'s' if len(bounds) > 1 else ''} {which}, needing about "
        f"{human_bytes(memory)} and {seconds:,.3g} s in the worst case; that is over "
        f"max_vertices={max_vertices:,}. Random games usually reach a tenth of the bound: pass "
        "max_vertices=None (or a larger number), with timeout=, to try, or use lemke_howson for one "
        "equilibrium",
        {**{f"bases_{name}": b for name, b in bounds.items()}, "bytes": memory, "seconds": seconds},
    )


def _payoff_matrices(game: NormalFormGame) -> tuple[NDArray[Any], NDArray[Any], float | None, str]:
    """``(A, B, pivot tolerance, arithmetic)``: integers and ``None`` for exact pivoting when possible."""
    ints = game.exact_integer_payoffs()
    if ints is not None:
        values, _ = ints  # one positive scale for both players changes no best response
        return values[0], values[1], None, "exact"
    pay = game.payoffs
    if np.all(pay == np.round(pay)) and float(np.abs(pay).max()) < _EXACT_FLOAT_INTEGERS:
        as_int = pay.astype(np.int64)
        return as_int[0], as_int[1], None, "exact"
    return pay[0], pay[1], PIVOT_TOL, "float"


@dataclass
class _Pairs:
    """Extreme equilibria as pairs: ids of the two sides (for the graph of Nash subsets) and the strategies."""

    left: NDArray[np.intp]
    right: NDArray[np.intp]
    xs: list[Any]
    ys: list[Any]
    statistics: dict[str, Any]
    complete: bool


def _pairs_of_vertices(
    MP: NDArray[Any],
    MQ: NDArray[Any],
    pivot_tol: float | None,
    deadline: float | None,
    exact: bool,
    *,
    known: PolytopeVertices | None = None,
) -> _Pairs:
    """Enumerate both polytopes and join their vertices on complementary labels (any game).

    ``known`` is one polytope's vertices already enumerated (``P``'s when
    ``m ≤ n``, else ``Q``'s, as :func:`_pairs_by_solving` chose).
    """
    n, m = MP.shape
    known_is_p = m <= n
    if known is not None and known_is_p:
        vp = known
    else:
        vp = polytope_vertices(MP, tol=pivot_tol, deadline=deadline)
    if known is not None and not known_is_p:
        vq = known
    else:
        vq = polytope_vertices(MQ, tol=pivot_tol, deadline=deadline)
    labels_p = vp.zero  # labels 0..m-1 (x_i = 0), m..m+n-1 (best responses of player 2)
    labels_q = np.concatenate([vq.zero[:, n:], vq.zero[:, :n]], axis=1)  # the same label order
    # vertex 0 of each polytope is its origin, which pairs only with the other origin
    ia, ib = complete_label_pairs(labels_p[1:], labels_q[1:], m, n)
    ia, ib = ia + 1, ib + 1
    return _Pairs(
        ia,
        ib,
        _strategies(vp, ia, exact),
        _strategies(vq, ib, exact),
        {
            "pairing": "vertex pairs",
            "vertices_P": len(vp),
            "bases_P": vp.bases,
            "vertices_Q": len(vq),
            "bases_Q": vq.bases,
        },
        vp.complete and vq.complete,
    )


def _pairs_by_solving(
    MP: NDArray[np.float64], MQ: NDArray[np.float64], pivot_tol: float, deadline: float | None
) -> _Pairs | PolytopeVertices:
    """Enumerate the lower-dimensional polytope and solve for each vertex's complement (lrsnash's way).

    When the game turns out degenerate (a vertex with surplus labels, or a
    complementary system that is singular or has a point on an extra
    facet), the vertices enumerated are returned instead, and the other
    polytope must be enumerated too.
    """
    n, m = MP.shape
    first_is_p = m <= n
    M_enum, M_other = (MP, MQ) if first_is_p else (MQ, MP)
    dim, other_dim = (m, n) if first_is_p else (n, m)
    v = polytope_vertices(M_enum, tol=pivot_tol, deadline=deadline)
    zero = v.zero[1:]  # without the origin
    if np.any(zero.sum(axis=1) > dim):
        return v
    # this player's support is where the other player's best-response rows must be tight, and this
    # polytope's tight facets (the other player's best responses) are the other point's support
    solved = complementary_points(zero[:, dim:], ~zero[:, :dim], M_other, tol=pivot_tol)
    if solved is None:
        return v
    points, feasible = solved
    rows = np.flatnonzero(feasible)
    ids = rows + 1
    mine = _strategies(v, ids, False)
    other = points[rows]
    theirs = list(other / other.sum(axis=1, keepdims=True))
    enum_name, other_name = ("P", "Q") if first_is_p else ("Q", "P")
    statistics = {
        "pairing": f"vertices of {enum_name}, complementary points of {other_name}",
        f"vertices_{enum_name}": len(v),
        f"bases_{enum_name}": v.bases,
        f"vertices_{other_name}": None,
        f"bases_{other_name}": 0,
    }
    statistics = {k: statistics[k] for k in ("pairing", "vertices_P", "bases_P", "vertices_Q", "bases_Q")}
    left, right = (ids, np.arange(rows.size)) if first_is_p else (np.arange(rows.size), ids)
    xs, ys = (mine, theirs) if first_is_p else (theirs, mine)
    return _Pairs(left, right, xs, ys, statistics, v.complete)


def _strategies(v: PolytopeVertices, rows: NDArray[np.intp], exact: bool) -> list[Any]:
    """Normalised vertices ``v[rows]`` as probability vectors (Fractions when ``exact``)."""
    nums = v.numerators[rows]
    if not exact:
        values = np.asarray(nums, dtype=np.float64)
        totals = values.sum(axis=1, keepdims=True)
        return list(values / totals)
    out = []
    for row in nums.tolist():
        ints = [int(val) for val in row]
        total = sum(ints)
        out.append([Fraction(val, total) for val in ints])
    return out
