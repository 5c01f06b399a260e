"""Shared pytest configuration: hypothesis profiles, and fixtures more than one test module uses."""

from __future__ import annotations

import os
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, settings

from games.extensive_form import ExtensiveFormGame

settings.register_profile(
    "default",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("ci", parent=settings.get_profile("default"), derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")


@pytest.fixture
def wide_tree() -> ExtensiveFormGame:
    """A tree of 121 nodes whose reduced normal form is 2^40 × 1.

    Chance picks one of 40 outcomes (1/40 each); after each, P1 chooses a or b
    at an information set of its own, (1, -1) or (-1, 1). P2 never moves.
    """
    game = ExtensiveFormGame(["P1", "P2"])
    kids = game.set_chance(game.root, {f"c{k}": Fraction(1, 40) for k in range(40)})
    for k, node in enumerate(kids):
        a, b = game.set_decision(node, 0, ["a", "b"], infoset=f"s{k}")
        game.set_terminal(a, [1, -1])
        game.set_terminal(b, [-1, 1])
    return game
