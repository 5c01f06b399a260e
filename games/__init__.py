"""The game model: normal-form and extensive-form games, profiles, and file formats.

``games`` knows nothing of trade or of solving; ``solvers`` and ``negotiate``
build on it.
"""

from games.errors import (
    FormatError,
    GameTooLargeError,
    InputError,
    InvalidGameError,
    NegotiateError,
    UnsupportedGameError,
)
from games.extensive_form import CHANCE, ExtensiveFormGame, InformationSet, Outcome
from games.game_tree import GameTree, TreeBuilder
from games.normal_form import NormalFormGame
from games.profiles import BehaviorProfile, MixedProfile, behavior_to_mixed, mixed_to_behavior

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
