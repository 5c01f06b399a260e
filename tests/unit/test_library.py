"""The game library: known structure and known equilibria, certified by exact regret."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest

import games.library as library
from games.errors import GameTooLargeError, InvalidGameError
from games.game_tree import KIND_CHANCE, KIND_DECISION
from games.library import (
    MCKELVEY_MCLENNAN_EQUILIBRIA,
    battle_of_the_sexes,
    entry_deterrence,
    kuhn_poker,
    leduc_poker,
    matching_pennies,
    mckelvey_mclennan_2x2x2,
    prisoners_dilemma,
    rock_paper_scissors,
    seltens_horse,
    shapley_game,
)
from games.profiles import BehaviorProfile, MixedProfile

THIRD, HALF = F(1, 3), F(1, 2)

EQUILIBRIA: list[Any] = [
    pytest.param(prisoners_dilemma, [[0, 1], [0, 1]], id="pd-defect"),
    pytest.param(battle_of_the_sexes, [[1, 0], [1, 0]], id="bos-opera"),
    pytest.param(battle_of_the_sexes, [[0, 1], [0, 1]], id="bos-football"),
    pytest.param(battle_of_the_sexes, [[F(2, 3), THIRD], [THIRD, F(2, 3)]], id="bos-mixed"),
    pytest.param(matching_pennies, [[HALF, HALF], [HALF, HALF]], id="pennies"),
    pytest.param(rock_paper_scissors, [[THIRD] * 3, [THIRD] * 3], id="rps"),
    pytest.param(shapley_game, [[THIRD] * 3, [THIRD] * 3], id="shapley"),
    *[
        pytest.param(mckelvey_mclennan_2x2x2, [[q, 1 - q] for q in eq], id=f"mm-{k}")
        for k, eq in enumerate(MCKELVEY_MCLENNAN_EQUILIBRIA)
    ],
]

NOT_EQUILIBRIA: list[Any] = [
    pytest.param(prisoners_dilemma, [[1, 0], [1, 0]], id="pd-cooperate"),
    pytest.param(battle_of_the_sexes, [[1, 0], [0, 1]], id="bos-miscoordinate"),
    pytest.param(shapley_game, [[1, 0, 0], [1, 0, 0]], id="shapley-pure"),
    pytest.param(mckelvey_mclennan_2x2x2, [[HALF, HALF]] * 3, id="mm-uniform"),
]


@pytest.mark.parametrize(("build", "profile"), EQUILIBRIA)
def test_known_equilibria_have_zero_exact_regret(build: Callable[[], Any], profile: list[list[Any]]) -> None:
    assert MixedProfile(build(), profile).exact_regrets() == (0,) * len(profile)


@pytest.mark.parametrize(("build", "profile"), NOT_EQUILIBRIA)
def test_non_equilibria_have_positive_regret(build: Callable[[], Any], profile: list[list[Any]]) -> None:
    assert max(MixedProfile(build(), profile).exact_regrets()) > 0


def test_normal_form_shapes_and_properties() -> None:
    assert prisoners_dilemma().payoff(("Cooperate", "Defect")) == (0.0, 5.0)
    assert matching_pennies().is_zero_sum() and rock_paper_scissors().is_zero_sum()
    assert rock_paper_scissors().is_symmetric() and prisoners_dilemma().is_symmetric()
    assert mckelvey_mclennan_2x2x2().shape == (2, 2, 2)
    assert mckelvey_mclennan_2x2x2().exact_payoff((0, 0, 0)) == (9, 8, 12)
    assert len(set(MCKELVEY_MCLENNAN_EQUILIBRIA)) == 9
    for build in (
        prisoners_dilemma,
        battle_of_the_sexes,
        matching_pennies,
        rock_paper_scissors,
        shapley_game,
    ):
        assert build().is_exact


def test_every_game_cites_its_source() -> None:
    for name in library.__all__:
        obj = getattr(library, name)
        if callable(obj):
            doc = inspect.getdoc(obj) or ""
            assert "References" in doc, name


# ---------------------------------------------------------------------- extensive form
def test_entry_deterrence_equilibria() -> None:
    game = entry_deterrence()
    assert BehaviorProfile(game, [[0, 1], [0, 1]]).exact_regrets() == (0, 0)  # subgame perfect
    assert BehaviorProfile(game, [[1, 0], [HALF, HALF]]).exact_regrets() == (0, 0)  # threat, fight ≥ 1/2
    assert BehaviorProfile(game, [[1, 0], [F(1, 3), F(2, 3)]]).exact_regrets()[0] > 0


def test_seltens_horse_equilibria() -> None:
    game = seltens_horse()

    def profile(p1_down: F, p2_down: F, p3_left: F) -> BehaviorProfile:
        return BehaviorProfile(
            game,
            {
                "Player 1": [p1_down, 1 - p1_down],
                "Player 2": [p2_down, 1 - p2_down],
                "Player 3": [p3_left, 1 - p3_left],
            },
        )

    assert profile(F(0), F(0), F(1, 4)).exact_regrets() == (0, 0, 0)  # perfect component: L ≤ 1/4
    assert profile(F(0), F(0), F(0)).exact_regrets() == (0, 0, 0)
    assert profile(F(1), F(0), F(1)).exact_regrets() == (0, 0, 0)  # D, a, L: not perfect
    assert profile(F(1), F(2, 3), F(1)).exact_regrets() == (0, 0, 0)  # a with probability 1/3 still deters
    assert max(profile(F(1), F(1), F(1)).exact_regrets()) > 0
    assert max(profile(F(0), F(0), F(1, 3)).exact_regrets()) > 0  # player 2 would go down
    tree = game.compile()
    assert (
        tree.has_perfect_recall()
        and tree.nodes_of(int(np.flatnonzero(tree.infoset_player == 2)[0])).size == 2
    )


def test_kuhn_poker_structure_and_value() -> None:
    game = kuhn_poker()
    assert game.is_exact
    tree = game.compile()
    assert (tree.n_nodes, tree.decision_infosets.size, tree.terminal_indices.size) == (58, 12, 30)
    assert int(np.sum(tree.kind == KIND_CHANCE)) == 4 and int(np.sum(tree.kind == KIND_DECISION)) == 24
    assert sorted(tree.infoset_labels[h] for h in tree.player_infosets(0)) == sorted(
        ["J", "Q", "K", "J:cb", "Q:cb", "K:cb"]
    )
    nf = game.to_normal_form()
    assert nf.shape == (27, 64)
    equilibrium = BehaviorProfile(
        game,
        {
            "J": [1, 0], "Q": [1, 0], "K": [1, 0], "J:cb": [1, 0], "Q:cb": [F(2, 3), THIRD], "K:cb": [0, 1],
            "J:c": [F(2, 3), THIRD], "Q:c": [1, 0], "K:c": [0, 1], "J:b": [1, 0], "Q:b": [F(2, 3), THIRD],
            "K:b": [0, 1],
        },
    )  # fmt: skip
    assert equilibrium.exact_payoffs()[0] == F(-1, 18)
    assert equilibrium.exact_regrets() == (0, 0)


def test_leduc_poker_structure() -> None:
    tree = leduc_poker()
    assert (tree.n_nodes, tree.terminal_indices.size) == (9457, 5520)
    assert int(np.sum(tree.kind == KIND_CHANCE)) == 157
    assert [tree.player_infosets(p).size for p in range(2)] == [468, 468]
    assert tree.is_exact and tree.has_perfect_recall()
    term = tree.terminal_indices
    np.testing.assert_array_equal(tree.payoffs[term].sum(axis=1), 0)
    assert tree.payoffs[term, 0].max() == 13  # ante 1 + two raises of 2 + two raises of 4
    assert set(tree.exact_chance_reach()[term]) == {F(1, 30), F(1, 120)}  # folds in round 1, and later
    profile = BehaviorProfile.uniform(tree)
    np.testing.assert_allclose(profile.payoffs().sum(), 0.0, atol=1e-12)
    assert {"Ks:", "Ks:cr", "Ks/Jh:cc/", "Ks/Jh:rc/r"} <= set(tree.infoset_labels)


@pytest.mark.parametrize(
    "kwargs",
    [{"raises_per_round": 1}, {"ranks": 4}, {"suits": 1, "ranks": 4}, {"bets": (1, 3), "ante": 0}],
    ids=str,
)
def test_leduc_variants_are_valid(kwargs: dict[str, Any]) -> None:
    tree = leduc_poker(**kwargs)
    assert tree.has_perfect_recall()
    np.testing.assert_array_equal(tree.payoffs[tree.terminal_indices].sum(axis=1), 0)
    np.testing.assert_allclose(BehaviorProfile.uniform(tree).payoffs().sum(), 0.0, atol=1e-12)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"ranks": 0},
        {"ranks": 14},
        {"suits": 5},
        {"ranks": 1, "suits": 2},
        {"raises_per_round": 0},
        {"bets": (0, 4)},
    ],
    ids=str,
)
def test_leduc_rejects_bad_parameters(kwargs: dict[str, Any]) -> None:
    with pytest.raises(InvalidGameError):
        leduc_poker(**kwargs)


def test_leduc_respects_the_node_limit() -> None:
    with pytest.raises(GameTooLargeError, match="exceeds the limit"):
        leduc_poker(max_nodes=5000)
