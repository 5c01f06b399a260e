"""Gambit's strategic-form format (``.nfg``), read and written with exact rationals.

A file is a header and a body::

    NFG 1 R "Prisoner's dilemma" { "Row" "Column" }
    { { "C" "D" } { "C" "D" } }
    ""
    3 3 5 0 0 5 1 1

The header gives the title, the players and, per player, either the strategy
labels (``{ { "C" "D" } { "C" "D" } }``) or just their number (``{ 2 2 }``),
then an optional comment. The body is either the *payoff version*, one payoff
per player for every profile, or the *outcome version*: a list of outcomes
``{ "name" 3, 3 }`` followed by one outcome index per profile (``0`` is the
null outcome, all zeros). Profiles are listed with **player 1's strategy
varying fastest**, like an odometer: for 3x2, (1,1), (2,1), (3,1), (1,2), ...

Every number is an exact rational (``0.1`` is ``1/10``), so a game read from a
file keeps exact payoffs. The writer produces the payoff version with labelled
strategies, one profile per line.

References
----------
.. [1] The Gambit Project, "The strategic game (.nfg) file format",
   https://gambitproject.readthedocs.io/en/latest/formats.nfgpay.html and
   https://gambitproject.readthedocs.io/en/latest/formats.nfgout.html
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from games.errors import FormatError, GameTooLargeError, InvalidGameError
from games.formats.gambit_lexer import GambitLexer, Token, TokenKind, parse_number, quote_text
from games.limits import check_normal_form_size
from games.normal_form import NormalFormGame
from games.rationals import format_rational

__all__ = [
    "loads",
    "dumps",
    "check_size",
    "read_header",
    "read_players",
    "resolve_labels",
    "profile_table",
    "game_array",
    "MAX_PLAYERS",
]

#: Most players a normal-form game may have: its payoff array has one axis per player
#: (plus one), and numpy arrays have at most 32 axes on numpy 1.x. Any such game with two
#: strategies per player is far beyond the size limits anyway.
MAX_PLAYERS = 31


def resolve_labels(
    lexer: GambitLexer,
    tokens: Sequence[Token],
    what: str,
    default: Callable[[int], str],
    context: str = "",
) -> list[str]:
    """Labels from text tokens: empty ones get ``default(k)`` (1-based), duplicates are errors.

    A default that collides with a given label gets a suffix ``_2``, ``_3``, ...

    Raises
    ------
    FormatError
        At the second occurrence of a duplicate label.
    """
    given = {t.text for t in tokens if t.text}
    seen: set[str] = set()
    out: list[str] = []
    for k, token in enumerate(tokens, start=1):
        label = token.text
        if not label:
            label = base = default(k)
            suffix = 2
            while label in given or label in seen:
                label = f"{base}_{suffix}"
                suffix += 1
        elif label in seen:
            raise lexer.error(f"duplicate {what} label {label!r}" + (f" {context}" if context else ""), token)
        seen.add(label)
        out.append(label)
    return out


def profile_table(values: np.ndarray, shape: Sequence[int]) -> np.ndarray:
    """Rearrange a game array ``(n, s_1, ..., s_n)`` into rows ``(profiles, n)``, player 1 fastest."""
    n = len(shape)
    return np.transpose(values, list(range(n, 0, -1)) + [0]).reshape(math.prod(shape), n)


def game_array(table: np.ndarray, shape: Sequence[int]) -> np.ndarray:
    """Inverse of :func:`profile_table`: rows ``(profiles, n)`` (player 1 fastest) to ``(n, s_1, ..., s_n)``."""
    n = len(shape)
    arr = table.reshape(tuple(reversed(shape)) + (n,))
    return np.transpose(arr, [n] + list(range(n - 1, -1, -1)))


def check_size(counts: Sequence[int]) -> int:
    """The number of profiles, after :func:`~games.limits.check_normal_form_size` accepts ``counts``.

    Counts whose product is beyond the float range (where the limit's own
    message could not be formatted) are refused here, with the same error type.

    Raises
    ------
    GameTooLargeError
        With an estimate of the number of profiles.
    """
    profiles = math.prod(counts)
    if profiles.bit_length() > 1000:
        raise GameTooLargeError(
            f"a game of {len(counts)} players with strategy counts {_clip_counts(counts)} has about "
            f"10^{len(str(profiles)) - 1} pure profiles, far beyond any memory",
            {"profiles": profiles, "payoff_entries": profiles * len(counts)},
        )
    return check_normal_form_size(counts, exact=True)


def _clip_counts(counts: Sequence[int]) -> str:
    text = str(list(counts))
    return text if len(text) <= 200 else text[:197] + "..."


def _read_texts(lex: GambitLexer, bad: str, expected: str) -> tuple[list[Token], Token]:
    """Quoted texts up to a ``}`` (after the ``{``): the text tokens and the ``}`` token.

    Anything else raises, with ``bad`` as the message (unless the file ends
    there) and ``expected`` as what was expected.
    """
    tokens: list[Token] = []
    while True:
        token = lex.next()
        if token.kind is TokenKind.TEXT:
            tokens.append(token)
        elif token.kind is TokenKind.RBRACE:
            return tokens, token
        else:
            raise lex.error(
                "unexpected end of file (truncated?)" if token.kind is TokenKind.EOF else bad,
                token,
                expected=expected,
            )


def read_header(lex: GambitLexer, tag: str, version: str, kind: str) -> str:
    """Read ``TAG VERSION R "title"``, the start of a Gambit file (``R`` or ``D``); return the title.

    ``kind`` names the file's kind in the message for a wrong tag
    (``not a Gambit strategic-form (.nfg) file``).
    """
    token = lex.next()
    if token.kind is not TokenKind.SYMBOL or token.text != tag:
        raise lex.error(f"not a Gambit {kind} (.{tag.lower()}) file", token, expected=f"'{tag}'")
    token = lex.next()
    if token.kind is not TokenKind.NUMBER or token.text != version:
        raise lex.error(f"unsupported {tag} version", token, expected=f"version {version}")
    token = lex.next()
    if token.kind is not TokenKind.SYMBOL or token.text not in ("R", "D"):
        raise lex.error("bad number type", token, expected="'R' or 'D'")
    return lex.expect(TokenKind.TEXT, "the quoted title of the game").text


def read_players(lex: GambitLexer, *, limit: int | None = None) -> list[str]:
    """Read ``{ "name" ... }``: at least one player, empty names defaulted, duplicates refused."""
    lex.expect(TokenKind.LBRACE, "'{' opening the list of players")
    tokens, token = _read_texts(lex, "bad list of players", "a quoted player name or '}'")
    if not tokens:
        raise lex.error("a game needs at least one player", token)
    if limit is not None and len(tokens) > limit:
        raise lex.error(f"too many players: {len(tokens)} (a normal-form game has at most {limit})", token)
    return resolve_labels(lex, tokens, "player", lambda k: f"Player {k}")


def _read_strategies(lex: GambitLexer, players: list[str]) -> tuple[list[int], list[list[str]] | None, Token]:
    """Strategy counts, labels (None for the numeric header), and the header's first token."""
    first = lex.expect(TokenKind.LBRACE, "'{' opening the strategies")
    token = lex.peek()
    counts: list[int] = []
    if token.kind is TokenKind.NUMBER:
        for player in players:
            token = lex.next()
            if token.kind is not TokenKind.NUMBER:
                raise lex.error(
                    f"missing the number of strategies of player {player!r}"
                    if token.kind is TokenKind.RBRACE
                    else "bad strategy count",
                    token,
                    expected=f"the number of strategies of player {player!r}",
                )
            counts.append(lex.integer(token, "number of strategies", minimum=1))
        lex.expect(TokenKind.RBRACE, f"'}}' after {len(players)} strategy counts")
        return counts, None, first
    if token.kind is not TokenKind.LBRACE:
        raise lex.error(
            "bad strategy header",
            lex.next(),
            expected='strategy counts { 2 2 } or labels { { "a" } { "b" } }',
        )
    labels: list[list[str]] = []
    for player in players:
        token = lex.next()
        if token.kind is not TokenKind.LBRACE:
            raise lex.error(
                f"missing the strategies of player {player!r}",
                token,
                expected=f"'{{' opening the strategy labels of player {player!r}",
            )
        tokens, token = _read_texts(lex, "bad strategy label", "a quoted strategy label or '}'")
        if not tokens:
            raise lex.error(f"player {player!r} has no strategies", token)
        labels.append(resolve_labels(lex, tokens, "strategy", str, f"of player {player!r}"))
        counts.append(len(tokens))
    lex.expect(
        TokenKind.RBRACE,
        f"'}}' closing the strategies ({len(players)} players)",
        message="bad strategy header",
    )
    return counts, labels, first


def _fast_numbers(lex: GambitLexer, count: int) -> list[Fraction] | np.ndarray | None:
    """The rest of the file as ``count`` numbers, or None to take the token-by-token path.

    All-integer bodies (the common case, and the large one) come back as an
    int64 array read in one pass; others as Fractions.
    """
    words = lex.rest_words()
    if words is None or len(words) != count:
        return None
    if _plain_integers(words):
        try:
            ints = np.fromiter(map(int, words), dtype=np.int64, count=count)
        except (ValueError, OverflowError):
            pass
        else:
            lex.finish()
            return ints
    cache: dict[str, Fraction] = {}
    values: list[Fraction] = []
    append = values.append
    try:
        for word in words:
            value = cache.get(word)
            if value is None:
                value = cache[word] = parse_number(word)
            append(value)
    except ValueError:
        return None
    lex.finish()
    return values


def _plain_integers(words: list[str]) -> bool:
    """Whether ``int`` may read these words as Gambit would: ASCII, no ``_`` separators.

    ``int`` would also take ``1_000`` and non-ASCII digits, which Gambit's
    grammar does not; one joined string is checked at C speed. Words that are
    not integers at all make ``int`` fail, and the caller falls back.
    """
    joined = "".join(words)
    return joined.isascii() and "_" not in joined


def _expect_end(lex: GambitLexer, too_many: str, what: str) -> None:
    """Require the end of the file after the body's ``what``; a number there is reported as ``too_many``."""
    if lex.peek().kind is TokenKind.NUMBER:
        raise lex.error(too_many, lex.next(), expected="end of file")
    lex.expect_end(what)


def _read_payoff_body(lex: GambitLexer, n_profiles: int, n_players: int) -> list[Fraction] | np.ndarray:
    total = n_profiles * n_players
    fast = _fast_numbers(lex, total)
    if fast is not None:
        return fast
    values: list[Fraction] = []
    append = values.append
    number = lex.number
    for k in range(total):
        token = lex.next()
        if token.kind is not TokenKind.NUMBER:
            if token.kind is TokenKind.EOF:
                raise lex.error(
                    f"wrong payoff count: the payoff version needs {total} payoffs "
                    f"({n_profiles} profiles × {n_players} players) but the file ends after {k}",
                    token,
                    expected="a numerical payoff",
                )
            raise lex.error("non-numeric payoff", token, expected="a numerical payoff")
        append(number(token, "payoff"))
    _expect_end(
        lex,
        f"wrong payoff count: more than {total} payoffs ({n_profiles} profiles × {n_players} players)",
        "the payoffs",
    )
    return values


def _read_outcome_body(
    lex: GambitLexer, n_profiles: int, players: list[str]
) -> tuple[np.ndarray, np.ndarray]:
    n = len(players)
    lex.expect(TokenKind.LBRACE, "'{' opening the list of outcomes")
    outcomes: list[tuple[Fraction, ...]] = [tuple(Fraction(0) for _ in range(n))]
    while True:
        token = lex.next()
        if token.kind is TokenKind.RBRACE:
            break
        if token.kind is not TokenKind.LBRACE:
            raise lex.error(
                "unexpected end of file (truncated?)" if token.kind is TokenKind.EOF else "bad outcome list",
                token,
                expected="'{' opening an outcome, or '}'",
            )
        opening = token
        lex.expect(TokenKind.TEXT, "a quoted outcome name")
        payoffs = lex.outcome_payoffs(len(outcomes), n, opening)
        outcomes.append(tuple(payoffs))
    words = lex.rest_words()
    if words is not None and len(words) == n_profiles and all(w.isdecimal() and len(w) < 19 for w in words):
        indices = np.array(words, dtype=np.int64) if words else np.empty(0, dtype=np.int64)
        if indices.size == 0 or indices.max() < len(outcomes):
            lex.finish()
            return _outcome_table(outcomes, n), indices
    indices = np.empty(n_profiles, dtype=np.int64)
    for k in range(n_profiles):
        token = lex.next()
        if token.kind is TokenKind.EOF:
            raise lex.error(
                f"truncated outcome table: {n_profiles} profiles need an outcome index each, "
                f"but the file ends after {k}",
                token,
                expected="an outcome index",
            )
        index = lex.integer(token, "outcome index", minimum=0)
        if index >= len(outcomes):
            raise lex.error(
                f"outcome index {index} out of range: there are {len(outcomes) - 1} outcomes (0 is the null outcome)",
                token,
            )
        indices[k] = index
    _expect_end(lex, f"more outcome indices than the {n_profiles} profiles", "the outcome indices")
    return _outcome_table(outcomes, n), indices


def _outcome_table(outcomes: list[tuple[Fraction, ...]], n: int) -> np.ndarray:
    table = np.empty((len(outcomes), n), dtype=object)
    for i, row in enumerate(outcomes):
        table[i, :] = row
    return table


def loads(text: str, *, path: str | None = None) -> NormalFormGame:
    """Read a game from the text of a ``.nfg`` file (either version, either strategy header).

    Parameters
    ----------
    text
        The file's contents.
    path
        The file name for error messages.

    Returns
    -------
    NormalFormGame
        With exact payoffs (Fractions).

    Raises
    ------
    FormatError
        With the line, column, what was expected and what was found.
    GameTooLargeError
        If the header declares more profiles than fit, before anything is allocated.

    Examples
    --------
    >>> g = loads('NFG 1 R "" { "A" "B" } { 2 2 } 3 3 5 0 0 5 1 1')
    >>> g.strategies, g.exact_payoff(("2", "1"))
    ((('1', '2'), ('1', '2')), (Fraction(5, 1), Fraction(0, 1)))
    """
    lex = GambitLexer(text, path=path)
    title = read_header(lex, "NFG", "1", "strategic-form")
    players = read_players(lex, limit=MAX_PLAYERS)
    counts, labels, header = _read_strategies(lex, players)
    n_profiles = check_size(counts)
    if labels is None:
        labels = [[str(k + 1) for k in range(c)] for c in counts]
    if lex.peek().kind is TokenKind.TEXT:
        lex.next()  # the optional comment
    token = lex.peek()
    n = len(players)
    if token.kind is TokenKind.NUMBER:
        body = _read_payoff_body(lex, n_profiles, n)
        if isinstance(body, np.ndarray):
            flat = body
        else:
            flat = np.empty(n_profiles * n, dtype=object)
            flat[:] = body
        rows = flat.reshape(n_profiles, n)
    elif token.kind is TokenKind.LBRACE:
        outcome_table, indices = _read_outcome_body(lex, n_profiles, players)
        rows = outcome_table[indices]
    else:
        raise lex.error(
            "unexpected end of file (truncated?)" if token.kind is TokenKind.EOF else "bad body",
            lex.next(),
            expected="payoffs (a number) or outcomes ('{')",
        )
    try:
        return NormalFormGame(game_array(rows, counts), players=players, strategies=labels, title=title)
    except InvalidGameError as exc:
        raise lex.error(str(exc), header) from None


def dumps(game: NormalFormGame) -> str:
    """Write ``game`` as a ``.nfg`` file (payoff version, labelled strategies).

    Exact payoffs are written as integers or ``a/b``; float payoffs so that
    they read back equal.

    Raises
    ------
    FormatError
        If a label cannot be written in Gambit's quoting (see :func:`quote_text`).

    Examples
    --------
    >>> g = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=["A", "B"])
    >>> print(dumps(g), end="")
    NFG 1 R "" { "A" "B" }
    { { "1" "2" } { "1" "2" } }
    <BLANKLINE>
    3 3
    5 0
    0 5
    1 1
    """
    try:
        header = [
            f"NFG 1 R {quote_text(game.title)} {{ {' '.join(quote_text(p) for p in game.players)} }}",
            "{ "
            + " ".join("{ " + " ".join(quote_text(s) for s in labs) + " }" for labs in game.strategies)
            + " }",
            "",
        ]
    except ValueError as exc:
        raise FormatError(str(exc)) from None
    values: Any = game.exact_payoffs if game.exact_payoffs is not None else game.payoffs
    rows = profile_table(values, game.shape)
    cache: dict[Any, str] = {}

    def fmt(v: Any) -> str:
        s = cache.get(v)
        if s is None:
            s = format_rational(v if isinstance(v, Fraction) else float(v))
            if len(cache) < 100_000:
                cache[v] = s
        return s

    body = [" ".join(fmt(v) for v in row) for row in rows.tolist()]
    return "\n".join(header + body) + "\n"
