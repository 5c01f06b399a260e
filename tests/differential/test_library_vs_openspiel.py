"""Kuhn and Leduc poker from games.library against OpenSpiel's implementations.

The two trees are walked in parallel (OpenSpiel's legal actions and chance
outcomes are in the same order as our children), checking node kinds, players,
chance probabilities, terminal returns, and that the information-set
partitions coincide. Then a random behaviour profile is transferred to an
OpenSpiel ``TabularPolicy`` and the expected payoffs and NashConv (the sum of
regrets) are compared.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

pyspiel = pytest.importorskip("pyspiel")
from open_spiel.python import policy as policy_lib  # noqa: E402
from open_spiel.python.algorithms import expected_game_score, exploitability  # noqa: E402

from games.game_tree import KIND_CHANCE, KIND_DECISION, KIND_TERMINAL, GameTree  # noqa: E402
from games.library import kuhn_poker, leduc_poker  # noqa: E402
from games.profiles import BehaviorProfile  # noqa: E402

pytestmark = pytest.mark.differential

GAMES: list[Any] = [
    pytest.param("kuhn_poker", lambda: kuhn_poker().compile(), id="kuhn"),
    pytest.param("leduc_poker", leduc_poker, id="leduc"),
]


def _walk(game_name: str, tree: GameTree) -> tuple[dict[str, int], dict[int, str], dict[str, Any]]:
    """Walk both trees; return node counts, and the infoset maps ours→theirs and theirs→ours."""
    ours_to_theirs: dict[int, str] = {}
    theirs_to_ours: dict[str, int] = {}
    counts = {"nodes": 0, "terminal": 0, "chance": 0, "decision": 0}
    stack = [(pyspiel.load_game(game_name).new_initial_state(), 0)]
    while stack:
        state, v = stack.pop()
        counts["nodes"] += 1
        kind = int(tree.kind[v])
        kids = tree.first_child[v] + np.arange(tree.n_children[v])
        if state.is_terminal():
            counts["terminal"] += 1
            assert kind == KIND_TERMINAL, f"node {v}"
            np.testing.assert_allclose(tree.payoffs[v], state.returns(), atol=1e-12)
            continue
        if state.is_chance_node():
            counts["chance"] += 1
            assert kind == KIND_CHANCE, f"node {v}"
            outcomes = state.chance_outcomes()
            assert len(outcomes) == kids.size
            off = tree.infoset_action_offsets[tree.infoset[v]]
            probs = tree.action_probability[off : off + kids.size]
            np.testing.assert_allclose(probs, [p for _, p in outcomes], atol=1e-12)
            stack.extend((state.child(a), int(c)) for (a, _), c in zip(outcomes, kids))
            continue
        counts["decision"] += 1
        assert kind == KIND_DECISION and int(tree.player[v]) == state.current_player(), f"node {v}"
        legal = state.legal_actions()
        assert len(legal) == kids.size
        h, info = int(tree.infoset[v]), state.information_state_string()
        assert ours_to_theirs.setdefault(h, info) == info, f"our information set {h} splits in OpenSpiel"
        assert theirs_to_ours.setdefault(info, h) == h, f"OpenSpiel's {info!r} splits in ours"
        stack.extend((state.child(a), int(c)) for a, c in zip(legal, kids))
    return counts, ours_to_theirs, theirs_to_ours


@pytest.mark.parametrize(("name", "build"), GAMES)
def test_same_tree_and_information_sets(name: str, build: Callable[[], GameTree]) -> None:
    tree = build()
    counts, ours, theirs = _walk(name, tree)
    assert counts == {
        "nodes": tree.n_nodes,
        "terminal": tree.terminal_indices.size,
        "chance": int(np.sum(tree.kind == KIND_CHANCE)),
        "decision": int(np.sum(tree.kind == KIND_DECISION)),
    }
    assert len(ours) == len(theirs) == tree.decision_infosets.size
    expected = {"kuhn_poker": (58, 12), "leduc_poker": (9457, 936)}[name]
    assert (tree.n_nodes, tree.decision_infosets.size) == expected


@pytest.mark.parametrize(("name", "build"), GAMES)
def test_payoffs_and_nash_conv_of_a_random_profile(name: str, build: Callable[[], GameTree]) -> None:
    tree = build()
    _, ours, _ = _walk(name, tree)
    rng = np.random.default_rng(7)
    dist = {int(h): rng.dirichlet(np.ones(int(tree.infoset_n_actions[h]))) for h in tree.decision_infosets}
    profile = BehaviorProfile(tree, dist)
    game = pyspiel.load_game(name)
    policy = policy_lib.TabularPolicy(game)
    for h, info in ours.items():
        row = policy.state_lookup[info]
        legal = np.flatnonzero(policy.legal_actions_mask[row])
        policy.action_probability_array[row] = 0.0
        policy.action_probability_array[row, legal] = dist[h]
    value = expected_game_score.policy_value(game.new_initial_state(), [policy] * game.num_players())
    np.testing.assert_allclose(profile.payoffs(), value, atol=1e-12)
    np.testing.assert_allclose(profile.regrets().sum(), exploitability.nash_conv(game, policy), atol=1e-10)


def test_uniform_profile_of_kuhn_poker() -> None:
    game = pyspiel.load_game("kuhn_poker")
    uniform = policy_lib.TabularPolicy(game)
    profile = BehaviorProfile.uniform(kuhn_poker())
    np.testing.assert_allclose(profile.regrets().sum(), exploitability.nash_conv(game, uniform), atol=1e-12)
