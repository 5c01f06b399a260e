"""The Lemke–Howson algorithm: one Nash equilibrium of a bimatrix game by complementary pivoting.

For payoff matrices ``A`` (row player) and ``B`` (column player), both
shifted to be positive, the best-response polytopes are

.. math::

    P = \\{x \\ge 0 : B^\\top x \\le \\mathbf 1\\}, \\qquad
    Q = \\{y \\ge 0 : A y \\le \\mathbf 1\\}.

Label the ``m`` row strategies ``0 … m-1`` and the ``n`` column strategies
``m … m+n-1``. A point of ``P`` has label ``i`` when ``x_i = 0`` and label
``m + j`` when column ``j`` is a best response to ``x``; likewise for ``Q``.
A pair ``(x, y) ≠ (0, 0)`` carrying every label is a Nash equilibrium once
normalised. Starting at the artificial equilibrium ``(0, 0)``, Lemke–Howson
*drops* one label ``k`` and walks along the edges of ``P × Q`` that miss only
``k``, pivoting alternately in the system of ``P`` and of ``Q``, until ``k``
is picked up again: the end of the path is an equilibrium.

Implementation (see :mod:`solvers.nash.complementary_pivoting`): the two
systems are pivoted separately (von Stengel 2007, §3.5), each in revised form
over the current supports, so a pivot costs ``O((m+n) k)`` for supports of
size ``k``; the leaving variable is chosen by the lexicographic minimum-ratio
test, so every path terminates, degenerate games included; ``exact=True``
pivots in integers (fraction-free) and returns Fractions whose regret is
proved 0.

Racing. The length of a Lemke–Howson path depends enormously on the dropped
label: on a 200×200 game with uniform payoffs, one label ends after 31 pivots
and another after 21,534. :func:`lemke_howson` therefore follows several
labels at once on large games, interleaving them a few pivots at a time, and
stops at the first path that ends in a verified equilibrium.

Verification. Every float result is checked (max regret ≤ ``tol``). If
rounding spoiled it, the final basis is refactorised, then re-solved in
integers (on the exact payoffs, or on a float game's payoffs read as the
binary fractions they are), then the labels are followed again in integer
arithmetic; a profile that fails all of these is never returned. Float paths
are also watched for cycling (Brent's method on every
:data:`CYCLE_CHECK`-th state), which the lexicographic rule excludes in exact
arithmetic but float near-ties could cause; a cycling path is stopped and
repaired the same way.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import NDArray

from games.errors import ConvergenceError, GameTooLargeError, InputError, UnsupportedGameError
from games.limits import MAX_BYTES, human_bytes
from games.normal_form import NormalFormGame
from games.profiles import MixedProfile
from solvers.nash.complementary_pivoting import PivotError, PolytopeBasis
from solvers.results import STATUS_OK, STATUS_TIMEOUT, Equilibrium, EquilibriumSet

__all__ = [
    "lemke_howson",
    "lemke_howson_all",
    "race_labels",
    "RACE_AUTO_SIZE",
    "RACE_AUTO_PATHS",
    "RACE_MAX_PATHS",
    "STATUS_PIVOT_LIMIT",
]

#: Games with more strategies than this (``m + n``) race labels by default.
RACE_AUTO_SIZE = 20
#: How many labels ``race="auto"`` starts with on larger games (then doubling each phase).
RACE_AUTO_PATHS = 4
#: At most this many labels are followed at once (each keeps its two bases in memory).
RACE_MAX_PATHS = 128
#: Pivots each raced path makes before the next path's turn; also the first phase's budget.
RACE_CHUNK = 16
#: Float paths are checked for cycling (Brent) every this many pivots.
CYCLE_CHECK = 16
#: Status of a :func:`lemke_howson_all` result cut short by ``max_pivots``.
STATUS_PIVOT_LIMIT = "pivot limit"
#: Relative regret tolerance of float mode: ``tol = DEFAULT_TOL * max(1, max |payoff|)``.
DEFAULT_TOL = 1e-9


# ====================================================================== set-up
@dataclass
class _Problem:
    """The two constraint matrices (positive) and what is needed to rebuild bases."""

    game: NormalFormGame
    m: int
    n: int
    exact: bool
    CQ: NDArray[Any]  # A shifted: Q = {y : A y <= 1}, rows = row strategies
    CP: NDArray[Any]  # B^T shifted: P = {x : B^T x <= 1}, rows = column strategies
    tol: float
    #: the game whose exact payoffs the integers are (``game`` itself, or its floats read as binary fractions)
    exact_game: NormalFormGame | None = None
    _exact_problem: _Problem | None = field(default=None, repr=False)

    def sides(self) -> tuple[PolytopeBasis, PolytopeBasis]:
        """Fresh ``(P, Q)`` bases at the artificial equilibrium."""
        m = self.m
        P = PolytopeBasis(self.CP, 0, m, exact=self.exact, capacity=8)
        Q = PolytopeBasis(self.CQ, m, 0, exact=self.exact, capacity=8)
        return P, Q

    def exact_problem(self) -> _Problem:
        """The same problem in integers (for a float game: its floats taken as exact binary fractions)."""
        if self.exact:
            return self
        if self._exact_problem is None:
            self._exact_problem = _problem(self.game, exact=True, tol=self.tol)
        return self._exact_problem


def _as_python_ints(arr: NDArray[Any]) -> NDArray[np.object_]:
    """A 2-d array as an object array of Python ints (no int64 overflow in pivoting)."""
    out = np.empty(arr.shape, dtype=object)
    out[...] = [[int(v) for v in row] for row in arr.tolist()]
    return out


def _problem(game: NormalFormGame, *, exact: bool, tol: float) -> _Problem:
    m, n = game.shape
    if exact:
        # a float game is read exactly: every float is a binary fraction
        exact_game = game if game.is_exact else NormalFormGame(game.payoffs, exact=True)
        ints = exact_game.exact_integer_payoffs()
        assert ints is not None
        values, _ = ints
        A = _as_python_ints(np.asarray(values[0]))
        B = _as_python_ints(np.asarray(values[1]))
        # shift to positive integers: equilibria are unchanged
        A = A - min(A.reshape(-1)) + 1
        B = B - min(B.reshape(-1)) + 1
        return _Problem(game, m, n, True, A, B.T, tol, exact_game)
    A = np.asarray(game.payoffs[0], dtype=np.float64)
    B = np.asarray(game.payoffs[1], dtype=np.float64)
    # an affine map onto [1, 2] per player keeps equilibria and makes the pivot tolerances scale-free
    A = (A - A.min()) / (float(np.ptp(A)) or 1.0) + 1.0
    B = (B - B.min()) / (float(np.ptp(B)) or 1.0) + 1.0
    return _Problem(game, m, n, False, np.ascontiguousarray(A), np.ascontiguousarray(B).T, tol)


def _check_game(game: NormalFormGame, exact: bool, max_bytes: float | None) -> None:
    if game.n_players != 2:
        raise UnsupportedGameError(
            f"Lemke–Howson solves two-player games; this game has {game.n_players} players"
        )
    if exact and not game.is_exact:
        raise UnsupportedGameError(
            "exact=True needs exact payoffs (integers or fractions); this game's payoffs are floats. "
            "Build it with NormalFormGame(..., exact=True) to take the floats as exact binary fractions, "
            "or solve with exact=False"
        )
    m, n = game.shape
    per_entry = 80 if exact else 16  # two working copies of the payoffs
    need = per_entry * m * n
    budget = MAX_BYTES if max_bytes is None else max_bytes
    if need > budget:
        raise GameTooLargeError(
            f"Lemke–Howson on a {m}×{n} game needs about {human_bytes(need)} of working memory "
            f"({'exact' if exact else 'float'} mode), over the budget of {human_bytes(budget)}; "
            "pass max_bytes= to raise it",
            {"bytes": need, "strategies": (m, n)},
        )


def _default_tol(game: NormalFormGame, tol: float | None) -> float:
    if tol is not None:
        if not tol >= 0 or not math.isfinite(tol):
            raise InputError(f"tol must be a finite number ≥ 0; got {tol!r}")
        return float(tol)
    return DEFAULT_TOL * max(1.0, float(np.abs(game.payoffs).max()))


def race_labels(m: int, n: int, initial_label: int, count: int) -> list[int]:
    """The ``count`` initial labels raced: ``initial_label`` first, then rows and columns alternately.

    Examples
    --------
    >>> race_labels(3, 2, 0, 4)
    [0, 3, 1, 4]
    >>> race_labels(3, 2, 4, 3)
    [4, 0, 3]
    """
    order = [initial_label]
    for i in range(max(m, n)):
        for label in (i, m + i):
            if (label < m if label == i else i < n) and label != initial_label:
                order.append(label)
    return order[: max(1, min(count, m + n))]


# ====================================================================== one path
class _Path:
    """A Lemke–Howson path: two bases and the label to pick up again."""

    def __init__(
        self, problem: _Problem, label: int, start: tuple[PolytopeBasis, PolytopeBasis] | None = None
    ):
        self.problem = problem
        self.label = label
        if start is None:
            self.P, self.Q = problem.sides()
        else:
            self.P, self.Q = start
        m = problem.m
        # the variable carrying `label` that is nonbasic enters first
        if label < m:
            in_P = self.P.spos[label] < 0  # x_label nonbasic
        else:
            in_P = self.P.rpos[label - m] >= 0  # slack s_label nonbasic
        self.side = self.P if in_P else self.Q
        self.entering = label
        self.pivots = 0
        self.done = False
        # Brent's cycle detection on every CYCLE_CHECK-th state (float mode only: rounding
        # could in principle break the lexicographic rule's guarantee that no basis repeats)
        self._saved: tuple[Any, ...] | None = None
        self._power = 1
        self._steps = 0

    def _state(self, side: PolytopeBasis, entering: int) -> tuple[Any, ...]:
        P, Q = self.P, self.Q
        return (
            side is P,
            entering,
            np.sort(P.S[: P.k]).tobytes(),
            np.sort(P.R[: P.k]).tobytes(),
            np.sort(Q.S[: Q.k]).tobytes(),
            np.sort(Q.R[: Q.k]).tobytes(),
        )

    def advance(self, budget: int) -> bool:
        """Make up to ``budget`` pivots; return whether the path has ended.

        Raises
        ------
        PivotError
            When float rounding made a pivot impossible or made the path cycle.
        """
        side, entering, label = self.side, self.entering, self.label
        P, Q = self.P, self.Q
        check = not self.problem.exact
        for _ in range(budget):
            leaving = side.pivot(entering)
            self.pivots += 1
            if leaving == label:
                self.done = True
                return True
            entering = leaving
            side = Q if side is P else P
            if check and self.pivots % CYCLE_CHECK == 0:
                state = self._state(side, entering)
                if state == self._saved:
                    raise PivotError("the path returned to a basis it had left (rounding)")
                self._steps += 1
                if self._steps == self._power:
                    self._saved, self._power, self._steps = state, 2 * self._power, 0
        self.side, self.entering = side, entering
        return False

    def is_artificial(self) -> bool:
        return self.P.k == 0 and self.Q.k == 0

    def basis_key(self) -> tuple[frozenset[int], frozenset[int]]:
        return self.P.basic_labels(), self.Q.basic_labels()

    def copy_bases(self, problem: _Problem | None = None) -> tuple[PolytopeBasis, PolytopeBasis]:
        """Fresh bases (refactorised) equal to this path's current ones, in ``problem``'s arithmetic."""
        problem = problem or self.problem
        P, Q = problem.sides()
        P.set_basis(self.P.S[: self.P.k], self.P.R[: self.P.k])
        Q.set_basis(self.Q.S[: self.Q.k], self.Q.R[: self.Q.k])
        return P, Q


def _float_vectors(P: PolytopeBasis, Q: PolytopeBasis) -> list[NDArray[np.float64]] | None:
    out = []
    for side in (P, Q):
        v = np.clip(np.asarray(side.structural_values(), dtype=np.float64), 0.0, None)
        total = float(v.sum())
        if not total > 0 or not math.isfinite(total):
            return None
        out.append(v / total)
    return out


def _exact_vectors(P: PolytopeBasis, Q: PolytopeBasis) -> list[Any] | None:
    out: list[Any] = []
    for side in (P, Q):
        v = [int(t) for t in side.structural_values()]
        total = sum(v)
        if total <= 0 or any(t < 0 for t in v):
            return None
        out.append([Fraction(t, total) for t in v])
    return out


@dataclass
class _Verified:
    equilibrium: Equilibrium
    how: str  # "path", "refactored", "exact basis"


def _verify(path: _Path, *, exact_output: bool) -> _Verified | None:
    """Certify the end of ``path``, repairing float rounding where possible (see the module docstring)."""
    problem = path.problem
    if problem.exact:
        return _verify_exact(problem, path.P, path.Q, exact_output, "path")
    game = problem.game
    attempts: list[tuple[str, Any]] = [("path", (path.P, path.Q))]
    for how, bases in attempts:
        vecs = _float_vectors(*bases)
        if vecs is not None:
            eq = Equilibrium.certify(MixedProfile(game, vecs))
            if eq.max_regret <= problem.tol:
                return _Verified(eq, how)
        if how == "path":
            try:
                attempts.append(("refactored", path.copy_bases()))
            except PivotError:
                pass
    exact = problem.exact_problem()
    try:
        P, Q = path.copy_bases(exact)
    except PivotError:
        return None
    return _verify_exact(exact, P, Q, exact_output, "exact basis")


def _verify_exact(
    problem: _Problem, P: PolytopeBasis, Q: PolytopeBasis, exact_output: bool, how: str
) -> _Verified | None:
    """Certify integer bases: regret exactly 0 on the exact payoffs (a float game's binary fractions)."""
    vectors = _exact_vectors(P, Q)
    if vectors is None:
        return None
    game = problem.game
    if game.is_exact:
        eq = Equilibrium.certify(MixedProfile(game, vectors))
        if eq.exact_regret != 0:
            return None
        return _Verified(eq if exact_output else _as_float(eq, problem.tol), how)
    assert problem.exact_game is not None
    if max(MixedProfile(problem.exact_game, vectors).exact_regrets()) != 0:
        return None
    floats = [np.array([float(p) for p in v]) for v in vectors]
    eq = Equilibrium.certify(MixedProfile(game, floats))
    return _Verified(eq, how) if eq.max_regret <= problem.tol else None


def _as_float(eq: Equilibrium, tol: float) -> Equilibrium:
    """The float form of an exactly verified equilibrium, unless rounding pushes its regret above ``tol``.

    In that case the exact equilibrium itself is returned: its regret is proved 0.
    """
    assert eq.profile.exact is not None
    floats = [np.array([float(p) for p in v]) for v in eq.profile.exact]
    candidate = Equilibrium.certify(MixedProfile(eq.game, floats))
    return candidate if candidate.max_regret <= tol else eq


# ====================================================================== racing
@dataclass
class _RaceOutcome:
    verified: _Verified | None
    winner: int | None
    pivots: dict[int, int]
    failed: dict[int, str]
    timed_out: bool


def _race(
    problem: _Problem,
    order: Sequence[int],
    *,
    count: int,
    grow: bool,
    deadline: float | None,
    max_pivots: int | None,
    exact_output: bool,
) -> _RaceOutcome:
    """Follow the first ``count`` labels of ``order`` interleaved until one ends in a verified equilibrium.

    Paths advance :data:`RACE_CHUNK` pivots at a time, in phases: in each
    phase every live path is brought up to the phase's pivot budget, which
    then doubles. With ``grow``, each phase also doubles the number of labels
    followed (taking the next ones from ``order``, up to :data:`RACE_MAX_PATHS`
    at once), so a game whose first labels all have long paths soon reaches
    one with a short path, while a game whose first path is short pays
    nothing for the others.
    """
    paths: list[_Path] = []
    failed: dict[int, str] = {}
    next_label = 0

    def outcome(verified: _Verified | None, winner: int | None, timed_out: bool) -> _RaceOutcome:
        return _RaceOutcome(verified, winner, {p.label: p.pivots for p in paths}, failed, timed_out)

    target = max(1, count)
    budget = RACE_CHUNK
    while True:
        # a fixed race follows its first `count` labels only; a growing one keeps `target` paths alive
        while (
            next_label < len(order)
            and (grow or next_label < count)
            and sum(1 for p in paths if not p.done) < target
        ):
            paths.append(_Path(problem, order[next_label]))
            next_label += 1
        active = [p for p in paths if not p.done]
        if not active:
            return outcome(None, None, False)
        while active:
            for path in list(active):
                if deadline is not None and time.perf_counter() > deadline:
                    return outcome(None, None, True)
                step = min(RACE_CHUNK if len(active) > 1 else 256, budget - path.pivots)
                if max_pivots is not None:
                    step = min(step, max_pivots - path.pivots)
                try:
                    ended = path.advance(step) if step > 0 else False
                except PivotError as exc:
                    failed[path.label] = f"stopped: {exc}"
                    path.done = True
                    active.remove(path)
                    continue
                if ended:
                    verified = _verify(path, exact_output=exact_output)
                    if verified is not None:
                        return outcome(verified, path.label, False)
                    failed[path.label] = "ended at a profile that failed verification"
                    active.remove(path)
                elif max_pivots is not None and path.pivots >= max_pivots:
                    failed[path.label] = f"pivot limit ({max_pivots})"
                    path.done = True
                    active.remove(path)
                elif path.pivots >= budget:
                    active.remove(path)
        budget *= 2
        if grow:
            target = min(2 * target, RACE_MAX_PATHS)


def _race_plan(race: int | bool | str, m: int, n: int) -> tuple[int, bool]:
    """``(labels to start with, whether to add labels phase by phase)`` for the ``race`` argument."""
    if isinstance(race, bool):
        return (min(m + n, RACE_AUTO_PATHS), True) if race else (1, False)
    if isinstance(race, str):
        if race == "auto":
            return (1, False) if m + n <= RACE_AUTO_SIZE else (min(m + n, RACE_AUTO_PATHS), True)
        if race == "all":
            return m + n, False
    elif isinstance(race, (int, np.integer)) and race >= 1:
        return min(int(race), m + n), False
    raise InputError(f"race must be 'auto', 'all', a bool or a positive int; got {race!r}")


def _check_label(label: Any, m: int, n: int) -> int:
    if isinstance(label, bool) or not isinstance(label, (int, np.integer)) or not 0 <= label < m + n:
        raise InputError(
            f"initial_label must be an integer in 0..{m + n - 1} "
            f"(0..{m - 1} row strategies, {m}..{m + n - 1} column strategies); got {label!r}"
        )
    return int(label)


def _check_limits(timeout: float | None, max_pivots: int | None) -> None:
    if timeout is not None and not (isinstance(timeout, (int, float)) and timeout > 0):
        raise InputError(f"timeout must be a positive number of seconds; got {timeout!r}")
    if max_pivots is not None and (
        isinstance(max_pivots, bool) or not isinstance(max_pivots, (int, np.integer)) or max_pivots < 1
    ):
        raise InputError(f"max_pivots must be a positive integer; got {max_pivots!r}")


# ====================================================================== public API
def lemke_howson(
    game: NormalFormGame,
    /,
    *,
    initial_label: int = 0,
    race: int | bool | str = "auto",
    exact: bool = False,
    tol: float | None = None,
    timeout: float | None = None,
    max_pivots: int | None = None,
    max_bytes: float | None = None,
) -> EquilibriumSet:
    """One Nash equilibrium of a two-player game by the Lemke–Howson algorithm.

    Parameters
    ----------
    game
        A two-player normal-form game with ``m`` and ``n`` strategies.
    initial_label
        The label dropped first: ``0 … m-1`` for the row player's strategies,
        ``m … m+n-1`` for the column player's.
    race
        Follow several initial labels at once, interleaved
        :data:`RACE_CHUNK` pivots at a time; the first path to end in a
        verified equilibrium wins. Path lengths differ by orders of magnitude
        between labels (on a 400×400 game with uniform payoffs, 5% of the
        labels end within 40 pivots while 70% take more than 1,500), so
        racing turns the unlucky cases from minutes into seconds.
        ``"auto"`` (default): ``initial_label`` alone when
        ``m + n ≤`` :data:`RACE_AUTO_SIZE`; on larger games
        :data:`RACE_AUTO_PATHS` labels to start with, and twice as many in each
        phase in which none ended while every path's pivot budget doubles (at
        most :data:`RACE_MAX_PATHS` at once). ``1`` or ``False``:
        ``initial_label`` only; ``True``: as ``"auto"`` on a large game; an
        int ``k``: ``k`` labels throughout; ``"all"``: every label at once.
        The labels are ``initial_label``, then rows and columns alternately
        (:func:`race_labels`).
    exact
        Pivot in integers (fraction-free) on the exact payoffs and return
        Fractions whose regret is proved 0. Needs an exact game.
    tol
        Float mode: the largest regret accepted; default
        ``1e-9 · max(1, max |payoff|)``. Exact mode accepts regret 0 only.
        When a float path had to be repaired in exact arithmetic and the
        float form of the result exceeds ``tol`` by rounding, the exact
        (Fraction) profile is returned instead: its regret is proved 0.
    timeout
        Seconds; on expiry an empty set with status ``"timeout"`` is returned.
    max_pivots
        Pivots allowed per path (default: unlimited; every path terminates).
    max_bytes
        Working-memory budget (default :data:`games.limits.MAX_BYTES`).

    Returns
    -------
    EquilibriumSet
        ``scope="one"``, ``complete=False``: one equilibrium (or none on
        timeout). ``statistics`` holds ``label`` (the label whose path
        ended first), ``labels`` (those raced), ``pivots`` (per raced label,
        when the winner ended), ``total_pivots``, ``verified_by`` (``"path"``,
        ``"refactored"``, ``"exact basis"`` or ``"exact restart"``),
        ``failed`` (paths dropped, with the reason) and ``seconds``.

    Raises
    ------
    UnsupportedGameError
        For a game with other than two players, or ``exact=True`` on a float game.
    ConvergenceError
        When no path ends in a verified equilibrium within ``max_pivots`` (or
        when neither the float paths nor their exact repair verify, which
        exact arithmetic rules out short of a bug).
    GameTooLargeError
        When the working copies would exceed ``max_bytes``.

    Notes
    -----
    Guarantee: with the lexicographic ratio test every path ends after
    finitely many pivots at an equilibrium, on degenerate games too (exact
    mode follows the exact lexicographic path; float mode decides ties up to a
    relative 1e-9 and is then verified). Which equilibrium is found depends on
    the label, and with racing on which path is shortest: the result is
    deterministic (paths are interleaved by pivot counts, not by time).

    Cost: a pivot costs ``O((m + n) k + k²)`` for support size ``k``.
    Paths can be exponentially long on games built for it (Savani & von
    Stengel 2006), but on random games the shortest of a few labels is short.

    References
    ----------
    Lemke, C. E., & Howson, J. T. (1964). Equilibrium points of bimatrix games.
    *Journal of the SIAM* 12(2): 413–423. https://doi.org/10.1137/0112033

    Shapley, L. S. (1974). A note on the Lemke–Howson algorithm. *Mathematical
    Programming Study* 1: 175–189. https://doi.org/10.1007/BFb0121248

    von Stengel, B. (2007). Equilibrium computation for two-player games in
    strategic and extensive form. In *Algorithmic Game Theory*, ch. 3,
    §3.5–3.6. Cambridge University Press.

    Savani, R., & von Stengel, B. (2006). Hard-to-solve bimatrix games.
    *Econometrica* 74(2): 397–429. https://doi.org/10.1111/j.1468-0262.2006.00667.x

    Examples
    --------
    >>> from games.library import battle_of_the_sexes, matching_pennies
    >>> result = lemke_howson(matching_pennies(), exact=True)
    >>> result[0].profile.to_dict()["Player 1"]
    {'Heads': '1/2', 'Tails': '1/2'}
    >>> result[0].exact_regret
    Fraction(0, 1)
    >>> lemke_howson(battle_of_the_sexes(), initial_label=0)[0].pure_labels()
    ('Opera', 'Opera')
    """
    start = time.perf_counter()
    _check_game(game, exact, max_bytes)
    m, n = game.shape
    label = _check_label(initial_label, m, n)
    _check_limits(timeout, max_pivots)
    count, grow = _race_plan(race, m, n)
    tolerance = 0.0 if exact else _default_tol(game, tol)
    deadline = None if timeout is None else start + float(timeout)
    order = race_labels(m, n, label, m + n)
    problem = _problem(game, exact=exact, tol=tolerance)
    plan = {"count": count, "grow": grow, "deadline": deadline, "max_pivots": max_pivots}
    outcome = _race(problem, order, exact_output=exact, **plan)  # type: ignore[arg-type]
    verified_by = outcome.verified.how if outcome.verified else None
    if outcome.verified is None and not outcome.timed_out and not exact:
        rounding = any("limit" not in why for why in outcome.failed.values())
        if rounding:
            retry = _race(problem.exact_problem(), order, exact_output=False, **plan)  # type: ignore[arg-type]
            outcome = _RaceOutcome(
                retry.verified,
                retry.winner,
                retry.pivots,
                {
                    k: "; ".join(
                        part
                        for part in (
                            outcome.failed.get(k),
                            retry.failed.get(k) and f"exact restart: {retry.failed[k]}",
                        )
                        if part
                    )
                    for k in {**outcome.failed, **retry.failed}
                },
                retry.timed_out,
            )
            verified_by = "exact restart"
    statistics = {
        "label": outcome.winner,
        "labels": list(outcome.pivots),
        "pivots": dict(outcome.pivots),
        "total_pivots": int(sum(outcome.pivots.values())),
        "verified_by": verified_by,
        "failed": dict(outcome.failed),
        "seconds": time.perf_counter() - start,
    }
    parameters = {
        "initial_label": label,
        "race": race if isinstance(race, (str, bool)) else int(race),
        "exact": exact,
        "tol": tolerance,
        "timeout": timeout,
        "max_pivots": max_pivots,
    }
    if outcome.verified is None:
        if outcome.timed_out:
            return EquilibriumSet(
                method="lemke_howson",
                parameters=parameters,
                status=STATUS_TIMEOUT,
                statistics=statistics,
                game=game,
                equilibria=(),
                complete=False,
                scope="one",
            )
        reasons = "; ".join(f"label {k}: {v}" for k, v in outcome.failed.items())
        raise ConvergenceError(
            f"Lemke–Howson found no verified equilibrium of the {m}×{n} game ({reasons})",
            iterations=int(sum(outcome.pivots.values())),
        )
    return EquilibriumSet(
        method="lemke_howson",
        parameters=parameters,
        status=STATUS_OK,
        statistics=statistics,
        game=game,
        equilibria=(outcome.verified.equilibrium,),
        complete=False,
        scope="one",
    )


def _same_profile(a: Equilibrium, b: Equilibrium, exact: bool) -> bool:
    if exact and a.profile.exact is not None and b.profile.exact is not None:
        return a.profile.exact == b.profile.exact
    return all(
        np.allclose(u, v, rtol=0.0, atol=1e-9) for u, v in zip(a.profile.strategies, b.profile.strategies)
    )


def lemke_howson_all(
    game: NormalFormGame,
    /,
    *,
    exact: bool = False,
    recursive: bool = True,
    tol: float | None = None,
    timeout: float | None = None,
    max_pivots: int | None = None,
    max_bytes: float | None = None,
) -> EquilibriumSet:
    """The equilibria reached by Lemke–Howson paths from every initial label.

    Parameters
    ----------
    game
        A two-player normal-form game with ``m`` and ``n`` strategies.
    exact
        Integer pivoting and Fraction output with regret proved 0 (exact game needed).
    recursive
        Also follow every label from each equilibrium found (as Gambit's
        ``lcp_solve`` does), which reaches every equilibrium connected to the
        artificial equilibrium by Lemke–Howson paths: Shapley's (1974)
        *accessible* equilibria. ``False``: only the ``m + n`` paths from the
        artificial equilibrium.
    tol, timeout, max_pivots, max_bytes
        As for :func:`lemke_howson` (``max_pivots`` per path).

    Returns
    -------
    EquilibriumSet
        The distinct equilibria reached, in the order found; ``scope`` is
        ``"lh-accessible"`` (``"lh-labels"`` when not ``recursive``) and
        ``complete=False``: equilibria not connected to the artificial one
        (such as Shapley's inaccessible pair) are not found. ``statistics``
        holds ``pivots`` and ``reached`` (per label from the artificial
        equilibrium: pivots and the index of the equilibrium reached),
        ``paths``, ``total_pivots``, ``bases`` (distinct equilibrium bases),
        ``dropped`` (path ends that failed verification), ``failed`` and
        ``seconds``; status ``"timeout"`` or ``"pivot limit"`` when cut short.

    Notes
    -----
    In a degenerate game one equilibrium may be the end of paths at several
    bases; equilibria are reported once (compared exactly in exact mode, to
    1e-9 in float mode), and from each new basis every label is followed.
    Exact and float mode may differ on degenerate games only where float mode
    breaks a near-tie differently; every reported profile is verified either way.

    References
    ----------
    Shapley, L. S. (1974). A note on the Lemke–Howson algorithm. *Mathematical
    Programming Study* 1: 175–189. https://doi.org/10.1007/BFb0121248

    von Stengel, B. (2007). Equilibrium computation for two-player games in
    strategic and extensive form. In *Algorithmic Game Theory*, ch. 3, §3.5–3.6.

    Examples
    --------
    >>> from games.library import battle_of_the_sexes
    >>> result = lemke_howson_all(battle_of_the_sexes(), exact=True)
    >>> len(result), result.scope
    (3, 'lh-accessible')
    """
    start = time.perf_counter()
    _check_game(game, exact, max_bytes)
    _check_limits(timeout, max_pivots)
    m, n = game.shape
    tolerance = 0.0 if exact else _default_tol(game, tol)
    deadline = None if timeout is None else start + float(timeout)
    problem = _problem(game, exact=exact, tol=tolerance)
    equilibria: list[Equilibrium] = []
    pivots: dict[int, int] = {}
    reached: dict[int, int | None] = {}
    failed: list[dict[str, Any]] = []
    seen: dict[tuple[frozenset[int], frozenset[int]], int | None] = {}
    # work list: (start bases or None for the artificial equilibrium, origin index, label)
    queue: list[tuple[_Path | None, int | None, int]] = [(None, None, k) for k in range(m + n)]
    status = STATUS_OK
    paths = total = dropped = 0
    while queue:
        origin_path, origin, label = queue.pop(0)
        if deadline is not None and time.perf_counter() > deadline:
            status = STATUS_TIMEOUT
            break
        try:
            bases = None if origin_path is None else origin_path.copy_bases()
            path = _Path(problem, label, bases)
            while True:
                budget = 256 if max_pivots is None else min(256, max_pivots - path.pivots)
                if path.advance(budget):
                    break
                if max_pivots is not None and path.pivots >= max_pivots:
                    raise _PivotLimit
                if deadline is not None and time.perf_counter() > deadline:
                    raise _Timeout
        except PivotError as exc:
            failed.append({"from": origin, "label": label, "reason": f"stopped: {exc}"})
            continue
        except _PivotLimit:
            failed.append({"from": origin, "label": label, "reason": f"pivot limit ({max_pivots})"})
            status = STATUS_PIVOT_LIMIT
            total += path.pivots
            continue
        except _Timeout:
            status = STATUS_TIMEOUT
            total += path.pivots
            break
        paths += 1
        total += path.pivots
        if origin_path is None:
            pivots[label] = path.pivots
            reached[label] = None
        if path.is_artificial():
            continue
        key = path.basis_key()
        if key in seen:  # a basis already reached (and verified or dropped)
            if origin_path is None:
                reached[label] = seen[key]
            continue
        verified = _verify(path, exact_output=exact)
        if verified is None:
            dropped += 1
            seen[key] = None
            failed.append({"from": origin, "label": label, "reason": "failed verification"})
            continue
        eq = verified.equilibrium
        index = next((i for i, e in enumerate(equilibria) if _same_profile(e, eq, exact)), None)
        if index is None:
            equilibria.append(eq)
            index = len(equilibria) - 1
        seen[key] = index
        if origin_path is None:
            reached[label] = index
        if recursive:
            queue.extend((path, index, k) for k in range(m + n) if k != label)
    return EquilibriumSet(
        method="lemke_howson_all",
        parameters={
            "exact": exact,
            "recursive": recursive,
            "tol": tolerance,
            "timeout": timeout,
            "max_pivots": max_pivots,
        },
        status=status,
        statistics={
            "pivots": pivots,
            "reached": reached,
            "paths": paths,
            "total_pivots": total,
            "bases": len(seen),
            "dropped": dropped,
            "failed": failed,
            "seconds": time.perf_counter() - start,
        },
        game=game,
        equilibria=tuple(equilibria),
        complete=False,
        scope="lh-accessible" if recursive else "lh-labels",
    )


class _PivotLimit(Exception):
    pass


class _Timeout(Exception):
    pass
