"""Nash equilibria of normal-form games.

One module per method; :data:`METHODS` maps each method's name to its
function, and :func:`solve` dispatches by name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from games.errors import InputError
from games.normal_form import NormalFormGame
from solvers.nash.pure import pure
from solvers.results import EquilibriumSet

__all__ = ["METHODS", "solve", "pure"]

#: Method name → solver function.
METHODS: dict[str, Callable[..., EquilibriumSet]] = {
    "pure": pure,
}


def solve(game: NormalFormGame, /, method: str = "pure", **options: Any) -> EquilibriumSet:
    """Solve ``game`` with the method named ``method`` (a key of :data:`METHODS`).

    Raises
    ------
    InputError
        For an unknown method, listing the valid names.
    """
    try:
        fn = METHODS[method]
    except KeyError:
        raise InputError(f"unknown method {method!r}; choose one of {sorted(METHODS)}") from None
    return fn(game, **options)
