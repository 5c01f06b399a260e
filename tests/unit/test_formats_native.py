"""negotiate TOML and JSON: the documented examples, exactness, schema enforcement, every error's key path."""

from __future__ import annotations

import copy
import json
import tomllib
from fractions import Fraction
from pathlib import Path
from typing import Any

import jsonschema
import numpy as np
import pytest
import tomli_w

from games.errors import FormatError, GameTooLargeError
from games.extensive_form import CHANCE, ExtensiveFormGame
from games.formats import dumps, load, loads, native
from games.normal_form import NormalFormGame

NATIVE = Path(__file__).resolve().parent.parent / "data" / "native"
GAMBIT = Path(__file__).resolve().parent.parent / "data" / "gambit"
SCHEMA_DIR = Path(native.__file__).resolve().parent / "schema"


def text_of(doc: dict[str, Any], fmt: str) -> str:
    return json.dumps(doc) if fmt == "json" else tomli_w.dumps(doc)


# ---------------------------------------------------------------------- the documented examples
def test_documented_prisoners_dilemma_in_both_syntaxes() -> None:
    toml_game = load(NATIVE / "pd.toml")
    assert load(NATIVE / "pd.json") == toml_game
    assert toml_game.players == ("Row", "Column")
    assert toml_game.strategies == (("Cooperate", "Defect"),) * 2
    assert toml_game.exact_payoff(("Defect", "Cooperate")) == (5, 0)
    assert toml_game.exact_payoff(("Cooperate", "Defect")) == (0, 5)


def test_documented_row_form() -> None:
    game = load(NATIVE / "bos_rows.toml")
    assert game.exact_payoff(("Football", "Football")) == (Fraction(1, 2), Fraction(3, 2))
    assert game.exact_payoff(("Opera", "Football")) == (0, 0)


def test_documented_three_player_game_with_a_float_is_inexact() -> None:
    game = load(NATIVE / "three_player.toml")
    assert game.strategies == (("1", "2"),) * 3
    assert not game.is_exact
    assert game.payoffs[2, 1, 1, 1] == 0.5
    assert game.payoffs[0, 0, 0, 0] == 9.0


def test_documented_entry_deterrence() -> None:
    game = load(NATIVE / "entry.toml")
    assert game.players == ("Entrant", "Incumbent")
    assert game.n_nodes == 5
    assert game.infoset_of(game.root).actions == ("Out", "In")
    _, enter = game.children(game.root)
    fight, _ = game.children(enter)
    assert game.graph.nodes[fight]["outcome"].label == "price war"


def test_documented_signalling_game() -> None:
    game = load(NATIVE / "signalling.json")
    deal = game.infoset_of(game.root)
    assert deal.player == CHANCE
    assert deal.probabilities == (Fraction(1, 3), Fraction(2, 3))
    receiver = [info for (player, _), info in game.infosets.items() if player == 1]
    assert len(receiver) == 1  # both raises share the information set "after raise"
    high, _ = game.children(game.root)
    assert game.graph.nodes[high]["outcome"].payoffs == (-1, 0)


@pytest.mark.parametrize("name", ["nfg.schema.json", "efg.schema.json"])
def test_schemas_are_valid_json_schema(name: str) -> None:
    schema = json.loads((SCHEMA_DIR / name).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", sorted(NATIVE.iterdir()), ids=lambda p: p.name)
def test_documented_examples_validate_against_the_schema(path: Path) -> None:
    doc = json.loads(path.read_text()) if path.suffix == ".json" else tomllib.loads(path.read_text())
    jsonschema.validate(doc, native.schema(doc["format"]))


# ---------------------------------------------------------------------- exactness and writing
@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_numbers_keep_their_kind(fmt: str) -> None:
    doc = {
        "format": "negotiate.efg/1",
        "players": ["A"],
        "nodes": [
            {"id": "r", "actions": ["x", "y"], "probabilities": ["1/3", "2/3"], "children": ["a", "b"]},
            {"id": "a", "payoffs": [0.1]},
            {"id": "b", "payoffs": ["0.1"]},
        ],
    }
    game = loads(text_of(doc, fmt), fmt)
    a, b = game.children(game.root)
    assert game.graph.nodes[a]["outcome"].payoffs == (0.1,)
    assert isinstance(game.graph.nodes[a]["outcome"].payoffs[0], float)
    assert game.graph.nodes[b]["outcome"].payoffs == (Fraction(1, 10),)
    assert loads(dumps(game, fmt), fmt) == game


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_big_integers_and_fractions_survive(fmt: str) -> None:
    game = NormalFormGame([[10**30, Fraction(-1, 18), 2**63 - 1, -(2**63)]])
    text = dumps(game, fmt)
    assert f'"{10**30}"' in text and '"-1/18"' in text
    back = loads(text, fmt)
    assert back == game and back.is_exact


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_floats_survive_exactly(fmt: str) -> None:
    values = np.array([[[0.1, 1e300, 5e-324], [-0.0, 2.0, 1 / 3]], [[3.0, -1e-5, 7.25], [1.0, 0.2, 0.3]]])
    game = NormalFormGame(values)
    back = loads(dumps(game, fmt), fmt)
    assert not back.is_exact
    assert np.array_equal(back.payoffs, values)


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_strategy_counts_and_integral_floats(fmt: str) -> None:
    doc = {
        "format": "negotiate.nfg/1",
        "players": ["A", "B"],
        "strategies": [2, 1.0],
        "payoffs": [[[1], [2]], [[3], [4]]],
    }
    game = loads(text_of(doc, fmt), fmt)
    assert game.strategies == (("1", "2"), ("1",))


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_row_form_equals_dense_form(fmt: str) -> None:
    dense = load(NATIVE / "pd.toml")
    rows = {
        "format": "negotiate.nfg/1",
        "title": "Prisoner's dilemma",
        "players": ["Row", "Column"],
        "strategies": [["Cooperate", "Defect"], ["Cooperate", "Defect"]],
        "profiles": [
            {"profile": ["Defect", "Defect"], "payoffs": [1, 1]},
            {"profile": ["Cooperate", "Cooperate"], "payoffs": [3, 3]},
            {"profile": ["Defect", "Cooperate"], "payoffs": [5, 0]},
            {"profile": ["Cooperate", "Defect"], "payoffs": [0, 5]},
        ],
    }
    assert loads(text_of(rows, fmt), fmt) == dense


def test_toml_writer_is_readable() -> None:
    text = dumps(load(NATIVE / "pd.toml"), "toml")
    assert 'players = ["Row", "Column"]' in text
    assert "[3, 0]," in text and "[5, 1]," in text


def test_json_writer_is_readable() -> None:
    text = dumps(load(NATIVE / "entry.toml"), "json")
    assert '"actions": ["Out", "In"],' in text
    assert '"payoffs": [0, 2]' in text


@pytest.mark.parametrize("fmt", ["toml", "json"])
@pytest.mark.parametrize("path", sorted(GAMBIT.glob("*.*fg")), ids=lambda p: p.name)
def test_gambit_examples_round_trip(fmt: str, path: Path) -> None:
    game = load(path)
    assert loads(dumps(game, fmt), fmt) == game


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_labels_with_quotes_backslashes_and_unicode(fmt: str) -> None:
    game = NormalFormGame([[1, 2]], players=['q"\\t\x07é'], strategies=[["a\nb", "\\"]], title="tab\there")
    assert loads(dumps(game, fmt), fmt) == game


# ---------------------------------------------------------------------- errors
PD = {
    "format": "negotiate.nfg/1",
    "players": ["A", "B"],
    "strategies": [["x", "y"], ["x", "y"]],
    "payoffs": [[[1, 2], [3, 4]], [[5, 6], [7, 8]]],
}
TREE = {
    "format": "negotiate.efg/1",
    "players": ["A", "B"],
    "nodes": [
        {"id": "r", "player": "A", "infoset": "I", "actions": ["l", "r"], "children": ["a", "b"]},
        {"id": "a", "player": "B", "infoset": "J", "actions": ["u", "d"], "children": ["a1", "a2"]},
        {"id": "b", "player": "B", "infoset": "J", "actions": ["u", "d"], "children": ["b1", "b2"]},
        {"id": "a1", "payoffs": [1, 2]},
        {"id": "a2", "payoffs": [3, 4]},
        {"id": "b1", "payoffs": [5, 6]},
        {"id": "b2", "payoffs": [7, 8]},
    ],
}
CHANCE_TREE = {
    "format": "negotiate.efg/1",
    "players": ["A"],
    "nodes": [
        {"id": "r", "actions": ["h", "t"], "probabilities": ["1/2", "1/2"], "children": ["a", "b"]},
        {"id": "a", "payoffs": [1]},
        {"id": "b", "payoffs": [0]},
    ],
}


def edit(doc: dict[str, Any], change: Any) -> dict[str, Any]:
    out = copy.deepcopy(doc)
    change(out)
    return out


def _set(path: list[Any], value: Any) -> Any:
    def change(doc: dict[str, Any]) -> None:
        target = doc
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return change


def _delete(path: list[Any]) -> Any:
    def change(doc: dict[str, Any]) -> None:
        target = doc
        for part in path[:-1]:
            target = target[part]
        del target[path[-1]]

    return change


ERRORS = [
    # normal form
    pytest.param(PD, _set(["colour"], "red"), "unknown key 'colour'", "colour", id="unknown-root-key"),
    pytest.param(PD, _delete(["players"]), "missing required key 'players'", "players", id="missing-players"),
    pytest.param(PD, _set(["format"], "negotiate.nfg/2"), "unsupported version", "format", id="version"),
    pytest.param(PD, _set(["format"], "gambit"), "unknown format tag", "format", id="tag"),
    pytest.param(PD, _delete(["format"]), "missing key 'format'", "format", id="no-tag"),
    pytest.param(
        PD, _set(["players"], ["A", "A"]), "duplicate player label 'A'", "players[1]", id="dup-player"
    ),
    pytest.param(
        PD, _set(["strategies", 1], ["x", "x"]), "duplicate strategy", "strategies[1][1]", id="dup-strategy"
    ),
    pytest.param(
        PD, _set(["strategies"], [2]), "1 strategy entries for 2 players", "strategies", id="few-strategies"
    ),
    pytest.param(
        PD,
        _set(["strategies", 0], 0),
        "wrong value; expected a number of strategies",
        "strategies[0]",
        id="zero-strategies",
    ),
    pytest.param(
        PD, _set(["payoffs", 1, 0], [5, 6, 7]), "wrong array shape", "payoffs[1][0]", id="shape-inner"
    ),
    pytest.param(PD, _set(["payoffs", 0], [[1, 2]]), "wrong array shape", "payoffs[0]", id="shape-outer"),
    pytest.param(
        PD, _set(["payoffs", 0, 1, 1], [4]), "wrong array shape", "payoffs[0][1][1]", id="shape-leaf"
    ),
    pytest.param(
        PD, _set(["payoffs"], [[[1, 2], [3, 4]]]), "1 payoff tables for 2 players", "payoffs", id="tables"
    ),
    pytest.param(
        PD, _set(["payoffs", 0, 1, 0], "x"), "non-numeric value", "payoffs[0][1][0]", id="non-numeric"
    ),
    pytest.param(PD, _set(["payoffs", 0, 1, 0], True), "non-numeric value", "payoffs[0][1][0]", id="boolean"),
    pytest.param(
        PD, _set(["payoffs", 0, 1, 0], "1/0"), "zero denominator", "payoffs[0][1][0]", id="one-over-zero"
    ),
    pytest.param(PD, _set(["payoffs", 0, 0, 0], "1e999999"), "exponent", "payoffs[0][0][0]", id="huge"),
    pytest.param(
        PD, _set(["payoffs", 0, 0, 0], 10**400), "range of 64-bit floats", "payoffs[0][0][0]", id="big-int"
    ),
    pytest.param(PD, _set(["profiles"], []), "exactly one of", "payoffs", id="both-forms"),
    pytest.param(PD, _delete(["payoffs"]), "exactly one of", "payoffs", id="no-payoffs"),
    pytest.param(
        edit(PD, _delete(["payoffs"])),
        _set(["profiles"], [{"profile": ["x", "x"], "payoffs": [1, 2]}]),
        r"profile \['x', 'y'\] is missing",
        "profiles",
        id="rows-missing",
    ),
    pytest.param(
        edit(PD, _delete(["payoffs"])),
        _set(
            ["profiles"],
            [{"profile": ["x", "x"], "payoffs": [1, 2]}, {"profile": ["x", "x"], "payoffs": [1, 2]}],
        ),
        "listed twice",
        "profiles[1].profile",
        id="rows-duplicate",
    ),
    pytest.param(
        edit(PD, _delete(["payoffs"])),
        _set(["profiles"], [{"profile": ["x", "z"], "payoffs": [1, 2]}]),
        "unknown strategy 'z'",
        "profiles[0].profile[1]",
        id="rows-unknown-label",
    ),
    pytest.param(
        edit(PD, _delete(["payoffs"])),
        _set(["profiles"], [{"profile": ["x", "x"], "payoffs": [1]}]),
        "wrong payoff count",
        "profiles[0].payoffs",
        id="rows-payoff-count",
    ),
    pytest.param(
        edit(PD, _delete(["payoffs"])),
        _set(["profiles"], [{"profile": ["x", "x"], "payoffs": [1, 2], "note": ""}]),
        "unknown key 'note'",
        "profiles[0].note",
        id="rows-unknown-key",
    ),
    # extensive form
    pytest.param(
        TREE, _set(["nodes", 3, "colour"], 1), "unknown key 'colour'", "nodes[3].colour", id="node-key"
    ),
    pytest.param(TREE, _delete(["nodes", 3, "id"]), "missing required key 'id'", "nodes[3].id", id="node-id"),
    pytest.param(TREE, _set(["nodes", 4, "id"], "a1"), "duplicate node id 'a1'", "nodes[4].id", id="dup-id"),
    pytest.param(
        TREE, _set(["nodes", 1, "children", 1], "zz"), "dangling", "nodes[1].children[1]", id="dangling"
    ),
    pytest.param(
        TREE, _set(["nodes", 1, "children", 1], "a1"), "two parents", "nodes[1].children[1]", id="two-parents"
    ),
    pytest.param(
        TREE, _set(["nodes", 1, "children", 1], "r"), "cycle", "nodes[1].children[1]", id="cycle-root"
    ),
    pytest.param(
        TREE,
        lambda d: (
            d["nodes"][0].update(actions=["l"], children=["a"]),
            d["nodes"][2].update(children=["b1", "b"]),
        ),
        "cycle: 'b' → 'b'",
        "nodes[2].children[1]",
        id="cycle-detached",
    ),
    pytest.param(
        TREE,
        lambda d: d["nodes"][0].update(actions=["l"], children=["a"]),
        "cannot be reached",
        "nodes[2]",
        id="unreachable",
    ),
    pytest.param(
        TREE,
        _set(["nodes", 0, "actions"], ["l", "r", "m"]),
        "2 children for 3 actions",
        "nodes[0].children",
        id="arity",
    ),
    pytest.param(
        TREE, _delete(["nodes", 0, "children"]), "needs key 'children'", "nodes[0].children", id="no-children"
    ),
    pytest.param(
        TREE, _delete(["nodes", 0, "player"]), "needs a 'player'", "nodes[0].player", id="no-player"
    ),
    pytest.param(
        TREE, _set(["nodes", 0, "player"], "Z"), "unknown player 'Z'", "nodes[0].player", id="bad-player"
    ),
    pytest.param(
        TREE, _set(["nodes", 3, "player"], "A"), "terminal node", "nodes[3].player", id="terminal-player"
    ),
    pytest.param(
        TREE,
        _set(["nodes", 0, "actions"], ["l", "l"]),
        "duplicate action",
        "nodes[0].actions[1]",
        id="dup-action",
    ),
    pytest.param(
        TREE, _set(["nodes", 2, "player"], "A"), "mixes players", "nodes[2].player", id="infoset-players"
    ),
    pytest.param(
        TREE,
        _set(["nodes", 2, "actions"], ["u", "x"]),
        "mixes action sets",
        "nodes[2].actions",
        id="infoset-actions",
    ),
    pytest.param(
        TREE,
        lambda d: (d["nodes"][1].update(infoset_label="one"), d["nodes"][2].update(infoset_label="two")),
        "labelled 'one' elsewhere",
        "nodes[2].infoset_label",
        id="infoset-label",
    ),
    pytest.param(
        TREE, _set(["nodes", 3, "payoffs"], [1]), "wrong payoff count", "nodes[3].payoffs", id="payoff-count"
    ),
    pytest.param(
        TREE,
        _set(["nodes", 3, "payoffs"], [1, "a"]),
        "non-numeric value",
        "nodes[3].payoffs[1]",
        id="payoff-text",
    ),
    pytest.param(
        edit(TREE, _delete(["nodes", 3, "payoffs"])),
        _set(["nodes", 3, "outcome"], "x"),
        "needs key 'payoffs'",
        "nodes[3].payoffs",
        id="outcome-needs-payoffs",
    ),
    pytest.param(TREE, _set(["nodes"], []), "too few entries", "nodes", id="no-nodes"),
    pytest.param(
        CHANCE_TREE,
        _set(["nodes", 0, "probabilities"], ["1/2", "1/3"]),
        "sum to 5/6",
        "nodes[0].probabilities",
        id="probabilities-exact",
    ),
    pytest.param(
        CHANCE_TREE,
        _set(["nodes", 0, "probabilities"], [0.5, 0.4]),
        "sum to 0.9",
        "nodes[0].probabilities",
        id="probabilities-float",
    ),
    pytest.param(
        CHANCE_TREE,
        _set(["nodes", 0, "probabilities"], ["-1/2", "3/2"]),
        "negative",
        "nodes[0].probabilities[0]",
        id="probabilities-negative",
    ),
    pytest.param(
        CHANCE_TREE,
        _set(["nodes", 0, "probabilities"], ["1"]),
        "1 probabilities for 2 actions",
        "nodes[0].probabilities",
        id="probabilities-count",
    ),
    pytest.param(
        CHANCE_TREE,
        _set(["nodes", 0, "player"], "A"),
        "chance node",
        "nodes[0].player",
        id="chance-with-player",
    ),
]


@pytest.mark.parametrize("fmt", ["toml", "json"])
@pytest.mark.parametrize(("doc", "change", "message", "key"), ERRORS)
def test_errors_name_the_key(fmt: str, doc: dict[str, Any], change: Any, message: str, key: str) -> None:
    bad = edit(doc, change)
    with pytest.raises(FormatError, match=message) as info:
        loads(text_of(bad, fmt), fmt, path=f"bad.{fmt}")
    assert info.value.key == key
    assert str(info.value).startswith(f"bad.{fmt}, key '{key}': ")


@pytest.mark.parametrize(
    ("fmt", "text", "line", "column"),
    [
        pytest.param(
            "toml", 'format = "negotiate.nfg/1"\nplayers = ["A", \n', 3, 1, id="toml-unclosed-array"
        ),
        pytest.param("toml", 'format = "negotiate.nfg/1\nplayers = []\n', 1, 26, id="toml-unclosed-string"),
        pytest.param(
            "json", '{"format": "negotiate.nfg/1",\n "players": [1,]}', 2, 16, id="json-trailing-comma"
        ),
        pytest.param(
            "json", '{"format": "negotiate.nfg/1", \n"players": ["A}', 2, 13, id="json-unclosed-string"
        ),
    ],
)
def test_syntax_errors_give_line_and_column(fmt: str, text: str, line: int, column: int) -> None:
    with pytest.raises(FormatError, match="syntax error") as info:
        loads(text, fmt, path=f"s.{fmt}")
    assert (info.value.line, info.value.column) == (line, column)
    assert str(info.value).startswith(f"s.{fmt}, line {line}, column {column}: ")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param('{"format": "negotiate.nfg/1", "players": [NaN]}', "NaN is not a number"),
        pytest.param('{"format": "negotiate.nfg/1", "players": [Infinity]}', "Infinity is not a number"),
        pytest.param('{"format": "negotiate.nfg/1", "format": "x"}', "duplicate key 'format'"),
        pytest.param('["negotiate.nfg/1"]', "a game document is a table"),
        pytest.param("[" * 100_000, "nested too deeply"),
    ],
)
def test_json_specific_errors(text: str, message: str) -> None:
    with pytest.raises(FormatError, match=message) as info:
        loads(text, "json", path="j.json")
    assert info.value.path == "j.json"


def test_toml_infinity_is_not_a_payoff() -> None:
    text = 'format = "negotiate.nfg/1"\nplayers = ["A"]\nstrategies = [1]\npayoffs = [[inf]]\n'
    with pytest.raises(FormatError, match="not a finite number") as info:
        loads(text, "toml", path="i.toml")
    assert info.value.key == "payoffs[0][0]"


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_too_many_profiles_are_refused_before_allocation(fmt: str) -> None:
    doc = {
        "format": "negotiate.nfg/1",
        "players": ["A", "B"],
        "strategies": [10**6, 10**6],
        "payoffs": [[[0]], [[0]]],
    }
    with pytest.raises(GameTooLargeError, match="pure profiles") as info:
        loads(text_of(doc, fmt), fmt)
    assert info.value.estimate["profiles"] == 10**12


def test_to_data_refuses_a_non_game() -> None:
    with pytest.raises(TypeError, match="not a game"):
        native.to_data("nope")  # type: ignore[arg-type]


def test_an_extensive_game_keeps_outcome_labels_and_inner_outcomes() -> None:
    game = ExtensiveFormGame(["A"], title="t")
    a, b = game.set_decision(game.root, 0, ["a", "b"], infoset_label="only")
    game.set_outcome(game.root, [Fraction(1, 3)], label="fee")
    game.set_terminal(a, [2], label="leaf", outcome_label="win")
    game.set_terminal(b)
    for fmt in ("toml", "json"):
        back = loads(dumps(game, fmt), fmt)
        assert back == game


# ---------------------------------------------------------------------- the registry and the file API
def test_registry_names_extensions_and_kinds() -> None:
    from games.formats import FORMATS, format_for

    assert set(FORMATS) == {"nfg", "efg", "toml", "json"}
    assert format_for("x/Game.EFG").name == "efg"
    assert format_for("game.txt", format="JSON").name == "json"
    assert FORMATS["toml"].kinds == (NormalFormGame, ExtensiveFormGame)


def test_save_and_load_with_a_format_override(tmp_path: Path) -> None:
    from games.formats import save

    game = load(NATIVE / "entry.toml")
    target = tmp_path / "entry.txt"
    save(game, target, format="efg")
    assert target.read_text().startswith("EFG 2 R")
    assert load(target, format="efg") == game


def test_formats_refuse_the_other_kind_of_game() -> None:
    from games.errors import UnsupportedGameError

    with pytest.raises(
        UnsupportedGameError, match=r"not an extensive-form game \(convert it with game.to_normal_form"
    ):
        dumps(load(NATIVE / "entry.toml"), "nfg")
    with pytest.raises(UnsupportedGameError, match="holds extensive-form games, not a normal-form game"):
        dumps(load(NATIVE / "pd.toml"), "efg")


def test_save_names_the_file_when_a_label_cannot_be_written(tmp_path: Path) -> None:
    from games.formats import save

    game = NormalFormGame([[1, 2]], players=["bell\x07"])
    with pytest.raises(FormatError, match="control characters") as info:
        save(game, tmp_path / "bell.nfg")
    assert info.value.path == str(tmp_path / "bell.nfg")
    save(game, tmp_path / "bell.json")  # JSON escapes it
    assert load(tmp_path / "bell.json") == game


def test_loads_accepts_bytes_and_a_byte_order_mark() -> None:
    text = dumps(load(NATIVE / "pd.toml"), "nfg")
    assert loads(("\ufeff" + text).encode(), "nfg") == loads(text, ".nfg")


def test_unknown_format_name() -> None:
    with pytest.raises(
        FormatError, match="unknown format 'gam'; expected one of 'nfg', 'efg', 'toml', 'json'"
    ):
        loads("", "gam")
