"""Shared hypothesis strategies: random games, degenerate ones included.

* :func:`normal_form_games` — n-player normal-form games with small integer
  (tie-rich, degenerate), rational or float payoffs and random labels.
* :func:`extensive_form_games` — random trees with chance, imperfect
  information under perfect recall, and outcomes on inner nodes.
* :func:`labels` — printable labels, including quotes and backslashes.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np
from hypothesis import strategies as st

from games.extensive_form import ExtensiveFormGame
from games.normal_form import NormalFormGame

__all__ = ["labels", "payoff_values", "normal_form_games", "extensive_form_games", "distributions"]

_LABEL_ALPHABET = st.characters(min_codepoint=32, max_codepoint=126)


def labels(min_size: int = 1, max_size: int = 8) -> st.SearchStrategy[str]:
    """Printable ASCII labels, quotes, backslashes and spaces included."""
    return st.text(_LABEL_ALPHABET, min_size=min_size, max_size=max_size)


def unique_labels(count: int) -> st.SearchStrategy[list[str]]:
    return st.lists(labels(), min_size=count, max_size=count, unique=True)


def payoff_values(kind: str = "any") -> st.SearchStrategy[Any]:
    """Payoff entries: ``"int"`` small ints (ties galore), ``"fraction"``, ``"float"`` or ``"any"`` exact."""
    ints = st.integers(-3, 3)
    fractions = st.builds(Fraction, st.integers(-50, 50), st.integers(1, 12))
    floats = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False, width=64)
    if kind == "int":
        return ints
    if kind == "fraction":
        return st.one_of(ints, fractions)
    if kind == "float":
        return floats
    return st.one_of(ints, fractions)


@st.composite
def normal_form_games(
    draw: st.DrawFn,
    *,
    min_players: int = 1,
    max_players: int = 4,
    max_strategies: int = 4,
    max_profiles: int = 256,
    payoffs: str | None = None,
    labelled: bool = True,
) -> NormalFormGame:
    """A random normal-form game.

    Parameters
    ----------
    payoffs
        ``"int"``, ``"fraction"``, ``"float"`` or ``None`` (drawn: exact games
        most of the time, floats sometimes).
    labelled
        Draw random player and strategy labels (else the defaults).
    """
    n = draw(st.integers(min_players, max_players))
    shape: list[int] = []
    for _ in range(n):
        room = max(1, max_profiles // max(1, math.prod(shape)))
        shape.append(draw(st.integers(1, max(1, min(max_strategies, room)))))
    kind = payoffs or draw(st.sampled_from(["int", "int", "fraction", "float"]))
    size = n * math.prod(shape)
    values = draw(st.lists(payoff_values(kind), min_size=size, max_size=size))
    if kind == "float":
        arr: Any = np.array(values, dtype=np.float64).reshape((n, *shape))
    else:
        arr = np.empty(size, dtype=object)
        arr[:] = values
        arr = arr.reshape((n, *shape))
    players = draw(unique_labels(n)) if labelled else None
    strategies = [draw(unique_labels(s)) for s in shape] if labelled else None
    title = draw(labels(0, 12)) if labelled else ""
    return NormalFormGame(arr, players=players, strategies=strategies, title=title)


def distributions(size: int) -> st.SearchStrategy[list[Fraction]]:
    """Exact probability vectors of length ``size`` (zeros allowed)."""
    return st.lists(st.integers(0, 5), min_size=size, max_size=size).filter(lambda w: sum(w) > 0).map(
        lambda w: [Fraction(x, sum(w)) for x in w]
    )


@st.composite
def extensive_form_games(
    draw: st.DrawFn,
    *,
    max_players: int = 3,
    max_depth: int = 4,
    max_actions: int = 3,
    max_nodes: int = 80,
    chance: bool = True,
    imperfect: bool = True,
    inner_outcomes: bool = True,
    exact: bool = True,
    labelled: bool = True,
) -> ExtensiveFormGame:
    """A random extensive-form game with perfect recall.

    Information sets are formed by merging decision nodes of one player that
    have the same number of actions and the same own history (the player's
    earlier information sets and actions), which keeps perfect recall.
    """
    n = draw(st.integers(1, max_players))
    players = draw(unique_labels(n)) if labelled else [f"Player {i + 1}" for i in range(n)]
    game = ExtensiveFormGame(players, title=draw(labels(0, 10)) if labelled else "")
    values = payoff_values("fraction") if exact else payoff_values("float")
    # (player, own history, n_actions) -> infoset keys usable there
    pools: dict[tuple[int, tuple[Any, ...], int], list[Any]] = {}
    budget = [max_nodes]
    stack: list[tuple[Any, int, tuple[tuple[Any, ...], ...]]] = [(game.root, 0, tuple(() for _ in range(n)))]
    counter = 0
    while stack:
        node, depth, histories = stack.pop()
        if inner_outcomes and draw(st.integers(0, 5)) == 0:
            game.set_outcome(node, draw(st.lists(values, min_size=n, max_size=n)), label=draw(labels(0, 5)))
        leaf = depth >= max_depth or budget[0] <= 1 or (depth > 0 and draw(st.integers(0, 3)) == 0)
        if leaf:
            out = game.graph.nodes[node].get("outcome")
            game.set_terminal(node, label=draw(labels(0, 5)) if labelled else "")
            if out is None:
                game.set_outcome(node, draw(st.lists(values, min_size=n, max_size=n)), label=draw(labels(0, 5)))
            continue
        k = draw(st.integers(1, max_actions))
        budget[0] -= k
        node_label = draw(labels(0, 5)) if labelled else ""
        if chance and draw(st.integers(0, 4)) == 0:
            acts = draw(unique_labels(k))
            if exact:
                probs: list[Any] = draw(distributions(k))
            else:
                w = draw(st.lists(st.floats(0.01, 1.0), min_size=k, max_size=k))
                probs = [x / sum(w) for x in w]
                probs[-1] = 1.0 - sum(probs[:-1])
                if probs[-1] < 0:
                    probs = [1.0 / k] * k
            children = game.set_chance(node, list(zip(acts, probs)), label=node_label)
            for child in reversed(children):
                stack.append((child, depth + 1, histories))
            continue
        player = draw(st.integers(0, n - 1))
        pool_key = (player, histories[player], k)
        pool = pools.setdefault(pool_key, [])
        if imperfect and pool and draw(st.booleans()):
            key = draw(st.sampled_from(pool))
            children = game.set_decision(node, player, infoset=key, label=node_label)
        else:
            counter += 1
            key = f"i{counter}"
            pool.append(key)
            acts = draw(unique_labels(k))
            children = game.set_decision(
                node, player, acts, infoset=key, infoset_label=draw(labels(0, 5)) if labelled else "",
                label=node_label,
            )
        for a, child in reversed(list(enumerate(children))):
            new_hist = list(histories)
            new_hist[player] = (*histories[player], (key, a))
            stack.append((child, depth + 1, tuple(new_hist)))
    game.validate()
    return game
