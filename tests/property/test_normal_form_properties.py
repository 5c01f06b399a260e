"""Properties of NormalFormGame and pure equilibria on random (degenerate) games."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from games import MixedProfile, NormalFormGame
from solvers.nash import pure
from tests.strategies import distributions, normal_form_games


@settings(max_examples=150)
@given(normal_form_games(max_profiles=64), st.data())
def test_regret_is_nonnegative_and_zero_on_best_responses(game: NormalFormGame, data) -> None:
    sigma = [data.draw(distributions(s)) for s in game.shape]
    profile = MixedProfile(game, sigma)
    regrets = profile.regrets()
    assert np.all(regrets >= 0)
    # each player switching to a pure best response has no regret left
    for i in range(game.n_players):
        br = game.best_responses(profile, i)[0]
        vec = [0] * game.shape[i]
        vec[br] = 1
        switched = list(sigma)
        switched[i] = vec
        assert game.regrets(switched)[i] <= 1e-9
    if game.is_exact:
        exact = profile.exact_regrets()
        np.testing.assert_allclose([float(r) for r in exact], regrets, atol=1e-6 * (1 + np.abs(game.payoffs).max()))


@settings(max_examples=200)
@given(normal_form_games(max_profiles=64))
def test_pure_equilibria_are_exactly_the_zero_regret_pure_profiles(game: NormalFormGame) -> None:
    result = pure(game)
    found = {tuple(int(x) for x in row) for row in result.equilibria.indices}
    expected = set()
    for profile in game.iter_profiles():
        p = MixedProfile.pure(game, profile)
        regret = max(p.exact_regrets()) if game.is_exact else p.max_regret()
        if regret == 0:
            expected.add(profile)
    assert found == expected
    assert all(e.max_regret == 0 for e in result)


@settings(max_examples=100)
@given(normal_form_games(max_profiles=64))
def test_relabelling_players_permutes_equilibria(game: NormalFormGame) -> None:
    n = game.n_players
    perm = list(reversed(range(n)))
    permuted = NormalFormGame(
        np.transpose(game.payoffs[perm], axes=[0] + [1 + p for p in perm]),
        players=[game.players[p] for p in perm],
        strategies=[game.strategies[p] for p in perm],
    )
    ours = {tuple(row) for row in pure(game, tol=1e-12).equilibria.indices.tolist()}
    theirs = {tuple(row[perm.index(i)] for i in range(n)) for row in pure(permuted, tol=1e-12).equilibria.indices.tolist()}
    assert ours == theirs
