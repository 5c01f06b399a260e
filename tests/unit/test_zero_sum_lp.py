"""The zero-sum LP on games with known values, its formulations, guards and certificates."""

from __future__ import annotations

import importlib
import json

import numpy as np
import pytest

from games.errors import GameTooLargeError, InputError, UnsupportedGameError
from games.library import (
    battle_of_the_sexes,
    kuhn_poker,
    matching_pennies,
    mckelvey_mclennan_2x2x2,
    rock_paper_scissors,
)
from games.normal_form import NormalFormGame
from solvers.nash.zero_sum_lp import zero_sum_lp
from solvers.results import STATUS_TIMEOUT

# the module, not the function of the same name that solvers.nash may export
zero_sum_module = importlib.import_module("solvers.nash.zero_sum_lp")


def direct_value(A: np.ndarray) -> float:
    """The value by the textbook LP (max v s.t. Aᵀx ≥ v, 1ᵀx = 1), solved by HiGHS with no scaling."""
    from scipy.optimize import linprog

    m, n = A.shape
    res = linprog(
        np.r_[np.zeros(m), -1.0],
        A_ub=np.hstack([-A.T, np.ones((n, 1))]),
        b_ub=np.zeros(n),
        A_eq=np.r_[np.ones(m), 0.0][None, :],
        b_eq=[1.0],
        bounds=[(0, None)] * m + [(None, None)],
        method="highs",
    )
    assert res.status == 0
    return float(-res.fun)


def assert_optimal(result, value: float, *, tol: float = 1e-9) -> None:
    game = result.game
    span = max(float(np.ptp(game.payoffs[0])), 1.0)
    assert result.statistics["value"] == pytest.approx(value, abs=1e-9 * span)
    (eq,) = result.equilibria
    assert eq.max_regret <= tol * span
    assert 0 <= result.statistics["duality_gap"] <= tol * span
    assert result.statistics["lower_bound"] <= result.statistics["value"] + 1e-12 * span
    assert result.statistics["value"] <= result.statistics["upper_bound"] + 1e-12 * span
    assert result.scope == "one" and not result.complete


@pytest.mark.parametrize(
    ("game", "value", "x", "y"),
    [
        pytest.param(matching_pennies(), 0.0, [0.5, 0.5], [0.5, 0.5], id="matching-pennies"),
        pytest.param(rock_paper_scissors(), 0.0, [1 / 3] * 3, [1 / 3] * 3, id="rps"),
        pytest.param(
            NormalFormGame.from_bimatrix([[3, 1, 4], [2, 0, -1], [5, 1, 2]]),
            1.0,
            None,
            [0, 1, 0],
            id="saddle-point",
        ),
        pytest.param(
            NormalFormGame.from_bimatrix([[2, -1], [-1, 1]]), 0.2, [0.4, 0.6], [0.4, 0.6], id="2x2-mixed"
        ),
    ],
)
def test_known_values(game: NormalFormGame, value: float, x, y) -> None:
    result = zero_sum_lp(game)
    assert_optimal(result, value)
    profile = result[0].profile
    if x is not None:
        np.testing.assert_allclose(profile.strategies[0], x, atol=1e-9)
    np.testing.assert_allclose(profile.strategies[1], y, atol=1e-9)
    assert result.statistics["values"] == pytest.approx([value, -value], abs=1e-9)


def test_saddle_point_row_strategies_are_optimal() -> None:
    # rows 0 and 2 both guarantee 1 against column 1: any mix of them is optimal
    result = zero_sum_lp(NormalFormGame.from_bimatrix([[3, 1, 4], [2, 0, -1], [5, 1, 2]]))
    x = result[0].profile.strategies[0]
    assert x[1] == pytest.approx(0.0, abs=1e-12)


def test_kuhn_poker_value_is_minus_one_eighteenth() -> None:
    game = kuhn_poker().to_normal_form()
    assert_optimal(zero_sum_lp(game), -1 / 18)


def test_constant_sum_game_is_shifted() -> None:
    A = np.array([[3, 7, 1], [4, 2, 6]])
    game = NormalFormGame.from_bimatrix(A, 10 - A)
    result = zero_sum_lp(game)
    v = direct_value(A.astype(float))
    assert_optimal(result, v)
    assert result.statistics["values"] == pytest.approx([v, 10 - v])


def test_value_moves_with_an_affine_change_of_payoffs() -> None:
    A = np.random.default_rng(4).integers(-9, 10, size=(7, 5)).astype(float)
    v = zero_sum_lp(NormalFormGame.from_bimatrix(A)).statistics["value"]
    w = zero_sum_lp(NormalFormGame.from_bimatrix(3 * A + 100)).statistics["value"]
    assert w == pytest.approx(3 * v + 100, abs=1e-8)


def test_random_200x200_matches_a_direct_highs_solve() -> None:
    A = np.random.default_rng(0).uniform(-1, 1, size=(200, 200))
    result = zero_sum_lp(NormalFormGame.from_bimatrix(A))
    assert_optimal(result, direct_value(A))
    assert result.statistics["formulation"] == "direct"


def test_rectangular_games() -> None:
    rng = np.random.default_rng(1)
    for shape in [(1, 6), (6, 1), (3, 40), (40, 3)]:
        A = rng.integers(-5, 6, size=shape).astype(float)
        assert_optimal(zero_sum_lp(NormalFormGame.from_bimatrix(A)), direct_value(A))


def test_constant_game_every_profile_is_optimal() -> None:
    result = zero_sum_lp(NormalFormGame.from_bimatrix(np.full((3, 4), 2.5)))
    assert result.statistics["value"] == pytest.approx(2.5)
    assert result[0].max_regret == 0.0


def test_generation_finds_the_same_value_as_one_lp() -> None:
    A = np.random.default_rng(2).uniform(-1, 1, size=(60, 80))
    direct = zero_sum_lp(NormalFormGame.from_bimatrix(A), formulation="direct")
    generated = zero_sum_lp(NormalFormGame.from_bimatrix(A), formulation="generation")
    assert generated.statistics["formulation"] == "generation"
    assert generated.statistics["rounds"] >= 2
    assert_optimal(generated, direct.statistics["value"])


def test_generation_on_a_large_game_with_a_small_core() -> None:
    # rows 0..9 dominate the others and columns 0..9 are the column player's best:
    # the optimal strategies live on a 10×10 core inside a 3000×3000 game
    n, k = 3000, 10
    rng = np.random.default_rng(5)
    A = rng.random((n, n))
    A[:k] += 1.0
    A[:, k:] += 1.0
    game = NormalFormGame(np.stack([A, -A]))
    result = zero_sum_lp(game, max_bytes=1e9)  # one LP would need ~2 GB: generation
    assert result.statistics["formulation"] == "generation"
    assert_optimal(result, direct_value(A[:k, :k]))
    x, y = result[0].profile.strategies
    assert x[k:].sum() == 0 and y[k:].sum() == 0


def test_sparse_payoffs_use_the_sparse_formulation(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(6)
    A = rng.integers(-5, 6, size=(120, 90)).astype(float)
    A[rng.random(A.shape) < 0.9] = 0.0
    dense = zero_sum_lp(NormalFormGame.from_bimatrix(A))
    monkeypatch.setattr(zero_sum_module, "_SIMPLEX_ENTRIES", 100)
    sparse = zero_sum_lp(NormalFormGame.from_bimatrix(A))
    assert "sparse" in sparse.statistics["solver"] and "dense" in dense.statistics["solver"]
    assert_optimal(sparse, dense.statistics["value"])


def test_memory_limit_refuses_one_lp_with_an_estimate() -> None:
    game = NormalFormGame.from_bimatrix(np.random.default_rng(0).uniform(size=(50, 40)))
    with pytest.raises(GameTooLargeError, match=r"needs about .* inside HiGHS") as info:
        zero_sum_lp(game, formulation="direct", max_bytes=1000)
    assert info.value.estimate["entries"] == 2000
    assert info.value.estimate["bytes"] > 1000
    # under "auto" the same limit sends the game to constraint generation
    assert zero_sum_lp(game, max_bytes=400_000).statistics["formulation"] == "generation"


def test_generation_refuses_to_outgrow_the_memory_limit() -> None:
    game = NormalFormGame.from_bimatrix(np.random.default_rng(0).uniform(size=(80, 80)))
    with pytest.raises(GameTooLargeError, match=r"restricted game to \d+×\d+ strategies") as info:
        zero_sum_lp(game, formulation="generation", max_bytes=50_000)
    assert "restricted_shape" in info.value.estimate


def test_timeout_returns_no_equilibrium() -> None:
    game = NormalFormGame.from_bimatrix(np.random.default_rng(0).uniform(size=(30, 30)))
    for formulation in ("direct", "generation"):
        result = zero_sum_lp(game, timeout=0.0, formulation=formulation)
        assert result.status == STATUS_TIMEOUT
        assert len(result) == 0 and not result.complete


def test_non_zero_sum_games_are_refused() -> None:
    with pytest.raises(UnsupportedGameError, match="needs a zero-sum or constant-sum game.*lemke_howson"):
        zero_sum_lp(battle_of_the_sexes())


def test_three_players_are_refused() -> None:
    with pytest.raises(UnsupportedGameError, match="this game has 3 players"):
        zero_sum_lp(mckelvey_mclennan_2x2x2())


def test_unknown_formulation_is_refused() -> None:
    with pytest.raises(InputError, match="unknown formulation 'simplex'"):
        zero_sum_lp(matching_pennies(), formulation="simplex")


def test_result_is_json_safe() -> None:
    result = zero_sum_lp(rock_paper_scissors())
    text = json.dumps(result.to_dict())
    assert '"value"' in text
