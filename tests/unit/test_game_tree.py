"""The compiled array form (GameTree) and the bulk constructor (TreeBuilder)."""

from __future__ import annotations

import dataclasses
import tracemalloc
from fractions import Fraction

import numpy as np
import pytest

from games.errors import GameTooLargeError, InvalidGameError, UnsupportedGameError
from games.extensive_form import ExtensiveFormGame
from games.game_tree import (
    CHANCE,
    KIND_CHANCE,
    KIND_DECISION,
    KIND_TERMINAL,
    NO_PLAYER,
    GameTree,
    TreeBuilder,
)
from games.library import entry_deterrence, kuhn_poker, leduc_poker, seltens_horse
from games.profiles import BehaviorProfile


def forgetful_game() -> ExtensiveFormGame:
    """Player 1 moves, then moves again without remembering the first move."""
    g = ExtensiveFormGame(["Forgetful", "Other"])
    left, right = g.set_decision(g.root, 0, ["L", "R"], infoset="first")
    a, b = g.set_decision(left, 0, ["l", "r"], infoset="second", infoset_label="second move")
    c, d = g.set_decision(right, 0, infoset="second")
    for node, pay in zip((a, b, c, d), ([1, 0], [0, 1], [0, 1], [1, 0])):
        g.set_terminal(node, pay)
    return g


def absent_minded_driver() -> ExtensiveFormGame:
    """Piccione and Rubinstein's driver: both intersections in one information set."""
    g = ExtensiveFormGame(["Driver"])
    exit1, cont = g.set_decision(g.root, 0, ["Exit", "Continue"], infoset="intersection")
    exit2, end = g.set_decision(cont, 0, infoset="intersection")
    g.set_terminal(exit1, [0])
    g.set_terminal(exit2, [4])
    g.set_terminal(end, [1])
    return g


# ---------------------------------------------------------------------- compiled arrays
def test_entry_deterrence_arrays() -> None:
    tree = entry_deterrence().compile()
    assert tree.parent.tolist() == [-1, 0, 0, 2, 2]
    assert tree.depth.tolist() == [0, 1, 1, 2, 2]
    assert tree.depth_offsets.tolist() == [0, 1, 3, 5]
    assert tree.kind.tolist() == [KIND_DECISION, KIND_TERMINAL, KIND_DECISION, KIND_TERMINAL, KIND_TERMINAL]
    assert tree.player.tolist() == [0, NO_PLAYER, 1, NO_PLAYER, NO_PLAYER]
    assert tree.infoset.tolist() == [0, -1, 1, -1, -1]
    assert tree.action.tolist() == [-1, 0, 1, 0, 1]
    assert tree.first_child.tolist() == [1, -1, 3, -1, -1]
    assert tree.n_children.tolist() == [2, 0, 2, 0, 0]
    assert tree.exact_payoffs is not None
    assert tree.exact_payoffs[tree.terminal_indices].tolist() == [[0, 2], [-1, -1], [1, 1]]
    assert tree.sequence.tolist() == [[0, 0], [1, 0], [2, 0], [2, 1], [2, 2]]
    assert tree.infoset_first_sequence.tolist() == [1, 1]
    assert tree.infoset_parent_sequence.tolist() == [0, 0]
    assert tree.action_labels == (("Out", "In"), ("Fight", "Accommodate"))
    assert tree.infoset_keys == ((0, "entrant"), (1, "incumbent"))
    assert tree.node_keys is not None and tree.node_keys[0] == entry_deterrence().root


def test_kuhn_poker_structure() -> None:
    tree = kuhn_poker().compile()
    assert (tree.n_nodes, tree.terminal_indices.size, tree.decision_infosets.size) == (58, 30, 12)
    assert tree.n_infosets == 16  # 4 chance information sets
    assert tree.depth_offsets.tolist() == [0, 1, 4, 10, 22, 46, 58]
    assert tree.n_sequences == (13, 13)
    assert tree.is_exact
    np.testing.assert_allclose(tree.chance_reach[tree.terminal_indices], 1 / 6)
    assert set(tree.exact_chance_reach()[tree.terminal_indices]) == {Fraction(1, 6)}
    assert int(np.sum(tree.kind == KIND_CHANCE)) == 4
    assert set(tree.player[tree.kind == KIND_CHANCE].tolist()) == {CHANCE}
    np.testing.assert_array_equal(tree.payoffs[tree.terminal_indices].sum(axis=1), 0)


@pytest.mark.parametrize("build", [entry_deterrence, seltens_horse, kuhn_poker], ids=lambda f: f.__name__)
def test_breadth_first_invariants(build) -> None:  # type: ignore[no-untyped-def]
    tree = build().compile()
    v = np.arange(1, tree.n_nodes)
    assert np.all(tree.parent[1:] < v)
    assert np.all(tree.depth[1:] == tree.depth[tree.parent[1:]] + 1)
    assert np.all(np.diff(tree.depth) >= 0)
    inner = np.flatnonzero(tree.n_children > 0)
    assert np.all(tree.first_child[tree.first_child[inner] + 0] >= -1)
    for u in inner:
        kids = tree.first_child[u] + np.arange(tree.n_children[u])
        assert np.all(tree.parent[kids] == u)
        assert tree.action[kids].tolist() == list(range(tree.n_children[u]))
    assert np.all(tree.n_children[inner] == tree.infoset_n_actions[tree.infoset[inner]])


def test_arrays_are_read_only_and_tree_is_frozen() -> None:
    tree = kuhn_poker().compile()
    with pytest.raises(ValueError, match="read-only"):
        tree.parent[0] = 3
    with pytest.raises(ValueError, match="read-only"):
        tree.payoffs[0, 0] = 1.0
    arrays = [getattr(tree, f.name) for f in dataclasses.fields(tree)]
    arrays = [a for a in arrays if isinstance(a, np.ndarray)] + [*tree.sequence_infoset, *tree.sequence_action]
    assert len(arrays) > 20
    assert not any(a.flags.writeable for a in arrays)
    with pytest.raises(dataclasses.FrozenInstanceError):
        tree.title = "x"  # type: ignore[misc]


def test_outcomes_on_inner_nodes_add_up() -> None:
    g = ExtensiveFormGame(["A", "B"])
    g.set_outcome(g.root, [1, Fraction(1, 2)])
    x, y = g.set_decision(g.root, 0, ["x", "y"])
    g.set_terminal(x, [2, 2])
    g.set_terminal(y)
    tree = g.compile()
    assert tree.exact_payoffs is not None
    assert tree.exact_payoffs[tree.terminal_indices].tolist() == [[3, Fraction(5, 2)], [1, Fraction(1, 2)]]


def test_float_game_is_not_exact() -> None:
    g = ExtensiveFormGame(["A"])
    x, y = g.set_chance(g.root, [("x", 0.25), ("y", 0.75)])
    g.set_terminal(x, [0.5])
    g.set_terminal(y, [1])
    tree = g.compile()
    assert tree.exact_payoffs is None and tree.exact_action_probability is None and not tree.is_exact
    np.testing.assert_allclose(tree.chance_reach[tree.terminal_indices], [0.25, 0.75])
    with pytest.raises(UnsupportedGameError):
        tree.exact_chance_reach()


@pytest.mark.parametrize(
    "build", [entry_deterrence, seltens_horse, kuhn_poker, forgetful_game, absent_minded_driver]
)
def test_round_trip_through_networkx(build) -> None:  # type: ignore[no-untyped-def]
    game = build()
    assert game.compile().to_extensive() == game


def test_to_extensive_refuses_large_trees() -> None:
    with pytest.raises(GameTooLargeError, match="9457 nodes") as err:
        leduc_poker().to_extensive(max_nodes=1000)
    assert err.value.estimate["nodes"] == 9457


# ---------------------------------------------------------------------- perfect recall
@pytest.mark.parametrize("build", [entry_deterrence, seltens_horse, kuhn_poker], ids=lambda f: f.__name__)
def test_library_games_have_perfect_recall(build) -> None:  # type: ignore[no-untyped-def]
    tree = build().compile()
    assert tree.has_perfect_recall()
    assert tree.perfect_recall_violations() == []


def test_forgetting_an_own_move_breaks_perfect_recall() -> None:
    tree = forgetful_game().compile()
    assert not tree.has_perfect_recall()
    (violation,) = tree.perfect_recall_violations()
    assert violation.label == "'second move'" and violation.player == 0
    assert violation.nodes == (1, 2) and violation.sequences == (1, 2)
    with pytest.raises(UnsupportedGameError, match="second move"):
        tree.require_perfect_recall()


def test_absent_mindedness_breaks_perfect_recall() -> None:
    tree = absent_minded_driver().compile()
    assert not tree.has_perfect_recall()
    assert tree.perfect_recall_violations()[0].nodes == (0, 2)


# ---------------------------------------------------------------------- sequence form
@pytest.mark.parametrize("build", [entry_deterrence, seltens_horse, kuhn_poker], ids=lambda f: f.__name__)
def test_realization_plans_satisfy_the_constraints(build) -> None:  # type: ignore[no-untyped-def]
    tree = build().compile()
    rng = np.random.default_rng(0)
    profile = BehaviorProfile(
        tree, {int(h): rng.dirichlet(np.ones(tree.infoset_n_actions[h])) for h in tree.decision_infosets}
    )
    for p in range(tree.n_players):
        E, e = tree.sequence_constraints(p)
        assert E.shape == (1 + tree.player_infosets(p).size, tree.n_sequences[p])
        np.testing.assert_allclose(E @ profile.realization_plan(p), e, atol=1e-12)


def test_sequence_payoff_matrices_give_the_payoffs() -> None:
    tree = kuhn_poker().compile()
    A, B = tree.sequence_payoff_matrices()
    profile = BehaviorProfile.uniform(tree)
    x, y = profile.realization_plan(0), profile.realization_plan(1)
    np.testing.assert_allclose([x @ A @ y, x @ B @ y], profile.payoffs(), atol=1e-12)
    assert A.nnz <= tree.terminal_indices.size


def test_sequence_form_payoffs_of_three_players() -> None:
    tree = seltens_horse().compile()
    with pytest.raises(UnsupportedGameError, match="two players"):
        tree.sequence_payoff_matrices()
    seqs, weights = tree.sequence_form_payoffs(exact=True)
    assert seqs.shape == (5, 3) and weights.shape == (5, 3)
    profile = BehaviorProfile(
        tree, [[Fraction(1, 3), Fraction(2, 3)], [Fraction(1, 4), Fraction(3, 4)], [1, 0]]
    )
    plans = [profile.exact_realization_plan(p) for p in range(3)]
    direct = [
        sum(
            weights[t, i] * plans[0][seqs[t, 0]] * plans[1][seqs[t, 1]] * plans[2][seqs[t, 2]]
            for t in range(5)
        )
        for i in range(3)
    ]
    assert tuple(direct) == profile.exact_payoffs()


def test_sequence_levels() -> None:
    tree = kuhn_poker().compile()
    levels = tree.sequence_levels(0)
    assert [lv.size for lv in levels] == [3, 3]
    assert [tree.infoset_labels[h] for h in levels[1]] == ["J:cb", "Q:cb", "K:cb"]


# ---------------------------------------------------------------------- the bulk constructor
def _binary_dfs(builder: TreeBuilder, depth: int) -> None:
    stack = [(builder.root, 0)]
    while stack:
        node, d = stack.pop()
        if d == depth:
            builder.terminal(node, [d])
            continue
        kids = builder.decision(node, 0, ["L", "R"], infoset=("level", d))
        stack.extend((c, d + 1) for c in kids)


def test_creation_order_does_not_matter() -> None:
    dfs = TreeBuilder(["A"])
    _binary_dfs(dfs, 3)
    bfs = TreeBuilder(["A"])
    level = [bfs.root]
    for d in range(3):
        level = [c for node in level for c in bfs.decision(node, 0, ["L", "R"], infoset=("level", d))]
    for node in level:
        bfs.terminal(node, [3])
    a, b = dfs.build(), bfs.build()
    for name in (
        "parent",
        "depth",
        "kind",
        "player",
        "infoset",
        "action",
        "first_child",
        "sequence",
        "payoffs",
    ):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name), err_msg=name)


def _perfect_recall_binary_tree(depth: int) -> TreeBuilder:
    """Two players alternate L/R on a binary tree; each sees only their own past moves."""
    b = TreeBuilder(["A", "B"], exact=False)
    level = np.array([b.root])
    own = np.ones((2, 1), dtype=np.int64)  # per player: own history as a binary number with a leading 1
    for d in range(depth):
        p = d % 2
        codes, inverse = np.unique(own[p], return_inverse=True)
        ids = np.array([b.declare(p, (p, int(c)), ["L", "R"]) for c in codes])
        first = b.expand(level, ids[inverse])
        level = (first[:, None] + np.arange(2)).reshape(-1)
        own = np.repeat(own, 2, axis=1)
        own[p] = own[p] * 2 + np.tile(np.arange(2), own.shape[1] // 2)
    payoff = (level % 7).astype(np.float64)
    b.terminals(level, np.stack([payoff, -payoff], axis=1))
    return b


def test_a_million_node_tree_in_bounded_memory() -> None:
    tracemalloc.start()
    try:
        tree = _perfect_recall_binary_tree(19).build()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert tree.n_nodes == 2**20 - 1 and tree.terminal_indices.size == 2**19
    assert peak < 400 * 2**20, f"peak {peak / 2**20:.0f} MiB"
    assert tree.has_perfect_recall()
    assert tree.decision_infosets.size == (2**10 - 1) + (2**9 - 1)  # one per own history and level
    assert np.all(tree.depth[1:] == tree.depth[tree.parent[1:]] + 1)
    profile = BehaviorProfile.uniform(tree)
    expected = np.mean(tree.payoffs[tree.terminal_indices], axis=0)
    np.testing.assert_allclose(profile.payoffs(), expected)
    assert profile.regrets().shape == (2,)


def test_builder_refuses_before_allocating() -> None:
    b = TreeBuilder(["A"], max_nodes=100)
    h = b.declare(0, "wide", [str(i) for i in range(1000)])
    with pytest.raises(GameTooLargeError, match="exceeds the limit") as err:
        b.expand([b.root], [h])
    assert err.value.estimate["nodes"] == 1001
    assert b.n_nodes == 1
    big = TreeBuilder(["A"])
    wide = big.declare(0, "wide", [str(i) for i in range(10_000)])
    first = big.expand([big.root], [wide])
    with pytest.raises(GameTooLargeError) as err:
        big.expand(first + np.arange(10_000), wide)  # 10^8 more nodes: refused, nothing allocated
    assert err.value.estimate["nodes"] == 1 + 10_000 + 10**8
    assert big.n_nodes == 10_001


def test_builder_keeps_exactness_and_labels() -> None:
    b = TreeBuilder(["A", "B"], title="tiny")
    x, y = b.chance(b.root, {"x": Fraction(1, 3), "y": Fraction(2, 3)}, label="nature")
    b.terminal(x, [1, Fraction(1, 2)], label="end x", outcome_label="ox")
    left, right = b.decision(y, "B", ["l", "r"], infoset="b", infoset_label="B moves")
    b.terminals([left, right], np.array([[1, 2], [3, 4]]))
    tree = b.build()
    assert tree.is_exact and tree.title == "tiny"
    assert tree.node_labels[:2] == ("nature", "end x")
    assert tree.exact_action_probability == (Fraction(1, 3), Fraction(2, 3), None, None)
    assert tree.exact_payoffs is not None
    assert tree.exact_payoffs[tree.terminal_indices].tolist() == [[1, Fraction(1, 2)], [1, 2], [3, 4]]
    assert tree.outcome_labels[0] == "ox"
    assert tree.infoset_labels == ("", "B moves")
    b2 = TreeBuilder(["A"])
    (only,) = b2.decision(b2.root, 0, ["go"])
    b2.terminal(only, [0.5])
    assert b2.build().exact_payoffs is None
    b3 = TreeBuilder(["A"], exact=True)
    (only,) = b3.decision(b3.root, 0, ["go"])
    b3.terminal(only, [0.1])
    tree3 = b3.build()
    assert tree3.exact_payoffs is not None and tree3.exact_payoffs[1, 0] == Fraction(1, 10)


def _fresh() -> TreeBuilder:
    return TreeBuilder(["A", "B"])


@pytest.mark.parametrize(
    ("action", "match"),
    [
        pytest.param(lambda b: b.build(), "never made decision, chance or terminal", id="unset-root"),
        pytest.param(lambda b: (b.decision(0, 0, ["x"]), b.build()), "child 0 of node 0", id="unset-child"),
        pytest.param(lambda b: (b.terminal(0), b.terminal(0)), "already set", id="set-twice"),
        pytest.param(lambda b: b.terminal(5), "no node 5", id="no-such-node"),
        pytest.param(
            lambda b: (lambda k: b.decision(k[0], 1, ["a"], infoset="h"))(
                b.decision(0, 0, ["x"], infoset="h")
            ),
            "belongs to player 0",
            id="infoset-mixes-players",
        ),
        pytest.param(
            lambda b: (lambda k: b.decision(k[0], 0, ["a", "b"], infoset="h"))(
                b.decision(0, 0, ["x"], infoset="h")
            ),
            r"has actions \['x'\]",
            id="infoset-other-actions",
        ),
        pytest.param(
            lambda b: (lambda k: b.chance(k[0], [("a", 1)], infoset="h"))(
                b.decision(0, 0, ["x"], infoset="h")
            ),
            "belongs to player 0",
            id="infoset-decision-and-chance",
        ),
        pytest.param(
            lambda b: b.decision(0, 0, ["x", "x"]), "duplicate action labels", id="duplicate-actions"
        ),
        pytest.param(lambda b: b.decision(0, 0, []), "at least one action", id="no-actions"),
        pytest.param(lambda b: b.decision(0, 0), "actions must be given", id="missing-actions"),
        pytest.param(lambda b: b.decision(0, 7, ["x"]), "no player index 7", id="bad-player"),
        pytest.param(lambda b: b.decision(0, "Zed", ["x"]), "no player 'Zed'", id="bad-player-name"),
        pytest.param(
            lambda b: b.chance(0, [("a", Fraction(1, 3)), ("b", Fraction(1, 3))]),
            "sum to exactly 1",
            id="exact-sum",
        ),
        pytest.param(lambda b: b.chance(0, [("a", 0.3), ("b", 0.3)]), "must sum to 1", id="float-sum"),
        pytest.param(lambda b: b.chance(0, [("a", -1), ("b", 2)]), "≥ 0", id="negative"),
        pytest.param(lambda b: b.chance(0, [("a", "x")]), "not a number", id="non-numeric-probability"),
        pytest.param(
            lambda b: b.chance(0, [("a", float("nan"))]), "not a finite number", id="nan-probability"
        ),
        pytest.param(lambda b: b.terminal(0, [1]), "1 payoffs given for 2 players", id="payoff-length"),
        pytest.param(lambda b: b.terminal(0, [1, "abc"]), "not a number", id="payoff-not-number"),
        pytest.param(lambda b: b.terminal(0, [1, float("inf")]), "not a finite number", id="payoff-inf"),
        pytest.param(
            lambda b: (b.outcome(0, [1, 1]), b.outcome(0, [1, 1])),
            "already has an outcome",
            id="two-outcomes",
        ),
        pytest.param(lambda b: b.expand([0], [3]), "information-set ids", id="expand-bad-id"),
        pytest.param(
            lambda b: (lambda h: b.expand([0, 0], [h, h]))(b.declare(0, "h", ["x"])),
            "given twice",
            id="expand-twice",
        ),
        pytest.param(lambda b: b.terminals([0], [[1, 2, 3]]), "shape", id="terminals-shape"),
        pytest.param(lambda b: b.terminals([0], [[1, np.nan]]), "finite", id="terminals-nan"),
        pytest.param(
            lambda b: b.declare(0, "h", ["x"], probabilities=[1]), "takes no probabilities", id="player-probs"
        ),
        pytest.param(
            lambda b: b.declare(CHANCE, "h", ["x", "y"], probabilities=[1]),
            "1 probabilities for 2",
            id="prob-count",
        ),
    ],
)
def test_builder_rejects_bad_input(action, match: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidGameError, match=match):
        action(_fresh())


def test_builder_drops_unused_information_sets() -> None:
    b = TreeBuilder(["A"])
    b.declare(0, "unused", ["x"])
    b.terminal(b.root, [1])
    tree = b.build()
    assert tree.n_infosets == 0 and tree.n_nodes == 1 and tree.n_sequences == (1,)


def test_compile_validates_the_game() -> None:
    g = ExtensiveFormGame(["A"])
    g.set_decision(g.root, 0, ["x"])
    with pytest.raises(InvalidGameError):
        GameTree.from_extensive(g)


def test_repr_mentions_sizes() -> None:
    assert "58 nodes" in repr(kuhn_poker().compile())
