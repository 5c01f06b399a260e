"""Behaviour profiles: validation, payoffs, best responses, realization plans, Kuhn's theorem."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest

from games.errors import InvalidGameError, UnsupportedGameError
from games.extensive_form import ExtensiveFormGame
from games.library import entry_deterrence, kuhn_poker, matching_pennies, seltens_horse
from games.profiles import BehaviorProfile, MixedProfile, behavior_to_mixed, mixed_to_behavior


def kuhn_equilibrium(alpha: F) -> dict[str, list[F]]:
    """Kuhn's equilibrium family (player 1 bluffs a jack with probability alpha)."""
    return {
        "J": [1 - alpha, alpha], "Q": [F(1), F(0)], "K": [1 - 3 * alpha, 3 * alpha],
        "J:cb": [F(1), F(0)], "Q:cb": [F(2, 3) - alpha, alpha + F(1, 3)], "K:cb": [F(0), F(1)],
        "J:c": [F(2, 3), F(1, 3)], "Q:c": [F(1), F(0)], "K:c": [F(0), F(1)],
        "J:b": [F(1), F(0)], "Q:b": [F(2, 3), F(1, 3)], "K:b": [F(0), F(1)],
    }  # fmt: skip


@pytest.mark.parametrize("alpha", [F(0), F(1, 6), F(1, 3)], ids=str)
def test_kuhn_equilibria_have_zero_exact_regret(alpha: F) -> None:
    profile = BehaviorProfile(kuhn_poker(), kuhn_equilibrium(alpha))
    assert profile.exact is not None
    assert profile.exact_payoffs() == (F(-1, 18), F(1, 18))
    assert profile.exact_regrets() == (0, 0)
    assert profile.max_regret() == pytest.approx(0, abs=1e-12)


def test_uniform_kuhn_profile() -> None:
    profile = BehaviorProfile.uniform(kuhn_poker())
    assert profile.exact_payoffs() == (F(1, 8), F(-1, 8))
    assert sum(profile.exact_regrets()) == F(11, 12)  # OpenSpiel's NashConv of the uniform policy
    np.testing.assert_allclose(profile.regrets(), [float(r) for r in profile.exact_regrets()])


def test_best_response_in_entry_deterrence() -> None:
    game = entry_deterrence()
    fight = BehaviorProfile(game, {(0, "entrant"): [F(1, 2), F(1, 2)], (1, "incumbent"): [1, 0]})
    value, actions = fight.best_response(0)
    assert value == 0.0 and actions.tolist() == [0, -1]  # stay out
    value, actions = fight.best_response(1)
    assert value == 1.5 and actions.tolist() == [-1, 1]  # accommodate
    assert fight.exact_regrets() == (F(1, 2), F(1))
    spe = BehaviorProfile(game, [[0, 1], [0, 1]])
    assert spe.exact_regrets() == (0, 0)


def test_reach_probabilities_and_payoffs() -> None:
    tree = seltens_horse().compile()
    profile = BehaviorProfile(
        tree, {"Player 1": [F(1, 4), F(3, 4)], "Player 2": [F(1, 2), F(1, 2)], "Player 3": [F(1, 3), F(2, 3)]}
    )
    assert [tree.infoset_labels[h] for h in range(3)] == [
        "Player 1",
        "Player 3",
        "Player 2",
    ]  # first appearance
    reach = profile.reach_probabilities()
    assert reach[0] == 1
    np.testing.assert_allclose(reach[tree.terminal_indices].sum(), 1.0)
    # D L: 1/4*1/3 (3,3,2); D R: 0; A a: 3/8 (1,1,1); A d L: 3/8*1/3 (4,4,0); A d R: 3/8*2/3 (0,0,1)
    expected = (
        F(1, 12) * np.array([3, 3, 2]) + F(3, 8) * np.array([1, 1, 1]) + F(1, 8) * np.array([4, 4, 0])
        + F(1, 4) * np.array([0, 0, 1])
    )  # fmt: skip
    assert profile.exact_payoffs() == tuple(expected)
    np.testing.assert_allclose(profile.payoffs(), expected.astype(float))


@pytest.mark.parametrize(
    ("probabilities", "match"),
    [
        pytest.param({0: [1, 0]}, "no distribution given for 1", id="missing"),
        pytest.param([[1, 0]], "one distribution per information set", id="too-few"),
        pytest.param([[1, 0], [1, 0, 0]], "needs 2 probabilities", id="wrong-length"),
        pytest.param([[F(1, 2), F(1, 3)], [1, 0]], "sum to 1", id="exact-sum"),
        pytest.param([[0.5, 0.4], [1, 0]], "sum to 1", id="float-sum"),
        pytest.param([[2, -1], [1, 0]], "≥ 0", id="negative"),
        pytest.param([["x", "y"], [1, 0]], "must be numbers", id="not-numbers"),
        pytest.param(
            {"nope": [1, 0]}, "no information set with index, key or label 'nope'", id="unknown-key"
        ),
        pytest.param({7: [1, 0]}, "no information set 7", id="bad-index"),
        pytest.param({0: [1, 0], "Entrant": [1, 0]}, "given twice", id="twice"),
    ],
)
def test_invalid_profiles_are_rejected(probabilities, match: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidGameError, match=match):
        BehaviorProfile(entry_deterrence(), probabilities)


def test_chance_sets_are_not_given() -> None:
    tree = kuhn_poker().compile()
    with pytest.raises(InvalidGameError, match="belongs to chance"):
        BehaviorProfile(tree, {0: [F(1, 3)] * 3})
    full = [None if tree.infoset_player[h] < 0 else [F(1, 2), F(1, 2)] for h in range(tree.n_infosets)]
    assert BehaviorProfile(tree, full).exact_payoffs() == (F(1, 8), F(-1, 8))


def test_ambiguous_label() -> None:
    g = ExtensiveFormGame(["A", "B"])
    a, b = g.set_decision(g.root, 0, ["a", "b"], infoset_label="same")
    x, y = g.set_decision(a, 1, ["x", "y"], infoset_label="same")
    for node in (b, x, y):
        g.set_terminal(node, [0, 0])
    with pytest.raises(InvalidGameError, match="names 2 information sets"):
        BehaviorProfile(g, {"same": [1, 0]})


def test_inputs_must_be_games() -> None:
    with pytest.raises(InvalidGameError, match="expected a GameTree"):
        BehaviorProfile(matching_pennies(), [[1, 0]])


def test_getitem_and_to_dict() -> None:
    profile = BehaviorProfile(kuhn_poker(), kuhn_equilibrium(F(1, 3)))
    assert profile["J"].tolist() == pytest.approx([2 / 3, 1 / 3])
    d = profile.to_dict()
    assert d["Player 1"]["Q:cb"] == {"Fold": "1/3", "Call": "2/3"}
    assert set(d["Player 2"]) == {"J:c", "Q:c", "K:c", "J:b", "Q:b", "K:b"}
    assert "exact" in repr(profile)


# ---------------------------------------------------------------------- realization plans
def test_realization_plans_round_trip_exactly() -> None:
    tree = kuhn_poker().compile()
    profile = BehaviorProfile(tree, kuhn_equilibrium(F(1, 6)))
    plans = [profile.exact_realization_plan(p) for p in range(2)]
    for p, x in enumerate(plans):
        E, e = tree.sequence_constraints(p)
        np.testing.assert_allclose(E @ x.astype(float), e, atol=1e-15)
    back = BehaviorProfile.from_realization_plans(tree, plans)
    assert back.exact is not None and list(back.exact) == list(profile.exact)  # type: ignore[arg-type]


def test_unreachable_sets_get_the_uniform_distribution() -> None:
    tree = kuhn_poker().compile()
    profile = BehaviorProfile(tree, kuhn_equilibrium(F(1, 3)))  # K always bets: "K:cb" is never reached
    back = BehaviorProfile.from_realization_plans(tree, [profile.realization_plan(p) for p in range(2)])
    assert back["K:cb"].tolist() == [0.5, 0.5]
    np.testing.assert_allclose(back.payoffs(), profile.payoffs(), atol=1e-15)


@pytest.mark.parametrize(
    ("plan", "match"),
    [
        pytest.param([1, 1, 1], "not a realization plan", id="flow"),
        pytest.param([1, 1], "has 3 sequences", id="length"),
        pytest.param([F(1), F(1, 2), F(1, 3)], "not a realization plan", id="exact-flow"),
        pytest.param([1.0, 1.5, -0.5], "not a realization plan", id="negative"),
    ],
)
def test_invalid_realization_plans(plan, match: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidGameError, match=match):
        BehaviorProfile.from_realization_plans(entry_deterrence(), [plan, [1, 0, 1]])


# ---------------------------------------------------------------------- Kuhn's theorem
@pytest.mark.parametrize("build", [entry_deterrence, seltens_horse, kuhn_poker])
def test_behavior_and_mixed_agree_exactly(build) -> None:  # type: ignore[no-untyped-def]
    tree = build().compile()
    rng = np.random.default_rng(3)
    dist = {
        int(h): [F(int(w), int(s)) for w, s in zip(ws, [ws.sum()] * ws.size)]
        for h in tree.decision_infosets
        for ws in [rng.integers(1, 9, size=int(tree.infoset_n_actions[h]))]
    }
    behavior = BehaviorProfile(tree, dist)
    nf = tree.to_extensive().to_normal_form()
    mixed = behavior_to_mixed(behavior, game=nf)
    assert mixed.exact is not None
    exact_nf = _exact_expected(nf, mixed)
    assert exact_nf == behavior.exact_payoffs()
    back = mixed_to_behavior(tree, mixed)
    assert back.exact_payoffs() == behavior.exact_payoffs()
    assert back.exact is not None and list(back.exact) == list(behavior.exact)  # type: ignore[arg-type]


def _exact_expected(nf, mixed: MixedProfile) -> tuple[F, ...]:  # type: ignore[no-untyped-def]
    """Each player's expected payoff in Fractions, contracting one player's mixture at a time."""
    out = []
    for i in range(nf.n_players):
        arr = nf.exact_payoffs[i]
        for j in range(nf.n_players - 1, -1, -1):
            arr = np.tensordot(arr, np.array(mixed.exact[j], dtype=object), axes=([j], [0]))
        out.append(F(np.asarray(arr, dtype=object).item()))
    return tuple(out)


def test_mixed_profiles_with_correlated_support_map_to_behaviour() -> None:
    tree = kuhn_poker().compile()
    nf = tree.to_extensive().to_normal_form()
    sigma = [np.zeros(27), np.zeros(64)]
    sigma[0][[0, 26]] = 0.5
    sigma[1][[3, 60]] = 0.5
    mixed = MixedProfile(nf, sigma)
    behavior = mixed_to_behavior(tree, mixed)
    np.testing.assert_allclose(behavior.payoffs(), nf.expected_payoffs(mixed), atol=1e-15)
    np.testing.assert_allclose(behavior.regrets(), nf.regrets(mixed), atol=1e-12)


def test_conversion_checks_the_game() -> None:
    tree = entry_deterrence().compile()
    other = matching_pennies()
    with pytest.raises(InvalidGameError, match="not the reduced normal form"):
        mixed_to_behavior(tree, MixedProfile.uniform(other))
    with pytest.raises(InvalidGameError, match="not the reduced normal form"):
        behavior_to_mixed(BehaviorProfile.uniform(tree), game=other)


def test_imperfect_recall_is_refused_for_regret() -> None:
    g = ExtensiveFormGame(["Driver"])
    exit1, cont = g.set_decision(g.root, 0, ["Exit", "Continue"], infoset="i", infoset_label="intersection")
    exit2, end = g.set_decision(cont, 0, infoset="i")
    g.set_terminal(exit1, [0])
    g.set_terminal(exit2, [4])
    g.set_terminal(end, [1])
    profile = BehaviorProfile(g, [[F(1, 3), F(2, 3)]])
    assert profile.exact_payoffs() == (F(1, 3) * 0 + F(2, 9) * 4 + F(4, 9),)  # payoffs need no recall
    with pytest.raises(UnsupportedGameError, match="intersection"):
        profile.regrets()
    with pytest.raises(UnsupportedGameError, match="intersection"):
        profile.realization_plan(0)
