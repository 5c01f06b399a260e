"""Properties of the correlated-equilibrium LP on random games (ties and degenerate games included).

* the result is a distribution and its certificate is within tolerance, exactly 0 in exact mode
  whenever the rationalised distribution is proved;
* every pure Nash equilibrium is a correlated equilibrium, so the optimum is at least as good;
* coarse correlated equilibria contain correlated ones: the coarse optimum is at least as good;
* max-min is never below the smallest payoff at any pure Nash equilibrium.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from games.normal_form import NormalFormGame
from solvers.correlated import coarse_correlated_equilibrium, correlated_equilibrium, incentive_violation
from solvers.nash.pure import pure
from tests.strategies import normal_form_games

games = normal_form_games(min_players=2, max_players=3, max_strategies=4, max_profiles=36, payoffs="int")
float_games = normal_form_games(
    min_players=2, max_players=3, max_strategies=4, max_profiles=36, payoffs="float"
)


def tolerance(game: NormalFormGame) -> float:
    return 1e-8 * max(1.0, float(np.abs(game.payoffs).max()))


@settings(max_examples=80)
@given(games, st.sampled_from(["welfare", "max-min"]))
def test_certificate_and_exact_proof(game: NormalFormGame, objective: str) -> None:
    ce = correlated_equilibrium(game, objective=objective, exact=True)
    x = ce.distribution
    assert x.shape == game.shape and (x >= 0).all() and abs(x.sum() - 1) <= 1e-12
    assert ce.max_violation <= tolerance(game)
    assert ce.max_violation == incentive_violation(game, x)
    assert ce.exact_distribution is not None and sum(ce.exact_distribution.reshape(-1)) == 1
    assert ce.exact_violation == incentive_violation(game, ce.exact_distribution)
    assert ce.exact, f"small integer games have small-denominator vertices: {ce.exact_violation}"


@settings(max_examples=80)
@given(games)
def test_nash_equilibria_are_correlated_and_bounded_by_the_optimum(game: NormalFormGame) -> None:
    best = correlated_equilibrium(game)
    fair = correlated_equilibrium(game, objective="max-min")
    for profile in pure(game).equilibria.indices.tolist():
        x = np.zeros(game.shape)
        x[tuple(profile)] = 1.0
        assert incentive_violation(game, x) == 0.0
        pay = game.payoffs[(slice(None), *profile)]
        assert best.welfare >= pay.sum() - 1e-7
        assert fair.objective_value >= pay.min() - 1e-7


@settings(max_examples=60)
@given(float_games)
def test_coarse_contains_correlated(game: NormalFormGame) -> None:
    ce = correlated_equilibrium(game)
    cce = coarse_correlated_equilibrium(game)
    assert cce.max_violation <= tolerance(game)
    assert incentive_violation(game, ce.distribution, coarse=True) <= tolerance(game) * 10
    assert cce.welfare >= ce.welfare - 1e-6 * max(1.0, abs(ce.welfare))


@settings(max_examples=60)
@given(games, st.lists(st.integers(-3, 3), min_size=3, max_size=3))
def test_weighted_objective_is_optimal_among_pure_equilibria(
    game: NormalFormGame, weights: list[int]
) -> None:
    w = np.array(weights[: game.n_players], dtype=float)
    ce = correlated_equilibrium(game, objective=w)
    assert ce.objective == "weights"
    assert abs(ce.objective_value - float(np.dot(w, ce.payoffs))) < 1e-9
    for profile in pure(game).equilibria.indices.tolist():
        assert ce.objective_value >= float(w @ game.payoffs[(slice(None), *profile)]) - 1e-7
