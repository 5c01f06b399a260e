"""Reading and writing games: Gambit's ``.nfg`` and ``.efg``, and our TOML and JSON.

:func:`load` and :func:`save` choose the format from the file's extension
(or ``format=``); :func:`loads` and :func:`dumps` work on text. Every format
keeps numbers exact: a payoff written ``-1/18`` or ``0.1`` is read as a
:class:`~fractions.Fraction`, and a game written and read back is equal to the
original.

=========  ==============  ======================================================
name       extensions      holds
=========  ==============  ======================================================
``nfg``    ``.nfg``        normal-form games (Gambit, both versions)
``efg``    ``.efg``        extensive-form games (Gambit)
``toml``   ``.toml``       both kinds (``negotiate.nfg/1``, ``negotiate.efg/1``)
``json``   ``.json``       both kinds (same data model as TOML)
=========  ==============  ======================================================

Every problem with a file is a :class:`~games.errors.FormatError` naming the
file and the line and column (Gambit files, TOML/JSON syntax) or the key path
(TOML/JSON content); a file declaring a game too large to hold raises
:class:`~games.errors.GameTooLargeError` before anything is allocated.

Examples
--------
>>> from games import NormalFormGame
>>> g = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
>>> text = dumps(g, "nfg")
>>> loads(text, "nfg") == g
True
>>> loads(dumps(g, "json"), "json") == g
True
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Union

from games.errors import FormatError, UnsupportedGameError
from games.extensive_form import ExtensiveFormGame
from games.formats import efg, native, nfg
from games.normal_form import NormalFormGame

__all__ = ["FORMATS", "GameFormat", "Game", "load", "save", "loads", "dumps", "format_for", "decode"]

Game = Union[NormalFormGame, ExtensiveFormGame]  # noqa: UP007  (a runtime alias)


@dataclass(frozen=True)
class GameFormat:
    """A file format: its name, extensions, the game kinds it holds, a reader and a writer.

    Attributes
    ----------
    name
        Registry key (``"nfg"``, ...).
    extensions
        File extensions, with the dot, lower case.
    kinds
        The game classes the format can hold.
    description
        One line for help texts.
    read
        ``read(text, path) -> game``.
    write
        ``write(game) -> text``.
    """

    name: str
    extensions: tuple[str, ...]
    kinds: tuple[type, ...]
    description: str
    read: Callable[[str, str | None], Game]
    write: Callable[[Game], str]


def _nfg_write(game: Game) -> str:
    assert isinstance(game, NormalFormGame)
    return nfg.dumps(game)


def _efg_write(game: Game) -> str:
    assert isinstance(game, ExtensiveFormGame)
    return efg.dumps(game)


#: The registry of formats, by name.
FORMATS: dict[str, GameFormat] = {
    "nfg": GameFormat(
        "nfg",
        (".nfg",),
        (NormalFormGame,),
        "Gambit strategic form (payoff or outcome version)",
        lambda text, path: nfg.loads(text, path=path),
        _nfg_write,
    ),
    "efg": GameFormat(
        "efg",
        (".efg",),
        (ExtensiveFormGame,),
        "Gambit extensive form",
        lambda text, path: efg.loads(text, path=path),
        _efg_write,
    ),
    "toml": GameFormat(
        "toml",
        (".toml",),
        (NormalFormGame, ExtensiveFormGame),
        "negotiate TOML (negotiate.nfg/1 or negotiate.efg/1)",
        lambda text, path: native.loads_toml(text, path=path),
        native.dumps_toml,
    ),
    "json": GameFormat(
        "json",
        (".json",),
        (NormalFormGame, ExtensiveFormGame),
        "negotiate JSON (negotiate.nfg/1 or negotiate.efg/1)",
        lambda text, path: native.loads_json(text, path=path),
        native.dumps_json,
    ),
}


_KIND_NAMES: dict[type, str] = {NormalFormGame: "normal-form", ExtensiveFormGame: "extensive-form"}


def _known() -> str:
    return ", ".join(ext for f in FORMATS.values() for ext in f.extensions)


def format_for(path: str | os.PathLike[str] | None = None, format: str | None = None) -> GameFormat:
    """The format named ``format`` (``"nfg"`` or ``".nfg"``), else the one of ``path``'s extension.

    Raises
    ------
    FormatError
        For an unknown name or extension, listing the known ones.

    Examples
    --------
    >>> format_for("games/pd.NFG").name, format_for(format=".json").name
    ('nfg', 'json')
    """
    where = None if path is None else str(path)
    if format is not None:
        name = format.lower().lstrip(".")
        if name in FORMATS:
            return FORMATS[name]
        raise FormatError(
            f"unknown format {format!r}", path=where, expected="one of " + ", ".join(repr(k) for k in FORMATS)
        )
    if path is None:
        raise FormatError(
            "no format given and no file name to guess it from", expected="one of " + ", ".join(FORMATS)
        )
    suffix = Path(path).suffix.lower()
    for fmt in FORMATS.values():
        if suffix in fmt.extensions:
            return fmt
    raise FormatError(
        f"unknown file extension {suffix!r}" if suffix else "the file name has no extension",
        path=where,
        expected=f"one of {_known()} (or give format=...)",
    )


def decode(data: bytes, path: str | None = None) -> str:
    """Decode a file's bytes as UTF-8 text, refusing binary data and empty files.

    A leading byte-order mark is dropped.

    Raises
    ------
    FormatError
        For an empty (or blank) file, bytes that are not UTF-8, or a NUL byte,
        with the line and column of the first offending byte.

    Examples
    --------
    >>> decode(b"NFG 1 R")
    'NFG 1 R'
    >>> decode(b"NFG\\n\\xff\\xfe", "x.nfg")
    Traceback (most recent call last):
    ...
    games.errors.FormatError: x.nfg, line 2, column 1: not a text file: byte 0xff is not UTF-8 (binary data?)
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        raise FormatError(
            f"not a text file: byte 0x{data[exc.start]:02x} is not UTF-8 (binary data?)",
            path=path,
            line=line,
            column=column,
        ) from None
    return _check_text(text, path)


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, len(data[start:offset].decode("utf-8", "replace")) + 1


_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f]")


def _check_text(text: str, path: str | None) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise FormatError("empty file" if not text else "empty file (only whitespace)", path=path)
    match = _BINARY.search(text)
    if match is not None:
        offset = match.start()
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        raise FormatError(
            f"not a text file: control character 0x{ord(match.group()):02x} (binary data?)",
            path=path,
            line=line,
            column=column,
        )
    return text


def loads(text: str | bytes, format: str, *, path: str | None = None) -> Game:
    """Read a game from text (or bytes) in the named format.

    Parameters
    ----------
    text
        The file's contents.
    format
        A name from :data:`FORMATS` (or an extension such as ``".nfg"``).
    path
        A file name for error messages.

    Raises
    ------
    FormatError
        For anything that does not parse, naming the line and column or key.
    GameTooLargeError
        For a game that would not fit, before allocating it.
    """
    fmt = format_for(path, format)
    if isinstance(text, bytes | bytearray):
        text = decode(bytes(text), path)
    else:
        text = _check_text(text, path)
    return fmt.read(text, path)


def dumps(game: Game, format: str) -> str:
    """Write ``game`` as text in the named format.

    Raises
    ------
    UnsupportedGameError
        If the format does not hold this kind of game (``.nfg`` holds only
        normal-form games, ``.efg`` only extensive-form ones; convert with
        :meth:`ExtensiveFormGame.to_normal_form` first).
    FormatError
        If a label cannot be written in the format.
    """
    fmt = format_for(None, format)
    if not isinstance(game, fmt.kinds):
        holds = " and ".join(_KIND_NAMES.get(k, k.__name__) + " games" for k in fmt.kinds)
        this = _KIND_NAMES.get(type(game), type(game).__name__)
        article = "an" if this[0] in "aeiouAEIOU" else "a"
        hint = " (convert it with game.to_normal_form() first)" if isinstance(game, ExtensiveFormGame) else ""
        raise UnsupportedGameError(f"the {fmt.name} format holds {holds}, not {article} {this} game{hint}")
    return fmt.write(game)


def load(path: str | os.PathLike[str], *, format: str | None = None) -> Game:
    """Read a game from a file, choosing the format by extension (or ``format=``).

    Raises
    ------
    FormatError
        Naming the file and the line and column or key of the first problem;
        also for an unknown extension, an unreadable, empty or binary file.
    GameTooLargeError
        For a game that would not fit, before allocating it.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from games import NormalFormGame
    >>> g = NormalFormGame.from_bimatrix([[1, 0], [0, 1]])
    >>> with tempfile.TemporaryDirectory() as d:
    ...     save(g, pathlib.Path(d) / "game.toml")
    ...     load(pathlib.Path(d) / "game.toml") == g
    True
    """
    where = str(path)
    fmt = format_for(path, format)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise FormatError(f"cannot read the file: {exc.strerror or exc}", path=where) from None
    return fmt.read(decode(data, where), where)


def save(game: Game, path: str | os.PathLike[str], *, format: str | None = None) -> None:
    """Write ``game`` to a file, choosing the format by extension (or ``format=``).

    Raises
    ------
    FormatError
        For an unknown extension, a label the format cannot write, or a file
        that cannot be written.
    UnsupportedGameError
        If the format does not hold this kind of game.
    """
    where = str(path)
    fmt = format_for(path, format)
    try:
        text = dumps(game, fmt.name)
    except FormatError as exc:
        raise exc.located(where) from None
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise FormatError(f"a label cannot be encoded as UTF-8: {exc.reason}", path=where) from None
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        raise FormatError(f"cannot write the file: {exc.strerror or exc}", path=where) from None
