"""`make demo` (python -m negotiate.demo) runs every step end to end."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from negotiate.cli import cli
from negotiate.demo import EXAMPLES, example, examples_dir, main


def test_demo_runs_every_step(capsys) -> None:
    assert main() == 0
    out = capsys.readouterr().out
    for name in EXAMPLES:
        assert name in out
    for command in ("$ negotiate inspect", "$ negotiate convert", "$ negotiate solve"):
        assert command in out
    assert "illustrative" in out
    assert "reduced normal form" in out
    assert "every step succeeded" in out


def test_demo_as_a_module() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "negotiate.demo"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert "every step succeeded" in proc.stdout


def test_examples_are_package_data() -> None:
    assert sorted(p.name for p in examples_dir().iterdir() if p.suffix != ".py") == sorted(EXAMPLES)
    assert all(example(name).stat().st_size > 0 for name in EXAMPLES)


def readme_sessions() -> list[tuple[str, str]]:
    """``(command, expected output)`` for every ``$ ...`` line of the README's console blocks."""
    text = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    sessions: list[tuple[str, str]] = []
    for block in re.findall(r"```console\n(.*?)```", text, flags=re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            sessions.append((command, output))
    return sessions


def comparable(text: str) -> list[str]:
    """Output lines, without the ones that measure time."""
    return [line.rstrip() for line in text.strip("\n").splitlines() if not line.startswith("Time ")]


def test_readme_tour_shows_real_output(tmp_path, monkeypatch) -> None:
    shutil.copytree(examples_dir(), tmp_path / "negotiate" / "examples")
    (tmp_path / "broken.nfg").write_text('NFG 1 R "oops" { "A" "B" } { 2 2 }\n3 3 5 0 0 x 1 1\n')
    monkeypatch.chdir(tmp_path)
    sessions = readme_sessions()
    assert len(sessions) >= 8
    for command, expected in sessions:
        words = shlex.split(command)
        if words[0] == "cat":
            got = Path(words[1]).read_text(encoding="utf-8")
        else:
            assert words[0] == "negotiate", command
            got = CliRunner().invoke(cli, words[1:]).output
        assert comparable(got) == comparable(expected), command
