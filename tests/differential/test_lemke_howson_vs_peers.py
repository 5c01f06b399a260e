"""Lemke–Howson against nashpy, QuantEcon and pygambit on seeded random games.

* nashpy ``lemke_howson(lexicographic=True)`` and QuantEcon ``lemke_howson``:
  on a nondegenerate game the path from each label is unique, so every peer
  result that passes a regret check must be the equilibrium we reach from
  the same label; on degenerate games the peers may fail or return
  non-equilibria (counted, not asserted), while ours always verify.
* pygambit ``lcp_solve`` (rational): on nondegenerate games both compute the
  same set of LH-accessible equilibria; on degenerate games tie-breaking
  differs, so both sets are checked to be extreme equilibria (a subset of
  ``enummixed_solve``).
"""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest

from games.normal_form import NormalFormGame
from solvers.nash.lemke_howson import lemke_howson, lemke_howson_all

pytestmark = pytest.mark.differential

PEER_TOL = 1e-8


def _regret(A: np.ndarray, B: np.ndarray, x: np.ndarray, y: np.ndarray) -> float:
    return float(max((A @ y).max() - x @ A @ y, (x @ B).max() - x @ B @ y))


def _valid(x: object, y: object, A: np.ndarray, B: np.ndarray) -> bool:
    """Whether a peer's answer is a probability profile with regret ≤ PEER_TOL."""
    try:
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
    except (TypeError, ValueError):
        return False
    if x.shape != (A.shape[0],) or y.shape != (A.shape[1],):
        return False
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        return False
    if x.min() < -PEER_TOL or y.min() < -PEER_TOL or abs(x.sum() - 1) > 1e-6 or abs(y.sum() - 1) > 1e-6:
        return False
    return _regret(A, B, x, y) <= PEER_TOL * max(1.0, float(np.abs(A).max()), float(np.abs(B).max()))


def _games(seed: int, count: int, kind: str) -> list[tuple[np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(count):
        m, n = (int(v) for v in rng.integers(2, 7, 2))
        if kind == "uniform":
            out.append((rng.random((m, n)), rng.random((m, n))))
        else:
            out.append((rng.integers(0, 4, (m, n)), rng.integers(0, 4, (m, n))))
    return out


def _ours(A: np.ndarray, B: np.ndarray, label: int) -> tuple[np.ndarray, np.ndarray]:
    result = lemke_howson(NormalFormGame.from_bimatrix(A, B), initial_label=label, race=1)
    assert result[0].max_regret <= result.parameters["tol"]
    x, y = result[0].profile.strategies
    return x, y


# ---------------------------------------------------------------------- nashpy
@pytest.mark.parametrize("kind", ["uniform", "degenerate"])
def test_nashpy_lexicographic(kind: str) -> None:
    nashpy_lh = pytest.importorskip("nashpy.algorithms.lemke_howson").lemke_howson
    agreed = peer_failed = 0
    for A, B in _games(83, 60, kind):
        m, n = A.shape
        for label in range(m + n):
            x, y = _ours(A, B, label)
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    px, py = nashpy_lh(A, B, initial_dropped_label=label, lexicographic=True)
            except Exception:  # noqa: BLE001 - a peer failure is data here
                peer_failed += 1
                continue
            if not _valid(px, py, A, B):
                peer_failed += 1
                continue
            if kind == "uniform":
                # nondegenerate: the path from a label is unique
                np.testing.assert_allclose(px, x, atol=1e-7)
                np.testing.assert_allclose(py, y, atol=1e-7)
            agreed += 1
    # nashpy returns non-equilibria on some of these games (74 of 1,230 runs on the uniform ones):
    # only the checked ones are compared
    assert agreed > peer_failed


# ---------------------------------------------------------------------- QuantEcon
def test_quantecon_lemke_howson() -> None:
    qe = pytest.importorskip("quantecon.game_theory")
    agreed = 0
    games = _games(951, 15, "uniform") + _games(952, 15, "degenerate")
    for index, (A, B) in enumerate(games):
        m, n = A.shape
        A = np.asarray(A, dtype=float)
        B = np.asarray(B, dtype=float)
        qg = qe.NormalFormGame((qe.Player(A), qe.Player(B.T)))
        for label in range(m + n):
            x, y = _ours(A, B, label)
            try:
                px, py = qe.lemke_howson(qg, init_pivot=label)
            except Exception:  # noqa: BLE001 - a peer failure is data here
                continue
            if not _valid(px, py, A, B):
                continue
            if index < 15:
                np.testing.assert_allclose(px, x, atol=1e-7)
                np.testing.assert_allclose(py, y, atol=1e-7)
            agreed += 1
    assert agreed > 0


# ---------------------------------------------------------------------- pygambit
def _gambit_game(A: np.ndarray, B: np.ndarray):  # type: ignore[no-untyped-def]
    gbt = pytest.importorskip("pygambit")
    return gbt.Game.from_arrays([[int(v) for v in row] for row in A], [[int(v) for v in row] for row in B])


def _gambit_profiles(game, equilibria) -> set[tuple[tuple[Fraction, ...], ...]]:  # type: ignore[no-untyped-def]
    return {
        tuple(tuple(Fraction(str(eq[s])) for s in player.strategies) for player in game.players)
        for eq in equilibria
    }


def _ours_all(A: np.ndarray, B: np.ndarray) -> set[tuple[tuple[Fraction, ...], ...]]:
    result = lemke_howson_all(NormalFormGame.from_bimatrix(A, B), exact=True)
    assert all(e.exact_regret == 0 for e in result)
    return {e.profile.exact for e in result}  # type: ignore[misc]


def test_pygambit_lcp_nondegenerate() -> None:
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(671)
    for _ in range(40):
        m, n = (int(v) for v in rng.integers(2, 7, 2))
        # distinct payoffs from a large range: degenerate with negligible probability
        A = rng.choice(10**6, size=m * n, replace=False).reshape(m, n)
        B = rng.choice(10**6, size=m * n, replace=False).reshape(m, n)
        game = _gambit_game(A, B)
        theirs = _gambit_profiles(game, gbt.nash.lcp_solve(game, rational=True).equilibria)
        assert _ours_all(A, B) == theirs


def test_pygambit_lcp_degenerate_both_extreme() -> None:
    gbt = pytest.importorskip("pygambit")
    same = 0
    for A, B in _games(82, 40, "degenerate"):
        game = _gambit_game(A, B)
        extreme = _gambit_profiles(game, gbt.nash.enummixed_solve(game, rational=True).equilibria)
        theirs = _gambit_profiles(game, gbt.nash.lcp_solve(game, rational=True).equilibria)
        ours = _ours_all(A, B)
        assert ours <= extreme
        assert theirs <= extreme
        same += ours == theirs
    assert same > 0
