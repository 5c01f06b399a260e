"""solvers.dominance: iterated elimination by pure and mixed dominators, known answers and bad input."""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest

from games import NormalFormGame
from games.errors import GameTooLargeError, InvalidGameError, UnsupportedGameError
from games.library import matching_pennies, prisoners_dilemma
from solvers.dominance import dominated_strategies, iterated_elimination
from solvers.results import DominanceResult, Elimination


def steps(result: DominanceResult) -> list[tuple[int, str, str, str]]:
    return [(e.round, e.player, e.strategy, e.dominator_text()) for e in result.eliminations]


# ---------------------------------------------------------------------- games from the literature
def fudenberg_tirole() -> NormalFormGame:
    """Fudenberg & Tirole (1991), fig. 2.1: M is dominated by 1/2 U + 1/2 D, by no pure strategy."""
    return NormalFormGame.from_bimatrix(
        [[2, -1], [0, 0], [-1, 2]],
        [[0, 0], [0, 0], [0, 0]],
        strategies=[["U", "M", "D"], ["L", "R"]],
    )


def gibbons() -> NormalFormGame:
    """Gibbons (1992), section 1.1.B: Right, then Down, then Left fall; (Up, Middle) is left."""
    return NormalFormGame.from_bimatrix(
        [[1, 1, 0], [0, 0, 2]],
        [[0, 2, 1], [3, 1, 0]],
        strategies=[["Up", "Down"], ["Left", "Middle", "Right"]],
    )


def cournot(a: int = 12) -> NormalFormGame:
    """Linear Cournot duopoly on quantities 0..a, price a + 1/2 - Q (no ties between best replies).

    Dominance solvable (Moulin 1984); the Cournot-Nash quantity is the integer
    nearest (a + 1/2) / 3: 4 for a = 12.
    """
    q = np.arange(a + 1)
    price = Fraction(2 * a + 1, 2) - q[:, None] - q[None, :]
    profit = np.empty((a + 1, a + 1), dtype=object)
    profit[:] = [[int(q[i]) * price[i, j] for j in range(a + 1)] for i in range(a + 1)]
    labels = [str(k) for k in q]
    return NormalFormGame.from_bimatrix(profit, profit.T, strategies=[labels, labels])


def travellers_dilemma(low: int = 2, high: int = 100, reward: int = 2) -> NormalFormGame:
    """Basu (1994): claims low..high; the lower claim is paid to both, plus/minus the reward."""
    c = np.arange(low, high + 1)
    mine, theirs = c[:, None], c[None, :]
    a = np.where(mine == theirs, mine, np.where(mine < theirs, mine + reward, theirs - reward))
    labels = [str(k) for k in c]
    return NormalFormGame.from_bimatrix(a, a.T, strategies=[labels, labels])


def weak_order_game(rows: tuple[str, str, str] = ("T", "M", "B")) -> NormalFormGame:
    """Weak elimination depends on the order: T and B are both weakly dominated by M."""
    table = {"T": ([1, 0], [1, 0]), "M": ([1, 2], [1, 1]), "B": ([0, 2], [0, 1])}
    return NormalFormGame.from_bimatrix(
        [table[r][0] for r in rows], [table[r][1] for r in rows], strategies=[list(rows), ["L", "R"]]
    )


# ---------------------------------------------------------------------- known answers
def test_prisoners_dilemma_cooperate_is_eliminated() -> None:
    result = iterated_elimination(prisoners_dilemma())
    assert steps(result) == [
        (1, "Player 1", "Cooperate", "Defect"),
        (1, "Player 2", "Cooperate", "Defect"),
    ]
    assert result.solution == ("Defect", "Defect")
    assert result.complete and result.rounds == 1 and result.exact
    for e in result.eliminations:
        assert e.kind == "pure" and e.exact_margin == 1 and e.margin == 1.0
        assert e.dominator == {"Defect": 1.0}
    assert result.reduced is not None and result.reduced.strategies == (("Defect",), ("Defect",))
    assert result.reduced.payoff(("Defect", "Defect")) == (1.0, 1.0)


def test_mixed_dominator_fudenberg_tirole() -> None:
    result = iterated_elimination(fudenberg_tirole())
    (step,) = result.eliminations
    assert (step.strategy, step.kind) == ("M", "mixed")
    assert step.exact_dominator == {"U": Fraction(1, 2), "D": Fraction(1, 2)}
    assert step.exact_margin == Fraction(1, 2) and step.margin == pytest.approx(0.5)
    assert result.surviving_labels == (("U", "D"), ("L", "R"))
    # pure dominators only: nothing is dominated
    assert iterated_elimination(fudenberg_tirole(), mixed=False).eliminations == ()


def test_gibbons_three_rounds() -> None:
    result = iterated_elimination(gibbons())
    assert steps(result) == [
        (1, "Player 2", "Right", "Middle"),
        (2, "Player 1", "Down", "Up"),
        (3, "Player 2", "Left", "Middle"),
    ]
    assert result.solution == ("Up", "Middle")


def test_cournot_is_dominance_solvable() -> None:
    result = iterated_elimination(cournot(12))
    assert result.solution == ("4", "4")
    assert result.exact and result.complete
    assert len(result.eliminations) == 24
    # strict elimination is order independent: one at a time ends in the same place
    assert iterated_elimination(cournot(12), order="sequential").solution == ("4", "4")


def test_travellers_dilemma_by_weak_dominance() -> None:
    game = travellers_dilemma()
    weak = iterated_elimination(game, strict=False)
    assert weak.solution == ("2", "2")
    first = weak.eliminations[0]
    # 99 and 98 both weakly dominate 100; 98 gains more in total (5 against 3), so it is reported
    assert (first.strategy, first.dominator_text(), first.max_advantage) == ("100", "98", 3.0)
    assert first.exact_margin == 0  # weakly, not strictly, better
    assert weak.exact and len(weak.eliminations) == 2 * 98
    # no claim is strictly dominated
    assert iterated_elimination(game).eliminations == ()


def test_weak_dominance_depends_on_the_order() -> None:
    simultaneous = iterated_elimination(weak_order_game(), strict=False)
    assert simultaneous.surviving_labels == (("M",), ("L", "R"))
    sequential = iterated_elimination(weak_order_game(), strict=False, order="sequential")
    assert steps(sequential) == [(1, "Player 1", "T", "M"), (2, "Player 2", "L", "R")]
    assert sequential.surviving_labels == (("M", "B"), ("R",))
    reordered = iterated_elimination(weak_order_game(("B", "M", "T")), strict=False, order="sequential")
    assert reordered.surviving_labels == (("M", "T"), ("L",))
    # nothing is strictly dominated
    assert iterated_elimination(weak_order_game()).eliminations == ()


def test_weak_dominance_by_a_mixture_only() -> None:
    # 1/2 U + 1/2 D = (1, 1, 3/2) >= M = (1, 1, 1), better in the last column; no pure dominator
    game = NormalFormGame.from_bimatrix(
        [[2, 0, 2], [1, 1, 1], [0, 2, 1]],
        np.zeros((3, 3), dtype=int),
        strategies=[["U", "M", "D"], ["a", "b", "c"]],
    )
    assert dominated_strategies(game) == ()
    weak = [e for e in dominated_strategies(game, strict=False) if e.player_index == 0]
    (step,) = weak
    assert step.strategy == "M" and step.kind == "mixed"
    assert step.exact_dominator == {"U": Fraction(1, 2), "D": Fraction(1, 2)}
    assert step.exact_margin == 0 and step.max_advantage == pytest.approx(0.5)


def test_three_players_mixed_dominance_over_joint_profiles() -> None:
    # player 3's middle strategy is beaten by 1/2 first + 1/2 last at every (a1, a2)
    rng = np.random.default_rng(5)
    pay = rng.integers(0, 5, size=(3, 2, 2, 3)).astype(object)
    first, last = pay[2][:, :, 0], pay[2][:, :, 2]
    pay[2][:, :, 1] = (first + last) / Fraction(2) - Fraction(1, 3)
    game = NormalFormGame(pay, strategies=[["a", "b"], ["c", "d"], ["x", "y", "z"]])
    found = [e for e in dominated_strategies(game) if e.player_index == 2]
    assert [e.strategy for e in found] == ["y"]
    assert found[0].exact_margin is not None and found[0].exact_margin >= Fraction(1, 3)


def test_one_player_game() -> None:
    game = NormalFormGame([[3, 1, 2]], strategies=[["a", "b", "c"]])
    result = iterated_elimination(game)
    assert result.solution == ("a",)
    assert {e.strategy for e in result.eliminations} == {"b", "c"}


def test_matching_pennies_nothing_dominated() -> None:
    result = iterated_elimination(matching_pennies())
    assert result.eliminations == () and result.rounds == 0 and result.complete
    assert result.reduced == matching_pennies()


# ---------------------------------------------------------------------- exactness and floats
def test_exact_certificate_on_fractional_payoffs() -> None:
    third = Fraction(1, 3)
    game = NormalFormGame.from_bimatrix(
        [[1, 0], [third, third], [0, 1]], [[0, 0], [0, 0], [0, 0]], strategies=[["U", "M", "D"], ["L", "R"]]
    )
    (step,) = dominated_strategies(game)
    assert step.strategy == "M" and step.exact_margin == Fraction(1, 6)
    # float mode: the same strategy, a float certificate only
    (float_step,) = dominated_strategies(game, exact=False)
    assert float_step.strategy == "M" and float_step.exact_margin is None
    assert float_step.margin == pytest.approx(1 / 6)


def test_exact_ties_are_not_dominance() -> None:
    # M equals 1/2 U + 1/2 D exactly: not strictly dominated (a float LP would see ε ≈ 0)
    game = NormalFormGame.from_bimatrix(
        [[Fraction(3, 10), 0], [Fraction(1, 10) + Fraction(1, 20), Fraction(3, 20)], [0, Fraction(3, 10)]],
        [[0, 0], [0, 0], [0, 0]],
    )
    assert dominated_strategies(game) == ()
    assert [e.strategy for e in dominated_strategies(game, strict=False)] == []


def test_float_game_tolerance() -> None:
    pay = np.array([[[1.0, 1.0], [1.0 - 1e-12, 1.0 - 1e-12]], np.zeros((2, 2))])
    game = NormalFormGame(pay)
    assert [e.strategy for e in dominated_strategies(game, tol=0.0)] == ["2"]
    assert dominated_strategies(game, tol=1e-9) == ()


def test_exact_requires_exact_payoffs() -> None:
    game = NormalFormGame(np.array([[[0.5, 0.25]], [[0.0, 0.0]]]))
    with pytest.raises(UnsupportedGameError, match="exact payoffs"):
        iterated_elimination(game, exact=True)


# ---------------------------------------------------------------------- control and results
def test_max_rounds_and_dominated_strategies() -> None:
    one = iterated_elimination(gibbons(), max_rounds=1)
    assert not one.complete and one.rounds == 1
    assert [e.strategy for e in one.eliminations] == ["Right"]
    assert dominated_strategies(gibbons()) == one.eliminations


def test_timeout_returns_partial_result() -> None:
    result = iterated_elimination(cournot(12), timeout=0.0)
    assert result.status == "timeout" and not result.complete
    assert result.eliminations == ()


def test_reduced_game_keeps_exact_payoffs_and_labels() -> None:
    game = cournot(12)
    result = iterated_elimination(game, max_rounds=2)
    keep = result.surviving
    reduced = result.reduced
    assert reduced is not None and reduced.is_exact
    assert reduced.strategies == result.surviving_labels
    expected = game.exact_payoffs[np.ix_([0, 1], keep[0], keep[1])]
    assert (reduced.exact_payoffs == expected).all()


def test_result_conversions() -> None:
    result = iterated_elimination(fudenberg_tirole())
    data = json.loads(json.dumps(result.to_dict()))
    assert data["criterion"] == "strict" and data["exact"] is True and data["complete"] is True
    assert data["eliminations"][0]["dominator"] == {"U": "1/2", "D": "1/2"}
    assert data["surviving"] == {"Player 1": ["U", "D"], "Player 2": ["L", "R"]}
    frame = result.to_frame()
    assert list(frame["strategy"]) == ["M"] and list(frame["dominator"]) == ["1/2 U + 1/2 D"]
    assert "1 eliminated" in repr(result) and "fixed point" in repr(result)
    assert isinstance(result.eliminations[0], Elimination)
    assert "by 1/2 U + 1/2 D" in repr(result.eliminations[0])
    assert iterated_elimination(matching_pennies()).to_frame().empty


@pytest.mark.parametrize(
    ("options", "error", "match"),
    [
        pytest.param({"order": "random"}, InvalidGameError, "order must be one of", id="order"),
        pytest.param({"tol": -1.0}, InvalidGameError, "tol must be", id="tol"),
        pytest.param({"max_rounds": -1}, InvalidGameError, "max_rounds", id="rounds"),
        pytest.param({"max_lp_entries": 4}, GameTooLargeError, "dominance LP", id="lp-size"),
    ],
)
def test_bad_input(options, error, match) -> None:
    with pytest.raises(error, match=match):
        iterated_elimination(fudenberg_tirole(), **options)


def test_too_large_error_carries_an_estimate() -> None:
    with pytest.raises(GameTooLargeError) as info:
        iterated_elimination(fudenberg_tirole(), max_lp_entries=4)
    assert info.value.estimate["entries"] > 4
