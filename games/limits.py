"""Size limits: refuse a game before allocating it, with an estimate of its cost.

Every constructor or parser that is about to allocate memory proportional to a
product of sizes (profiles of a normal-form game, nodes of a tree, pure
strategies of a reduced normal form) calls a check here first, so that a file
declaring a 50-player game fails fast with a message instead of exhausting
memory.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from games.errors import GameTooLargeError

__all__ = [
    "MAX_BYTES",
    "MAX_TREE_NODES",
    "human_bytes",
    "check_normal_form_size",
    "check_tree_size",
]

#: Memory a single game's arrays may take by default (bytes).
MAX_BYTES = 4 * 2**30
#: Nodes an extensive-form game may have by default.
MAX_TREE_NODES = 50_000_000
#: Bytes an exact Fraction costs, roughly, in an object array.
_FRACTION_BYTES = 120


def human_bytes(n: float) -> str:
    """Format a byte count: ``1.5 GiB``."""
    if n >= 1024**6:
        return f"{_sci(int(n) // 1024**5)} PiB"
    for unit in ("B", "KiB", "MiB", "GiB", "TiB", "PiB"):
        if abs(n) < 1024 or unit == "PiB":
            return f"{n:.3g} {unit}" if unit != "B" else f"{int(n)} B"
        n /= 1024
    return f"{n:.3g} EiB"  # pragma: no cover


def _sci(n: int) -> str:
    """An integer in 4 significant digits, however large (``1.268e+30``)."""
    if n < 10**300:
        return f"{n:.4g}"
    digits = str(n)
    return f"{digits[0]}.{digits[1:4]}e+{len(digits) - 1}"


def check_normal_form_size(
    strategy_counts: Sequence[int], *, exact: bool = False, max_bytes: float | None = None
) -> int:
    """Refuse a normal-form game whose payoff array would not fit.

    Parameters
    ----------
    strategy_counts
        Number of strategies of each player.
    exact
        Whether exact rational payoffs will be kept too (they cost far more).
    max_bytes
        Budget; defaults to :data:`MAX_BYTES`.

    Returns
    -------
    int
        The number of pure profiles.

    Raises
    ------
    GameTooLargeError
        With ``estimate = {"profiles", "payoff_entries", "bytes"}``.
    """
    budget = MAX_BYTES if max_bytes is None else max_bytes
    n = len(strategy_counts)
    profiles = math.prod(int(s) for s in strategy_counts)
    entries = profiles * n
    per_entry = 8 + (_FRACTION_BYTES if exact else 0)
    cost = entries * per_entry
    if cost > budget:
        # a pure-equilibrium pass touches every entry a few times at ~1e9 entries/s
        seconds = entries / 1e9 if entries < 10**300 else float("inf")
        duration = f"{seconds:.3g} s" if entries < 10**24 else f"{_sci(entries // 10**9)} s"
        counts = list(strategy_counts) if n <= 12 else f"[{strategy_counts[0]}, ... ({n} players)]"
        raise GameTooLargeError(
            f"a game of {n} players with strategy counts {counts} has "
            f"{_sci(profiles)} pure profiles and {_sci(entries)} payoff entries; holding them "
            f"needs about {human_bytes(cost)} (limit {human_bytes(budget)}), "
            f"and one pass over them about {duration}",
            {"profiles": profiles, "payoff_entries": entries, "bytes": cost, "seconds_per_pass": seconds},
        )
    return profiles


def check_tree_size(n_nodes: int, *, max_nodes: int | None = None) -> None:
    """Refuse a game tree with more than ``max_nodes`` nodes (default :data:`MAX_TREE_NODES`)."""
    limit = MAX_TREE_NODES if max_nodes is None else max_nodes
    if n_nodes > limit:
        cost = n_nodes * 64
        raise GameTooLargeError(
            f"a game tree of {n_nodes:.4g} nodes exceeds the limit of {limit:.4g} nodes; "
            f"its compiled arrays alone would need about {human_bytes(cost)}",
            {"nodes": n_nodes, "bytes": cost},
        )
