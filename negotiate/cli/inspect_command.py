"""``negotiate inspect FILE``: what a game file holds."""

from __future__ import annotations

from pathlib import Path

import click

from negotiate.cli.errors import about_file
from negotiate.cli.params import GameFile, input_format_option, output_format_option
from negotiate.cli.render import render_inspection

__all__ = ["inspect_command"]


@click.command("inspect")
@click.argument("file", type=GameFile())
@input_format_option("FILE")
@output_format_option
def inspect_command(file: Path, input_format: str | None, output_format: str) -> None:
    """Describe the game in FILE: players, strategies, size, nodes, information sets and properties.

    \b
    Examples:
      negotiate inspect negotiate/examples/prisoners_dilemma.nfg
      negotiate inspect negotiate/examples/entry_deterrence.efg --format json
    """
    from games.formats import format_for, load
    from negotiate.inspection import describe

    with about_file(file):
        game = load(file, format=input_format)
        info = {"file": str(file), "file_format": format_for(file, input_format).name, **describe(game)}
    click.echo(render_inspection(info, output_format.lower()), nl=False)
