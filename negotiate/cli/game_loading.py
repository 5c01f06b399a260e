"""Loading a game file for a command that works on normal-form games."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from games.normal_form import NormalFormGame

__all__ = ["load_normal_form"]


def load_normal_form(file: Path, input_format: str | None) -> tuple[NormalFormGame, dict[str, Any]]:
    """Read ``file``; a game tree becomes its reduced normal form.

    Returns
    -------
    (game, source)
        ``source`` describes where the game came from, for the output:
        ``file``, ``title``, ``kind`` and, for a tree, ``form``.
    """
    from games.formats import load
    from games.normal_form import NormalFormGame

    game = load(file, format=input_format)
    source: dict[str, Any] = {"file": str(file), "title": game.title, "kind": "normal"}
    if not isinstance(game, NormalFormGame):
        game = game.to_normal_form()
        source["kind"] = "extensive"
        source["form"] = (
            f"the reduced normal form of the extensive-form game "
            f"({'×'.join(map(str, game.shape))} reduced strategies)"
        )
    return game, source
