"""Gambit .nfg: both versions, both strategy headers, profile order, exact numbers, writer."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from games.errors import FormatError, GameTooLargeError
from games.formats import dumps, load, loads, nfg
from games.normal_form import NormalFormGame

DATA = Path(__file__).resolve().parent.parent / "data" / "gambit"

# e02 (Selten 1975, figure 2), exact payoffs per profile in Gambit's order (player 1 fastest)
E02_ROWS = [(1, 1), (0, 2), (0, 2), (1, 1), (0, 3), (2, 0)]


def _rows(game: NormalFormGame) -> list[tuple[Fraction, ...]]:
    return [tuple(r) for r in nfg.profile_table(game.exact_payoffs, game.shape).tolist()]


def test_e02_outcome_version() -> None:
    game = load(DATA / "e02.nfg")
    assert game.title == "Selten (IJGT, 75), Figure 2, normal form"
    assert game.players == ("Player 1", "Player 2")
    assert game.strategies == (("1", "2", "3"), ("1", "2"))
    assert game.is_exact
    assert _rows(game) == [tuple(Fraction(v) for v in row) for row in E02_ROWS]


def test_e02_payoff_version_with_numeric_header_is_the_same_game() -> None:
    assert load(DATA / "e02_payoff.nfg") == load(DATA / "e02.nfg")


@pytest.mark.parametrize(
    "header",
    [pytest.param("{ 3 2 }", id="counts"), pytest.param('{ { "1" "2" "3" } { "1" "2" } }', id="labels")],
)
@pytest.mark.parametrize(
    "body",
    [
        pytest.param("1 1 0 2 0 2 1 1 0 3 2 0", id="payoff-version"),
        pytest.param(
            '{ { "a" 1 1 } { "b" 0, 2 } { "c" 0 3 } { "d" 2, 0 } } 1 2 2 1 3 4', id="outcome-version"
        ),
    ],
)
@pytest.mark.parametrize(
    "comment", [pytest.param("", id="no-comment"), pytest.param('"a comment"', id="comment")]
)
def test_every_header_with_every_body(header: str, body: str, comment: str) -> None:
    text = f'NFG 1 R "e02" {{ "Player 1" "Player 2" }} {header} {comment} {body}'
    game = loads(text, "nfg")
    assert _rows(game) == [tuple(Fraction(v) for v in row) for row in E02_ROWS]


def test_profile_order_player_one_fastest() -> None:
    # payoffs encode the profile: player 1 gets 10*a1 + a2 (1-based)
    text = 'NFG 1 R "" { "A" "B" } { 3 2 } 11 0 21 0 31 0 12 0 22 0 32 0'
    game = loads(text, "nfg")
    for a1 in range(3):
        for a2 in range(2):
            assert game.exact_payoffs[0, a1, a2] == 10 * (a1 + 1) + (a2 + 1)


def test_three_player_profile_order() -> None:
    game = load(DATA / "2x2x2.nfg")
    assert game.shape == (2, 2, 2)
    # profile 4 is (2, 2, 1): outcome { 9, 8, 2 }; profile 6 is (2, 1, 2): { 3, 4, 6 }
    assert game.exact_payoff((1, 1, 0)) == (9, 8, 2)
    assert game.exact_payoff((1, 0, 1)) == (3, 4, 6)
    assert game.exact_payoff((0, 0, 0)) == (9, 8, 12)


def test_outcome_zero_is_the_null_outcome() -> None:
    game = loads('NFG 1 R "" { "A" "B" } { 2 1 } { { "x" 5 6 } } 0 1', "nfg")
    assert game.exact_payoff((0, 0)) == (0, 0)
    assert game.exact_payoff((1, 0)) == (5, 6)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("-1/18", Fraction(-1, 18)),
        ("0.1", Fraction(1, 10)),
        ("1.5e-3", Fraction(3, 2000)),
        (".5", Fraction(1, 2)),
        ("1.", Fraction(1)),
        ("+3", Fraction(3)),
        ("-0", Fraction(0)),
        ("2E2", Fraction(200)),
        ("123456789012345678901234567890", Fraction(123456789012345678901234567890)),
    ],
)
def test_numbers_are_exact_rationals(text: str, value: Fraction) -> None:
    game = loads(f'NFG 1 R "" {{ "A" }} {{ 1 }} {text}', "nfg")
    assert game.exact_payoffs[0, 0] == value
    assert isinstance(game.exact_payoffs[0, 0], Fraction)


def test_escaped_quotes_and_backslashes_in_text() -> None:
    text = r'NFG 1 R "say \"hi\"" { "C:\games" "end\\" } { 1 1 } 0 0'
    game = loads(text, "nfg")
    assert game.title == 'say "hi"'
    assert game.players == ("C:\\games", "end\\")
    assert loads(dumps(game, "nfg"), "nfg") == game


def test_labels_across_lines_keep_line_numbers() -> None:
    text = 'NFG 1 R "two\nlines" { "A" "B" }\n{ 2 2 }\n1 1 1 1\n1 1 x 1\n'
    with pytest.raises(FormatError) as info:
        loads(text, "nfg", path="multi.nfg")
    assert (info.value.line, info.value.column) == (5, 5)
    assert "multi.nfg, line 5, column 5" in str(info.value)


def test_empty_labels_get_defaults() -> None:
    game = loads('NFG 1 R "" { "" "B" } { { "" "1" "" } { "x" } } 1 2 3 4 5 6', "nfg")
    assert game.players == ("Player 1", "B")
    assert game.strategies[0] == ("1_2", "1", "3")
    assert game.strategies[1] == ("x",)


def test_d_number_type_is_accepted() -> None:
    assert loads('NFG 1 D "" { "A" } { 2 } 1 2', "nfg").exact_payoffs.tolist() == [[1, 2]]


def test_writer_produces_the_payoff_version_with_labels() -> None:
    game = NormalFormGame.from_bimatrix(
        [[3, 0], [5, 1]],
        [[3, 5], [0, 1]],
        players=["Row", "Column"],
        strategies=[["C", "D"], ["C", "D"]],
        title="PD",
    )
    text = dumps(game, "nfg")
    assert text.splitlines() == [
        'NFG 1 R "PD" { "Row" "Column" }',
        '{ { "C" "D" } { "C" "D" } }',
        "",
        "3 3",
        "5 0",
        "0 5",
        "1 1",
    ]
    assert loads(text, "nfg") == game


def test_writer_keeps_rationals_exact() -> None:
    game = NormalFormGame([[[Fraction(-1, 18), Fraction(7, 3)]], [[0, 10**30]]])
    text = dumps(game, "nfg")
    assert "-1/18" in text and "7/3" in text and str(10**30) in text
    back = loads(text, "nfg")
    assert back == game
    assert back.exact_payoffs[0, 0, 0] == Fraction(-1, 18)


def test_floats_are_written_so_they_read_back_equal() -> None:
    values = np.array([[[0.1, -1e-5, 1e300, 2.0 / 3.0]], [[5e-324, -0.0, 123456.789, 1.0]]])
    game = NormalFormGame(values)
    back = loads(dumps(game, "nfg"), "nfg")
    assert back == game
    assert back.is_exact and back.exact_payoffs[0, 0, 0] == Fraction(1, 10)
    assert np.array_equal(back.payoffs, game.payoffs)


def test_writer_refuses_control_characters() -> None:
    game = NormalFormGame([[1, 2]], players=["bell\x07"])
    with pytest.raises(FormatError, match="control characters"):
        dumps(game, "nfg")


@pytest.mark.parametrize(
    ("text", "message", "where"),
    [
        pytest.param('EFG 1 R "" { "A" } { 1 } 0', "not a Gambit strategic-form", (1, 1), id="not-nfg"),
        pytest.param('NFG 2 R "" { "A" } { 1 } 0', "unsupported NFG version", (1, 5), id="version"),
        pytest.param('NFG 1 Q "" { "A" } { 1 } 0', "bad number type", (1, 7), id="type"),
        pytest.param('NFG 1 R { "A" } { 1 } 0', "syntax error", (1, 9), id="no-title"),
        pytest.param('NFG 1 R "" { } { } ', "at least one player", (1, 14), id="no-players"),
        pytest.param('NFG 1 R "" { "A" } { 0 } ', "less than 1", (1, 22), id="zero-strategies"),
        pytest.param(
            'NFG 1 R "" { "A" } { 2.5 } 1 2', "bad number of strategies", (1, 22), id="count-not-int"
        ),
        pytest.param(
            'NFG 1 R "" { "A" "B" } { 2 } 1 2', "missing the number of strategies", (1, 28), id="few-counts"
        ),
        pytest.param('NFG 1 R "" { "A" } { { } } 1', "has no strategies", (1, 24), id="empty-list"),
        pytest.param(
            'NFG 1 R "" { "A" } { { "x" } { "y" } } 1', "bad strategy header", (1, 30), id="extra-list"
        ),
        pytest.param('NFG 1 R "" { "A" } { 1 } { { "o" 1 } } 2', "out of range", (1, 40), id="outcome-index"),
        pytest.param(
            'NFG 1 R "" { "A" } { 1 } { { "o" 1 2 } } 1', "wrong payoff count", (1, 36), id="outcome-payoffs"
        ),
        pytest.param(
            'NFG 1 R "" { "A" } { 1 } { { "o" } } 1', "wrong payoff count", (1, 28), id="outcome-no-payoffs"
        ),
        pytest.param(
            'NFG 1 R "" { "A" } { 1 } { { "o" 1 } } 1 1', "more outcome indices", (1, 42), id="extra-index"
        ),
        pytest.param('NFG 1 R "" { "A" } { 1 } 1/0', "zero denominator", (1, 26), id="one-over-zero"),
        pytest.param('NFG 1 R "" { "A" } { 1 } 1e999999', "exponent", (1, 26), id="huge-exponent"),
        pytest.param('NFG 1 R "" { "A" } { 1 } 1e400', "range of 64-bit floats", (1, 26), id="beyond-float"),
        pytest.param('NFG 1 R "" { "A" } { 1 } 1.2.3', "malformed number", (1, 26), id="malformed"),
        pytest.param('NFG 1 R "" { "A" } { 1 } 1 "junk"', "trailing data", (1, 28), id="trailing"),
        pytest.param('NFG 1 R "" { "A" } { 1 } ', "unexpected end of file", (1, 26), id="no-body"),
    ],
)
def test_errors_name_line_and_column(text: str, message: str, where: tuple[int, int]) -> None:
    with pytest.raises(FormatError, match=message) as info:
        loads(text, "nfg", path="bad.nfg")
    assert (info.value.line, info.value.column) == where
    assert str(info.value).startswith(f"bad.nfg, line {where[0]}, column {where[1]}: ")


def test_too_many_players() -> None:
    names = " ".join(f'"p{k}"' for k in range(40))
    with pytest.raises(FormatError, match="too many players"):
        loads(f'NFG 1 R "" {{ {names} }} {{ {" ".join("1" * 40)} }} 0', "nfg")


def test_header_declaring_too_many_profiles_is_refused_before_allocation() -> None:
    # 10^12 profiles; the body is absent, so nothing beyond the header could be read anyway
    with pytest.raises(GameTooLargeError) as info:
        loads('NFG 1 R "" { "A" "B" } { 1000000 1000000 }', "nfg")
    assert info.value.estimate["profiles"] == 10**12
    assert "1e+12 pure profiles" in str(info.value)


def test_astronomical_header_is_refused_too() -> None:
    counts = " ".join(["999999999999999999999999999999"] * 20)
    names = " ".join(f'"p{k}"' for k in range(20))
    with pytest.raises(GameTooLargeError, match="far beyond any memory"):
        loads(f'NFG 1 R "" {{ {names} }} {{ {counts} }}', "nfg")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("1 -2 +3 007", [1, -2, 3, 7], id="plain-integers"),
        pytest.param("1 2 3 99999999999999999999999", [1, 2, 3, 99999999999999999999999], id="beyond-int64"),
        pytest.param("1 2/4 3 0.25", [1, Fraction(1, 2), 3, Fraction(1, 4)], id="rationals"),
    ],
)
def test_integer_fast_path_agrees_with_exact_reading(body: str, expected: list) -> None:
    from games.formats import nfg

    game = nfg.loads('NFG 1 R "" { "A" "B" } { 2 1 } ' + body)
    assert list(game.exact_payoffs.transpose(1, 2, 0).reshape(-1)) == expected


@pytest.mark.parametrize("word", ["1_000", "\u0661\u0662"], ids=["underscore", "arabic-indic-digits"])
def test_integer_fast_path_refuses_what_gambit_refuses(word: str) -> None:
    from games.formats import nfg

    with pytest.raises(FormatError):
        nfg.loads('NFG 1 R "" { "A" "B" } { 2 1 } 1 2 3 ' + word)
