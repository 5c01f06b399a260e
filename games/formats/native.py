"""negotiate's own game files, in TOML and JSON (one data model, two syntaxes).

A normal-form game (``format = "negotiate.nfg/1"``)::

    format = "negotiate.nfg/1"
    title = "Prisoner's dilemma"
    players = ["Row", "Column"]
    strategies = [["Cooperate", "Defect"], ["Cooperate", "Defect"]]
    payoffs = [
        [[3, 0], [5, 1]],     # Row's payoffs: rows are Row's strategies
        [[3, 5], [0, 1]],     # Column's payoffs
    ]

or, instead of ``payoffs``, one row per profile:
``profiles = [{profile = ["Cooperate", "Defect"], payoffs = [0, 5]}, ...]``.

An extensive-form game (``format = "negotiate.efg/1"``) is a flat list of
nodes, the first being the root::

    format = "negotiate.efg/1"
    players = ["Entrant", "Incumbent"]

    [[nodes]]
    id = "start"
    player = "Entrant"
    actions = ["Out", "In"]
    children = ["out", "in"]

    [[nodes]]
    id = "out"
    payoffs = [0, 2]
    ...

Numbers are integers (exact), floats (inexact) or strings holding an exact
integer, decimal or fraction (``"1/3"``, ``"0.1"``); a game read back from
its own file is equal to the game written, exact values and floats alike.
The documents are checked against the JSON Schemas in
``games/formats/schema/`` and then for what a schema cannot say (shapes,
references, cycles, probabilities); every error names the key path
(``nodes[3].children[1]``) and, for syntax errors, the line and column.
``docs/formats.md`` documents both formats in full.
"""

from __future__ import annotations

import functools
import json
import math
import re
import tomllib
from collections.abc import Hashable, Mapping, Sequence
from fractions import Fraction
from importlib import resources
from typing import Any

import numpy as np
import tomli_w

from games.errors import FormatError, InvalidGameError
from games.extensive_form import CHANCE, ExtensiveFormGame, Number
from games.formats.gambit_lexer import parse_number
from games.formats.nfg import MAX_PLAYERS, check_size
from games.limits import check_tree_size
from games.normal_form import NormalFormGame
from games.rationals import format_rational

__all__ = [
    "NFG_TAG",
    "EFG_TAG",
    "from_data",
    "to_data",
    "loads_json",
    "loads_toml",
    "dumps_json",
    "dumps_toml",
    "schema",
]

#: Format tag of a normal-form game document.
NFG_TAG = "negotiate.nfg/1"
#: Format tag of an extensive-form game document.
EFG_TAG = "negotiate.efg/1"
_SCHEMAS = {NFG_TAG: "nfg.schema.json", EFG_TAG: "efg.schema.json"}
_FLOAT_MAX = Fraction(1.7976931348623157e308)


# ---------------------------------------------------------------------- schema
@functools.cache
def schema(tag: str) -> dict[str, Any]:
    """The JSON Schema (a dict) of the documents tagged ``tag``.

    Examples
    --------
    >>> schema("negotiate.nfg/1")["properties"]["format"]["const"]
    'negotiate.nfg/1'
    """
    text = (
        resources.files("games.formats")
        .joinpath("schema")
        .joinpath(_SCHEMAS[tag])
        .read_text(encoding="utf-8")
    )
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@functools.cache
def _validator(tag: str) -> Any:
    import jsonschema  # imported on first use: validation is the only thing that needs it

    return jsonschema.Draft202012Validator(schema(tag))


def key_path(parts: Sequence[Any]) -> str:
    """A dotted key path: ``("nodes", 3, "children", 1)`` → ``nodes[3].children[1]``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return f"the string {text!r}"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, list):
        return f"an array of {len(value)} entries"
    if isinstance(value, dict):
        return "a table"
    return f"a {type(value).__name__}"


_TYPE_NAMES = {
    "object": "a table",
    "array": "an array",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
}


def _schema_error(error: Any, path: str | None) -> FormatError:
    """Turn a jsonschema ``ValidationError`` into a :class:`FormatError` naming the key."""
    parts = list(error.absolute_path)
    instance = error.instance
    kind = error.validator
    where = key_path(parts)
    if kind == "additionalProperties" and isinstance(instance, dict):
        allowed = list(error.schema.get("properties", {}))
        extra = sorted(k for k in instance if k not in allowed)
        return FormatError(
            f"unknown key {extra[0]!r}",
            path=path,
            key=key_path([*parts, extra[0]]),
            expected="one of " + ", ".join(repr(k) for k in allowed),
        )
    if kind == "required" and isinstance(instance, dict):
        missing = [k for k in error.validator_value if k not in instance]
        return FormatError(
            f"missing required key {missing[0]!r}", path=path, key=key_path([*parts, missing[0]])
        )
    if kind == "dependentRequired" and isinstance(instance, dict):
        for trigger, needed in error.validator_value.items():
            if trigger in instance:
                for k in needed:
                    if k not in instance:
                        return FormatError(
                            f"key {trigger!r} needs key {k!r} too", path=path, key=key_path([*parts, k])
                        )
    if kind == "oneOf" and not parts:
        return FormatError("give exactly one of the keys 'payoffs' and 'profiles'", path=path, key="payoffs")
    if kind == "type":
        names = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        message, expected = "wrong type", " or ".join(_TYPE_NAMES.get(str(n), str(n)) for n in names)
    elif kind == "const":
        message, expected = "wrong value", repr(error.validator_value)
    elif kind == "minItems":
        message, expected = "too few entries", f"at least {error.validator_value}"
    elif kind == "minimum":
        message, expected = "value too small", f"at least {error.validator_value}"
    elif kind in ("anyOf", "oneOf", "pattern"):
        expected = str(error.schema.get("description", ""))
        numeric = kind == "pattern" or expected.startswith("a number:")
        if numeric:
            expected = 'a number such as 3, 0.5 or "1/3"'
        message = "non-numeric value" if numeric else "wrong value"
    else:
        return FormatError(error.message[:300], path=path, key=where or None)
    return FormatError(message, path=path, key=where or None, expected=expected, found=_describe(instance))


def _sort_key(error: Any) -> tuple[Any, ...]:
    return tuple((0, p) if isinstance(p, int) else (1, str(p)) for p in error.absolute_path)


def _validate(data: Mapping[str, Any], tag: str, path: str | None) -> None:
    try:
        errors = list(_validator(tag).iter_errors(data))
    except RecursionError:
        raise FormatError("the document is nested too deeply", path=path) from None
    if errors:
        raise _schema_error(min(errors, key=_sort_key), path)


# ---------------------------------------------------------------------- numbers
class _BadValue(Exception):
    """A value that is not a usable number (turned into a FormatError by the caller, with its key)."""

    def __init__(self, message: str, expected: str | None = None, found: str | None = None) -> None:
        super().__init__(message)
        self.message, self.expected, self.found = message, expected, found

    def located(self, key: str, path: str | None) -> FormatError:
        return FormatError(self.message, path=path, key=key, expected=self.expected, found=self.found)


def _value(value: Any) -> Number:
    """A payoff or probability: int and numeric strings exact (Fraction), floats kept as floats."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        if isinstance(value, list):
            raise _BadValue("wrong array shape: an array where a number belongs", "a number")
        raise _BadValue("non-numeric value", "a number", _describe(value))
    if isinstance(value, int):
        exact = Fraction(value)
        if abs(exact) > _FLOAT_MAX:
            raise _BadValue("number beyond the range of 64-bit floats")
        return exact
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _BadValue("not a finite number", "a finite number", _describe(value))
        return value
    try:
        return parse_number(value)
    except ValueError as exc:
        raise _BadValue(f"non-numeric value: {exc}", 'a number such as 3, 0.5 or "1/3"') from None


def _number(value: Any, key: str, path: str | None) -> Number:
    """:func:`_value`, with errors naming ``key``."""
    try:
        return _value(value)
    except _BadValue as exc:
        raise exc.located(key, path) from None


def _out(value: Any) -> int | float | str:
    """A number as the native formats write it: int, float, or ``"a/b"`` for other exact values."""
    if isinstance(value, Fraction):
        if value.denominator == 1 and abs(value.numerator) < 2**63:
            return int(value.numerator)
        return format_rational(value)
    if isinstance(value, int | np.integer):
        v = int(value)
        return v if abs(v) < 2**63 else str(v)
    return float(value)


def _unique(labels: Sequence[str], key: str, what: str, path: str | None) -> tuple[str, ...]:
    seen: dict[str, int] = {}
    for i, label in enumerate(labels):
        if label in seen:
            raise FormatError(
                f"duplicate {what} label {label!r} (also at {key}[{seen[label]}])",
                path=path,
                key=f"{key}[{i}]",
            )
        seen[label] = i
    return tuple(labels)


# ---------------------------------------------------------------------- normal form
def _nfg_from_data(data: Mapping[str, Any], path: str | None) -> NormalFormGame:
    players = _unique(data["players"], "players", "player", path)
    n = len(players)
    if n > MAX_PLAYERS:
        raise FormatError(
            f"too many players: {n} (a normal-form game has at most {MAX_PLAYERS})", path=path, key="players"
        )
    spec = data["strategies"]
    if len(spec) != n:
        raise FormatError(
            f"wrong array shape: {len(spec)} strategy entries for {n} players", path=path, key="strategies"
        )
    # a count may arrive as an integral float (2.0), which JSON Schema calls an integer
    counts = [len(s) if isinstance(s, list) else int(s) for s in spec]
    check_size(counts)
    strategies = [
        _unique(s, f"strategies[{i}]", f"strategy (player {players[i]!r})", path)
        if isinstance(s, list)
        else tuple(str(k + 1) for k in range(c))
        for i, (s, c) in enumerate(zip(spec, counts))
    ]
    if "payoffs" in data:
        values = _dense_payoffs(data["payoffs"], counts, players, path)
    else:
        values = _profile_payoffs(data["profiles"], counts, players, strategies, path)
    try:
        return NormalFormGame(values, players=players, strategies=strategies, title=data.get("title", ""))
    except InvalidGameError as exc:
        raise FormatError(str(exc), path=path) from None


def _dense_payoffs(
    tables: list[Any], counts: list[int], players: Sequence[str], path: str | None
) -> np.ndarray:
    n = len(counts)
    if len(tables) != n:
        raise FormatError(
            f"wrong array shape: {len(tables)} payoff tables for {n} players (one table per player)",
            path=path,
            key="payoffs",
        )
    levels = [_flat_table(table, i, counts, players, path) for i, table in enumerate(tables)]
    if all(type(v) is int for level in levels for v in level):
        # the common case, read in one pass per table (ints beyond int64 take the exact path below)
        try:
            return np.stack([np.fromiter(level, dtype=np.int64, count=len(level)) for level in levels]).reshape(
                (n, *counts)
            )
        except OverflowError:
            pass
    out = np.empty((n, *counts), dtype=object)
    for i, level in enumerate(levels):
        flat = out[i].reshape(-1)
        j = 0
        try:
            for j, value in enumerate(level):
                flat[j] = _value(value)
        except _BadValue as exc:
            index = [int(w) for w in np.unravel_index(j, counts)]
            raise exc.located(key_path(["payoffs", i, *index]), path) from None
    return out


def _flat_table(table: Any, i: int, counts: list[int], players: Sequence[str], path: str | None) -> list[Any]:
    """Player ``i``'s nested payoff table as a flat list, its shape checked level by level."""
    level: list[Any] = [table]
    for depth, size in enumerate(counts):
        nxt: list[Any] = []
        for j, item in enumerate(level):
            if not isinstance(item, list) or len(item) != size:
                where = np.unravel_index(j, counts[:depth]) if depth else ()
                raise FormatError(
                    "wrong array shape",
                    path=path,
                    key=key_path(["payoffs", i, *(int(w) for w in where)]),
                    expected=f"an array of {size} entries, one per strategy of player {players[depth]!r}",
                    found=_describe(item),
                )
            nxt.extend(item)
        level = nxt
    return level


def _profile_payoffs(
    rows: list[Any],
    counts: list[int],
    players: Sequence[str],
    strategies: Sequence[Sequence[str]],
    path: str | None,
) -> np.ndarray:
    n = len(counts)
    lookup = [{label: k for k, label in enumerate(labels)} for labels in strategies]
    out = np.empty((n, *counts), dtype=object)
    first: dict[tuple[int, ...], int] = {}
    for r, row in enumerate(rows):
        profile = row["profile"]
        if len(profile) != n:
            raise FormatError(
                f"wrong array shape: a profile names one strategy per player ({n}); found {len(profile)}",
                path=path,
                key=f"profiles[{r}].profile",
            )
        index = []
        for p, label in enumerate(profile):
            k = lookup[p].get(label)
            if k is None:
                raise FormatError(
                    f"unknown strategy {label!r} of player {players[p]!r}",
                    path=path,
                    key=f"profiles[{r}].profile[{p}]",
                    expected="one of " + ", ".join(repr(s) for s in strategies[p][:10]),
                )
            index.append(k)
        idx = tuple(index)
        if idx in first:
            raise FormatError(
                f"profile {list(profile)} is listed twice (also at profiles[{first[idx]}])",
                path=path,
                key=f"profiles[{r}].profile",
            )
        first[idx] = r
        payoffs = row["payoffs"]
        if len(payoffs) != n:
            raise FormatError(
                f"wrong payoff count: {len(payoffs)} payoffs for {n} players",
                path=path,
                key=f"profiles[{r}].payoffs",
            )
        for i, value in enumerate(payoffs):
            out[(i, *idx)] = _number(value, f"profiles[{r}].payoffs[{i}]", path)
    if len(first) != math.prod(counts):
        for idx in np.ndindex(*counts):
            if idx not in first:
                labels = [strategies[p][k] for p, k in enumerate(idx)]
                raise FormatError(
                    f"profile {labels} is missing: every profile needs a row", path=path, key="profiles"
                )
    return out


def _nfg_to_data(game: NormalFormGame) -> dict[str, Any]:
    values: Any = game.exact_payoffs if game.exact_payoffs is not None else game.payoffs
    flat = [_out(v) for v in values.reshape(-1).tolist()]
    tables = np.array(flat, dtype=object).reshape(values.shape).tolist() if flat else []
    return {
        "format": NFG_TAG,
        "title": game.title,
        "players": list(game.players),
        "strategies": [list(s) for s in game.strategies],
        "payoffs": tables,
    }


# ---------------------------------------------------------------------- extensive form
def _efg_structure(nodes: list[dict[str, Any]], path: str | None) -> dict[str, int]:
    """Check ids, references, parents and cycles; return id → index."""
    index: dict[str, int] = {}
    for i, node in enumerate(nodes):
        nid = node["id"]
        if nid in index:
            raise FormatError(
                f"duplicate node id {nid!r} (also at nodes[{index[nid]}])", path=path, key=f"nodes[{i}].id"
            )
        index[nid] = i
    parent: dict[str, tuple[int, int]] = {}
    for i, node in enumerate(nodes):
        for j, child in enumerate(node.get("children", ())):
            if child not in index:
                raise FormatError(
                    f"no node with id {child!r} (a dangling reference)",
                    path=path,
                    key=f"nodes[{i}].children[{j}]",
                )
            if child in parent:
                a, b = parent[child]
                raise FormatError(
                    f"node {child!r} has two parents: nodes[{a}].children[{b}] and this one; a tree has one",
                    path=path,
                    key=f"nodes[{i}].children[{j}]",
                )
            parent[child] = (i, j)

    def cycle_error(cycle: list[str]) -> FormatError:
        # cycle[t]'s parent is cycle[t + 1], and cycle[-1]'s parent is cycle[0]
        a, b = parent[cycle[0]]
        shown = [*reversed(cycle), cycle[-1]]
        return FormatError(
            "the nodes form a cycle: " + " → ".join(repr(x) for x in shown),
            path=path,
            key=f"nodes[{a}].children[{b}]",
        )

    def walk_up(start: str, done: set[str]) -> list[str] | None:
        """Follow parents from ``start``; return the cycle met, if any, and mark the walk done."""
        on_path: dict[str, int] = {}
        trail: list[str] = []
        current = start
        cycle: list[str] | None = None
        while current not in done:
            if current in on_path:
                cycle = trail[on_path[current] :]
                break
            on_path[current] = len(trail)
            trail.append(current)
            if current not in parent:
                break
            current = nodes[parent[current][0]]["id"]
        done.update(trail)
        return cycle

    root = nodes[0]["id"]
    if root in parent:
        cycle = walk_up(root, set())
        if cycle is not None:
            raise cycle_error(cycle)
        a, b = parent[root]
        raise FormatError(
            f"the first node {root!r} must be the root, but it is a child of nodes[{a}]",
            path=path,
            key=f"nodes[{a}].children[{b}]",
        )
    reached = {root}
    stack = [root]
    while stack:
        for child in nodes[index[stack.pop()]].get("children", ()):
            reached.add(child)
            stack.append(child)
    if len(reached) != len(nodes):
        done = set(reached)
        for node in nodes:
            if node["id"] not in done:
                cycle = walk_up(node["id"], done)
                if cycle is not None:
                    raise cycle_error(cycle)
        stray = next(
            i for i, node in enumerate(nodes) if node["id"] not in reached and node["id"] not in parent
        )
        raise FormatError(
            f"node {nodes[stray]['id']!r} cannot be reached from the root {root!r} (the first node is the root)",
            path=path,
            key=f"nodes[{stray}]",
        )
    return index


def _probabilities(node: dict[str, Any], i: int, path: str | None) -> tuple[Number, ...]:
    probs = tuple(
        _number(v, f"nodes[{i}].probabilities[{j}]", path) for j, v in enumerate(node["probabilities"])
    )
    if len(probs) != len(node["actions"]):
        raise FormatError(
            f"wrong array shape: {len(probs)} probabilities for {len(node['actions'])} actions",
            path=path,
            key=f"nodes[{i}].probabilities",
        )
    for j, p in enumerate(probs):
        if p < 0:
            raise FormatError(f"negative probability {p}", path=path, key=f"nodes[{i}].probabilities[{j}]")
    if all(isinstance(p, Fraction) for p in probs):
        total: Number = sum(probs, Fraction(0))
        if total != 1:
            raise FormatError(
                f"probabilities sum to {total}, not exactly 1", path=path, key=f"nodes[{i}].probabilities"
            )
    else:
        total = math.fsum(float(p) for p in probs)
        if abs(total - 1.0) > 1e-9:
            raise FormatError(
                f"probabilities sum to {total!r}, not 1", path=path, key=f"nodes[{i}].probabilities"
            )
    return probs


def _efg_from_data(data: Mapping[str, Any], path: str | None) -> ExtensiveFormGame:
    players = _unique(data["players"], "players", "player", path)
    nodes: list[dict[str, Any]] = data["nodes"]
    check_tree_size(len(nodes))
    index = _efg_structure(nodes, path)
    player_index = {name: k for k, name in enumerate(players)}
    n = len(players)
    # information sets: owner, actions, probabilities, label; first node of each
    sets: dict[str, tuple[int, tuple[str, ...], tuple[Number, ...] | None, int]] = {}
    set_labels: dict[str, str] = {}
    probs_of: dict[int, tuple[Number, ...]] = {}
    for i, node in enumerate(nodes):
        inner = "children" in node
        if not inner:
            for name in ("player", "infoset", "infoset_label"):
                if name in node:
                    raise FormatError(
                        f"a terminal node (one without children) has no {name!r}",
                        path=path,
                        key=f"nodes[{i}].{name}",
                    )
            continue
        actions = _unique(node["actions"], f"nodes[{i}].actions", "action", path)
        if len(node["children"]) != len(actions):
            raise FormatError(
                f"wrong array shape: {len(node['children'])} children for {len(actions)} actions",
                path=path,
                key=f"nodes[{i}].children",
            )
        if "probabilities" in node:
            if "player" in node:
                raise FormatError(
                    "a chance node (one with probabilities) has no player",
                    path=path,
                    key=f"nodes[{i}].player",
                )
            owner = CHANCE
            probs: tuple[Number, ...] | None = _probabilities(node, i, path)
            probs_of[i] = probs  # type: ignore[assignment]
        else:
            if "player" not in node:
                raise FormatError(
                    "a node with children needs a 'player' (or 'probabilities' for a chance node)",
                    path=path,
                    key=f"nodes[{i}].player",
                )
            name = node["player"]
            if name not in player_index:
                raise FormatError(
                    f"unknown player {name!r}",
                    path=path,
                    key=f"nodes[{i}].player",
                    expected="one of " + ", ".join(repr(p) for p in players),
                )
            owner = player_index[name]
            probs = None
        key = node.get("infoset")
        if key is None:
            continue
        first = sets.get(key)
        if first is None:
            sets[key] = (owner, actions, probs, i)
        else:
            owner0, actions0, probs0, i0 = first
            if owner0 != owner:

                def who(o: int) -> str:
                    return "chance" if o == CHANCE else repr(players[o])

                raise FormatError(
                    f"information set {key!r} mixes players: {who(owner0)} at nodes[{i0}] and {who(owner)} here",
                    path=path,
                    key=f"nodes[{i}].player" if "player" in node else f"nodes[{i}].infoset",
                )
            if actions0 != actions:
                raise FormatError(
                    f"information set {key!r} mixes action sets: {list(actions0)} at nodes[{i0}] "
                    f"and {list(actions)} here",
                    path=path,
                    key=f"nodes[{i}].actions",
                )
            if probs0 != probs:
                raise FormatError(
                    f"information set {key!r} mixes chance probabilities: nodes[{i0}] has other ones",
                    path=path,
                    key=f"nodes[{i}].probabilities",
                )
        label = node.get("infoset_label")
        if label is not None:
            old = set_labels.get(key)
            if old is not None and old != label:
                raise FormatError(
                    f"information set {key!r} is labelled {old!r} elsewhere",
                    path=path,
                    key=f"nodes[{i}].infoset_label",
                )
            set_labels[key] = label
    game = ExtensiveFormGame(players, title=data.get("title", ""))
    model: dict[int, Hashable] = {0: game.root}
    created: set[str] = set()
    stack = [0]
    while stack:
        i = stack.pop()
        node = nodes[i]
        m = model[i]
        try:
            if "children" in node:
                key = node.get("infoset")
                fresh = key is None or key not in created
                infoset: Hashable = ("node", i) if key is None else key
                label_of_set = set_labels.get(key, "") if key is not None else node.get("infoset_label", "")
                if key is not None:
                    created.add(key)
                if i in probs_of:
                    kids = game.set_chance(
                        m,
                        list(zip(node["actions"], probs_of[i])) if fresh else None,
                        infoset=infoset,
                        infoset_label=label_of_set if fresh else None,
                        label=node.get("label", ""),
                    )
                else:
                    kids = game.set_decision(
                        m,
                        player_index[node["player"]],
                        node["actions"] if fresh else None,
                        infoset=infoset,
                        infoset_label=label_of_set if fresh else None,
                        label=node.get("label", ""),
                    )
                child_indices = [index[c] for c in node["children"]]
                for c, k in zip(child_indices, kids):
                    model[c] = k
                stack.extend(reversed(child_indices))
            else:
                game.set_terminal(m, label=node.get("label", ""))
            if "payoffs" in node:
                payoffs = [
                    _number(v, f"nodes[{i}].payoffs[{j}]", path) for j, v in enumerate(node["payoffs"])
                ]
                if len(payoffs) != n:
                    raise FormatError(
                        f"wrong payoff count: {len(payoffs)} payoffs for {n} players",
                        path=path,
                        key=f"nodes[{i}].payoffs",
                    )
                game.set_outcome(m, payoffs, label=node.get("outcome", ""))
        except InvalidGameError as exc:
            raise FormatError(str(exc), path=path, key=f"nodes[{i}]") from None
    return game


def _efg_to_data(game: ExtensiveFormGame) -> dict[str, Any]:
    order = list(game.preorder())
    ids = {node: f"n{k}" for k, node in enumerate(order)}
    graph = game.graph
    members: dict[tuple[int, Hashable], int] = {}
    for node in order:
        attrs = graph.nodes[node]
        if attrs.get("kind") in ("decision", "chance"):
            k = (attrs["player"], attrs["infoset"])
            members[k] = members.get(k, 0) + 1
    keys: dict[tuple[int, Hashable], str] = {}
    out: list[dict[str, Any]] = []
    for node in order:
        attrs = graph.nodes[node]
        kind = attrs.get("kind")
        entry: dict[str, Any] = {"id": ids[node]}
        if attrs.get("label"):
            entry["label"] = str(attrs["label"])
        if kind in ("decision", "chance"):
            k = (attrs["player"], attrs["infoset"])
            info = game.infosets[k]
            if kind == "decision":
                entry["player"] = game.players[attrs["player"]]
            if members[k] > 1 or info.label:
                first = k not in keys
                if first:
                    keys[k] = f"I{len(keys) + 1}"
                entry["infoset"] = keys[k]
                if info.label and first:
                    entry["infoset_label"] = info.label
            entry["actions"] = list(info.actions)
            if kind == "chance":
                entry["probabilities"] = [_out(p) for p in info.probabilities or ()]
            entry["children"] = [ids[c] for c in game.children(node)]
        elif kind != "terminal":
            raise InvalidGameError(f"node {node!r} is neither decision, chance nor terminal (kind={kind!r})")
        outcome = attrs.get("outcome")
        if outcome is not None:
            entry["payoffs"] = [_out(v) for v in outcome.payoffs]
            if outcome.label:
                entry["outcome"] = outcome.label
        out.append(entry)
    return {"format": EFG_TAG, "title": game.title, "players": list(game.players), "nodes": out}


# ---------------------------------------------------------------------- documents
def from_data(data: Any, *, path: str | None = None) -> NormalFormGame | ExtensiveFormGame:
    """Build a game from a parsed document (a dict as read from TOML or JSON).

    Raises
    ------
    FormatError
        Naming the key path of the first problem.
    GameTooLargeError
        Before allocating a game that would not fit.

    Examples
    --------
    >>> g = from_data({"format": "negotiate.nfg/1", "players": ["A"], "strategies": [2], "payoffs": [["1/2", 1]]})
    >>> g.exact_payoffs.tolist()
    [[Fraction(1, 2), Fraction(1, 1)]]
    """
    if not isinstance(data, dict):
        raise FormatError("a game document is a table (a JSON object)", path=path, found=_describe(data))
    tag = data.get("format")
    if not isinstance(tag, str) or tag not in _SCHEMAS:
        if tag is None:
            message = "missing key 'format'"
        elif isinstance(tag, str) and re.fullmatch(r"negotiate\.(nfg|efg)/\d+", tag):
            message = f"unsupported version {tag!r}"
        else:
            message = "unknown format tag"
        raise FormatError(
            message,
            path=path,
            key="format",
            expected=f"{NFG_TAG!r} or {EFG_TAG!r}",
            found=None if tag is None else _describe(tag),
        )
    _validate(data, tag, path)
    if tag == NFG_TAG:
        return _nfg_from_data(data, path)
    return _efg_from_data(data, path)


def to_data(game: NormalFormGame | ExtensiveFormGame) -> dict[str, Any]:
    """The document describing ``game`` (JSON- and TOML-ready: only str, int, float, list, dict)."""
    if isinstance(game, NormalFormGame):
        return _nfg_to_data(game)
    if isinstance(game, ExtensiveFormGame):
        return _efg_to_data(game)
    raise TypeError(f"not a game: {type(game).__name__}")


class _NotANumber(Exception):
    def __init__(self, name: str) -> None:
        self.name = name


def _reject_constant(name: str) -> Any:
    raise _NotANumber(name)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise _NotANumber(f"duplicate key {k!r}")
        out[k] = v
    return out


def loads_json(text: str, *, path: str | None = None) -> NormalFormGame | ExtensiveFormGame:
    """Read a game from a JSON document.

    Examples
    --------
    >>> loads_json('{"format": "negotiate.nfg/1", "players": ["A"], "strategies": [1], "payoffs": [[0]]}')
    <NormalFormGame: 1 players ['A'], strategies [1], exact>
    """
    try:
        data = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise FormatError(
            f"JSON syntax error: {exc.msg}", path=path, line=exc.lineno, column=exc.colno
        ) from None
    except _NotANumber as exc:
        if exc.name.startswith("duplicate key"):
            raise FormatError(f"{exc.name} in a JSON object", path=path) from None
        raise FormatError(
            f"{exc.name} is not a number a game can hold", path=path, expected="a finite number"
        ) from None
    except RecursionError:
        raise FormatError("the JSON document is nested too deeply", path=path) from None
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        raise FormatError(f"JSON value error: {exc}", path=path) from None
    return from_data(data, path=path)


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)")


def loads_toml(text: str, *, path: str | None = None) -> NormalFormGame | ExtensiveFormGame:
    """Read a game from a TOML document.

    Examples
    --------
    >>> loads_toml('format = "negotiate.nfg/1"\\nplayers = ["A"]\\nstrategies = [1]\\npayoffs = [[0]]')
    <NormalFormGame: 1 players ['A'], strategies [1], exact>
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_POSITION.search(message)
        line = column = None
        if match:
            line, column = int(match.group(1)), int(match.group(2))
            message = message[: match.start()] + message[match.end() :]
        elif message.endswith("(at end of document)"):
            message = (
                message[: -len("(at end of document)")].rstrip() + " at the end of the document (truncated?)"
            )
            line = text.count("\n") + 1
            column = len(text) - (text.rfind("\n") + 1) + 1
        raise FormatError(f"TOML syntax error: {message}", path=path, line=line, column=column) from None
    except RecursionError:
        raise FormatError("the TOML document is nested too deeply", path=path) from None
    except ValueError as exc:
        raise FormatError(f"TOML value error: {exc}", path=path) from None
    return from_data(data, path=path)


# leaf arrays (only scalars inside), as tomli_w and json.dumps(indent=...) print them one item a line
_SCALAR = r'(?:"(?:[^"\\\n]|\\.)*"|[^\s\[\]{}",]+)'
_TOML_LEAF = re.compile(r"\[\n((?:[ \t]*" + _SCALAR + r",\n)+)[ \t]*\]")
_JSON_LEAF = re.compile(r"\[\n((?:[ \t]*" + _SCALAR + r",\n)*[ \t]*" + _SCALAR + r"\n)[ \t]*\]")
_ITEM = re.compile(r"[ \t]*(" + _SCALAR + r"),?\n")


def _collapse(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(lambda m: "[" + ", ".join(_ITEM.findall(m.group(1))) + "]", text)


def dumps_toml(game: NormalFormGame | ExtensiveFormGame) -> str:
    """Write ``game`` as TOML (arrays of numbers or labels on one line).

    Examples
    --------
    >>> g = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=["Row", "Col"])
    >>> print(dumps_toml(g), end="")
    format = "negotiate.nfg/1"
    title = ""
    players = ["Row", "Col"]
    strategies = [
        ["1", "2"],
        ["1", "2"],
    ]
    payoffs = [
        [
            [3, 0],
            [5, 1],
        ],
        [
            [3, 5],
            [0, 1],
        ],
    ]
    """
    return _collapse(_TOML_LEAF, tomli_w.dumps(to_data(game)))


def dumps_json(game: NormalFormGame | ExtensiveFormGame) -> str:
    """Write ``game`` as JSON (indented; arrays of numbers or labels on one line)."""
    return _collapse(_JSON_LEAF, json.dumps(to_data(game), indent=2, ensure_ascii=False)) + "\n"
