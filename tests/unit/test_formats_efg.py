"""Gambit .efg: tree structure, information sets, outcomes on inner nodes, exact chance, writer."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from games import limits
from games.errors import FormatError, GameTooLargeError, InvalidGameError
from games.extensive_form import CHANCE, ExtensiveFormGame, InformationSet
from games.formats import dumps, efg, load, loads

DATA = Path(__file__).resolve().parent.parent / "data" / "gambit"


def play_payoffs(game: ExtensiveFormGame) -> dict[tuple[str, ...], tuple[Any, ...]]:
    """The payoff of every play (sequence of action labels): outcomes summed along the path."""
    n = game.n_players
    out: dict[tuple[str, ...], tuple[Any, ...]] = {}
    stack: list[tuple[Any, tuple[str, ...], tuple[Any, ...]]] = [(game.root, (), (0,) * n)]
    while stack:
        node, path, acc = stack.pop()
        outcome = game.graph.nodes[node].get("outcome")
        if outcome is not None:
            acc = tuple(a + b for a, b in zip(acc, outcome.payoffs))
        children = game.children(node)
        if not children:
            out[path] = acc
        for child in children:
            stack.append((child, (*path, game.action_of(child)), acc))
    return out


def test_e02() -> None:
    game = load(DATA / "e02.efg")
    assert game.title == "Selten (IJGT, 75), Figure 2"
    assert game.players == ("Player 1", "Player 2")
    assert game.n_nodes == 7
    assert len(game.infosets) == 3
    root = game.infoset_of(game.root)
    assert (root.player, root.label, root.actions) == (0, "(1,1)", ("R", "L"))
    assert play_payoffs(game) == {
        ("R",): (1, 1),
        ("L", "R"): (0, 2),
        ("L", "L", "r"): (0, 3),
        ("L", "L", "l"): (2, 0),
    }


def test_outcomes_on_inner_nodes_add_up() -> None:
    game = load(DATA / "bayes2a.efg")
    assert game.n_nodes == 127
    plays = play_payoffs(game)
    # first stage: outcome 1 { 10, 2 } on player 1's node after 1G, 2g, H, h; then stage two adds again
    assert plays[("1G", "2g", "H", "h", "H", "h")] == (20, 4)
    assert plays[("1G", "2g", "H", "h", "L", "l")] == (14, 2)
    inner = [n for n in game.graph if game.graph.out_degree(n) and game.graph.nodes[n].get("outcome")]
    assert len(inner) == 16
    assert all(isinstance(v, Fraction) for p in plays.values() for v in p)


def test_missing_terminal_outcomes_are_zero_and_inner_ones_count() -> None:
    game = load(DATA / "2_player_chance_nonterm_outcomes_and_missing_term_outcomes.efg")
    plays = play_payoffs(game)
    assert plays[("H", "A", "X")] == (1, -1)  # inner outcome 1 only (terminal has outcome 0)
    assert plays[("H", "A", "Y")] == (-1, 1)  # inner 1 plus terminal -2
    assert plays[("L", "C", "Y")] == (1, -1)  # inner -1 plus terminal 2


def test_chance_probabilities_are_exact() -> None:
    game = load(DATA / "stripped_down_poker.efg")
    deal = game.infoset_of(game.root)
    assert deal.player == CHANCE
    assert deal.probabilities == (Fraction(1, 2), Fraction(1, 2))
    assert game.title == "A simple Poker game"


def test_infoset_repeats_may_omit_or_repeat_the_description() -> None:
    full = loads(
        'EFG 2 R "" { "A" "B" } p "" 1 1 "I" { "a" "b" } 0 '
        'p "" 2 1 "J" { "x" "y" } 0 t "" 0 t "" 0 p "" 2 1 "J" { "x" "y" } 0 t "" 0 t "" 0',
        "efg",
    )
    short = loads(
        'EFG 2 R "" { "A" "B" } p "" 1 1 "I" { "a" "b" } 0 '
        'p "" 2 1 "J" { "x" "y" } 0 t "" 0 t "" 0 p "" 2 1 0 t "" 0 t "" 0',
        "efg",
    )
    assert full == short
    assert len(full.infosets) == 2


def test_outcome_repeats_may_omit_the_description() -> None:
    game = loads('EFG 2 R "" { "A" } p "" 1 1 "" { "a" "b" } 0 t "" 7 "w" { 1/2 } t "" 7', "efg")
    assert sorted(play_payoffs(game).values()) == [(Fraction(1, 2),), (Fraction(1, 2),)]


def test_duplicate_node_and_infoset_labels_are_allowed() -> None:
    game = loads(
        'EFG 2 R "" { "A" } p "same" 1 1 "dup" { "a" "b" } 0 t "same" 0 p "same" 1 2 "dup" { "c" "d" } 0 '
        't "same" 0 t "same" 0',
        "efg",
    )
    assert game.n_nodes == 5
    assert {info.label for info in game.infosets.values()} == {"dup"}


def test_comment_is_optional_and_numbers_may_be_decimals() -> None:
    with_comment = loads(
        'EFG 2 R "t" { "A" } "comment" c "" 1 "" { "h" 0.25 "t" 3/4 } 0 t "" 0 t "" 1 "" { -.5 }', "efg"
    )
    without = loads('EFG 2 R "t" { "A" } c "" 1 "" { "h" 1/4 "t" 0.75 } 0 t "" 0 t "" 1 "" { -1/2 }', "efg")
    assert with_comment == without


def test_deep_tree_reads_without_recursion() -> None:
    depth = 100_000
    text = (
        'EFG 2 R "deep" { "A" }\np "" 1 1 "" { "go" } 0\n'
        + 'p "" 1 1 0\n' * (depth - 1)
        + 't "" 1 "end" { 1 }\n'
    )
    game = loads(text, "efg")
    assert game.n_nodes == depth + 1
    node, steps = game.root, 0
    while game.children(node):
        (node,) = game.children(node)
        steps += 1
    assert steps == depth
    assert game.graph.nodes[node]["outcome"].payoffs == (1,)
    assert len(dumps(game, "efg").splitlines()) == depth + 3  # header, blank line, one line per node


def test_writer_output() -> None:
    game = ExtensiveFormGame(["A", "B"], title='say "hi"')
    h, t = game.set_chance(game.root, {"H": Fraction(1, 3), "T": Fraction(2, 3)}, infoset_label="coin")
    a, b = game.set_decision(h, 0, ["a", "b"], infoset="x", infoset_label="I")
    game.set_outcome(h, [1, Fraction(-1, 18)], label="fee")
    game.set_terminal(a, [0.5, 2])
    game.set_terminal(b)
    c, d = game.set_decision(t, 0, infoset="x")
    game.set_terminal(c, [0.5, 2])
    game.set_terminal(d, [0, 0])
    text = dumps(game, "efg")
    assert text.splitlines() == [
        'EFG 2 R "say \\"hi\\"" { "A" "B" }',
        "",
        'c "" 1 "coin" { "H" 1/3 "T" 2/3 } 0',
        'p "" 1 1 "I" { "a" "b" } 1 "fee" { 1, -1/18 }',
        't "" 2 "" { 0.5, 2 }',
        't "" 0',
        'p "" 1 1 "I" { "a" "b" } 0',
        't "" 2 "" { 0.5, 2 }',
        't "" 3 "" { 0, 0 }',
    ]
    back = loads(text, "efg")
    assert play_payoffs(back) == play_payoffs(game)
    assert len(back.infosets) == 2


@pytest.mark.parametrize("path", sorted(DATA.glob("*.efg")), ids=lambda p: p.name)
def test_gambit_examples_round_trip(path: Path) -> None:
    game = load(path)
    assert loads(dumps(game, "efg"), "efg") == game


def test_float_chance_probabilities_are_written_as_fractions() -> None:
    game = ExtensiveFormGame(["A"])
    kids = game.set_chance(game.root, {"a": 1 / 3, "b": 1 / 3, "c": 1 / 3})
    for k in kids:
        game.set_terminal(k, [1])
    text = dumps(game, "efg")
    assert '{ "a" 1/3 "b" 1/3 "c" 1/3 }' in text
    assert loads(text, "efg").infoset_of(loads(text, "efg").root).probabilities == (Fraction(1, 3),) * 3


def test_exact_probabilities_absorbs_float_rounding_in_the_largest() -> None:
    probs = (0.1, 0.2, 1.0 - 0.1 - 0.2)
    exact = efg.exact_probabilities(InformationSet(CHANCE, 1, "", ("a", "b", "c"), probs))
    assert sum(exact) == 1
    assert all(abs(float(e) - p) <= 1e-12 for e, p in zip(exact, probs))


def test_exact_probabilities_refuses_floats_far_from_a_distribution() -> None:
    with pytest.raises(InvalidGameError, match="sum to exactly 1"):
        efg.exact_probabilities(InformationSet(CHANCE, 1, "", ("a", "b"), (0.5, 0.4999)))


def test_writer_refuses_an_unset_node() -> None:
    game = ExtensiveFormGame(["A"])
    left, _ = game.set_decision(game.root, 0, ["l", "r"])
    game.set_terminal(left, [1])
    with pytest.raises(InvalidGameError, match="neither decision, chance nor terminal"):
        dumps(game, "efg")


def _efg(body: str) -> str:
    return 'EFG 2 R "" { "A" "B" }\n' + body


@pytest.mark.parametrize(
    ("body", "message", "line"),
    [
        pytest.param(
            'c "" 1 "" { "a" 1/2 "b" 1/3 } 0\nt "" 0\nt "" 0', r"sum to 5/6, not exactly 1", 2, id="sum"
        ),
        pytest.param(
            'c "" 1 "" { "a" 0.3333 "b" 0.6666 } 0\nt "" 0\nt "" 0', "not exactly 1", 2, id="decimals"
        ),
        pytest.param(
            'c "" 1 "" { "a" -1/2 "b" 3/2 } 0\nt "" 0\nt "" 0',
            "negative chance probability",
            2,
            id="negative",
        ),
        pytest.param(
            'c "" 1 "" { "a" "b" } 0\nt "" 0\nt "" 0', "missing chance probability", 2, id="no-probs"
        ),
        pytest.param(
            'p "" 1 1 "" { "a" "a" } 0\nt "" 0\nt "" 0', "duplicate action label 'a'", 2, id="dup-action"
        ),
        pytest.param('p "" 3 1 "" { "a" } 0\nt "" 0', "no player 3", 2, id="player-range"),
        pytest.param('p "" 0 1 "" { "a" } 0\nt "" 0', "less than 1", 2, id="player-zero"),
        pytest.param('p "" 1 1 0\nt "" 0', "used before it is defined", 2, id="undefined-infoset"),
        pytest.param('p "" 1 1 "" { } 0', "has no actions", 2, id="no-actions"),
        pytest.param(
            'p "" 1 1 "I" { "a" "b" } 0\np "" 1 1 "I" { "a" "c" } 0\nt "" 0\nt "" 0\nt "" 0',
            "does not match its definition on line 2: actions",
            3,
            id="infoset-actions",
        ),
        pytest.param(
            'p "" 1 1 "I" { "a" "b" } 0\np "" 1 1 "K" { "a" "b" } 0\nt "" 0\nt "" 0\nt "" 0',
            "label 'K' differs",
            3,
            id="infoset-label",
        ),
        pytest.param(
            'c "" 1 "" { "a" 1/2 "b" 1/2 } 0\nc "" 1 "" { "a" 1/3 "b" 2/3 } 0\nt "" 0\nt "" 0\nt "" 0',
            "probabilities",
            3,
            id="chance-mismatch",
        ),
        pytest.param('t "" 1', "outcome 1 is used before it is defined", 2, id="undefined-outcome"),
        pytest.param('t "" 0 "x" { 1, 2 }', "null outcome 0", 2, id="null-outcome-named"),
        pytest.param('t "" 1 "x" { 1 }', "1 payoffs for 2 players", 2, id="few-payoffs"),
        pytest.param('t "" 1 "x" { 1, 2, 3 }', "more than 2 payoffs", 2, id="many-payoffs"),
        pytest.param('t "" 1 "x" { 1, y }', "non-numeric payoff", 2, id="non-numeric"),
        pytest.param(
            'p "" 1 1 "" { "a" "b" } 0\nt "" 1 "x" { 1, 2 }\nt "" 1 "x" { 1, 3 }',
            "does not match its definition on line 3",
            4,
            id="outcome-mismatch",
        ),
        pytest.param(
            'p "" 1 1 "" { "a" "b" } 0\nt "" 0',
            "truncated file: the tree still needs 1 node",
            3,
            id="truncated",
        ),
        pytest.param('t "" 0\nt "" 0', "trailing data after the last node", 3, id="trailing"),
        pytest.param('x "" 0', "bad node type", 2, id="node-type"),
        pytest.param('p "" 1 1 "" { "a" } 0\nt "unclosed 0', "unbalanced quote", 3, id="quote"),
    ],
)
def test_errors_name_the_line(body: str, message: str, line: int) -> None:
    with pytest.raises(FormatError, match=message) as info:
        loads(_efg(body), "efg", path="bad.efg")
    assert info.value.line == line
    assert info.value.column is not None
    assert re.match(rf"bad\.efg, line {line}, column \d+: ", str(info.value))


@pytest.mark.parametrize(
    ("header", "message"),
    [
        pytest.param('NFG 2 R "" { "A" } t "" 0', "not a Gambit extensive-form", id="not-efg"),
        pytest.param('EFG 1 R "" { "A" } t "" 0', "unsupported EFG version", id="version"),
        pytest.param('EFG 2 R "" { "A" "A" } t "" 0', "duplicate player label 'A'", id="dup-player"),
        pytest.param('EFG 2 R "" { } t "" 0', "at least one player", id="no-player"),
    ],
)
def test_header_errors(header: str, message: str) -> None:
    with pytest.raises(FormatError, match=message) as info:
        loads(header, "efg", path="h.efg")
    assert info.value.line == 1


def test_tree_beyond_the_node_limit_is_refused_while_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_TREE_NODES", 50)
    text = 'EFG 2 R "" { "A" }\np "" 1 1 "" { "go" } 0\n' + 'p "" 1 1 0\n' * 100 + 't "" 0\n'
    with pytest.raises(GameTooLargeError) as info:
        loads(text, "efg")
    assert info.value.estimate["nodes"] == 51
