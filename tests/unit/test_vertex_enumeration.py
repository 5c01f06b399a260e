"""Vertex enumeration: known answers, exactness, degenerate games, the polytope maths, and bad input."""

from __future__ import annotations

import json
from fractions import Fraction as F

import numpy as np
import pytest

from games.errors import GameTooLargeError, InputError, UnsupportedGameError
from games.formats import loads
from games.library import (
    battle_of_the_sexes,
    matching_pennies,
    mckelvey_mclennan_2x2x2,
    prisoners_dilemma,
    rock_paper_scissors,
    shapley_game,
)
from games.normal_form import NormalFormGame
from solvers.nash.polytope import (
    best_response_matrices,
    complete_label_pairs,
    connected_components,
    max_vertices_bound,
    maximal_bicliques,
    pack_labels,
    polytope_vertices,
)
from solvers.nash.pure import pure
from solvers.nash.vertex_enumeration import vertex_enumeration, within_vertex_limit
from solvers.results import STATUS_OK, STATUS_TIMEOUT

# Payoff bodies of Gambit's example games (contrib/games/*.nfg; game data).
WINKELS = """NFG 1 R "Winkels, 1979 degenerate game with 12 extreme equilibria" { "1" "2" }
{ { "1" "2" "3" "4" "5" "6" } { "1" "2" } }
1 1 1 0 3 -2 3 4 5/2 -1 5/2 6 3 2 3 -1 1 2 1 -1 5/2 6 5/2 -1
"""
STENGEL = """NFG 1 R "von Stengel's two person 6 x 6 game with 75 equilibria" { "1" "2" }
{ { "1" "2" "3" "4" "5" "6" } { "1" "2" "3" "4" "5" "6" } }
9504 72336 -111771 -461736 397584 1227336 171204 -1718376 1303104 1303104 737154 -453420 -660 48081
31680 -300036 -113850 774576 -45936 -1039236 -453420 737154 -227040 -227040 19976 29216 -130944
-178761 451176 451176 208626 -586476 1227336 397584 774576 -113850 -20526 14124 168124 -84436 -586476
208626 -263076 -263076 -1718376 171204 -1039236 -45936 1776 1776 -8514 -8976 29216 19976 14124 -20526
72336 9504 48081 -660 -8976 -8514 52764 52764 -178761 -130944 -84436 168124 -461736 -111771 -300036 31680
"""
DEG1 = """NFG 1 R "Degenerate 3x3 game 1" { "Player 1" "Player 2" }
{ { "1" "2" "3" } { "1" "2" "3" } } ""
{ { "" 1, 1 } { "" 2, 3 } { "" 3, 2 } { "" 3, 2 } { "" 2, 2 } { "" 1, 2 } { "" 2, 3 } { "" 2, 1 } { "" 2, 2 } }
1 2 3 4 5 6 7 8 9
"""
DEG2 = """NFG 1 R "Degenerate 3x3 game 2" { "Player 1" "Player 2" }
{ { "1" "2" "3" } { "1" "2" "3" } } ""
{ { "" 1, 2 } { "" 2, 1 } { "" 3, 3 } { "" 3, 2 } { "" 2, 2 } { "" 1, 2 } { "" 2, 2 } { "" 2, 3 } { "" 2, 1 } }
1 2 3 4 5 6 7 8 9
"""

# Nashpy issue #82: a degenerate 3x5 game of minimisers (negated here) with 8 extreme equilibria,
# listed in the issue.
NASHPY82_A = -np.array([[0, 0, 6, 0, 0], [0, 0, 3, 2, 1], [4, 3, 0, 0, 1]])
NASHPY82_B = -np.array([[3, 0, 2, 1, 0], [0, 2, 0, 0, 4], [4, 0, 2, 4, 4]])
NASHPY82_EQUILIBRIA = {
    ((1, 0, 0), (0, 1, 0, 0, 0)),
    ((1, 0, 0), (0, 0, 0, 0, 1)),
    ((F(2, 3), F(1, 3), 0), (0, 1, 0, 0, 0)),
    ((F(1, 3), F(1, 2), F(1, 6)), (0, F(4, 9), F(2, 9), F(1, 3), 0)),
    ((0, F(1, 2), F(1, 2)), (0, F(1, 2), F(1, 2), 0, 0)),
    ((0, 1, 0), (F(3, 7), 0, F(4, 7), 0, 0)),
    ((0, 1, 0), (1, 0, 0, 0, 0)),
    ((0, 1, 0), (F(3, 8), 0, F(1, 4), F(3, 8), 0)),
}


def exact_set(result) -> set[tuple[tuple[F, ...], ...]]:
    return {tuple(tuple(v) for v in e.profile.exact) for e in result}


def as_fractions(profiles) -> set[tuple[tuple[F, ...], ...]]:
    return {tuple(tuple(F(p) for p in v) for v in prof) for prof in profiles}


# ---------------------------------------------------------------------------------------- known answers
@pytest.mark.parametrize(
    ("game", "expected"),
    [
        pytest.param(matching_pennies(), {((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))}, id="matching-pennies"),
        pytest.param(rock_paper_scissors(), {((F(1, 3),) * 3, (F(1, 3),) * 3)}, id="rock-paper-scissors"),
        pytest.param(shapley_game(), {((F(1, 3),) * 3, (F(1, 3),) * 3)}, id="shapley"),
        pytest.param(prisoners_dilemma(), {((0, 1), (0, 1))}, id="prisoners-dilemma"),
        pytest.param(
            battle_of_the_sexes(),
            None,  # checked by count and regret below
            id="battle-of-the-sexes",
        ),
        pytest.param(
            # von Stengel (2007), the 3x2 example of section 3.2 (nondegenerate)
            NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]]),
            as_fractions(
                [
                    [(1, 0, 0), (1, 0)],
                    [(F(4, 5), F(1, 5), 0), (F(2, 3), F(1, 3))],
                    [(0, F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))],
                ]
            ),
            id="von-stengel-3x2",
        ),
        pytest.param(
            # von Stengel (2007), the degenerate variant of section 3.5: a segment of equilibria
            NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]]),
            as_fractions(
                [
                    [(1, 0, 0), (1, 0)],
                    [(1, 0, 0), (F(2, 3), F(1, 3))],
                    [(0, F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))],
                ]
            ),
            id="von-stengel-3x2-degenerate",
        ),
        pytest.param(
            NormalFormGame.from_bimatrix(NASHPY82_A, NASHPY82_B),
            as_fractions(NASHPY82_EQUILIBRIA),
            id="nashpy-82",
        ),
        pytest.param(
            NormalFormGame.from_bimatrix(np.zeros((2, 2), dtype=int), np.zeros((2, 2), dtype=int)),
            as_fractions([[(1, 0), (1, 0)], [(1, 0), (0, 1)], [(0, 1), (1, 0)], [(0, 1), (0, 1)]]),
            id="all-zero-2x2",
        ),
    ],
)
def test_known_extreme_equilibria(game: NormalFormGame, expected) -> None:
    result = vertex_enumeration(game, exact=True)
    assert result.complete and result.status == STATUS_OK and result.scope == "extreme"
    assert all(e.exact_regret == 0 for e in result)
    if expected is None:
        assert len(result) == 3
    else:
        assert exact_set(result) == expected
        assert len(result) == len(expected)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        pytest.param(WINKELS, 12, id="winkels"),
        pytest.param(STENGEL, 75, id="von-stengel-6x6-75"),
        pytest.param(DEG1, 6, id="gambit-deg1"),
        pytest.param(DEG2, 7, id="gambit-deg2"),
    ],
)
def test_gambit_example_counts(text: str, count: int) -> None:
    game = loads(text, "nfg")
    exact = vertex_enumeration(game, exact=True)
    assert len(exact) == count
    assert all(e.exact_regret == 0 for e in exact)
    floats = vertex_enumeration(game)
    assert len(floats) == count
    assert floats.max_regret <= 1e-9 * float(np.abs(game.payoffs).max())


def test_stengel_game_is_nondegenerate_so_each_equilibrium_is_its_own_component() -> None:
    result = vertex_enumeration(loads(STENGEL, "nfg"), exact=True)
    assert len(result.statistics["components"]) == 75
    assert len(result.statistics["maximal_nash_subsets"]) == 75


def test_nashpy82_components_and_maximal_nash_subsets() -> None:
    result = vertex_enumeration(NormalFormGame.from_bimatrix(NASHPY82_A, NASHPY82_B), exact=True)
    eqs = [tuple(tuple(v) for v in e.profile.exact) for e in result]
    subsets = [{eqs[i] for i in s} for s in result.statistics["maximal_nash_subsets"]]
    # the row player's pure strategy 1 against two column vertices: a segment
    seg = {((1, 0, 0), (0, 1, 0, 0, 0)), ((1, 0, 0), (0, 0, 0, 0, 1))}
    assert as_fractions(seg) in [as_fractions(s) for s in subsets]
    # three column strategies against the row player's pure strategy 2: a triangle
    tri = {
        ((0, 1, 0), (1, 0, 0, 0, 0)),
        ((0, 1, 0), (F(3, 7), 0, F(4, 7), 0, 0)),
        ((0, 1, 0), (F(3, 8), 0, F(1, 4), F(3, 8), 0)),
    }
    assert as_fractions(tri) in [as_fractions(s) for s in subsets]
    assert len(result.statistics["components"]) == 4


def test_continuum_of_equilibria_is_described_by_its_extreme_points() -> None:
    # the column player is indifferent everywhere: segments of equilibria
    game = NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 1], [0, 0]])
    result = vertex_enumeration(game, exact=True)
    assert exact_set(result) == as_fractions(
        [[(1, 0), (1, 0)], [(1, 0), (F(1, 2), F(1, 2))], [(0, 1), (0, 1)], [(0, 1), (F(1, 2), F(1, 2))]]
    )
    assert result.statistics["maximal_nash_subsets"] == [[0, 1], [1, 3], [2, 3]]
    assert result.statistics["components"] == [[0, 1, 2, 3]]
    # every point of a maximal Nash subset's hull is an equilibrium: check the midpoints
    eqs = list(result)
    for subset in result.statistics["maximal_nash_subsets"]:
        xs = {tuple(eqs[i].profile.exact[0]) for i in subset}
        ys = {tuple(eqs[i].profile.exact[1]) for i in subset}
        x = [sum(c) / len(xs) for c in zip(*xs)]
        y = [sum(c) / len(ys) for c in zip(*ys)]
        from games.profiles import MixedProfile

        assert max(MixedProfile(game, [x, y]).exact_regrets()) == 0


def test_zero_game_is_one_maximal_nash_subset() -> None:
    game = NormalFormGame.from_bimatrix(np.zeros((3, 4), dtype=int), np.zeros((3, 4), dtype=int))
    result = vertex_enumeration(game, exact=True)
    assert len(result) == 12
    assert result.statistics["maximal_nash_subsets"] == [list(range(12))]
    assert result.statistics["components"] == [list(range(12))]


# ---------------------------------------------------------------------------------------- modes
def test_exact_mode_returns_fractions_with_zero_exact_regret() -> None:
    result = vertex_enumeration(loads(WINKELS, "nfg"), exact=True)
    for e in result:
        assert e.exact and e.exact_regret == 0
        assert all(isinstance(p, F) for v in e.profile.exact for p in v)
    assert result.parameters["exact"] is True


def test_float_mode_finds_the_exact_set_on_exact_games() -> None:
    game = loads(WINKELS, "nfg")
    exact = sorted(
        tuple(float(p) for v in e.profile.exact for p in v) for e in vertex_enumeration(game, exact=True)
    )
    floats = sorted(tuple(p for v in e.profile.strategies for p in v) for e in vertex_enumeration(game))
    np.testing.assert_allclose(np.array(floats), np.array(exact), atol=1e-12)


def test_integer_valued_float_payoffs_are_enumerated_exactly() -> None:
    A = np.array([[1.0, 1.0], [0.0, 2.0]])
    B = np.array([[1.0, 1.0], [1.0, 1.0]])
    game = NormalFormGame.from_bimatrix(A, B)
    assert not game.is_exact
    result = vertex_enumeration(game)
    assert result.statistics["arithmetic"] == "exact"
    # x = (1, 0) for y1 ≥ 1/2 ... the ties are kept: 4 extreme equilibria
    assert len(result) == 4


def test_float_game_uses_float_pivoting_and_certifies() -> None:
    rng = np.random.default_rng(5)
    game = NormalFormGame.from_bimatrix(rng.random((5, 4)), rng.random((5, 4)))
    result = vertex_enumeration(game)
    assert result.statistics["arithmetic"] == "float"
    assert len(result) % 2 == 1  # nondegenerate: an odd number
    assert result.max_regret <= 1e-9
    assert all(e.exact_regret is None for e in result)


@pytest.mark.parametrize("shape", [(6, 4), (4, 6), (5, 5)])
def test_float_games_enumerate_one_polytope_and_solve_for_the_other(shape) -> None:
    rng = np.random.default_rng(sum(shape) * shape[0])
    A, B = rng.random(shape), rng.random(shape)
    result = vertex_enumeration(NormalFormGame.from_bimatrix(A, B))
    smaller = "P" if shape[0] <= shape[1] else "Q"
    other = "Q" if smaller == "P" else "P"
    assert result.statistics["pairing"] == f"vertices of {smaller}, complementary points of {other}"
    assert result.statistics[f"vertices_{other}"] is None
    # the same set as exact enumeration of the same numbers
    twin = NormalFormGame(np.stack([A, B]), exact=True)
    exact = sorted(
        tuple(float(p) for v in e.profile.exact for p in v) for e in vertex_enumeration(twin, exact=True)
    )
    floats = sorted(tuple(p for v in e.profile.strategies for p in v) for e in result)
    np.testing.assert_allclose(np.array(floats), np.array(exact), atol=1e-9)
    assert len(result.statistics["components"]) == len(result)


def test_degenerate_float_games_fall_back_to_both_polytopes() -> None:
    A = np.array([[0.1, 0.3], [0.3, 0.1], [0.2, 0.2]])
    B = np.array([[0.3, 0.3], [0.7, 0.1], [0.1, 0.7]])
    result = vertex_enumeration(NormalFormGame.from_bimatrix(A, B))
    assert result.statistics["pairing"] == "vertex pairs"
    assert result.statistics["dropped"] == 0 and result.max_regret <= 1e-9
    twin = NormalFormGame.from_bimatrix(
        [[F(1, 10), F(3, 10)], [F(3, 10), F(1, 10)], [F(2, 10), F(2, 10)]],
        [[F(3, 10), F(3, 10)], [F(7, 10), F(1, 10)], [F(1, 10), F(7, 10)]],
    )
    assert len(result) == len(vertex_enumeration(twin, exact=True))


def test_exact_game_with_fraction_payoffs() -> None:
    game = NormalFormGame.from_bimatrix([[F(1, 3), 0], [0, F(2, 7)]], [[F(2, 7), 0], [0, F(1, 3)]])
    result = vertex_enumeration(game, exact=True)
    assert len(result) == 3
    assert all(e.exact_regret == 0 for e in result)


def test_one_strategy_players() -> None:
    game = NormalFormGame.from_bimatrix([[1, 3, 3]], [[0, 2, 2]])
    result = vertex_enumeration(game, exact=True)
    assert exact_set(result) == as_fractions([[(1,), (0, 1, 0)], [(1,), (0, 0, 1)]])
    tall = NormalFormGame.from_bimatrix([[1], [5], [5]], [[0], [2], [3]])
    assert len(vertex_enumeration(tall, exact=True)) == 2


def test_contains_every_pure_equilibrium() -> None:
    rng = np.random.default_rng(11)
    game = NormalFormGame.from_bimatrix(rng.integers(0, 3, (6, 7)), rng.integers(0, 3, (6, 7)))
    found = exact_set(vertex_enumeration(game, exact=True))
    for e in pure(game):
        assert tuple(tuple(v) for v in e.profile.exact) in found


def test_result_is_json_safe_and_components_are_indices() -> None:
    result = vertex_enumeration(loads(DEG2, "nfg"))
    text = json.dumps(result.to_dict())
    data = json.loads(text)
    n = len(result)
    for key in ("components", "maximal_nash_subsets"):
        groups = data["statistics"][key]
        assert all(isinstance(i, int) and 0 <= i < n for g in groups for i in g)
    assert sorted(i for g in data["statistics"]["components"] for i in g) == list(range(n))


def test_components_can_be_skipped() -> None:
    result = vertex_enumeration(matching_pennies(), components=False)
    assert "components" not in result.statistics and "maximal_nash_subsets" not in result.statistics


def test_timeout_returns_verified_partial_set() -> None:
    rng = np.random.default_rng(0)
    game = NormalFormGame.from_bimatrix(rng.integers(0, 4, (10, 10)), rng.integers(0, 4, (10, 10)))
    result = vertex_enumeration(game, exact=True, timeout=0.0)
    assert result.status == STATUS_TIMEOUT and not result.complete
    assert all(e.exact_regret == 0 for e in result)


# ---------------------------------------------------------------------------------------- bad input
def test_rejects_three_players() -> None:
    with pytest.raises(UnsupportedGameError, match="two-player games; this game has 3 players"):
        vertex_enumeration(mckelvey_mclennan_2x2x2())


def test_rejects_exact_mode_on_float_game() -> None:
    game = NormalFormGame.from_bimatrix(np.array([[0.5, 0.25]]), np.array([[0.1, 0.3]]))
    with pytest.raises(UnsupportedGameError, match="exact=True needs exact payoffs"):
        vertex_enumeration(game, exact=True)


def test_refuses_a_game_too_large_with_an_estimate() -> None:
    game = NormalFormGame.from_bimatrix(np.zeros((20, 20), dtype=int), np.zeros((20, 20), dtype=int))
    with pytest.raises(GameTooLargeError, match="McMullen's upper bound") as info:
        vertex_enumeration(game)
    assert info.value.estimate["bases_P"] == max_vertices_bound(20, 40)
    assert info.value.estimate["bytes"] > 0 and info.value.estimate["seconds"] > 0
    with pytest.raises(GameTooLargeError, match="max_vertices=100"):
        vertex_enumeration(NormalFormGame.from_bimatrix(np.eye(6, dtype=int)), max_vertices=100)  # bound 112


def test_float_games_check_the_polytope_they_enumerate() -> None:
    # 3 x 9: P (dimension 3) has at most 20 bases, Q (dimension 9) at most 70
    assert (max_vertices_bound(3, 12), max_vertices_bound(9, 12)) == (20, 70)
    rng = np.random.default_rng(2)
    generic = NormalFormGame.from_bimatrix(rng.random((3, 9)), rng.random((3, 9)))
    assert vertex_enumeration(generic, max_vertices=30).complete  # only P is enumerated
    integer = NormalFormGame.from_bimatrix(rng.integers(0, 3, (3, 9)), rng.integers(0, 3, (3, 9)))
    with pytest.raises(GameTooLargeError, match="Q up to 70"):
        vertex_enumeration(integer, max_vertices=30)
    tied = NormalFormGame.from_bimatrix(np.full((3, 9), 0.5), np.full((3, 9), 0.25))
    with pytest.raises(GameTooLargeError, match="Q up to 70"):
        vertex_enumeration(tied, max_vertices=30)  # degenerate: Q would be needed too


def test_within_vertex_limit_predicts_the_size_check() -> None:
    rng = np.random.default_rng(4)
    generic = NormalFormGame.from_bimatrix(rng.random((3, 9)), rng.random((3, 9)))
    integer = NormalFormGame.from_bimatrix(rng.integers(0, 3, (3, 9)), rng.integers(0, 3, (3, 9)))
    assert within_vertex_limit(generic, max_vertices=30)
    assert not within_vertex_limit(integer, max_vertices=30)
    assert within_vertex_limit(integer, max_vertices=None)
    assert not within_vertex_limit(mckelvey_mclennan_2x2x2())


@pytest.mark.parametrize("kwargs", [{"timeout": -1.0}, {"timeout": float("nan")}, {"tol": -1e-3}])
def test_rejects_bad_options(kwargs) -> None:
    with pytest.raises(InputError):
        vertex_enumeration(matching_pennies(), **kwargs)


# ---------------------------------------------------------------------------------------- polytope maths
def test_best_response_matrices_shift_keeps_polytopes_bounded() -> None:
    # B has a row at its minimum: shifting to 0 would free x_1, so the shift is to 1
    MP, MQ = best_response_matrices(np.array([[2, 4], [6, 8]]), np.array([[1, 1], [3, 1]]))
    assert MP.min() == 1 and MP.shape == (2, 2)
    assert MQ.tolist() == [[0, 1], [2, 3]]  # (A - 2) / 2


def test_max_vertices_bound_matches_cyclic_polytopes() -> None:
    assert max_vertices_bound(2, 7) == 7  # a heptagon
    assert max_vertices_bound(3, 6) == 8  # e.g. a cube
    assert max_vertices_bound(4, 8) == 20  # the dual of the cyclic 4-polytope with 8 vertices


def test_polytope_vertices_of_a_degenerate_pyramid() -> None:
    # {z ≥ 0 : z1 + z2 + z3 ≤ 1, z1 + z2 ≤ 1}: the second constraint is tight at two vertices only
    v = polytope_vertices(np.array([[1, 1, 1], [1, 1, 0]]))
    coords = {tuple(F(int(a), int(d)) for a in row) for row, d in zip(v.numerators, v.denominators)}
    assert coords == {(0, 0, 0), (1, 0, 0), (0, 1, 0), (0, 0, 1)}
    assert len(v) == 4 and v.complete
    assert v.bases >= len(v)
    # the vertex (1, 0, 0) lies on both constraints: labels z2 = z3 = 0 and both rows tight
    zeros = {tuple(z) for z in v.zero.tolist()}
    assert (False, True, True, True, True) in zeros


@pytest.mark.parametrize("scale", [1, 10**7, 2**40, 10**30])
def test_polytope_vertices_big_integers_agree_with_small(scale: int) -> None:
    # scaling M by K scales every vertex by 1/K and keeps the labels: exercises int64 with
    # exact confirmation of float ties (10**7), and Python integers (2**40, 10**30)
    rng = np.random.default_rng(3)
    M = rng.integers(0, 4, (5, 6)) + np.eye(5, 6, dtype=np.int64)
    small = polytope_vertices(M)
    big = polytope_vertices(np.array([[int(x) * scale for x in row] for row in M.tolist()], dtype=object))
    assert len(big) == len(small) and big.complete

    def coords(v, s):
        return {
            (tuple(z), tuple(F(int(a), int(d)) * s for a in row))
            for z, row, d in zip(v.zero.tolist(), v.numerators.tolist(), v.denominators.tolist())
        }

    assert coords(big, scale) == coords(small, 1)


def test_polytope_vertices_float_agrees_with_exact() -> None:
    rng = np.random.default_rng(8)
    M = rng.integers(1, 9, (6, 5))
    exact = polytope_vertices(M)
    floats = polytope_vertices(M.astype(float), tol=1e-10)
    assert {tuple(z) for z in exact.zero.tolist()} == {tuple(z) for z in floats.zero.tolist()}


def test_many_labels_use_several_words() -> None:
    # 2 x 70: 72 labels, two 64-bit words per label set
    rng = np.random.default_rng(1)
    game = NormalFormGame.from_bimatrix(rng.integers(0, 3, (2, 70)), rng.integers(0, 3, (2, 70)))
    result = vertex_enumeration(game, exact=True)
    assert all(e.exact_regret == 0 for e in result)
    swapped = NormalFormGame.from_bimatrix(game.exact_payoffs[1].T, game.exact_payoffs[0].T)
    other = vertex_enumeration(swapped, exact=True)
    assert {(e.profile.exact[1], e.profile.exact[0]) for e in other} == {e.profile.exact for e in result}
    assert pack_labels(np.ones((1, 72), dtype=bool)).shape == (1, 2)


def test_complete_label_pairs_nondegenerate_and_degenerate() -> None:
    # labels 0..3; P vertices of dimension 2, Q of dimension 2
    P = np.array([[1, 0, 1, 0], [1, 1, 1, 0]], dtype=bool)  # second is degenerate (3 labels)
    Q = np.array([[0, 1, 0, 1], [0, 0, 1, 1], [0, 1, 1, 1]], dtype=bool)
    a, b = complete_label_pairs(P, Q, 2, 2)
    assert list(zip(a.tolist(), b.tolist())) == [(0, 0), (0, 2), (1, 0), (1, 1), (1, 2)]


def test_connected_components_and_maximal_bicliques() -> None:
    left = np.array([0, 0, 1, 1, 2])
    right = np.array([0, 1, 0, 1, 5])
    assert connected_components(left, right) == [[0, 1, 2, 3], [4]]
    assert maximal_bicliques(left, right) == [[0, 1, 2, 3], [4]]
    # a path x0 - y0 - x1 - y1: two maximal bicliques sharing an edge's end
    assert maximal_bicliques(np.array([0, 1, 1]), np.array([0, 0, 1])) == [[0, 1], [1, 2]]
    assert maximal_bicliques(np.array([0, 1, 1]), np.array([0, 0, 1]), limit=1) == [[0, 1]]
    assert connected_components(np.array([], dtype=int), np.array([], dtype=int)) == []
