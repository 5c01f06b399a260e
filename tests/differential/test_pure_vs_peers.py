"""Our pure equilibria against QuantEcon's ``pure_nash_brute`` and nashpy's support enumeration.

QuantEcon checks every profile with ``is_nash`` (n players, ties included);
nashpy (2 players) enumerates supports, and its size-1 supports are the pure
equilibria. Games are seeded, so a failure names a reproducible game.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from games.normal_form import NormalFormGame
from solvers.nash import pure

qe = pytest.importorskip("quantecon.game_theory")
nashpy = pytest.importorskip("nashpy")

pytestmark = pytest.mark.differential


def ours(game: NormalFormGame, **options) -> set[tuple[int, ...]]:
    return set(map(tuple, pure(game, **options).equilibria.indices.tolist()))


def quantecon(payoffs: np.ndarray, tol: float) -> set[tuple[int, ...]]:
    game = qe.NormalFormGame(np.moveaxis(np.asarray(payoffs, dtype=np.float64), 0, -1))
    return {tuple(int(a) for a in profile) for profile in qe.pure_nash_brute(game, tol=tol)}


def random_shape(rng: np.random.Generator) -> tuple[int, ...]:
    n = int(rng.integers(2, 5))
    shape = [int(rng.integers(1, 5)) for _ in range(n)]
    while np.prod(shape) > 128:  # keep each game small
        shape[int(np.argmax(shape))] -= 1
    return tuple(shape)


@pytest.mark.parametrize("seed", range(300))
def test_integer_games_with_ties_match_quantecon(seed: int) -> None:
    rng = np.random.default_rng(seed)
    shape = random_shape(rng)
    payoffs = rng.integers(-2, 3, size=(len(shape), *shape))  # five values: ties everywhere
    game = NormalFormGame(payoffs)
    assert ours(game) == quantecon(payoffs, tol=0.0), f"seed {seed}, shape {shape}"


@pytest.mark.parametrize("seed", range(100))
def test_float_games_with_tolerance_match_quantecon(seed: int) -> None:
    rng = np.random.default_rng(10_000 + seed)
    shape = random_shape(rng)
    # multiples of 1/2: every gap is exact in floats, so no comparison sits on a rounding edge
    payoffs = rng.integers(-4, 5, size=(len(shape), *shape)) / 2.0
    game = NormalFormGame(payoffs)
    assert not game.is_exact
    for tol in (0.0, 0.6, 1.6):
        assert ours(game, tol=tol) == quantecon(payoffs, tol=tol), f"seed {seed}, shape {shape}, tol {tol}"


@pytest.mark.parametrize("seed", range(200))
def test_nondegenerate_bimatrix_games_match_nashpy(seed: int) -> None:
    rng = np.random.default_rng(20_000 + seed)
    m, n = (int(k) for k in rng.integers(1, 5, size=2))
    A, B = rng.standard_normal((m, n)), rng.standard_normal((m, n))  # nondegenerate with probability 1
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # nashpy warns on an even count
        found = list(nashpy.Game(A, B).support_enumeration(non_degenerate=True))
    theirs = {
        (int(np.flatnonzero(s1)[0]), int(np.flatnonzero(s2)[0]))
        for s1, s2 in found
        if np.count_nonzero(s1) == 1 and np.count_nonzero(s2) == 1
    }
    game = NormalFormGame.from_bimatrix(A, B)
    assert ours(game) == theirs, f"seed {seed}, shape {(m, n)}"
    # and every pure equilibrium nashpy finds has zero regret in ours
    for e in pure(game):
        assert e.max_regret == 0.0
