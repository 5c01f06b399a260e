"""Strategy profiles: mixed (one distribution per player) and behaviour (one per information set).

A :class:`MixedProfile` is a probability vector over each player's pure
strategies of a :class:`~games.normal_form.NormalFormGame`. Probabilities given
exactly (ints, Fractions) are kept exactly too, so exact solvers can return
exact equilibria and prove zero regret in rationals.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from games.errors import InvalidGameError
from games.rationals import is_exact_value

if TYPE_CHECKING:  # pragma: no cover
    from games.normal_form import NormalFormGame

__all__ = ["MixedProfile", "as_strategy_vectors", "PROBABILITY_TOL"]

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
        if self.exact is None or self.game.exact_payoffs is None:
            raise InvalidGameError("exact regret needs an exact game and an exact profile")
        ex = self.game.exact_payoffs
        n = self.game.n_players
        out = []
        for i in range(n):
            arr = ex[i]
            for j in range(n - 1, -1, -1):
                if j != i:
                    arr = np.tensordot(arr, np.array(self.exact[j], dtype=object), axes=([j], [0]))
            dev = list(np.asarray(arr, dtype=object).reshape(-1))
            value = sum((d * p for d, p in zip(dev, self.exact[i])), Fraction(0))
            out.append(max(Fraction(0), max(dev) - value))
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
