"""The issue's list of bad input, in every format where it applies, read from files.

Each case asserts the error type, that the message names the file, and that it
names the line (Gambit files, TOML/JSON syntax) or the key path (TOML/JSON
content) of the problem.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from games import limits
from games.errors import FormatError, GameTooLargeError, InputError
from games.extensive_form import ExtensiveFormGame
from games.formats import dumps, load
from games.normal_form import NormalFormGame


def _normal_form() -> NormalFormGame:
    return NormalFormGame.from_bimatrix(
        [[3, 0], [5, Fraction(1, 2)]],
        [[3, 5], [0, 1]],
        players=["Row", "Col"],
        strategies=[["C", "D"], ["C", "D"]],
        title="pd",
    )


def _tree() -> ExtensiveFormGame:
    game = ExtensiveFormGame(["Alice", "Bob"], title="tree")
    king, queen = game.set_chance(game.root, {"King": "1/2", "Queen": "1/2"}, infoset_label="deal")
    for card in (king, queen):
        bet, fold = game.set_decision(card, "Alice", ["Bet", "Fold"])
        call, give = game.set_decision(bet, "Bob", ["Call", "Fold"], infoset="bob", infoset_label="response")
        game.set_terminal(call, [2, -2] if card == king else [-2, 2])
        game.set_terminal(give, [1, -1])
        game.set_terminal(fold, [-1, 1])
    return game


NFG_TEXT = dumps(_normal_form(), "nfg")
EFG_TEXT = dumps(_tree(), "efg")


def _doc(game: Any, fmt: str) -> dict[str, Any]:
    text = dumps(game, fmt)
    return json.loads(text) if fmt == "json" else tomllib.loads(text)


def _text(doc: dict[str, Any], fmt: str) -> str:
    return json.dumps(doc, indent=1) if fmt == "json" else tomli_w.dumps(doc)


def _native(kind: str, fmt: str, change: Callable[[dict[str, Any]], Any]) -> str:
    doc = _doc(_normal_form() if kind == "nfg" else _tree(), fmt)
    change(doc)
    return _text(doc, fmt)


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _fails(
    tmp_path: Path, ext: str, content: str | bytes, pattern: str, *, located: bool = True
) -> FormatError:
    path = _write(tmp_path, f"game.{ext}", content)
    with pytest.raises(FormatError, match=pattern) as info:
        load(path)
    error = info.value
    assert isinstance(error, InputError)
    assert error.path == str(path)
    assert str(error).startswith(str(path))
    if located:
        assert error.line is not None or error.key is not None, str(error)
        if error.line is not None:
            assert re.search(rf", line {error.line}(, column \d+)?: ", str(error))
        else:
            assert f"key '{error.key}'" in str(error)
    assert "\n" not in str(error)  # one line
    return error


def _node_of(doc: dict[str, Any], predicate: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    return next(node for node in doc["nodes"] if predicate(node))


# ---------------------------------------------------------------------- truncated file
@pytest.mark.parametrize(
    ("ext", "text", "pattern"),
    [
        ("nfg", NFG_TEXT[: NFG_TEXT.rindex("1")], "wrong payoff count.*file ends"),
        ("nfg", NFG_TEXT[:40], "unexpected end of file|unbalanced quote"),
        ("efg", EFG_TEXT[: EFG_TEXT.rindex("\nt ")], "truncated file: the tree still needs 1 node"),
        ("efg", EFG_TEXT[: len(EFG_TEXT) // 2], "truncated|unexpected end of file|unbalanced quote"),
        ("toml", dumps(_tree(), "toml")[: dumps(_tree(), "toml").index('"Bob"') + 2], "syntax error"),
        ("json", dumps(_tree(), "json")[: dumps(_tree(), "json").index('"Bob"') + 2], "syntax error"),
        (
            "toml",
            dumps(_tree(), "toml")[: dumps(_tree(), "toml").index("[[nodes]]")],
            "missing required key 'nodes'",
        ),
    ],
)
def test_truncated_file(tmp_path: Path, ext: str, text: str, pattern: str) -> None:
    _fails(tmp_path, ext, text, pattern)


# ---------------------------------------------------------------------- wrong payoff count
@pytest.mark.parametrize(
    ("ext", "text", "pattern"),
    [
        ("nfg", NFG_TEXT + "7\n", "wrong payoff count: more than 8 payoffs"),
        ("nfg", NFG_TEXT.replace("1/2 1\n", "1/2\n"), "wrong payoff count"),
        (
            "nfg",
            'NFG 1 R "" { "A" "B" } { 1 1 } { { "o" 1 2 3 } } 1',
            "wrong payoff count: outcome 1 has more",
        ),
        ("efg", EFG_TEXT.replace("{ 1, -1 }", "{ 1, -1, 0 }", 1), "wrong payoff count"),
        (
            "efg",
            EFG_TEXT.replace("{ 1, -1 }", "{ 1 }", 1),
            "wrong payoff count: outcome \\d+ has 1 payoffs for 2",
        ),
        (
            "toml",
            _native("efg", "toml", lambda d: _node_of(d, lambda n: "payoffs" in n)["payoffs"].pop()),
            "wrong payoff count",
        ),
        (
            "json",
            _native("efg", "json", lambda d: _node_of(d, lambda n: "payoffs" in n)["payoffs"].append(1)),
            "wrong payoff count",
        ),
    ],
)
def test_wrong_payoff_count(tmp_path: Path, ext: str, text: str, pattern: str) -> None:
    _fails(tmp_path, ext, text, pattern)


# ---------------------------------------------------------------------- non-numeric payoff
@pytest.mark.parametrize(
    ("ext", "text", "pattern"),
    [
        ("nfg", NFG_TEXT.replace("5 0", "5 five"), "non-numeric payoff"),
        ("nfg", 'NFG 1 R "" { "A" } { 1 } { { "o" x } } 1', "non-numeric payoff"),
        ("efg", EFG_TEXT.replace("{ 1, -1 }", "{ 1, one }", 1), "non-numeric payoff"),
        (
            "toml",
            _native("nfg", "toml", lambda d: d["payoffs"][0][0].__setitem__(1, "zero")),
            "non-numeric value",
        ),
        (
            "json",
            _native("nfg", "json", lambda d: d["payoffs"][1][1].__setitem__(0, [1])),
            "wrong array shape",
        ),
        (
            "json",
            _native(
                "efg", "json", lambda d: _node_of(d, lambda n: "payoffs" in n)["payoffs"].__setitem__(0, None)
            ),
            "non-numeric value",
        ),
        (
            "toml",
            _native(
                "efg", "toml", lambda d: _node_of(d, lambda n: "payoffs" in n)["payoffs"].__setitem__(0, True)
            ),
            "non-numeric value",
        ),
    ],
)
def test_non_numeric_payoff(tmp_path: Path, ext: str, text: str, pattern: str) -> None:
    _fails(tmp_path, ext, text, pattern)


# ---------------------------------------------------------------------- unbalanced quote
@pytest.mark.parametrize(
    ("ext", "text"),
    [
        ("nfg", NFG_TEXT.replace('"Col"', '"Col')),
        ("efg", EFG_TEXT.replace('"response"', '"response', 1)),
        ("toml", dumps(_normal_form(), "toml").replace('"Col"', '"Col')),
        ("json", dumps(_tree(), "json").replace('"Bob"', '"Bob', 1)),
    ],
)
def test_unbalanced_quote(tmp_path: Path, ext: str, text: str) -> None:
    error = _fails(tmp_path, ext, text, "unbalanced|syntax error")
    assert error.line is not None


# ---------------------------------------------------------------------- unknown key
@pytest.mark.parametrize("ext", ["toml", "json"])
@pytest.mark.parametrize(
    ("kind", "change", "key"),
    [
        ("nfg", lambda d: d.__setitem__("colour", "red"), "colour"),
        ("efg", lambda d: d["nodes"][2].__setitem__("weight", 1), "nodes[2].weight"),
    ],
)
def test_unknown_key(tmp_path: Path, ext: str, kind: str, change: Any, key: str) -> None:
    error = _fails(tmp_path, ext, _native(kind, ext, change), "unknown key")
    assert error.key == key


# ---------------------------------------------------------------------- wrong array shape
@pytest.mark.parametrize("ext", ["toml", "json"])
@pytest.mark.parametrize(
    ("change", "key"),
    [
        (lambda d: d["payoffs"][0].append([1, 2]), "payoffs[0]"),
        (lambda d: d["payoffs"][1][0].pop(), "payoffs[1][0]"),
        (lambda d: d["payoffs"].pop(), "payoffs"),
        (lambda d: d["strategies"].pop(), "strategies"),
    ],
)
def test_wrong_array_shape(tmp_path: Path, ext: str, change: Any, key: str) -> None:
    error = _fails(tmp_path, ext, _native("nfg", ext, change), "wrong array shape")
    assert error.key == key


# ---------------------------------------------------------------------- probabilities
@pytest.mark.parametrize(
    ("ext", "text"),
    [
        ("efg", EFG_TEXT.replace('"Queen" 1/2', '"Queen" 1/3')),
        ("efg", EFG_TEXT.replace('"King" 1/2 "Queen" 1/2', '"King" 0.3333 "Queen" 0.6666')),
        (
            "toml",
            _native("efg", "toml", lambda d: d["nodes"][0].__setitem__("probabilities", ["1/2", "1/3"])),
        ),
        ("json", _native("efg", "json", lambda d: d["nodes"][0].__setitem__("probabilities", [0.5, 0.6]))),
    ],
)
def test_probabilities_that_do_not_sum_to_one(tmp_path: Path, ext: str, text: str) -> None:
    _fails(tmp_path, ext, text, "sum to .*not (exactly )?1")


# ---------------------------------------------------------------------- information sets
def test_information_set_redefined_with_other_actions(tmp_path: Path) -> None:
    text = EFG_TEXT.replace('"response" { "Call" "Fold" }', '"response" { "Call" "Pass" }', 2).replace(
        '"response" { "Call" "Pass" }', '"response" { "Call" "Fold" }', 1
    )
    _fails(tmp_path, "efg", text, "does not match its definition.*actions")


@pytest.mark.parametrize("ext", ["toml", "json"])
@pytest.mark.parametrize(
    ("key", "value", "pattern"),
    [("player", "Alice", "mixes players"), ("actions", ["Call", "Pass"], "mixes action sets")],
)
def test_information_set_mixing_players_or_action_sets(
    tmp_path: Path, ext: str, key: str, value: Any, pattern: str
) -> None:
    def change(doc: dict[str, Any]) -> None:
        # Bob's second node in his information set (the first carries its label)
        _node_of(doc, lambda n: n.get("player") == "Bob" and "infoset_label" not in n)[key] = value

    _fails(tmp_path, ext, _native("efg", ext, change), pattern)


# ---------------------------------------------------------------------- duplicate labels
@pytest.mark.parametrize(
    ("ext", "text", "pattern"),
    [
        (
            "nfg",
            NFG_TEXT.replace('{ "C" "D" } {', '{ "C" "C" } {'),
            "duplicate strategy label 'C' of player 'Row'",
        ),
        ("nfg", NFG_TEXT.replace('"Col"', '"Row"', 1), "duplicate player label 'Row'"),
        ("efg", EFG_TEXT.replace('"Bet" "Fold"', '"Bet" "Bet"', 1), "duplicate action label 'Bet'"),
        ("efg", EFG_TEXT.replace('"Bob"', '"Alice"', 1), "duplicate player label 'Alice'"),
        (
            "toml",
            _native("nfg", "toml", lambda d: d["strategies"][1].__setitem__(1, "C")),
            "duplicate strategy",
        ),
        ("json", _native("nfg", "json", lambda d: d["players"].__setitem__(1, "Row")), "duplicate player"),
        (
            "toml",
            _native("efg", "toml", lambda d: d["nodes"][0]["actions"].__setitem__(1, "King")),
            "duplicate action",
        ),
        (
            "json",
            _native("efg", "json", lambda d: d["nodes"][3].__setitem__("id", d["nodes"][2]["id"])),
            "duplicate node id",
        ),
    ],
)
def test_duplicate_labels(tmp_path: Path, ext: str, text: str, pattern: str) -> None:
    _fails(tmp_path, ext, text, pattern)


# ---------------------------------------------------------------------- cycles
def _make_cycle(doc: dict[str, Any]) -> None:
    inner = [node for node in doc["nodes"][1:] if "children" in node]
    inner[-1]["children"][0] = inner[0]["id"]  # a descendant points back at an ancestor


@pytest.mark.parametrize("ext", ["toml", "json"])
def test_cycle_in_a_tree(tmp_path: Path, ext: str) -> None:
    error = _fails(tmp_path, ext, _native("efg", ext, _make_cycle), "cycle|two parents")
    assert error.key is not None and error.key.startswith("nodes[")


@pytest.mark.parametrize("ext", ["toml", "json"])
def test_cycle_through_the_root(tmp_path: Path, ext: str) -> None:
    def change(doc: dict[str, Any]) -> None:
        leaf = next(node for node in doc["nodes"] if "children" not in node)
        leaf.update(player="Alice", actions=["again"], children=[doc["nodes"][0]["id"]])
        leaf.pop("payoffs", None)

    error = _fails(tmp_path, ext, _native("efg", ext, change), "cycle")
    assert "→" in str(error)


# ---------------------------------------------------------------------- binary garbage, empty file
GARBAGE = bytes(range(256)) * 4


@pytest.mark.parametrize("ext", ["nfg", "efg", "toml", "json"])
@pytest.mark.parametrize(
    "content",
    [
        pytest.param(GARBAGE, id="all-bytes"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", id="png"),
        pytest.param(b"\xff\xfe" + "NFG".encode("utf-16-le"), id="utf-16"),
        pytest.param(b'NFG 1 R "" { "A" } { 1 }\n\x00\x01\x02', id="nul-after-text"),
    ],
)
def test_binary_garbage(tmp_path: Path, ext: str, content: bytes) -> None:
    error = _fails(tmp_path, ext, content, "not a text file")
    assert error.line is not None and error.column is not None


@pytest.mark.parametrize("ext", ["nfg", "efg", "toml", "json"])
@pytest.mark.parametrize("content", [pytest.param(b"", id="empty"), pytest.param(b" \n\t\n", id="blank")])
def test_empty_file(tmp_path: Path, ext: str, content: bytes) -> None:
    error = _fails(tmp_path, ext, content, "empty file", located=False)
    assert "game." + ext in str(error)


# ---------------------------------------------------------------------- too large
@pytest.mark.parametrize(
    ("ext", "text"),
    [
        ("nfg", 'NFG 1 R "" { "A" "B" "C" } { 10000 10000 10000 }\n'),
        (
            "toml",
            'format = "negotiate.nfg/1"\nplayers = ["A", "B"]\nstrategies = [100000000, 100000000]\npayoffs = [[[0]], [[0]]]\n',
        ),
        (
            "json",
            '{"format": "negotiate.nfg/1", "players": ["A"], "strategies": [10000000000], "payoffs": [[0]]}',
        ),
    ],
)
def test_too_many_profiles_are_refused_with_an_estimate(tmp_path: Path, ext: str, text: str) -> None:
    path = _write(tmp_path, f"big.{ext}", text)
    with pytest.raises(GameTooLargeError, match="pure profiles") as info:
        load(path)
    assert isinstance(info.value, InputError)
    assert info.value.estimate["profiles"] >= 10**10
    assert "GiB" in str(info.value) or "TiB" in str(info.value) or "PiB" in str(info.value)


@pytest.mark.parametrize("ext", ["efg", "toml", "json"])
def test_too_many_nodes_are_refused(tmp_path: Path, ext: str, monkeypatch: pytest.MonkeyPatch) -> None:
    text = dumps(_tree(), ext)
    monkeypatch.setattr(limits, "MAX_TREE_NODES", 5)
    path = _write(tmp_path, f"big.{ext}", text)
    with pytest.raises(GameTooLargeError, match="nodes") as info:
        load(path)
    assert info.value.estimate["nodes"] > 5


# ---------------------------------------------------------------------- unknown extension
def test_unknown_extension_lists_the_known_ones(tmp_path: Path) -> None:
    path = _write(tmp_path, "game.gam", "2\n2 2\n")
    with pytest.raises(FormatError, match="unknown file extension '.gam'") as info:
        load(path)
    assert ".nfg, .efg, .toml, .json" in str(info.value)
    assert str(path) in str(info.value)


def test_missing_file_is_a_format_error(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="cannot read the file") as info:
        load(tmp_path / "absent.nfg")
    assert str(tmp_path / "absent.nfg") in str(info.value)
