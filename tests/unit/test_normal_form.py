"""NormalFormGame: construction, payoffs, regret, properties, conversions."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from games import GameTooLargeError, InvalidGameError, MixedProfile, NormalFormGame, UnsupportedGameError

PD = NormalFormGame.from_bimatrix(
    [[3, 0], [5, 1]], [[3, 5], [0, 1]], players=["Row", "Col"], strategies=[["C", "D"], ["C", "D"]]
)


def test_bimatrix_shape_and_labels() -> None:
    assert PD.n_players == 2
    assert PD.shape == (2, 2)
    assert PD.payoffs.shape == (2, 2, 2)
    assert PD.players == ("Row", "Col")
    assert PD.payoff(("D", "C")) == (5.0, 0.0)
    assert PD.payoff((0, 1)) == (0.0, 5.0)
    assert PD.is_exact
    assert PD.exact_payoff(("C", "C")) == (Fraction(3), Fraction(3))


def test_payoffs_are_read_only() -> None:
    with pytest.raises(ValueError):
        PD.payoffs[0, 0, 0] = 7


@pytest.mark.parametrize(
    ("payoffs", "match"),
    [
        pytest.param([1, 2], "shape", id="one-dimensional"),
        pytest.param(np.zeros((3, 2, 2)), "dimensions", id="players-vs-dims"),
        pytest.param(np.zeros((2, 0, 2)), "at least one strategy", id="empty-strategy-set"),
        pytest.param([[[1, float("nan")], [0, 0]], [[0, 0], [0, 0]]], "finite", id="nan"),
        pytest.param([[["a", 1], [0, 0]], [[0, 0], [0, 0]]], "numbers", id="non-numeric"),
    ],
)
def test_invalid_payoffs(payoffs: object, match: str) -> None:
    with pytest.raises(InvalidGameError, match=match):
        NormalFormGame(payoffs)


def test_duplicate_and_miscounted_labels() -> None:
    with pytest.raises(InvalidGameError, match="duplicate strategy"):
        NormalFormGame(np.zeros((2, 2, 2)), strategies=[["a", "a"], ["x", "y"]])
    with pytest.raises(InvalidGameError, match="duplicate player"):
        NormalFormGame(np.zeros((2, 2, 2)), players=["p", "p"])
    with pytest.raises(InvalidGameError, match="3 labels"):
        NormalFormGame(np.zeros((2, 2, 2)), strategies=[["a", "b", "c"], ["x", "y"]])
    with pytest.raises(InvalidGameError, match="no strategy 'Z'"):
        PD.payoff(("Z", "C"))


def test_too_large_is_refused_before_allocation() -> None:
    with pytest.raises(GameTooLargeError) as info:
        NormalFormGame.from_function(lambda s: (0,) * 40, [2] * 40)
    assert info.value.estimate["profiles"] == 2**40
    assert "GiB" in str(info.value) or "TiB" in str(info.value)


def test_from_function_and_exactness() -> None:
    g = NormalFormGame.from_function(lambda s: (Fraction(s[0], 3), s[1] - s[2], 1), [2, 3, 2])
    assert g.shape == (2, 3, 2)
    assert g.exact_payoff((1, 2, 0)) == (Fraction(1, 3), Fraction(2), Fraction(1))
    assert g.payoffs[0, 1, 0, 0] == pytest.approx(1 / 3)
    floats = NormalFormGame(np.array([[[0.5, 1.0]], [[0.25, 0.0]]]))
    assert not floats.is_exact and floats.exact_payoffs is None
    forced = NormalFormGame(np.array([[[0.5, 0.1]], [[0.25, 0.0]]]), exact=True)
    assert forced.exact_payoffs[0, 0, 1] == Fraction(1, 10)


def test_from_function_wrong_arity() -> None:
    with pytest.raises(InvalidGameError, match="returned 1 values for 2 players"):
        NormalFormGame.from_function(lambda s: (0,), [2, 2])


def test_matching_pennies_regret_and_best_responses() -> None:
    mp = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    uniform = MixedProfile.uniform(mp)
    assert mp.max_regret(uniform) == 0.0
    assert mp.is_nash(uniform)
    assert uniform.exact_regrets() == (0, 0)
    pure = MixedProfile.pure(mp, (0, 0))
    # column player loses 1 and could win 1 by switching: regret 2
    np.testing.assert_allclose(mp.regrets(pure), [0.0, 2.0])
    assert mp.best_responses([[1, 0], [0.5, 0.5]], 0) == (0, 1)
    assert mp.best_responses([[1, 0], [0.5, 0.5]], 1) == (1,)
    dev = mp.deviation_payoffs([[0.25, 0.75], [1, 0]])
    np.testing.assert_allclose(dev[0], [1, -1])
    np.testing.assert_allclose(dev[1], [0.5, -0.5])


def test_three_player_expected_payoffs_match_brute_force() -> None:
    rng = np.random.default_rng(7)
    g = NormalFormGame(rng.normal(size=(3, 2, 3, 4)))
    sigma = [rng.dirichlet(np.ones(s)) for s in g.shape]
    brute = np.zeros(3)
    for profile in g.iter_profiles():
        prob = np.prod([sigma[i][a] for i, a in enumerate(profile)])
        brute += prob * g.payoffs[(slice(None), *profile)]
    np.testing.assert_allclose(g.expected_payoffs(sigma), brute)
    dev = g.deviation_payoffs(sigma)
    for i in range(3):
        np.testing.assert_allclose(dev[i] @ sigma[i], brute[i])


@pytest.mark.parametrize(
    ("game", "zero", "constant", "symmetric"),
    [
        pytest.param(PD, False, False, True, id="prisoners-dilemma"),
        pytest.param(NormalFormGame.from_bimatrix([[1, -1], [-1, 1]]), True, True, False, id="matching-pennies"),
        pytest.param(NormalFormGame.from_bimatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]]), True, True, True, id="rps"),
        pytest.param(NormalFormGame.from_bimatrix([[2, 1]], [[0, 1]]), False, True, False, id="constant-sum"),
    ],
)
def test_properties(game: NormalFormGame, zero: bool, constant: bool, symmetric: bool) -> None:
    assert game.is_zero_sum() is zero
    assert game.is_constant_sum() is constant
    assert game.is_symmetric() is symmetric


def test_three_player_symmetry() -> None:
    # u_i depends on own action and the number of others playing 1: symmetric
    def payoff(s: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(3 * s[i] + sum(s) - s[i] for i in range(3))

    assert NormalFormGame.from_function(payoff, [2, 2, 2]).is_symmetric()
    assert not NormalFormGame.from_function(lambda s: (s[0], 0, 0), [2, 2, 2]).is_symmetric()


def test_nashpy_round_trip() -> None:
    nashpy = pytest.importorskip("nashpy")
    ng = PD.to_nashpy()
    assert isinstance(ng, nashpy.Game)
    back = NormalFormGame.from_nashpy(ng)
    np.testing.assert_array_equal(back.payoffs, PD.payoffs)
    with pytest.raises(UnsupportedGameError, match="two-player"):
        NormalFormGame(np.zeros((3, 1, 1, 1))).to_nashpy()


def test_equality_and_repr() -> None:
    same = NormalFormGame(PD.exact_payoffs, players=PD.players, strategies=PD.strategies)
    assert same == PD
    assert PD != PD.with_labels(title="other title")
    assert PD.with_labels(players=["A", "B"]) != PD
    assert "2 players" in repr(PD)
    d = PD.to_dict()
    assert d["payoffs"][0][1][0] == "5"


def test_one_player_game() -> None:
    g = NormalFormGame([[1, 3, 2]])
    assert g.best_responses([[0, 0, 1]], 0) == (1,)
    assert g.max_regret([[0, 0, 1]]) == 1.0
