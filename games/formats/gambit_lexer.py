"""A tokenizer for Gambit's ``.nfg`` and ``.efg`` files, with line and column.

Gambit's savefiles are a stream of whitespace-separated tokens (whitespace is
insignificant except inside quotes):

* **text**: ``"..."``; ``\\"`` stands for a quote and ``\\\\`` for a backslash;
  every other backslash pair is kept as written (``"a\\b"`` is the three
  characters ``a\\b``). Gambit itself keeps ``\\\\`` as two characters; reading it
  as one is what lets a label end in a backslash, and a backslash before
  anything but a quote or a backslash reads the same either way;
* **number**: an optional sign and an integer, a decimal (``.5``, ``1.``,
  ``1.5e-3``) or a rational ``a/b``; every number is an exact rational, so
  ``0.1`` is ``1/10``;
* **symbol**: an unquoted word such as ``NFG``, ``R``, ``p``, ``c`` or ``t``;
* the punctuation ``{``, ``}`` and ``,``.

:class:`GambitLexer` yields :class:`Token` objects carrying their 1-based line
and column, so that a parser can raise :class:`~games.errors.FormatError`
naming the exact place of a problem. :func:`parse_number` turns a number's text
into a :class:`~fractions.Fraction`, refusing what would not fit a 64-bit float
(the working form of every payoff) before doing expensive arithmetic.

References
----------
.. [1] The Gambit Project, "Game representation formats",
   https://gambitproject.readthedocs.io/en/latest/formats.html
"""

from __future__ import annotations

import bisect
import enum
import re
import sys
from fractions import Fraction
from typing import NamedTuple

from games.errors import FormatError
from games.rationals import NUMBER_PATTERN

__all__ = [
    "TokenKind",
    "Token",
    "GambitLexer",
    "parse_number",
    "quote_text",
    "MAX_NUMBER_CHARS",
    "MAX_EXPONENT",
]

#: Longest number text accepted (Python refuses to convert longer digit strings).
MAX_NUMBER_CHARS = 4000
#: Largest decimal exponent accepted, e.g. ``1e4000``; anything beyond it is out of float range
#: (or, for negative exponents, needs a denominator too large to be worth computing).
MAX_EXPONENT = 4000
_FLOAT_MAX = Fraction(sys.float_info.max)


class TokenKind(enum.Enum):
    """The kinds of token in a Gambit file (the value is how a message names it)."""

    NUMBER = "number"
    TEXT = "quoted text"
    SYMBOL = "symbol"
    LBRACE = "'{'"
    RBRACE = "'}'"
    COMMA = "','"
    EOF = "end of file"


class Token(NamedTuple):
    """One token: its kind, its text (unescaped for quoted text) and its offset in the file.

    :meth:`GambitLexer.position` turns the offset into a line and a column.
    """

    kind: TokenKind
    text: str
    offset: int

    def describe(self) -> str:
        """How an error message names this token: ``number 3``, ``"abc"``, ``'}'``..."""
        if self.kind is TokenKind.NUMBER:
            return f"number {_clip(self.text)}"
        if self.kind is TokenKind.TEXT:
            return f'quoted text "{_clip(self.text)}"'
        if self.kind is TokenKind.SYMBOL:
            return f"symbol '{_clip(self.text)}'"
        return self.kind.value


def _clip(text: str, limit: int = 40) -> str:
    text = text.encode("unicode_escape", "backslashreplace").decode("ascii")
    return text if len(text) <= limit else text[: limit - 3] + "..."


_TOKEN = re.compile(
    r"""
    \s*
    (?:
      (?P<text>"(?:[^"\\]|\\.)*")
    | (?P<word>[^\s{}",]+)
    | (?P<punct>[{},])
    | (?P<quote>")
    | (?P<end>\Z)
    )
    """,
    re.VERBOSE | re.DOTALL,
)
_PUNCT = {"{": TokenKind.LBRACE, "}": TokenKind.RBRACE, ",": TokenKind.COMMA}
_NUMBER_START = frozenset("0123456789+-.")
_INTEGER = re.compile(r"[+-]?\d+", re.ASCII)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_NUMBER_PARTS = re.compile(r"[+-]?(?:(\d+)/(\d+)|(\d*)\.?(\d*)(?:[eE]([+-]?\d+))?)", re.ASCII)


def _unescape(body: str) -> str:
    if "\\" not in body:
        return body
    return _ESCAPE.sub(lambda m: m.group(1) if m.group(1) in '"\\' else m.group(0), body)


def quote_text(text: str) -> str:
    """Quote ``text`` for a Gambit file.

    A quote is written ``\\"``; a backslash is doubled only where it would
    otherwise be misread (before a quote, before another backslash, or at the
    end), so labels such as ``C:\\games`` are written as they are.

    Raises
    ------
    ValueError
        If the text holds control characters (other than tab and newline),
        which no reader would take for text.

    Examples
    --------
    >>> print(quote_text('say "hi"'))
    "say \\"hi\\""
    >>> print(quote_text("back\\\\"))
    "back\\\\"
    """
    if _CONTROL.search(text):
        raise ValueError(f"the label {text!r} has control characters, which a Gambit file cannot hold")
    if "\\" not in text:
        return '"' + text.replace('"', '\\"') + '"'
    out = []
    last = len(text) - 1
    for i, ch in enumerate(text):
        if ch == '"':
            out.append('\\"')
        elif ch == "\\" and (i == last or text[i + 1] in '"\\'):
            out.append("\\\\")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def parse_number(text: str) -> Fraction:
    """The exact value of a number written as Gambit (and our native formats) write them.

    Accepts integers, decimals with an optional exponent, and rationals ``a/b``.

    Raises
    ------
    ValueError
        With a reason: not a number, a zero denominator, too many digits, an
        exponent out of range, or a magnitude beyond the 64-bit float range.

    Examples
    --------
    >>> parse_number("-1/18"), parse_number("0.1"), parse_number("1.5e-3")
    (Fraction(-1, 18), Fraction(1, 10), Fraction(3, 2000))
    """
    if len(text) > MAX_NUMBER_CHARS:
        raise ValueError(f"a number of {len(text)} characters is too long (limit {MAX_NUMBER_CHARS})")
    if not NUMBER_PATTERN.fullmatch(text):
        raise ValueError(f"'{_clip(text)}' is not a number")
    parts = _NUMBER_PARTS.fullmatch(text)
    assert parts is not None  # NUMBER_PATTERN matched, so this does too
    if parts.group(2) is not None and int(parts.group(2)) == 0:
        raise ValueError(f"'{_clip(text)}' has a zero denominator")
    exponent = parts.group(5)
    if exponent is not None and abs(int(exponent)) > MAX_EXPONENT:
        raise ValueError(f"the exponent of '{_clip(text)}' is out of range (limit ±{MAX_EXPONENT})")
    value = Fraction(text)
    if abs(value) > _FLOAT_MAX:
        raise ValueError(f"'{_clip(text)}' is beyond the range of 64-bit floats")
    return value


class GambitLexer:
    """Split a Gambit file into :class:`Token` objects, tracking line and column.

    Parameters
    ----------
    text
        The whole file.
    path
        The file's name, used in error messages.

    Examples
    --------
    >>> lex = GambitLexer('NFG 1 R "PD" { "A" "B" }')
    >>> [t.kind.name for t in (lex.next(), lex.next(), lex.next(), lex.next())]
    ['SYMBOL', 'NUMBER', 'SYMBOL', 'TEXT']
    >>> lex.position(lex.next())
    (1, 14)
    """

    def __init__(self, text: str, *, path: str | None = None) -> None:
        self.text = text
        self.path = path
        self._pos = 0
        self._peeked: Token | None = None
        self._numbers: dict[str, Fraction] = {}
        self._newlines: list[int] | None = None
        self._multiline_text: int | None = None  # offset of the last quoted text spanning lines

    # ------------------------------------------------------------------ positions
    def position(self, token: Token | int) -> tuple[int, int]:
        """The 1-based line and column of a token (or of an offset in the file)."""
        offset = token if isinstance(token, int) else token.offset
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self.text)]
        index = bisect.bisect_left(self._newlines, offset)
        line_start = self._newlines[index - 1] + 1 if index else 0
        return index + 1, offset - line_start + 1

    def line_of(self, token: Token) -> int:
        """The 1-based line of a token."""
        return self.position(token)[0]

    # ------------------------------------------------------------------ tokens
    def _scan(self) -> Token:
        match = _TOKEN.match(self.text, self._pos)
        assert match is not None  # some alternative matches any character, and \Z the end
        kind = match.lastgroup
        self._pos = match.end()
        if kind == "word":
            raw = match.group("word")
            start = match.start("word")
            if raw[0] in _NUMBER_START:
                if NUMBER_PATTERN.fullmatch(raw) is None:
                    line, column = self.position(start)
                    raise FormatError(
                        "malformed number",
                        path=self.path,
                        line=line,
                        column=column,
                        expected="a number such as 3, -1.5, 2e-3 or -1/18",
                        found=f"'{_clip(raw)}'",
                    )
                return Token(TokenKind.NUMBER, raw, start)
            return Token(TokenKind.SYMBOL, raw, start)
        if kind == "text":
            raw = match.group("text")
            if "\n" in raw:
                self._multiline_text = match.start("text")
            return Token(TokenKind.TEXT, _unescape(raw[1:-1]), match.start("text"))
        if kind == "punct":
            raw = match.group("punct")
            return Token(_PUNCT[raw], raw, match.start("punct"))
        if kind == "quote":
            line, column = self.position(match.start("quote"))
            raise FormatError(
                "unbalanced quote: this string is never closed",
                path=self.path,
                line=line,
                column=column,
                expected="a closing '\"'",
                found="end of file",
            )
        return Token(TokenKind.EOF, "", len(self.text))

    def next(self) -> Token:
        """Consume and return the next token (:attr:`TokenKind.EOF` at the end, repeatedly)."""
        if self._peeked is not None:
            token, self._peeked = self._peeked, None
            return token
        return self._scan()

    def peek(self) -> Token:
        """Return the next token without consuming it."""
        if self._peeked is None:
            self._peeked = self._scan()
        return self._peeked

    def rest_words(self) -> list[str] | None:
        """The rest of the file split at whitespace, if it holds no quotes, braces or commas.

        Nothing is consumed: a parser uses this as a fast path for a long run of
        numbers, calls :meth:`finish` once it has checked every word, and falls
        back to :meth:`next` (which locates errors) otherwise.
        """
        start = self._peeked.offset if self._peeked is not None else self._pos
        rest = self.text[start:]
        if '"' in rest or "{" in rest or "}" in rest or "," in rest:
            return None
        return rest.split()

    def finish(self) -> None:
        """Consume the rest of the file (after :meth:`rest_words` was checked)."""
        self._peeked = None
        self._pos = len(self.text)

    # ------------------------------------------------------------------ errors and expectations
    def error(self, message: str, token: Token, *, expected: str | None = None) -> FormatError:
        """A :class:`FormatError` at ``token``'s place; ``found`` describes the token."""
        line, column = self.position(token)
        if self._multiline_text is not None and self._multiline_text < token.offset:
            qline, qcolumn = self.position(self._multiline_text)
            message += f" (is the quote opened on line {qline}, column {qcolumn} unbalanced?)"
        return FormatError(
            message,
            path=self.path,
            line=line,
            column=column,
            expected=expected,
            found=token.describe() if expected is not None else None,
        )

    def expect(self, kind: TokenKind, expected: str, *, message: str | None = None) -> Token:
        """Consume the next token, which must be of ``kind``; else raise naming ``expected``."""
        token = self.next()
        if token.kind is not kind:
            if message is None:
                message = (
                    "unexpected end of file (truncated?)" if token.kind is TokenKind.EOF else "syntax error"
                )
            raise self.error(message, token, expected=expected)
        return token

    def expect_end(self, what: str) -> None:
        """Require the end of the file after ``what``."""
        token = self.next()
        if token.kind is not TokenKind.EOF:
            raise self.error(f"trailing data after {what}", token, expected="end of file")

    # ------------------------------------------------------------------ values
    def number(self, token: Token, what: str = "number") -> Fraction:
        """The exact value of a number token, or a :class:`FormatError` at it."""
        cached = self._numbers.get(token.text)
        if cached is not None:
            return cached
        try:
            value = parse_number(token.text)
        except ValueError as exc:
            raise self.error(f"bad {what}: {exc}", token) from None
        if len(self._numbers) < 100_000:
            self._numbers[token.text] = value
        return value

    def outcome_payoffs(self, outcome: int, count: int, opening: Token) -> list[Fraction]:
        """Read an outcome's payoffs, numbers with optional commas, up to and including the closing ``}``.

        Gambit writes an outcome's payoffs as ``3, -1/2 }`` after its name (in
        both ``.nfg`` and ``.efg`` files).

        Parameters
        ----------
        outcome
            The outcome's number, for error messages.
        count
            How many payoffs it must have (one per player).
        opening
            The ``{`` that opened the outcome, where a short list is reported.

        Raises
        ------
        FormatError
            At a payoff beyond ``count``, at anything else than a number or ``}``
            (or the end of the file), or at ``opening`` if fewer than ``count``
            payoffs were given.

        Examples
        --------
        >>> lex = GambitLexer('{ 1, -1/2 }')
        >>> lex.outcome_payoffs(1, 2, lex.next())
        [Fraction(1, 1), Fraction(-1, 2)]
        """
        payoffs: list[Fraction] = []
        while True:
            token = self.next()
            if token.kind is TokenKind.NUMBER:
                if len(payoffs) == count:
                    raise self.error(
                        f"wrong payoff count: outcome {outcome} has more than {count} payoffs",
                        token,
                        expected="'}'",
                    )
                payoffs.append(self.number(token, "payoff"))
                if self.peek().kind is TokenKind.COMMA:
                    self.next()
            elif token.kind is TokenKind.RBRACE:
                break
            else:
                raise self.error(
                    "unexpected end of file (truncated?)" if token.kind is TokenKind.EOF else "non-numeric payoff",
                    token,
                    expected="a numerical payoff or '}'",
                )
        if len(payoffs) != count:
            raise self.error(
                f"wrong payoff count: outcome {outcome} has {len(payoffs)} payoffs for {count} players", opening
            )
        return payoffs

    def integer(self, token: Token, what: str, *, minimum: int | None = None) -> int:
        """The value of a number token that must be an integer (at least ``minimum``)."""
        if token.kind is not TokenKind.NUMBER or _INTEGER.fullmatch(token.text) is None:
            raise self.error(f"bad {what}", token, expected=f"an integer {what}")
        if len(token.text) > 30:
            raise self.error(f"bad {what}: far too large", token, expected=f"a small integer {what}")
        value = int(token.text)
        if minimum is not None and value < minimum:
            raise self.error(
                f"bad {what}: {value} is less than {minimum}", token, expected=f"an integer ≥ {minimum}"
            )
        return value
