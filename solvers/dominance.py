"""Iterated elimination of dominated strategies, by pure and mixed dominators.

A strategy ``j`` of player ``i`` is *strictly dominated* by a mixed strategy
``σ`` (a distribution over ``i``'s other strategies) when ``σ`` does better
against every profile ``s`` of the opponents' remaining strategies:

.. math:: \\varepsilon = \\min_s \\Big[\\sum_k σ_k u_i(k, s) - u_i(j, s)\\Big] > 0,

and *weakly dominated* when ``σ`` does at least as well everywhere and better
somewhere: ``min_s [...] >= 0`` and ``max_s [...] > 0``. A pure dominator is the
special case ``σ = e_k``.

Finding a pure dominator is one vectorised comparison of rows of player
``i``'s payoff matrix (own strategies × opponent profiles). Finding a mixed one
is a linear program per candidate (HiGHS through :func:`scipy.optimize.linprog`):

* strict: maximise ``ε`` subject to ``Σ_k σ_k u_i(k, s) - u_i(j, s) >= ε`` for all
  ``s``, ``σ`` in the simplex; ``j`` is strictly dominated iff ``ε* > tol``;
* weak: maximise the total advantage ``Σ_s Σ_k σ_k [u_i(k, s) - u_i(j, s)]``
  subject to every advantage ``>= 0``; ``j`` is weakly dominated iff the LP is
  feasible and the optimal ``σ`` has some advantage ``> tol``
  (Shoham & Leyton-Brown 2009, section 4.5.2).

Most candidates never reach an LP. A strategy that is a best response
(weakly, for strict dominance; uniquely, for weak dominance) to some pure
opponent profile, or to a belief on two profiles, cannot be dominated; a
strategy with a pure dominator needs no LP; the dual of an LP that finds no
dominator is a belief that clears other candidates too; and a mixture found
to dominate one strategy is tried on the others. On games with many opponent
profiles the LP is solved by constraint generation (a few profiles first,
violated ones added). Eliminating a player's own strategies never makes
another of its strategies dominated (the dominators only shrink), so a player
is checked again only after an opponent lost a strategy.

Exact mode proves every *elimination* in rationals. The conclusion that a
strategy is *not* dominated is exact when a filter reaches it (integer
arithmetic) and rests on the float LP otherwise (``ε* <= tol``).

Strict elimination leaves the same game whatever the order (Gilboa, Kalai &
Zemel 1990; Osborne & Rubinstein 1994, section 4.2). Weak elimination does
not: what survives depends on the order, so the order is a parameter and each
step is recorded.
"""

from __future__ import annotations

import math
import time
from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import linprog

from games.errors import GameTooLargeError, InvalidGameError, SolverError, UnsupportedGameError
from games.normal_form import NormalFormGame
from solvers.results import STATUS_OK, STATUS_TIMEOUT, DominanceResult, Elimination

__all__ = ["iterated_elimination", "dominated_strategies", "ORDERS", "MAX_LP_ENTRIES"]

#: What one elimination step removes (see :func:`iterated_elimination`).
ORDERS = ("simultaneous", "sequential")
#: Largest dense LP constraint matrix (entries) built for one candidate by default.
MAX_LP_ENTRIES = 50_000_000
#: Entries of the (candidates × strategies × profiles) advantage block computed at once.
_BLOCK_ENTRIES = 1 << 22
#: Opponent profiles in the first round of a dominance LP's constraint generation.
_LP_COLUMNS = 64
#: Opponent profiles per candidate paired by the belief filter.
_PAIR_COLUMNS = 32
#: Rationalisation denominators tried before rebuilding the exact LP vertex.
_DENOMINATORS = (100, 10_000, 1_000_000)


# ====================================================================== public API
def iterated_elimination(
    game: NormalFormGame,
    /,
    *,
    strict: bool = True,
    mixed: bool = True,
    order: str = "simultaneous",
    tol: float = 1e-9,
    exact: bool | None = None,
    max_rounds: int | None = None,
    timeout: float | None = None,
    max_lp_entries: int = MAX_LP_ENTRIES,
) -> DominanceResult:
    """Eliminate dominated strategies until none is left, recording every step.

    Parameters
    ----------
    game
        A normal-form game with any number of players.
    strict
        Strict dominance (``True``) or weak dominance (``False``; see the module
        docstring for the definition used).
    mixed
        Also look for mixed dominators (by LP); with ``False`` only pure
        strategies may dominate.
    order
        ``"simultaneous"``: each round removes every dominated strategy of every
        player, judged in the game as it stood at the start of the round (the
        usual "maximal" deletion). ``"sequential"``: each step removes one
        strategy, the first dominated one in the game's order (players in
        order, then strategies in order, the players taking turns: after a
        step removes a strategy of player ``i`` the search starts at player
        ``i + 1``); reorder players or strategies to explore other orders.
        Both give the same result under strict dominance; under weak
        dominance they may not (see Notes).
    tol
        Tolerance on payoff differences (absolute): strict dominance needs a
        margin ``> tol``; weak dominance an advantage ``>= -tol`` everywhere
        and ``> tol`` somewhere. Ignored by the exact comparisons.
    exact
        Certify dominance in exact rationals (defaults to ``True`` when the game
        keeps exact payoffs). Pure dominance is then decided in integers; a
        mixed dominator found by the float LP is rationalised and checked
        exactly. If that check fails, the strategy is still eliminated on the
        float margin and the step's ``exact_margin`` stays ``None`` (counted in
        ``statistics["unproved"]``).
    max_rounds
        Stop after this many rounds (``1``: only the strategies dominated in
        ``game`` itself). Unless a fixed point was reached before, the result
        is then marked ``complete=False`` (no check is made for more).
    timeout
        Seconds; on expiry the eliminations so far are returned with
        ``status="timeout"`` and ``complete=False``.
    max_lp_entries
        Refuse (``GameTooLargeError``) a candidate whose dense LP would have
        more constraint entries than this.

    Returns
    -------
    DominanceResult
        The eliminations in order (round, player, strategy, dominator with its
        probabilities, margin), the surviving strategies and the reduced game.

    Raises
    ------
    InvalidGameError
        On an unknown ``order`` or a negative ``tol``.
    UnsupportedGameError
        If ``exact=True`` on a game without exact payoffs.
    GameTooLargeError
        If one candidate's LP exceeds ``max_lp_entries``.

    Notes
    -----
    Every player keeps at least one strategy: a strategy with the largest
    total payoff over the opponents' remaining profiles is never weakly (hence
    never strictly) dominated, so simultaneous removal cannot empty a player.

    Under weak dominance the order matters. In the game with rows ``T, M, B``
    and columns ``L, R`` where ``u = (1,1), (0,0) / (1,1), (2,1) / (0,0),
    (2,1)``, removing ``T`` first leads to ``(M or B, R)``, removing ``B`` first
    to ``(T or M, L)``, and removing both at once (``"simultaneous"``) leaves
    ``M`` against both columns. A recorded dominator refers to the game of its
    round: under simultaneous weak elimination it may mix strategies removed
    in the same round.

    Cost: per player and round, one pass over the payoff matrix for the
    best-response filter, ``O(q · m · c)`` comparisons for pure dominators
    (``q`` candidates, ``m`` strategies, ``c`` opponent profiles), and one LP
    of size ``c × m`` per candidate left.

    References
    ----------
    Fudenberg, D. and Tirole, J. (1991). *Game Theory*. MIT Press, section 2.1.
    Gilboa, I., Kalai, E. and Zemel, E. (1990). On the order of eliminating
    dominated strategies. *Operations Research Letters* 9(2): 85-89.
    doi:10.1016/0167-6377(90)90046-8
    Osborne, M. J. and Rubinstein, A. (1994). *A Course in Game Theory*. MIT
    Press, sections 4.2-4.3.
    Shoham, Y. and Leyton-Brown, K. (2009). *Multiagent Systems*. Cambridge
    University Press, section 4.5.2.

    Examples
    --------
    >>> from games.library import prisoners_dilemma
    >>> result = iterated_elimination(prisoners_dilemma())
    >>> result.solution
    ('Defect', 'Defect')
    >>> [(e.player, e.strategy, e.dominator_text()) for e in result.eliminations]
    [('Player 1', 'Cooperate', 'Defect'), ('Player 2', 'Cooperate', 'Defect')]

    A strategy dominated only by a mixture (Fudenberg & Tirole 1991, fig. 2.1):

    >>> g = NormalFormGame.from_bimatrix([[2, -1], [0, 0], [-1, 2]], [[0, 0], [0, 0], [0, 0]],
    ...                                  strategies=[["U", "M", "D"], ["L", "R"]])
    >>> step = iterated_elimination(g).eliminations[0]
    >>> step.strategy, step.kind, step.dominator_text(), step.exact_margin
    ('M', 'mixed', '1/2 U + 1/2 D', Fraction(1, 2))
    """
    start = time.perf_counter()
    deadline = None if timeout is None else start + float(timeout)
    if order not in ORDERS:
        raise InvalidGameError(f"order must be one of {list(ORDERS)}; got {order!r}")
    if not tol >= 0:
        raise InvalidGameError(f"tol must be a non-negative number; got {tol!r}")
    if max_rounds is not None and max_rounds < 0:
        raise InvalidGameError(f"max_rounds must be >= 0; got {max_rounds}")
    checker = _Checker(game, strict=strict, mixed=mixed, tol=tol, exact=exact, max_lp_entries=max_lp_entries)
    n = game.n_players
    alive = [np.arange(s, dtype=np.intp) for s in game.shape]
    dirty = [True] * n
    eliminations: list[Elimination] = []
    first = 0  # sequential order: the player whose turn it is
    rounds = 0
    status = STATUS_OK
    finished = False
    while True:
        if max_rounds is not None and rounds >= max_rounds:
            break
        found: list[list[_Found]] = [[] for _ in range(n)]
        checked = [False] * n
        timed_out = False
        scan = range(n) if order == "simultaneous" else [(first + k) % n for k in range(n)]
        for i in scan:
            if not dirty[i]:
                continue
            try:
                found[i] = checker.dominated(i, alive, first_only=order == "sequential", deadline=deadline)
            except _Timeout:
                timed_out = True
                break
            checked[i] = True
            if found[i] and order == "sequential":
                first = (i + 1) % n  # players take turns
                break
        if timed_out:
            status = STATUS_TIMEOUT
            break
        if not any(found):
            finished = True
            break
        rounds += 1
        removed_by = [False] * n
        for i in range(n):
            if not found[i]:
                continue
            removed_by[i] = True
            labels = game.strategies[i]
            for f in found[i]:
                eliminations.append(f.record(rounds, game, i, alive[i], labels))
            drop = np.isin(np.arange(alive[i].size), [f.local for f in found[i]])
            alive[i] = alive[i][~drop]
        for i in range(n):
            # losing one's own strategies never makes another of them dominated
            opponents_changed = any(removed_by[j] for j in range(n) if j != i)
            # (a sequential step reports one strategy: the player may have more)
            unfinished = not checked[i] or (bool(found[i]) and order == "sequential")
            dirty[i] = opponents_changed or (dirty[i] and unfinished)
    reduced = _subgame(game, alive)
    complete = finished
    statistics: dict[str, Any] = dict(checker.stats)
    statistics["seconds"] = time.perf_counter() - start
    return DominanceResult(
        method="iterated_elimination",
        parameters={
            "strict": strict,
            "mixed": mixed,
            "order": order,
            "tol": tol,
            "exact": checker.exact,
            "max_rounds": max_rounds,
            "timeout": timeout,
        },
        status=status,
        statistics=statistics,
        game=game,
        reduced=reduced,
        eliminations=tuple(eliminations),
        surviving=tuple(tuple(int(k) for k in a) for a in alive),
        criterion="strict" if strict else "weak",
        order=order,
        rounds=rounds,
        complete=complete,
    )


def dominated_strategies(
    game: NormalFormGame,
    /,
    *,
    strict: bool = True,
    mixed: bool = True,
    tol: float = 1e-9,
    exact: bool | None = None,
    timeout: float | None = None,
) -> tuple[Elimination, ...]:
    """The strategies dominated in ``game`` itself (one round, no iteration).

    Same options as :func:`iterated_elimination`; each record carries its
    dominator and margin.

    Examples
    --------
    >>> from games.library import prisoners_dilemma
    >>> [(e.player, e.strategy) for e in dominated_strategies(prisoners_dilemma())]
    [('Player 1', 'Cooperate'), ('Player 2', 'Cooperate')]
    """
    return iterated_elimination(
        game, strict=strict, mixed=mixed, tol=tol, exact=exact, max_rounds=1, timeout=timeout
    ).eliminations


# ====================================================================== machinery
class _Timeout(Exception):
    pass


class _Found:
    """A dominated strategy found in one check (local index among the alive ones)."""

    __slots__ = ("local", "kind", "weights", "margin", "max_advantage", "exact_weights", "exact_margin")

    def __init__(
        self,
        local: int,
        kind: str,
        weights: dict[int, float],
        margin: float,
        max_advantage: float,
        exact_weights: dict[int, Fraction] | None = None,
        exact_margin: Fraction | None = None,
    ) -> None:
        self.local = local
        self.kind = kind
        self.weights = weights  # local index -> probability
        self.margin = margin
        self.max_advantage = max_advantage
        self.exact_weights = exact_weights
        self.exact_margin = exact_margin

    def record(
        self, round_: int, game: NormalFormGame, i: int, alive: NDArray[np.intp], labels: tuple[str, ...]
    ) -> Elimination:
        def lab(k: int) -> str:
            return labels[int(alive[k])]

        return Elimination(
            round=round_,
            player=game.players[i],
            player_index=i,
            strategy=lab(self.local),
            strategy_index=int(alive[self.local]),
            kind=self.kind,
            dominator={lab(k): float(p) for k, p in self.weights.items()},
            margin=float(self.margin),
            max_advantage=float(self.max_advantage),
            exact_dominator=None
            if self.exact_weights is None
            else {lab(k): p for k, p in self.exact_weights.items()},
            exact_margin=self.exact_margin,
        )


class _Checker:
    """Finds the dominated strategies of one player in the current subgame."""

    def __init__(
        self,
        game: NormalFormGame,
        *,
        strict: bool,
        mixed: bool,
        tol: float,
        exact: bool | None,
        max_lp_entries: int,
    ) -> None:
        ints = game.exact_integer_payoffs()
        if exact and ints is None:
            raise UnsupportedGameError(
                "exact=True needs a game with exact payoffs (integers or fractions); this one has floats"
            )
        self.exact = ints is not None and exact is not False
        self.game = game
        self.strict = strict
        self.mixed = mixed
        self.tol = float(tol)
        self.max_lp_entries = int(max_lp_entries)
        self.values: NDArray[Any] = game.payoffs
        self.scale = 1
        if self.exact:
            assert ints is not None
            values, self.scale = ints
            if values.dtype != object and np.abs(values).max(initial=0) >= 2**58:
                values = values.astype(object)  # weighted sums of differences must not overflow int64
            self.values = values
        self.stats = {"candidates": 0, "lps": 0, "pure": 0, "mixed": 0, "unproved": 0}

    # -------------------------------------------------------------- the payoff matrix of player i
    def _matrix(self, values: NDArray[Any], i: int, alive: list[NDArray[np.intp]]) -> NDArray[Any]:
        sub = values[i][np.ix_(*alive)]
        return np.moveaxis(sub, i, 0).reshape(alive[i].size, -1)

    def dominated(
        self, i: int, alive: list[NDArray[np.intp]], *, first_only: bool, deadline: float | None
    ) -> list[_Found]:
        m = alive[i].size
        if m < 2:
            return []
        U = self._matrix(self.values, i, alive)  # exact integers or floats
        F = U if not self.exact else self._matrix(self.game.payoffs, i, alive)  # floats, for the LP
        tol = 0 if self.exact else self.tol
        gap = _gap_to_best_other(U)
        candidates = _beaten_everywhere(gap, strict=self.strict, tol=tol)
        self.stats["candidates"] += int(candidates.size)
        pure = _pure_dominators(U, candidates, strict=self.strict, tol=tol)
        lp_candidates: set[int] = set()
        if self.mixed and m >= 3:
            rest = np.array([j for j in candidates.tolist() if j not in pure], dtype=np.intp)
            rest = _pair_belief_filter(U, gap, rest, strict=self.strict, tol=tol)
            lp_candidates = set(rest.tolist())
        out: list[_Found] = []
        reused: dict[int, _Found] = {}
        for j in candidates.tolist():
            if deadline is not None and time.perf_counter() > deadline:
                raise _Timeout
            if j in pure:
                k, margin, best = pure[j]
                found = _Found(j, "pure", {k: 1.0}, margin, best)
                if self.exact:
                    found.exact_margin = Fraction(int(margin), self.scale)
                    found.exact_weights = {k: Fraction(1)}
                    found.margin = int(margin) / self.scale
                    found.max_advantage = int(best) / self.scale
                self.stats["pure"] += 1
                out.append(found)
            elif j in reused:
                self.stats["mixed"] += 1
                out.append(reused.pop(j))
            elif j in lp_candidates:
                lp_found, belief = self._mixed(U, F, j)
                if lp_found is None:
                    if belief is not None:
                        # the LP's dual is a belief to which j is a best response; so may others be
                        lp_candidates -= _best_responses(F, belief, tol=self.tol)
                    continue
                self.stats["mixed"] += 1
                out.append(lp_found)
                # the same mixture may dominate other candidates: no LP for those
                later = [x for x in lp_candidates if x > j and x not in lp_found.weights and x not in reused]
                for found in self._reuse(U, F, lp_found, later):
                    reused[found.local] = found
            else:
                continue
            if first_only:
                break
        return out

    def _reuse(
        self, U: NDArray[Any], F: NDArray[np.float64], found: _Found, later: list[int]
    ) -> list[_Found]:
        """Other candidates the mixture of ``found`` dominates too (checked like an LP's answer)."""
        if not later:
            return []
        support = np.array(sorted(found.weights), dtype=np.intp)
        w = np.array([found.weights[k] for k in support.tolist()])
        adv = (w @ F[support])[None, :] - F[later]  # (len(later), c)
        low, high = adv.min(axis=1), adv.max(axis=1)
        ok = low > self.tol if self.strict else (low >= -self.tol) & (high > self.tol)
        out = []
        for r in np.flatnonzero(ok).tolist():
            j = later[r]
            new = _Found(j, "mixed", dict(found.weights), float(low[r]), float(high[r]))
            if self.exact:
                if found.exact_weights is None:
                    continue  # not proved for the first strategy; let the LP judge this one
                proof = _check_exact(
                    U[support] - U[j],
                    {t: found.exact_weights[int(k)] for t, k in enumerate(support.tolist())},
                    strict=self.strict,
                )
                if proof is None:
                    continue
                _, lo_exact, hi_exact = proof
                new.exact_weights = dict(found.exact_weights)
                new.exact_margin = lo_exact / self.scale
                new.margin = float(new.exact_margin)
                new.max_advantage = float(hi_exact / self.scale)
            out.append(new)
        return out

    # -------------------------------------------------------------- mixed dominators by LP
    def _mixed(
        self, U: NDArray[Any], F: NDArray[np.float64], j: int
    ) -> tuple[_Found | None, NDArray[np.float64] | None]:
        """A mixed dominator of ``j`` by LP, or ``(None, belief)`` with the LP's dual belief."""
        m, c = F.shape
        if m * (c + 1) > self.max_lp_entries:
            raise GameTooLargeError(
                f"the dominance LP for one strategy has {c} constraints (opponent profiles) and {m} "
                f"variables: {m * (c + 1):.3g} dense entries, about {8 * m * (c + 1) / 2**20:.0f} MiB, "
                f"above max_lp_entries={self.max_lp_entries:.3g}; raise it or use mixed=False",
                {"constraints": c, "variables": m, "entries": m * (c + 1), "bytes": 8 * m * (c + 1)},
            )
        others = np.array([k for k in range(m) if k != j], dtype=np.intp)
        D = F[others] - F[j]  # advantage of each other strategy, (m-1, c)
        self.stats["lps"] += 1
        weights, belief = _solve_dominance_lp(D, strict=self.strict, tol=self.tol)
        if weights is None:
            return None, belief
        adv = weights @ D
        margin, best = float(adv.min()), float(adv.max())
        if self.strict:
            if not margin > self.tol:
                return None, belief
        elif not (margin >= -self.tol and best > self.tol):
            return None, None
        support = np.flatnonzero(weights > 0)
        found = _Found(j, "mixed", {int(others[k]): float(weights[k]) for k in support}, margin, best)
        if self.exact:
            proof = _exact_dominator(U[others] - U[j], weights, D, strict=self.strict)
            if proof is None:
                self.stats["unproved"] += 1
            else:
                exact_w, low, high = proof
                found.exact_weights = {int(others[k]): p for k, p in exact_w.items()}
                found.exact_margin = low / self.scale
                found.weights = {k: float(p) for k, p in found.exact_weights.items()}
                found.margin = float(low / self.scale)
                found.max_advantage = float(high / self.scale)
        return found, None


def _gap_to_best_other(U: NDArray[Any]) -> NDArray[Any]:
    """``gap[j, s] = max_{k≠j} u(k, s) - u(j, s)``: how far ``j`` is from the best other strategy."""
    m = U.shape[0]
    order = np.argsort(U, axis=0, kind="stable")
    cols = np.arange(U.shape[1])
    top = order[-1]
    best = U[top, cols]
    second = U[order[-2], cols]
    other_best = np.where(np.arange(m)[:, None] == top[None, :], second[None, :], best[None, :])
    return other_best - U


def _beaten_everywhere(gap: NDArray[Any], *, strict: bool, tol: float) -> NDArray[np.intp]:
    """Strategies that are no best response to any pure opponent profile: the candidates.

    ``j`` is a candidate for strict dominance when ``gap[j, s] > tol`` at every
    ``s`` (else any mixture gains at most ``tol`` at ``s``), and for weak
    dominance when ``gap[j, s] >= -tol`` everywhere (else every mixture loses
    more than ``tol`` at ``s``).
    """
    if strict:
        return np.flatnonzero(np.all(gap > tol, axis=1)).astype(np.intp)
    return np.flatnonzero(np.all(gap >= -tol, axis=1)).astype(np.intp)


def _pair_belief_filter(
    U: NDArray[Any], gap: NDArray[Any], cand: NDArray[np.intp], *, strict: bool, tol: float
) -> NDArray[np.intp]:
    """Drop candidates proved undominated by a belief on two opponent profiles.

    For each candidate ``j`` the ``K`` profiles where ``j`` is closest to the best
    are paired, with weights ``(1, 1)``, then ``(1, 3)`` and ``(3, 1)``. If ``j`` is
    a best response to such a belief (within ``W·tol``, ``W`` the weights' sum),
    no mixture strictly dominates it; if it is the unique best by more than
    ``W·tol``, no mixture weakly dominates it. Integer weights keep the test
    exact on integer payoffs. Cheap stages run first (few profiles), and only
    the candidates they leave go on. Returns the candidates left for the LP.
    """
    m, c = U.shape
    floor = U.min() - 4 * (U.max() - U.min()) - 1  # below every weighted sum
    for K, weights in ((8, ((1, 1),)), (_PAIR_COLUMNS, ((1, 1), (1, 3), (3, 1)))):
        if cand.size == 0:
            break
        K = min(c, K)
        cols = np.argsort(gap[cand], axis=1, kind="stable")[:, :K]  # (q, K)
        proved = np.zeros(cand.size, dtype=bool)
        block = max(1, _BLOCK_ENTRIES // (m * K * K))
        for lo in range(0, cand.size, block):
            J = cand[lo : lo + block]
            rows = np.arange(J.size)
            S = np.moveaxis(U[:, cols[lo : lo + block]], 0, -1)  # (q, K, m)
            for a, b in weights:
                V = a * S[:, :, None, :] + b * S[:, None, :, :]  # (q, K, K, m)
                Vj = V[rows, :, :, J].copy()  # (q, K, K)
                V[rows, :, :, J] = 2 * floor
                Vo = V.max(axis=3)
                slack = (a + b) * tol
                hit = Vj >= Vo - slack if strict else Vj > Vo + slack
                proved[lo : lo + J.size] |= hit.reshape(J.size, -1).any(axis=1)
        cand = cand[~proved]
    return cand


def _best_responses(F: NDArray[np.float64], belief: NDArray[np.float64], *, tol: float) -> set[int]:
    """Strategies within ``tol`` of the best against a belief over opponent profiles."""
    values = F @ belief
    return set(np.flatnonzero(values >= values.max() - tol).tolist())


def _pure_dominators(
    U: NDArray[Any], candidates: NDArray[np.intp], *, strict: bool, tol: float
) -> dict[int, tuple[int, Any, Any]]:
    """For each candidate with a pure dominator: ``(dominator, margin, max advantage)``.

    The dominator reported is the one with the largest margin (strict) or the
    largest total advantage (weak). Vectorised in blocks of candidates.
    """
    out: dict[int, tuple[int, Any, Any]] = {}
    if candidates.size == 0:
        return out
    m, c = U.shape
    block = max(1, _BLOCK_ENTRIES // max(1, m * c))
    for lo in range(0, candidates.size, block):
        J = candidates[lo : lo + block]
        adv = U[None, :, :] - U[J][:, None, :]  # (q, m, c): advantage of k over j
        low = adv.min(axis=2)
        if strict:
            ok = low > tol
            score = low
        else:
            high = adv.max(axis=2)
            ok = (low >= -tol) & (high > tol)
            score = adv.sum(axis=2)
        ok[np.arange(J.size), J] = False
        rows = np.flatnonzero(ok.any(axis=1))
        if rows.size:
            best = np.where(ok[rows], np.asarray(score[rows], dtype=np.float64), -np.inf).argmax(axis=1)
            for r, k in zip(rows.tolist(), best.tolist()):
                out[int(J[r])] = (k, low[r, k], adv[r, k].max())
    return out


def _solve_dominance_lp(
    D: NDArray[np.float64], *, strict: bool, tol: float
) -> tuple[NDArray[np.float64] | None, NDArray[np.float64] | None]:
    """The LP of a mixed dominator over the rows of the advantage matrix ``D``, by constraint generation.

    The LP is first solved on the ``_LP_COLUMNS`` opponent profiles where the
    candidate does best; the weights found are checked against every profile
    and the violated ones added, until the weights hold everywhere (then they
    dominate: no need for the optimum over all profiles) or the restricted
    optimum is already no dominance (then neither is the full one, whose
    optimum can only be lower). Weak dominance whose weights hold everywhere
    but gain nowhere falls back to the full LP, whose objective differs.

    Returns the weights (clipped to the simplex; ``None`` when the weak LP is
    infeasible) and, for the strict LP, the dual belief over opponent profiles.
    """
    q, c = D.shape
    if c <= 4 * _LP_COLUMNS:  # small: one LP (scipy's per-call overhead exceeds HiGHS' solve here)
        return _dominance_lp(D, strict=strict)
    active = np.zeros(c, dtype=bool)
    active[np.argsort(D.max(axis=0), kind="stable")[:_LP_COLUMNS]] = True
    while True:
        cols = np.flatnonzero(active)
        w, sub_belief = _dominance_lp(D[:, cols], strict=strict)
        if w is None:
            return None, None  # weak: infeasible on a subset, so on all
        adv = w @ D
        belief = None
        if sub_belief is not None:
            belief = np.zeros(c)
            belief[cols] = sub_belief
        level = float((w @ D[:, cols]).min()) if strict else 0.0
        if strict and level <= tol:
            return w, belief  # the restricted optimum is no dominance: the full one is not either
        violated = np.flatnonzero(~active & (adv < (level if strict else -tol)))
        if violated.size == 0:
            if strict or adv.max() > tol:
                return w, belief
            return _dominance_lp(D, strict=strict)
        worst = violated[np.argsort(adv[violated], kind="stable")[:_LP_COLUMNS]]
        active[worst] = True


def _dominance_lp(
    D: NDArray[np.float64], *, strict: bool
) -> tuple[NDArray[np.float64] | None, NDArray[np.float64] | None]:
    """One dominance LP over all columns of ``D``: optimal weights and (strict) the dual belief."""
    q, c = D.shape
    if strict:
        # variables (σ_1..σ_q, ε): max ε  s.t.  ε - Σ_k σ_k D[k, s] <= 0,  Σ σ = 1
        cost = np.zeros(q + 1)
        cost[-1] = -1.0
        A_ub = np.hstack([-D.T, np.ones((c, 1))])
        A_eq = np.ones((1, q + 1))
        A_eq[0, -1] = 0.0
        bounds = [(0.0, None)] * q + [(None, None)]
    else:
        # max Σ_s Σ_k σ_k D[k, s]  s.t.  Σ_k σ_k D[k, s] >= 0 for all s,  Σ σ = 1
        cost = -D.sum(axis=1)
        A_ub = -D.T
        A_eq = np.ones((1, q))
        bounds = [(0.0, None)] * q
    # HiGHS' presolve costs more than it saves on these small dense LPs (about 2x)
    res = linprog(
        cost,
        A_ub=A_ub,
        b_ub=np.zeros(c),
        A_eq=A_eq,
        b_eq=[1.0],
        bounds=bounds,
        method="highs",
        options={"presolve": False},
    )
    if res.status == 2:
        return None, None
    if res.status != 0 or res.x is None:
        raise SolverError(f"the dominance LP failed: HiGHS status {res.status}: {res.message}")
    belief = None
    if strict:
        # the duals of the rows ε <= σ·D[:, s] form a belief over opponent profiles against
        # which no mixture beats j by more than ε*
        y = -np.asarray(res.ineqlin.marginals, dtype=np.float64)
        y = np.clip(y, 0.0, None)
        if y.sum() > 0:
            belief = y / y.sum()
    w = np.clip(np.asarray(res.x[:q], dtype=np.float64), 0.0, None)
    w[w < 1e-12] = 0.0
    total = w.sum()
    if not total > 0:
        raise SolverError("the dominance LP returned an all-zero mixture")
    return w / total, belief


# ====================================================================== exact certificates
def _exact_dominator(
    Dint: NDArray[Any], weights: NDArray[np.float64], D: NDArray[np.float64], *, strict: bool
) -> tuple[dict[int, Fraction], Fraction, Fraction] | None:
    """Prove a float mixed dominator in rationals.

    Tries rationalised weights with small denominators, then the LP vertex
    rebuilt exactly from its support and tight constraints, then (strict
    only) the float weights converted exactly. Returns ``(weights, margin,
    max advantage)`` in integer payoff units, or ``None``.
    """
    support = np.flatnonzero(weights > 0)
    tried: list[dict[int, Fraction]] = []
    for limit in _DENOMINATORS:
        tried.append({int(k): Fraction(float(weights[k])).limit_denominator(limit) for k in support})
    vertex = _exact_vertex(Dint, weights, D, strict=strict)
    if vertex is not None:
        tried.append(vertex)
    if strict:
        tried.append({int(k): Fraction(float(weights[k])) for k in support})
    for cand in tried:
        checked = _check_exact(Dint, cand, strict=strict)
        if checked is not None:
            return checked
    return None


def _check_exact(
    Dint: NDArray[Any], cand: dict[int, Fraction], *, strict: bool
) -> tuple[dict[int, Fraction], Fraction, Fraction] | None:
    cand = {k: p for k, p in cand.items() if p > 0}
    total = sum(cand.values(), Fraction(0))
    if not cand or total <= 0:
        return None
    probs = {k: p / total for k, p in cand.items()}
    den = math.lcm(*(p.denominator for p in probs.values()))
    keys = sorted(probs)
    nums = np.array([probs[k].numerator * (den // probs[k].denominator) for k in keys], dtype=object)
    adv = nums @ np.asarray(Dint[keys], dtype=object)  # integers: den × advantage
    low, high = min(adv), max(adv)
    if strict and not low > 0:
        return None
    if not strict and not (low >= 0 and high > 0):
        return None
    return probs, Fraction(int(low), den), Fraction(int(high), den)


def _exact_vertex(
    Dint: NDArray[Any], weights: NDArray[np.float64], D: NDArray[np.float64], *, strict: bool
) -> dict[int, Fraction] | None:
    """Rebuild the LP's optimal vertex in rationals from its support and tight rows."""
    support = np.flatnonzero(weights > 0)
    adv = weights @ D
    scale = max(1.0, float(np.abs(D).max(initial=0.0)))
    level = adv.min() if strict else 0.0
    tight = np.flatnonzero(adv <= level + 1e-9 * scale)
    r = support.size + (1 if strict else 0)
    if tight.size * r * r > 4_000_000:
        return None
    rows: list[list[Fraction]] = [
        [Fraction(1)] * support.size + ([Fraction(0)] if strict else []) + [Fraction(1)]
    ]
    for s in tight.tolist():
        row = [Fraction(int(Dint[k, s])) for k in support]
        if strict:
            row.append(Fraction(-1))
        row.append(Fraction(0))
        rows.append(row)
    sol = _solve_rational(rows, r)
    if sol is None:
        return None
    return {int(k): sol[t] for t, k in enumerate(support)}


def _solve_rational(rows: list[list[Fraction]], n: int) -> list[Fraction] | None:
    """One solution (free variables 0) of an augmented rational system, or ``None`` if inconsistent."""
    mat = [list(r) for r in rows]
    pivots: list[int] = []
    row = 0
    for col in range(n):
        piv = next((k for k in range(row, len(mat)) if mat[k][col] != 0), None)
        if piv is None:
            continue
        mat[row], mat[piv] = mat[piv], mat[row]
        inv = 1 / mat[row][col]
        mat[row] = [v * inv for v in mat[row]]
        for k in range(len(mat)):
            if k != row and mat[k][col] != 0:
                f = mat[k][col]
                mat[k] = [a - f * b for a, b in zip(mat[k], mat[row])]
        pivots.append(col)
        row += 1
        if row == len(mat):
            break
    if any(all(v == 0 for v in r[:n]) and r[n] != 0 for r in mat[row:]):
        return None
    sol = [Fraction(0)] * n
    for k, col in enumerate(pivots):
        sol[col] = mat[k][n]
    return sol


# ====================================================================== the reduced game
def _subgame(game: NormalFormGame, alive: list[NDArray[np.intp]]) -> NormalFormGame:
    """The game restricted to the alive strategies (exact payoffs and labels kept)."""
    index = np.ix_(np.arange(game.n_players), *alive)
    strategies = [[game.strategies[i][k] for k in a] for i, a in enumerate(alive)]
    ints = game.exact_integer_payoffs()
    payoffs: Any
    if ints is None:
        payoffs = game.payoffs[index]
    elif ints[1] == 1:
        payoffs = np.asarray(ints[0][index])
    else:
        values, scale = ints
        sub = np.asarray(values[index], dtype=object)
        payoffs = np.empty(sub.shape, dtype=object)
        payoffs.reshape(-1)[:] = [Fraction(int(v), scale) for v in sub.reshape(-1)]
    return NormalFormGame(payoffs, players=game.players, strategies=strategies, title=game.title)
