"""`negotiate solve --method pure`: equilibria as a table, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json

import numpy as np
import pytest
from click.testing import CliRunner

from games.formats import save
from games.normal_form import NormalFormGame
from negotiate.cli import cli
from negotiate.demo import example
from solvers.nash import pure


def invoke(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_table_lists_the_equilibrium_with_labels_payoffs_and_certificate() -> None:
    result = invoke("solve", example("prisoners_dilemma.nfg"), "--method", "pure")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "1 pure equilibrium (complete: there are no others)" in out
    header = next(line for line in out.splitlines() if line.startswith("#"))
    assert header.split() == [
        "#",
        "Row",
        "Column",
        "payoff",
        "Row",
        "payoff",
        "Column",
        "max",
        "regret",
        "exact",
    ]
    row = out.splitlines()[out.splitlines().index(header) + 1].split()
    assert row == ["1", "Defect", "Defect", "1", "1", "0", "yes"]


def test_json_is_the_result_dict() -> None:
    result = invoke("solve", example("battle_of_the_sexes.json"), "--method", "pure", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["method"] == "pure" and data["scope"] == "pure" and data["complete"] is True
    assert data["count"] == 2 and data["max_regret"] == 0
    assert [e["strategies"]["Alex"] for e in data["equilibria"]] == [
        {"Opera": "1", "Football": "0"},
        {"Opera": "0", "Football": "1"},
    ]
    assert data["equilibria"][0]["payoffs"] == {"Alex": 2.0, "Sam": 1.0}
    assert data["game"]["kind"] == "normal"


def test_csv_is_the_result_frame() -> None:
    result = invoke("solve", example("battle_of_the_sexes.json"), "--method", "pure", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["Alex"], r["Sam"]) for r in rows] == [("Opera", "Opera"), ("Football", "Football")]
    assert [float(r["payoff:Sam"]) for r in rows] == [1.0, 2.0]
    assert {r["max_regret"] for r in rows} == {"0.0"}


def test_no_pure_equilibrium_is_a_complete_answer() -> None:
    result = invoke("solve", example("matching_pennies.nfg"), "--method", "pure")
    assert result.exit_code == 0, result.stderr
    assert "no pure equilibrium (complete: the game has none)" in result.stdout
    data = json.loads(invoke("solve", example("matching_pennies.nfg"), "--method", "pure", "--format", "json").stdout)
    assert data["count"] == 0 and data["equilibria"] == [] and data["complete"] is True


def test_tree_is_solved_through_its_reduced_normal_form() -> None:
    result = invoke("solve", example("entry_deterrence.efg"), "--method", "pure")
    assert result.exit_code == 0, result.stderr
    assert "reduced normal form" in result.stdout
    data = json.loads(invoke("solve", example("entry_deterrence.efg"), "--method", "pure", "--format", "json").stdout)
    assert data["game"]["kind"] == "extensive"
    assert "reduced normal form" in data["game"]["form"]
    found = [(e["strategies"]["Entrant"], e["strategies"]["Incumbent"]) for e in data["equilibria"]]
    assert [(max(a, key=a.get), max(b, key=b.get)) for a, b in found] == [
        ("Out", "Fight"),
        ("In", "Accommodate"),
    ]


@pytest.fixture
def tied_game(tmp_path):
    """A 5×5 all-zero game: all 25 profiles are equilibria."""
    path = tmp_path / "zero.nfg"
    save(NormalFormGame(np.zeros((2, 5, 5), dtype=np.int64)), path)
    return path


def test_table_limit_defaults_to_twenty_and_says_how_many(tied_game) -> None:
    result = invoke("solve", tied_game, "--method", "pure")
    assert result.exit_code == 0, result.stderr
    assert "25 pure equilibria (complete" in result.stdout
    rows = [line for line in result.stdout.splitlines() if line[:3].strip().isdigit()]
    assert len(rows) == 20
    assert "showing 20 of 25" in result.stdout


@pytest.mark.parametrize("limit", [0, 3, 25, 100])
def test_limit_in_json_keeps_the_count(tied_game, limit) -> None:
    result = invoke("solve", tied_game, "--method", "pure", "--format", "json", "--limit", limit)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["count"] == 25
    assert len(data["equilibria"]) == min(limit, 25)
    assert ("listed" in result.stderr) == (limit < 25)


def test_limit_in_csv_notes_the_cut_on_stderr(tied_game) -> None:
    result = invoke("solve", tied_game, "--method", "pure", "--format", "csv", "--limit", "3")
    assert result.exit_code == 0, result.stderr
    assert len(list(csv.DictReader(io.StringIO(result.stdout)))) == 3
    assert "listed 3 of 25" in result.stderr


def test_negative_limit_is_a_usage_error(tied_game) -> None:
    result = invoke("solve", tied_game, "--method", "pure", "--limit", "-1")
    assert result.exit_code == 2
    assert "--limit" in result.stderr


def test_tol_admits_near_ties_in_float_games(tmp_path) -> None:
    path = tmp_path / "near.json"
    A = np.array([[1.0, 0.0], [1.0 - 1e-9, 0.5]])
    save(NormalFormGame.from_bimatrix(A, np.array([[1.0, 0.0], [1.0, 0.0]])), path)
    strict = json.loads(invoke("solve", path, "--method", "pure", "--format", "json").stdout)
    loose = json.loads(invoke("solve", path, "--method", "pure", "--format", "json", "--tol", "1e-6").stdout)
    assert strict["count"] < loose["count"]
    assert loose["parameters"]["tol"] == 1e-6
    assert loose["max_regret"] == pytest.approx(1e-9)
    table = invoke("solve", path, "--method", "pure", "--tol", "1e-6").stdout
    assert "float comparison, tolerance 1e-06" in table
    rows = [line.split() for line in table.splitlines() if line[:1].isdigit()]
    assert [row[-1] for row in rows] == ["no", "no"]  # float games prove nothing exactly
    assert rows[1][-2] == "1e-09"  # the near-tie's regret, accepted within --tol


def test_ten_player_game_matches_the_library(tmp_path) -> None:
    rng = np.random.default_rng(10)
    game = NormalFormGame(rng.integers(0, 3, size=(10,) + (2,) * 10))
    path = tmp_path / "ten.nfg"
    save(game, path)
    data = json.loads(invoke("solve", path, "--method", "pure", "--format", "json").stdout)
    expected = pure(game)
    assert data["count"] == len(expected) > 0
    assert [list(e["payoffs"].values()) for e in data["equilibria"]] == [list(e.payoffs) for e in expected]


def test_unknown_method_lists_the_valid_ones() -> None:
    result = invoke("solve", example("prisoners_dilemma.nfg"), "--method", "lemke")
    assert result.exit_code == 2
    assert "unknown method 'lemke'" in result.stderr and "pure" in result.stderr
