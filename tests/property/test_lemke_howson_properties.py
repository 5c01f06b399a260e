"""Hypothesis: every Lemke–Howson path ends, and every returned profile is an equilibrium.

Float games (generic), small-integer games (ties everywhere: degenerate) and
rational games; every initial label; exact mode proves regret exactly 0.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from games.normal_form import NormalFormGame
from solvers.nash.lemke_howson import lemke_howson, lemke_howson_all
from tests.strategies import normal_form_games


def bimatrix(payoffs: str, max_strategies: int = 5) -> st.SearchStrategy[NormalFormGame]:
    return normal_form_games(
        min_players=2, max_players=2, max_strategies=max_strategies, payoffs=payoffs, labelled=False
    )


@settings(max_examples=150)
@given(bimatrix("float"))
def test_float_games_every_label(game: NormalFormGame) -> None:
    m, n = game.shape
    for label in range(m + n):
        result = lemke_howson(game, initial_label=label, race=1)
        assert len(result) == 1
        assert result[0].max_regret <= result.parameters["tol"]
        assert result.statistics["label"] == label


@settings(max_examples=150)
@given(bimatrix("int"))
def test_degenerate_integer_games_exact_every_label(game: NormalFormGame) -> None:
    m, n = game.shape
    for label in range(m + n):
        exact = lemke_howson(game, initial_label=label, race=1, exact=True)
        assert exact[0].exact_regret == 0
        assert exact[0].profile.exact is not None
        floating = lemke_howson(game, initial_label=label, race=1)
        assert floating[0].max_regret <= floating.parameters["tol"] or floating[0].exact_regret == 0


@settings(max_examples=60)
@given(bimatrix("fraction", max_strategies=4))
def test_rational_games_exact(game: NormalFormGame) -> None:
    result = lemke_howson(game, exact=True, race="all")
    assert result[0].exact_regret == 0


@settings(max_examples=80)
@given(bimatrix("int", max_strategies=4))
def test_lemke_howson_all_exact(game: NormalFormGame) -> None:
    deep = lemke_howson_all(game, exact=True)
    shallow = lemke_howson_all(game, exact=True, recursive=False)
    profiles = [e.profile.exact for e in deep]
    assert all(e.exact_regret == 0 for e in deep)
    assert len(set(profiles)) == len(profiles)
    assert {e.profile.exact for e in shallow} <= set(profiles)
    # every single-label run ends at one of the equilibria reached from the artificial one
    m, n = game.shape
    for label in range(m + n):
        one = lemke_howson(game, initial_label=label, race=1, exact=True)
        assert one[0].profile.exact in {e.profile.exact for e in shallow}


@settings(max_examples=40)
@given(st.integers(0, 2**32 - 1), st.integers(8, 40), st.integers(8, 40))
def test_random_larger_games(seed: int, m: int, n: int) -> None:
    rng = np.random.default_rng(seed)
    game = NormalFormGame.from_bimatrix(rng.random((m, n)), rng.random((m, n)))
    result = lemke_howson(game)
    assert result[0].max_regret <= result.parameters["tol"]
    degenerate = NormalFormGame.from_bimatrix(rng.integers(0, 3, (m, n)), rng.integers(0, 3, (m, n)))
    assert lemke_howson(degenerate, exact=True)[0].exact_regret == 0
    assert lemke_howson(degenerate)[0].max_regret <= 1e-9 * 2
