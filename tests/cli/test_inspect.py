"""`negotiate inspect`: table, JSON and CSV descriptions of game files."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from negotiate.cli import cli
from negotiate.demo import EXAMPLES, example


def invoke(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_table_names_players_strategies_and_properties() -> None:
    result = invoke("inspect", example("prisoners_dilemma.nfg"))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Prisoner's dilemma" in out
    assert "Row (2): Cooperate, Defect" in out
    assert "2×2 = 4 pure profiles, 8 payoff entries" in out
    lines = {line.split()[0]: line for line in out.splitlines() if line and not line.startswith(" ")}
    assert lines["Symmetric"].split()[-1] == "yes"
    assert lines["Zero-sum"].split()[-1] == "no"
    assert result.stderr == ""


def test_json_is_the_description_plus_the_file() -> None:
    path = example("matching_pennies.nfg")
    result = invoke("inspect", path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    info = json.loads(result.stdout)
    assert info["file"] == str(path) and info["file_format"] == "nfg"
    assert info["kind"] == "normal"
    assert info["players"] == ["Matcher", "Mismatcher"]
    assert info["strategies"] == {"Matcher": ["Heads", "Tails"], "Mismatcher": ["Heads", "Tails"]}
    assert info["zero_sum"] is True and info["exact"] is True


def test_csv_has_field_value_rows() -> None:
    result = invoke("inspect", example("us_japan_autos.toml"), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["field", "value"]
    fields = dict(rows[1:])
    assert fields["kind"] == "normal"
    assert json.loads(fields["shape"]) == [2, 3]
    assert json.loads(fields["strategies.Japan"])[0] == "accept"
    assert fields["exact"] == "true"


def test_extensive_form_reports_tree_facts() -> None:
    result = invoke("inspect", example("entry_deterrence.efg"))
    assert result.exit_code == 0, result.stderr
    assert "extensive form" in result.stdout
    assert "5 (2 decision, 0 chance, 3 terminal); depth 2" in result.stdout
    assert "Perfect recall" in result.stdout
    info = json.loads(invoke("inspect", example("entry_deterrence.efg"), "--format", "json").stdout)
    assert info["nodes"]["terminal"] == 3
    assert info["information_sets"]["Incumbent"] == {"count": 1, "actions": 2}
    assert info["reduced_normal_form"]["shape"] == [2, 2]


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_bundled_example_inspects(name: str) -> None:
    result = invoke("inspect", example(name), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["players"]


def test_from_overrides_the_extension(tmp_path) -> None:
    path = tmp_path / "game.txt"
    path.write_text(example("prisoners_dilemma.nfg").read_text())
    result = invoke("inspect", path, "--from", "nfg", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["shape"] == [2, 2]


def test_unknown_input_format_is_a_usage_error() -> None:
    result = invoke("inspect", example("prisoners_dilemma.nfg"), "--from", "xls")
    assert result.exit_code == 2
    assert "unknown file format 'xls'" in result.stderr
    assert "nfg" in result.stderr
