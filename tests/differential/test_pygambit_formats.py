"""Differential tests against pygambit: its files read by us, our files read by it.

Games are built with pygambit (random tables and trees with chance, information
sets and outcomes on inner nodes), written with ``to_nfg``/``to_efg`` and read
with our readers; then written with our writers and read with
``pygambit.read_nfg``/``read_efg``. Both sides must agree on players,
strategies, payoffs and the whole tree (structure, information sets, chance
probabilities, outcomes) in exact arithmetic.

Labels avoid backslashes: Gambit reads a backslash followed by a backslash
differently from us (see ``docs/formats.md``); node and information-set labels
are empty or unique, as pygambit 16.7 requires.
"""

from __future__ import annotations

import io
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from games.extensive_form import ExtensiveFormGame
from games.formats import dumps, load, loads
from games.normal_form import NormalFormGame
from tests.strategies import distributions

gbt = pytest.importorskip("pygambit")

pytestmark = pytest.mark.differential

DATA = Path(__file__).resolve().parent.parent / "data" / "gambit"

# pygambit 16.7 labels: printable ASCII, no leading, trailing or double spaces
LABEL = st.from_regex(r"[A-Za-z0-9'\"()_+*-]{1,5}( [A-Za-z0-9'\"()_+*-]{1,3})?", fullmatch=True)
TITLE = st.from_regex(r"([A-Za-z0-9'\"()_+*-]{1,5}( [A-Za-z0-9'\"()_+*-]{1,3})?)?", fullmatch=True)
VALUES = st.one_of(st.integers(-20, 20), st.builds(Fraction, st.integers(-50, 50), st.integers(1, 12)))


def unique_labels(count: int) -> st.SearchStrategy[list[str]]:
    # no all-digit labels: pygambit 16.7's .nfg reader sets labels one by one over the defaults
    # "1", "2", ..., so players labelled ["2", "1"] fail with "Player label must be unique"
    return st.lists(LABEL.filter(lambda s: not s.isdigit()), min_size=count, max_size=count, unique=True)


# ---------------------------------------------------------------------- normal form
@st.composite
def gambit_tables(draw: st.DrawFn) -> Any:
    n = draw(st.integers(1, 4))
    shape = tuple(draw(st.integers(1, 4 if n <= 2 else 2)) for _ in range(n))
    arrays = []
    for _ in range(n):
        values = draw(st.lists(VALUES, min_size=int(np.prod(shape)), max_size=int(np.prod(shape))))
        arr = np.empty(len(values), dtype=object)
        arr[:] = values
        arrays.append(arr.reshape(shape))
    game = gbt.Game.from_arrays(*arrays, title=draw(TITLE))
    # pygambit checks uniqueness label by label: rename through temporary labels
    names = draw(unique_labels(n))
    for k, player in enumerate(game.players):
        player.label = f"tmp {k}"
    for player, name in zip(game.players, names):
        player.label = name
    for player, count in zip(game.players, shape):
        labels = draw(unique_labels(count))
        for k, strategy in enumerate(player.strategies):
            strategy.label = f"tmp {k}"
        for strategy, label in zip(player.strategies, labels):
            strategy.label = label
    return game


def assert_same_table(theirs: Any, ours: NormalFormGame) -> None:
    assert [p.label for p in theirs.players] == list(ours.players)
    assert [[s.label for s in p.strategies] for p in theirs.players] == [list(s) for s in ours.strategies]
    assert theirs.title == ours.title
    assert ours.is_exact
    arrays = theirs.to_arrays(dtype=Fraction)
    for i, arr in enumerate(arrays):
        assert arr.shape == ours.shape
        assert np.array_equal(np.asarray(arr, dtype=object), ours.exact_payoffs[i])


@settings(max_examples=60, deadline=None)
@given(game=gambit_tables())
def test_tables_written_by_pygambit_are_read_by_us(game: Any) -> None:
    ours = loads(game.to_nfg(), "nfg")
    assert_same_table(game, ours)


@settings(max_examples=60, deadline=None)
@given(game=gambit_tables())
def test_tables_written_by_us_are_read_by_pygambit(game: Any) -> None:
    ours = loads(game.to_nfg(), "nfg")
    theirs = gbt.read_nfg(io.StringIO(dumps(ours, "nfg")))
    assert_same_table(theirs, ours)


# ---------------------------------------------------------------------- extensive form
@st.composite
def gambit_trees(draw: st.DrawFn) -> Any:
    """A random pygambit tree: chance, shared information sets, outcomes anywhere (some shared)."""
    n = draw(st.integers(1, 3))
    names = draw(unique_labels(n))
    game = gbt.Game.new_tree(players=names, title=draw(TITLE))
    pools: dict[tuple[str, int], list[Any]] = {}
    outcomes: list[Any] = []
    frontier = [(game.root, 0)]
    budget = 40
    labels = 0
    while frontier:
        node, depth = frontier.pop()
        if draw(st.integers(0, 3)) == 0:
            if outcomes and draw(st.booleans()):
                outcome = draw(st.sampled_from(outcomes))
            else:
                outcome = game.add_outcome(
                    f"o{len(outcomes) + 1}", draw(st.lists(VALUES, min_size=n, max_size=n))
                )
                outcomes.append(outcome)
            game.set_outcome(node, outcome)
        if depth >= 4 or budget <= 0 or (depth > 0 and draw(st.integers(0, 2)) == 0):
            continue
        k = draw(st.integers(1, 3))
        budget -= k
        if draw(st.integers(0, 3)) == 0:
            game.append_move(node, game.players.chance, draw(unique_labels(k)))
            game.set_chance_probs(node.infoset, draw(distributions(k)))
        else:
            player = draw(st.sampled_from(names))
            pool = pools.setdefault((player, k), [])
            if pool and draw(st.booleans()):
                game.append_infoset(node, draw(st.sampled_from(pool)))
            else:
                game.append_move(node, player, draw(unique_labels(k)))
                if draw(st.booleans()):
                    labels += 1
                    node.infoset.label = f"I{labels}"
                pool.append(node.infoset)
        if draw(st.booleans()):
            labels += 1
            node.label = f"n{labels}"
        frontier.extend((child, depth + 1) for child in node.children)
    return game


def assert_same_tree(theirs: Any, ours: ExtensiveFormGame) -> None:
    """Walk both trees in parallel: kinds, players, actions, probabilities, outcomes, information sets."""
    players = list(theirs.players)
    assert [p.label for p in players] == list(ours.players)
    assert theirs.title == ours.title
    forward: dict[Any, Any] = {}
    backward: dict[Any, Any] = {}
    stack = [(theirs.root, ours.root)]
    count = 0
    while stack:
        gnode, onode = stack.pop()
        count += 1
        attrs = ours.graph.nodes[onode]
        assert gnode.label == attrs.get("label", "")
        outcome = attrs.get("outcome")
        if not gnode.outcome:  # pygambit's NodeOutcome proxy is falsy when no outcome is attached
            assert outcome is None
        else:
            assert outcome is not None
            assert tuple(Fraction(gnode.outcome[p]) for p in players) == tuple(outcome.payoffs)
            assert gnode.outcome.label == outcome.label
        gkids = list(gnode.children)
        okids = ours.children(onode)
        assert len(gkids) == len(okids)
        if not gkids:
            assert attrs["kind"] == "terminal"
            continue
        info = ours.infoset_of(onode)
        assert info is not None
        if gnode.player.is_chance:
            assert attrs["kind"] == "chance"
            assert [Fraction(a.prob) for a in gnode.infoset.actions] == list(info.probabilities or ())
        else:
            assert attrs["kind"] == "decision"
            assert gnode.player.label == ours.players[attrs["player"]]
        assert [a.label for a in gnode.infoset.actions] == list(info.actions)
        assert gnode.infoset.label == info.label
        key = (attrs["player"], attrs["infoset"])
        assert forward.setdefault(gnode.infoset, key) == key
        assert backward.setdefault(key, gnode.infoset) == gnode.infoset
        stack.extend(zip(gkids, okids))
    assert count == ours.n_nodes == len(list(theirs.nodes))


@settings(max_examples=60, deadline=None)
@given(game=gambit_trees())
def test_trees_written_by_pygambit_are_read_by_us(game: Any) -> None:
    ours = loads(game.to_efg(), "efg")
    assert_same_tree(game, ours)


@settings(max_examples=60, deadline=None)
@given(game=gambit_trees())
def test_trees_written_by_us_are_read_by_pygambit(game: Any) -> None:
    ours = loads(game.to_efg(), "efg")
    for fmt in ("toml", "json"):  # through our own formats first: nothing may be lost on the way
        ours = loads(dumps(ours, fmt), fmt)
    theirs = gbt.read_efg(io.StringIO(dumps(ours, "efg")))
    assert_same_tree(theirs, ours)


# ---------------------------------------------------------------------- Gambit's own example files
@pytest.mark.parametrize("path", sorted(DATA.glob("*.nfg")), ids=lambda p: p.name)
def test_gambit_example_tables(path: Path) -> None:
    theirs = gbt.read_nfg(str(path))
    ours = load(path)
    assert_same_table(theirs, ours)
    assert_same_table(gbt.read_nfg(io.StringIO(dumps(ours, "nfg"))), ours)


@pytest.mark.parametrize("path", sorted(DATA.glob("*.efg")), ids=lambda p: p.name)
def test_gambit_example_trees(path: Path) -> None:
    theirs = gbt.read_efg(str(path))
    ours = load(path)
    assert_same_tree(theirs, ours)
    assert_same_tree(gbt.read_efg(io.StringIO(dumps(ours, "efg"))), ours)
