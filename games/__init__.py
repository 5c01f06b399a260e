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
from games.normal_form import NormalFormGame
from games.profiles import MixedProfile

__all__ = [
    "CHANCE",
    "ExtensiveFormGame",
    "FormatError",
    "GameTooLargeError",
    "InformationSet",
    "InputError",
    "InvalidGameError",
    "MixedProfile",
    "NegotiateError",
    "NormalFormGame",
    "Outcome",
    "UnsupportedGameError",
]
