"""Result objects returned by every solver: frozen data with certificates.

Each result says which method produced it, with which parameters, whether the
solve finished (``status``) and whether the set it reports is complete. Every
equilibrium carries its certificate, the maximum regret of its profile, and
exact methods carry the regret proved zero in rationals.

Results convert to JSON-safe dicts (:meth:`to_dict`) and pandas DataFrames
(:meth:`to_frame`; pandas is imported only then).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any, overload

import numpy as np
from numpy.typing import NDArray

from games.normal_form import NormalFormGame
from games.profiles import MixedProfile

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["Result", "Equilibrium", "EquilibriumSet", "PureEquilibria", "STATUS_OK", "STATUS_TIMEOUT"]

STATUS_OK = "ok"
STATUS_TIMEOUT = "timeout"


def _jsonable(value: Any) -> Any:
    """Plain Python values for JSON: no numpy scalars, Fractions as ``"a/b"`` strings."""
    if isinstance(value, Fraction):
        return str(value) if value.denominator != 1 else value.numerator
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return [_jsonable(v) for v in value.tolist()]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


@dataclass(frozen=True)
class Result:
    """What every result has: the method, its parameters, the status, statistics."""

    method: str
    parameters: dict[str, Any] = field(default_factory=dict)
    status: str = STATUS_OK
    statistics: dict[str, Any] = field(default_factory=dict)

    def _base_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "parameters": _jsonable(self.parameters),
            "status": self.status,
            "statistics": _jsonable(self.statistics),
        }


@dataclass(frozen=True)
class Equilibrium:
    """One equilibrium of a normal-form game with its certificate.

    Attributes
    ----------
    profile
        The strategy profile.
    payoffs
        Each player's expected payoff.
    max_regret
        The largest gain any player could make by deviating (the certificate:
        the profile is a ``max_regret``-equilibrium).
    exact_regret
        The maximum regret computed in exact rationals, when the game and the
        profile are exact (``Fraction(0)`` proves an exact equilibrium).
    """

    profile: MixedProfile
    payoffs: tuple[float, ...]
    max_regret: float
    exact_regret: Fraction | None = None

    @classmethod
    def certify(cls, profile: MixedProfile) -> Equilibrium:
        """Build an equilibrium record from a profile, computing its certificate."""
        exact_regret = None
        if profile.exact is not None and profile.game.exact_payoffs is not None:
            exact_regret = max(profile.exact_regrets())
        return cls(
            profile=profile,
            payoffs=tuple(float(v) for v in profile.payoffs()),
            max_regret=float(profile.max_regret()),
            exact_regret=exact_regret,
        )

    @property
    def game(self) -> NormalFormGame:
        return self.profile.game

    @property
    def exact(self) -> bool:
        """Whether exactness is proved: exact profile with zero exact regret."""
        return self.exact_regret == 0

    @property
    def is_pure(self) -> bool:
        return all(int(np.count_nonzero(v)) == 1 for v in self.profile.strategies)

    def pure_labels(self) -> tuple[str, ...] | None:
        """The strategy labels of a pure equilibrium, else ``None``."""
        if not self.is_pure:
            return None
        return tuple(self.game.strategies[i][int(np.argmax(v))] for i, v in enumerate(self.profile.strategies))

    def to_dict(self) -> dict[str, Any]:
        return {
            "strategies": self.profile.to_dict(),
            "payoffs": {p: float(v) for p, v in zip(self.game.players, self.payoffs)},
            "max_regret": float(self.max_regret),
            "exact": self.exact,
        }

    def __repr__(self) -> str:
        labels = self.pure_labels()
        what = f"pure {labels}" if labels is not None else repr(self.profile)
        return f"<Equilibrium {what}, payoffs {self.payoffs}, max regret {self.max_regret:.3g}>"


class PureEquilibria(Sequence[Equilibrium]):
    """A compact, lazy sequence of pure equilibria.

    Holds the profiles as an integer array of shape ``(k, n_players)`` and
    their regrets; :class:`Equilibrium` objects are built only on access, so
    a degenerate game with a million pure equilibria costs a few megabytes.
    """

    def __init__(self, game: NormalFormGame, indices: NDArray[np.int64], regrets: NDArray[np.float64]) -> None:
        indices = np.asarray(indices, dtype=np.int64).reshape(-1, game.n_players)
        indices.setflags(write=False)
        regrets = np.asarray(regrets, dtype=np.float64).reshape(-1)
        regrets.setflags(write=False)
        self.game = game
        self.indices = indices
        self.regrets = regrets

    def __len__(self) -> int:
        return int(self.indices.shape[0])

    @overload
    def __getitem__(self, k: int) -> Equilibrium: ...
    @overload
    def __getitem__(self, k: slice) -> list[Equilibrium]: ...
    def __getitem__(self, k: int | slice) -> Equilibrium | list[Equilibrium]:
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        if k < 0:
            k += len(self)
        if not 0 <= k < len(self):
            raise IndexError(k)
        idx = tuple(int(x) for x in self.indices[k])
        profile = MixedProfile.pure(self.game, idx)
        exact_regret = Fraction(0) if self.game.exact_payoffs is not None and self.regrets[k] == 0 else None
        if exact_regret is None and self.game.exact_payoffs is not None:
            exact_regret = max(profile.exact_regrets())
        return Equilibrium(profile, self.game.payoff(idx), float(self.regrets[k]), exact_regret)

    def __iter__(self) -> Iterator[Equilibrium]:
        for k in range(len(self)):
            yield self[k]

    def payoff_array(self) -> NDArray[np.float64]:
        """Payoffs of every equilibrium, shape ``(k, n_players)``, vectorised."""
        pay = self.game.payoffs
        return np.stack([pay[(i, *self.indices.T)] for i in range(self.game.n_players)], axis=1)


@dataclass(frozen=True)
class EquilibriumSet(Result):
    """The equilibria a method found, and what is known about the set.

    Attributes
    ----------
    game
        The game solved.
    equilibria
        The equilibria found (a sequence of :class:`Equilibrium`).
    complete
        Whether the method guarantees it found every equilibrium in its
        ``scope`` (e.g. every pure equilibrium).
    scope
        What "every" means: ``"pure"``, ``"extreme"``, ``"one"`` ...
    """

    game: NormalFormGame | None = None
    equilibria: Sequence[Equilibrium] = ()
    complete: bool = False
    scope: str = "one"

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self) -> Iterator[Equilibrium]:
        return iter(self.equilibria)

    def __getitem__(self, k: int) -> Equilibrium:
        return self.equilibria[k]

    @property
    def max_regret(self) -> float:
        """Largest certificate over the set (0.0 for an empty set)."""
        if isinstance(self.equilibria, PureEquilibria):
            return float(self.equilibria.regrets.max()) if len(self.equilibria) else 0.0
        return max((e.max_regret for e in self.equilibria), default=0.0)

    def to_dict(self, *, limit: int | None = None) -> dict[str, Any]:
        """JSON-safe dict; ``limit`` caps how many equilibria are listed."""
        eqs = self.equilibria if limit is None else self.equilibria[:limit]
        out = self._base_dict()
        out.update(
            {
                "players": list(self.game.players) if self.game is not None else [],
                "scope": self.scope,
                "complete": self.complete,
                "count": len(self.equilibria),
                "max_regret": self.max_regret,
                "equilibria": [e.to_dict() for e in eqs],
            }
        )
        return out

    def to_frame(self) -> pd.DataFrame:
        """One row per equilibrium.

        Columns: ``player`` (the strategy label when that player's strategy is
        pure, else empty), ``player:strategy`` probabilities for the strategies
        some mixed equilibrium of the set plays (none when all are pure, so a
        set of a million pure equilibria of a 1000×1000 game stays small),
        ``payoff:player``, ``max_regret`` and ``exact``.
        """
        import pandas as pd

        game = self.game
        if game is None:
            return pd.DataFrame()
        columns: dict[str, Any] = {}
        if isinstance(self.equilibria, PureEquilibria):
            eq = self.equilibria
            for i, player in enumerate(game.players):
                labels = np.array(game.strategies[i], dtype=object)
                columns[player] = pd.Categorical.from_codes(eq.indices[:, i], categories=list(labels))
            pay = eq.payoff_array()
            for i, player in enumerate(game.players):
                columns[f"payoff:{player}"] = pay[:, i]
            columns["max_regret"] = eq.regrets
            columns["exact"] = np.full(len(eq), game.exact_payoffs is not None)
            return pd.DataFrame(columns)
        eqs = list(self.equilibria)
        played = [
            sorted({int(k) for e in eqs if not e.is_pure for k in np.flatnonzero(e.profile.strategies[i])})
            for i in range(game.n_players)
        ]
        rows = []
        for e in eqs:
            pure_labels = e.pure_labels()
            row: dict[str, Any] = {}
            for i, player in enumerate(game.players):
                row[player] = pure_labels[i] if pure_labels is not None else ""
            for i, player in enumerate(game.players):
                for k in played[i]:
                    row[f"{player}:{game.strategies[i][k]}"] = float(e.profile.strategies[i][k])
            for player, v in zip(game.players, e.payoffs):
                row[f"payoff:{player}"] = v
            row["max_regret"] = e.max_regret
            row["exact"] = e.exact
            rows.append(row)
        return pd.DataFrame(rows)

    def __repr__(self) -> str:
        done = "complete" if self.complete else "not known complete"
        return (
            f"<EquilibriumSet method={self.method!r}: {len(self)} {self.scope} equilibria ({done}), "
            f"status {self.status}, max regret {self.max_regret:.3g}>"
        )


# ====================================================================== dominance and correlated equilibrium
# Appended for solvers.dominance and solvers.correlated (issue 3).


@dataclass(frozen=True)
class Elimination:
    """One step of iterated elimination: a strategy, the round it fell, and its dominator.

    Attributes
    ----------
    round
        The round (1-based) in which the strategy was eliminated.
    player, player_index
        Whose strategy it is.
    strategy, strategy_index
        Its label and its index in the *original* game.
    kind
        ``"pure"`` when a single strategy dominates it, ``"mixed"`` for a mixture.
    dominator
        The dominating strategy as ``{label: probability}`` (one entry, 1.0, for
        a pure dominator).
    margin
        The dominator's worst-case advantage ``min_s [u(σ, s) - u(j, s)]`` over the
        opponents' remaining profiles ``s``: ``> tol`` for strict dominance,
        ``>= -tol`` (0 when exact) for weak dominance.
    max_advantage
        The dominator's largest advantage ``max_s [u(σ, s) - u(j, s)]`` (the
        "better somewhere" of weak dominance).
    exact_dominator, exact_margin
        The dominator and its margin in exact rationals, when dominance was
        proved exactly (exact games); ``None`` otherwise.
    """

    round: int
    player: str
    player_index: int
    strategy: str
    strategy_index: int
    kind: str
    dominator: dict[str, float]
    margin: float
    max_advantage: float
    exact_dominator: dict[str, Fraction] | None = None
    exact_margin: Fraction | None = None

    @property
    def exact(self) -> bool:
        """Whether the dominance was proved in exact rationals."""
        return self.exact_margin is not None

    def to_dict(self) -> dict[str, Any]:
        dominator: Any = (
            {k: _jsonable(v) for k, v in self.exact_dominator.items()}
            if self.exact_dominator is not None
            else dict(self.dominator)
        )
        return {
            "round": self.round,
            "player": self.player,
            "strategy": self.strategy,
            "kind": self.kind,
            "dominator": dominator,
            "margin": float(self.margin),
            "max_advantage": float(self.max_advantage),
            "exact_margin": _jsonable(self.exact_margin),
            "exact": self.exact,
        }

    def dominator_text(self) -> str:
        """``"Defect"`` for a pure dominator, ``"1/2 U + 1/2 D"`` for a mixed one."""
        if self.kind == "pure":
            return next(iter(self.dominator))
        probs: dict[str, Any] = self.exact_dominator if self.exact_dominator is not None else self.dominator
        return " + ".join(f"{p if isinstance(p, Fraction) else format(p, '.4g')} {k}" for k, p in probs.items())

    def __repr__(self) -> str:
        return (
            f"<Elimination round {self.round}: {self.player} {self.strategy!r} by {self.dominator_text()}, "
            f"margin {self.margin:.3g}{' (exact)' if self.exact else ''}>"
        )


@dataclass(frozen=True)
class DominanceResult(Result):
    """The outcome of iterated elimination of dominated strategies.

    Attributes
    ----------
    game
        The game reduced.
    reduced
        The game on the surviving strategies (labels kept).
    eliminations
        Every elimination, in order (:class:`Elimination`).
    surviving
        Indices (in ``game``) of each player's surviving strategies.
    criterion
        ``"strict"`` or ``"weak"`` dominance.
    order
        ``"simultaneous"`` or ``"sequential"`` (what one step removes).
    rounds
        How many rounds removed something.
    complete
        Whether elimination ran to a fixed point (no surviving strategy is
        dominated in ``reduced``); ``False`` after a timeout or ``max_rounds``.
    """

    game: NormalFormGame | None = None
    reduced: NormalFormGame | None = None
    eliminations: tuple[Elimination, ...] = ()
    surviving: tuple[tuple[int, ...], ...] = ()
    criterion: str = "strict"
    order: str = "simultaneous"
    rounds: int = 0
    complete: bool = True

    @property
    def surviving_labels(self) -> tuple[tuple[str, ...], ...]:
        """Labels of each player's surviving strategies."""
        if self.game is None:
            return ()
        return tuple(tuple(self.game.strategies[i][k] for k in keep) for i, keep in enumerate(self.surviving))

    @property
    def solved(self) -> bool:
        """Whether exactly one strategy survives for every player (dominance solvable)."""
        return bool(self.surviving) and all(len(k) == 1 for k in self.surviving)

    @property
    def solution(self) -> tuple[str, ...] | None:
        """The surviving pure profile's labels when :attr:`solved`, else ``None``."""
        return tuple(k[0] for k in self.surviving_labels) if self.solved else None

    @property
    def exact(self) -> bool:
        """Whether every elimination was proved in exact rationals."""
        return all(e.exact for e in self.eliminations)

    def to_dict(self) -> dict[str, Any]:
        out = self._base_dict()
        game = self.game
        out.update(
            {
                "criterion": self.criterion,
                "order": self.order,
                "rounds": self.rounds,
                "complete": self.complete,
                "exact": self.exact,
                "players": list(game.players) if game is not None else [],
                "surviving": {
                    p: list(labels) for p, labels in zip(game.players if game else (), self.surviving_labels)
                },
                "eliminations": [e.to_dict() for e in self.eliminations],
            }
        )
        return out

    def to_frame(self) -> pd.DataFrame:
        """One row per elimination: round, player, strategy, kind, dominator, margins, exact."""
        import pandas as pd

        rows = [
            {
                "round": e.round,
                "player": e.player,
                "strategy": e.strategy,
                "kind": e.kind,
                "dominator": e.dominator_text(),
                "margin": e.margin,
                "max_advantage": e.max_advantage,
                "exact": e.exact,
            }
            for e in self.eliminations
        ]
        columns = ["round", "player", "strategy", "kind", "dominator", "margin", "max_advantage", "exact"]
        return pd.DataFrame(rows, columns=columns)

    def __repr__(self) -> str:
        sizes = "x".join(str(len(k)) for k in self.surviving)
        done = "fixed point" if self.complete else "stopped early"
        return (
            f"<DominanceResult {self.criterion} ({self.order}): {len(self.eliminations)} eliminated "
            f"in {self.rounds} rounds, {sizes} left ({done}), status {self.status}>"
        )


@dataclass(frozen=True)
class CorrelatedEquilibrium(Result):
    """A (coarse) correlated equilibrium found by linear programming, with its certificate.

    Attributes
    ----------
    game
        The game solved.
    distribution
        Probability of each pure profile, shape ``game.shape`` (read-only).
    kind
        ``"correlated"`` or ``"coarse"`` (coarse correlated equilibrium).
    objective
        What was maximised (``"welfare"``, ``"max-min"``, ``"weights"``, ``"linear"``, ``"none"``).
    objective_value
        The objective's value at the solution (in payoff units).
    payoffs
        Each player's expected payoff.
    max_violation
        The certificate: the largest expected gain any player makes by
        deviating from any recommendation (``max(0, ·)``; 0 for an exact
        correlated equilibrium). For coarse equilibria, the largest gain of
        committing to a fixed strategy instead of following the device.
    lp_status, lp_message
        HiGHS' status code and message.
    duals
        The LP's dual values (shadow prices, ``>= 0``) of the incentive
        constraints, one per row of ``constraints``.
    constraints
        One row per incentive constraint: ``(player, recommended, deviation)``
        strategy indices (``recommended = -1`` for coarse constraints).
    exact_distribution, exact_violation
        When asked for on an exact game: the distribution in rationals and its
        largest incentive violation computed exactly (``0`` proves it exactly).
    """

    game: NormalFormGame | None = None
    distribution: NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    kind: str = "correlated"
    objective: str = "welfare"
    objective_value: float = 0.0
    payoffs: tuple[float, ...] = ()
    max_violation: float = 0.0
    lp_status: int = 0
    lp_message: str = ""
    duals: NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    constraints: NDArray[np.int64] = field(default_factory=lambda: np.zeros((0, 3), dtype=np.int64))
    exact_distribution: NDArray[np.object_] | None = None
    exact_violation: Fraction | None = None

    @property
    def welfare(self) -> float:
        """Expected total payoff."""
        return float(sum(self.payoffs))

    @property
    def exact(self) -> bool:
        """Whether the distribution is proved a (coarse) correlated equilibrium in rationals."""
        return self.exact_violation == 0

    def support(self, *, tol: float = 1e-12) -> list[tuple[int, ...]]:
        """Profiles (strategy indices) with probability above ``tol``, most likely first."""
        flat = self.distribution.reshape(-1)
        idx = np.flatnonzero(flat > tol)
        idx = idx[np.argsort(-flat[idx], kind="stable")]
        return [tuple(int(x) for x in np.unravel_index(k, self.distribution.shape)) for k in idx]

    def probability(self, profile: Sequence[int | str]) -> float:
        """Probability of a pure profile given by indices or labels."""
        assert self.game is not None
        idx = tuple(self.game.strategy_index(i, s) for i, s in enumerate(profile))
        return float(self.distribution[idx])

    def _rows(self, tol: float) -> list[dict[str, Any]]:
        game = self.game
        if game is None:
            return []
        rows = []
        for prof in self.support(tol=tol):
            row: dict[str, Any] = {p: game.strategies[i][k] for i, (p, k) in enumerate(zip(game.players, prof))}
            row["probability"] = float(self.distribution[prof])
            if self.exact_distribution is not None:
                row["exact_probability"] = _jsonable(self.exact_distribution[prof])
            pay = game.payoff(prof)
            for p, v in zip(game.players, pay):
                row[f"payoff:{p}"] = v
            rows.append(row)
        return rows

    def to_dict(self, *, tol: float = 1e-12) -> dict[str, Any]:
        """JSON-safe dict; profiles with probability above ``tol`` are listed."""
        out = self._base_dict()
        game = self.game
        nonzero = np.flatnonzero(np.abs(self.duals) > tol)
        out.update(
            {
                "kind": self.kind,
                "objective": self.objective,
                "objective_value": float(self.objective_value),
                "players": list(game.players) if game is not None else [],
                "payoffs": {p: float(v) for p, v in zip(game.players if game else (), self.payoffs)},
                "welfare": self.welfare,
                "max_violation": float(self.max_violation),
                "exact": self.exact,
                "exact_violation": _jsonable(self.exact_violation),
                "lp": {"status": int(self.lp_status), "message": self.lp_message},
                "distribution": self._rows(tol),
                "binding_constraints": [self._constraint_dict(int(r)) for r in nonzero],
            }
        )
        return out

    def _constraint_dict(self, r: int) -> dict[str, Any]:
        """Row ``r`` of the incentive constraints, labelled, with its dual value."""
        player, recommended, deviation = (int(v) for v in self.constraints[r])
        game = self.game
        if game is None:
            return {"player": player, "recommended": recommended, "deviation": deviation, "dual": float(self.duals[r])}
        labels = game.strategies[player]
        return {
            "player": game.players[player],
            "recommended": None if recommended < 0 else labels[recommended],
            "deviation": labels[deviation],
            "dual": float(self.duals[r]),
        }

    def to_frame(self, *, tol: float = 1e-12) -> pd.DataFrame:
        """One row per profile played with probability above ``tol``: labels, probability, payoffs."""
        import pandas as pd

        return pd.DataFrame(self._rows(tol))

    def __repr__(self) -> str:
        what = "coarse correlated" if self.kind == "coarse" else "correlated"
        pay = ", ".join(f"{v:.4g}" for v in self.payoffs)
        return (
            f"<CorrelatedEquilibrium ({what}, {self.objective}): {len(self.support())} profiles played, "
            f"payoffs ({pay}), welfare {self.welfare:.4g}, max violation {self.max_violation:.3g}"
            f"{', exact' if self.exact else ''}, status {self.status}>"
        )


__all__ += ["Elimination", "DominanceResult", "CorrelatedEquilibrium"]
