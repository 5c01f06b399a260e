"""solvers.nash.pure: every pure equilibrium, exact on ties, vectorised."""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest

from games import InputError, NormalFormGame
from solvers.nash import METHODS, pure, solve


def labels_of(result) -> list[tuple[str, ...]]:
    return [e.pure_labels() for e in result]


@pytest.mark.parametrize(
    ("A", "B", "expected"),
    [
        pytest.param([[3, 0], [5, 1]], [[3, 5], [0, 1]], [("2", "2")], id="prisoners-dilemma"),
        pytest.param([[2, 0], [0, 1]], [[1, 0], [0, 2]], [("1", "1"), ("2", "2")], id="battle-of-the-sexes"),
        pytest.param([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], [], id="matching-pennies"),
        pytest.param([[0, 0], [0, 0]], [[0, 0], [0, 0]], [("1", "1"), ("1", "2"), ("2", "1"), ("2", "2")], id="all-ties"),
        pytest.param([[1, 1], [0, 1]], [[1, 1], [1, 0]], [("1", "1"), ("1", "2")], id="weak-ties"),
    ],
)
def test_textbook_pure_equilibria(A, B, expected) -> None:
    result = pure(NormalFormGame.from_bimatrix(A, B))
    assert labels_of(result) == expected
    assert result.complete and result.scope == "pure"
    for e in result:
        assert e.max_regret == 0.0
        assert e.exact_regret == 0
        assert e.exact


def test_exact_ties_not_lost_to_rounding() -> None:
    # 1/3 + 1/3 + 1/3 vs 1: equal exactly, unequal in floats if summed; here given directly
    third = Fraction(1, 3)
    g = NormalFormGame.from_bimatrix([[1, 0]], [[third * 3, Fraction(1, 1)]])
    assert len(pure(g)) == 2
    # 0.1 + 0.2 vs 0.3 in floats differs by 5.5e-17; exact says tie
    h = NormalFormGame.from_bimatrix([[0, 0]], [[Fraction(3, 10), Fraction(1, 10) + Fraction(2, 10)]])
    assert len(pure(h)) == 2


def test_float_tolerance() -> None:
    g = NormalFormGame(np.array([[[1.0, 0.0]], [[0.3, 0.1 + 0.2]]]))
    assert len(pure(g)) == 1  # 0.1 + 0.2 > 0.3 in floats
    assert len(pure(g, tol=1e-12)) == 2
    for e in pure(g, tol=1e-12):
        assert e.max_regret <= 1e-12


def test_three_player_game_against_brute_force() -> None:
    rng = np.random.default_rng(3)
    g = NormalFormGame(rng.integers(0, 3, size=(3, 3, 2, 4)))
    found = {tuple(int(x) for x in row) for row in pure(g).equilibria.indices}
    brute = set()
    for profile in g.iter_profiles():
        if all(
            g.payoffs[(i, *profile)]
            >= max(g.payoffs[(i, *profile[:i], b, *profile[i + 1 :])] for b in range(g.shape[i]))
            for i in range(3)
        ):
            brute.add(profile)
    assert found == brute


def test_ten_players_and_degenerate_million() -> None:
    rng = np.random.default_rng(0)
    g = NormalFormGame(rng.integers(0, 3, size=(10,) + (2,) * 10))
    result = pure(g)
    for e in result:
        assert g.max_regret(e.profile) == 0.0
    zero = NormalFormGame(np.zeros((2, 1000, 1000), dtype=np.int64))
    everything = pure(zero)
    assert len(everything) == 1_000_000
    assert everything[-1].pure_labels() == ("1000", "1000")
    frame = everything.to_frame()
    assert frame.shape == (1_000_000, 6)


def test_solve_registry_and_result_data() -> None:
    assert "pure" in METHODS
    g = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=["US", "JP"],
                                     strategies=[["tariff", "deal"], ["retaliate", "accept"]])
    result = solve(g, "pure")
    data = json.loads(json.dumps(result.to_dict()))
    assert data["count"] == 2 and data["complete"] is True
    assert data["equilibria"][0]["strategies"]["US"] == {"tariff": "1", "deal": "0"}
    assert data["equilibria"][1]["payoffs"] == {"US": 1.0, "JP": 2.0}
    frame = result.to_frame()
    assert list(frame["US"]) == ["tariff", "deal"]
    assert list(frame["payoff:JP"]) == [1.0, 2.0]
    assert "2 pure equilibria (complete)" in repr(result)
    with pytest.raises(InputError, match="unknown equilibrium method 'magic'.*pure"):
        solve(g, "magic")
