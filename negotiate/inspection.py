"""What a game is, in one dict: the facts ``negotiate inspect`` prints.

:func:`describe` summarises a :class:`~games.normal_form.NormalFormGame` or an
:class:`~games.extensive_form.ExtensiveFormGame`: players, strategies or the
tree's nodes and information sets, size, whether payoffs are exact, and the
properties a solver choice depends on (zero-sum, constant-sum, symmetric,
perfect information, perfect recall). Every value is JSON-safe: exact
numbers are ints or ``"a/b"`` strings.

Every fact is computed on arrays (the payoff array, or the compiled
:class:`~games.game_tree.GameTree`), so describing a game costs a few passes
over its data, never a Python loop over profiles or nodes.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from games.game_tree import KIND_CHANCE, KIND_DECISION, KIND_TERMINAL, GameTree
from games.limits import MAX_BYTES, human_bytes
from games.normal_form import NormalFormGame
from games.reduced_normal_form import estimate_reduced_size

if TYPE_CHECKING:  # pragma: no cover
    from games.extensive_form import ExtensiveFormGame

__all__ = ["describe"]


def _plain(value: Fraction | float | int) -> int | float | str:
    """A JSON-safe number: int, float, or ``"a/b"`` for a non-integer Fraction."""
    if isinstance(value, Fraction):
        return value.numerator if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    if isinstance(value, (int, np.integer)):
        return int(value)
    return float(value)


def _ranges(values: Any, scale: int | None, axis: tuple[int, ...]) -> dict[str, list[Any]]:
    """Per-player minimum and maximum payoffs; exact when ``scale`` is given."""
    lo, hi = values.min(axis=axis), values.max(axis=axis)
    if scale is None:
        return {"min": [float(v) for v in lo], "max": [float(v) for v in hi]}
    return {
        "min": [_plain(Fraction(int(v), scale)) for v in lo],
        "max": [_plain(Fraction(int(v), scale)) for v in hi],
    }


def _describe_normal(game: NormalFormGame) -> dict[str, Any]:
    n = game.n_players
    exact = game.exact_integer_payoffs()
    axes = tuple(range(1, n + 1))
    if exact is not None:
        ints, scale = exact
        payoffs = _ranges(ints, scale, axes)
    else:
        payoffs = _ranges(game.payoffs, None, axes)
    return {
        "kind": "normal",
        "title": game.title,
        "players": list(game.players),
        "n_players": n,
        "strategies": {p: list(s) for p, s in zip(game.players, game.strategies)},
        "shape": list(game.shape),
        "profiles": game.n_profiles,
        "payoff_entries": game.n_profiles * n,
        "exact": game.is_exact,
        "payoffs": payoffs,
        "zero_sum": game.is_zero_sum(),
        "constant_sum": game.is_constant_sum(),
        "symmetric": game.is_symmetric(),
    }


def describe(game: NormalFormGame | ExtensiveFormGame) -> dict[str, Any]:
    """Summarise a game as a JSON-safe dict.

    Parameters
    ----------
    game
        A normal-form or an extensive-form game.

    Returns
    -------
    dict
        Always: ``kind`` (``"normal"`` or ``"extensive"``), ``title``,
        ``players``, ``n_players``, ``exact`` (payoffs, and chance
        probabilities, kept as exact rationals), ``payoffs`` (``{"min": [...],
        "max": [...]}`` per player), ``zero_sum`` and ``constant_sum``
        (checked exactly on exact games).

        Normal form: ``strategies`` (``{player: [labels]}``), ``shape``,
        ``profiles``, ``payoff_entries``, ``symmetric``.

        Extensive form: ``nodes`` (``{"total", "decision", "chance",
        "terminal"}``), ``depth`` (longest path from the root, in moves),
        ``information_sets`` (``{player: {"count", "actions"}}``, chance
        included when present), ``perfect_information``, ``perfect_recall``,
        and ``reduced_normal_form``: ``{"shape", "profiles"}``, the reduced
        strategies per player counted on the sequence form without building
        the normal form (plus ``"too_large"``, a message, when building it
        would exceed :data:`games.limits.MAX_BYTES`), or ``{"shape": None,
        "reason": ...}`` without perfect recall.

    Examples
    --------
    >>> from games.library import prisoners_dilemma
    >>> info = describe(prisoners_dilemma())
    >>> info["kind"], info["shape"], info["profiles"], info["symmetric"], info["zero_sum"]
    ('normal', [2, 2], 4, True, False)
    """
    if isinstance(game, NormalFormGame):
        return _describe_normal(game)
    return _describe_extensive(game)


def _reduced_normal_form(tree: GameTree) -> dict[str, Any]:
    """Size of the reduced normal form, counted on the sequence tree without building it."""
    if not tree.has_perfect_recall():
        return {"shape": None, "profiles": None, "reason": "the game does not have perfect recall"}
    size = estimate_reduced_size(tree)
    out: dict[str, Any] = {"shape": list(size["strategies"]), "profiles": size["profiles"]}
    if size["bytes"] > MAX_BYTES:
        out["too_large"] = f"needs about {human_bytes(size['bytes'])} (limit {human_bytes(MAX_BYTES)})"
    return out


def _describe_extensive(game: ExtensiveFormGame) -> dict[str, Any]:
    tree = game.compile()
    n = tree.n_players
    kinds = np.bincount(tree.kind, minlength=3)
    terminals = tree.terminal_indices
    if tree.exact_payoffs is not None:
        exact_pay = tree.exact_payoffs[terminals]
        payoffs = {
            "min": [_plain(v) for v in exact_pay.min(axis=0)],
            "max": [_plain(v) for v in exact_pay.max(axis=0)],
        }
        totals = set(exact_pay.sum(axis=1).tolist())
        constant_sum = len(totals) <= 1
        zero_sum = totals <= {0}
    else:
        pay = tree.payoffs[terminals]
        payoffs = _ranges(pay, None, (0,))
        totals_f = pay.sum(axis=1)
        constant_sum = bool(np.ptp(totals_f) == 0) if totals_f.size else True
        zero_sum = bool(np.all(totals_f == 0))
    infosets: dict[str, dict[str, int]] = {}
    sets_per_player = np.bincount(tree.infoset_player + 1, minlength=n + 1)
    actions_per_player = np.bincount(
        tree.infoset_player + 1, weights=tree.infoset_n_actions, minlength=n + 1
    ).astype(np.int64)
    for p, name in enumerate(game.players):
        infosets[name] = {"count": int(sets_per_player[p + 1]), "actions": int(actions_per_player[p + 1])}
    if sets_per_player[0]:
        infosets["chance"] = {"count": int(sets_per_player[0]), "actions": int(actions_per_player[0])}
    decision_sets = tree.decision_infosets
    set_sizes = np.diff(tree.infoset_node_offsets)[decision_sets]
    return {
        "kind": "extensive",
        "title": game.title,
        "players": list(game.players),
        "n_players": n,
        "nodes": {
            "total": tree.n_nodes,
            "decision": int(kinds[KIND_DECISION]),
            "chance": int(kinds[KIND_CHANCE]),
            "terminal": int(kinds[KIND_TERMINAL]),
        },
        "depth": tree.max_depth,
        "information_sets": infosets,
        "exact": tree.is_exact,
        "payoffs": payoffs,
        "zero_sum": zero_sum,
        "constant_sum": constant_sum,
        "perfect_information": bool(np.all(set_sizes == 1)),
        "perfect_recall": tree.has_perfect_recall(),
        "reduced_normal_form": _reduced_normal_form(tree),
    }
