"""The value and optimal strategies of a two-player zero-sum (or constant-sum) game, by linear programming.

By von Neumann's minimax theorem the row player's maximin strategy ``x`` and
the column player's minimax strategy ``y`` form an equilibrium, and both are
optimal solutions of a pair of dual linear programs. With the payoffs ``A``
scaled to ``Â = (A − min A) / span + 1 ≥ 1`` (the value becomes positive), the
row player's program is

.. math::

    \\min\\ \\mathbf 1^{\\top} x' \\quad\\text{s.t.}\\quad \\hat A^{\\top} x' \\ge \\mathbf 1,\\ x' \\ge 0,

with ``x = x' / 1ᵀx'`` and value ``1 / 1ᵀx'``; its dual's solution, read from
the solver's marginals, is the column player's strategy. HiGHS solves it
(through :func:`scipy.optimize.linprog`): dual simplex on small games, the
interior-point method with crossover on large dense ones, and a sparse
formulation (which keeps ``A``'s zeros) when ``A`` is mostly zeros.

Games too large for one LP (their constraint matrix would need more than
the memory limit, or more than :data:`DIRECT_ENTRIES` entries) are solved by
constraint generation (the double-oracle method): solve the game restricted
to a few strategies, add each player's most profitable deviations against
the restricted solution, and repeat until no deviation gains; each
restricted game is an LP as above, and memory stays that of the payoffs
plus the restricted LP.

The certificate is the duality gap on the whole game,
``max_i (A y)_i − min_j (xᵀA)_j``: it bounds both players' regrets, and the
value lies between its two ends.
"""

from __future__ import annotations

import math
import time
from typing import Any

import numpy as np
from numpy.typing import NDArray

from games.errors import ConvergenceError, GameTooLargeError, InputError, SolverError, UnsupportedGameError
from games.limits import MAX_BYTES, human_bytes
from games.normal_form import NormalFormGame
from games.profiles import MixedProfile
from solvers.results import STATUS_OK, STATUS_TIMEOUT, Equilibrium, EquilibriumSet

__all__ = ["zero_sum_lp", "DIRECT_ENTRIES", "LP_BYTES_PER_ENTRY"]

#: Largest game (payoff entries of one player) solved as a single LP under ``formulation="auto"``.
DIRECT_ENTRIES = 4_000_000
#: Peak memory per constraint-matrix entry of one HiGHS solve through scipy (measured: 140 simplex, 210 IPM).
LP_BYTES_PER_ENTRY = 220
#: Games with at most this many entries use the dual simplex; larger dense ones the interior-point method.
_SIMPLEX_ENTRIES = 250_000
#: A payoff matrix with at most this share of nonzeros is passed to HiGHS as a sparse matrix.
_SPARSE_DENSITY = 0.2


def zero_sum_lp(
    game: NormalFormGame,
    /,
    *,
    tol: float = 1e-9,
    timeout: float | None = None,
    formulation: str = "auto",
    max_bytes: float | None = None,
) -> EquilibriumSet:
    """The value and a pair of optimal strategies of a two-player zero-sum (or constant-sum) game.

    Parameters
    ----------
    game
        A two-player game whose payoffs sum to the same constant at every
        profile (zero-sum games included).
    tol
        Accuracy required of the certificate, relative to the payoff range:
        the duality gap (which bounds both regrets) must not exceed ``tol``
        times ``max A − min A``. A solve that misses it is repeated with
        tighter HiGHS tolerances.
    timeout
        Seconds for the whole solve (passed to HiGHS as its time limit). On
        expiry the result has ``status="timeout"``, no equilibrium, and, after
        constraint generation, the bounds on the value reached so far.
    formulation
        ``"auto"`` (one LP up to :data:`DIRECT_ENTRIES` payoff entries and the
        memory limit, constraint generation beyond), ``"direct"`` or
        ``"generation"``.
    max_bytes
        Memory the LP may use; defaults to :data:`games.limits.MAX_BYTES`.

    Returns
    -------
    EquilibriumSet
        One equilibrium (``scope="one"``, ``complete=False``): the optimal
        strategies of each player form a convex polytope and this is one
        point of each (the equilibria of a zero-sum game are exactly the
        pairs of optimal strategies, all with the same payoffs).
        ``statistics`` holds ``value`` (the row player's payoff, also in
        ``values`` per player), ``duality_gap``, ``lower_bound`` and
        ``upper_bound`` (``min_j (xᵀA)_j`` and ``max_i (A y)_i``, which
        bracket the value), ``formulation``, ``solver``, ``lp_iterations``,
        ``lp_seconds``, ``rounds`` and ``restricted_shape`` (constraint
        generation) and ``seconds``.

    Raises
    ------
    UnsupportedGameError
        If the game does not have two players or is not constant-sum.
    InputError
        For an unknown ``formulation``.
    GameTooLargeError
        If the LP would need more than ``max_bytes`` (with the estimate).
    ConvergenceError
        If HiGHS cannot reach the accuracy ``tol`` even with tight tolerances.
    SolverError
        If HiGHS fails otherwise.

    Notes
    -----
    For a constant-sum game with ``A + B = c``, the equilibria are those of
    the zero-sum game ``(A, −A)`` and the column player's value is ``c − v``.
    The LP has ``m`` variables and ``n`` constraints (``m``, ``n`` the numbers
    of strategies); its dual is the column player's problem. Memory: about
    :data:`LP_BYTES_PER_ENTRY` bytes per payoff entry inside HiGHS, so a
    ``10⁴×10⁴`` game goes to constraint generation, whose memory is the
    restricted LP's. Constraint generation is fast when the optimal
    strategies have small supports and slower than one LP when they are
    large (random square games use about half their strategies). Measured on
    two cores with uniform random payoffs: one LP takes about 0.1 s at
    200×200, 10 s at 1000×1000 and a minute at 2000×2000 (interior point,
    growing roughly as the cube of the size), so a dense random 10⁴×10⁴
    game is out of reach of either formulation; give a ``timeout`` and the
    bounds reached are reported.

    References
    ----------
    .. [1] J. von Neumann, "Zur Theorie der Gesellschaftsspiele",
       *Mathematische Annalen* 100, 295–320, 1928. doi:10.1007/BF01448847
    .. [2] I. Adler, "The equivalence of linear programs and zero-sum games",
       *International Journal of Game Theory* 42, 165–177, 2013.
       doi:10.1007/s00182-012-0328-8
    .. [3] Y. Shoham and K. Leyton-Brown, *Multiagent Systems*, Cambridge
       University Press, 2009, §4.1. doi:10.1017/CBO9780511811654
    .. [4] Q. Huangfu and J. A. J. Hall, "Parallelizing the dual revised
       simplex method", *Mathematical Programming Computation* 10, 119–142,
       2018. doi:10.1007/s12532-017-0130-5
    .. [5] H. B. McMahan, G. J. Gordon and A. Blum, "Planning in the presence
       of cost functions controlled by an adversary", *Proceedings of ICML*,
       536–543, 2003.

    Examples
    --------
    >>> from games.library import matching_pennies
    >>> result = zero_sum_lp(matching_pennies())
    >>> round(result.statistics["value"], 9) + 0.0
    0.0
    >>> [round(float(p), 6) for p in result[0].profile.strategies[0]]
    [0.5, 0.5]
    >>> result.scope, result.complete
    ('one', False)
    """
    start = time.perf_counter()
    deadline = None if timeout is None else start + timeout
    if game.n_players != 2:
        raise UnsupportedGameError(
            f"zero_sum_lp solves two-player games; this game has {game.n_players} players"
        )
    if formulation not in ("auto", "direct", "generation"):
        raise InputError(f"unknown formulation {formulation!r}; choose 'auto', 'direct' or 'generation'")
    A = game.payoffs[0]
    lo, hi = float(A.min()), float(A.max())
    span = hi - lo
    constant = _constant_sum(game, tol * max(span, float(np.ptp(game.payoffs[1])), 1e-300))
    budget = MAX_BYTES if max_bytes is None else float(max_bytes)
    m, n = game.shape
    estimate = LP_BYTES_PER_ENTRY * m * n
    if formulation == "auto":
        formulation = "direct" if m * n <= DIRECT_ENTRIES and estimate <= budget else "generation"
    if formulation == "direct" and estimate > budget:
        raise GameTooLargeError(
            f"one LP for this {m}×{n} zero-sum game needs about {human_bytes(estimate)} inside HiGHS "
            f"(limit {human_bytes(budget)}); use formulation='generation' or raise max_bytes",
            {"bytes": estimate, "entries": m * n},
        )
    scale = span if span > 0 else 1.0
    stats: dict[str, Any] = {"formulation": formulation, "lp_iterations": 0, "lp_seconds": 0.0}
    if formulation == "direct":
        solved = _solve_matrix_game(A, lo, scale, tol, deadline, stats)
        if solved is None:
            return _timeout_result(game, tol, timeout, stats, start)
        x, y = solved
    else:
        found = _generation(A, lo, scale, tol, deadline, budget, stats)
        if found is None:
            return _timeout_result(game, tol, timeout, stats, start)
        x, y = found
    Ay = A @ y
    xA = x @ A
    upper, lower = float(Ay.max()), float(xA.min())
    value = float(x @ Ay)
    stats.update(
        {
            "value": value,
            "values": [value, constant - value],
            "duality_gap": upper - lower,
            "lower_bound": lower,
            "upper_bound": upper,
        }
    )
    equilibrium = Equilibrium.certify(MixedProfile(game, [x, y]))
    if equilibrium.max_regret > tol * scale:  # pragma: no cover - _solve_matrix_game retries until it holds
        raise ConvergenceError(
            f"HiGHS's solution has max regret {equilibrium.max_regret:.3g} > tol × payoff range "
            f"{tol * scale:.3g}",
            residual=equilibrium.max_regret,
        )
    stats["seconds"] = time.perf_counter() - start
    return EquilibriumSet(
        method="zero_sum_lp",
        parameters={"tol": tol, "timeout": timeout, "formulation": formulation},
        status=STATUS_OK,
        statistics=stats,
        game=game,
        equilibria=(equilibrium,),
        complete=False,
        scope="one",
    )


def _constant_sum(game: NormalFormGame, tol: float) -> float:
    """The constant ``A + B``, or :class:`UnsupportedGameError` naming the spread."""
    if game.is_constant_sum() or game.is_constant_sum(tol=tol):
        return float(game.payoffs[0].reshape(-1)[0] + game.payoffs[1].reshape(-1)[0])
    totals = game.payoffs.sum(axis=0)
    raise UnsupportedGameError(
        "zero_sum_lp needs a zero-sum or constant-sum game; the payoffs of this one sum to values "
        f"from {float(totals.min()):.6g} to {float(totals.max()):.6g}. Use support_enumeration, "
        "vertex_enumeration or lemke_howson for general two-player games"
    )


def _timeout_result(
    game: NormalFormGame,
    tol: float,
    timeout: float | None,
    stats: dict[str, Any],
    start: float,
) -> EquilibriumSet:
    """No equilibrium: the time ran out (bounds found so far stay in ``stats``)."""
    stats["seconds"] = time.perf_counter() - start
    return EquilibriumSet(
        method="zero_sum_lp",
        parameters={"tol": tol, "timeout": timeout, "formulation": stats["formulation"]},
        status=STATUS_TIMEOUT,
        statistics=stats,
        game=game,
        equilibria=(),
        complete=False,
        scope="one",
    )


# ====================================================================== one LP


def _solve_matrix_game(
    A: NDArray[np.float64],
    lo: float,
    scale: float,
    tol: float,
    deadline: float | None,
    stats: dict[str, Any],
) -> tuple[NDArray[np.float64], NDArray[np.float64]] | None:
    """Optimal strategies ``(x, y)`` of the matrix game ``A`` (row player maximises), or ``None`` on timeout.

    Tries HiGHS's default tolerances, then tighter ones, until the duality
    gap on ``A`` is at most ``tol * scale``.
    """
    attempts: list[dict[str, float]] = [
        {},
        {
            "primal_feasibility_tolerance": 1e-10,
            "dual_feasibility_tolerance": 1e-10,
            "ipm_optimality_tolerance": 1e-12,
        },
    ]
    gap = math.inf
    for options in attempts:
        solved = _lp(A, lo, scale, deadline, stats, options)
        if solved is None:
            return None
        x, y = solved
        gap = float((A @ y).max() - (x @ A).min())
        if gap <= tol * scale:
            return x, y
    raise ConvergenceError(
        f"HiGHS's optimal strategies leave a duality gap of {gap:.3g}, more than tol × payoff range "
        f"= {tol * scale:.3g}, even with tight tolerances; pass a larger tol",
        residual=gap,
    )


def _lp(
    A: NDArray[np.float64],
    lo: float,
    scale: float,
    deadline: float | None,
    stats: dict[str, Any],
    options: dict[str, float],
) -> tuple[NDArray[np.float64], NDArray[np.float64]] | None:
    """One HiGHS solve of the row player's LP; the column player's strategy from its marginals."""
    from scipy import sparse
    from scipy.optimize import linprog

    m, n = A.shape
    opts: dict[str, Any] = dict(options)
    if deadline is not None:
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            return None
        opts["time_limit"] = remaining
    nonzero = np.count_nonzero(A)
    method = "highs" if m * n <= _SIMPLEX_ENTRIES else "highs-ipm"
    started = time.perf_counter()
    if m * n > _SIMPLEX_ENTRIES and nonzero <= _SPARSE_DENSITY * m * n:
        # sparse: variables (x, v), maximise v subject to v·1 − Aᵀx/scale ≤ 0 and 1ᵀx = 1
        stats["solver"] = f"HiGHS ({method}, sparse)"
        At = sparse.csc_array(A / scale).T  # (n, m), zeros kept out
        A_ub = sparse.hstack([-At, sparse.csc_array(np.ones((n, 1)))], format="csc")
        A_eq = sparse.csc_array(np.r_[np.ones(m), 0.0][None, :])
        c = np.r_[np.zeros(m), -1.0]
        res = linprog(
            c,
            A_ub=A_ub,
            b_ub=np.zeros(n),
            A_eq=A_eq,
            b_eq=[1.0],
            bounds=[(0, None)] * m + [(None, None)],
            method=method,
            options=opts,
        )
        stats["lp_seconds"] += time.perf_counter() - started
        stats["lp_iterations"] += int(res.nit or 0)
        if res.status == 1:
            return None
        _check(res)
        x = np.clip(res.x[:m], 0.0, None)
        y = np.clip(-res.ineqlin.marginals, 0.0, None)
    else:
        stats["solver"] = f"HiGHS ({method}, dense)"
        # Âᵀ x' ≥ 1 with Â = (A − lo)/scale + 1 ≥ 1, written −Âᵀ x' ≤ −1
        A_ub = A.T / scale
        np.subtract(lo / scale - 1.0, A_ub, out=A_ub)
        res = linprog(np.ones(m), A_ub=A_ub, b_ub=-np.ones(n), bounds=(0, None), method=method, options=opts)
        del A_ub
        stats["lp_seconds"] += time.perf_counter() - started
        stats["lp_iterations"] += int(res.nit or 0)
        if res.status == 1:
            return None
        _check(res)
        x = np.clip(res.x, 0.0, None)
        y = np.clip(-res.ineqlin.marginals, 0.0, None)
    if x.sum() <= 0 or y.sum() <= 0:
        raise SolverError("HiGHS returned a zero strategy for a matrix game (numerical failure)")
    return x / x.sum(), y / y.sum()


def _check(res: Any) -> None:
    if res.status != 0 or res.x is None:
        raise SolverError(f"HiGHS failed on the matrix-game LP: {res.message} (status {res.status})")


# ====================================================================== constraint generation


def _generation(
    A: NDArray[np.float64],
    lo: float,
    scale: float,
    tol: float,
    deadline: float | None,
    budget: float,
    stats: dict[str, Any],
) -> tuple[NDArray[np.float64], NDArray[np.float64]] | None:
    """Double oracle: grow restricted games by best responses until no deviation gains.

    Returns the optimal strategies, or ``None`` on timeout (bounds on the
    value are left in ``stats``).
    """
    m, n = A.shape
    rows = [int(np.argmax(A.min(axis=1)))]
    cols = [int(np.argmin(A.max(axis=0)))]
    in_rows = np.zeros(m, dtype=bool)
    in_cols = np.zeros(n, dtype=bool)
    in_rows[rows] = True
    in_cols[cols] = True
    best_lower, best_upper = -math.inf, math.inf
    rounds = 0
    while True:
        rounds += 1
        stats["rounds"] = rounds
        stats["restricted_shape"] = [len(rows), len(cols)]
        need = LP_BYTES_PER_ENTRY * len(rows) * len(cols)
        if need > budget:
            raise GameTooLargeError(
                f"constraint generation grew the restricted game to {len(rows)}×{len(cols)} strategies, "
                f"whose LP needs about {human_bytes(need)} (limit {human_bytes(budget)}); the value lies "
                f"in [{best_lower:.9g}, {best_upper:.9g}]. Raise max_bytes",
                {"bytes": need, "restricted_shape": (len(rows), len(cols))},
            )
        sub = A[np.ix_(rows, cols)]
        sub_lo = float(sub.min())
        solved = _lp(sub, sub_lo, max(float(sub.max()) - sub_lo, 0.0) or 1.0, deadline, stats, {})
        if solved is None:
            return None
        xr, yr = solved
        x = np.zeros(m)
        y = np.zeros(n)
        x[rows] = xr
        y[cols] = yr
        Ay = A[:, cols] @ yr if len(cols) * 4 < n else A @ y
        xA = xr @ A[rows, :] if len(rows) * 4 < m else x @ A
        upper, lower = float(Ay.max()), float(xA.min())
        best_lower, best_upper = max(best_lower, lower), min(best_upper, upper)
        stats["lower_bound"], stats["upper_bound"] = best_lower, best_upper
        if upper - lower <= 0.5 * tol * scale:
            return x, y
        if deadline is not None and time.perf_counter() > deadline:
            return None
        value = float(xr @ (sub @ yr))
        slack = 0.25 * tol * scale
        add_r = _most_violated(Ay, in_rows, value + slack, max(8, len(rows) // 4), largest=True)
        add_c = _most_violated(xA, in_cols, value - slack, max(8, len(cols) // 4), largest=False)
        if not len(add_r) and not len(add_c):
            # the restricted LP's own tolerance: polish it with tight tolerances
            polished = _solve_matrix_game(
                sub, sub_lo, max(float(sub.max()) - sub_lo, 0.0) or 1.0, tol * 0.1, deadline, stats
            )
            if polished is None:
                return None
            x[:] = 0.0
            y[:] = 0.0
            x[rows], y[cols] = polished
            return x, y
        rows.extend(add_r.tolist())
        cols.extend(add_c.tolist())
        in_rows[add_r] = True
        in_cols[add_c] = True


def _most_violated(
    payoff: NDArray[np.float64], taken: NDArray[np.bool_], threshold: float, count: int, *, largest: bool
) -> NDArray[np.int64]:
    """Up to ``count`` strategies not yet taken whose payoff beats ``threshold``, best first."""
    if largest:
        candidates = np.flatnonzero((payoff > threshold) & ~taken)
        order = np.argsort(-payoff[candidates], kind="stable")
    else:
        candidates = np.flatnonzero((payoff < threshold) & ~taken)
        order = np.argsort(payoff[candidates], kind="stable")
    return candidates[order[:count]]
