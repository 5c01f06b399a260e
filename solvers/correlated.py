"""Correlated and coarse correlated equilibria of n-player games, by linear programming.

A *correlated equilibrium* (Aumann 1974) is a distribution ``x`` over pure
profiles such that no player, told to play ``j`` by a device that draws a
profile from ``x``, gains by playing ``k`` instead:

.. math:: g_i(j, k) = \\sum_{s_{-i}} x(j, s_{-i}) \\,[u_i(k, s_{-i}) - u_i(j, s_{-i})] \\le 0
   \\quad \\text{for every player } i \\text{ and strategies } j \\ne k.

These are ``Σ_i m_i (m_i - 1)`` linear inequalities in the ``∏ m_i`` unknowns,
so the set of correlated equilibria is a polytope and optimising a linear
objective over it is a linear program, solvable in time polynomial in the size
of the game (Papadimitriou & Roughgarden 2008), unlike finding a Nash
equilibrium. Every Nash equilibrium, as the product of its mixed strategies,
is a correlated equilibrium.

A *coarse* correlated equilibrium (Moulin & Vial 1978; Hannan's set) asks less:
no player gains by committing to a fixed strategy ``k`` before the draw,
``Σ_s x(s) [u_i(k, s_{-i}) - u_i(s)] <= 0``, one inequality per player and
strategy. It is what no-regret learning converges to.

The constraint matrix is built as a scipy sparse matrix in one vectorised pass
per player (no loop over profiles) and the LP is solved by HiGHS. The
certificate of a solution is its largest incentive violation, computed from
the returned distribution with one matrix product per player.
"""

from __future__ import annotations

import math
import time
from fractions import Fraction
from typing import Any

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import linprog

from games.errors import GameTooLargeError, InvalidGameError, SolverError, UnsupportedGameError
from games.limits import human_bytes
from games.normal_form import NormalFormGame
from solvers.results import STATUS_OK, CorrelatedEquilibrium

__all__ = [
    "correlated_equilibrium",
    "coarse_correlated_equilibrium",
    "incentive_constraints",
    "incentive_gains",
    "incentive_violation",
    "OBJECTIVES",
    "MAX_NONZEROS",
    "DEFAULT_TOL",
]

#: Named objectives (an array of weights is accepted too).
OBJECTIVES = ("welfare", "max-min", "none")
#: Default incentive-violation tolerance, relative to the largest absolute payoff.
DEFAULT_TOL = 1e-8
#: Default limit on the nonzeros of the incentive-constraint matrix.
MAX_NONZEROS = 40_000_000
#: Bytes per nonzero while the LP is built and handed to HiGHS (data, index, copies).
_BYTES_PER_NONZERO = 48
#: Rationalisation denominators tried in exact mode.
_DENOMINATORS = (1_000, 1_000_000, 10**9)


# ====================================================================== public API
def correlated_equilibrium(
    game: NormalFormGame,
    /,
    *,
    objective: str | ArrayLike = "welfare",
    tol: float | None = None,
    exact: bool = False,
    timeout: float | None = None,
    max_nonzeros: int = MAX_NONZEROS,
) -> CorrelatedEquilibrium:
    """A correlated equilibrium maximising a linear objective, with its certificate.

    Parameters
    ----------
    game
        A normal-form game with any number of players.
    objective
        What to maximise over the polytope of correlated equilibria:

        * ``"welfare"``: the expected total payoff;
        * ``"max-min"``: the smallest player's expected payoff (egalitarian;
          see Notes);
        * ``"none"``: nothing, any correlated equilibrium will do (the
          objective value is 0). The welfare LP is solved: HiGHS' simplex
          can stall for minutes on the zero objective of a large game;
        * an array of ``n_players`` weights: ``Σ_i w_i E[u_i]``;
        * an array of shape ``game.shape`` (or one value per profile, flat):
          ``Σ_s c(s) x(s)``.
    tol
        The largest incentive violation accepted, in payoff units; by default
        ``1e-8`` times the largest absolute payoff (at least ``1e-8``). A
        solution whose certificate exceeds it is refused (``SolverError``).
    exact
        On a game with exact payoffs, also rationalise the distribution and
        compute its incentive violation in exact rationals
        (``exact_violation``; ``0`` proves it a correlated equilibrium).
    timeout
        Seconds for the whole solve (HiGHS' time limit); on expiry a
        ``SolverError`` says so (an LP stopped early has no certified answer).
    max_nonzeros
        Refuse (``GameTooLargeError``) a game whose constraint matrix would
        have more nonzeros than this.

    Returns
    -------
    CorrelatedEquilibrium
        The distribution over profiles, each player's payoff, the objective's
        value, the largest incentive violation (the certificate), the LP
        status and the dual values of the incentive constraints.

    Raises
    ------
    InvalidGameError
        On an unknown objective or one of the wrong shape.
    UnsupportedGameError
        If ``exact=True`` on a game without exact payoffs.
    GameTooLargeError
        With an estimate, when the LP would be too large.
    SolverError
        When HiGHS fails or its solution cannot be certified within ``tol``.

    Notes
    -----
    Variables: ``x(s) >= 0`` for every pure profile ``s``, ``Σ_s x(s) = 1``.
    Constraints: ``g_i(j, k) <= 0`` (module docstring), ``Σ_i m_i (m_i - 1)`` rows
    with ``∏ m / m_i`` nonzeros each. The set is never empty (it contains
    every Nash equilibrium), so the LP is always feasible and bounded. Each
    player's rows are scaled by its largest absolute payoff before HiGHS sees
    them (the set is unchanged); the certificate and duals are reported in
    the game's units. Duals are shadow prices: how much the objective would
    rise per unit of slack allowed in that incentive constraint.

    Max-min adds a variable ``t <= E[u_i]`` for every player and maximises ``t``.
    HiGHS' simplex finds this LP far harder than a weighted-welfare one
    (minutes against a second at 50×50 or 20×20×20). For two players the
    optimum is therefore found by a search along the Pareto frontier of
    equilibrium payoffs with weighted-welfare LPs (``statistics["lp_solves"]``
    counts them; its duals are those of the last one, divided by the weights'
    sum); for three or more players the LP with ``t`` is solved by HiGHS'
    interior-point method with crossover.

    References
    ----------
    Aumann, R. J. (1974). Subjectivity and correlation in randomized
    strategies. *Journal of Mathematical Economics* 1(1): 67-96.
    doi:10.1016/0304-4068(74)90037-8
    Papadimitriou, C. H. and Roughgarden, T. (2008). Computing correlated
    equilibria in multi-player games. *Journal of the ACM* 55(3): 14.
    doi:10.1145/1379759.1379762
    Cohon, J. L., Church, R. L. and Sheer, D. P. (1979). Generating
    multiobjective trade-offs: an algorithm for bicriterion problems. *Water
    Resources Research* 15(5): 1001-1010. doi:10.1029/WR015i005p01001

    Examples
    --------
    The game of chicken: the best correlated equilibrium for welfare beats
    every Nash equilibrium (welfare 9 or 28/3).

    >>> chicken = NormalFormGame.from_bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]],
    ...                                        strategies=[["C", "D"], ["C", "D"]])
    >>> ce = correlated_equilibrium(chicken, exact=True)
    >>> round(ce.welfare, 9), ce.exact
    (10.5, True)
    >>> [str(ce.exact_distribution[s]) for s in [(0, 0), (0, 1), (1, 0), (1, 1)]]
    ['1/2', '1/4', '1/4', '0']
    """
    return _solve(
        game,
        coarse=False,
        objective=objective,
        tol=tol,
        exact=exact,
        timeout=timeout,
        max_nonzeros=max_nonzeros,
    )


def coarse_correlated_equilibrium(
    game: NormalFormGame,
    /,
    *,
    objective: str | ArrayLike = "welfare",
    tol: float | None = None,
    exact: bool = False,
    timeout: float | None = None,
    max_nonzeros: int = MAX_NONZEROS,
) -> CorrelatedEquilibrium:
    """A coarse correlated equilibrium maximising a linear objective, with its certificate.

    Same parameters and result as :func:`correlated_equilibrium`; the
    constraints are ``Σ_s x(s) [u_i(k, s_{-i}) - u_i(s)] <= 0`` for every player
    ``i`` and strategy ``k`` (one per strategy, dense over profiles), and the
    certificate is the largest such gain.

    References
    ----------
    Moulin, H. and Vial, J.-P. (1978). Strategically zero-sum games: the class
    of games whose completely mixed equilibria cannot be improved upon.
    *International Journal of Game Theory* 7(3-4): 201-221. doi:10.1007/BF01769190
    Hart, S. and Mas-Colell, A. (2000). A simple adaptive procedure leading to
    correlated equilibrium. *Econometrica* 68(5): 1127-1150. doi:10.1111/1468-0262.00153

    Examples
    --------
    >>> from games.library import prisoners_dilemma
    >>> cce = coarse_correlated_equilibrium(prisoners_dilemma())
    >>> cce.support(), cce.payoffs
    ([(1, 1)], (1.0, 1.0))
    """
    return _solve(
        game,
        coarse=True,
        objective=objective,
        tol=tol,
        exact=exact,
        timeout=timeout,
        max_nonzeros=max_nonzeros,
    )


def incentive_constraints(
    game: NormalFormGame, /, *, coarse: bool = False, payoffs: NDArray[Any] | None = None
) -> tuple[sp.csr_matrix, NDArray[np.int64]]:
    """The incentive constraints as a sparse matrix ``G`` with ``G @ x <= 0``.

    Parameters
    ----------
    game
        The game.
    coarse
        Coarse correlated constraints instead of correlated ones.
    payoffs
        Payoffs to use instead of ``game.payoffs`` (same shape), e.g. scaled.

    Returns
    -------
    G : scipy.sparse.csr_matrix
        One row per constraint, one column per pure profile (C order of
        ``game.shape``); ``(G @ x)[r]`` is the expected gain of deviation ``r``.
    rows : ndarray of int, shape (n_rows, 3)
        ``(player, recommended, deviation)`` per row; ``recommended = -1`` for
        coarse rows.

    Examples
    --------
    >>> from games.library import matching_pennies
    >>> G, rows = incentive_constraints(matching_pennies())
    >>> G.shape, rows.tolist()
    ((4, 4), [[0, 0, 1], [0, 1, 0], [1, 0, 1], [1, 1, 0]])
    """
    pay = game.payoffs if payoffs is None else payoffs
    shape = game.shape
    P = game.n_profiles
    profile_ids = np.arange(P, dtype=np.int64).reshape(shape)
    data_parts, index_parts, counts, labels = [], [], [], []
    for i, m in enumerate(shape):
        U = np.moveaxis(pay[i], i, 0).reshape(m, -1)  # own strategy × opponent profiles
        ids = np.moveaxis(profile_ids, i, 0).reshape(m, -1)
        R = U.shape[1]
        if coarse:
            # row k: Σ_s x(s) [u_i(k, s_-i) - u_i(s)] over all profiles s
            data = (U[:, None, :] - U[None, :, :]).reshape(m, -1)  # [k, (j, r)]
            index = np.broadcast_to(ids.reshape(1, -1), (m, m * R))
            labels.append(np.column_stack([np.full(m, i), np.full(m, -1), np.arange(m)]))
            counts.append(np.full(m, m * R))
        else:
            if m < 2:
                continue
            J, K = np.nonzero(~np.eye(m, dtype=bool))
            data = U[K] - U[J]  # gain of switching j -> k at each opponent profile
            index = ids[J]
            labels.append(np.column_stack([np.full(J.size, i), J, K]))
            counts.append(np.full(J.size, R))
        data_parts.append(np.ascontiguousarray(data, dtype=np.float64).reshape(-1))
        index_parts.append(np.ascontiguousarray(index, dtype=np.int64).reshape(-1))
    if not data_parts:
        return sp.csr_matrix((0, P)), np.zeros((0, 3), dtype=np.int64)
    indptr = np.concatenate([[0], np.cumsum(np.concatenate(counts))]).astype(np.int64)
    G = sp.csr_matrix(
        (np.concatenate(data_parts), np.concatenate(index_parts), indptr), shape=(int(indptr.size - 1), P)
    )
    G.eliminate_zeros()
    return G, np.concatenate(labels).astype(np.int64)


def incentive_gains(
    game: NormalFormGame, distribution: ArrayLike, /, *, coarse: bool = False
) -> list[NDArray[np.float64]]:
    """Every player's expected gain from every deviation under a distribution over profiles.

    Parameters
    ----------
    game
        The game.
    distribution
        Probabilities of the pure profiles, shape ``game.shape`` (or flat);
        any weights are evaluated, they are not checked to sum to one.
    coarse
        Gains of committing to each strategy instead of following the device.

    Returns
    -------
    list of arrays
        Correlated: ``gains[i][j, k] = Σ_{s_-i} x(j, s_-i) [u_i(k, s_-i) - u_i(j, s_-i)]``
        (zero on the diagonal). Coarse: ``gains[i][k] = Σ_s x(s) [u_i(k, s_-i) - u_i(s)]``.
        One matrix product per player; exact when the game's exact payoffs
        and a Fraction distribution (object array) are given as ``game`` and
        ``distribution``.
    """
    x = _as_distribution(game, distribution)
    exact = x.dtype == object
    pay: NDArray[Any] = game.exact_payoffs if exact and game.exact_payoffs is not None else game.payoffs
    out = []
    for i, m in enumerate(game.shape):
        U = np.moveaxis(pay[i], i, 0).reshape(m, -1)
        X = np.moveaxis(x, i, 0).reshape(m, -1)
        if coarse:
            marginal = X.sum(axis=0)  # distribution of the opponents' profile
            out.append(U @ marginal - (X * U).sum())
        else:
            out.append(X @ U.T - (X * U).sum(axis=1)[:, None])
    return out


def incentive_violation(game: NormalFormGame, distribution: ArrayLike, /, *, coarse: bool = False) -> float:
    """The largest expected gain from any deviation: 0 exactly at a (coarse) correlated equilibrium.

    Examples
    --------
    >>> from games.library import matching_pennies
    >>> incentive_violation(matching_pennies(), [[0.25, 0.25], [0.25, 0.25]])
    0.0
    >>> incentive_violation(matching_pennies(), [[1, 0], [0, 0]])
    2.0
    """
    gains = incentive_gains(game, distribution, coarse=coarse)
    return max(0.0, max((float(np.max(g)) for g in gains if g.size), default=0.0))


# ====================================================================== the LP
def _as_distribution(game: NormalFormGame, distribution: ArrayLike) -> NDArray[Any]:
    x = np.asarray(distribution)
    if x.size != game.n_profiles:
        raise InvalidGameError(
            f"a distribution over the {game.n_profiles} profiles of a game of shape {game.shape} "
            f"is needed; got {x.size} values"
        )
    if x.dtype != object:
        x = x.astype(np.float64)
    return x.reshape(game.shape)


def _estimate(game: NormalFormGame, coarse: bool) -> tuple[int, int]:
    P = game.n_profiles
    if coarse:
        return sum(game.shape), sum(m * P for m in game.shape)
    return sum(m * (m - 1) for m in game.shape), sum((m - 1) * P for m in game.shape)


def _objective_vector(
    game: NormalFormGame, objective: str | ArrayLike
) -> tuple[str, NDArray[np.float64] | None]:
    """``(name, c)`` with ``c`` the objective over profiles to maximise (``None`` for max-min)."""
    pay = game.payoffs
    if isinstance(objective, str):
        if objective == "welfare":
            return "welfare", pay.sum(axis=0).reshape(-1)
        if objective == "max-min":
            return "max-min", None
        if objective == "none":
            return "none", np.zeros(game.n_profiles)
        raise InvalidGameError(
            f"objective must be one of {list(OBJECTIVES)} or an array of weights; got {objective!r}"
        )
    try:
        arr = np.asarray(objective, dtype=np.float64)
    except (TypeError, ValueError):
        raise InvalidGameError(
            f"objective must be {list(OBJECTIVES)} or an array of numbers; got {objective!r}"
        ) from None
    if not np.all(np.isfinite(arr)):
        raise InvalidGameError("objective weights must be finite numbers")
    if arr.shape == (game.n_players,):
        return "weights", np.tensordot(arr, pay, axes=1).reshape(-1)
    if arr.shape in (game.shape, (game.n_profiles,)):
        return "linear", arr.reshape(-1)
    raise InvalidGameError(
        f"an objective array needs {game.n_players} weights (one per player) or the shape {game.shape} "
        f"(one value per profile); got shape {arr.shape}"
    )


class _LP:
    """The incentive-constraint LP of one game, solved by HiGHS for one objective at a time."""

    def __init__(self, game: NormalFormGame, *, coarse: bool, deadline: float | None) -> None:
        pay = game.payoffs
        n = game.n_players
        self.game = game
        self.coarse = coarse
        self.deadline = deadline
        self.P = game.n_profiles
        # scale each player's incentive rows to magnitude ~1 (the polytope is unchanged)
        self.player_scale = np.array([float(np.abs(pay[i]).max(initial=0.0)) or 1.0 for i in range(n)])
        scaled = pay / self.player_scale.reshape((n,) + (1,) * n)
        self.G, self.rows = incentive_constraints(game, coarse=coarse, payoffs=scaled)
        self.row_scale = self.player_scale[self.rows[:, 0]] if self.rows.size else np.zeros(0)
        self.solves = 0
        self.iterations = 0

    def _linprog(
        self,
        cost: NDArray[np.float64],
        A_ub: Any,
        bounds: Any,
        n_vars: int,
        options: dict[str, Any],
        method: str,
    ) -> Any:
        if self.deadline is not None:
            left = self.deadline - time.perf_counter()
            if left <= 0:
                raise SolverError(
                    "the time limit was reached before the correlated-equilibrium LP was solved"
                )
            options = dict(options, time_limit=left)
        A_eq = sp.csr_matrix(np.concatenate([np.ones(self.P), np.zeros(n_vars - self.P)]).reshape(1, -1))
        res = linprog(
            cost,
            A_ub=A_ub if A_ub.shape[0] else None,
            b_ub=np.zeros(A_ub.shape[0]) if A_ub.shape[0] else None,
            A_eq=A_eq,
            b_eq=[1.0],
            bounds=bounds,
            method=method,
            options=options,
        )
        self.solves += 1
        self.iterations += int(getattr(res, "nit", 0) or 0)
        if res.status == 1 and self.deadline is not None and time.perf_counter() >= self.deadline:
            raise SolverError(
                f"the time limit was reached while HiGHS solved the correlated-equilibrium LP: {res.message}"
            )
        if res.status != 0 or res.x is None:
            raise SolverError(
                f"HiGHS could not solve the correlated-equilibrium LP: status {res.status}: {res.message}"
            )
        return res

    def solve_linear(
        self, c: NDArray[np.float64], tol: float
    ) -> tuple[NDArray[np.float64], Any, float, NDArray[np.float64]]:
        """Maximise ``c · x``; returns ``(x, result, violation, duals)`` (duals in ``c``'s units)."""
        scale = float(np.abs(c).max(initial=0.0)) or 1.0
        return self._certified(-c / scale, self.G, (0.0, None), self.P, scale, tol)

    def solve_max_min(self, tol: float) -> tuple[NDArray[np.float64], Any, float, NDArray[np.float64]]:
        """Maximise ``t`` subject to ``t <= E[u_i]`` for every ``i``: one LP, by interior point.

        HiGHS' simplex can take minutes on this LP where the interior-point
        method (with crossover to a vertex) takes a second (20x20x20); its
        normal equations are dense only across the ``Σ m_i (m_i - 1)`` rows, few
        for games of three or more players.
        """
        pay = self.game.payoffs
        n, P = self.game.n_players, self.P
        g = max(float(np.abs(pay).max(initial=0.0)), 1e-300)
        cost = np.zeros(P + 1)
        cost[-1] = -1.0
        payrows = sp.csr_matrix(np.hstack([-(pay.reshape(n, P) / g), np.ones((n, 1))]))
        A_ub = sp.vstack([sp.hstack([self.G, sp.csr_matrix((self.G.shape[0], 1))]), payrows]).tocsr()
        bounds = [(0.0, None)] * P + [(None, None)]
        return self._certified(cost, A_ub, bounds, P + 1, g, tol, method="highs-ipm")

    def _certified(
        self,
        cost: NDArray[np.float64],
        A_ub: Any,
        bounds: Any,
        n_vars: int,
        obj_scale: float,
        tol: float,
        method: str = "highs",
    ) -> tuple[NDArray[np.float64], Any, float, NDArray[np.float64]]:
        # HiGHS' default feasibility tolerance (1e-7) leaves violations of ~1e-7 on scaled rows;
        # 1e-10 leaves ~1e-10. With tolerances that tight HiGHS' presolve can stall for minutes
        # on these LPs, and without it the dual simplex is 2-4x faster anyway (measured at
        # 50x50 to 100x100 and 20x20x20).
        options = {
            "primal_feasibility_tolerance": 1e-10,
            "dual_feasibility_tolerance": 1e-10,
            "presolve": False,
        }
        res = self._linprog(cost, A_ub, bounds, n_vars, options, method)
        x = np.clip(np.asarray(res.x[: self.P], dtype=np.float64), 0.0, None)
        x /= x.sum()
        violation = incentive_violation(self.game, x.reshape(self.game.shape), coarse=self.coarse)
        if violation > tol:
            raise SolverError(
                f"the LP's distribution violates an incentive constraint by {violation:.3g} > tol={tol:.3g}; "
                "raise tol or rescale the payoffs"
            )
        m = self.G.shape[0]
        duals = np.zeros(m)
        if m and res.ineqlin is not None and res.ineqlin.marginals is not None:
            # HiGHS minimised -objective/obj_scale subject to (gain / row_scale) <= 0
            duals = -np.asarray(res.ineqlin.marginals[:m], dtype=np.float64) * obj_scale / self.row_scale
            duals = np.clip(duals, 0.0, None)
        return x, res, violation, duals


def _max_min_two_players(lp: _LP, tol: float) -> tuple[NDArray[np.float64], Any, float, NDArray[np.float64]]:
    """Max-min for two players by a search along the Pareto frontier of equilibrium payoffs.

    The payoff pairs of correlated equilibria form a convex polygon; the
    max-min point is a vertex or where a frontier edge crosses the diagonal.
    Weighted-welfare LPs (fast for HiGHS' simplex, unlike the LP with a free
    ``t``) find frontier points: start from the best point for each player,
    then repeatedly maximise the direction normal to the segment between the
    current points on either side of the diagonal until no point lies beyond
    it (the dichotomic search of Cohon, Church & Sheer 1979). Then every
    payoff pair ``v`` has ``min(v) <= λ·v / Σλ <=`` the segment's value on the
    diagonal, so the mix of the two end points with equal payoffs is optimal;
    a mixture of correlated equilibria is one.
    """
    U = lp.game.payoffs.reshape(2, lp.P)
    eps = 1e-9 * max(1.0, float(np.abs(U).max(initial=0.0)))

    def solve(lam: NDArray[np.float64]) -> tuple[Any, ...]:
        x, res, viol, duals = lp.solve_linear(lam @ U, tol)
        return x, res, viol, duals / lam.sum(), U @ x

    p_sol = solve(np.array([1.0, 0.0]))
    p = p_sol[4]
    if p[0] <= p[1] + eps:  # even player 1's best equilibrium leaves it the poorer
        return p_sol[:4]
    q_sol = solve(np.array([0.0, 1.0]))
    q = q_sol[4]
    if q[1] <= q[0] + eps:
        return q_sol[:4]
    last = q_sol
    for _ in range(100_000):
        lam = np.array([q[1] - p[1], p[0] - q[0]])  # normal of the segment q -> p, >= 0
        r_sol = solve(lam)
        r = r_sol[4]
        last = r_sol
        if lam @ r <= lam @ p + eps * lam.sum():
            break  # p-q is an edge of the frontier
        if r[0] >= r[1]:
            p_sol, p = r_sol, r
        else:
            q_sol, q = r_sol, r
    alpha = (q[1] - q[0]) / ((q[1] - q[0]) + (p[0] - p[1]))
    x = alpha * p_sol[0] + (1 - alpha) * q_sol[0]
    x = np.clip(x, 0.0, None)
    x /= x.sum()
    violation = incentive_violation(lp.game, x.reshape(lp.game.shape), coarse=lp.coarse)
    if violation > tol:  # pragma: no cover - a mixture of certified equilibria is one
        raise SolverError(f"the max-min mixture violates an incentive constraint by {violation:.3g}")
    return x, last[1], violation, last[3]


def _solve(
    game: NormalFormGame,
    *,
    coarse: bool,
    objective: str | ArrayLike,
    tol: float | None,
    exact: bool,
    timeout: float | None,
    max_nonzeros: int,
) -> CorrelatedEquilibrium:
    start = time.perf_counter()
    deadline = None if timeout is None else start + float(timeout)
    if tol is None:
        tol = DEFAULT_TOL * max(1.0, float(np.abs(game.payoffs).max(initial=0.0)))
    if not tol >= 0:
        raise InvalidGameError(f"tol must be a non-negative number; got {tol!r}")
    if exact and not game.is_exact:
        raise UnsupportedGameError(
            "exact=True needs a game with exact payoffs (integers or fractions); this one has floats"
        )
    n_rows, nnz = _estimate(game, coarse)
    if nnz > max_nonzeros:
        seconds = nnz / 1e6  # HiGHS on these LPs: of the order of 1e6 nonzeros a second, often slower
        raise GameTooLargeError(
            f"the {'coarse ' if coarse else ''}correlated-equilibrium LP of a game of shape {list(game.shape)} "
            f"has {game.n_profiles:,} variables, {n_rows:,} incentive constraints and {nnz:.3g} nonzeros "
            f"(limit max_nonzeros={max_nonzeros:.3g}): about {human_bytes(nnz * _BYTES_PER_NONZERO)} to build "
            f"and upwards of {seconds:.3g} s to solve",
            {
                "variables": game.n_profiles,
                "constraints": n_rows,
                "nonzeros": nnz,
                "bytes": nnz * _BYTES_PER_NONZERO,
                "seconds": seconds,
            },
        )
    name, c_obj = _objective_vector(game, objective)
    pay = game.payoffs
    n = game.n_players
    lp = _LP(game, coarse=coarse, deadline=deadline)
    built = time.perf_counter()
    if name == "none":  # any equilibrium: the welfare LP finds one quickly, the zero objective may not
        x, res, violation, _ = lp.solve_linear(pay.sum(axis=0).reshape(-1), tol)
        duals = np.zeros(lp.G.shape[0])
    elif c_obj is not None:
        x, res, violation, duals = lp.solve_linear(c_obj, tol)
    elif n == 1:
        x, res, violation, duals = lp.solve_linear(pay.reshape(-1), tol)
    elif n == 2:
        x, res, violation, duals = _max_min_two_players(lp, tol)
    else:
        x, res, violation, duals = lp.solve_max_min(tol)
    solved = time.perf_counter()
    distribution = x.reshape(game.shape)
    distribution.setflags(write=False)
    payoffs = tuple(float(np.tensordot(pay[i], distribution, axes=n)) for i in range(n))
    value = min(payoffs) if c_obj is None else float(c_obj @ x)
    duals.setflags(write=False)
    rows = lp.rows
    rows.setflags(write=False)
    exact_distribution, exact_violation = (None, None)
    if exact:
        exact_distribution, exact_violation = _exact_certificate(game, x, coarse=coarse)
    return CorrelatedEquilibrium(
        method="coarse_correlated_equilibrium" if coarse else "correlated_equilibrium",
        parameters={"objective": name, "tol": tol, "exact": exact, "timeout": timeout},
        status=STATUS_OK,
        statistics={
            "variables": lp.P + (1 if c_obj is None and n > 2 else 0),
            "constraints": int(lp.G.shape[0]),
            "nonzeros": int(lp.G.nnz),
            "lp_solves": lp.solves,
            "iterations": lp.iterations,
            "build_seconds": built - start,
            "solve_seconds": solved - built,
            "seconds": time.perf_counter() - start,
        },
        game=game,
        distribution=distribution,
        kind="coarse" if coarse else "correlated",
        objective=name,
        objective_value=value,
        payoffs=payoffs,
        max_violation=violation,
        lp_status=int(res.status),
        lp_message=str(res.message),
        duals=duals,
        constraints=rows,
        exact_distribution=exact_distribution,
        exact_violation=exact_violation,
    )


# ====================================================================== exact certificate
def _exact_certificate(
    game: NormalFormGame, x: NDArray[np.float64], *, coarse: bool
) -> tuple[NDArray[np.object_], Fraction]:
    """Rationalise ``x`` and compute its incentive violation exactly, in integers.

    Tries denominators of increasing size; returns the first distribution with
    violation exactly 0, else the attempt with the smallest violation.
    """
    ints = game.exact_integer_payoffs()
    assert ints is not None
    values, scale = ints
    values = np.asarray(values, dtype=object)
    best: tuple[NDArray[np.object_], Fraction] | None = None
    support = np.flatnonzero(x > 0)
    for limit in _DENOMINATORS:
        fracs = [Fraction(float(x[k])).limit_denominator(limit) for k in support.tolist()]
        den = math.lcm(*(f.denominator for f in fracs))
        nums = np.zeros(x.size, dtype=object)
        nums[:] = 0
        nums[support] = [f.numerator * (den // f.denominator) for f in fracs]
        total = int(sum(nums[support].tolist()))
        if total <= 0:
            continue
        # gains in units of 1 / (total * scale): integer arithmetic throughout
        worst = 0
        counts = nums.reshape(game.shape)
        for i, m in enumerate(game.shape):
            U = np.moveaxis(values[i], i, 0).reshape(m, -1)
            X = np.moveaxis(counts, i, 0).reshape(m, -1)
            if coarse:
                gains = U.dot(X.sum(axis=0)) - (X * U).sum()
            else:
                live = [j for j in range(m) if any(X[j])]
                if not live:
                    continue
                Xl = X[live]
                gains = Xl.dot(U.T) - (Xl * U[live]).sum(axis=1)[:, None]
            worst = max(worst, max(gains.reshape(-1).tolist()))
        dist = np.empty(x.size, dtype=object)
        dist[:] = [Fraction(int(v), total) for v in nums.tolist()]
        dist = dist.reshape(game.shape)
        violation = Fraction(int(worst), total * scale)
        if best is None or violation < best[1]:
            best = (dist, violation)
        if violation == 0:
            break
    assert best is not None
    best[0].setflags(write=False)
    return best
