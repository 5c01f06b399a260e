"""Random games survive every format unchanged: exact values exactly, floats bit for bit.

Gambit's formats hold only exact rationals, so a float written there reads back
as the decimal it prints as (``0.1`` → ``1/10``): equal as a float, and exact
from then on. TOML and JSON keep floats as floats.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from games.extensive_form import ExtensiveFormGame
from games.formats import dumps, loads
from games.normal_form import NormalFormGame
from games.rationals import to_fraction
from tests.strategies import extensive_form_games, normal_form_games


@settings(max_examples=150, deadline=None)
@given(game=normal_form_games(max_players=4, max_strategies=4), fmt=st.sampled_from(["nfg", "toml", "json"]))
def test_normal_form_round_trip(game: NormalFormGame, fmt: str) -> None:
    back = loads(dumps(game, fmt), fmt)
    assert back == game
    assert back.title == game.title
    assert np.array_equal(back.payoffs, game.payoffs)
    if game.is_exact:
        assert back.is_exact
        assert all(isinstance(v, Fraction) for v in back.exact_payoffs.reshape(-1))
        assert np.array_equal(back.exact_payoffs, game.exact_payoffs)
    elif fmt == "nfg":
        expected = np.vectorize(to_fraction, otypes=[object])(game.payoffs)
        assert np.array_equal(back.exact_payoffs, expected)
    else:
        assert not back.is_exact


@settings(max_examples=60, deadline=None)
@given(game=normal_form_games(max_players=2, max_strategies=6, payoffs="int", labelled=False))
def test_degenerate_integer_games_round_trip(game: NormalFormGame) -> None:
    for fmt in ("nfg", "toml", "json"):
        assert loads(dumps(game, fmt), fmt) == game


@settings(max_examples=120, deadline=None)
@given(game=extensive_form_games(max_players=4), fmt=st.sampled_from(["efg", "toml", "json"]))
def test_exact_extensive_form_round_trip(game: ExtensiveFormGame, fmt: str) -> None:
    back = loads(dumps(game, fmt), fmt)
    assert back == game
    assert back.is_exact


@settings(max_examples=60, deadline=None)
@given(game=extensive_form_games(max_players=3, exact=False), fmt=st.sampled_from(["toml", "json"]))
def test_float_extensive_form_round_trip_in_native_formats(game: ExtensiveFormGame, fmt: str) -> None:
    assert loads(dumps(game, fmt), fmt) == game


def _exact_rows(game: ExtensiveFormGame) -> list[tuple[Any, ...]]:
    """The canonical rows with payoffs as the decimals they print as and probabilities as floats."""

    def outcome(out: Any) -> Any:
        return None if out is None else (out[0], tuple(to_fraction(v) for v in out[1]))

    rows = []
    for row in game.canonical()[2]:
        if row[0] == "t":
            rows.append((row[0], row[1], outcome(row[2])))
        else:
            probs = None if row[6] is None else tuple(float(p) for p in row[6])
            rows.append((*row[:6], probs, outcome(row[7])))
    return rows


@settings(max_examples=60, deadline=None)
@given(game=extensive_form_games(max_players=3, exact=False))
def test_float_extensive_form_through_efg_reads_back_as_exact_decimals(game: ExtensiveFormGame) -> None:
    back = loads(dumps(game, "efg"), "efg")
    assert back.is_exact
    assert (back.title, back.players) == (game.title, game.players)
    got, want = _exact_rows(back), _exact_rows(game)
    assert len(got) == len(want)
    for g, w in zip(got, want):
        if g[0] == "t":
            assert g == w
            continue
        assert g[:6] == w[:6] and g[7] == w[7]
        if w[6] is not None:
            assert all(math.isclose(a, b, rel_tol=0, abs_tol=1e-12) for a, b in zip(g[6], w[6]))
    for info in back.infosets.values():
        if info.probabilities is not None:
            assert sum(info.probabilities) == 1


@settings(max_examples=40, deadline=None)
@given(game=extensive_form_games(max_players=2), chain=st.permutations(["efg", "toml", "json"]))
def test_conversion_chains_preserve_the_game(game: ExtensiveFormGame, chain: list[str]) -> None:
    current: Any = game
    for fmt in chain:
        current = loads(dumps(current, fmt), fmt)
    assert current == game
