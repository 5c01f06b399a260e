"""Gambit's extensive-form format (``.efg``), read and written with exact rationals.

A file is a header and the tree's nodes in preorder (a node, then the
subtrees of its children from first to last)::

    EFG 2 R "Entry" { "Entrant" "Incumbent" }
    ""
    p "" 1 1 "" { "Out" "In" } 0
    t "" 1 "stay out" { 0, 2 }
    p "" 2 1 "" { "Fight" "Accommodate" } 0
    t "" 2 "fight" { -1, -1 }
    t "" 3 "share" { 1, 1 }

* ``p "label" player infoset ["infoset label" { "action" ... }] outcome``: a
  decision node; ``player`` counts from 1, information sets are numbered per
  player;
* ``c "label" infoset ["infoset label" { "action" probability ... }] outcome``:
  a chance node; probabilities are exact and must sum to exactly 1;
* ``t "label" outcome``: a terminal node.

An outcome is ``0`` (none) or a number, followed at its first use by its name
and one payoff per player (``{ 1, -1 }``; commas optional). An information
set's label and actions must be given at its first node and may be repeated
later, identically. Outcomes may sit on inner nodes: the payoffs of a play are
the sum of the outcomes along its path (:meth:`ExtensiveFormGame.set_outcome`).
Duplicate node and information-set labels are allowed, as the format's
specification allows them.

The reader is iterative (an explicit stack of pending nodes), so a tree of any
depth reads without recursion, and it counts nodes as it goes
(:func:`~games.limits.check_tree_size`).

References
----------
.. [1] The Gambit Project, "The extensive game (.efg) file format",
   https://gambitproject.readthedocs.io/en/latest/formats.efg.html
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from games.errors import FormatError, InvalidGameError
from games.extensive_form import CHANCE, ExtensiveFormGame, InformationSet
from games.formats.gambit_lexer import GambitLexer, Token, TokenKind, quote_text
from games.formats.nfg import read_header, read_players, resolve_labels
from games.limits import check_tree_size
from games.rationals import format_rational, to_fraction

__all__ = ["loads", "dumps", "exact_probabilities"]


@dataclass(frozen=True)
class _InfosetSpec:
    label: str
    actions: tuple[str, ...]
    probabilities: tuple[Fraction, ...] | None
    line: int


@dataclass(frozen=True)
class _OutcomeSpec:
    label: str
    payoffs: tuple[Fraction, ...]
    line: int


def _owner(player: int, players: tuple[str, ...]) -> str:
    return "chance" if player == CHANCE else f"player {players[player]!r}"


def _read_infoset(
    lex: GambitLexer, chance: bool, number: int, who: str, player_count: int
) -> tuple[_InfosetSpec, Token] | None:
    """An information set's optional description: label and actions (with probabilities)."""
    if lex.peek().kind is not TokenKind.TEXT:
        return None
    label_token = lex.next()
    opening = lex.expect(TokenKind.LBRACE, "'{' opening the actions")
    actions: list[Token] = []
    probabilities: list[Fraction] = []
    while True:
        token = lex.next()
        if token.kind is TokenKind.RBRACE:
            break
        if token.kind is not TokenKind.TEXT:
            raise lex.error(
                "unexpected end of file (truncated?)" if token.kind is TokenKind.EOF else "bad action list",
                token,
                expected="a quoted action label" + (" and its probability" if chance else "") + " or '}'",
            )
        actions.append(token)
        if chance:
            ptoken = lex.next()
            if ptoken.kind is not TokenKind.NUMBER:
                raise lex.error(
                    "missing chance probability", ptoken, expected=f"the probability of action {token.text!r}"
                )
            p = lex.number(ptoken, "probability")
            if p < 0:
                raise lex.error(f"negative chance probability {ptoken.text}", ptoken)
            probabilities.append(p)
    if not actions:
        raise lex.error(f"information set {number} of {who} has no actions", opening)
    labels = resolve_labels(lex, actions, "action", str, f"in information set {number} of {who}")
    if chance and sum(probabilities) != 1:
        raise lex.error(
            f"chance probabilities of information set {number} sum to {sum(probabilities)}, "
            "not exactly 1 (decimals are exact: write 1/3, not 0.3333)",
            opening,
        )
    return (
        _InfosetSpec(
            label_token.text,
            tuple(labels),
            tuple(probabilities) if chance else None,
            lex.line_of(label_token),
        ),
        label_token,
    )


def _key(spec: _InfosetSpec) -> tuple[Any, ...]:
    return (spec.label, spec.actions, spec.probabilities)


def _describe_mismatch(old: _InfosetSpec, new: _InfosetSpec) -> str:
    if old.label != new.label:
        return f"label {new.label!r} differs from {old.label!r}"
    if old.actions != new.actions:
        return f"actions {list(new.actions)} differ from {list(old.actions)}"
    return (
        f"probabilities {[str(p) for p in new.probabilities or ()]} differ from "
        f"{[str(p) for p in old.probabilities or ()]}"
    )


def _read_outcome(lex: GambitLexer, outcomes: dict[int, _OutcomeSpec], n: int) -> _OutcomeSpec | None:
    token = lex.next()
    if token.kind is not TokenKind.NUMBER:
        raise lex.error(
            "unexpected end of file (truncated?)" if token.kind is TokenKind.EOF else "missing outcome",
            token,
            expected="an outcome number (0 for none)",
        )
    number = lex.integer(token, "outcome number", minimum=0)
    if lex.peek().kind is not TokenKind.TEXT:
        if number == 0:
            return None
        spec = outcomes.get(number)
        if spec is None:
            raise lex.error(
                f"outcome {number} is used before it is defined",
                token,
                expected="its quoted name and payoffs",
            )
        return spec
    name = lex.next()
    if number == 0:
        raise lex.error("the null outcome 0 cannot have a name or payoffs", name)
    opening = lex.expect(TokenKind.LBRACE, "'{' opening the payoffs")
    payoffs = lex.outcome_payoffs(number, n, opening)
    spec = _OutcomeSpec(name.text, tuple(payoffs), lex.line_of(token))
    old = outcomes.get(number)
    if old is None:
        outcomes[number] = spec
        return spec
    if (old.label, old.payoffs) != (spec.label, spec.payoffs):
        raise lex.error(
            f"outcome {number} does not match its definition on line {old.line}: "
            f"{spec.label!r} {[str(v) for v in spec.payoffs]} versus {old.label!r} {[str(v) for v in old.payoffs]}",
            token,
        )
    return old


def loads(text: str, *, path: str | None = None) -> ExtensiveFormGame:
    """Read a game from the text of an ``.efg`` file.

    Parameters
    ----------
    text
        The file's contents.
    path
        The file name for error messages.

    Returns
    -------
    ExtensiveFormGame
        With exact payoffs and chance probabilities (Fractions); information
        sets keyed by their number in the file.

    Raises
    ------
    FormatError
        With the line, column, what was expected and what was found.
    GameTooLargeError
        When the tree grows beyond :data:`~games.limits.MAX_TREE_NODES`.

    Examples
    --------
    >>> g = loads('''EFG 2 R "" { "A" "B" }
    ... c "" 1 "" { "H" 1/2 "T" 1/2 } 0
    ... t "" 1 "win" { 1, -1 }
    ... t "" 2 "lose" { -1, 1 }''')
    >>> g.n_nodes, g.infosets[(-1, 1)].probabilities
    (3, (Fraction(1, 2), Fraction(1, 2)))
    """
    lex = GambitLexer(text, path=path)
    title = read_header(lex, "EFG", "2", "extensive-form")
    players = read_players(lex)
    if lex.peek().kind is TokenKind.TEXT:
        lex.next()  # the optional comment
    game = ExtensiveFormGame(players, title=title)
    names = game.players
    n = len(names)
    infosets: dict[tuple[int, int], _InfosetSpec] = {}
    outcomes: dict[int, _OutcomeSpec] = {}
    pending: list[Hashable] = [game.root]
    while pending:
        node = pending.pop()
        token = lex.next()
        if token.kind is not TokenKind.SYMBOL or token.text not in ("c", "p", "t"):
            raise lex.error(
                f"truncated file: the tree still needs {len(pending) + 1} node(s)"
                if token.kind is TokenKind.EOF
                else "bad node type",
                token,
                expected="a node: 'c', 'p' or 't'",
            )
        kind = token.text
        node_token = token
        label = lex.expect(TokenKind.TEXT, "the quoted node label").text
        try:
            if kind == "t":
                outcome = _read_outcome(lex, outcomes, n)
                game.set_terminal(node, label=label)
            else:
                if kind == "p":
                    ptoken = lex.next()
                    number = lex.integer(ptoken, "player number", minimum=1)
                    if number > n:
                        raise lex.error(f"no player {number}: the game has {n} players", ptoken)
                    owner = number - 1
                else:
                    owner = CHANCE
                itoken = lex.next()
                infoset = lex.integer(itoken, "information set number", minimum=1)
                who = _owner(owner, names)
                read = _read_infoset(lex, owner == CHANCE, infoset, who, n)
                spec = infosets.get((owner, infoset))
                if spec is None:
                    if read is None:
                        raise lex.error(
                            f"information set {infoset} of {who} is used before it is defined",
                            lex.peek(),
                            expected="its quoted label and '{' actions '}'",
                        )
                    spec = read[0]
                    infosets[(owner, infoset)] = spec
                    fresh = True
                else:
                    if read is not None and _key(read[0]) != _key(spec):
                        raise lex.error(
                            f"information set {infoset} of {who} does not match its definition on line "
                            f"{spec.line}: {_describe_mismatch(spec, read[0])}",
                            read[1],
                        )
                    fresh = False
                outcome = _read_outcome(lex, outcomes, n)
                check_tree_size(game.n_nodes + len(spec.actions))
                if owner == CHANCE:
                    children = game.set_chance(
                        node,
                        list(zip(spec.actions, spec.probabilities or ())) if fresh else None,
                        infoset=infoset,
                        infoset_label=spec.label if fresh else None,
                        label=label,
                    )
                else:
                    children = game.set_decision(
                        node,
                        owner,
                        spec.actions if fresh else None,
                        infoset=infoset,
                        infoset_label=spec.label if fresh else None,
                        label=label,
                    )
                pending.extend(reversed(children))
            if outcome is not None:
                game.set_outcome(node, outcome.payoffs, label=outcome.label)
        except InvalidGameError as exc:
            raise lex.error(str(exc), node_token) from None
    lex.expect_end("the last node of the tree")
    return game


def exact_probabilities(info: InformationSet) -> tuple[Fraction, ...]:
    """A chance information set's probabilities as Fractions summing to exactly 1.

    Exact probabilities are returned as they are. Floats become the decimals
    they print as (``0.25`` → ``1/4``). If those do not sum to exactly 1,
    the simplest fractions within ``1e-12`` of each float are tried
    (``0.3333333333333333`` → ``1/3``); failing that, the largest probability
    absorbs the rounding error (at most ``1e-12``) of the float arithmetic
    that produced the others.

    Raises
    ------
    InvalidGameError
        If the floats are further than that from a distribution.

    Examples
    --------
    >>> info = InformationSet(-1, 1, "", ("a", "b", "c"), (1 / 3, 1 / 3, 1 / 3))
    >>> exact_probabilities(info)
    (Fraction(1, 3), Fraction(1, 3), Fraction(1, 3))
    """
    probs = info.probabilities or ()
    exact = tuple(to_fraction(p) for p in probs)
    if sum(exact) == 1:
        return exact
    simple = tuple(
        to_fraction(p) if isinstance(p, Fraction) else Fraction(float(p)).limit_denominator(10**9)
        for p in probs
    )
    if sum(simple) == 1 and all(abs(float(s) - float(p)) <= 1e-12 for s, p in zip(simple, probs)):
        return simple
    if exact:
        k = max(range(len(exact)), key=lambda i: exact[i])
        rest = sum(exact[:k], Fraction(0)) + sum(exact[k + 1 :], Fraction(0))
        last = 1 - rest
        if last >= 0 and abs(last - exact[k]) <= Fraction(1, 10**12):
            return exact[:k] + (last,) + exact[k + 1 :]
    raise InvalidGameError(
        f"chance information set {info.key!r} has probabilities {[repr(p) for p in probs]}, which are not "
        "within 1e-12 of an exact distribution; Gambit's .efg needs probabilities that sum to exactly 1"
    )


def dumps(game: ExtensiveFormGame) -> str:
    """Write ``game`` as an ``.efg`` file, one node per line in preorder.

    Information sets are numbered per player, and outcomes, by first
    appearance; each line repeats its information set's and outcome's full
    description. Payoffs are written exactly (floats so that they read back
    equal), chance probabilities as fractions.

    Raises
    ------
    FormatError
        If a label cannot be written in Gambit's quoting.
    InvalidGameError
        If a node is unset or chance probabilities have no exact form.

    Examples
    --------
    >>> g = ExtensiveFormGame(["A"])
    >>> left, right = g.set_chance(g.root, {"L": "1/3", "R": "2/3"})
    >>> g.set_terminal(left, [1]); g.set_terminal(right, [0])
    >>> print(dumps(g), end="")
    EFG 2 R "" { "A" }
    <BLANKLINE>
    c "" 1 "" { "L" 1/3 "R" 2/3 } 0
    t "" 1 "" { 1 }
    t "" 2 "" { 0 }
    """
    return _dumps(game)


def _quote(text: str) -> str:
    try:
        return quote_text(text)
    except ValueError as exc:
        raise FormatError(str(exc)) from None


def _dumps(game: ExtensiveFormGame) -> str:
    q = _quote
    lines = [f"EFG 2 R {q(game.title)} {{ {' '.join(q(p) for p in game.players)} }}", ""]
    numbers: dict[tuple[int, Hashable], int] = {}
    counters: dict[int, int] = {}
    described: dict[tuple[int, Hashable], str] = {}
    outcome_ids: dict[tuple[str, tuple[str, ...]], int] = {}
    cache: dict[Any, str] = {}

    def fmt(v: Any) -> str:
        key = (type(v), v)
        s = cache.get(key)
        if s is None:
            s = cache[key] = format_rational(v if isinstance(v, Fraction) else float(v))
        return s

    graph = game.graph
    for node in game.preorder():
        attrs = graph.nodes[node]
        out = attrs.get("outcome")
        if out is None:
            outcome = "0"
        else:
            texts = tuple(fmt(v) for v in out.payoffs)
            number = outcome_ids.setdefault((out.label, texts), len(outcome_ids) + 1)
            outcome = f"{number} {q(out.label)} {{ {', '.join(texts)} }}"
        kind = attrs.get("kind")
        label = q(str(attrs.get("label", "")))
        if kind == "terminal":
            lines.append(f"t {label} {outcome}")
            continue
        if kind not in ("decision", "chance"):
            raise InvalidGameError(f"node {node!r} is neither decision, chance nor terminal (kind={kind!r})")
        key = (attrs["player"], attrs["infoset"])
        if key not in numbers:
            counters[key[0]] = counters.get(key[0], 0) + 1
            numbers[key] = counters[key[0]]
            info = game.infosets[key]
            if kind == "chance":
                probs = exact_probabilities(info)
                moves = " ".join(f"{q(a)} {format_rational(p)}" for a, p in zip(info.actions, probs))
            else:
                moves = " ".join(q(a) for a in info.actions)
            described[key] = f"{q(info.label)} {{ {moves} }}"
        if kind == "chance":
            lines.append(f"c {label} {numbers[key]} {described[key]} {outcome}")
        else:
            lines.append(f"p {label} {attrs['player'] + 1} {numbers[key]} {described[key]} {outcome}")
    return "\n".join(lines) + "\n"
