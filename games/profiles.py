"""Strategy profiles: mixed (one distribution per player) and behaviour (one per information set).

A :class:`MixedProfile` is a probability vector over each player's pure
strategies of a :class:`~games.normal_form.NormalFormGame`. Probabilities given
exactly (ints, Fractions) are kept exactly too, so exact solvers can return
exact equilibria and prove zero regret in rationals.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from games.errors import InvalidGameError
from games.game_tree import concat_ranges
from games.rationals import is_exact_value

if TYPE_CHECKING:  # pragma: no cover
    from games.game_tree import GameTree
    from games.normal_form import NormalFormGame

__all__ = [
    "MixedProfile",
    "as_strategy_vectors",
    "PROBABILITY_TOL",
    "BehaviorProfile",
    "behavior_to_mixed",
    "mixed_to_behavior",
]

#: Tolerance on a float distribution's sum and signs.
PROBABILITY_TOL = 1e-9


def _distribution(values: ArrayLike, size: int, what: str, tol: float) -> tuple[NDArray[np.float64], tuple[Fraction, ...] | None]:
    raw = np.asarray(values, dtype=object).reshape(-1)
    if raw.size != size:
        raise InvalidGameError(f"{what} needs {size} probabilities; got {raw.size}")
    exact: tuple[Fraction, ...] | None = None
    if all(is_exact_value(v) for v in raw):
        exact = tuple(Fraction(v) for v in raw)
        if any(p < 0 for p in exact) or sum(exact) != 1:
            raise InvalidGameError(f"{what}: probabilities {[str(p) for p in exact]} must be ≥ 0 and sum to 1")
    try:
        vec = np.array(raw, dtype=np.float64)
    except (TypeError, ValueError):
        raise InvalidGameError(f"{what}: probabilities must be numbers") from None
    if not np.all(np.isfinite(vec)) or np.any(vec < -tol) or abs(vec.sum() - 1.0) > tol:
        raise InvalidGameError(f"{what}: probabilities {vec.tolist()} must be ≥ 0 and sum to 1 (±{tol})")
    vec = np.clip(vec, 0.0, None)
    vec.setflags(write=False)
    return vec, exact


class MixedProfile:
    """One probability distribution over pure strategies per player.

    Parameters
    ----------
    game
        The normal-form game.
    strategies
        One probability vector per player. Exact entries are kept exactly.
    tol
        Tolerance on non-negativity and the sum of float vectors.

    Examples
    --------
    >>> from games.library import matching_pennies
    >>> p = MixedProfile(matching_pennies(), [[0.5, 0.5], [0.5, 0.5]])
    >>> p.max_regret()
    0.0
    """

    __slots__ = ("game", "strategies", "exact")

    def __init__(self, game: NormalFormGame, strategies: Sequence[ArrayLike], *, tol: float = PROBABILITY_TOL) -> None:
        if len(strategies) != game.n_players:
            raise InvalidGameError(f"a mixed profile needs {game.n_players} distributions; got {len(strategies)}")
        vecs, exact = [], []
        for i, (values, size) in enumerate(zip(strategies, game.shape)):
            vec, ex = _distribution(values, size, f"player {game.players[i]!r}", tol)
            vecs.append(vec)
            exact.append(ex)
        self.game = game
        self.strategies: tuple[NDArray[np.float64], ...] = tuple(vecs)
        self.exact: tuple[tuple[Fraction, ...], ...] | None = (
            tuple(e for e in exact if e is not None) if all(e is not None for e in exact) else None
        )

    @classmethod
    def pure(cls, game: NormalFormGame, profile: Sequence[int | str]) -> MixedProfile:
        """The mixed profile that plays a pure profile (indices or labels) for sure."""
        vecs = []
        for i, s in enumerate(profile):
            k = game.strategy_index(i, s)
            vec = [0] * game.shape[i]
            vec[k] = 1
            vecs.append(vec)
        return cls(game, vecs)

    @classmethod
    def uniform(cls, game: NormalFormGame) -> MixedProfile:
        """Every player mixes uniformly (exactly)."""
        vectors: list[Any] = [[Fraction(1, s)] * s for s in game.shape]
        return cls(game, vectors)

    def __getitem__(self, player: int) -> NDArray[np.float64]:
        return self.strategies[player]

    def __len__(self) -> int:
        return len(self.strategies)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.strategies)

    def payoffs(self) -> NDArray[np.float64]:
        """Each player's expected payoff."""
        return self.game.expected_payoffs(self)

    def regrets(self) -> NDArray[np.float64]:
        """Each player's regret."""
        return self.game.regrets(self)

    def max_regret(self) -> float:
        """Largest regret over players."""
        return self.game.max_regret(self)

    def exact_regrets(self) -> tuple[Fraction, ...]:
        """Each player's regret in exact rationals (game and profile must be exact)."""
        integer_payoffs = self.game.exact_integer_payoffs()
        if self.exact is None or integer_payoffs is None:
            raise InvalidGameError("exact regret needs an exact game and an exact profile")
        # integer arithmetic throughout: payoffs = ints / scale, probabilities of j = q[j] / d[j]
        ints, scale = integer_payoffs
        ints = ints.astype(object)
        d = [math.lcm(*(p.denominator for p in probs)) for probs in self.exact]
        q = [np.array([int(p * dj) for p in probs], dtype=object) for probs, dj in zip(self.exact, d)]
        n = self.game.n_players
        out = []
        for i in range(n):
            arr = ints[i]
            denominator = scale
            for j in range(n - 1, -1, -1):
                if j != i:
                    arr = np.tensordot(arr, q[j], axes=([j], [0]))
                    denominator *= d[j]
            dev = list(np.asarray(arr, dtype=object).reshape(-1))
            value = sum(x * y for x, y in zip(dev, q[i].tolist()))
            gap = max(dev) * d[i] - value
            out.append(Fraction(max(0, gap), denominator * d[i]))
        return tuple(out)

    def support(self, *, tol: float = 0.0) -> tuple[tuple[int, ...], ...]:
        """Indices of strategies played with probability above ``tol``, per player."""
        return tuple(tuple(int(k) for k in np.flatnonzero(v > tol)) for v in self.strategies)

    def to_dict(self) -> dict[str, Any]:
        """``{player: {strategy: probability}}`` with exact probabilities as strings."""
        out: dict[str, Any] = {}
        for i, vec in enumerate(self.strategies):
            labels = self.game.strategies[i]
            if self.exact is not None:
                out[self.game.players[i]] = {lab: str(p) for lab, p in zip(labels, self.exact[i])}
            else:
                out[self.game.players[i]] = {lab: float(p) for lab, p in zip(labels, vec)}
        return out

    def __repr__(self) -> str:
        parts = []
        for i, vec in enumerate(self.strategies):
            probs = self.exact[i] if self.exact is not None else vec
            parts.append(f"{self.game.players[i]}: [{', '.join(str(p) if self.exact else f'{p:.6g}' for p in probs)}]")
        return f"<MixedProfile {'; '.join(parts)}>"


def as_strategy_vectors(game: NormalFormGame, profile: Any) -> list[NDArray[np.float64]]:
    """Coerce a :class:`MixedProfile` or a sequence of vectors to float probability vectors.

    Unlike :class:`MixedProfile` this does not insist on distributions summing to
    one, so it can evaluate arbitrary weightings; shapes are checked.
    """
    if isinstance(profile, MixedProfile):
        return list(profile.strategies)
    if len(profile) != game.n_players:
        raise InvalidGameError(f"a mixed profile needs {game.n_players} vectors; got {len(profile)}")
    out = []
    for i, v in enumerate(profile):
        vec = np.asarray(v, dtype=np.float64).reshape(-1)
        if vec.size != game.shape[i]:
            raise InvalidGameError(
                f"player {game.players[i]!r} has {game.shape[i]} strategies; got a vector of {vec.size}"
            )
        out.append(vec)
    return out


# ====================================================================== behaviour profiles
# A behaviour profile lives on the compiled tree (games.game_tree.GameTree): one
# probability per global action, chance's actions holding the chance probabilities.


def _as_tree(game: Any) -> GameTree:
    from games.game_tree import GameTree

    if isinstance(game, GameTree):
        return game
    if hasattr(game, "compile"):
        return game.compile()  # type: ignore[no-any-return]
    raise InvalidGameError(f"expected a GameTree or an ExtensiveFormGame; got {type(game).__name__}")


def _infoset_index(tree: GameTree, key: Any) -> int:
    """Global index of an information set given by index, key or (unique) label."""
    if isinstance(key, (int, np.integer)) and not isinstance(key, bool):
        if not 0 <= key < tree.n_infosets:
            raise InvalidGameError(f"no information set {key}: the tree has {tree.n_infosets}")
        return int(key)
    cache = tree._cache
    if "infoset_key_index" not in cache:
        by_key: dict[Any, int] = {}
        for h, k in enumerate(tree.infoset_keys):
            by_key.setdefault(k, h)
        by_label: dict[str, list[int]] = {}
        for h, lab in enumerate(tree.infoset_labels):
            if lab:
                by_label.setdefault(lab, []).append(h)
        cache["infoset_key_index"] = (by_key, by_label)
    by_key, by_label = cache["infoset_key_index"]
    try:
        if key in by_key:
            return by_key[key]  # type: ignore[no-any-return]
    except TypeError:
        raise InvalidGameError(f"{key!r} cannot name an information set") from None
    hits = by_label.get(key, []) if isinstance(key, str) else []
    if len(hits) == 1:
        return hits[0]  # type: ignore[no-any-return]
    if len(hits) > 1:
        raise InvalidGameError(f"the label {key!r} names {len(hits)} information sets; use an index or key")
    raise InvalidGameError(f"no information set with index, key or label {key!r}")


def _group_sums(values: NDArray[Any], counts: NDArray[Any]) -> NDArray[Any]:
    starts = np.cumsum(counts) - counts
    if values.size == 0:
        return values[:0]
    return np.add.reduceat(values, starts)


class BehaviorProfile:
    """One probability distribution over actions per information set of a game tree.

    Parameters
    ----------
    game
        A :class:`~games.game_tree.GameTree` or an
        :class:`~games.extensive_form.ExtensiveFormGame` (compiled here).
    probabilities
        Either a mapping from information sets (global index, key, or a label
        naming exactly one set) to probability vectors, or a sequence with one
        vector per information set of the tree (``None`` at chance's sets) or
        one per players' information set (in ``tree.decision_infosets`` order).
        Every players' information set needs a distribution; chance's are
        fixed by the game. Exact entries (ints, Fractions) are kept exactly.
    tol
        Tolerance on non-negativity and the sum of float vectors.

    Attributes
    ----------
    tree
        The compiled game.
    probabilities
        Read-only float array over the tree's global actions
        (``tree.infoset_action_offsets[h] + a``), chance's actions included.
    exact
        The same as Fractions, or ``None`` unless every distribution and every
        chance probability is exact.

    Notes
    -----
    The reach probability of a node is the product of the probabilities of
    the actions on its path; payoffs sum reach times payoff over terminals.
    Regret is computed with a best response on the player's sequence tree,
    which is exact under perfect recall (Kuhn 1953).

    Examples
    --------
    An equilibrium of Kuhn poker: player 1 bets a king, bluffs a jack one
    time in three, checks a queen and then calls a bet two times in three;
    player 2 bets and calls with a king, bluffs a jack one time in three
    after a check, and calls a bet with a queen one time in three:

    >>> from fractions import Fraction as F
    >>> from games.library import kuhn_poker
    >>> p = BehaviorProfile(kuhn_poker(), {
    ...     "J": [F(2, 3), F(1, 3)], "Q": [1, 0], "K": [0, 1],
    ...     "J:cb": [1, 0], "Q:cb": [F(1, 3), F(2, 3)], "K:cb": [0, 1],
    ...     "J:c": [F(2, 3), F(1, 3)], "Q:c": [1, 0], "K:c": [0, 1],
    ...     "J:b": [1, 0], "Q:b": [F(2, 3), F(1, 3)], "K:b": [0, 1]})
    >>> p.exact_payoffs()
    (Fraction(-1, 18), Fraction(1, 18))
    >>> p.exact_regrets()
    (Fraction(0, 1), Fraction(0, 1))
    """

    __slots__ = ("tree", "probabilities", "exact")

    def __init__(self, game: Any, probabilities: Any, *, tol: float = PROBABILITY_TOL) -> None:
        tree = _as_tree(game)
        given: dict[int, Any] = {}
        if isinstance(probabilities, Mapping):
            for key, values in probabilities.items():
                h = _infoset_index(tree, key)
                if h in given:
                    raise InvalidGameError(f"information set {tree.infoset_name(h)} is given twice")
                given[h] = values
        else:
            items = list(probabilities)
            dec = tree.decision_infosets
            if len(items) == tree.n_infosets:
                given = {h: v for h, v in enumerate(items) if v is not None}
            elif len(items) == dec.size:
                given = {int(h): v for h, v in zip(dec, items)}
            else:
                raise InvalidGameError(
                    f"a behaviour profile needs one distribution per information set ({tree.n_infosets}, "
                    f"chance's as None) or per players' information set ({dec.size}); got {len(items)}"
                )
        flat = np.array(tree.action_probability, dtype=np.float64)
        exact: list[Fraction | None] | None = (
            None if tree.exact_action_probability is None else list(tree.exact_action_probability)
        )
        offsets = tree.infoset_action_offsets
        for h, values in given.items():
            if tree.infoset_player[h] < 0:
                raise InvalidGameError(
                    f"information set {tree.infoset_name(h)} belongs to chance; its probabilities are part of the game"
                )
            k = int(tree.infoset_n_actions[h])
            who = f"information set {tree.infoset_name(h)} of player {tree.players[int(tree.infoset_player[h])]!r}"
            vec, ex = _distribution(values, k, who, tol)
            lo = int(offsets[h])
            flat[lo : lo + k] = vec
            if exact is not None:
                if ex is None:
                    exact = None
                else:
                    exact[lo : lo + k] = ex
        missing = [int(h) for h in tree.decision_infosets if int(h) not in given]
        if missing:
            names = ", ".join(tree.infoset_name(h) for h in missing[:5])
            raise InvalidGameError(
                f"no distribution given for {len(missing)} information set(s): {names}{', ...' if len(missing) > 5 else ''}"
            )
        self._set(tree, flat, None if exact is None else np.array(exact, dtype=object))

    def _set(self, tree: GameTree, flat: NDArray[np.float64], exact: NDArray[np.object_] | None) -> None:
        flat.setflags(write=False)
        if exact is not None:
            exact.setflags(write=False)
        self.tree = tree
        self.probabilities: NDArray[np.float64] = flat
        self.exact: NDArray[np.object_] | None = exact

    @classmethod
    def _from_flat(cls, tree: GameTree, flat: NDArray[np.float64], exact: NDArray[np.object_] | None) -> BehaviorProfile:
        out = cls.__new__(cls)
        out._set(tree, flat, exact)
        return out

    # ------------------------------------------------------------------ constructors
    @classmethod
    def uniform(cls, game: Any) -> BehaviorProfile:
        """Every player mixes uniformly at every information set (exactly)."""
        tree = _as_tree(game)
        return cls(tree, {int(h): [Fraction(1, int(tree.infoset_n_actions[h]))] * int(tree.infoset_n_actions[h])
                          for h in tree.decision_infosets})

    @classmethod
    def from_realization_plans(cls, game: Any, plans: Sequence[ArrayLike], *, tol: float = 1e-9) -> BehaviorProfile:
        """The behaviour profile of one realization plan per player (von Stengel 1996).

        ``β(h, a) = x[h, a] / x[parent sequence of h]``; where the parent
        sequence has probability 0 the information set is unreachable by the
        player's own play and gets the uniform distribution. Plans given
        exactly give an exact profile.

        Raises
        ------
        InvalidGameError
            When a plan has the wrong length or violates ``E x = e, x ≥ 0``
            (beyond ``tol`` for float plans).
        UnsupportedGameError
            If the tree lacks perfect recall.
        """
        tree = _as_tree(game)
        tree.require_perfect_recall("converting realization plans")
        if len(plans) != tree.n_players:
            raise InvalidGameError(f"one realization plan per player needed ({tree.n_players}); got {len(plans)}")
        flat = np.array(tree.action_probability, dtype=np.float64)
        exact_ok = tree.exact_action_probability is not None
        raws = [np.asarray(x, dtype=object).reshape(-1) for x in plans]
        exact_ok = exact_ok and all(all(is_exact_value(v) for v in raw) for raw in raws)
        exact = np.array(
            [Fraction(0) if p is None else p for p in (tree.exact_action_probability or [])] if exact_ok else [],
            dtype=object,
        )
        for p, raw in enumerate(raws):
            q = tree.n_sequences[p]
            if raw.size != q:
                raise InvalidGameError(f"player {tree.players[p]!r} has {q} sequences; got a plan of {raw.size}")
            hs = tree.player_infosets(p)
            k = tree.infoset_n_actions[hs].astype(np.int64)
            idx = concat_ranges(tree.infoset_first_sequence[hs], k)
            par = tree.infoset_parent_sequence[hs]
            glob = concat_ranges(tree.infoset_action_offsets[hs], k)
            if exact_ok:
                x = np.array([Fraction(v) for v in raw], dtype=object)
                sums = _group_sums(x[idx], k)
                bad = np.flatnonzero((sums != x[par]) if hs.size else np.zeros(0, bool))
                if x[0] != 1 or any(v < 0 for v in x) or bad.size:
                    where = f" at information set {tree.infoset_name(int(hs[bad[0]]))}" if bad.size else ""
                    raise InvalidGameError(
                        f"the plan of player {tree.players[p]!r} is not a realization plan (E x = e, x ≥ 0){where}"
                    )
                positive = np.repeat(sums != 0, k)
                uniform = np.array([Fraction(1, int(c)) for c in np.repeat(k, k)], dtype=object)
                safe = np.repeat(sums, k)
                safe[~positive] = Fraction(1)
                exact[glob] = np.where(positive, x[idx] / safe, uniform)
                flat[glob] = exact[glob].astype(np.float64)
            else:
                try:
                    x = np.array(raw, dtype=np.float64)
                except (TypeError, ValueError):
                    raise InvalidGameError(f"the plan of player {tree.players[p]!r} must be numbers") from None
                sums = _group_sums(x[idx], k)
                resid = np.abs(sums - x[par]) if hs.size else np.zeros(0)
                if (not np.all(np.isfinite(x)) or abs(x[0] - 1) > tol or np.any(x < -tol) or np.any(resid > tol)):
                    raise InvalidGameError(
                        f"the plan of player {tree.players[p]!r} is not a realization plan "
                        f"(E x = e, x ≥ 0 within {tol})"
                    )
                x = np.clip(x, 0.0, None)
                sums = _group_sums(x[idx], k)
                positive = np.repeat(sums > tol * 1e-3, k)
                with np.errstate(invalid="ignore", divide="ignore"):
                    ratio = x[idx] / np.repeat(sums, k)
                flat[glob] = np.where(positive, ratio, 1.0 / np.repeat(k, k))
        out = cls._from_flat(tree, flat, exact if exact_ok else None)
        return out

    # ------------------------------------------------------------------ access
    def __getitem__(self, infoset: Any) -> NDArray[np.float64]:
        """The distribution at an information set given by index, key or label."""
        h = _infoset_index(self.tree, infoset)
        lo, hi = self.tree.infoset_action_offsets[h], self.tree.infoset_action_offsets[h + 1]
        return self.probabilities[lo:hi]

    def _flat(self, exact: bool) -> NDArray[Any]:
        if not exact:
            return self.probabilities
        if self.exact is None or self.tree.exact_payoffs is None:
            raise InvalidGameError("exact computation needs an exact tree and an exact profile")
        return self.exact

    def _edges(self, exact: bool, *, only: int | None = None, skip: int | None = None) -> NDArray[Any]:
        """Per node, the probability of the edge from its parent (1 at the root).

        ``only=p`` keeps only player ``p``'s edges (others count 1);
        ``skip=p`` sets player ``p``'s edges to 1.
        """
        tree = self.tree
        flat = self._flat(exact)
        ea = tree.edge_action()
        one: Any = Fraction(1) if exact else 1.0
        edge = np.empty(tree.n_nodes, dtype=object if exact else np.float64)
        edge[0] = one
        edge[1:] = flat[ea[1:]]
        if only is not None or skip is not None:
            mover = np.full(tree.n_nodes, -3, dtype=np.int64)
            mover[1:] = tree.player[tree.parent[1:]]
            mask = (mover != only) if only is not None else (mover == skip)
            edge[mask] = one
        return edge

    def _reach(self, edge: NDArray[Any]) -> NDArray[Any]:
        tree = self.tree
        reach = edge.copy()
        for d in range(1, tree.max_depth + 1):
            sl = tree.depth_slice(d)
            reach[sl] = reach[tree.parent[sl]] * edge[sl]
        return reach

    def reach_probabilities(self) -> NDArray[np.float64]:
        """Per node, the probability that play reaches it (chance included)."""
        return self._reach(self._edges(False))

    # ------------------------------------------------------------------ payoffs and regret
    def payoffs(self) -> NDArray[np.float64]:
        """Each player's expected payoff."""
        term = self.tree.terminal_indices
        return np.asarray(self.reach_probabilities()[term] @ self.tree.payoffs[term], dtype=np.float64)

    def exact_payoffs(self) -> tuple[Fraction, ...]:
        """Each player's expected payoff in exact rationals (tree and profile must be exact)."""
        term = self.tree.terminal_indices
        reach = self._reach(self._edges(True))[term]
        pay = self.tree.exact_payoffs
        assert pay is not None
        return tuple(Fraction(sum(reach * pay[term, i], Fraction(0))) for i in range(self.tree.n_players))

    def best_response(self, player: int) -> tuple[float, NDArray[np.int64]]:
        """A pure best response of ``player`` to the others' behaviour, and its value.

        Computed on the player's sequence tree: the terminal weights (the
        others' and chance's reach times the player's payoff) are summed onto
        the player's sequences, and from the deepest information sets up each
        set takes its best action and adds that value to its parent sequence.

        Returns
        -------
        (value, actions)
            The best-response payoff, and per global information set the
            chosen action index (``-1`` at sets of other players and chance).

        Raises
        ------
        UnsupportedGameError
            If the tree lacks perfect recall.
        """
        value, actions = self._best_response(player, exact=False)
        return float(value), actions

    def _best_response(self, player: int, *, exact: bool) -> tuple[Any, NDArray[np.int64]]:
        tree = self.tree
        tree.require_perfect_recall("a best response")
        term = tree.terminal_indices
        others = self._reach(self._edges(exact, skip=player))[term]
        pay = tree.exact_payoffs if exact else tree.payoffs
        assert pay is not None
        weights = others * pay[term, player]
        value = np.zeros(tree.n_sequences[player], dtype=object if exact else np.float64)
        if exact:
            value.fill(Fraction(0))
        np.add.at(value, np.asarray(tree.sequence[term, player], dtype=np.int64), weights)
        choice = np.full(tree.n_infosets, -1, dtype=np.int64)
        for level in reversed(tree.sequence_levels(player)):
            k = tree.infoset_n_actions[level].astype(np.int64)
            starts = np.cumsum(k) - k
            vals = value[concat_ranges(tree.infoset_first_sequence[level], k)]
            best = np.maximum.reduceat(vals, starts)
            hit = np.flatnonzero(np.asarray(vals == np.repeat(best, k), dtype=bool))
            group = np.repeat(np.arange(level.size), k)[hit]
            _, first = np.unique(group, return_index=True)
            choice[level] = hit[first] - starts
            np.add.at(value, tree.infoset_parent_sequence[level], best)
        return value[0], choice

    def regrets(self) -> NDArray[np.float64]:
        """Each player's regret: best-response payoff minus payoff (≥ 0); needs perfect recall."""
        pay = self.payoffs()
        return np.array(
            [max(0.0, float(self._best_response(i, exact=False)[0]) - float(pay[i])) for i in range(len(pay))]
        )

    def max_regret(self) -> float:
        """The largest regret over players: the certificate of an (ε-)equilibrium."""
        return float(self.regrets().max())

    def exact_regrets(self) -> tuple[Fraction, ...]:
        """Each player's regret in exact rationals (tree and profile must be exact)."""
        pay = self.exact_payoffs()
        return tuple(
            max(Fraction(0), Fraction(self._best_response(i, exact=True)[0]) - pay[i]) for i in range(len(pay))
        )

    # ------------------------------------------------------------------ sequence form
    def realization_plan(self, player: int) -> NDArray[np.float64]:
        """``player``'s realization plan: the probability of each of their sequences (von Stengel 1996)."""
        return np.asarray(self._realization(player, exact=False), dtype=np.float64)

    def exact_realization_plan(self, player: int) -> NDArray[np.object_]:
        """``player``'s realization plan in Fractions (the profile must be exact)."""
        if self.exact is None:
            raise InvalidGameError("an exact realization plan needs an exact profile")
        return self._realization(player, exact=True)

    def _realization(self, player: int, *, exact: bool) -> NDArray[Any]:
        tree = self.tree
        tree.require_perfect_recall("a realization plan")
        flat = self.exact if exact else self.probabilities
        assert flat is not None
        own = self._reach(self._edges(exact, only=player) if not exact else self._own_edges_exact(player))
        hs = tree.player_infosets(player)
        k = tree.infoset_n_actions[hs].astype(np.int64)
        first_node = tree.infoset_nodes[tree.infoset_node_offsets[hs]]
        x = np.empty(tree.n_sequences[player], dtype=object if exact else np.float64)
        x[0] = Fraction(1) if exact else 1.0
        x[concat_ranges(tree.infoset_first_sequence[hs], k)] = np.repeat(own[first_node], k) * flat[
            concat_ranges(tree.infoset_action_offsets[hs], k)
        ]
        return x

    def _own_edges_exact(self, player: int) -> NDArray[Any]:
        tree = self.tree
        assert self.exact is not None
        ea = tree.edge_action()
        edge = np.empty(tree.n_nodes, dtype=object)
        edge.fill(Fraction(1))
        mover = np.full(tree.n_nodes, -3, dtype=np.int64)
        mover[1:] = tree.player[tree.parent[1:]]
        mine = np.flatnonzero(mover == player)
        edge[mine] = self.exact[ea[mine]]
        return edge

    # ------------------------------------------------------------------ output
    def to_dict(self) -> dict[str, Any]:
        """``{player: {information set: {action: probability}}}``; exact probabilities as strings.

        Information sets are named by label (suffixed ``#index`` when labels
        repeat or are empty).
        """
        tree = self.tree
        labels = tree.infoset_labels
        counts: dict[str, int] = {}
        for h in tree.decision_infosets:
            counts[labels[h]] = counts.get(labels[h], 0) + 1
        out: dict[str, Any] = {name: {} for name in tree.players}
        for h in tree.decision_infosets:
            h = int(h)
            lab = labels[h]
            name = lab if lab and counts[lab] == 1 else f"{lab}#{h}"
            lo = int(tree.infoset_action_offsets[h])
            acts = tree.action_labels[h]
            if self.exact is not None:
                dist: dict[str, Any] = {a: str(self.exact[lo + j]) for j, a in enumerate(acts)}
            else:
                dist = {a: float(self.probabilities[lo + j]) for j, a in enumerate(acts)}
            out[tree.players[int(tree.infoset_player[h])]][name] = dist
        return out

    def __repr__(self) -> str:
        tree = self.tree
        return (
            f"<BehaviorProfile over {tree.decision_infosets.size} information sets of "
            f"{tree.title or 'a game'!s}{', exact' if self.exact is not None else ''}>"
        )


# ====================================================================== conversions (Kuhn's theorem)
def _check_reduced_game(tree: GameTree, game: NormalFormGame, strategies: Sequence[Any]) -> None:
    labels = tuple(s.labels for s in strategies)
    if game.n_players != tree.n_players or game.strategies != labels:
        raise InvalidGameError(
            "the normal-form game is not the reduced normal form of this tree "
            f"(its strategies are {[len(s) for s in game.strategies]}, the tree's {[len(s) for s in labels]})"
        )


def behavior_to_mixed(profile: BehaviorProfile, *, game: NormalFormGame | None = None) -> MixedProfile:
    """The realization-equivalent mixed profile on the reduced normal form (Kuhn's theorem).

    A reduced strategy's probability is the product of the behaviour
    probabilities of its choices at the information sets it does not exclude.
    Exact when the profile is.

    Parameters
    ----------
    profile
        A behaviour profile of a tree with perfect recall.
    game
        Its reduced normal form, if already built (else it is built).

    References
    ----------
    Kuhn, H. W. (1953). Extensive games and the problem of information. In
    *Contributions to the Theory of Games II*, Annals of Mathematics Studies
    28: 193-216.

    Examples
    --------
    >>> from games.library import entry_deterrence
    >>> b = BehaviorProfile(entry_deterrence(), [[0, 1], [Fraction(1, 2), Fraction(1, 2)]])
    >>> behavior_to_mixed(b).exact
    ((Fraction(0, 1), Fraction(1, 1)), (Fraction(1, 2), Fraction(1, 2)))
    """
    from games.reduced_normal_form import reduced_normal_form, reduced_strategies

    tree = profile.tree
    strategies = [reduced_strategies(tree, p) for p in range(tree.n_players)]
    if game is None:
        game = reduced_normal_form(tree)
    _check_reduced_game(tree, game, strategies)
    exact = profile.exact is not None
    flat: NDArray[Any] = profile.exact if exact else profile.probabilities  # type: ignore[assignment]
    vectors = []
    for s in strategies:
        chosen = s.actions >= 0
        glob = tree.infoset_action_offsets[s.infosets][None, :] + np.maximum(s.actions, 0)
        one: Any = Fraction(1) if exact else 1.0
        vals = np.where(chosen, flat[glob], one) if s.infosets.size else np.full((len(s), 0), one)
        vec = np.prod(vals, axis=1) if s.infosets.size else np.array([one], dtype=object if exact else float)
        vectors.append(list(vec) if exact else np.asarray(vec, dtype=np.float64))
    return MixedProfile(game, vectors, tol=1e-7)


def mixed_to_behavior(game: Any, mixed: MixedProfile) -> BehaviorProfile:
    """The realization-equivalent behaviour profile of a mixed profile on the reduced normal form.

    Each player's realization plan is the mixture of the pure plans of their
    reduced strategies; the behaviour probabilities are its ratios (see
    :meth:`BehaviorProfile.from_realization_plans`). Exact when the mixed
    profile is.

    Parameters
    ----------
    game
        The tree (or extensive-form game) whose reduced normal form
        ``mixed.game`` is.
    mixed
        A mixed profile on that reduced normal form.

    References
    ----------
    Kuhn (1953); von Stengel, B. (1996). Efficient computation of behavior
    strategies. *Games and Economic Behavior* 14(2): 220-246.
    doi:10.1006/game.1996.0050

    Examples
    --------
    >>> from games.library import entry_deterrence
    >>> tree = entry_deterrence().compile()
    >>> nf = tree.to_extensive().to_normal_form()
    >>> b = mixed_to_behavior(tree, MixedProfile(nf, [[1, 0], [0, 1]]))
    >>> b.probabilities.tolist()
    [1.0, 0.0, 0.0, 1.0]
    """
    from games.reduced_normal_form import reduced_strategies

    tree = _as_tree(game)
    strategies = [reduced_strategies(tree, p) for p in range(tree.n_players)]
    _check_reduced_game(tree, mixed.game, strategies)
    plans: list[Any] = []
    for p, s in enumerate(strategies):
        if mixed.exact is not None:
            plans.append(np.array(mixed.exact[p], dtype=object) @ s.plans.astype(object))
        else:
            plans.append(mixed.strategies[p] @ s.plans.astype(np.float64))
    return BehaviorProfile.from_realization_plans(tree, plans, tol=1e-7)
