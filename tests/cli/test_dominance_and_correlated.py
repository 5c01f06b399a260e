"""`negotiate dominance` and `negotiate correlated`: thin commands over solvers.dominance and solvers.correlated."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from games.formats import save
from games.normal_form import NormalFormGame
from negotiate.cli import cli
from negotiate.demo import example


def invoke(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_dominance_solves_the_prisoners_dilemma() -> None:
    result = invoke("dominance", example("prisoners_dilemma.nfg"))
    assert result.exit_code == 0, result.stderr
    assert "2 strategies in 1 round" in result.stdout
    assert "Solved      yes" in result.stdout
    rows = [line.split() for line in result.stdout.splitlines() if line.strip().startswith("1 ")]
    assert [r[1:3] for r in rows] == [["Row", "Cooperate"], ["Column", "Cooperate"]]


def test_dominance_reports_a_mixed_dominator(tmp_path) -> None:
    # the middle row is beaten by neither pure row, only by their half-half mix
    game = NormalFormGame.from_bimatrix(
        [[3, 0], [1, 1], [0, 3]], [[0, 0], [0, 0], [0, 0]], strategies=[["Top", "Middle", "Bottom"], ["L", "R"]]
    )
    path = tmp_path / "mixed.nfg"
    save(game, path)
    data = json.loads(invoke("dominance", path, "--format", "json").stdout)
    (step,) = data["eliminations"]
    assert step["strategy"] == "Middle" and step["kind"] == "mixed"
    assert step["exact"] is True
    pure_only = json.loads(invoke("dominance", path, "--pure-only", "--format", "json").stdout)
    assert pure_only["eliminations"] == []


def test_weak_dominance_and_csv(tmp_path) -> None:
    game = NormalFormGame.from_bimatrix([[1, 1], [1, 0]], [[1, 1], [1, 0]])
    path = tmp_path / "weak.nfg"
    save(game, path)
    strict = invoke("dominance", path, "--format", "csv")
    assert strict.exit_code == 0
    assert len(list(csv.DictReader(io.StringIO(strict.stdout)))) == 0
    weak = invoke("dominance", path, "--weak", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(weak.stdout)))
    assert {r["strategy"] for r in rows} == {"2"}


def test_correlated_equilibrium_of_chicken_beats_every_nash_welfare(tmp_path) -> None:
    # chicken: the welfare-maximising CE puts 1/2 on (C,C) and 1/4 on (C,D), (D,C): welfare 10.5,
    # above every Nash equilibrium's (9, 9 and 9 1/3)
    game = NormalFormGame.from_bimatrix(
        [[6, 2], [7, 0]], [[6, 7], [2, 0]], strategies=[["Chicken", "Dare"], ["Chicken", "Dare"]]
    )
    path = tmp_path / "chicken.nfg"
    save(game, path)
    result = invoke("correlated", path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert abs(data["objective_value"] - 10.5) < 1e-6
    assert data["max_violation"] <= 1e-9
    table = invoke("correlated", path)
    assert "Max violation" in table.stdout and "probability" in table.stdout


def test_correlated_options_and_bad_input(tmp_path) -> None:
    ok = invoke("correlated", example("battle_of_the_sexes.json"), "--objective", "max-min", "--format", "csv")
    assert ok.exit_code == 0
    assert "probability" in ok.stdout.splitlines()[0]
    coarse = invoke("correlated", example("battle_of_the_sexes.json"), "--coarse", "--format", "json")
    assert json.loads(coarse.stdout)["kind"] == "coarse"
    bad = tmp_path / "bad.nfg"
    bad.write_text('NFG 1 R "x" { "A" "B" } { 2 2 }\n1 2 3')
    for command in ("dominance", "correlated"):
        result = invoke(command, bad)
        assert result.exit_code == 2
        assert "bad.nfg" in result.stderr and "Traceback" not in result.stderr
