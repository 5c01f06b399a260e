"""Our correlated-equilibrium LP against a direct cvxpy formulation solved by Clarabel.

No peer has a public correlated-equilibrium LP for normal-form games
(OpenSpiel's are private helpers of JPSRO), so the oracle is the textbook LP
written out constraint by constraint with Python loops over profiles, as in
Papadimitriou & Roughgarden (2008), and solved by a different (interior-point,
conic) solver. Optimal values must agree; our distributions must satisfy the
loop-built constraints.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from games.normal_form import NormalFormGame
from solvers.correlated import coarse_correlated_equilibrium, correlated_equilibrium

cp = pytest.importorskip("cvxpy")

pytestmark = pytest.mark.differential


def random_game(seed: int) -> NormalFormGame:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 4))
    shape = [int(s) for s in rng.integers(2, 5, size=n)]
    while np.prod(shape) > 48:
        shape[int(np.argmax(shape))] -= 1
    if seed % 2:
        return NormalFormGame(rng.integers(-3, 4, size=(n, *shape)))  # ties: degenerate
    return NormalFormGame(rng.normal(size=(n, *shape)))


def loop_constraints(game: NormalFormGame, x, *, coarse: bool) -> list:
    """The incentive constraints, one expression per (player, recommendation, deviation)."""
    pay = game.payoffs
    profiles = list(itertools.product(*(range(s) for s in game.shape)))
    index = {p: k for k, p in enumerate(profiles)}
    out = []
    for i, m in enumerate(game.shape):
        for k in range(m):
            if coarse:
                terms = [x[index[p]] * (pay[(i, *p[:i], k, *p[i + 1 :])] - pay[(i, *p)]) for p in profiles]
                out.append(sum(terms) <= 0)
                continue
            for j in range(m):
                if j == k:
                    continue
                terms = [
                    x[index[p]] * (pay[(i, *p[:i], k, *p[i + 1 :])] - pay[(i, *p)])
                    for p in profiles
                    if p[i] == j
                ]
                out.append(sum(terms) <= 0)
    return out


def cvxpy_optimum(game: NormalFormGame, objective: str, *, coarse: bool = False) -> float:
    P = game.n_profiles
    x = cp.Variable(P, nonneg=True)
    pay = game.payoffs.reshape(game.n_players, P)
    constraints = [cp.sum(x) == 1, *loop_constraints(game, x, coarse=coarse)]
    if objective == "welfare":
        goal = cp.Maximize(pay.sum(axis=0) @ x)
    else:
        t = cp.Variable()
        constraints += [t <= pay[i] @ x for i in range(game.n_players)]
        goal = cp.Maximize(t)
    problem = cp.Problem(goal, constraints)
    problem.solve(solver=cp.CLARABEL)
    assert problem.status == cp.OPTIMAL
    return float(problem.value)


def satisfies_loops(game: NormalFormGame, x: np.ndarray, *, coarse: bool, tol: float) -> bool:
    flat = x.reshape(-1)
    pay = game.payoffs
    profiles = list(itertools.product(*(range(s) for s in game.shape)))
    for i, m in enumerate(game.shape):
        for j, k in itertools.product(range(m), repeat=2):
            if j == k and not coarse:
                continue
            gain = sum(
                flat[n] * (pay[(i, *p[:i], k, *p[i + 1 :])] - pay[(i, *p)])
                for n, p in enumerate(profiles)
                if coarse or p[i] == j
            )
            if gain > tol:
                return False
    return True


@pytest.mark.parametrize("seed", range(30))
@pytest.mark.parametrize("objective", ["welfare", "max-min"])
def test_optimum_matches_cvxpy(seed: int, objective: str) -> None:
    game = random_game(seed)
    ce = correlated_equilibrium(game, objective=objective)
    expected = cvxpy_optimum(game, objective)
    scale = max(1.0, float(np.abs(game.payoffs).max()))
    assert abs(ce.objective_value - expected) <= 1e-6 * scale, f"seed {seed}, shape {game.shape}"
    assert satisfies_loops(game, ce.distribution, coarse=False, tol=1e-8 * scale)


@pytest.mark.parametrize("seed", range(0, 30, 3))
def test_coarse_optimum_matches_cvxpy(seed: int) -> None:
    game = random_game(seed)
    cce = coarse_correlated_equilibrium(game)
    expected = cvxpy_optimum(game, "welfare", coarse=True)
    scale = max(1.0, float(np.abs(game.payoffs).max()))
    assert abs(cce.objective_value - expected) <= 1e-6 * scale, f"seed {seed}"
    assert satisfies_loops(game, cce.distribution, coarse=True, tol=1e-8 * scale)
