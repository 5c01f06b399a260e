"""Vertex enumeration on random games: exact equilibria only, every pure one, invariances, and
maximal Nash subsets that are exactly the maximal bicliques of the equilibrium graph."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from games.normal_form import NormalFormGame
from solvers.nash.polytope import complete_label_pairs
from solvers.nash.pure import pure
from solvers.nash.vertex_enumeration import vertex_enumeration
from tests.strategies import normal_form_games

bimatrix_int = normal_form_games(
    min_players=2, max_players=2, max_strategies=5, payoffs="int", labelled=False
)
bimatrix_fraction = normal_form_games(
    min_players=2, max_players=2, max_strategies=4, payoffs="fraction", labelled=False
)


def profiles(result) -> list[tuple[tuple[Fraction, ...], ...]]:
    return [tuple(tuple(v) for v in e.profile.exact) for e in result]


@settings(max_examples=300)
@given(bimatrix_int)
def test_exact_equilibria_of_degenerate_integer_games(game: NormalFormGame) -> None:
    result = vertex_enumeration(game, exact=True)
    assert result.complete
    found = profiles(result)
    assert len(found) >= 1  # every finite game has an equilibrium
    assert len(set(found)) == len(found)
    for e in result:
        assert e.exact_regret == 0
    for e in pure(game):
        assert tuple(tuple(v) for v in e.profile.exact) in set(found)


@settings(max_examples=60)
@given(bimatrix_fraction)
def test_float_mode_agrees_with_exact_mode(game: NormalFormGame) -> None:
    exact = sorted(
        tuple(float(p) for v in prof for p in v) for prof in profiles(vertex_enumeration(game, exact=True))
    )
    floats = sorted(
        tuple(float(p) for v in e.profile.strategies for p in v) for e in vertex_enumeration(game)
    )
    assert len(exact) == len(floats)
    np.testing.assert_allclose(np.array(floats), np.array(exact), atol=1e-12)


@settings(max_examples=60)
@given(bimatrix_int, st.integers(1, 5), st.integers(-4, 4), st.integers(1, 5), st.integers(-4, 4))
def test_invariant_under_swapping_players_and_affine_payoffs(game, a, b, c, d) -> None:
    base = set(profiles(vertex_enumeration(game, exact=True)))
    A, B = game.exact_payoffs
    swapped = NormalFormGame.from_bimatrix(B.T, A.T)
    assert {(y, x) for x, y in profiles(vertex_enumeration(swapped, exact=True))} == base
    scaled = NormalFormGame.from_bimatrix(A * a + b, B * c + d)
    assert set(profiles(vertex_enumeration(scaled, exact=True))) == base


@settings(max_examples=100)
@given(bimatrix_int)
def test_maximal_nash_subsets_are_the_maximal_bicliques(game: NormalFormGame) -> None:
    result = vertex_enumeration(game, exact=True)
    found = profiles(result)
    xs = sorted({x for x, _ in found})
    ys = sorted({y for _, y in found})
    edges = {(x, y) for x, y in found}
    index = {p: i for i, p in enumerate(found)}
    # brute force over row-player vertex sets: X ↦ common neighbours Y, kept if X is closed
    expected = set()
    for r in range(1, len(xs) + 1):
        for X in itertools.combinations(xs, r):
            Y = [y for y in ys if all((x, y) in edges for x in X)]
            if not Y:
                continue
            closure = [x for x in xs if all((x, y) in edges for y in Y)]
            if list(X) == closure:
                expected.add(frozenset(index[(x, y)] for x in X for y in Y))
    subsets = result.statistics["maximal_nash_subsets"]
    assert {frozenset(s) for s in subsets} == expected
    assert len(subsets) == len(expected)
    # components partition the equilibria, and each maximal Nash subset lies in one
    comps = result.statistics["components"]
    assert sorted(i for c in comps for i in c) == list(range(len(found)))
    where = {i: k for k, c in enumerate(comps) for i in c}
    for s in subsets:
        assert len({where[i] for i in s}) == 1


GRID = (0.1, 0.2, 0.3, 0.7, 1.3)


@st.composite
def tied_float_games(draw: st.DrawFn) -> tuple[NormalFormGame, NormalFormGame]:
    """A float game whose payoffs tie exactly but do not add up exactly (0.1 + 0.2 ≠ 0.3), and its exact twin."""
    m, n = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    idx = draw(st.lists(st.integers(0, len(GRID) - 1), min_size=2 * m * n, max_size=2 * m * n))
    floats = np.array([GRID[i] for i in idx]).reshape(2, m, n)
    exact = np.array([Fraction(repr(GRID[i])) for i in idx], dtype=object).reshape(2, m, n)
    return NormalFormGame(floats), NormalFormGame(exact)


@settings(max_examples=100)
@given(tied_float_games())
def test_float_pivoting_keeps_ties_of_float_payoffs(games: tuple[NormalFormGame, NormalFormGame]) -> None:
    float_game, exact_game = games
    result = vertex_enumeration(float_game)
    assert result.statistics["arithmetic"] == "float"
    assert result.statistics["dropped"] == 0
    assert result.max_regret <= 1e-9
    got = sorted(tuple(np.round(np.concatenate(e.profile.strategies), 9)) for e in result)
    want = sorted(
        tuple(np.round([float(p) for v in e.profile.exact for p in v], 9))
        for e in vertex_enumeration(exact_game, exact=True)
    )
    assert got == want


@st.composite
def label_sets(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, int, int]:
    """Random label sets of two 'polytopes': each row has at least its dimension's labels, some more."""
    dim_p, dim_q = draw(st.integers(1, 6)), draw(st.integers(1, 6))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    L = dim_p + dim_q

    def rows(dim: int) -> np.ndarray:
        count = int(rng.integers(0, 30))
        surplus = rng.choice([0, 0, 0, 1, 2, L], size=count)
        out = np.zeros((count, L), dtype=bool)
        for r in range(count):
            out[r, rng.permutation(L)[: min(L, dim + surplus[r])]] = True
        return np.unique(out, axis=0) if count else out

    return rows(dim_p), rows(dim_q), dim_p, dim_q


@settings(max_examples=300)
@given(label_sets())
def test_complete_label_pairs_is_the_brute_force_join(data) -> None:
    P, Q, dim_p, dim_q = data
    a, b = complete_label_pairs(P, Q, dim_p, dim_q)
    expected = sorted((i, j) for i in range(len(P)) for j in range(len(Q)) if np.all(P[i] | Q[j]))
    assert list(zip(a.tolist(), b.tolist())) == expected
