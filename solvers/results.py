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
