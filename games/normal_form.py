"""Normal-form (strategic-form) games with n players and labelled strategies.

A game holds one payoff array of shape ``(n_players, s_1, ..., s_n)``:
``payoffs[i, a_1, ..., a_n]`` is player ``i``'s payoff when player ``j``
plays strategy ``a_j``. The float64 array is the working form; when the
payoffs were given exactly (integers, fractions, or a file's rationals) the
game also keeps them as an object array of :class:`~fractions.Fraction`
(:attr:`NormalFormGame.exact_payoffs`), so exact solvers can work in integers.

Every computation is vectorised over the payoff array: the payoff of each pure
strategy of each player against a mixed profile is one tensor contraction per
opponent; regret follows from it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from games.errors import InvalidGameError, UnsupportedGameError
from games.limits import check_normal_form_size
from games.rationals import exact_array, is_exact_value, to_integer_array

if TYPE_CHECKING:  # pragma: no cover
    pass

__all__ = ["NormalFormGame", "default_player_names", "default_strategy_labels"]


def default_player_names(n: int) -> tuple[str, ...]:
    """``("Player 1", ..., "Player n")``."""
    return tuple(f"Player {i + 1}" for i in range(n))


def default_strategy_labels(count: int) -> tuple[str, ...]:
    """``("1", ..., "count")``, the labels Gambit gives unlabelled strategies."""
    return tuple(str(k + 1) for k in range(count))


def _check_labels(labels: Sequence[str], what: str) -> tuple[str, ...]:
    out = tuple(str(x) for x in labels)
    seen: set[str] = set()
    for label in out:
        if label in seen:
            raise InvalidGameError(f"duplicate {what} label {label!r}")
        seen.add(label)
    return out


class NormalFormGame:
    """A finite game in normal form.

    Parameters
    ----------
    payoffs
        Array-like of shape ``(n_players, s_1, ..., s_n)``. Entries that are all
        exact (``int`` or :class:`~fractions.Fraction`) are also kept exactly.
    players
        Player names; default ``"Player 1"``, ...
    strategies
        One sequence of strategy labels per player; default ``"1"``, ``"2"``, ...
    title
        A title, kept by the file formats.
    exact
        Force (``True``) or drop (``False``) the exact copy; by default it is
        kept when every entry is exact.

    Raises
    ------
    InvalidGameError
        On a wrong shape, non-finite payoffs, or duplicate labels.

    Examples
    --------
    >>> g = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> g.shape
    (2, 2)
    >>> g.payoff((1, 1))
    (1.0, 1.0)
    """

    __slots__ = ("_payoffs", "_exact_ints", "_exact_scale", "_exact_cache", "players", "strategies", "title")

    def __init__(
        self,
        payoffs: ArrayLike,
        *,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str = "",
        exact: bool | None = None,
    ) -> None:
        raw = np.asarray(payoffs, dtype=object) if not isinstance(payoffs, np.ndarray) else payoffs
        if raw.ndim < 2:
            raise InvalidGameError(
                f"payoffs must have shape (n_players, s_1, ..., s_n); got an array of shape {raw.shape}"
            )
        n = raw.shape[0]
        if raw.ndim != n + 1:
            raise InvalidGameError(
                f"payoffs for {n} players must have {n + 1} dimensions (n_players, s_1, ..., s_{n}); "
                f"got shape {raw.shape}"
            )
        if any(s < 1 for s in raw.shape[1:]):
            raise InvalidGameError(f"every player needs at least one strategy; got shape {raw.shape}")
        check_normal_form_size(raw.shape[1:])
        if raw.dtype == object:
            flat = raw.reshape(-1)
            all_exact = all(is_exact_value(v) for v in flat)
        else:
            all_exact = raw.dtype.kind in "iu"
        keep_exact = all_exact if exact is None else exact
        try:
            working = np.array(raw, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise InvalidGameError(f"payoffs must be numbers: {exc}") from None
        if not np.all(np.isfinite(working)):
            raise InvalidGameError("payoffs must be finite numbers (found inf or nan)")
        working.setflags(write=False)
        self._payoffs: NDArray[np.float64] = working
        # exact payoffs are held as integers over one common denominator;
        # the Fraction array is built only when asked for
        self._exact_ints: NDArray[Any] | None = None
        self._exact_scale = 1
        self._exact_cache: NDArray[np.object_] | None = None
        if keep_exact:
            if raw.dtype.kind in "iu":
                self._exact_ints = np.array(raw, dtype=np.int64)
            elif raw.dtype.kind == "f":
                self._exact_ints, self._exact_scale = to_integer_array(exact_array(raw))
            else:
                self._exact_ints, self._exact_scale = to_integer_array(raw)
            self._exact_ints.setflags(write=False)
        self.players: tuple[str, ...] = _check_labels(
            default_player_names(n) if players is None else players, "player"
        )
        if len(self.players) != n:
            raise InvalidGameError(f"{len(self.players)} player names given for {n} players")
        shape = raw.shape[1:]
        if strategies is None:
            strategies = [default_strategy_labels(s) for s in shape]
        if len(strategies) != n:
            raise InvalidGameError(f"{len(strategies)} strategy lists given for {n} players")
        labels = []
        for i, (labs, s) in enumerate(zip(strategies, shape)):
            labs = _check_labels(labs, f"strategy (player {self.players[i]!r})")
            if len(labs) != s:
                raise InvalidGameError(
                    f"player {self.players[i]!r} has {s} strategies in the payoff array "
                    f"but {len(labs)} labels"
                )
            labels.append(labs)
        self.strategies: tuple[tuple[str, ...], ...] = tuple(labels)
        self.title = str(title)

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_arrays(cls, *arrays: ArrayLike, **kwargs: Any) -> NormalFormGame:
        """Build a game from one payoff array per player (each of shape ``(s_1, ..., s_n)``)."""
        arrs = [np.asarray(a, dtype=object) for a in arrays]
        if not arrs:
            raise InvalidGameError("at least one payoff array is needed")
        shapes = {a.shape for a in arrs}
        if len(shapes) != 1:
            raise InvalidGameError(f"payoff arrays differ in shape: {sorted(shapes)}")
        if arrs[0].ndim != len(arrs):
            raise InvalidGameError(
                f"{len(arrs)} players need payoff arrays with {len(arrs)} dimensions; got {arrs[0].ndim}"
            )
        return cls(np.stack(arrs), **kwargs)

    @classmethod
    def from_bimatrix(cls, A: ArrayLike, B: ArrayLike | None = None, **kwargs: Any) -> NormalFormGame:
        """Build a two-player game from the row player's ``A`` and the column player's ``B``.

        With ``B`` omitted the game is zero-sum (``B = -A``).
        """
        a = np.asarray(A, dtype=object)
        if a.ndim != 2:
            raise InvalidGameError(f"a bimatrix needs 2-dimensional matrices; got shape {a.shape}")
        b = -a if B is None else np.asarray(B, dtype=object)
        return cls.from_arrays(a, b, **kwargs)

    @classmethod
    def from_function(
        cls,
        payoff: Callable[[tuple[int, ...]], Sequence[Any]],
        strategy_counts: Sequence[int],
        **kwargs: Any,
    ) -> NormalFormGame:
        """Build a game by calling ``payoff(profile)`` for every pure profile.

        ``payoff`` takes a tuple of strategy indices and returns one payoff per
        player. The size is checked before any call. For large games prefer
        building the array with numpy directly.
        """
        counts = tuple(int(s) for s in strategy_counts)
        check_normal_form_size(counts)
        n = len(counts)
        out = np.empty((n, *counts), dtype=object)
        for profile in itertools.product(*(range(s) for s in counts)):
            values = tuple(payoff(profile))
            if len(values) != n:
                raise InvalidGameError(
                    f"payoff function returned {len(values)} values for {n} players at profile {profile}"
                )
            for i, v in enumerate(values):
                out[(i, *profile)] = v
        return cls(out, **kwargs)

    @classmethod
    def from_nashpy(cls, game: Any, **kwargs: Any) -> NormalFormGame:
        """Build a game from a :class:`nashpy.Game` (its two payoff matrices)."""
        A, B = game.payoff_matrices
        return cls.from_bimatrix(np.asarray(A), np.asarray(B), **kwargs)

    def to_nashpy(self) -> Any:
        """This two-player game as a :class:`nashpy.Game` (nashpy must be installed)."""
        if self.n_players != 2:
            raise UnsupportedGameError(f"nashpy handles two-player games; this one has {self.n_players} players")
        import nashpy  # local: an optional conversion target, not a dependency of the model

        return nashpy.Game(np.array(self._payoffs[0]), np.array(self._payoffs[1]))

    # ------------------------------------------------------------------ shape and data
    @property
    def payoffs(self) -> NDArray[np.float64]:
        """The float64 payoff array, shape ``(n_players, s_1, ..., s_n)``, read-only."""
        return self._payoffs

    @property
    def exact_payoffs(self) -> NDArray[np.object_] | None:
        """The payoffs as Fractions (same shape), or ``None`` if not given exactly."""
        if self._exact_ints is None:
            return None
        if self._exact_cache is None:
            scale = self._exact_scale
            flat = [Fraction(int(v), scale) for v in self._exact_ints.reshape(-1)]
            cache: NDArray[np.object_] = np.empty(self._exact_ints.shape, dtype=object)
            cache.reshape(-1)[:] = flat
            cache.setflags(write=False)
            self._exact_cache = cache
        return self._exact_cache

    def exact_integer_payoffs(self) -> tuple[NDArray[Any], int] | None:
        """Exact payoffs as ``(integers, scale)`` with ``payoffs == integers / scale``, or ``None``.

        ``integers`` is int64 when every entry fits, else an object array of ints.
        """
        if self._exact_ints is None:
            return None
        return self._exact_ints, self._exact_scale

    @property
    def is_exact(self) -> bool:
        """Whether exact payoffs are kept."""
        return self._exact_ints is not None

    @property
    def n_players(self) -> int:
        return int(self._payoffs.shape[0])

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of strategies of each player."""
        return tuple(int(s) for s in self._payoffs.shape[1:])

    @property
    def n_profiles(self) -> int:
        """Number of pure strategy profiles."""
        return math.prod(self.shape)

    def strategy_index(self, player: int | str, strategy: int | str) -> int:
        """Index of ``strategy`` (a label or an index) of ``player`` (a name or an index)."""
        p = self.player_index(player)
        if isinstance(strategy, (int, np.integer)):
            if not 0 <= strategy < self.shape[p]:
                raise InvalidGameError(f"player {self.players[p]!r} has no strategy index {strategy}")
            return int(strategy)
        try:
            return self.strategies[p].index(str(strategy))
        except ValueError:
            raise InvalidGameError(
                f"player {self.players[p]!r} has no strategy {strategy!r}; "
                f"strategies are {list(self.strategies[p])}"
            ) from None

    def player_index(self, player: int | str) -> int:
        """Index of ``player`` given by name or index."""
        if isinstance(player, (int, np.integer)):
            if not 0 <= player < self.n_players:
                raise InvalidGameError(f"no player index {player} in a {self.n_players}-player game")
            return int(player)
        try:
            return self.players.index(str(player))
        except ValueError:
            raise InvalidGameError(f"no player {player!r}; players are {list(self.players)}") from None

    # ------------------------------------------------------------------ payoffs
    def payoff(self, profile: Sequence[int | str]) -> tuple[float, ...]:
        """Payoffs of a pure profile given as strategy indices or labels."""
        idx = self._pure_index(profile)
        return tuple(float(x) for x in self._payoffs[(slice(None), *idx)])  # type: ignore[arg-type]

    def exact_payoff(self, profile: Sequence[int | str]) -> tuple[Fraction, ...]:
        """Exact payoffs of a pure profile (the game must be exact)."""
        if self._exact_ints is None:
            raise UnsupportedGameError("this game keeps no exact payoffs")
        idx = self._pure_index(profile)
        column = self._exact_ints[(slice(None), *idx)]  # type: ignore[arg-type]
        return tuple(Fraction(int(v), self._exact_scale) for v in column)

    def _pure_index(self, profile: Sequence[int | str]) -> tuple[int, ...]:
        if len(profile) != self.n_players:
            raise InvalidGameError(f"a pure profile needs {self.n_players} strategies; got {len(profile)}")
        return tuple(self.strategy_index(i, s) for i, s in enumerate(profile))

    def _mixed(self, profile: Any) -> list[NDArray[np.float64]]:
        from games.profiles import as_strategy_vectors

        return as_strategy_vectors(self, profile)

    def deviation_payoffs(self, profile: Any) -> list[NDArray[np.float64]]:
        """Payoff of each pure strategy of each player against the others' mixture.

        Parameters
        ----------
        profile
            A :class:`~games.profiles.MixedProfile`, or one probability vector per player.

        Returns
        -------
        list of arrays
            ``out[i][k]`` is player ``i``'s expected payoff from pure strategy
            ``k`` when every other player ``j`` plays ``profile[j]``.
        """
        sigma = self._mixed(profile)
        return [self._deviation_payoffs_of(i, sigma) for i in range(self.n_players)]

    def _deviation_payoffs_of(self, i: int, sigma: Sequence[NDArray[np.float64]]) -> NDArray[np.float64]:
        arr: NDArray[np.float64] = self._payoffs[i]
        for j in range(self.n_players - 1, -1, -1):
            if j != i:
                arr = np.tensordot(arr, sigma[j], axes=([j], [0]))
        return np.asarray(arr, dtype=np.float64)

    def expected_payoffs(self, profile: Any) -> NDArray[np.float64]:
        """Expected payoff of each player under a mixed profile."""
        sigma = self._mixed(profile)
        return np.array([float(self._deviation_payoffs_of(i, sigma) @ sigma[i]) for i in range(self.n_players)])

    def regrets(self, profile: Any) -> NDArray[np.float64]:
        """Each player's regret: best deviation payoff minus expected payoff (≥ 0)."""
        sigma = self._mixed(profile)
        out = np.empty(self.n_players)
        for i in range(self.n_players):
            dev = self._deviation_payoffs_of(i, sigma)
            out[i] = max(0.0, float(dev.max() - dev @ sigma[i]))
        return out

    def max_regret(self, profile: Any) -> float:
        """The largest regret over players: the certificate of an (ε-)equilibrium."""
        return float(self.regrets(profile).max())

    def best_responses(self, profile: Any, player: int | str, *, tol: float = 1e-9) -> tuple[int, ...]:
        """Indices of ``player``'s pure best responses to the others' strategies in ``profile``.

        A strategy is a best response when its payoff is within ``tol`` of the best.
        """
        p = self.player_index(player)
        dev = self._deviation_payoffs_of(p, self._mixed(profile))
        return tuple(int(k) for k in np.flatnonzero(dev >= dev.max() - tol))

    def is_nash(self, profile: Any, *, tol: float = 1e-9) -> bool:
        """Whether ``profile`` is a Nash equilibrium up to regret ``tol``."""
        return self.max_regret(profile) <= tol

    # ------------------------------------------------------------------ properties
    def is_constant_sum(self, *, tol: float = 0.0) -> bool:
        """Whether payoffs sum to the same constant at every profile (within ``tol``)."""
        if self._exact_ints is not None and tol == 0.0:
            totals = self._exact_ints.sum(axis=0).reshape(-1)
            return bool(np.all(totals == totals[0]))
        totals = self._payoffs.sum(axis=0)
        return bool(np.ptp(totals) <= tol)

    def is_zero_sum(self, *, tol: float = 0.0) -> bool:
        """Whether payoffs sum to zero at every profile (within ``tol``)."""
        if self._exact_ints is not None and tol == 0.0:
            return bool(np.all(self._exact_ints.sum(axis=0) == 0))
        return bool(np.all(np.abs(self._payoffs.sum(axis=0)) <= tol))

    def is_symmetric(self, *, tol: float = 0.0) -> bool:
        """Whether the game is symmetric: invariant under every permutation of players.

        Checked on the adjacent transpositions, which generate all permutations:
        ``u_i(s) = u_{π(i)}(s ∘ π)``.
        """
        n = self.n_players
        if len(set(self.shape)) > 1:
            return False
        P = self._exact_ints if (self._exact_ints is not None and tol == 0.0) else self._payoffs
        for k in range(n - 1):
            perm = list(range(n))
            perm[k], perm[k + 1] = perm[k + 1], perm[k]
            swapped = np.transpose(P[perm], axes=[0] + [1 + perm[j] for j in range(n)])
            if P is self._exact_ints:
                if not np.array_equal(swapped, P):
                    return False
            elif not np.all(np.abs(swapped - P) <= tol):
                return False
        return True

    # ------------------------------------------------------------------ conversions
    def to_dict(self) -> dict[str, Any]:
        """JSON-safe description: players, strategies, payoffs (exact as ``"a/b"`` strings)."""
        from games.rationals import format_rational

        exact = self.exact_payoffs
        if exact is not None:
            pay: Any = np.vectorize(format_rational, otypes=[object])(exact).tolist()
        else:
            pay = self._payoffs.tolist()
        return {
            "title": self.title,
            "players": list(self.players),
            "strategies": [list(s) for s in self.strategies],
            "payoffs": pay,
        }

    def with_labels(
        self,
        *,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str | None = None,
    ) -> NormalFormGame:
        """A copy with other labels (payoffs shared)."""
        exact = self.exact_payoffs
        return NormalFormGame(
            exact if exact is not None else self._payoffs,
            players=self.players if players is None else players,
            strategies=self.strategies if strategies is None else strategies,
            title=self.title if title is None else title,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NormalFormGame):
            return NotImplemented
        if (self.title, self.players, self.strategies) != (other.title, other.players, other.strategies):
            return False
        if self._payoffs.shape != other._payoffs.shape:
            return False
        if self._exact_ints is not None and other._exact_ints is not None:
            return self._exact_scale == other._exact_scale and bool(
                np.array_equal(self._exact_ints, other._exact_ints)
            )
        return bool(np.array_equal(self._payoffs, other._payoffs))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        title = f" {self.title!r}" if self.title else ""
        return (
            f"<NormalFormGame{title}: {self.n_players} players {list(self.players)}, "
            f"strategies {list(self.shape)}{', exact' if self.is_exact else ''}>"
        )

    def iter_profiles(self) -> Iterable[tuple[int, ...]]:
        """Every pure profile as a tuple of indices (player 1 slowest), lazily."""
        return itertools.product(*(range(s) for s in self.shape))
