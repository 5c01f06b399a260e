"""Properties of support enumeration (and the zero-sum LP) on random games, degenerate ones included.

* every returned profile is an equilibrium: exact regret exactly 0 in exact
  mode, max regret within the tolerance in float mode;
* at least one equilibrium is found (every finite game has an extreme one);
* the pure equilibria are among the extreme equilibria;
* float mode on integer games finds the exact equilibria, to rounding;
* on zero-sum games every equilibrium pays the value the LP finds.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from games.normal_form import NormalFormGame
from solvers.nash.pure import pure
from solvers.nash.support_enumeration import support_enumeration
from solvers.nash.zero_sum_lp import zero_sum_lp
from tests.strategies import normal_form_games


def span(game: NormalFormGame) -> float:
    return max(float(np.ptp(game.payoffs[0])), float(np.ptp(game.payoffs[1])), 1.0)


@settings(max_examples=150)
@given(normal_form_games(min_players=2, max_players=2, max_strategies=5, payoffs="int"))
def test_exact_mode_has_zero_exact_regret(game: NormalFormGame) -> None:
    result = support_enumeration(game)
    assert result.parameters["exact"] is True
    assert result.complete and len(result) >= 1
    for e in result:
        assert e.exact_regret == 0
        assert e.max_regret <= 1e-12 * span(game)
    pure_found = {tuple(int(np.argmax(v)) for v in e.profile.strategies) for e in result if e.is_pure}
    assert pure_found == {tuple(int(i) for i in row) for row in pure(game).equilibria.indices}


@settings(max_examples=60)
@given(normal_form_games(min_players=2, max_players=2, max_strategies=4, payoffs="fraction"))
def test_fraction_payoffs_have_zero_exact_regret(game: NormalFormGame) -> None:
    result = support_enumeration(game)
    assert len(result) >= 1
    assert all(e.exact_regret == 0 for e in result)


@settings(max_examples=100)
@given(normal_form_games(min_players=2, max_players=2, max_strategies=5, payoffs="float"))
def test_float_mode_regret_within_tolerance(game: NormalFormGame) -> None:
    result = support_enumeration(game)
    assert result.parameters["exact"] is False
    assert len(result) >= 1
    for e in result:
        assert e.max_regret <= 1e-9 * span(game)


@settings(max_examples=80)
@given(normal_form_games(min_players=2, max_players=2, max_strategies=4, payoffs="int"))
def test_float_mode_finds_the_exact_equilibria_on_integer_games(game: NormalFormGame) -> None:
    exact = [np.concatenate(e.profile.strategies) for e in support_enumeration(game)]
    floats = [np.concatenate(e.profile.strategies) for e in support_enumeration(game, exact=False)]
    assert len(exact) == len(floats)
    for point in floats:
        assert min(np.abs(point - q).max() for q in exact) < 1e-9


@settings(max_examples=60)
@given(
    st.integers(1, 5),
    st.integers(1, 5),
    st.lists(st.integers(-4, 4), min_size=25, max_size=25),
)
def test_zero_sum_equilibria_all_pay_the_lp_value(m: int, n: int, values: list[int]) -> None:
    A = np.array(values[: m * n]).reshape(m, n)
    game = NormalFormGame.from_bimatrix(A)
    value = zero_sum_lp(game).statistics["value"]
    result = support_enumeration(game)
    assert len(result) >= 1
    for e in result:
        assert abs(e.payoffs[0] - value) <= 1e-9 * span(game)
