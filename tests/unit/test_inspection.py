"""negotiate.inspection.describe: the facts `negotiate inspect` prints."""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings

from games.extensive_form import ExtensiveFormGame
from games.normal_form import NormalFormGame
from negotiate.inspection import describe
from tests.strategies import extensive_form_games, normal_form_games


def entry_deterrence() -> ExtensiveFormGame:
    g = ExtensiveFormGame(["Entrant", "Incumbent"], title="Entry")
    out, enter = g.set_decision(g.root, 0, ["Out", "In"])
    g.set_terminal(out, [0, 2])
    fight, accommodate = g.set_decision(enter, 1, ["Fight", "Accommodate"])
    g.set_terminal(fight, [-1, -1])
    g.set_terminal(accommodate, [1, 1])
    return g


def card_game() -> ExtensiveFormGame:
    """Chance deals High or Low (1/3, 2/3); player 1 sees it, player 2 does not.

    Player 1 bets or folds (folding ends the game); after a bet player 2 calls
    or passes without knowing the card. Zero-sum, with a fraction payoff.
    """
    g = ExtensiveFormGame(["P1", "P2"], title="card")
    high, low = g.set_chance(g.root, {"High": Fraction(1, 3), "Low": Fraction(2, 3)})
    for node, card, win in ((high, "H", 1), (low, "L", -1)):
        fold, bet = g.set_decision(node, "P1", ["Fold", "Bet"], infoset=card)
        g.set_terminal(fold, [Fraction(-1, 2), Fraction(1, 2)])
        call, pass_ = g.set_decision(bet, "P2", ["Call", "Pass"], infoset="after bet")
        g.set_terminal(call, [2 * win, -2 * win])
        g.set_terminal(pass_, [1, -1])
    return g


def forgetful() -> ExtensiveFormGame:
    """Player 1 moves twice and forgets the first move: no perfect recall."""
    g = ExtensiveFormGame(["Alice"])
    left, right = g.set_decision(g.root, 0, ["L", "R"])
    for node in (left, right):
        a, b = g.set_decision(node, 0, ["a", "b"], infoset="forgot")
        g.set_terminal(a, [1])
        g.set_terminal(b, [0])
    return g


@pytest.mark.parametrize(
    ("A", "B", "facts"),
    [
        pytest.param(
            [[3, 0], [5, 1]],
            [[3, 5], [0, 1]],
            {"symmetric": True, "zero_sum": False, "constant_sum": False},
            id="prisoners-dilemma",
        ),
        pytest.param(
            [[1, -1], [-1, 1]],
            [[-1, 1], [1, -1]],
            {"symmetric": False, "zero_sum": True, "constant_sum": True},
            id="matching-pennies",
        ),
        pytest.param(
            [[3, 1], [2, 4]],
            [[2, 4], [3, 1]],
            {"symmetric": False, "zero_sum": False, "constant_sum": True},
            id="constant-sum-5",
        ),
    ],
)
def test_normal_form_properties(A, B, facts) -> None:
    info = describe(NormalFormGame.from_bimatrix(A, B, players=["R", "C"]))
    assert {k: info[k] for k in facts} == facts
    assert info["kind"] == "normal"
    assert info["players"] == ["R", "C"]
    assert info["shape"] == [2, 2]
    assert info["profiles"] == 4 and info["payoff_entries"] == 8
    assert info["exact"] is True


def test_normal_form_exact_payoff_range_and_labels() -> None:
    payoffs = np.empty((3, 2, 1, 3), dtype=object)
    payoffs[...] = Fraction(1, 3)
    payoffs[0, 1, 0, 2] = Fraction(-7, 2)
    payoffs[2, 0, 0, 0] = 5
    game = NormalFormGame(
        payoffs, players=["a", "b", "c"], strategies=[["x", "y"], ["only"], ["p", "q", "r"]], title="three"
    )
    info = describe(game)
    assert info["title"] == "three"
    assert info["strategies"] == {"a": ["x", "y"], "b": ["only"], "c": ["p", "q", "r"]}
    assert info["shape"] == [2, 1, 3] and info["profiles"] == 6 and info["payoff_entries"] == 18
    assert info["payoffs"] == {"min": ["-7/2", "1/3", "1/3"], "max": ["1/3", "1/3", 5]}
    assert info["symmetric"] is False


def test_float_game_is_not_exact_and_ranges_are_floats() -> None:
    game = NormalFormGame.from_bimatrix(np.array([[0.5, 1.25]]), np.array([[0.1, 0.2]]))
    info = describe(game)
    assert info["exact"] is False
    assert info["payoffs"] == {"min": [0.5, 0.1], "max": [1.25, 0.2]}


def test_symmetric_three_player_game() -> None:
    # payoff = number of others choosing the same strategy: symmetric
    def payoff(profile):
        return [sum(1 for j, t in enumerate(profile) if j != i and t == s) for i, s in enumerate(profile)]

    info = describe(NormalFormGame.from_function(payoff, [2, 2, 2]))
    assert info["symmetric"] is True and info["n_players"] == 3


def test_extensive_perfect_information() -> None:
    info = describe(entry_deterrence())
    assert info["kind"] == "extensive"
    assert info["nodes"] == {"total": 5, "decision": 2, "chance": 0, "terminal": 3}
    assert info["depth"] == 2
    assert info["information_sets"] == {
        "Entrant": {"count": 1, "actions": 2},
        "Incumbent": {"count": 1, "actions": 2},
    }
    assert info["perfect_information"] is True and info["perfect_recall"] is True
    assert info["payoffs"] == {"min": [-1, -1], "max": [1, 2]}
    assert info["zero_sum"] is False and info["constant_sum"] is False
    assert info["reduced_normal_form"] == {"shape": [2, 2], "profiles": 4}
    assert "symmetric" not in info


def test_extensive_chance_and_imperfect_information() -> None:
    info = describe(card_game())
    assert info["nodes"] == {"total": 11, "decision": 4, "chance": 1, "terminal": 6}
    assert info["depth"] == 3
    assert info["information_sets"] == {
        "P1": {"count": 2, "actions": 4},
        "P2": {"count": 1, "actions": 2},
        "chance": {"count": 1, "actions": 2},
    }
    assert info["perfect_information"] is False
    assert info["perfect_recall"] is True
    assert info["exact"] is True
    assert info["zero_sum"] is True and info["constant_sum"] is True
    assert info["payoffs"] == {"min": [-2, -2], "max": [2, 2]}
    # P1 picks at two independent information sets (2×2 plans); P2 has one set
    assert info["reduced_normal_form"] == {"shape": [4, 2], "profiles": 8}


def test_extensive_reduced_count_skips_unreachable_choices() -> None:
    # P1: Out ends the game, In leads to a second choice of P1 (3 reduced plans, 4 unreduced)
    g = ExtensiveFormGame(["P1", "P2"])
    out, enter = g.set_decision(g.root, 0, ["Out", "In"])
    g.set_terminal(out, [0, 0])
    x, y = g.set_decision(enter, 1, ["x", "y"])
    for node in (x, y):
        a, b = g.set_decision(node, 0, ["a", "b"], infoset=f"after {node}")
        g.set_terminal(a, [1, 0])
        g.set_terminal(b, [0, 1])
    # P1: Out, or In then one of 2×2 choices at the two sets after P2's move: 1 + 4 = 5
    assert describe(g)["reduced_normal_form"]["shape"] == [5, 2]


def test_no_perfect_recall_is_reported_and_not_counted() -> None:
    info = describe(forgetful())
    assert info["perfect_recall"] is False
    assert info["reduced_normal_form"]["shape"] is None
    assert "perfect recall" in info["reduced_normal_form"]["reason"]


def test_huge_reduced_normal_form_is_counted_not_built(wide_tree: ExtensiveFormGame) -> None:
    info = describe(wide_tree)
    reduced = info["reduced_normal_form"]
    assert reduced["shape"] == [2**40, 1]
    assert reduced["profiles"] == 2**40
    assert "too_large" in reduced
    json.dumps(info)


@settings(max_examples=40)
@given(normal_form_games(max_profiles=64))
def test_describe_normal_form_is_json_safe_and_consistent(game: NormalFormGame) -> None:
    info = describe(game)
    assert json.loads(json.dumps(info)) == info
    assert info["shape"] == list(game.shape)
    assert info["profiles"] == game.n_profiles
    assert info["exact"] == game.is_exact
    lo = [Fraction(v) if isinstance(v, str) else v for v in info["payoffs"]["min"]]
    hi = [Fraction(v) if isinstance(v, str) else v for v in info["payoffs"]["max"]]
    for i in range(game.n_players):
        assert float(lo[i]) == pytest.approx(game.payoffs[i].min())
        assert float(hi[i]) == pytest.approx(game.payoffs[i].max())


@settings(max_examples=40)
@given(extensive_form_games(max_nodes=40))
def test_describe_extensive_form_is_json_safe_and_counts_nodes(game: ExtensiveFormGame) -> None:
    info = describe(game)
    assert json.loads(json.dumps(info)) == info
    nodes = info["nodes"]
    assert nodes["total"] == game.n_nodes == nodes["decision"] + nodes["chance"] + nodes["terminal"]
    assert sum(v["count"] for v in info["information_sets"].values()) == len(game.infosets)
    assert info["perfect_recall"] is True  # the strategy builds games with perfect recall


@settings(max_examples=25)
@given(extensive_form_games(max_nodes=30, max_players=2))
def test_reduced_normal_form_size_matches_the_built_one(game: ExtensiveFormGame) -> None:
    reduced = describe(game)["reduced_normal_form"]
    built = game.to_normal_form()
    assert reduced["shape"] == list(built.shape)
    assert reduced["profiles"] == built.n_profiles


def test_kuhn_poker_from_the_library() -> None:
    from games.library import kuhn_poker

    info = describe(kuhn_poker())
    assert info["reduced_normal_form"]["shape"] == [27, 64]
    assert info["zero_sum"] is True and info["perfect_recall"] is True
    assert info["information_sets"]["chance"]["count"] >= 1
