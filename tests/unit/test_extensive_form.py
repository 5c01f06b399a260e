"""ExtensiveFormGame authoring: the builder, networkx input, validation."""

from __future__ import annotations

from fractions import Fraction

import networkx as nx
import pytest

from games import CHANCE, ExtensiveFormGame, InvalidGameError


def entry_deterrence() -> ExtensiveFormGame:
    g = ExtensiveFormGame(["Entrant", "Incumbent"], title="entry")
    out, enter = g.set_decision(g.root, "Entrant", ["Out", "In"])
    g.set_terminal(out, [0, 2])
    fight, accommodate = g.set_decision(enter, "Incumbent", ["Fight", "Accommodate"])
    g.set_terminal(fight, [-1, -1])
    g.set_terminal(accommodate, [1, 1])
    return g


def test_builder_structure() -> None:
    g = entry_deterrence()
    g.validate()
    assert g.n_nodes == 5 and len(g.infosets) == 2
    assert g.is_exact
    assert [g.action_of(c) for c in g.children(g.root)] == ["Out", "In"]
    assert g.infoset_of(g.root).actions == ("Out", "In")
    assert g.infoset_of(g.children(g.root)[0]) is None
    assert list(g.preorder())[:2] == [g.root, g.children(g.root)[0]]


def test_shared_information_set_and_chance() -> None:
    g = ExtensiveFormGame(2)
    hi, lo = g.set_chance(g.root, {"high": Fraction(1, 3), "low": Fraction(2, 3)})
    a = g.set_decision(hi, 0, ["raise", "fold"], infoset="p1")
    b = g.set_decision(lo, 0, infoset="p1")
    for node in a + b:
        g.set_terminal(node, [1, -1])
    g.validate()
    assert len(g.infosets) == 2  # chance's and player 1's shared one
    assert g.infosets[(CHANCE, next(k for p, k in g.infosets if p == CHANCE))].probabilities == (
        Fraction(1, 3),
        Fraction(2, 3),
    )


@pytest.mark.parametrize(
    ("build", "match"),
    [
        pytest.param(lambda g: g.set_chance(g.root, {"a": Fraction(1, 2), "b": Fraction(1, 3)}), "exactly 1",
                     id="chance-sum-exact"),
        pytest.param(lambda g: g.set_chance(g.root, {"a": 0.5, "b": 0.6}), "sum to 1", id="chance-sum-float"),
        pytest.param(lambda g: g.set_chance(g.root, {"a": -1, "b": 2}), "≥ 0", id="chance-negative"),
        pytest.param(lambda g: g.set_decision(g.root, 0, ["x", "x"]), "duplicate action", id="duplicate-actions"),
        pytest.param(lambda g: g.set_decision(g.root, 5, ["x"]), "no player index 5", id="bad-player"),
        pytest.param(lambda g: g.set_decision(g.root, 0), "actions must be given", id="no-actions"),
        pytest.param(lambda g: g.set_terminal(g.root, [1]), "1 payoffs given for 2 players", id="payoff-count"),
        pytest.param(lambda g: g.set_terminal(g.root, ["x", 1]), "not a number", id="payoff-nonnumeric"),
    ],
)
def test_builder_rejects(build, match) -> None:
    g = ExtensiveFormGame(2)
    with pytest.raises(InvalidGameError, match=match):
        build(g)


def test_information_set_must_keep_its_actions() -> None:
    g = ExtensiveFormGame(2)
    left, right = g.set_decision(g.root, 0, ["L", "R"])
    g.set_decision(left, 1, ["a", "b"], infoset="h")
    with pytest.raises(InvalidGameError, match="has actions"):
        g.set_decision(right, 1, ["a", "b", "c"], infoset="h")
    with pytest.raises(InvalidGameError, match="already a decision node"):
        g.set_decision(left, 1, ["a", "b"], infoset="h")


def test_validate_reports_unset_nodes() -> None:
    g = ExtensiveFormGame(1)
    g.set_decision(g.root, 0, ["a", "b"])
    with pytest.raises(InvalidGameError, match="neither decision, chance nor terminal"):
        g.validate()


def _graph_game() -> nx.DiGraph:
    t = nx.DiGraph()
    t.add_node("r", kind="decision", player=0, infoset="x")
    t.add_node("a", kind="terminal", outcome=None)
    t.add_node("b", kind="chance")
    t.add_node("b1", kind="terminal")
    t.add_node("b2", kind="terminal")
    t.add_edge("r", "a", action="stop", index=0)
    t.add_edge("r", "b", action="go", index=1)
    t.add_edge("b", "b1", action="up", index=0, probability="1/4")
    t.add_edge("b", "b2", action="down", index=1, probability="3/4")
    return t


def test_from_graph() -> None:
    g = ExtensiveFormGame.from_graph(_graph_game(), ["solo"])
    assert g.root == "r" and g.n_nodes == 5
    assert g.infoset_of("b").probabilities == (Fraction(1, 4), Fraction(3, 4))


def test_from_graph_rejects_cycles_and_two_parents() -> None:
    t = _graph_game()
    t.add_edge("b2", "r", action="loop", index=0)
    with pytest.raises(InvalidGameError, match="root"):
        ExtensiveFormGame.from_graph(t, ["solo"])
    with pytest.raises(InvalidGameError, match="cycle"):
        ExtensiveFormGame.from_graph(t, ["solo"], root="r")
    t = _graph_game()
    t.add_edge("a", "b1", action="x", index=0)
    t.nodes["a"]["kind"] = "decision"
    t.nodes["a"]["player"] = 0
    with pytest.raises(InvalidGameError, match="2 parents"):
        ExtensiveFormGame.from_graph(t, ["solo"])


def test_canonical_equality_ignores_node_ids_and_infoset_keys() -> None:
    g1, g2 = entry_deterrence(), entry_deterrence()
    assert g1 == g2
    g3 = entry_deterrence()
    g3.set_outcome(g3.root, [1, 0])
    assert g1 != g3
