"""The reduced normal form: counts, enumeration, labels, payoffs, refusal."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest

from games.errors import GameTooLargeError, UnsupportedGameError
from games.extensive_form import ExtensiveFormGame
from games.library import entry_deterrence, kuhn_poker, leduc_poker, seltens_horse
from games.reduced_normal_form import (
    estimate_reduced_size,
    reduced_normal_form,
    reduced_strategies,
    reduced_strategy_counts,
)


def entry_with_second_move() -> ExtensiveFormGame:
    """The entrant may move again after entry is accommodated: its second set is excluded by Out."""
    g = ExtensiveFormGame(["Entrant", "Incumbent"])
    out, enter = g.set_decision(g.root, 0, ["Out", "In"], infoset="first")
    g.set_terminal(out, [0, 2])
    fight, accommodate = g.set_decision(enter, 1, ["Fight", "Accommodate"])
    g.set_terminal(fight, [-1, -1])
    stop, expand = g.set_decision(accommodate, 0, ["Stop", "Expand"], infoset="second")
    g.set_terminal(stop, [1, 1])
    g.set_terminal(expand, [Fraction(3, 2), Fraction(1, 2)])
    return g


def test_entry_deterrence_is_two_by_two() -> None:
    nf = entry_deterrence().to_normal_form()
    assert nf.players == ("Entrant", "Incumbent")
    assert nf.strategies == (("Out", "In"), ("Fight", "Accommodate"))
    assert nf.exact_payoffs is not None
    assert nf.exact_payoffs.tolist() == [[[0, 0], [-1, 1]], [[2, 2], [-1, 1]]]


def test_excluded_information_sets_are_starred() -> None:
    nf = entry_with_second_move().to_normal_form()
    assert nf.strategies[0] == ("Out-*", "In-Stop", "In-Expand")
    assert nf.exact_payoff(("Out-*", "Fight")) == (0, 2)
    assert nf.exact_payoff(("In-Expand", "Accommodate")) == (Fraction(3, 2), Fraction(1, 2))
    assert nf.exact_payoff(("In-Expand", "Fight")) == (-1, -1)


def test_colliding_labels_fall_back_to_action_numbers() -> None:
    g = ExtensiveFormGame(["A"])
    left, right = g.set_chance(g.root, [("l", Fraction(1, 2)), ("r", Fraction(1, 2))])
    kids_l = g.set_decision(left, 0, ["a-b", "a"])
    kids_r = g.set_decision(right, 0, ["c", "b-c"])
    for node, v in zip((*kids_l, *kids_r), (1, 2, 3, 4)):
        g.set_terminal(node, [v])
    nf = g.to_normal_form()
    assert nf.strategies == (("11", "12", "21", "22"),)
    assert nf.exact_payoffs is not None
    assert nf.exact_payoffs[0].tolist() == [2, Fraction(5, 2), Fraction(5, 2), 3]


def test_ten_actions_use_dotted_numbers() -> None:
    g = ExtensiveFormGame(["A"])
    left, right = g.set_chance(g.root, [("l", Fraction(1, 2)), ("r", Fraction(1, 2))])
    kids_l = g.set_decision(left, 0, [f"x{i}" for i in range(10)])
    kids_r = g.set_decision(right, 0, ["", "y"])
    for node in (*kids_l, *kids_r):
        g.set_terminal(node, [0])
    labels = g.to_normal_form().strategies[0]
    assert len(labels) == 20 and labels[0] == "1.1" and labels[-1] == "10.2"


def test_a_player_who_never_moves_has_one_strategy() -> None:
    g = ExtensiveFormGame(["Mover", "Bystander"])
    a, b = g.set_decision(g.root, 0, ["a", "b"])
    g.set_terminal(a, [1, 0])
    g.set_terminal(b, [0, 1])
    nf = g.to_normal_form()
    assert nf.shape == (2, 1) and nf.strategies[1] == ("*",)


def test_kuhn_poker_sizes_and_value() -> None:
    tree = kuhn_poker().compile()
    assert reduced_strategy_counts(tree) == (27, 64)
    nf = reduced_normal_form(tree)
    assert nf.shape == (27, 64) and nf.is_exact and nf.is_zero_sum()
    # the value of the zero-sum game, by linear programming over player 1's mixtures
    from scipy.optimize import linprog

    A = nf.payoffs[0]
    m, n = A.shape
    res = linprog(
        np.r_[np.zeros(m), -1.0],
        A_ub=np.hstack([-A.T, np.ones((n, 1))]),
        b_ub=np.zeros(n),
        A_eq=np.r_[np.ones(m), 0.0][None, :],
        b_eq=[1.0],
        bounds=[(0, None)] * m + [(None, None)],
    )
    assert res.status == 0
    assert res.x[-1] == pytest.approx(-1 / 18, abs=1e-9)


def test_seltens_horse_payoffs() -> None:
    nf = seltens_horse().to_normal_form()
    assert nf.strategies == (("D", "A"), ("d", "a"), ("L", "R"))
    assert nf.exact_payoff(("D", "a", "L")) == (3, 3, 2)
    assert nf.exact_payoff(("A", "d", "L")) == (4, 4, 0)
    assert nf.exact_payoff(("A", "d", "R")) == (0, 0, 1)
    assert nf.exact_payoff(("A", "a", "R")) == (1, 1, 1)


@pytest.mark.parametrize("build", [entry_deterrence, entry_with_second_move, seltens_horse, kuhn_poker])
def test_pure_plans_are_realization_plans(build) -> None:  # type: ignore[no-untyped-def]
    tree = build().compile()
    for p in range(tree.n_players):
        strategies = reduced_strategies(tree, p)
        E, e = tree.sequence_constraints(p)
        np.testing.assert_array_equal(
            E @ strategies.plans.T.astype(float), np.repeat(e[:, None], len(strategies), 1)
        )
        assert len(set(map(tuple, strategies.plans.tolist()))) == len(strategies)
        assert len(strategies) == reduced_strategy_counts(tree)[p]


def test_large_trees_are_refused_with_an_estimate() -> None:
    tree = leduc_poker()
    counts = reduced_strategy_counts(tree)
    assert counts[0] > 10**40 and counts[1] > 10**80
    with pytest.raises(GameTooLargeError, match="strategies") as err:
        reduced_normal_form(tree)
    assert err.value.estimate["strategies"] == counts
    assert err.value.estimate["profiles"] == math.prod(counts)


def test_budget_is_respected() -> None:
    tree = kuhn_poker().compile()
    est = estimate_reduced_size(tree)
    assert est["profiles"] == 27 * 64
    with pytest.raises(GameTooLargeError, match="limit"):
        reduced_normal_form(tree, max_bytes=est["bytes"] - 1)
    assert reduced_normal_form(tree, max_bytes=est["bytes"]).shape == (27, 64)


def test_imperfect_recall_is_unsupported() -> None:
    g = ExtensiveFormGame(["Forgetful"])
    left, right = g.set_decision(g.root, 0, ["L", "R"])
    a, b = g.set_decision(left, 0, ["l", "r"], infoset="again", infoset_label="second move")
    c, d = g.set_decision(right, 0, infoset="again")
    for node in (a, b, c, d):
        g.set_terminal(node, [0])
    with pytest.raises(UnsupportedGameError, match="second move"):
        g.to_normal_form()


def test_float_trees_give_float_games() -> None:
    g = ExtensiveFormGame(["A", "B"])
    x, y = g.set_chance(g.root, [("x", 0.25), ("y", 0.75)])
    a, b = g.set_decision(x, 0, ["a", "b"], infoset="A")
    c, d = g.set_decision(y, 0, infoset="A")
    for node, v in zip((a, b, c, d), (1.5, 2.0, 3.0, 4.0)):
        g.set_terminal(node, [v, -v])
    nf = g.to_normal_form()
    assert not nf.is_exact
    np.testing.assert_allclose(
        nf.payoffs[:, :, 0], [[2.625, 3.5], [-2.625, -3.5]]
    )  # 0.25 * 1.5 + 0.75 * 3, ...
