"""Mutation fuzz: random byte and token mutations of valid files either load or raise our errors.

Every mutated file must give a game, a :class:`FormatError`, or a
:class:`GameTooLargeError` (both are :class:`InputError`); any other exception
(an ``IndexError``, a ``RecursionError``, an ``OverflowError``...) is a bug.
"""

from __future__ import annotations

import copy
import json
import random
import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from games.errors import FormatError, GameTooLargeError
from games.extensive_form import ExtensiveFormGame
from games.formats import dumps, loads
from games.normal_form import NormalFormGame

DATA = Path(__file__).resolve().parent.parent / "data"

_PAYOFF_VERSION = (
    'NFG 1 R "Selten (IJGT, 75), Figure 2, normal form"\n{ "Player 1" "Player 2" } { 3 2 }\n\n'
    "1 1 0 2 0 2 1 1 0 3 2 0\n"
)


def _seed_games() -> tuple[list[NormalFormGame], list[ExtensiveFormGame]]:
    from games.formats import load

    nfgs = [load(p) for p in sorted((DATA / "gambit").glob("*.nfg"))]
    efgs = [load(p) for p in sorted((DATA / "gambit").glob("*.efg"))]
    nfgs.append(
        NormalFormGame.from_bimatrix(
            [[0.5, -1e-5], [1e300, 3]], [[2, 1], [0.25, 7]], players=['q"uote', "back\\slash"], title="floats"
        )
    )
    from fractions import Fraction

    nfgs.append(NormalFormGame([[Fraction(1, 3), Fraction(-1, 18), 4]], players=["solo"]))
    return nfgs, efgs


_NFGS, _EFGS = _seed_games()
SEEDS: dict[str, list[bytes]] = {
    "nfg": [dumps(g, "nfg").encode() for g in _NFGS]
    + [p.read_bytes() for p in sorted((DATA / "gambit").glob("*.nfg"))]
    + [_PAYOFF_VERSION.encode()],
    "efg": [dumps(g, "efg").encode() for g in _EFGS if g.n_nodes < 40]
    + [p.read_bytes() for p in sorted((DATA / "gambit").glob("*.efg")) if p.stat().st_size < 1500],
    "toml": [dumps(g, "toml").encode() for g in _NFGS + [e for e in _EFGS if e.n_nodes < 40]],
    "json": [dumps(g, "json").encode() for g in _NFGS + [e for e in _EFGS if e.n_nodes < 40]],
}

# Tokens that stress parsers: punctuation of every syntax, odd numbers, control bytes.
VOCABULARY = [
    "{",
    "}",
    ",",
    '"',
    "\\",
    '\\"',
    "[",
    "]",
    "=",
    ":",
    "'",
    "#",
    "\n",
    " ",
    "",
    "0",
    "-1",
    "+2",
    "1/0",
    "0/0",
    "-0",
    "1.",
    ".5",
    "1e999999",
    "-1e-999999",
    "2.5e308",
    "1e-400",
    "9" * 5000,
    "1" * 40,
    "-",
    "+",
    "e",
    "1/3",
    "0.3333",
    "4294967297",
    "18446744073709551617",
    "NFG",
    "EFG",
    "R",
    "D",
    "p",
    "c",
    "t",
    "1",
    "2",
    "3",
    "99",
    "nan",
    "inf",
    "-inf",
    "NaN",
    "Infinity",
    "true",
    "null",
    "[]",
    "{}",
    '"x"',
    '""',
    "[[[[[[[[[[",
    "]]]]]]]]]]",
    "{{{{{{{{",
    "\x00",
    "\x07",
    "\u00e9",
    "\ufeff",
    "format",
    "players",
    "strategies",
    "payoffs",
    "profiles",
    "nodes",
    "children",
    "actions",
    "probabilities",
    "infoset",
    "player",
    "id",
    '"n0"',
    '"n1"',
    '"negotiate.nfg/1"',
    '"negotiate.efg/1"',
]


VALUES: list[object] = [
    0,
    -1,
    2,
    10**30,
    2**63,
    1.5,
    -0.0,
    1e308,
    float("inf"),
    float("nan"),
    True,
    "",
    "x",
    "1/0",
    "1/3",
    "-1/18",
    "0.1",
    "1e999999",
    "n0",
    "n1",
    "Alice",
    "chance",
    [],
    [0],
    [[1, 2], [3]],
    {},
    {"id": "n0"},
    [[[[[[[[1]]]]]]]],
    ["n0", "n0"],
    ["a", "a"],
]


def _containers(value: object, out: list[object]) -> list[object]:
    """Every list and dict inside ``value`` (iteratively)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, list | dict):
            out.append(item)
            stack.extend(item.values() if isinstance(item, dict) else item)
    return out


def _mutate_structure(text: bytes, fmt: str, rnd: random.Random) -> bytes:
    """Parse a seed, change one value, key or entry, and serialise it again."""
    doc = json.loads(text) if fmt == "json" else tomllib.loads(text.decode())
    target = rnd.choice(_containers(doc, []))
    value = copy.deepcopy(rnd.choice(VALUES))
    if isinstance(target, dict):
        keys = list(target)
        op = rnd.choice(["set", "set", "delete", "add"])
        if op == "add" or not keys:
            target[
                rnd.choice(["extra", "label", "player", "infoset", "outcome", "payoffs", "probabilities"])
            ] = value
        elif op == "delete":
            del target[rnd.choice(keys)]
        else:
            target[rnd.choice(keys)] = value
    else:
        op = rnd.choice(["set", "set", "delete", "append", "duplicate"])
        if op == "append" or not target:
            target.append(value)
        elif op == "delete":
            del target[rnd.randrange(len(target))]
        elif op == "duplicate":
            target.append(copy.deepcopy(rnd.choice(target)))
        else:
            target[rnd.randrange(len(target))] = value
    if fmt == "json":
        return json.dumps(doc).encode()
    try:
        return tomli_w.dumps(doc).encode()
    except (TypeError, ValueError):  # e.g. a top-level value TOML cannot hold
        return text


@st.composite
def mutations(draw: st.DrawFn, fmt: str) -> bytes:
    """A seed file of format ``fmt`` with one to four random mutations.

    Positions and choices come from a seeded :class:`random.Random` drawn from
    hypothesis, so that mutations spread over the whole file.
    """
    rnd = draw(st.randoms(use_true_random=False))
    data = bytearray(rnd.choice(SEEDS[fmt]))
    ops = ["byte", "insert", "delete", "token", "token", "truncate", "duplicate"]
    if fmt in ("toml", "json"):
        ops += ["structure"] * 6
    for _ in range(rnd.randint(1, 4)):
        op = rnd.choice(ops)
        size = len(data)
        if size == 0:
            data.extend(rnd.choice(VOCABULARY).encode())
            continue
        at = rnd.randrange(size)
        if op == "structure":
            try:
                data = bytearray(_mutate_structure(bytes(data), fmt, rnd))
            except (ValueError, UnicodeDecodeError):  # an earlier mutation broke the syntax
                pass
        elif op == "byte":
            data[at] = rnd.randrange(256)
        elif op == "insert":
            data[at:at] = rnd.choice(VOCABULARY).encode()
        elif op == "delete":
            del data[at : min(size, at + rnd.randint(1, 16))]
        elif op == "truncate":
            del data[at:]
        elif op == "duplicate":
            end = min(size, at + rnd.randint(1, 64))
            data[end:end] = data[at:end]
        else:  # replace the whitespace-delimited token around `at` with a vocabulary entry
            start = at
            while start > 0 and not chr(data[start - 1]).isspace():
                start -= 1
            end = at
            while end < size and not chr(data[end]).isspace():
                end += 1
            data[start:end] = rnd.choice(VOCABULARY).encode()
    return bytes(data)


def _check(data: bytes, fmt: str) -> None:
    try:
        game = loads(data, fmt, path=f"fuzz.{fmt}")
    except FormatError as exc:
        assert exc.path == f"fuzz.{fmt}"
        assert f"fuzz.{fmt}" in str(exc)
    except GameTooLargeError as exc:
        assert exc.estimate
    else:
        assert isinstance(game, NormalFormGame | ExtensiveFormGame)


@pytest.mark.parametrize("fmt", ["nfg", "efg", "toml", "json"])
def test_seeds_are_valid(fmt: str) -> None:
    for data in SEEDS[fmt]:
        assert isinstance(loads(data, fmt), NormalFormGame | ExtensiveFormGame)


@pytest.mark.parametrize("fmt", ["nfg", "efg", "toml", "json"])
@settings(max_examples=2500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_files_load_or_raise_format_error(fmt: str, data: st.DataObject) -> None:
    _check(data.draw(mutations(fmt), label="file"), fmt)


@pytest.mark.parametrize("fmt", ["nfg", "efg", "toml", "json"])
@pytest.mark.parametrize(
    "text",
    [
        pytest.param("[" * 100_000, id="deep-brackets"),
        pytest.param("{" * 100_000, id="deep-braces"),
        pytest.param("a = " + "[" * 100_000, id="deep-toml-array"),
        pytest.param('{"a": ' * 100_000, id="deep-json-object"),
        pytest.param('"' * 3, id="quotes"),
        pytest.param("\x00" * 10, id="nul-bytes"),
    ],
)
def test_pathological_inputs(fmt: str, text: str) -> None:
    _check(text.encode(), fmt)
