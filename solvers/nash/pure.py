"""All pure-strategy Nash equilibria of an n-player normal-form game, vectorised.

A pure profile ``a`` is an equilibrium when every player's payoff at ``a`` is
maximal along that player's own axis of the payoff array:
``u_i(a) = max_{b_i} u_i(b_i, a_{-i})`` for all ``i``. One ``max`` per player
over the payoff array and one comparison give a boolean array of equilibria;
no Python loop runs over profiles.

On exact games the comparison is exact (payoffs scaled to integers), so ties
of integer payoffs, the normal case in degenerate games, are never lost or
invented by rounding. On float games a profile is accepted when each player's
regret is at most ``tol``.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from games.normal_form import NormalFormGame
from solvers.results import EquilibriumSet, PureEquilibria

__all__ = ["pure"]


def pure(game: NormalFormGame, /, *, tol: float = 0.0, exact: bool | None = None) -> EquilibriumSet:
    """Every pure-strategy Nash equilibrium of ``game``.

    Parameters
    ----------
    game
        A normal-form game with any number of players.
    tol
        Regret tolerance for float games: a profile is accepted when no
        player gains more than ``tol`` by deviating. Ignored in exact mode.
    exact
        Compare payoffs exactly (rationals scaled to integers). Defaults to
        ``True`` when the game keeps exact payoffs.

    Returns
    -------
    EquilibriumSet
        ``scope="pure"`` and ``complete=True``: every pure equilibrium, in
        lexicographic order of strategy indices (player 1 slowest). Each carries
        its regret (0 in exact mode).

    Notes
    -----
    Cost: ``n`` maxima and comparisons over the ``n * prod(s_i)`` payoff
    entries; memory one boolean per profile. Guarantee: complete and sound on
    every game, degenerate ones included (games with ties may have many pure
    equilibria; all are returned, held compactly).

    Examples
    --------
    >>> from games.library import prisoners_dilemma
    >>> result = pure(prisoners_dilemma())
    >>> [e.pure_labels() for e in result]
    [('Defect', 'Defect')]
    """
    start = time.perf_counter()
    exact_ints = game.exact_integer_payoffs()
    use_exact = exact_ints is not None and (exact is None or exact)
    values: Any
    threshold: float
    if use_exact:
        assert exact_ints is not None
        values, _ = exact_ints
        threshold = 0
    else:
        values = game.payoffs
        threshold = tol
    n = game.n_players
    mask = np.ones(game.shape, dtype=bool)
    regret = np.zeros(game.shape, dtype=np.float64)
    for i in range(n):
        best = values[i].max(axis=i, keepdims=True)
        gap = best - values[i]
        mask &= gap <= threshold
        if use_exact:
            # exact gaps are integers scaled by a common factor: regret is exactly 0 on equilibria
            continue
        np.maximum(regret, gap, out=regret)
    indices = np.argwhere(mask)
    regrets = np.zeros(len(indices)) if use_exact else regret[mask]
    equilibria = PureEquilibria(game, indices, regrets)
    return EquilibriumSet(
        method="pure",
        parameters={"tol": 0.0 if use_exact else tol, "exact": use_exact},
        statistics={"profiles": game.n_profiles, "seconds": time.perf_counter() - start},
        game=game,
        equilibria=equilibria,
        complete=True,
        scope="pure",
    )
