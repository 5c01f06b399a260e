"""Parameter types of the command line: game files, file formats, solver methods, output formats.

Each type validates at the door and says what it expected. The names of file
formats and solver methods come from the library's registries
(:data:`games.formats.FORMATS`, :data:`solvers.nash.METHODS`), read lazily so
that ``negotiate --help`` does not import the solvers.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click
from click.decorators import FC
from click.shell_completion import CompletionItem

__all__ = [
    "GameFile",
    "OutputFile",
    "RegistryChoice",
    "FILE_FORMAT",
    "METHOD",
    "OUTPUT_FORMAT",
    "OUTPUT_FORMATS",
    "file_format_names",
    "method_names",
    "input_format_option",
    "output_format_option",
]

#: What ``--format`` accepts for printed output.
OUTPUT_FORMATS = ("table", "json", "csv")


def _registry(module: str, attribute: str) -> Callable[[], Sequence[str]]:
    def names() -> Sequence[str]:
        return sorted(getattr(importlib.import_module(module), attribute))

    return names


#: Names of the game file formats (keys of :data:`games.formats.FORMATS`).
file_format_names = _registry("games.formats", "FORMATS")
def method_names() -> Sequence[str]:
    """Names of the equilibrium methods (keys of :data:`solvers.nash.METHODS`), and ``auto``."""
    nash = importlib.import_module("solvers.nash")
    return [nash.AUTO, *sorted(nash.METHODS)]


class GameFile(click.Path):
    """An existing, readable file (not a directory); converts to a :class:`~pathlib.Path`.

    The file is only checked here; it is parsed by the command, so that a
    parse error is reported with its line and not as a usage error.
    """

    name = "game file"

    def __init__(self) -> None:
        super().__init__(exists=True, dir_okay=False, readable=True, path_type=Path)


class OutputFile(click.Path):
    """A file to write (not a directory); converts to a :class:`~pathlib.Path`."""

    name = "output file"

    def __init__(self) -> None:
        super().__init__(dir_okay=False, writable=True, path_type=Path)


class RegistryChoice(click.ParamType):
    """One of the names of a registry, read only when needed.

    Parameters
    ----------
    what
        What a name names, for messages (``"method"``).
    names
        Returns the valid names.
    """

    def __init__(self, what: str, names: Callable[[], Sequence[str]]) -> None:
        self.name = what
        self._names = names

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "[" + "|".join(self._names()) + "]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value).strip().lower()
        names = self._names()
        if text not in names:
            self.fail(f"unknown {self.name} {value!r}; choose one of: {', '.join(names)}", param, ctx)
        return text

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        return [CompletionItem(n) for n in self._names() if n.startswith(incomplete.lower())]


#: A game file format (``nfg``, ``efg``, ``toml``, ``json`` ...).
FILE_FORMAT = RegistryChoice("file format", file_format_names)
#: A Nash-equilibrium method of :mod:`solvers.nash`.
METHOD = RegistryChoice("method", method_names)
#: How results are printed.
OUTPUT_FORMAT = click.Choice(OUTPUT_FORMATS, case_sensitive=False)


def input_format_option(argument: str) -> Callable[[FC], FC]:
    """The ``--from`` option (``input_format``): the file format of the game file ``argument``."""
    return click.option(
        "--from",
        "input_format",
        type=FILE_FORMAT,
        default=None,
        help=f"Format of {argument} (default: from its extension).",
    )


#: The ``--format`` option (``output_format``): how a command prints its result.
output_format_option = click.option(
    "--format", "output_format", type=OUTPUT_FORMAT, default="table", show_default=True, help="Output format."
)
