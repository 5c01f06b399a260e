"""solvers.correlated: correlated equilibria by LP, known answers, certificates and bad input."""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest

from games import NormalFormGame
from games.errors import GameTooLargeError, InvalidGameError, SolverError, UnsupportedGameError
from games.library import (
    MCKELVEY_MCLENNAN_EQUILIBRIA,
    battle_of_the_sexes,
    matching_pennies,
    mckelvey_mclennan_2x2x2,
    prisoners_dilemma,
    rock_paper_scissors,
    shapley_game,
)
from solvers.correlated import (
    coarse_correlated_equilibrium,
    correlated_equilibrium,
    incentive_constraints,
    incentive_gains,
    incentive_violation,
)
from solvers.results import CorrelatedEquilibrium

F = Fraction


def chicken() -> NormalFormGame:
    """Aumann's (1974) game of chicken: (C,C) = (6,6), (C,D) = (2,7), (D,C) = (7,2), (D,D) = (0,0)."""
    return NormalFormGame.from_bimatrix(
        [[6, 2], [7, 0]], [[6, 7], [2, 0]], strategies=[["C", "D"], ["C", "D"]], title="Chicken"
    )


def product(game: NormalFormGame, vectors) -> np.ndarray:
    """The distribution over profiles of independent mixed strategies (exact when the vectors are)."""
    out = np.array(1, dtype=object)
    for v in vectors:
        out = np.multiply.outer(out, np.array(v, dtype=object))
    return out.reshape(game.shape)


def exact_table(ce: CorrelatedEquilibrium) -> list:
    assert ce.exact_distribution is not None
    return ce.exact_distribution.tolist()


# ---------------------------------------------------------------------- known answers
def test_chicken_welfare_optimum_beats_every_nash_equilibrium() -> None:
    game = chicken()
    ce = correlated_equilibrium(game, exact=True)
    # 2 x(C,D) >= x(C,C), x(D,C) >= 2 x(D,D) and symmetrically; max 12 x(CC) + 9 (x(CD) + x(DC))
    assert exact_table(ce) == [[F(1, 2), F(1, 4)], [F(1, 4), 0]]
    assert ce.exact and ce.exact_violation == 0
    assert ce.welfare == pytest.approx(10.5) and ce.objective_value == pytest.approx(10.5)
    assert ce.payoffs == pytest.approx((5.25, 5.25))
    assert ce.max_violation <= 1e-12
    nash = [
        product(game, [[0, 1], [1, 0]]),
        product(game, [[1, 0], [0, 1]]),
        product(game, [[F(2, 3), F(1, 3)]] * 2),
    ]
    for x in nash:
        assert incentive_violation(game, x) == 0  # every Nash equilibrium is a correlated one
        assert float(sum(np.sum(game.exact_payoffs[i] * x) for i in range(2))) < ce.welfare - 1


def test_aumanns_device_is_a_correlated_equilibrium() -> None:
    game = chicken()
    third = F(1, 3)
    aumann = np.array([[third, third], [third, 0]], dtype=object)
    gains = incentive_gains(game, aumann)
    assert max(max(g.reshape(-1)) for g in gains) == 0  # binding, not violated: exact
    welfare = sum(np.sum(game.exact_payoffs[i] * aumann) for i in range(2))
    assert welfare == 10


def test_chicken_other_objectives() -> None:
    game = chicken()
    assert exact_table(correlated_equilibrium(game, objective="max-min", exact=True)) == [
        [F(1, 2), F(1, 4)],
        [F(1, 4), 0],
    ]
    # player 1's favourite: (D, C)
    assert exact_table(correlated_equilibrium(game, objective=[1, 0], exact=True)) == [[0, 0], [1, 0]]
    # the worst welfare: x(C,D) = x(D,C) = 2 x(D,D), welfare 36/5, below every Nash equilibrium
    worst = correlated_equilibrium(game, objective=-game.payoffs.sum(axis=0), exact=True)
    assert exact_table(worst) == [[0, F(2, 5)], [F(2, 5), F(1, 5)]]
    assert worst.objective == "linear" and worst.welfare == pytest.approx(7.2)


def test_no_objective_any_equilibrium() -> None:
    ce = correlated_equilibrium(chicken(), objective="none")
    assert ce.objective == "none" and ce.objective_value == 0.0
    assert ce.max_violation <= 1e-12 and not ce.duals.any()


def test_battle_of_the_sexes() -> None:
    game = battle_of_the_sexes()
    ce = correlated_equilibrium(game, exact=True)
    assert ce.welfare == pytest.approx(3.0)
    fair = correlated_equilibrium(game, objective="max-min", exact=True)
    assert exact_table(fair) == [[F(1, 2), 0], [0, F(1, 2)]]
    assert fair.payoffs == pytest.approx((1.5, 1.5)) and fair.objective_value == pytest.approx(1.5)
    assert correlated_equilibrium(game, objective=[0, 1]).probability(
        ("Football", "Football")
    ) == pytest.approx(1)


@pytest.mark.parametrize("objective", ["welfare", "max-min", [1, 0], [0, 1], [[3, -1], [2, 5]]])
def test_matching_pennies_has_one_correlated_equilibrium(objective) -> None:
    ce = correlated_equilibrium(matching_pennies(), objective=objective, exact=True)
    assert exact_table(ce) == [[F(1, 4)] * 2] * 2
    assert ce.payoffs == pytest.approx((0.0, 0.0))


def test_rock_paper_scissors_uniform() -> None:
    ce = correlated_equilibrium(rock_paper_scissors(), exact=True)
    assert exact_table(ce) == [[F(1, 9)] * 3] * 3


def test_shapley_game_correlation_pays() -> None:
    # 1/6 on each profile with welfare 1: each player gets 1/2, against 1/3 at the unique Nash equilibrium
    ce = correlated_equilibrium(shapley_game(), exact=True)
    assert exact_table(ce) == [[F(1, 6), F(1, 6), 0], [0, F(1, 6), F(1, 6)], [F(1, 6), 0, F(1, 6)]]
    assert ce.payoffs == pytest.approx((0.5, 0.5))


def test_three_players_every_nash_equilibrium_is_correlated() -> None:
    game = mckelvey_mclennan_2x2x2()
    welfare = []
    for probs in MCKELVEY_MCLENNAN_EQUILIBRIA:
        x = product(game, [[F(p), 1 - F(p)] for p in probs])
        assert incentive_violation(game, x) == 0
        assert incentive_violation(game, x, coarse=True) == 0
        welfare.append(sum(np.sum(game.exact_payoffs[i] * x) for i in range(3)))
    ce = correlated_equilibrium(game, exact=True)
    assert ce.exact and ce.welfare >= float(max(welfare)) - 1e-9
    assert ce.welfare == pytest.approx(29)  # (9, 8, 12) at the pure equilibrium (1, 1, 1)
    fair = correlated_equilibrium(game, objective="max-min", exact=True)
    assert fair.exact and min(fair.payoffs) == pytest.approx(fair.objective_value)
    assert fair.objective_value >= 8 - 1e-9


def test_three_player_coordination() -> None:
    # everyone gets 1 when all match, else 0: the best device picks one matching profile
    pay = np.zeros((3, 2, 2, 2), dtype=int)
    pay[:, 0, 0, 0] = 1
    pay[:, 1, 1, 1] = 1
    game = NormalFormGame(pay)
    ce = correlated_equilibrium(game, objective="max-min", exact=True)
    assert ce.payoffs == pytest.approx((1.0, 1.0, 1.0))
    assert ce.exact_distribution[0, 0, 0] + ce.exact_distribution[1, 1, 1] == 1


def test_one_player_game() -> None:
    game = NormalFormGame([[1, 3, 3]])
    for objective in ("welfare", "max-min"):
        ce = correlated_equilibrium(game, objective=objective)
        assert ce.payoffs == pytest.approx((3.0,)) and ce.max_violation == 0


def test_coarse_correlated_equilibrium() -> None:
    cce = coarse_correlated_equilibrium(prisoners_dilemma(), exact=True)
    assert exact_table(cce) == [[0, 0], [0, 1]]
    assert cce.kind == "coarse" and (cce.constraints[:, 1] == -1).all()
    # in chicken the coarse optimum is the correlated one
    assert coarse_correlated_equilibrium(chicken()).welfare == pytest.approx(10.5)


# ---------------------------------------------------------------------- certificates
def test_duals_certify_optimality() -> None:
    """LP duality: value >= c(s) - (G^T y)(s) for every profile, with equality where x(s) > 0."""
    game = chicken()
    ce = correlated_equilibrium(game)
    G, rows = incentive_constraints(game)
    assert (rows == ce.constraints).all()
    assert (ce.duals >= 0).all()
    c = game.payoffs.sum(axis=0).reshape(-1)
    reduced = c - G.T @ ce.duals
    assert reduced.max() == pytest.approx(ce.objective_value)
    played = ce.distribution.reshape(-1) > 1e-12
    assert reduced[played] == pytest.approx(np.full(played.sum(), ce.objective_value))
    # complementary slackness: a constraint with a positive price binds
    gains = G @ ce.distribution.reshape(-1)
    assert np.all(np.abs(gains[ce.duals > 1e-9]) <= 1e-9)


def test_incentive_constraints_match_gains() -> None:
    rng = np.random.default_rng(1)
    game = NormalFormGame(rng.integers(-3, 4, size=(3, 2, 3, 2)))
    x = rng.random(game.shape)
    x /= x.sum()
    for coarse in (False, True):
        G, rows = incentive_constraints(game, coarse=coarse)
        gains = incentive_gains(game, x, coarse=coarse)
        flat = G @ x.reshape(-1)
        for r, (i, j, k) in enumerate(rows.tolist()):
            expected = gains[i][k] if coarse else gains[i][j, k]
            assert flat[r] == pytest.approx(expected)


def test_scaled_payoffs_still_certified() -> None:
    game = NormalFormGame(np.random.default_rng(2).random((2, 6, 6)) * 1e6)
    ce = correlated_equilibrium(game)
    assert ce.max_violation <= 1e-8 * 1e6
    assert incentive_violation(game, ce.distribution) == ce.max_violation


# ---------------------------------------------------------------------- results
def test_result_conversions() -> None:
    ce = correlated_equilibrium(chicken(), exact=True)
    data = json.loads(json.dumps(ce.to_dict()))
    assert data["kind"] == "correlated" and data["objective"] == "welfare" and data["exact"] is True
    assert data["welfare"] == pytest.approx(10.5) and data["lp"]["status"] == 0
    by_profile = {(d["Player 1"], d["Player 2"]): d["exact_probability"] for d in data["distribution"]}
    assert by_profile == {("C", "C"): "1/2", ("C", "D"): "1/4", ("D", "C"): "1/4"}
    assert {(b["player"], b["recommended"], b["deviation"]) for b in data["binding_constraints"]} <= {
        ("Player 1", "C", "D"),
        ("Player 1", "D", "C"),
        ("Player 2", "C", "D"),
        ("Player 2", "D", "C"),
    }
    frame = ce.to_frame()
    assert list(frame.columns[:3]) == ["Player 1", "Player 2", "probability"]
    assert frame["probability"].sum() == pytest.approx(1.0)
    assert ce.support() == [(0, 0), (0, 1), (1, 0)]
    assert "welfare 10.5" in repr(ce) and "exact" in repr(ce)
    assert not ce.distribution.flags.writeable and not ce.duals.flags.writeable
    assert ce.statistics["constraints"] == 4 and ce.statistics["variables"] == 4


# ---------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    ("options", "error", "match"),
    [
        pytest.param({"objective": "fairness"}, InvalidGameError, "objective must be one of", id="name"),
        pytest.param(
            {"objective": [1, 2, 3]}, InvalidGameError, "objective array needs 2 weights", id="shape"
        ),
        pytest.param({"objective": [np.inf, 1]}, InvalidGameError, "finite", id="inf"),
        pytest.param({"tol": -1.0}, InvalidGameError, "tol must be", id="tol"),
        pytest.param({"max_nonzeros": 3}, GameTooLargeError, "nonzeros", id="too-large"),
        pytest.param({"timeout": 0.0}, SolverError, "time limit", id="timeout"),
    ],
)
def test_bad_input(options, error, match) -> None:
    with pytest.raises(error, match=match):
        correlated_equilibrium(chicken(), **options)


def test_too_large_estimate() -> None:
    game = NormalFormGame(np.zeros((2, 2000, 2000)))
    with pytest.raises(GameTooLargeError) as info:
        correlated_equilibrium(game)
    assert info.value.estimate["nonzeros"] == 2 * 1999 * 2000 * 2000
    assert info.value.estimate["variables"] == 4_000_000


def test_exact_requires_exact_payoffs() -> None:
    with pytest.raises(UnsupportedGameError, match="exact payoffs"):
        correlated_equilibrium(NormalFormGame(np.array([[[0.5]], [[0.25]]])), exact=True)


def test_distribution_size_checked() -> None:
    with pytest.raises(InvalidGameError, match="distribution over the 4 profiles"):
        incentive_violation(chicken(), [0.5, 0.5])
