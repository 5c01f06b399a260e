"""The check every chance distribution passes, wherever a game is built.

:class:`~games.extensive_form.ExtensiveFormGame` (authoring and
:meth:`~games.extensive_form.ExtensiveFormGame.validate`) and
:class:`~games.game_tree.TreeBuilder` both call :func:`check_probabilities`,
so a distribution one of them accepts the other accepts too. The module
imports no game model (and so not networkx), which keeps
:mod:`games.game_tree` light to import.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

from games.errors import InvalidGameError

__all__ = ["PROBABILITY_TOLERANCE", "check_probabilities"]

#: How far from 1 the sum of a distribution with a float probability may be.
PROBABILITY_TOLERANCE = 1e-9


def check_probabilities(
    probs: Sequence[Fraction | float], where: str, tol: float = PROBABILITY_TOLERANCE
) -> None:
    """Require chance probabilities ≥ 0 summing to 1: exactly when all are Fractions, else within ``tol``.

    Parameters
    ----------
    probs
        The probabilities, already numbers (Fractions or floats).
    where
        What they belong to, starting the error message (``"chance node 3"``).
    tol
        Tolerance on the (correctly rounded) float sum when any probability is a float.

    Raises
    ------
    InvalidGameError
        Naming ``where`` and the offending values or sum.

    Examples
    --------
    >>> check_probabilities([Fraction(1, 3), Fraction(2, 3)], "chance node 0")
    >>> check_probabilities([0.5, 0.6], "chance node 0")
    Traceback (most recent call last):
    ...
    games.errors.InvalidGameError: chance node 0: chance probabilities must sum to 1; they sum to 1.1
    """
    if any(p < 0 for p in probs):
        raise InvalidGameError(f"{where}: chance probabilities must be ≥ 0; got {[str(p) for p in probs]}")
    if all(isinstance(p, Fraction) for p in probs):
        if sum(probs) != 1:
            raise InvalidGameError(
                f"{where}: chance probabilities must sum to exactly 1; they sum to {sum(probs)}"
            )
        return
    total = math.fsum(float(p) for p in probs)
    if abs(total - 1.0) > tol:
        raise InvalidGameError(f"{where}: chance probabilities must sum to 1; they sum to {total!r}")
