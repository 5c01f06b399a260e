"""Properties of compiled trees, reduced normal forms and behaviour profiles on random games."""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from games.extensive_form import ExtensiveFormGame
from games.game_tree import CHANCE, KIND_CHANCE, KIND_TERMINAL, NO_PLAYER, GameTree
from games.profiles import BehaviorProfile, behavior_to_mixed, mixed_to_behavior
from games.reduced_normal_form import estimate_reduced_size, reduced_normal_form, reduced_strategies
from tests.strategies import distributions, extensive_form_games


def _paths(game: ExtensiveFormGame) -> dict[Any, tuple[Fraction | float, tuple[Any, ...], list[Any]]]:
    """For every node of the networkx game: chance reach, summed outcome, and the path of (node, action index)."""
    out: dict[Any, tuple[Any, tuple[Any, ...], list[Any]]] = {}
    zero = tuple(Fraction(0) for _ in game.players)
    stack = [(game.root, Fraction(1), zero, [])]
    while stack:
        node, reach, pay, path = stack.pop()
        attrs = game.graph.nodes[node]
        if attrs.get("outcome") is not None:
            pay = tuple(a + b for a, b in zip(pay, attrs["outcome"].payoffs))
        out[node] = (reach, pay, path)
        info = game.infoset_of(node)
        for a, child in enumerate(game.children(node)):
            r = reach * info.probabilities[a] if attrs["kind"] == "chance" else reach  # type: ignore[union-attr]
            stack.append((child, r, pay, [*path, (node, a)]))
    return out


@settings(max_examples=60)
@given(extensive_form_games())
def test_compiled_arrays_match_the_game(game: ExtensiveFormGame) -> None:
    tree = game.compile()
    assert tree.n_nodes == game.n_nodes and tree.n_infosets == len(game.infosets)
    assert tree.node_keys is not None
    index = {key: i for i, key in enumerate(tree.node_keys)}
    # breadth-first layout
    v = np.arange(1, tree.n_nodes)
    assert np.all(tree.parent[1:] < v) and np.all(tree.depth[1:] == tree.depth[tree.parent[1:]] + 1)
    assert np.all(np.diff(tree.depth) >= 0)
    assert tree.depth_offsets[-1] == tree.n_nodes
    assert np.array_equal(np.bincount(tree.depth), np.diff(tree.depth_offsets))
    inner = np.flatnonzero(tree.kind != KIND_TERMINAL)
    assert np.array_equal(tree.n_children[inner], tree.infoset_n_actions[tree.infoset[inner]])
    assert np.array_equal(tree.player[inner], tree.infoset_player[tree.infoset[inner]])
    assert np.all(tree.player[tree.kind == KIND_TERMINAL] == NO_PLAYER)
    kids = np.flatnonzero(tree.parent >= 0)
    assert np.array_equal(tree.first_child[tree.parent[kids]] + tree.action[kids], kids)
    # against the networkx game
    for node, (reach, pay, path) in _paths(game).items():
        i = index[node]
        assert tree.node_labels[i] == game.graph.nodes[node].get("label", "")
        assert [index[u] for u, _ in path] == _ancestors(tree, i)
        assert [a for _, a in path] == [int(tree.action[j]) for j in _ancestors(tree, i)[1:]] + (
            [int(tree.action[i])] if path else []
        )
        assert np.isclose(tree.chance_reach[i], float(reach))
        if tree.is_exact:
            assert tree.exact_chance_reach()[i] == reach
            assert tuple(tree.exact_payoffs[i]) == pay  # type: ignore[index]
        np.testing.assert_allclose(tree.payoffs[i], [float(x) for x in pay], rtol=1e-12, atol=1e-9)
        # each player's last own sequence on the path
        for p in range(tree.n_players):
            own = [(u, a) for u, a in path if tree.player[index[u]] == p]
            if own:
                u, a = own[-1]
                assert tree.sequence[i, p] == tree.infoset_first_sequence[tree.infoset[index[u]]] + a
            else:
                assert tree.sequence[i, p] == 0
    assert tree.has_perfect_recall()
    assert tree.to_extensive() == game


def _ancestors(tree: GameTree, v: int) -> list[int]:
    out = []
    while tree.parent[v] >= 0:
        v = int(tree.parent[v])
        out.append(v)
    return out[::-1]


@settings(max_examples=40)
@given(extensive_form_games(exact=False))
def test_float_games_compile(game: ExtensiveFormGame) -> None:
    tree = game.compile()
    assert tree.has_perfect_recall()
    assert np.all(tree.player[tree.kind == KIND_CHANCE] == CHANCE)
    assert np.all((tree.chance_reach > 0) & (tree.chance_reach <= 1 + 1e-12))
    reach = BehaviorProfile.uniform(tree).reach_probabilities()
    np.testing.assert_allclose(reach[tree.terminal_indices].sum(), 1.0, rtol=1e-9)


def _small(game: ExtensiveFormGame, limit: int = 3000) -> GameTree:
    tree = game.compile()
    assume(estimate_reduced_size(tree)["profiles"] <= limit)
    return tree


def _play(
    game: ExtensiveFormGame, tree: GameTree, choice: dict[tuple[int, Any], int]
) -> tuple[Fraction, ...]:
    """Expected payoff of a pure profile, by walking the networkx game (independent of the arrays)."""
    total = [Fraction(0)] * game.n_players
    for node, (reach, pay, path) in _paths(game).items():
        if game.graph.nodes[node]["kind"] != "terminal":
            continue
        ok = True
        for u, a in path:
            attrs = game.graph.nodes[u]
            if attrs["kind"] == "decision" and choice.get((attrs["player"], attrs["infoset"])) != a:
                ok = False
                break
        if ok:
            total = [t + reach * x for t, x in zip(total, pay)]
    return tuple(total)


@settings(max_examples=60)
@given(extensive_form_games(max_nodes=40))
def test_reduced_normal_form_payoffs_are_play_payoffs(game: ExtensiveFormGame) -> None:
    tree = _small(game)
    nf = reduced_normal_form(tree)
    assert nf.is_exact
    strategies = [reduced_strategies(tree, p) for p in range(tree.n_players)]
    profiles = list(itertools.product(*(range(len(s)) for s in strategies)))
    for profile in profiles[:: max(1, len(profiles) // 40)]:
        choice: dict[tuple[int, Any], int] = {}
        for p, k in enumerate(profile):
            s = strategies[p]
            for h, a in zip(s.infosets, s.actions[k]):
                if a >= 0:
                    choice[tree.infoset_keys[int(h)]] = int(a)  # type: ignore[index]
        assert nf.exact_payoff(profile) == _play(game, tree, choice)


@st.composite
def games_with_profiles(draw: st.DrawFn) -> tuple[ExtensiveFormGame, dict[int, list[Fraction]]]:
    game = draw(extensive_form_games(max_nodes=40))
    tree = game.compile()
    dist = {int(h): draw(distributions(int(tree.infoset_n_actions[h]))) for h in tree.decision_infosets}
    return game, dist


@settings(max_examples=60)
@given(games_with_profiles())
def test_behavior_and_mixed_profiles_agree(data: tuple[ExtensiveFormGame, dict[int, list[Fraction]]]) -> None:
    game, dist = data
    tree = _small(game)
    behavior = BehaviorProfile(tree, dist)
    nf = reduced_normal_form(tree)
    mixed = behavior_to_mixed(behavior, game=nf)
    assert mixed.exact is not None
    # payoffs agree exactly
    expected = []
    for i in range(nf.n_players):
        arr: Any = nf.exact_payoffs[i]  # type: ignore[index]
        for j in range(nf.n_players - 1, -1, -1):
            arr = np.tensordot(arr, np.array(mixed.exact[j], dtype=object), axes=([j], [0]))
        expected.append(Fraction(np.asarray(arr, dtype=object).item()))
    assert behavior.exact_payoffs() == tuple(expected)
    # the best response on the sequence tree equals the best pure reply in the normal form
    assert behavior.exact_regrets() == mixed.exact_regrets()
    # back to behaviour: the same realization plans, hence the same payoffs
    back = mixed_to_behavior(tree, mixed)
    for p in range(tree.n_players):
        x = behavior.exact_realization_plan(p)
        assert list(back.exact_realization_plan(p)) == list(x)
        E, e = tree.sequence_constraints(p)
        assert list(E.toarray().astype(np.int64).astype(object) @ x) == list(e.astype(np.int64))
    assert back.exact_payoffs() == behavior.exact_payoffs()


@settings(max_examples=40)
@given(games_with_profiles())
def test_float_regrets_match_exact_regrets(data: tuple[ExtensiveFormGame, dict[int, list[Fraction]]]) -> None:
    game, dist = data
    behavior = BehaviorProfile(game, dist)
    np.testing.assert_allclose(behavior.regrets(), [float(r) for r in behavior.exact_regrets()], atol=1e-9)
    np.testing.assert_allclose(behavior.payoffs(), [float(r) for r in behavior.exact_payoffs()], atol=1e-9)
