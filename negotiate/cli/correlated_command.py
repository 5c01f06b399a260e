"""``negotiate correlated FILE``: a correlated equilibrium by linear programming."""

from __future__ import annotations

from pathlib import Path

import click

from negotiate.cli.errors import about_file
from negotiate.cli.game_loading import load_normal_form
from negotiate.cli.params import GameFile, input_format_option, output_format_option
from negotiate.cli.render import render_correlated

__all__ = ["correlated_command"]


@click.command("correlated")
@click.argument("file", type=GameFile())
@click.option(
    "--objective",
    type=click.Choice(["welfare", "max-min", "none"]),
    default="welfare",
    show_default=True,
    help="Maximise total expected payoff, the smallest player's expected payoff, or nothing.",
)
@click.option("--coarse", is_flag=True, help="A coarse correlated equilibrium (deviations decided before the recommendation).")
@click.option("--exact", is_flag=True, help="Also verify the distribution in exact rationals (exact games).")
@output_format_option
@input_format_option("FILE")
def correlated_command(
    file: Path, objective: str, coarse: bool, exact: bool, output_format: str, input_format: str | None
) -> None:
    """Find a correlated equilibrium of the game in FILE that maximises an objective.

    The table lists the profiles the device recommends with positive
    probability; the certificate is the largest gain any player makes by
    disobeying a recommendation.

    \b
    Examples:
      negotiate correlated negotiate/examples/battle_of_the_sexes.json
      negotiate correlated game.nfg --objective max-min --format json
    """
    from solvers.correlated import coarse_correlated_equilibrium, correlated_equilibrium

    with about_file(file):
        game, source = load_normal_form(file, input_format)
    solver = coarse_correlated_equilibrium if coarse else correlated_equilibrium
    result = solver(game, objective=objective, exact=exact)
    click.echo(render_correlated(result, output_format.lower(), source=source), nl=False)
