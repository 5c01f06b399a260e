"""The reduced normal (strategic) form of an extensive-form game with perfect recall.

A *reduced* pure strategy of a player chooses an action only at the
information sets that the player's own earlier choices do not exclude: after
"Out" in the entry-deterrence game nothing more is chosen. Two pure
strategies that differ only at excluded information sets are the same
reduced strategy, because they are realization-equivalent. Under perfect
recall the reduced strategies of player ``p`` correspond one to one to the
pure (0/1) realization plans of ``p``'s sequence form, which is how they are
counted, enumerated and evaluated here.

Counting
    ``N(s)``, the number of ways to complete play below sequence ``s``, is the
    product over the information sets ``h`` whose parent sequence is ``s`` of
    ``sum_a N(h, a)``; a player's count is ``N(∅)``. It is computed level by
    level on the player's sequence tree, without enumerating, so a request
    that would not fit is refused with an estimate before anything large is
    allocated.

Labels
    A reduced strategy is labelled by its choices at the player's information
    sets, in the tree's information-set order, joined by ``-``, with ``*`` at
    the information sets it excludes: ``"Out-*"``, ``"In-Fight"``. When some
    action label is empty or the joined labels would collide, the labels are
    Gambit's: 1-based action numbers concatenated (separated by ``.`` when some
    information set has 10 or more actions), e.g. ``"12"``, ``"2*"``. A player
    who never moves has the single strategy ``"*"``.

Order
    Strategies are sorted lexicographically by their action indices, the
    player's first information set most significant, ``*`` first.

Payoffs
    ``U_i[s_1, …, s_n] = sum_z c(z) u_i(z) prod_p [s_p is consistent with z]``
    where ``c(z)`` is the chance reach of terminal ``z``. Terminals are grouped
    by their sequence tuple and contracted one player at a time (a
    broadcast product with the player's consistency matrix, strategies ×
    terminals, then a segmented sum), exactly in Fractions when the tree is
    exact.

References
----------
.. [1] Kuhn, H. W. (1953). Extensive games and the problem of information. In
   *Contributions to the Theory of Games II*, Annals of Mathematics Studies
   28: 193-216.
.. [2] von Stengel, B. (1996). Efficient computation of behavior strategies.
   *Games and Economic Behavior* 14(2): 220-246. doi:10.1006/game.1996.0050
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from games.errors import GameTooLargeError
from games.game_tree import GameTree, concat_ranges
from games.limits import MAX_BYTES, human_bytes
from games.normal_form import NormalFormGame

__all__ = [
    "ReducedStrategies",
    "reduced_strategy_counts",
    "reduced_strategies",
    "reduced_normal_form",
    "estimate_reduced_size",
]

#: Bytes a Fraction costs in an object array, roughly (as in :mod:`games.limits`).
_FRACTION_BYTES = 120
#: Elements per intermediate block of the payoff contraction.
_BLOCK = 1 << 22


@dataclass(frozen=True, eq=False)
class ReducedStrategies:
    """A player's reduced pure strategies, with their sequence-form realization plans.

    Attributes
    ----------
    player
        The player's index.
    infosets
        The player's global information-set indices (the columns of ``actions``).
    actions
        ``(n_strategies, len(infosets))``: the action index chosen at each
        information set, ``-1`` where the strategy's own earlier choices
        exclude it.
    plans
        ``(n_strategies, n_sequences)`` 0/1 matrix: row ``k`` is strategy ``k``'s
        pure realization plan (``plans[k, s] = 1`` iff the strategy plays every
        move of sequence ``s``).
    labels
        Strategy labels (see the module docstring).
    """

    player: int
    infosets: NDArray[np.int64]
    actions: NDArray[np.int32]
    plans: NDArray[np.int8]
    labels: tuple[str, ...]

    def __len__(self) -> int:
        return int(self.actions.shape[0])


def reduced_strategy_counts(tree: GameTree) -> tuple[int, ...]:
    """Number of reduced pure strategies of each player, counted without enumerating.

    Raises
    ------
    UnsupportedGameError
        If the tree lacks perfect recall.

    Examples
    --------
    >>> from games.library import kuhn_poker
    >>> reduced_strategy_counts(kuhn_poker().compile())
    (27, 64)
    """
    tree.require_perfect_recall("counting reduced strategies")
    out = []
    for p in range(tree.n_players):
        below = np.ones(tree.n_sequences[p], dtype=object)  # Python ints: counts can be huge
        for level in reversed(tree.sequence_levels(p)):
            k = tree.infoset_n_actions[level].astype(np.int64)
            idx = concat_ranges(tree.infoset_first_sequence[level], k)
            options = np.add.reduceat(below[idx], np.cumsum(k) - k)
            np.multiply.at(below, tree.infoset_parent_sequence[level], options)
        out.append(int(below[0]))
    return tuple(out)


def _approx(n: int) -> str:
    if n.bit_length() < 1000:
        return f"{float(n):.4g}"
    return f"about 10^{int(n.bit_length() * math.log10(2))}"


def _approx_bytes(n: int) -> str:
    return human_bytes(float(n)) if n.bit_length() < 1000 else f"{_approx(n)} B"


def estimate_reduced_size(tree: GameTree, *, exact: bool | None = None) -> dict[str, Any]:
    """What :func:`reduced_normal_form` would allocate: strategies, profiles, bytes.

    The bytes count the payoff array (Fractions too when ``exact``), the
    realization plans and the consistency matrices (strategies × terminals).
    """
    counts = reduced_strategy_counts(tree)
    keep_exact = tree.is_exact if exact is None else exact
    profiles = math.prod(counts)
    entries = profiles * tree.n_players
    terminals = int(tree.terminal_indices.size)
    per_entry = 8 + (_FRACTION_BYTES if keep_exact else 0)
    plans = sum(s * (q + 8 * terminals) for s, q in zip(counts, tree.n_sequences))
    return {
        "strategies": counts,
        "profiles": profiles,
        "payoff_entries": entries,
        "bytes": entries * per_entry + plans,
    }


def reduced_strategies(tree: GameTree, player: int) -> ReducedStrategies:
    """Enumerate ``player``'s reduced pure strategies and their realization plans.

    The enumeration walks the player's information sets from the last to the
    first (children before parents in the sequence tree); the options of an
    information set stack its actions' sub-plans, and the options of sibling
    information sets combine by a Cartesian product (a broadcast maximum over
    disjoint columns).

    Raises
    ------
    UnsupportedGameError
        If the tree lacks perfect recall.

    Examples
    --------
    >>> from games.library import entry_deterrence
    >>> r = reduced_strategies(entry_deterrence().compile(), 0)
    >>> r.labels, r.plans.tolist()
    (('Out', 'In'), [[1, 1, 0], [1, 0, 1]])
    """
    tree.require_perfect_recall("the reduced normal form")
    hs = tree.player_infosets(player)
    m = hs.size
    column = {int(h): j for j, h in enumerate(hs)}
    below: dict[int, NDArray[np.int32]] = {}
    empty = np.full((1, m), -1, dtype=np.int32)
    for h in reversed(hs.tolist()):
        first = int(tree.infoset_first_sequence[h])
        options = []
        for a in range(int(tree.infoset_n_actions[h])):
            sub = below.pop(first + a, None)
            sub = empty.copy() if sub is None else sub
            sub[:, column[h]] = a
            options.append(sub)
        opt = np.vstack(options)
        parent = int(tree.infoset_parent_sequence[h])
        cur = below.get(parent)
        below[parent] = opt if cur is None else np.maximum(cur[:, None, :], opt[None, :, :]).reshape(-1, m)
    actions = below.get(0, empty)
    if m:
        actions = actions[np.lexsort(actions.T[::-1])]
    actions = np.ascontiguousarray(actions, dtype=np.int32)
    plans = np.zeros((actions.shape[0], tree.n_sequences[player]), dtype=np.int8)
    plans[:, 0] = 1
    rows, cols = np.nonzero(actions >= 0)
    plans[rows, tree.infoset_first_sequence[hs[cols]] + actions[rows, cols]] = 1
    actions.setflags(write=False)
    plans.setflags(write=False)
    return ReducedStrategies(player, hs, actions, plans, _labels(tree, hs, actions))


def _labels(tree: GameTree, hs: NDArray[np.int64], actions: NDArray[np.int32]) -> tuple[str, ...]:
    if hs.size == 0:
        return ("*",)
    names = [tree.action_labels[int(h)] for h in hs]
    rows = actions.tolist()
    if all(all(names_h) for names_h in names):
        labels = ["-".join(names[j][a] if a >= 0 else "*" for j, a in enumerate(row)) for row in rows]
        if len(set(labels)) == len(labels):
            return tuple(labels)
    sep = "." if int(tree.infoset_n_actions[hs].max()) >= 10 else ""
    return tuple(sep.join(str(a + 1) if a >= 0 else "*" for a in row) for row in rows)


def reduced_normal_form(tree: GameTree, *, max_bytes: float | None = None) -> NormalFormGame:
    """The reduced strategic form of a game tree with perfect recall.

    Parameters
    ----------
    tree
        The compiled game (:meth:`ExtensiveFormGame.compile
        <games.extensive_form.ExtensiveFormGame.compile>`).
    max_bytes
        Memory budget (default :data:`games.limits.MAX_BYTES`).

    Returns
    -------
    NormalFormGame
        Players and title of the tree; strategies labelled as in the module
        docstring; exact payoffs when the tree is exact.

    Raises
    ------
    UnsupportedGameError
        If the tree lacks perfect recall (the message names an information
        set that breaks it).
    GameTooLargeError
        Before enumerating, when the strategies, payoffs and consistency
        matrices would exceed ``max_bytes``; ``estimate`` holds
        ``strategies``, ``profiles``, ``payoff_entries`` and ``bytes``.

    Examples
    --------
    >>> from games.library import entry_deterrence
    >>> g = reduced_normal_form(entry_deterrence().compile())
    >>> g.strategies
    (('Out', 'In'), ('Fight', 'Accommodate'))
    >>> g.payoffs[0].tolist(), g.payoffs[1].tolist()
    ([[0.0, 0.0], [-1.0, 1.0]], [[2.0, 2.0], [-1.0, 1.0]])
    """
    tree.require_perfect_recall("the reduced normal form")
    budget = MAX_BYTES if max_bytes is None else max_bytes
    est = estimate_reduced_size(tree)
    if est["bytes"] > budget:
        counts = est["strategies"]
        raise GameTooLargeError(
            f"the reduced normal form of this tree has {' x '.join(_approx(c) for c in counts)} strategies, "
            f"{_approx(est['profiles'])} pure profiles; building it needs about "
            f"{_approx_bytes(est['bytes'])} "
            f"(limit {human_bytes(budget)})",
            est,
        )
    strategies = [reduced_strategies(tree, p) for p in range(tree.n_players)]
    exact = tree.is_exact
    seqs, weights = tree.sequence_form_payoffs(exact=exact)
    tensor = _payoff_tensor(seqs, weights, [s.plans for s in strategies], exact)
    return NormalFormGame(
        tensor,
        players=tree.players,
        strategies=[s.labels for s in strategies],
        title=tree.title,
        exact=exact,
    )


def _payoff_tensor(
    seqs: NDArray[np.int64], weights: NDArray[Any], plans: list[NDArray[np.int8]], exact: bool
) -> NDArray[Any]:
    """``U[i, s_0, …] = sum_z weights[z, i] prod_p plans[p][s_p, seqs[z, p]]``, one player at a time."""
    n_pay = weights.shape[1]
    n = len(plans)
    shape = tuple(p.shape[0] for p in plans)
    dtype: Any = object if exact else np.float64
    if seqs.shape[0] == 0:
        return np.zeros((n_pay, *shape), dtype=dtype) if not exact else _zeros_exact((n_pay, *shape))
    uniq, inverse = np.unique(seqs, axis=0, return_inverse=True)
    w = _zeros_exact((uniq.shape[0], n_pay)) if exact else np.zeros((uniq.shape[0], n_pay))
    np.add.at(w, inverse.reshape(-1), weights)
    order = np.lexsort(uniq.T)  # last player's sequence most significant
    uniq, w = uniq[order], w[order]
    x = w.T[:, None, :]  # (payoff player, rows so far, grouped terminals)
    rows = 1
    for k in range(n):
        consistent = plans[k][:, uniq[:, k]].astype(dtype)  # strategies × grouped terminals
        if k == n - 1:
            x = x @ consistent.T
            break
        suffix = uniq[:, k + 1 :]
        starts = np.concatenate([[0], np.flatnonzero(np.any(suffix[1:] != suffix[:-1], axis=1)) + 1])
        s_k, z_k = consistent.shape
        out = np.empty((n_pay, rows, s_k, starts.size), dtype=dtype)
        step = max(1, _BLOCK // max(1, n_pay * s_k * z_k))
        for lo in range(0, rows, step):
            block = x[:, lo : lo + step, None, :] * consistent[None, None, :, :]
            out[:, lo : lo + step] = np.add.reduceat(block, starts, axis=-1)
        x = out.reshape(n_pay, rows * s_k, starts.size)
        uniq = uniq[starts]
        rows *= s_k
    return np.asarray(x).reshape(n_pay, *shape)


def _zeros_exact(shape: tuple[int, ...]) -> NDArray[np.object_]:
    from fractions import Fraction

    out = np.empty(shape, dtype=object)
    out.fill(Fraction(0))
    return out
