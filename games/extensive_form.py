"""Extensive-form (sequential) games authored as trees on a :class:`networkx.DiGraph`.

A game is a rooted tree. Each node is one of

* a **decision** node: a player moves; the node belongs to an information set
  of that player, and its out-edges are that set's actions, in order;
* a **chance** node: nature moves with the probabilities of its (chance)
  information set;
* a **terminal** node: play ends.

Any node may carry an *outcome*: a payoff vector (and a name). As in Gambit,
the payoffs of a play are the sum of the outcomes on its path, so a terminal
node's payoff is usually just its own outcome.

Graph schema (what :meth:`ExtensiveFormGame.from_graph` accepts and
:attr:`ExtensiveFormGame.graph` holds):

* node attributes: ``kind`` (``"decision"``, ``"chance"``, ``"terminal"``),
  ``player`` (index; :data:`CHANCE` for chance), ``infoset`` (a key unique per
  player), ``label`` (str), optional ``outcome`` (an :class:`Outcome`);
* edge attributes: ``action`` (label) and ``index`` (position among the
  parent's actions).

Authoring on networkx is for people; heavy passes run on the compiled array
form :class:`~games.game_tree.GameTree` from :meth:`ExtensiveFormGame.compile`.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import networkx as nx

from games.errors import InvalidGameError
from games.limits import check_tree_size
from games.normal_form import default_player_names
from games.probabilities import check_probabilities
from games.rationals import is_exact_value, to_fraction

if TYPE_CHECKING:  # pragma: no cover
    from games.game_tree import GameTree
    from games.normal_form import NormalFormGame

__all__ = ["CHANCE", "InformationSet", "Outcome", "ExtensiveFormGame", "Number"]

#: Player index of chance (nature).
CHANCE = -1

Number = Fraction | float

_KINDS = ("decision", "chance", "terminal")


def _number(value: Any, what: str) -> Number:
    if isinstance(value, bool):
        raise InvalidGameError(f"{what}: {value!r} is not a number")
    if is_exact_value(value):
        return Fraction(value)
    if isinstance(value, str):
        try:
            return to_fraction(value)
        except ValueError:
            raise InvalidGameError(f"{what}: {value!r} is not a number") from None
    try:
        f = float(value)
    except (TypeError, ValueError):
        raise InvalidGameError(f"{what}: {value!r} is not a number") from None
    if f != f or f in (float("inf"), float("-inf")):
        raise InvalidGameError(f"{what}: {value!r} is not a finite number")
    return f


@dataclass(frozen=True)
class InformationSet:
    """An information set: the nodes a player cannot tell apart.

    Attributes
    ----------
    player
        The player's index, or :data:`CHANCE`.
    key
        Identifier, unique among the player's information sets.
    label
        A label (may be empty).
    actions
        Action labels, in order; every node of the set has one child per action.
    probabilities
        For chance sets: one probability per action (Fractions when exact).
    """

    player: int
    key: Hashable
    label: str
    actions: tuple[str, ...]
    probabilities: tuple[Number, ...] | None = None


@dataclass(frozen=True)
class Outcome:
    """A payoff vector attached to a node (payoffs add up along a play)."""

    payoffs: tuple[Number, ...]
    label: str = ""


class ExtensiveFormGame:
    """A finite game in extensive form, authored on a networkx tree.

    Parameters
    ----------
    players
        Player names (chance is not a player).
    title
        A title, kept by the file formats.

    Examples
    --------
    The entry-deterrence game: the entrant stays out (0, 2) or enters, and the
    incumbent fights (-1, -1) or accommodates (1, 1).

    >>> g = ExtensiveFormGame(["Entrant", "Incumbent"])
    >>> out, enter = g.set_decision(g.root, 0, ["Out", "In"])
    >>> g.set_terminal(out, [0, 2])
    >>> fight, accommodate = g.set_decision(enter, 1, ["Fight", "Accommodate"])
    >>> g.set_terminal(fight, [-1, -1]); g.set_terminal(accommodate, [1, 1])
    >>> g.n_nodes, len(g.infosets)
    (5, 2)
    """

    def __init__(self, players: Sequence[str] | int, *, title: str = "") -> None:
        names = default_player_names(players) if isinstance(players, int) else tuple(str(p) for p in players)
        if not names:
            raise InvalidGameError("an extensive-form game needs at least one player")
        if len(set(names)) != len(names):
            raise InvalidGameError(f"duplicate player names in {list(names)}")
        self.players: tuple[str, ...] = names
        self.title = str(title)
        self.graph: nx.DiGraph = nx.DiGraph()
        self.infosets: dict[tuple[int, Hashable], InformationSet] = {}
        self._ids = itertools.count()
        self._infoset_ids = itertools.count(1)
        self.root: Hashable = self._new_node()

    # ------------------------------------------------------------------ building
    def _new_node(self) -> int:
        node = next(self._ids)
        while node in self.graph:
            node = next(self._ids)
        self.graph.add_node(node, kind=None, label="")
        return node

    @property
    def n_players(self) -> int:
        return len(self.players)

    @property
    def n_nodes(self) -> int:
        return self.graph.number_of_nodes()

    def _require_open(self, node: Hashable) -> None:
        if node not in self.graph:
            raise InvalidGameError(f"no node {node!r} in this game")
        if self.graph.nodes[node]["kind"] is not None:
            raise InvalidGameError(f"node {node!r} is already a {self.graph.nodes[node]['kind']} node")

    def _player(self, player: int | str) -> int:
        if isinstance(player, str):
            if player not in self.players:
                raise InvalidGameError(f"no player {player!r}; players are {list(self.players)}")
            return self.players.index(player)
        if not 0 <= int(player) < self.n_players:
            raise InvalidGameError(f"no player index {player} in a {self.n_players}-player game")
        return int(player)

    def _infoset(
        self,
        player: int,
        key: Hashable | None,
        actions: Sequence[str] | None,
        label: str | None,
        probabilities: tuple[Number, ...] | None,
    ) -> InformationSet:
        if key is None:
            key = f"_{next(self._infoset_ids)}"
            while (player, key) in self.infosets:
                key = f"_{next(self._infoset_ids)}"
        existing = self.infosets.get((player, key))
        if existing is None:
            if actions is None:
                raise InvalidGameError(f"information set {key!r} is new: its actions must be given")
            acts = tuple(str(a) for a in actions)
            if not acts:
                raise InvalidGameError(f"information set {key!r} needs at least one action")
            if len(set(acts)) != len(acts):
                raise InvalidGameError(f"duplicate action labels {list(acts)} in information set {key!r}")
            info = InformationSet(player, key, "" if label is None else str(label), acts, probabilities)
            self.infosets[(player, key)] = info
            return info
        if actions is not None and tuple(str(a) for a in actions) != existing.actions:
            raise InvalidGameError(
                f"information set {key!r} has actions {list(existing.actions)}; got {list(actions)}"
            )
        if label is not None and label != "" and str(label) != existing.label:
            raise InvalidGameError(f"information set {key!r} is labelled {existing.label!r}; got {label!r}")
        if probabilities is not None and probabilities != existing.probabilities:
            raise InvalidGameError(
                f"chance information set {key!r} has probabilities "
                f"{[str(p) for p in existing.probabilities or ()]}; got {[str(p) for p in probabilities]}"
            )
        return existing

    def _attach(self, node: Hashable, kind: str, player: int, info: InformationSet, label: str) -> tuple[int, ...]:
        attrs = self.graph.nodes[node]
        attrs.update(kind=kind, player=player, infoset=info.key, label=str(label))
        children = []
        for index, action in enumerate(info.actions):
            child = self._new_node()
            self.graph.add_edge(node, child, action=action, index=index)
            children.append(child)
        return tuple(children)

    def set_decision(
        self,
        node: Hashable,
        player: int | str,
        actions: Sequence[str] | None = None,
        *,
        infoset: Hashable | None = None,
        infoset_label: str | None = None,
        label: str = "",
    ) -> tuple[int, ...]:
        """Make ``node`` a decision node of ``player`` and create one child per action.

        Parameters
        ----------
        node
            An unset node (the root or a child returned earlier).
        player
            Index or name of the player who moves.
        actions
            Action labels; may be omitted when ``infoset`` already exists.
        infoset
            Key of the information set; nodes given the same key for the same
            player share it (same actions). A fresh set by default.
        infoset_label, label
            Labels of the information set and the node.

        Returns
        -------
        tuple of int
            The children, one per action in order.
        """
        self._require_open(node)
        p = self._player(player)
        info = self._infoset(p, infoset, actions, infoset_label, None)
        return self._attach(node, "decision", p, info, label)

    def set_chance(
        self,
        node: Hashable,
        probabilities: Mapping[str, Any] | Sequence[tuple[str, Any]] | None = None,
        *,
        infoset: Hashable | None = None,
        infoset_label: str | None = None,
        label: str = "",
    ) -> tuple[int, ...]:
        """Make ``node`` a chance node; ``probabilities`` maps action labels to probabilities.

        Probabilities must be ≥ 0 and sum to one (exactly, when all are exact).
        """
        self._require_open(node)
        acts: list[str] | None = None
        probs: tuple[Number, ...] | None = None
        if probabilities is not None:
            items = list(probabilities.items()) if isinstance(probabilities, Mapping) else list(probabilities)
            acts = [str(a) for a, _ in items]
            probs = tuple(_number(p, f"chance probability of {a!r}") for a, p in items)
            check_probabilities(probs, f"chance node {node!r}")
        info = self._infoset(CHANCE, infoset, acts, infoset_label, probs)
        return self._attach(node, "chance", CHANCE, info, label)

    def set_terminal(
        self, node: Hashable, payoffs: Sequence[Any] | None = None, *, label: str = "", outcome_label: str = ""
    ) -> None:
        """Make ``node`` terminal, with ``payoffs`` (one per player) as its outcome."""
        self._require_open(node)
        self.graph.nodes[node].update(kind="terminal", label=str(label))
        if payoffs is not None:
            self.set_outcome(node, payoffs, label=outcome_label)

    def set_outcome(self, node: Hashable, payoffs: Sequence[Any], *, label: str = "") -> None:
        """Attach an outcome to any node; payoffs of a play add up along its path."""
        if node not in self.graph:
            raise InvalidGameError(f"no node {node!r} in this game")
        values = tuple(_number(v, f"payoff at node {node!r}") for v in payoffs)
        if len(values) != self.n_players:
            raise InvalidGameError(f"node {node!r}: {len(values)} payoffs given for {self.n_players} players")
        self.graph.nodes[node]["outcome"] = Outcome(values, str(label))

    # ------------------------------------------------------------------ reading
    def children(self, node: Hashable) -> tuple[Hashable, ...]:
        """Children of ``node`` in action order."""
        succ = self.graph.succ[node]
        return tuple(sorted(succ, key=lambda c: succ[c]["index"]))

    def action_of(self, child: Hashable) -> str:
        """Label of the action leading to ``child``."""
        (parent,) = self.graph.pred[child]
        return str(self.graph.edges[parent, child]["action"])

    def infoset_of(self, node: Hashable) -> InformationSet | None:
        """The information set of a decision or chance node (``None`` for terminal nodes)."""
        attrs = self.graph.nodes[node]
        if attrs.get("kind") in ("decision", "chance"):
            return self.infosets[(attrs["player"], attrs["infoset"])]
        return None

    def preorder(self) -> Iterator[Hashable]:
        """Nodes in preorder: a node, then its children's subtrees left to right."""
        stack = [self.root]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(self.children(node)))

    @property
    def is_exact(self) -> bool:
        """Whether every payoff and chance probability is exact."""
        for _, attrs in self.graph.nodes(data=True):
            out = attrs.get("outcome")
            if out is not None and not all(isinstance(v, Fraction) for v in out.payoffs):
                return False
        return all(
            info.probabilities is None or all(isinstance(p, Fraction) for p in info.probabilities)
            for info in self.infosets.values()
        )

    # ------------------------------------------------------------------ validation
    def validate(self) -> None:
        """Check that the game is a complete, well-formed tree.

        Raises
        ------
        InvalidGameError
            Naming the first problem: an unset node, a cycle, a node with two
            parents or unreachable from the root, a child count that differs
            from the information set's actions, an information set mixing
            players or action sets, bad chance probabilities, or an outcome of
            the wrong length.
        """
        g = self.graph
        check_tree_size(g.number_of_nodes())
        if self.root not in g:
            raise InvalidGameError(f"the root {self.root!r} is not a node of the graph")
        if not nx.is_directed_acyclic_graph(g):
            cycle = nx.find_cycle(g)
            raise InvalidGameError(f"the game graph has a cycle through nodes {[u for u, *_ in cycle]}")
        if g.in_degree(self.root) != 0:
            raise InvalidGameError(f"the root {self.root!r} has a parent")
        for node in g:
            if node != self.root and g.in_degree(node) != 1:
                raise InvalidGameError(
                    f"node {node!r} has {g.in_degree(node)} parents; a game tree needs exactly one"
                )
        reached = nx.descendants(g, self.root) | {self.root}
        if len(reached) != g.number_of_nodes():
            stray = next(n for n in g if n not in reached)
            raise InvalidGameError(f"node {stray!r} cannot be reached from the root")
        members: dict[tuple[int, Hashable], list[Hashable]] = {}
        for node, attrs in g.nodes(data=True):
            kind = attrs.get("kind")
            if kind not in _KINDS:
                raise InvalidGameError(f"node {node!r} is neither decision, chance nor terminal (kind={kind!r})")
            out = attrs.get("outcome")
            if out is not None and len(out.payoffs) != self.n_players:
                raise InvalidGameError(
                    f"node {node!r}: outcome has {len(out.payoffs)} payoffs for {self.n_players} players"
                )
            if kind == "terminal":
                if g.out_degree(node):
                    raise InvalidGameError(f"terminal node {node!r} has children")
                continue
            player = attrs.get("player")
            if kind == "chance" and player != CHANCE:
                raise InvalidGameError(f"chance node {node!r} must have player {CHANCE}")
            if kind == "decision" and not (isinstance(player, int) and 0 <= player < self.n_players):
                raise InvalidGameError(f"decision node {node!r} has no valid player (got {player!r})")
            key = (player, attrs.get("infoset"))
            info = self.infosets.get(key)
            if info is None:
                raise InvalidGameError(f"node {node!r} names unknown information set {key[1]!r}")
            members.setdefault(key, []).append(node)
            kids = self.children(node)
            if len(kids) != len(info.actions):
                raise InvalidGameError(
                    f"node {node!r} has {len(kids)} children but its information set {info.key!r} "
                    f"has {len(info.actions)} actions"
                )
            for index, child in enumerate(kids):
                edge = g.edges[node, child]
                if edge.get("index") != index or edge.get("action") != info.actions[index]:
                    raise InvalidGameError(
                        f"edge {node!r}→{child!r} is labelled {edge.get('action')!r} at index "
                        f"{edge.get('index')!r}; expected {info.actions[index]!r} at {index}"
                    )
            if kind == "chance":
                if info.probabilities is None:
                    raise InvalidGameError(f"chance node {node!r} has no probabilities")
                check_probabilities(info.probabilities, f"chance node {node!r}")
        unused = set(self.infosets) - set(members)
        if unused:
            raise InvalidGameError(f"information sets {sorted(str(k[1]) for k in unused)} have no nodes")

    # ------------------------------------------------------------------ construction from a graph
    @classmethod
    def from_graph(
        cls,
        graph: nx.DiGraph,
        players: Sequence[str],
        *,
        root: Hashable | None = None,
        infosets: Mapping[tuple[int, Hashable], InformationSet] | None = None,
        title: str = "",
    ) -> ExtensiveFormGame:
        """Adopt a tree authored directly on networkx (schema in the module docstring).

        ``infosets`` may be omitted: the information sets are then read off the
        nodes (actions from edge labels, chance probabilities from the edge
        attribute ``probability``), and nodes sharing a ``(player, infoset)``
        key must agree. The graph is copied and validated.
        """
        game = cls(players, title=title)
        g = nx.DiGraph(graph)
        if root is None:
            roots = [n for n in g if g.in_degree(n) == 0]
            if len(roots) != 1:
                raise InvalidGameError(f"a game tree needs exactly one root; found {len(roots)}")
            root = roots[0]
        for _node, attrs in g.nodes(data=True):
            attrs.setdefault("label", "")
            attrs.setdefault("kind", None)
        game.graph = g
        game.root = root
        if infosets is not None:
            game.infosets = dict(infosets)
        else:
            for node, attrs in g.nodes(data=True):
                if attrs.get("kind") not in ("decision", "chance"):
                    continue
                succ = g.succ[node]
                kids = sorted(succ, key=lambda c: succ[c].get("index", 0))
                acts = [str(succ[c].get("action", "")) for c in kids]
                probs = None
                if attrs["kind"] == "chance":
                    attrs.setdefault("player", CHANCE)
                    probs = tuple(
                        _number(succ[c].get("probability"), f"chance edge {node!r}→{c!r}") for c in kids
                    )
                key = attrs.get("infoset")
                if key is None:
                    key = attrs["infoset"] = f"_n{node}"
                game._infoset(attrs.get("player"), key, acts, None, probs)
        game.validate()
        return game

    # ------------------------------------------------------------------ delegation
    def compile(self) -> GameTree:
        """The immutable array form used by solvers (see :mod:`games.game_tree`)."""
        from games.game_tree import GameTree

        return GameTree.from_extensive(self)

    def has_perfect_recall(self) -> bool:
        """Whether every player always remembers what they knew and did."""
        return self.compile().has_perfect_recall()

    def to_normal_form(self, **kwargs: Any) -> NormalFormGame:
        """The reduced strategic form (see :func:`games.reduced_normal_form.reduced_normal_form`)."""
        from games.reduced_normal_form import reduced_normal_form

        return reduced_normal_form(self.compile(), **kwargs)

    # ------------------------------------------------------------------ comparison
    def canonical(self) -> tuple[Any, ...]:
        """A description that is equal for games equal up to node ids and infoset keys.

        Walks the tree in preorder; information sets are numbered per player in
        order of first appearance. Numbers are compared as the rationals they
        denote (a float as its shortest decimal: ``0.1`` equals ``1/10``), as
        in :class:`~games.normal_form.NormalFormGame` equality.
        """
        numbering: dict[tuple[int, Hashable], int] = {}
        counters: dict[int, int] = {}
        rows: list[tuple[Any, ...]] = []
        for node in self.preorder():
            attrs = self.graph.nodes[node]
            out = attrs.get("outcome")
            outcome = None if out is None else (out.label, tuple(to_fraction(v) for v in out.payoffs))
            if attrs["kind"] == "terminal":
                rows.append(("t", attrs.get("label", ""), outcome))
                continue
            key = (attrs["player"], attrs["infoset"])
            if key not in numbering:
                counters[key[0]] = counters.get(key[0], 0) + 1
                numbering[key] = counters[key[0]]
            info = self.infosets[key]
            rows.append(
                (
                    attrs["kind"][0],
                    attrs.get("label", ""),
                    attrs["player"],
                    numbering[key],
                    info.label,
                    info.actions,
                    None if info.probabilities is None else tuple(to_fraction(p) for p in info.probabilities),
                    outcome,
                )
            )
        return (self.title, self.players, tuple(rows))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ExtensiveFormGame):
            return NotImplemented
        return self.canonical() == other.canonical()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        title = f" {self.title!r}" if self.title else ""
        return (
            f"<ExtensiveFormGame{title}: {self.n_players} players {list(self.players)}, "
            f"{self.n_nodes} nodes, {len(self.infosets)} information sets>"
        )
