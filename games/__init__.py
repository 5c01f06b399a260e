"""The game model: normal-form and extensive-form games, profiles, and file formats.

``games`` knows nothing of trade or of solving; ``solvers`` and ``negotiate``
build on it. Names are imported lazily (PEP 562), so ``import games.errors``
does not pay for networkx or scipy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from games.errors import (
    FormatError,
    GameTooLargeError,
    InputError,
    InvalidGameError,
    NegotiateError,
    UnsupportedGameError,
)

if TYPE_CHECKING:  # pragma: no cover
    from games.extensive_form import CHANCE, ExtensiveFormGame, InformationSet, Outcome
    from games.game_tree import GameTree, TreeBuilder
    from games.normal_form import NormalFormGame
    from games.profiles import BehaviorProfile, MixedProfile, behavior_to_mixed, mixed_to_behavior

_LAZY = {
    "CHANCE": "games.extensive_form",
    "ExtensiveFormGame": "games.extensive_form",
    "InformationSet": "games.extensive_form",
    "Outcome": "games.extensive_form",
    "GameTree": "games.game_tree",
    "TreeBuilder": "games.game_tree",
    "NormalFormGame": "games.normal_form",
    "BehaviorProfile": "games.profiles",
    "MixedProfile": "games.profiles",
    "behavior_to_mixed": "games.profiles",
    "mixed_to_behavior": "games.profiles",
}

__all__ = [
    "BehaviorProfile",
    "CHANCE",
    "ExtensiveFormGame",
    "FormatError",
    "GameTooLargeError",
    "GameTree",
    "InformationSet",
    "InputError",
    "InvalidGameError",
    "MixedProfile",
    "NegotiateError",
    "NormalFormGame",
    "Outcome",
    "TreeBuilder",
    "UnsupportedGameError",
    "behavior_to_mixed",
    "mixed_to_behavior",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'games' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
