"""Our support enumeration against Gambit's ``enummixed`` (exact) and nashpy's and QuantEcon's support enumeration.

* Gambit's ``enummixed_solve(rational=True)`` lists every extreme equilibrium
  of any bimatrix game; on seeded degenerate integer games ours must be
  exactly the same set, in rationals.
* nashpy and QuantEcon solve square indifference systems for equal-size
  supports; each of their profiles that passes a regret check is a pair of
  vertices, hence an extreme equilibrium, and must be among ours, on
  nondegenerate and degenerate games alike (the peers also miss equilibria
  and return non-equilibria).

Games are seeded, so a failure names a reproducible game.
"""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest

from games.normal_form import NormalFormGame
from solvers.nash.support_enumeration import support_enumeration

gbt = pytest.importorskip("pygambit")
nashpy = pytest.importorskip("nashpy")

pytestmark = pytest.mark.differential


def gambit_extreme(P: np.ndarray) -> set[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]]:
    game = gbt.Game.from_arrays(P[0].tolist(), P[1].tolist())
    out = set()
    for eq in gbt.nash.enummixed_solve(game, rational=True).equilibria:
        row, col = game.players
        out.add(
            (
                tuple(Fraction(eq[s]) for s in row.strategies),
                tuple(Fraction(eq[s]) for s in col.strategies),
            )
        )
    return out


def ours_exact(game: NormalFormGame) -> set[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]]:
    result = support_enumeration(game)
    assert result.complete
    assert all(e.exact_regret == 0 for e in result)
    return {(e.profile.exact[0], e.profile.exact[1]) for e in result}


def ours_points(game: NormalFormGame) -> np.ndarray:
    return np.array([np.concatenate(e.profile.strategies) for e in support_enumeration(game)])


def among(points: np.ndarray, x: np.ndarray, y: np.ndarray, tol: float = 1e-8) -> bool:
    point = np.concatenate([x, y])
    return bool(len(points)) and float(np.abs(points - point).max(axis=1).min()) <= tol


def nashpy_profiles(P: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # nashpy warns on an even count
        return list(nashpy.Game(P[0], P[1]).support_enumeration())


@pytest.mark.parametrize("seed", range(100))
def test_degenerate_integer_games_match_gambit_exactly(seed: int) -> None:
    rng = np.random.default_rng(seed)
    m, n = (int(k) for k in rng.integers(1, 8, size=2))
    high = (2, 3, 4)[seed % 3]  # payoffs in 0..1, 0..2 or 0..3: ties everywhere
    P = rng.integers(0, high, size=(2, m, n))
    assert ours_exact(NormalFormGame(P)) == gambit_extreme(P), f"seed {seed}, shape {(m, n)}"


@pytest.mark.parametrize("seed", range(80))
def test_nashpy_equilibria_are_ours_on_nondegenerate_games(seed: int) -> None:
    rng = np.random.default_rng(1000 + seed)
    m, n = (int(k) for k in rng.integers(2, 6, size=2))
    P = rng.uniform(size=(2, m, n))  # nondegenerate with probability 1
    game = NormalFormGame(P)
    points = ours_points(game)
    assert len(points) % 2 == 1  # nondegenerate: an odd number (Lemke–Howson)
    for x, y in nashpy_profiles(P):
        if game.max_regret([x, y]) <= 1e-8:
            assert among(points, x, y), f"seed {seed}: nashpy's {x}, {y} not among ours"


@pytest.mark.parametrize("seed", range(80))
def test_nashpy_equilibria_are_ours_on_degenerate_games(seed: int) -> None:
    rng = np.random.default_rng(2000 + seed)
    m, n = (int(k) for k in rng.integers(2, 6, size=2))
    P = rng.integers(0, 4, size=(2, m, n))
    game = NormalFormGame(P)
    points = ours_points(game)
    for x, y in nashpy_profiles(P.astype(np.float64)):
        if game.max_regret([x, y]) <= 1e-8:
            assert among(points, x, y), f"seed {seed}: nashpy's {x}, {y} not among ours"


def test_quantecon_equilibria_are_ours() -> None:
    qe = pytest.importorskip("quantecon.game_theory")
    for seed in range(20):
        rng = np.random.default_rng(3000 + seed)
        m, n = (int(k) for k in rng.integers(4, 9, size=2))
        uniform = seed % 2 == 0
        P = rng.uniform(size=(2, m, n)) if uniform else rng.integers(0, 4, size=(2, m, n))
        game = NormalFormGame(P)
        points = ours_points(game)
        players = (qe.Player(P[0].astype(float)), qe.Player(P[1].T.astype(float)))
        theirs = qe.support_enumeration(qe.NormalFormGame(players))
        valid = [(x, y) for x, y in theirs if game.max_regret([x, y]) <= 1e-8]
        for x, y in valid:
            assert among(points, x, y), f"seed {seed}: QuantEcon's {x}, {y} not among ours"
        if uniform:  # nondegenerate: the same equilibria
            assert len(valid) == len(points), f"seed {seed}"
