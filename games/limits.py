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
    for unit in ("B", "KiB", "MiB", "GiB", "TiB", "PiB"):
        if abs(n) < 1024 or unit == "PiB":
            return f"{n:.3g} {unit}" if unit != "B" else f"{int(n)} B"
        n /= 1024
    return f"{n:.3g} EiB"  # pragma: no cover


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
        seconds = entries / 1e9
        raise GameTooLargeError(
            f"a game of {n} players with strategy counts {list(strategy_counts)} has "
            f"{profiles:.4g} pure profiles and {entries:.4g} payoff entries; holding them "
            f"needs about {human_bytes(cost)} (limit {human_bytes(budget)}), "
            f"and one pass over them about {seconds:.3g} s",
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
