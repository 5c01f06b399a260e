"""``negotiate convert IN OUT``: rewrite a game in another file format."""

from __future__ import annotations

from pathlib import Path

import click

from negotiate.cli.errors import about_file
from negotiate.cli.params import FILE_FORMAT, GameFile, OutputFile, input_format_option

__all__ = ["convert_command"]


@click.command("convert")
@click.argument("source", metavar="IN", type=GameFile())
@click.argument("target", metavar="OUT", type=OutputFile())
@input_format_option("IN")
@click.option(
    "--to",
    "output_format",
    type=FILE_FORMAT,
    default=None,
    help="Format of OUT (default: from its extension).",
)
def convert_command(source: Path, target: Path, input_format: str | None, output_format: str | None) -> None:
    """Read the game in IN and write it to OUT in another format.

    Exact rationals are kept. An extensive-form game written to a format that
    holds only normal-form games (such as .nfg) is written as its reduced
    normal form, and the command says so.

    \b
    Examples:
      negotiate convert negotiate/examples/prisoners_dilemma.nfg pd.toml
      negotiate convert negotiate/examples/entry_deterrence.efg entry.nfg
    """
    from games.extensive_form import ExtensiveFormGame
    from games.formats import format_for, load, save

    fmt = format_for(target, output_format)  # an unknown target format fails before reading
    note = ""
    with about_file(source):
        game = load(source, format=input_format)
        if isinstance(game, ExtensiveFormGame) and ExtensiveFormGame not in fmt.kinds:
            game = game.to_normal_form()
            note = ", the reduced normal form of the extensive-form game"
    save(game, target, format=fmt.name)
    click.echo(f"wrote {target} ({fmt.name}{note})")
