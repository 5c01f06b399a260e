"""The compiled, immutable array form of an extensive-form game.

A :class:`GameTree` stores a finite game tree as flat, read-only numpy arrays,
the form every heavy solver (backward induction, sequence-form programs,
counterfactual regret minimisation, best responses) works on.

Node order
    Nodes are numbered breadth-first: the root is node 0, every depth is the
    contiguous slice ``depth_offsets[d]:depth_offsets[d + 1]``, and the
    children of a node are contiguous (``first_child[v] + a`` is the child
    reached by action ``a``), in action order. A parent always has a smaller
    index than its children, so one vectorised pass per depth propagates
    anything from the root to the leaves (or back).

Information sets
    Information sets (decision and chance) have one global index ``h``,
    numbered by first appearance in node order, so an information set always
    comes after the information sets on the paths to its first node. The
    actions of all information sets are numbered globally too:
    ``infoset_action_offsets[h] + a`` is action ``a`` of ``h``.

Sequence form
    Player ``p``'s *sequences* (Koller, Megiddo & von Stengel 1996; von Stengel
    1996) are the empty sequence (index 0) and one sequence per (information
    set, action) of ``p``: ``infoset_first_sequence[h] + a``. Under perfect
    recall every node of an information set ``h`` is reached by the same
    sequence of ``p``'s own moves, whose last move is
    ``infoset_parent_sequence[h]``. ``sequence[v, p]`` is the last sequence of
    player ``p`` on the path to node ``v``. A realization plan ``x`` of ``p``
    satisfies ``E x = e, x ≥ 0`` (:meth:`GameTree.sequence_constraints`), and
    the expected payoff of a profile of plans is multilinear in the plans with
    the terminal weights of :meth:`GameTree.sequence_form_payoffs`.

Building
    :meth:`GameTree.from_extensive` compiles an
    :class:`~games.extensive_form.ExtensiveFormGame`; :class:`TreeBuilder`
    builds the arrays directly (node by node, or vectorised over many nodes at
    once) with amortised-growth buffers, so a game of millions of nodes never
    creates a networkx node. Both check the size with
    :func:`~games.limits.check_tree_size` before allocating.

References
----------
.. [1] Koller, D., Megiddo, N. and von Stengel, B. (1996). Efficient computation
   of equilibria for extensive two-person games. *Games and Economic Behavior*
   14(2): 247-259. doi:10.1006/game.1996.0051
.. [2] von Stengel, B. (1996). Efficient computation of behavior strategies.
   *Games and Economic Behavior* 14(2): 220-246. doi:10.1006/game.1996.0050
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from fractions import Fraction
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from games.errors import GameTooLargeError, InvalidGameError, UnsupportedGameError
from games.limits import MAX_TREE_NODES, check_tree_size
from games.normal_form import default_player_names
from games.probabilities import check_probabilities
from games.rationals import is_exact_value, to_fraction

if TYPE_CHECKING:  # pragma: no cover
    import scipy.sparse

    from games.extensive_form import ExtensiveFormGame

__all__ = [
    "CHANCE",
    "NO_PLAYER",
    "KIND_DECISION",
    "KIND_CHANCE",
    "KIND_TERMINAL",
    "GameTree",
    "TreeBuilder",
    "RecallViolation",
    "MAX_EXTENSIVE_NODES",
]

#: Player index of chance (nature), as in :mod:`games.extensive_form`.
CHANCE = -1
#: Player index stored at terminal nodes.
NO_PLAYER = -2
#: Node kind codes (``GameTree.kind``).
KIND_DECISION = 0
KIND_CHANCE = 1
KIND_TERMINAL = 2
_UNSET = -1

#: Largest tree :meth:`GameTree.to_extensive` converts by default.
MAX_EXTENSIVE_NODES = 200_000

_INDEX = np.int32


def _readonly(arr: NDArray[Any]) -> NDArray[Any]:
    arr.setflags(write=False)
    return arr


def concat_ranges(starts: NDArray[Any], counts: NDArray[Any]) -> NDArray[np.int64]:
    """``concatenate([arange(s, s + c) for s, c in zip(starts, counts)])``, vectorised."""
    counts = np.asarray(counts, dtype=np.int64)
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.cumsum(counts) - counts
    return np.repeat(np.asarray(starts, dtype=np.int64) - offsets, counts) + np.arange(total, dtype=np.int64)


def _ranks_in_groups(counts: NDArray[Any]) -> NDArray[np.int64]:
    """``concatenate([arange(c) for c in counts])``, vectorised."""
    return concat_ranges(np.zeros(len(counts), dtype=np.int64), counts)


def _coerce(value: Any, what: str) -> Fraction | float:
    if is_exact_value(value):
        return Fraction(value)
    if isinstance(value, str):
        try:
            return to_fraction(value)
        except ValueError:
            raise InvalidGameError(f"{what}: {value!r} is not a number") from None
    if isinstance(value, (bool, np.bool_)):
        raise InvalidGameError(f"{what}: {value!r} is not a number")
    try:
        f = float(value)
    except (TypeError, ValueError):
        raise InvalidGameError(f"{what}: {value!r} is not a number") from None
    if not math.isfinite(f):
        raise InvalidGameError(f"{what}: {value!r} is not a finite number")
    return f


class RecallViolation(NamedTuple):
    """Two nodes of one information set that its player can tell apart by their own moves.

    Attributes
    ----------
    infoset
        Global index of the information set.
    player
        Its player.
    label
        Its label (or key), for messages.
    nodes
        Two of its nodes reached by different last own sequences.
    sequences
        The player's last sequence at each of the two nodes.
    """

    infoset: int
    player: int
    label: str
    nodes: tuple[int, int]
    sequences: tuple[int, int]


@dataclass(frozen=True, eq=False, repr=False)
class GameTree:
    """An extensive-form game as immutable flat arrays (see the module docstring).

    Do not construct directly: use :meth:`from_extensive`,
    :meth:`ExtensiveFormGame.compile <games.extensive_form.ExtensiveFormGame.compile>`
    or :class:`TreeBuilder`.

    Attributes
    ----------
    players, title
        Player names and title.
    parent, depth, kind, player, infoset, action, first_child, n_children
        Per node (int32 / int8): parent (-1 at the root), depth, kind code
        (:data:`KIND_DECISION`, :data:`KIND_CHANCE`, :data:`KIND_TERMINAL`),
        player (:data:`CHANCE` at chance nodes, :data:`NO_PLAYER` at terminals),
        global information set (-1 at terminals), index of the action leading
        to the node (-1 at the root), first child (-1 at terminals), number of
        children.
    chance_reach
        Per node: product of the chance probabilities on its path.
    payoffs, exact_payoffs
        ``(n_nodes, n_players)``: the sum of the outcomes on the path to each
        node (the payoff of a play at terminals), float64 and, when every
        outcome is exact, Fractions (else ``None``).
    depth_offsets
        Depth ``d`` is the node slice ``depth_offsets[d]:depth_offsets[d + 1]``.
    node_labels, node_keys
        Per node: label, and the original node id (``None`` when built directly).
    outcome_node, outcome_payoffs, exact_outcome_payoffs, outcome_labels
        The outcomes attached to nodes (sparse): node, payoff vector, label.
    infoset_player, infoset_n_actions, infoset_action_offsets
        Per information set: player, number of actions, first global action.
    infoset_labels, infoset_keys, action_labels
        Labels and keys of information sets; action labels per information set.
    action_probability, exact_action_probability
        Per global action: the chance probability (NaN for a player's action);
        exact (Fractions, ``None`` for a player's action) when every chance
        probability is exact, else ``None``.
    infoset_node_offsets, infoset_nodes
        Nodes of information set ``h``:
        ``infoset_nodes[infoset_node_offsets[h]:infoset_node_offsets[h + 1]]``.
    n_sequences, infoset_first_sequence, infoset_parent_sequence
        Sequence form: sequences per player; first sequence of each
        information set (``-1`` for chance); the player's sequence leading to
        it (read at its first node; the same at all its nodes under perfect
        recall).
    sequence_infoset, sequence_action
        Per player: information set and action of each sequence (``-1`` for
        the empty sequence 0).
    sequence
        ``(n_nodes, n_players)``: each player's last sequence on the path.

    Examples
    --------
    >>> from games.library import entry_deterrence
    >>> tree = entry_deterrence().compile()
    >>> tree.n_nodes, tree.n_infosets, tree.terminal_indices.tolist()
    (5, 2, [1, 3, 4])
    >>> tree.payoffs[tree.terminal_indices].tolist()
    [[0.0, 2.0], [-1.0, -1.0], [1.0, 1.0]]
    >>> tree.n_sequences, tree.has_perfect_recall()
    ((3, 3), True)
    """

    players: tuple[str, ...]
    title: str
    parent: NDArray[np.int32]
    depth: NDArray[np.int32]
    kind: NDArray[np.int8]
    player: NDArray[np.int32]
    infoset: NDArray[np.int32]
    action: NDArray[np.int32]
    first_child: NDArray[np.int32]
    n_children: NDArray[np.int32]
    chance_reach: NDArray[np.float64]
    payoffs: NDArray[np.float64]
    exact_payoffs: NDArray[np.object_] | None
    depth_offsets: NDArray[np.int64]
    node_labels: tuple[str, ...]
    node_keys: tuple[Hashable, ...] | None
    outcome_node: NDArray[np.int32]
    outcome_payoffs: NDArray[np.float64]
    exact_outcome_payoffs: NDArray[np.object_] | None
    outcome_labels: tuple[str, ...]
    infoset_player: NDArray[np.int32]
    infoset_n_actions: NDArray[np.int32]
    infoset_action_offsets: NDArray[np.int64]
    infoset_labels: tuple[str, ...]
    infoset_keys: tuple[Hashable, ...]
    action_labels: tuple[tuple[str, ...], ...]
    action_probability: NDArray[np.float64]
    exact_action_probability: tuple[Fraction | None, ...] | None
    infoset_node_offsets: NDArray[np.int64]
    infoset_nodes: NDArray[np.int32]
    n_sequences: tuple[int, ...]
    infoset_first_sequence: NDArray[np.int64]
    infoset_parent_sequence: NDArray[np.int64]
    sequence_infoset: tuple[NDArray[np.int64], ...]
    sequence_action: tuple[NDArray[np.int64], ...]
    sequence: NDArray[np.int32]
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        # the tree is immutable: every array it holds is made read-only here, once
        # (the per-player arrays of sequence_infoset and sequence_action are made so when built)
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, np.ndarray):
                _readonly(value)

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_extensive(cls, game: ExtensiveFormGame) -> GameTree:
        """Compile an :class:`~games.extensive_form.ExtensiveFormGame` (validated first).

        Information-set keys become ``(player, key)`` pairs, as in
        ``game.infosets``; ``node_keys`` holds the original node ids.
        """
        check_tree_size(game.n_nodes)
        game.validate()
        builder = TreeBuilder(game.players, title=game.title)
        graph = game.graph
        keys: list[Hashable] = []
        queue: deque[tuple[Hashable, int]] = deque([(game.root, builder.root)])
        while queue:
            gnode, bnode = queue.popleft()
            keys.append(gnode)
            attrs = graph.nodes[gnode]
            out = attrs.get("outcome")
            if out is not None:
                builder.outcome(bnode, out.payoffs, label=out.label)
            kind = attrs["kind"]
            label = attrs.get("label", "") or ""
            if kind == "terminal":
                builder.terminal(bnode, label=label)
                continue
            player = attrs["player"]
            info = game.infosets[(player, attrs["infoset"])]
            if kind == "chance":
                kids = builder.chance(
                    bnode,
                    list(zip(info.actions, info.probabilities or ())),
                    infoset=(player, info.key),
                    infoset_label=info.label,
                    label=label,
                )
            else:
                kids = builder.decision(
                    bnode,
                    player,
                    info.actions,
                    infoset=(player, info.key),
                    infoset_label=info.label,
                    label=label,
                )
            queue.extend(zip(game.children(gnode), kids))
        return builder._build(node_keys=keys)

    # ------------------------------------------------------------------ sizes
    @property
    def n_nodes(self) -> int:
        """Number of nodes."""
        return int(self.parent.shape[0])

    @property
    def n_players(self) -> int:
        """Number of players (chance excluded)."""
        return len(self.players)

    @property
    def n_infosets(self) -> int:
        """Number of information sets, chance's included."""
        return int(self.infoset_player.shape[0])

    @property
    def n_actions(self) -> int:
        """Number of actions over all information sets."""
        return int(self.infoset_action_offsets[-1])

    @property
    def max_depth(self) -> int:
        """Depth of the deepest node."""
        return int(self.depth_offsets.shape[0] - 2)

    @property
    def terminal_indices(self) -> NDArray[np.int64]:
        """Indices of the terminal nodes, increasing."""
        if "terminals" not in self._cache:
            self._cache["terminals"] = _readonly(np.flatnonzero(self.kind == KIND_TERMINAL))
        return self._cache["terminals"]  # type: ignore[no-any-return]

    @property
    def decision_infosets(self) -> NDArray[np.int64]:
        """Global indices of the players' (non-chance) information sets."""
        if "decision_infosets" not in self._cache:
            self._cache["decision_infosets"] = _readonly(np.flatnonzero(self.infoset_player >= 0))
        return self._cache["decision_infosets"]  # type: ignore[no-any-return]

    @property
    def is_exact(self) -> bool:
        """Whether every payoff and every chance probability is exact."""
        return self.exact_payoffs is not None and self.exact_action_probability is not None

    def player_infosets(self, player: int) -> NDArray[np.int64]:
        """Global indices of ``player``'s information sets (in increasing order)."""
        key = f"player_infosets_{player}"
        if key not in self._cache:
            self._cache[key] = _readonly(np.flatnonzero(self.infoset_player == player))
        return self._cache[key]  # type: ignore[no-any-return]

    def nodes_of(self, infoset: int) -> NDArray[np.int32]:
        """The nodes of information set ``infoset``."""
        return self.infoset_nodes[self.infoset_node_offsets[infoset] : self.infoset_node_offsets[infoset + 1]]

    def depth_slice(self, depth: int) -> slice:
        """The slice of node indices at ``depth``."""
        return slice(int(self.depth_offsets[depth]), int(self.depth_offsets[depth + 1]))

    def edge_action(self) -> NDArray[np.int64]:
        """Per node, the global index of the action on the edge from its parent (-1 at the root)."""
        if "edge_action" not in self._cache:
            out = np.full(self.n_nodes, -1, dtype=np.int64)
            par = self.parent[1:]
            out[1:] = self.infoset_action_offsets[self.infoset[par]] + self.action[1:]
            self._cache["edge_action"] = _readonly(out)
        return self._cache["edge_action"]  # type: ignore[no-any-return]

    def exact_chance_reach(self) -> NDArray[np.object_]:
        """Per node, the exact product of chance probabilities on its path (Fractions).

        Raises
        ------
        UnsupportedGameError
            If some chance probability is not exact.
        """
        if self.exact_action_probability is None:
            raise UnsupportedGameError("this tree has inexact chance probabilities")
        if "exact_chance_reach" not in self._cache:
            probs = np.empty(max(1, len(self.exact_action_probability)), dtype=object)
            probs[: len(self.exact_action_probability)] = [
                Fraction(1) if p is None else p for p in self.exact_action_probability
            ]
            edge = np.full(self.n_nodes, Fraction(1), dtype=object)
            ea = self.edge_action()
            chance_edge = np.flatnonzero((ea >= 0) & (self.player[np.maximum(self.parent, 0)] == CHANCE))
            chance_edge = chance_edge[chance_edge > 0]
            edge[chance_edge] = probs[ea[chance_edge]]
            reach = np.empty(self.n_nodes, dtype=object)
            reach[0] = Fraction(1)
            for d in range(1, self.max_depth + 1):
                sl = self.depth_slice(d)
                reach[sl] = reach[self.parent[sl]] * edge[sl]
            self._cache["exact_chance_reach"] = _readonly(reach)
        return self._cache["exact_chance_reach"]  # type: ignore[no-any-return]

    # ------------------------------------------------------------------ perfect recall
    def _recall_mismatch(self) -> NDArray[np.int64]:
        """Decision nodes whose own last sequence differs from their infoset's parent sequence."""
        dec = np.flatnonzero(self.kind == KIND_DECISION)
        own = self.sequence[dec, self.player[dec]]
        ref = self.infoset_parent_sequence[self.infoset[dec]]
        return dec[own != ref]

    def has_perfect_recall(self) -> bool:
        """Whether every player always remembers their own earlier moves (and what they knew).

        Vectorised: at every node of every information set the player's last
        own sequence must be the same (which, by induction over the sequence
        tree, makes the whole own history the same; it also excludes
        absent-mindedness, two nodes of one set on one path).
        """
        if "recall" not in self._cache:
            self._cache["recall"] = self._recall_mismatch().size == 0
        return bool(self._cache["recall"])

    def perfect_recall_violations(self) -> list[RecallViolation]:
        """One :class:`RecallViolation` per information set that breaks perfect recall."""
        bad = self._recall_mismatch()
        out = []
        for h in np.unique(self.infoset[bad]):
            h = int(h)
            p = int(self.infoset_player[h])
            first = int(self.nodes_of(h)[0])
            node = int(bad[self.infoset[bad] == h][0])
            out.append(
                RecallViolation(
                    h,
                    p,
                    self.infoset_name(h),
                    (first, node),
                    (int(self.sequence[first, p]), int(self.sequence[node, p])),
                )
            )
        return out

    def require_perfect_recall(self, what: str = "this method") -> None:
        """Raise :class:`UnsupportedGameError` naming a violating information set, if any."""
        if self.has_perfect_recall():
            return
        v = self.perfect_recall_violations()[0]
        raise UnsupportedGameError(
            f"{what} needs perfect recall, but information set {v.label} of player "
            f"{self.players[v.player]!r} holds nodes {v.nodes[0]} and {v.nodes[1]}, which the player "
            f"reaches by different own moves (last own sequences {v.sequences[0]} and {v.sequences[1]})"
        )

    def infoset_name(self, h: int) -> str:
        """A readable name for information set ``h`` (label, else key, else index)."""
        if self.infoset_labels[h]:
            return repr(self.infoset_labels[h])
        key = self.infoset_keys[h]
        if isinstance(key, tuple) and len(key) == 2 and key[0] == self.infoset_player[h]:
            key = key[1]
        return f"{key!r} (index {h})"

    # ------------------------------------------------------------------ sequence form
    def sequence_owner_depth(self) -> NDArray[np.int64]:
        """Per information set, the number of its player's own moves before it (0 for chance).

        Information sets of one player with the same value form a level of
        the player's sequence tree; solvers process levels from the deepest up.
        """
        if "own_depth" not in self._cache:
            m = self.n_infosets
            parent_infoset = np.full(m, -1, dtype=np.int64)
            for p in range(self.n_players):
                hs = self.player_infosets(p)
                ps = self.infoset_parent_sequence[hs]
                parent_infoset[hs] = self.sequence_infoset[p][ps]
            own = np.where(parent_infoset < 0, 0, -1)
            pending = np.flatnonzero(own < 0)
            while pending.size:
                par = parent_infoset[pending]
                ready = own[par] >= 0
                own[pending[ready]] = own[par[ready]] + 1
                pending = pending[~ready]
            self._cache["own_depth"] = _readonly(own)
        return self._cache["own_depth"]  # type: ignore[no-any-return]

    def sequence_levels(self, player: int) -> list[NDArray[np.int64]]:
        """``player``'s information sets grouped by :meth:`sequence_owner_depth`, shallowest first."""
        hs = self.player_infosets(player)
        own = self.sequence_owner_depth()[hs]
        if hs.size == 0:
            return []
        return [hs[own == d] for d in range(int(own.max()) + 1)]

    def sequence_constraints(self, player: int) -> tuple[scipy.sparse.csr_matrix, NDArray[np.float64]]:
        """The constraints ``E x = e`` (with ``x ≥ 0``) on ``player``'s realization plans.

        Row 0 is ``x[∅] = 1``; row ``1 + k`` is the flow constraint of the
        player's ``k``-th information set ``h``:
        ``sum_a x[h, a] - x[parent sequence of h] = 0``.

        Returns
        -------
        (E, e)
            ``E`` of shape ``(1 + m, n_sequences[player])`` as a scipy CSR matrix
            and ``e = (1, 0, ..., 0)``.

        References
        ----------
        von Stengel (1996), section 3 (see the module docstring).
        """
        import scipy.sparse

        hs = self.player_infosets(player)
        m = hs.size
        k = self.infoset_n_actions[hs].astype(np.int64)
        rows_children = np.repeat(np.arange(1, m + 1), k)
        cols_children = concat_ranges(self.infoset_first_sequence[hs], k)
        rows = np.concatenate([[0], np.arange(1, m + 1), rows_children])
        cols = np.concatenate([[0], self.infoset_parent_sequence[hs], cols_children])
        data = np.concatenate([[1.0], -np.ones(m), np.ones(rows_children.size)])
        E = scipy.sparse.csr_matrix((data, (rows, cols)), shape=(m + 1, self.n_sequences[player]))
        e = np.zeros(m + 1)
        e[0] = 1.0
        return E, e

    def sequence_form_payoffs(self, *, exact: bool = False) -> tuple[NDArray[np.int64], NDArray[Any]]:
        """Terminal weights of the sequence form.

        Returns
        -------
        (sequences, weights)
            ``sequences[t, p]`` is player ``p``'s sequence at terminal ``t``
            (in :attr:`terminal_indices` order) and ``weights[t, i]`` is its
            chance reach times player ``i``'s payoff, so that player ``i``'s
            expected payoff under realization plans ``x_0, …, x_{n-1}`` is
            ``sum_t weights[t, i] * prod_p x_p[sequences[t, p]]``.
            With ``exact=True`` the weights are Fractions.
        """
        term = self.terminal_indices
        seqs = np.asarray(self.sequence[term], dtype=np.int64)
        if exact:
            if self.exact_payoffs is None:
                raise UnsupportedGameError("this tree has inexact payoffs")
            weights: NDArray[Any] = self.exact_payoffs[term] * self.exact_chance_reach()[term][:, None]
        else:
            weights = self.payoffs[term] * self.chance_reach[term][:, None]
        return seqs, weights

    def sequence_payoff_matrices(self) -> tuple[scipy.sparse.csr_matrix, ...]:
        """For two players: the sparse sequence-form payoff matrices ``(A, B)``.

        ``A[s, t]`` (``B[s, t]``) is the sum over terminals reached by player 1's
        sequence ``s`` and player 2's sequence ``t`` of chance reach times player
        1's (2's) payoff; the expected payoffs of realization plans ``x, y`` are
        ``x @ A @ y`` and ``x @ B @ y``.

        Raises
        ------
        UnsupportedGameError
            Unless the game has exactly two players.
        """
        import scipy.sparse

        if self.n_players != 2:
            raise UnsupportedGameError(
                f"sequence-form payoff matrices are for two players; this game has {self.n_players}"
            )
        seqs, w = self.sequence_form_payoffs()
        shape = (self.n_sequences[0], self.n_sequences[1])
        return tuple(
            scipy.sparse.coo_matrix((w[:, i], (seqs[:, 0], seqs[:, 1])), shape=shape).tocsr()
            for i in range(2)
        )

    # ------------------------------------------------------------------ back to networkx
    def to_extensive(self, *, max_nodes: int = MAX_EXTENSIVE_NODES) -> ExtensiveFormGame:
        """An :class:`~games.extensive_form.ExtensiveFormGame` with the same tree.

        Information-set keys become the global indices (per player); node ids
        are the tree's node indices.

        Raises
        ------
        GameTooLargeError
            If the tree has more than ``max_nodes`` nodes (networkx costs about
            a kilobyte per node).
        """
        from games.extensive_form import ExtensiveFormGame

        if self.n_nodes > max_nodes:
            raise GameTooLargeError(
                f"a tree of {self.n_nodes} nodes is too large to convert to a networkx game "
                f"(limit {max_nodes} nodes); use the compiled GameTree instead",
                {"nodes": self.n_nodes, "bytes": self.n_nodes * 1024},
            )
        game = ExtensiveFormGame(self.players, title=self.title)
        ids: list[Hashable] = [game.root]
        pay = self.exact_outcome_payoffs if self.exact_outcome_payoffs is not None else self.outcome_payoffs
        outcome_at = dict(zip(self.outcome_node.tolist(), range(self.outcome_node.size)))
        probs = self.exact_action_probability
        for v in range(self.n_nodes):
            node = ids[v]
            k = outcome_at.get(v)
            if k is not None:
                row = pay[k]
                values = [x if isinstance(x, Fraction) else float(x) for x in row]
                game.set_outcome(node, values, label=self.outcome_labels[k])
            kind = int(self.kind[v])
            label = self.node_labels[v]
            if kind == KIND_TERMINAL:
                game.set_terminal(node, label=label)
                continue
            h = int(self.infoset[v])
            acts = self.action_labels[h]
            if kind == KIND_CHANCE:
                off = int(self.infoset_action_offsets[h])
                p: list[Any] = (
                    [probs[off + a] for a in range(len(acts))]
                    if probs is not None
                    else self.action_probability[off : off + len(acts)].tolist()
                )
                kids = game.set_chance(
                    node, list(zip(acts, p)), infoset=h, infoset_label=self.infoset_labels[h], label=label
                )
            else:
                kids = game.set_decision(
                    node,
                    int(self.player[v]),
                    acts,
                    infoset=h,
                    infoset_label=self.infoset_labels[h],
                    label=label,
                )
            ids.extend(kids)
        return game

    def __repr__(self) -> str:
        title = f" {self.title!r}" if self.title else ""
        return (
            f"<GameTree{title}: {self.n_players} players {list(self.players)}, {self.n_nodes} nodes, "
            f"{self.terminal_indices.size} terminals, {self.n_infosets} information sets, "
            f"depth {self.max_depth}{', exact' if self.is_exact else ''}>"
        )


# ====================================================================== the bulk constructor
class TreeBuilder:
    """Build a :class:`GameTree` directly, without networkx, in amortised O(1) per node.

    Nodes are integers: the root is :attr:`root` (0); attaching a decision or
    chance node creates its children with consecutive ids, returned in action
    order. Every node must finally be made a decision, chance or terminal
    node. :meth:`build` orders the nodes breadth-first (any creation order
    works) and computes every derived array with one vectorised pass per depth.

    Information sets are identified by a *key* (any hashable, global across
    players, chance included); a node given an existing key joins that set,
    whose player and actions must match. Without a key a node gets a fresh set.
    :meth:`declare` returns an integer id for the vectorised :meth:`expand`.

    Parameters
    ----------
    players
        Player names (or their number).
    title
        The game's title.
    exact
        Keep exact payoffs: ``None`` (default) keeps them while every payoff
        given is exact; ``False`` never keeps them (saves memory on huge trees);
        ``True`` converts floats to their shortest decimal fraction.
    max_nodes
        Node limit (default :data:`games.limits.MAX_TREE_NODES`), checked before
        each growth of the buffers.

    Raises
    ------
    InvalidGameError
        On a node set twice, an information set used with another player or
        other actions, bad chance probabilities, payoff vectors of the wrong
        length, or (in :meth:`build`) a node never set.
    GameTooLargeError
        When the tree would exceed ``max_nodes``.

    Examples
    --------
    A complete binary tree of depth 3 in which one player moves at every
    level without seeing earlier moves, built level by level:

    >>> import numpy as np
    >>> b = TreeBuilder(["Solo"])
    >>> level = np.array([b.root])
    >>> for d in range(3):
    ...     h = b.declare(0, ("level", d), ["L", "R"])
    ...     first = b.expand(level, np.full(level.size, h))
    ...     level = (first[:, None] + np.arange(2)).ravel()
    >>> b.terminals(level, np.arange(level.size)[:, None])
    >>> tree = b.build()
    >>> tree.n_nodes, tree.n_infosets, tree.has_perfect_recall()
    (15, 3, False)
    """

    root = 0

    def __init__(
        self,
        players: Sequence[str] | int,
        *,
        title: str = "",
        exact: bool | None = None,
        max_nodes: int | None = None,
    ) -> None:
        names = default_player_names(players) if isinstance(players, int) else tuple(str(p) for p in players)
        if not names:
            raise InvalidGameError("a game needs at least one player")
        if len(set(names)) != len(names):
            raise InvalidGameError(f"duplicate player names in {list(names)}")
        self.players = names
        self.title = str(title)
        self._np = len(names)
        self._exact_mode = exact
        self._max_nodes = max_nodes
        self._n = 1
        self._cap = 0
        self._parent = np.zeros(0, dtype=_INDEX)
        self._action = np.zeros(0, dtype=_INDEX)
        self._kind = np.zeros(0, dtype=np.int8)
        self._infoset = np.zeros(0, dtype=_INDEX)
        self._first = np.zeros(0, dtype=_INDEX)
        self._nch = np.zeros(0, dtype=_INDEX)
        self._outcome = np.zeros(0, dtype=_INDEX)
        self._grow(1)
        self._parent[0] = -1
        self._action[0] = -1
        self._labels: dict[int, str] = {}
        # outcomes
        self._n_out = 0
        self._out_node = np.zeros(256, dtype=_INDEX)
        self._out_pay = np.zeros((256, self._np))
        self._out_exact: list[Any] | None = [] if exact is not False else None
        self._out_labels: dict[int, str] = {}
        # information sets
        self._keys: dict[Hashable, int] = {}
        self._is_player: list[int] = []
        self._is_actions: list[tuple[str, ...]] = []
        self._is_label: list[str] = []
        self._is_key: list[Hashable] = []
        self._is_probs: list[tuple[Fraction | float, ...] | None] = []
        self._na = np.zeros(64, dtype=_INDEX)
        self._fresh = 0

    # ------------------------------------------------------------------ buffers
    def _grow(self, needed: int) -> None:
        if needed <= self._cap:
            return
        check_tree_size(needed, max_nodes=self._max_nodes)
        limit = MAX_TREE_NODES if self._max_nodes is None else self._max_nodes
        cap = max(needed, min(max(2 * self._cap, 1024), limit))

        def grown(arr: NDArray[Any], fill: int) -> NDArray[Any]:
            out = np.full(cap, fill, dtype=arr.dtype)
            out[: self._cap] = arr[: self._cap]
            return out

        self._parent = grown(self._parent, -1)
        self._action = grown(self._action, -1)
        self._kind = grown(self._kind, _UNSET)
        self._infoset = grown(self._infoset, -1)
        self._first = grown(self._first, -1)
        self._nch = grown(self._nch, 0)
        self._outcome = grown(self._outcome, -1)
        self._cap = cap

    @property
    def n_nodes(self) -> int:
        """Nodes created so far."""
        return self._n

    # ------------------------------------------------------------------ information sets
    def _player(self, player: int | str) -> int:
        if isinstance(player, str):
            if player not in self.players:
                raise InvalidGameError(f"no player {player!r}; players are {list(self.players)}")
            return self.players.index(player)
        p = int(player)
        if not (0 <= p < self._np or p == CHANCE):
            raise InvalidGameError(f"no player index {player} in a {self._np}-player game")
        return p

    def _probabilities(self, probs: Sequence[Any], where: str) -> tuple[Fraction | float, ...]:
        values = tuple(_coerce(p, f"{where}: chance probability") for p in probs)
        check_probabilities(values, where)
        return values

    def declare(
        self,
        player: int | str,
        key: Hashable | None,
        actions: Sequence[str] | None = None,
        *,
        probabilities: Sequence[Any] | None = None,
        label: str | None = None,
    ) -> int:
        """Declare (or look up) an information set and return its id.

        Parameters
        ----------
        player
            Index or name, or :data:`CHANCE`.
        key
            Its key; ``None`` creates a fresh set. An existing key must come
            with the same player, and the same actions, label and
            probabilities when they are given.
        actions
            Action labels (required for a new set).
        probabilities
            For chance: one probability per action, ≥ 0, summing to one
            (exactly when all exact, else within 1e-9).
        label
            A label for the set.
        """
        p = self._player(player)
        where = f"information set {key!r}" if key is not None else "a new information set"
        if key is not None:
            h = self._keys.get(key)
            if h is not None:
                if self._is_player[h] != p:
                    who = "chance" if self._is_player[h] == CHANCE else f"player {self._is_player[h]}"
                    raise InvalidGameError(
                        f"{where} belongs to {who}; it cannot also hold a node of "
                        f"{'chance' if p == CHANCE else f'player {p}'}"
                    )
                if actions is not None and tuple(actions) != self._is_actions[h]:
                    acts = tuple(str(a) for a in actions)
                    if acts != self._is_actions[h]:
                        raise InvalidGameError(
                            f"{where} has actions {list(self._is_actions[h])}; got {list(acts)}"
                        )
                if label and label != self._is_label[h]:
                    raise InvalidGameError(f"{where} is labelled {self._is_label[h]!r}; got {label!r}")
                if probabilities is not None:
                    probs = self._probabilities(probabilities, where)
                    if probs != self._is_probs[h]:
                        raise InvalidGameError(
                            f"{where} has probabilities {[str(x) for x in self._is_probs[h] or ()]}; "
                            f"got {[str(x) for x in probs]}"
                        )
                return h
        if actions is None:
            raise InvalidGameError(f"{where} is new: its actions must be given")
        acts = tuple(str(a) for a in actions)
        if not acts:
            raise InvalidGameError(f"{where} needs at least one action")
        if len(set(acts)) != len(acts):
            raise InvalidGameError(f"{where}: duplicate action labels in {list(acts)}")
        probs_t: tuple[Fraction | float, ...] | None = None
        if p == CHANCE:
            if probabilities is None:
                raise InvalidGameError(f"chance {where} needs probabilities")
            probs_t = self._probabilities(probabilities, where)
            if len(probs_t) != len(acts):
                raise InvalidGameError(f"{where}: {len(probs_t)} probabilities for {len(acts)} actions")
        elif probabilities is not None:
            raise InvalidGameError(f"{where} belongs to a player: it takes no probabilities")
        h = len(self._is_player)
        if key is None:
            key = ("_", self._fresh)
            self._fresh += 1
            while key in self._keys:
                key = ("_", self._fresh)
                self._fresh += 1
        self._keys[key] = h
        self._is_player.append(p)
        self._is_actions.append(acts)
        self._is_label.append("" if label is None else str(label))
        self._is_key.append(key)
        self._is_probs.append(probs_t)
        if h >= self._na.size:
            na = np.zeros(2 * self._na.size, dtype=_INDEX)
            na[: self._na.size] = self._na
            self._na = na
        self._na[h] = len(acts)
        return h

    # ------------------------------------------------------------------ nodes, one at a time
    def _check_open(self, node: int) -> None:
        if not 0 <= node < self._n:
            raise InvalidGameError(f"no node {node} in this builder (it has {self._n} nodes)")
        if self._kind[node] != _UNSET:
            raise InvalidGameError(f"node {node} is already set")

    def _attach(self, node: int, h: int, label: str) -> range:
        node = int(node)
        self._check_open(node)
        k = int(self._na[h])
        start = self._n
        end = start + k
        if end > self._cap:
            self._grow(end)
        self._kind[node] = KIND_CHANCE if self._is_player[h] == CHANCE else KIND_DECISION
        self._infoset[node] = h
        self._first[node] = start
        self._nch[node] = k
        self._parent[start:end] = node
        self._action[start:end] = np.arange(k)
        self._n = end
        if label:
            self._labels[node] = str(label)
        return range(start, end)

    def decision(
        self,
        node: int,
        player: int | str,
        actions: Sequence[str] | None = None,
        *,
        infoset: Hashable | None = None,
        infoset_label: str | None = None,
        label: str = "",
    ) -> range:
        """Make ``node`` a decision node of ``player``; return its children (one per action)."""
        p = self._player(player)
        if p == CHANCE:
            raise InvalidGameError(f"node {node}: use chance() for chance nodes")
        return self._attach(node, self.declare(p, infoset, actions, label=infoset_label), label)

    def chance(
        self,
        node: int,
        probabilities: Mapping[str, Any] | Sequence[tuple[str, Any]] | None,
        *,
        infoset: Hashable | None = None,
        infoset_label: str | None = None,
        label: str = "",
    ) -> range:
        """Make ``node`` a chance node; ``probabilities`` maps action labels to probabilities."""
        acts = probs = None
        if probabilities is not None:
            items = list(probabilities.items()) if isinstance(probabilities, Mapping) else list(probabilities)
            acts = [str(a) for a, _ in items]
            probs = [p for _, p in items]
        h = self.declare(CHANCE, infoset, acts, probabilities=probs, label=infoset_label)
        return self._attach(node, h, label)

    def terminal(
        self, node: int, payoffs: Sequence[Any] | None = None, *, label: str = "", outcome_label: str = ""
    ) -> None:
        """Make ``node`` terminal, with ``payoffs`` (one per player) as its outcome."""
        node = int(node)
        self._check_open(node)
        self._kind[node] = KIND_TERMINAL
        if label:
            self._labels[node] = str(label)
        if payoffs is not None:
            self.outcome(node, payoffs, label=outcome_label)

    def outcome(self, node: int, payoffs: Sequence[Any], *, label: str = "") -> None:
        """Attach an outcome to any node; the payoffs of a play add up along its path."""
        node = int(node)
        if not 0 <= node < self._n:
            raise InvalidGameError(f"no node {node} in this builder")
        if self._outcome[node] >= 0:
            raise InvalidGameError(f"node {node} already has an outcome")
        values = tuple(_coerce(v, f"payoff at node {node}") for v in payoffs)
        if len(values) != self._np:
            raise InvalidGameError(f"node {node}: {len(values)} payoffs given for {self._np} players")
        k = self._reserve_outcomes(1)
        self._out_node[k] = node
        self._out_pay[k] = [float(v) for v in values]
        self._outcome[node] = k
        if label:
            self._out_labels[k] = str(label)
        if self._out_exact is not None:
            if all(isinstance(v, Fraction) for v in values):
                self._out_exact.append(values)
            elif self._exact_mode:
                self._out_exact.append(tuple(to_fraction(v) for v in values))
            else:
                self._out_exact = None

    def _reserve_outcomes(self, count: int) -> int:
        k = self._n_out
        if k + count > self._out_node.size:
            cap = max(k + count, 2 * self._out_node.size)
            node = np.zeros(cap, dtype=_INDEX)
            node[:k] = self._out_node[:k]
            pay = np.zeros((cap, self._np))
            pay[:k] = self._out_pay[:k]
            self._out_node, self._out_pay = node, pay
        self._n_out = k + count
        return k

    # ------------------------------------------------------------------ nodes, vectorised
    def expand(self, nodes: ArrayLike, infosets: ArrayLike) -> NDArray[np.int64]:
        """Attach many nodes at once to declared information sets (ids from :meth:`declare`).

        Parameters
        ----------
        nodes
            Distinct unset nodes.
        infosets
            One information-set id per node (or one for all).

        Returns
        -------
        ndarray
            The first child of each node; node ``i``'s children are
            ``first[i] + arange(n_actions)``.
        """
        v = np.asarray(nodes, dtype=np.int64).reshape(-1)
        h = np.broadcast_to(np.asarray(infosets, dtype=np.int64), v.shape)
        if v.size == 0:
            return np.zeros(0, dtype=np.int64)
        n_is = len(self._is_player)
        if h.min() < 0 or h.max() >= n_is:
            raise InvalidGameError(
                f"information-set ids must be in [0, {n_is}); got {int(h.min())}..{int(h.max())}"
            )
        self._check_open_many(v)
        k = self._na[h].astype(np.int64)
        total = int(k.sum())
        start = self._n
        self._grow(start + total)
        first = start + np.cumsum(k) - k
        is_chance = np.asarray(self._is_player, dtype=np.int64)[h] == CHANCE
        self._kind[v] = np.where(is_chance, KIND_CHANCE, KIND_DECISION)
        self._infoset[v] = h
        self._first[v] = first
        self._nch[v] = k
        self._parent[start : start + total] = np.repeat(v, k)
        self._action[start : start + total] = _ranks_in_groups(k)
        self._n = start + total
        return first

    def _check_open_many(self, v: NDArray[np.int64]) -> None:
        if v.min() < 0 or v.max() >= self._n:
            raise InvalidGameError(f"node ids must be in [0, {self._n}); got {int(v.min())}..{int(v.max())}")
        if np.any(self._kind[v] != _UNSET):
            bad = int(v[self._kind[v] != _UNSET][0])
            raise InvalidGameError(f"node {bad} is already set")
        if np.unique(v).size != v.size:
            raise InvalidGameError("the same node is given twice")

    def terminals(self, nodes: ArrayLike, payoffs: ArrayLike | None = None) -> None:
        """Make many nodes terminal at once, with a ``(len(nodes), n_players)`` payoff array."""
        v = np.asarray(nodes, dtype=np.int64).reshape(-1)
        if v.size == 0:
            return
        self._check_open_many(v)
        if payoffs is not None:
            self.outcomes(v, payoffs)
        self._kind[v] = KIND_TERMINAL

    def outcomes(self, nodes: ArrayLike, payoffs: ArrayLike) -> None:
        """Attach outcomes to many nodes at once (payoffs of shape ``(len(nodes), n_players)``)."""
        v = np.asarray(nodes, dtype=np.int64).reshape(-1)
        raw = np.asarray(payoffs)
        if raw.ndim == 1 and self._np == 1:
            raw = raw[:, None]
        if raw.shape != (v.size, self._np):
            raise InvalidGameError(f"payoffs must have shape ({v.size}, {self._np}); got {raw.shape}")
        if v.size == 0:
            return
        if v.min() < 0 or v.max() >= self._n:
            raise InvalidGameError(f"node ids must be in [0, {self._n})")
        if np.any(self._outcome[v] >= 0) or np.unique(v).size != v.size:
            raise InvalidGameError("a node would get a second outcome")
        try:
            values = np.array(raw, dtype=np.float64)
        except (TypeError, ValueError):
            raise InvalidGameError("payoffs must be numbers") from None
        if not np.all(np.isfinite(values)):
            raise InvalidGameError("payoffs must be finite numbers")
        k = self._reserve_outcomes(v.size)
        self._out_node[k : k + v.size] = v
        self._out_pay[k : k + v.size] = values
        self._outcome[v] = np.arange(k, k + v.size)
        if self._out_exact is not None:
            if raw.dtype.kind in "iu":
                self._out_exact.extend(raw.tolist())
            elif raw.dtype == object and all(is_exact_value(x) for x in raw.reshape(-1)):
                self._out_exact.extend(raw.tolist())
            elif self._exact_mode:
                self._out_exact.extend([[to_fraction(x) for x in row] for row in raw.tolist()])
            else:
                self._out_exact = None

    # ------------------------------------------------------------------ build
    def build(self) -> GameTree:
        """Order the nodes breadth-first, validate, and return the immutable :class:`GameTree`.

        Information sets declared but never used are dropped.
        """
        return self._build(node_keys=None)

    def _build(self, node_keys: Sequence[Hashable] | None) -> GameTree:  # noqa: C901 (one linear pass)
        n = self._n
        kind_c = self._kind[:n]
        unset = np.flatnonzero(kind_c == _UNSET)
        if unset.size:
            v = int(unset[0])
            where = "the root" if v == 0 else f"child {int(self._action[v])} of node {int(self._parent[v])}"
            raise InvalidGameError(
                f"{unset.size} node(s) never made decision, chance or terminal, e.g. node {v} ({where})"
            )
        # ---- breadth-first order (creation order keeps children contiguous)
        first_c = self._first[:n]
        nch_c = self._nch[:n]
        levels = [np.zeros(1, dtype=np.int64)]
        while True:
            lev = levels[-1]
            counts = nch_c[lev]
            if not counts.any():
                break
            levels.append(concat_ranges(first_c[lev], counts))
        perm = np.concatenate(levels)
        inv = np.empty(n, dtype=np.int64)
        inv[perm] = np.arange(n)
        sizes = np.array([lev.size for lev in levels], dtype=np.int64)
        depth_offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
        depth = np.repeat(np.arange(len(levels), dtype=_INDEX), sizes)
        old_parent = self._parent[:n][perm]
        parent = np.where(old_parent >= 0, inv[np.maximum(old_parent, 0)], -1).astype(_INDEX)
        action = self._action[:n][perm].astype(_INDEX)
        kind = kind_c[perm].astype(np.int8)
        n_children = nch_c[perm].astype(_INDEX)
        first_child = np.where(n_children > 0, inv[np.maximum(first_c[perm], 0)], -1).astype(_INDEX)
        # ---- information sets renumbered by first appearance
        old_infoset = self._infoset[:n][perm]
        has = np.flatnonzero(old_infoset >= 0)
        used, first_at = np.unique(old_infoset[has], return_index=True)
        order = used[np.argsort(first_at, kind="stable")]
        new_of_old = np.full(len(self._is_player), -1, dtype=np.int64)
        new_of_old[order] = np.arange(order.size)
        infoset = np.where(old_infoset >= 0, new_of_old[np.maximum(old_infoset, 0)], -1).astype(_INDEX)
        order_l = order.tolist()
        infoset_player = np.array([self._is_player[h] for h in order_l], dtype=_INDEX)
        infoset_n_actions = np.array([len(self._is_actions[h]) for h in order_l], dtype=_INDEX)
        m = order.size
        offsets = np.concatenate([[0], np.cumsum(infoset_n_actions, dtype=np.int64)]).astype(np.int64)
        action_labels = tuple(self._is_actions[h] for h in order_l)
        infoset_labels = tuple(self._is_label[h] for h in order_l)
        infoset_keys = tuple(self._is_key[h] for h in order_l)
        player = np.full(n, NO_PLAYER, dtype=_INDEX)
        player[infoset >= 0] = infoset_player[infoset[infoset >= 0]]
        # ---- chance probabilities
        action_probability = np.full(int(offsets[-1]), np.nan)
        exact_probs: list[Fraction | None] | None = [None] * int(offsets[-1])
        for j, h in enumerate(order_l):
            probs = self._is_probs[h]
            if probs is None:
                continue
            off = int(offsets[j])
            action_probability[off : off + len(probs)] = [float(p) for p in probs]
            if exact_probs is not None:
                if all(isinstance(p, Fraction) for p in probs):
                    exact_probs[off : off + len(probs)] = list(probs)  # type: ignore[arg-type]
                else:
                    exact_probs = None
        # ---- per-level propagation: chance reach, payoffs, sequences
        edge_action = np.full(n, -1, dtype=np.int64)
        edge_action[1:] = offsets[infoset[parent[1:]]] + action[1:]
        par_player = np.full(n, NO_PLAYER, dtype=_INDEX)
        par_player[1:] = player[parent[1:]]
        edge_prob = np.ones(n)
        chance_edge = np.flatnonzero(par_player == CHANCE)
        edge_prob[chance_edge] = action_probability[edge_action[chance_edge]]
        own = np.zeros((n, self._np))
        out_node_old = self._out_node[: self._n_out]
        out_node = inv[out_node_old].astype(_INDEX)
        own[out_node] = self._out_pay[: self._n_out]
        exact_own = None
        if self._out_exact is not None:
            exact_own = np.full((n, self._np), Fraction(0), dtype=object)
            if self._n_out:
                ex_rows = np.empty((self._n_out, self._np), dtype=object)
                ex_rows[:] = [[Fraction(x) for x in row] for row in self._out_exact]
                exact_own[out_node] = ex_rows
        # sequences
        first_seq = np.full(m, -1, dtype=np.int64)
        n_sequences = []
        seq_infoset = []
        seq_action = []
        for p in range(self._np):
            hs = np.flatnonzero(infoset_player == p)
            k = infoset_n_actions[hs].astype(np.int64)
            first_seq[hs] = 1 + np.cumsum(k) - k
            n_sequences.append(1 + int(k.sum()))
            seq_infoset.append(_readonly(np.concatenate([[-1], np.repeat(hs, k)]).astype(np.int64)))
            seq_action.append(_readonly(np.concatenate([[-1], _ranks_in_groups(k)]).astype(np.int64)))
        seq_dtype = np.int32 if max(n_sequences) < 2**31 else np.int64
        sequence = np.zeros((n, self._np), dtype=seq_dtype)
        reach = np.ones(n)
        pay = own.copy()
        exact_pay = exact_own.copy() if exact_own is not None else None
        for d in range(1, len(levels)):
            lo, hi = int(depth_offsets[d]), int(depth_offsets[d + 1])
            par = parent[lo:hi]
            reach[lo:hi] = reach[par] * edge_prob[lo:hi]
            pay[lo:hi] += pay[par]
            if exact_pay is not None:
                exact_pay[lo:hi] = exact_pay[par] + exact_own[lo:hi]  # type: ignore[index]
            sequence[lo:hi] = sequence[par]
            pp = par_player[lo:hi]
            mine = np.flatnonzero(pp >= 0)
            rows = lo + mine
            sequence[rows, pp[mine]] = first_seq[infoset[par[mine]]] + action[rows]
        # ---- members of information sets
        in_sets = np.flatnonzero(infoset >= 0)
        members = in_sets[np.argsort(infoset[in_sets], kind="stable")].astype(_INDEX)
        node_offsets = np.concatenate(
            [[0], np.cumsum(np.bincount(infoset[infoset >= 0], minlength=m))]
        ).astype(np.int64)
        first_node = members[node_offsets[:-1]] if m else np.zeros(0, dtype=_INDEX)
        parent_seq = np.full(m, -1, dtype=np.int64)
        dec = np.flatnonzero(infoset_player >= 0)
        parent_seq[dec] = sequence[first_node[dec], infoset_player[dec]]
        # ---- labels
        node_labels = [""] * n
        for v, lab in self._labels.items():
            node_labels[int(inv[v])] = lab
        keys: tuple[Hashable, ...] | None = None
        if node_keys is not None:
            keys = tuple(node_keys[int(i)] for i in perm)
        outcome_labels = tuple(self._out_labels.get(k, "") for k in range(self._n_out))
        exact_outcomes = None
        if self._out_exact is not None:
            exact_outcomes = np.empty((self._n_out, self._np), dtype=object)
            if self._n_out:
                exact_outcomes[:] = exact_own[out_node]  # type: ignore[index]
        return GameTree(
            players=self.players,
            title=self.title,
            parent=parent,
            depth=depth,
            kind=kind,
            player=player,
            infoset=infoset,
            action=action,
            first_child=first_child,
            n_children=n_children,
            chance_reach=reach,
            payoffs=pay,
            exact_payoffs=exact_pay,
            depth_offsets=depth_offsets,
            node_labels=tuple(node_labels),
            node_keys=keys,
            outcome_node=out_node,
            outcome_payoffs=self._out_pay[: self._n_out].copy(),
            exact_outcome_payoffs=exact_outcomes,
            outcome_labels=outcome_labels,
            infoset_player=infoset_player,
            infoset_n_actions=infoset_n_actions,
            infoset_action_offsets=offsets,
            infoset_labels=infoset_labels,
            infoset_keys=infoset_keys,
            action_labels=action_labels,
            action_probability=action_probability,
            exact_action_probability=None if exact_probs is None else tuple(exact_probs),
            infoset_node_offsets=node_offsets,
            infoset_nodes=members,
            n_sequences=tuple(n_sequences),
            infoset_first_sequence=first_seq,
            infoset_parent_sequence=parent_seq,
            sequence_infoset=tuple(seq_infoset),
            sequence_action=tuple(seq_action),
            sequence=sequence,
        )
