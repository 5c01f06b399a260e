"""`negotiate solve` with the two-player methods: auto, vertex, support, lemke-howson, lp; --exact, --all, --timeout."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from games.formats import save
from games.normal_form import NormalFormGame
from negotiate.cli import cli
from negotiate.demo import example


def invoke(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def solve_json(*args: object) -> dict:
    result = invoke("solve", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_auto_finds_the_mixed_equilibrium_of_matching_pennies_exactly() -> None:
    data = solve_json(example("matching_pennies.nfg"))
    assert data["method"] == "vertex" and data["parameters"]["chosen_by"] == "auto"
    (eq,) = data["equilibria"]
    assert eq["exact"] is True
    assert set(eq["strategies"]["Matcher"].values()) == {"1/2"}


@pytest.mark.parametrize("method", ["support", "vertex"])
def test_enumeration_methods_list_the_three_equilibria_of_battle_of_the_sexes(method: str) -> None:
    data = solve_json(example("battle_of_the_sexes.json"), "--method", method, "--exact")
    assert data["count"] == 3 and data["complete"] is True
    assert all(e["exact"] for e in data["equilibria"])


def test_lemke_howson_one_or_all() -> None:
    one = solve_json(example("battle_of_the_sexes.json"), "--method", "lemke-howson")
    assert one["count"] == 1 and one["complete"] is False
    every = solve_json(example("battle_of_the_sexes.json"), "--method", "lemke-howson", "--all", "--exact")
    assert every["method"] == "lemke-howson-all" and every["count"] == 3
    misuse = invoke("solve", example("battle_of_the_sexes.json"), "--method", "vertex", "--all")
    assert misuse.exit_code == 2 and "--all applies to --method lemke-howson" in misuse.stderr


def test_lp_on_a_zero_sum_game_and_refusal_otherwise(tmp_path) -> None:
    path = tmp_path / "rps.nfg"
    save(NormalFormGame.from_bimatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]]), path)
    data = solve_json(path, "--method", "lp")
    assert data["method"] == "lp" and abs(data["statistics"]["value"]) < 1e-9
    refused = invoke("solve", example("battle_of_the_sexes.json"), "--method", "lp")
    assert refused.exit_code == 1 and "zero-sum" in refused.stderr


def test_options_a_method_does_not_take_are_an_error() -> None:
    result = invoke("solve", example("prisoners_dilemma.nfg"), "--method", "pure", "--timeout", "5")
    assert result.exit_code == 2 and "does not take" in result.stderr


def test_timeout_reports_what_was_found_and_exits_1(tmp_path) -> None:
    rng = np.random.default_rng(0)
    path = tmp_path / "big.nfg"
    save(NormalFormGame.from_bimatrix(rng.integers(0, 4, (12, 12)), rng.integers(0, 4, (12, 12))), path)
    result = invoke("solve", path, "--method", "support", "--exact", "--timeout", "0.001", "--format", "json")
    assert result.exit_code == 1
    assert "stopped early" in result.stderr
    data = json.loads(result.stdout)
    assert data["status"] == "timeout" and data["complete"] is False
