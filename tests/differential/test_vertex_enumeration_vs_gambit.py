"""Our extreme equilibria against Gambit's ``enummixed`` (exact), and nashpy's and QuantEcon's vertex enumeration.

Gambit's ``enummixed_solve(rational=True)`` enumerates every extreme
equilibrium exactly, degenerate games included: the sets must be equal, as
sets of Fraction tuples. nashpy and QuantEcon work in floats and are known to
miss equilibria of degenerate games and, sometimes, to return non-equilibria
(``/work/shared/reference/peers.md``): every profile of theirs that passes a
regret check must be one of ours. Games are seeded, so a failure names a
reproducible game. Sizes run from 2 to 8 strategies, most of them small, so
that Gambit's rational arithmetic keeps the file fast.
"""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest

from games.normal_form import NormalFormGame
from solvers.nash.vertex_enumeration import vertex_enumeration

pytestmark = pytest.mark.differential

#: A peer's profile counts as an equilibrium when its regret is at most this.
PEER_REGRET = 1e-8


def random_game(seed: int, *, high: int, large: bool = False) -> NormalFormGame:
    """Integer payoffs in ``0 .. high-1`` (``high=4``: degenerate; ``1000``: uniform, generic)."""
    rng = np.random.default_rng(seed)
    lo, hi = (6, 9) if large else (2, 6)
    m, n = int(rng.integers(lo, hi)), int(rng.integers(2, hi))
    if rng.random() < 0.5:
        m, n = n, m
    return NormalFormGame.from_bimatrix(rng.integers(0, high, (m, n)), rng.integers(0, high, (m, n)))


def ours_exact(game: NormalFormGame) -> set[tuple[Fraction, ...]]:
    result = vertex_enumeration(game, exact=True)
    assert result.complete
    assert all(e.exact_regret == 0 for e in result)
    found = [tuple(p for v in e.profile.exact for p in v) for e in result]
    assert len(set(found)) == len(found)
    return set(found)


def gambit_exact(game: NormalFormGame) -> set[tuple[Fraction, ...]]:
    gbt = pytest.importorskip("pygambit")
    A, B = (np.asarray(game.exact_payoffs[i], dtype=object) for i in range(2))
    g = gbt.Game.from_arrays([[int(x) for x in row] for row in A], [[int(x) for x in row] for row in B])
    result = gbt.nash.enummixed_solve(g, rational=True)
    return {tuple(Fraction(str(eq[s])) for p in g.players for s in p.strategies) for eq in result.equilibria}


def assert_peer_profiles_are_ours(
    game: NormalFormGame, peer: list[tuple[np.ndarray, np.ndarray]], what: str
) -> int:
    """Every peer profile with regret ≤ :data:`PEER_REGRET` is one of ours; returns how many passed."""
    ours = np.array([[float(p) for p in prof] for prof in ours_exact(game)])
    passed = 0
    for x, y in peer:
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
            continue
        if abs(x.sum() - 1) > 1e-9 or abs(y.sum() - 1) > 1e-9 or x.min() < -1e-12 or y.min() < -1e-12:
            continue
        if game.max_regret([x, y]) > PEER_REGRET:
            continue
        passed += 1
        gap = np.abs(ours - np.concatenate([x, y])).max(axis=1)
        assert gap.min() <= 1e-6, f"{what} equilibrium {x}, {y} is not among ours"
    return passed


@pytest.mark.parametrize("seed", range(120))
def test_degenerate_integer_games_match_gambit(seed: int) -> None:
    game = random_game(seed, high=4)
    assert ours_exact(game) == gambit_exact(game), f"seed {seed}, shape {game.shape}"


@pytest.mark.parametrize("seed", range(1000, 1120))
def test_uniform_games_match_gambit(seed: int) -> None:
    game = random_game(seed, high=1000)
    assert ours_exact(game) == gambit_exact(game), f"seed {seed}, shape {game.shape}"


@pytest.mark.parametrize("seed", range(2000, 2008))
@pytest.mark.parametrize("high", [4, 1000])
def test_larger_games_match_gambit(seed: int, high: int) -> None:
    game = random_game(seed, high=high, large=True)
    assert ours_exact(game) == gambit_exact(game), f"seed {seed}, shape {game.shape}"


def test_float_mode_matches_gambit_on_a_uniform_float_game() -> None:
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(7)
    A, B = rng.random((7, 6)), rng.random((7, 6))
    ours = np.array(
        [np.concatenate(e.profile.strategies) for e in vertex_enumeration(NormalFormGame.from_bimatrix(A, B))]
    )
    g = gbt.Game.from_arrays(A.tolist(), B.tolist())
    theirs = [
        [float(eq[s]) for p in g.players for s in p.strategies]
        for eq in gbt.nash.enummixed_solve(g, rational=False).equilibria
    ]
    assert len(ours) == len(theirs)
    for prof in theirs:
        assert np.abs(ours - np.array(prof)).max(axis=1).min() <= 1e-9


@pytest.mark.parametrize("seed", range(3000, 3060))
def test_nashpy_equilibria_are_ours(seed: int) -> None:
    nashpy = pytest.importorskip("nashpy")
    game = random_game(seed, high=4 if seed % 2 else 1000)
    if max(game.shape) > 4:
        game = NormalFormGame.from_bimatrix(game.exact_payoffs[0][:4, :4], game.exact_payoffs[1][:4, :4])
    A, B = (np.asarray(game.payoffs[i]) for i in range(2))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            peer = list(nashpy.Game(A, B).vertex_enumeration())
        except (TypeError, ValueError, IndexError):  # nashpy fails on some degenerate games
            peer = []
    assert_peer_profiles_are_ours(game, peer, "nashpy")


def test_quantecon_equilibria_are_ours() -> None:
    qe = pytest.importorskip("quantecon.game_theory")
    passed = 0
    for seed in range(4000, 4040):
        game = random_game(seed, high=4 if seed % 2 else 1000)
        A, B = (np.asarray(game.payoffs[i]) for i in range(2))
        peer = qe.vertex_enumeration(qe.NormalFormGame((qe.Player(A), qe.Player(B.T))))
        passed += assert_peer_profiles_are_ours(game, peer, f"QuantEcon (seed {seed})")
    assert passed >= 40  # at least one equilibrium per game on average
