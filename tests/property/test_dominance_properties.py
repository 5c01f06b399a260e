"""Properties of iterated elimination on random games, ties and degenerate games included.

* every recorded dominance holds in the game of its round, exactly on exact games;
* no pure Nash equilibrium is lost to strict elimination;
* strict elimination ends in the same game whatever the order;
* the result is a fixed point: nothing left is dominated;
* exact and float arithmetic agree on integer games.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from games.normal_form import NormalFormGame
from solvers.dominance import dominated_strategies, iterated_elimination
from solvers.nash.pure import pure
from solvers.results import DominanceResult, Elimination
from tests.strategies import normal_form_games

exact_games = normal_form_games(
    min_players=1, max_players=3, max_strategies=4, max_profiles=48, payoffs="fraction"
)
int_games = normal_form_games(min_players=2, max_players=3, max_strategies=4, max_profiles=48, payoffs="int")


@st.composite
def planted_games(draw: st.DrawFn) -> NormalFormGame:
    """Integer games in which one strategy of player 1 is a mixture of others minus δ ∈ {0, 1/2, 1}.

    δ = 0 plants an exact tie (no strict dominance, perhaps weak); δ > 0 plants
    a strategy dominated by a mixture, often by no pure strategy.
    """
    game = draw(
        normal_form_games(min_players=2, max_players=3, max_strategies=4, max_profiles=48, payoffs="int")
    )
    if game.shape[0] < 3:
        return game
    pay = np.array(game.exact_payoffs, dtype=object)
    m = game.shape[0]
    target = draw(st.integers(0, m - 1))
    others = [k for k in range(m) if k != target]
    weights = draw(st.lists(st.integers(0, 3), min_size=m - 1, max_size=m - 1).filter(lambda w: sum(w) > 0))
    delta = draw(st.sampled_from([Fraction(0), Fraction(1, 2), Fraction(1)]))
    mix = sum(Fraction(w, sum(weights)) * pay[0][k] for w, k in zip(weights, others))
    pay[0][target] = mix - delta
    return NormalFormGame(pay, players=game.players, strategies=game.strategies)


def alive_before(result: DominanceResult, round_: int) -> list[list[int]]:
    game = result.game
    assert game is not None
    alive = [list(range(s)) for s in game.shape]
    for e in result.eliminations:
        if e.round >= round_:
            break
        alive[e.player_index].remove(e.strategy_index)
    return alive


def advantages(game: NormalFormGame, alive: list[list[int]], e: Elimination, exact: bool) -> list:
    """The dominator's advantage over the eliminated strategy at each remaining opponent profile."""
    i = e.player_index
    values = game.exact_payoffs if exact else game.payoffs
    sub = values[i][np.ix_(*alive)]
    rows = np.moveaxis(sub, i, 0).reshape(len(alive[i]), -1)
    local = {k: r for r, k in enumerate(alive[i])}
    labels = game.strategies[i]
    weights = e.exact_dominator if exact else e.dominator
    assert weights is not None
    mix = sum(p * rows[local[labels.index(lab)]] for lab, p in weights.items())
    return list(mix - rows[local[e.strategy_index]])


def check_certificates(result: DominanceResult, *, tol: float = 1e-9) -> None:
    game = result.game
    assert game is not None
    for e in result.eliminations:
        alive = alive_before(result, e.round)
        assert e.strategy_index in alive[e.player_index]
        assert all(game.strategies[e.player_index].index(lab) in alive[e.player_index] for lab in e.dominator)
        assert e.strategy not in e.dominator
        if e.exact:
            assert sum(e.exact_dominator.values()) == 1 and min(e.exact_dominator.values()) > 0
            adv = advantages(game, alive, e, exact=True)
            assert min(adv) == e.exact_margin
            assert (
                e.exact_margin > 0 if result.criterion == "strict" else (e.exact_margin >= 0 and max(adv) > 0)
            )
        else:
            adv = advantages(game, alive, e, exact=False)
            assert abs(min(adv) - e.margin) <= 1e-9
            assert e.margin > tol if result.criterion == "strict" else (e.margin >= -tol and max(adv) > tol)


@settings(max_examples=150)
@given(exact_games, st.booleans(), st.sampled_from(["simultaneous", "sequential"]))
def test_every_elimination_is_certified_exactly(game: NormalFormGame, strict: bool, order: str) -> None:
    result = iterated_elimination(game, strict=strict, order=order)
    assert result.exact, "every dominance on an exact game is proved in rationals"
    check_certificates(result)
    assert all(len(k) >= 1 for k in result.surviving)
    assert sum(map(len, result.surviving)) + len(result.eliminations) == sum(game.shape)


@settings(max_examples=200)
@given(planted_games(), st.booleans(), st.sampled_from(["simultaneous", "sequential"]))
def test_planted_mixed_dominance_is_found_and_certified(
    game: NormalFormGame, strict: bool, order: str
) -> None:
    result = iterated_elimination(game, strict=strict, order=order)
    assert result.exact
    check_certificates(result)
    assert result.reduced is not None
    assert dominated_strategies(result.reduced, strict=strict) == ()


@settings(max_examples=60)
@given(normal_form_games(min_players=2, max_players=3, max_strategies=4, max_profiles=48, payoffs="float"))
def test_float_certificates(game: NormalFormGame) -> None:
    for strict in (True, False):
        check_certificates(iterated_elimination(game, strict=strict))


@settings(max_examples=150)
@given(int_games)
def test_strict_elimination_keeps_every_pure_equilibrium(game: NormalFormGame) -> None:
    result = iterated_elimination(game)
    surviving = [set(k) for k in result.surviving]
    for profile in pure(game).equilibria.indices.tolist():
        assert all(a in surviving[i] for i, a in enumerate(profile))


@settings(max_examples=150)
@given(int_games)
def test_strict_elimination_is_order_independent_and_a_fixed_point(game: NormalFormGame) -> None:
    simultaneous = iterated_elimination(game)
    sequential = iterated_elimination(game, order="sequential")
    assert simultaneous.surviving == sequential.surviving
    assert simultaneous.complete and sequential.complete
    assert sequential.rounds == len(sequential.eliminations)
    assert simultaneous.reduced is not None
    assert dominated_strategies(simultaneous.reduced) == ()


@settings(max_examples=100)
@given(int_games, st.booleans())
def test_exact_and_float_agree_on_integer_games(game: NormalFormGame, strict: bool) -> None:
    exact = iterated_elimination(game, strict=strict)
    floats = iterated_elimination(game, strict=strict, exact=False)
    assert exact.surviving == floats.surviving
    assert [(e.player_index, e.strategy_index) for e in exact.eliminations] == [
        (e.player_index, e.strategy_index) for e in floats.eliminations
    ]


@settings(max_examples=100)
@given(int_games)
def test_weak_result_is_a_fixed_point(game: NormalFormGame) -> None:
    for order in ("simultaneous", "sequential"):
        result = iterated_elimination(game, strict=False, order=order)
        assert result.reduced is not None
        assert dominated_strategies(result.reduced, strict=False) == ()
        # weak elimination removes at least what strict elimination does in the first round
    first_strict = {(e.player_index, e.strategy_index) for e in dominated_strategies(game)}
    first_weak = {(e.player_index, e.strategy_index) for e in dominated_strategies(game, strict=False)}
    assert first_strict <= first_weak


def test_margin_units_follow_the_payoffs() -> None:
    # exact margins are in payoff units even when payoffs have a common denominator
    game = NormalFormGame.from_bimatrix(
        [[Fraction(1, 7), Fraction(2, 7)], [0, Fraction(1, 7)]], [[0, 0], [0, 0]]
    )
    (step,) = dominated_strategies(game)
    assert step.exact_margin == Fraction(1, 7) and abs(step.margin - 1 / 7) < 1e-15
