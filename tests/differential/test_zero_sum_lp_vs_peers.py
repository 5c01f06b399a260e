"""The zero-sum LP against HiGHS called directly, nashpy's ``linear_program`` and Gambit's ``lp_solve`` (exact).

All equilibria of a zero-sum game pay the same value, so values are compared
(the optimal strategies need not be unique); our certificate is checked too.
"""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest

from games.normal_form import NormalFormGame
from solvers.nash.zero_sum_lp import zero_sum_lp

pytestmark = pytest.mark.differential


def ours(A: np.ndarray) -> float:
    result = zero_sum_lp(NormalFormGame.from_bimatrix(A))
    span = max(float(np.ptp(A)), 1.0)
    assert result[0].max_regret <= 1e-9 * span
    return float(result.statistics["value"])


def highspy_value(A: np.ndarray) -> float:
    """The textbook LP (max v, Aᵀx ≥ v, 1ᵀx = 1) passed to HiGHS through its own Python API."""
    highspy = pytest.importorskip("highspy")
    from scipy import sparse

    m, n = A.shape
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    inf = highspy.kHighsInf
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = m + 1, n + 1
    lp.col_cost_ = np.r_[np.zeros(m), -1.0]
    lp.col_lower_ = np.r_[np.zeros(m), -inf]
    lp.col_upper_ = np.full(m + 1, inf)
    lp.row_lower_ = np.r_[np.full(n, -inf), 1.0]
    lp.row_upper_ = np.r_[np.zeros(n), 1.0]
    M = sparse.csc_array(np.vstack([np.hstack([-A.T, np.ones((n, 1))]), np.r_[np.ones(m), 0.0][None, :]]))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = M.indptr, M.indices, M.data
    h.passModel(lp)
    h.run()
    assert h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    return float(-h.getInfo().objective_function_value)


@pytest.mark.parametrize("seed", range(3))
def test_random_200x200_matches_highspy(seed: int) -> None:
    A = np.random.default_rng(seed).uniform(-1, 1, size=(200, 200))
    assert ours(A) == pytest.approx(highspy_value(A), abs=1e-9)


@pytest.mark.parametrize("seed", range(40))
def test_values_match_nashpy_linear_program(seed: int) -> None:
    nashpy = pytest.importorskip("nashpy")
    rng = np.random.default_rng(100 + seed)
    m, n = (int(k) for k in rng.integers(1, 25, size=2))
    A = rng.integers(-9, 10, size=(m, n)).astype(float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        x, y = nashpy.Game(A).linear_program()
    assert ours(A) == pytest.approx(float(x @ A @ y), abs=1e-7)


def test_random_200x200_matches_nashpy_linear_program() -> None:
    nashpy = pytest.importorskip("nashpy")
    A = np.random.default_rng(7).uniform(-1, 1, size=(200, 200))
    x, y = nashpy.Game(A).linear_program()
    assert ours(A) == pytest.approx(float(x @ A @ y), abs=1e-7)


@pytest.mark.parametrize("seed", range(30))
def test_values_match_gambit_exact_lp(seed: int) -> None:
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(200 + seed)
    m, n = (int(k) for k in rng.integers(1, 7, size=2))
    A = rng.integers(-5, 6, size=(m, n))
    game = gbt.Game.from_arrays(A.tolist(), (-A).tolist())
    eq = gbt.nash.lp_solve(game, rational=True, use_strategic=True).equilibria[0]
    row_player = next(iter(game.players))
    value = Fraction(eq.payoff(row_player))
    assert ours(A.astype(float)) == pytest.approx(float(value), abs=1e-9)
