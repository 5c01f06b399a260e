"""Rendering for the command line, in one place: tables for people, JSON and CSV for programs.

Commands compute; this module turns what they computed into text. Each
renderer takes plain data (the dict of :func:`negotiate.inspection.describe`,
an :class:`~solvers.results.EquilibriumSet`) and an output format, one of
``table``, ``json`` or ``csv``, and returns the whole text to print.

pandas is imported only on the CSV path of results (through
:meth:`~solvers.results.EquilibriumSet.to_frame`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from solvers.results import EquilibriumSet

__all__ = [
    "format_number",
    "format_seconds",
    "text_table",
    "render_inspection",
    "render_equilibria",
    "DEFAULT_TABLE_LIMIT",
]

#: Equilibria listed in a table when ``--limit`` is not given.
DEFAULT_TABLE_LIMIT = 20


# ---------------------------------------------------------------------- primitives
def format_number(value: Any) -> str:
    """A number for a table: exact rationals as ``a/b``, floats to 6 significant digits.

    Examples
    --------
    >>> format_number(Fraction(-1, 18)), format_number(2.0), format_number(1/3), format_number(True)
    ('-1/18', '2', '0.333333', 'yes')
    """
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value == 0:
            return "0"
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.6g}"
    if value is None:
        return "-"
    return str(value)


def format_seconds(seconds: float) -> str:
    """A duration with a readable unit.

    Examples
    --------
    >>> format_seconds(0.000125), format_seconds(0.0042), format_seconds(12.345)
    ('125 µs', '4.2 ms', '12.3 s')
    """
    if seconds < 1e-3:
        return f"{seconds * 1e6:.3g} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds:.3g} s"


def _is_numeric(text: str) -> bool:
    try:
        Fraction(text)
    except (ValueError, ZeroDivisionError):
        return False
    return True


def text_table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, indent: str = "") -> str:
    """An aligned plain-text table; columns whose cells are all numbers are right-aligned.

    Examples
    --------
    >>> print(text_table(["player", "payoff"], [["Row", "3"], ["Column", "-1/2"]]))
    player  payoff
    Row          3
    Column    -1/2
    """
    cols = len(headers)
    cells = [[str(c) for c in row] for row in rows]
    widths = [max([len(headers[j])] + [len(r[j]) for r in cells]) for j in range(cols)]
    numeric = [bool(cells) and all(_is_numeric(r[j]) for r in cells) for j in range(cols)]

    def line(values: Sequence[str]) -> str:
        parts = [v.rjust(widths[j]) if numeric[j] else v.ljust(widths[j]) for j, v in enumerate(values)]
        return (indent + "  ".join(parts)).rstrip()

    return "\n".join([line(headers)] + [line(r) for r in cells])


def _fields(pairs: Sequence[tuple[str, str]]) -> str:
    """``Name   value`` lines, names aligned; a value's later lines are indented under it."""
    width = max((len(k) for k, _ in pairs), default=0)
    out = []
    for key, value in pairs:
        lines = str(value).split("\n")
        out.append(f"{key.ljust(width)}  {lines[0]}".rstrip())
        out.extend(f"{' ' * width}  {more}".rstrip() for more in lines[1:])
    return "\n".join(out)


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _flatten(data: Mapping[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    rows: list[tuple[str, Any]] = []
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            rows.extend(_flatten(value, name + "."))
        elif isinstance(value, (list, tuple)):
            rows.append((name, json.dumps(value, ensure_ascii=False)))
        elif isinstance(value, bool):
            rows.append((name, "true" if value else "false"))
        elif value is None:
            rows.append((name, ""))
        else:
            rows.append((name, value))
    return rows


def _csv(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue()


def _yes_no(value: Any) -> str:
    if value is None:
        return "unknown"
    return "yes" if value else "no"


def _count(n: int, singular: str, plural: str | None = None) -> str:
    word = singular if n == 1 else (plural or singular + "s")
    return f"{n:,} {word}"


# ---------------------------------------------------------------------- inspect
def _big(n: int) -> str:
    """An integer in full up to ten million, else to three significant digits."""
    return f"{n:,}" if n < 10_000_000 else f"{n:.3g}"


def _shape_text(shape: Sequence[int]) -> str:
    return "×".join(str(s) if s < 10_000_000 else f"{s:.3g}" for s in shape)


def _inspection_fields(info: Mapping[str, Any]) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    if info.get("file"):
        fmt = info.get("file_format")
        pairs.append(("File", f"{info['file']}" + (f" ({fmt})" if fmt else "")))
    if info.get("title"):
        pairs.append(("Title", str(info["title"])))
    players = list(info["players"])
    if info["kind"] == "normal":
        pairs.append(("Form", "normal (strategic) form"))
        pairs.append(("Players", f"{len(players)}: {', '.join(players)}"))
        strategies = info["strategies"]
        pairs.append(
            (
                "Strategies",
                "\n".join(f"{p} ({len(s)}): {', '.join(s)}" for p, s in strategies.items()),
            )
        )
        pairs.append(
            (
                "Size",
                f"{_shape_text(info['shape'])} = {_count(info['profiles'], 'pure profile')}, "
                f"{_count(info['payoff_entries'], 'payoff entry', 'payoff entries')}",
            )
        )
    else:
        pairs.append(("Form", "extensive form (game tree)"))
        pairs.append(("Players", f"{len(players)}: {', '.join(players)}"))
        nodes = info["nodes"]
        pairs.append(
            (
                "Nodes",
                f"{nodes['total']:,} ({nodes['decision']:,} decision, {nodes['chance']:,} chance, "
                f"{nodes['terminal']:,} terminal); depth {info['depth']}",
            )
        )
        sets = info["information_sets"]
        pairs.append(
            (
                "Information sets",
                "\n".join(
                    f"{p}: {_count(v['count'], 'set')}, {_count(v['actions'], 'action')}"
                    for p, v in sets.items()
                ),
            )
        )
        pairs.append(("Perfect information", _yes_no(info.get("perfect_information"))))
        pairs.append(("Perfect recall", _yes_no(info.get("perfect_recall"))))
        reduced = info.get("reduced_normal_form")
        if reduced is not None:
            if reduced.get("shape") is not None:
                text = f"{_shape_text(reduced['shape'])} = {_big(reduced['profiles'])} pure profiles"
                if reduced.get("too_large"):
                    text += f"\ntoo large to build: {reduced['too_large']}"
                else:
                    text += " (reduced strategies per player)"
            else:
                text = f"not computed: {reduced.get('reason', 'unknown')}"
            pairs.append(("Reduced normal form", text))
    pay = info.get("payoffs")
    if pay:
        ranges = [
            f"{p}: {format_number(_number(lo))} to {format_number(_number(hi))}"
            for p, lo, hi in zip(players, pay["min"], pay["max"])
        ]
        pairs.append(("Payoffs", "\n".join(ranges)))
    pairs.append(
        ("Exact", "yes (rational numbers, kept exactly)" if info.get("exact") else "no (floating point)")
    )
    pairs.append(("Zero-sum", _yes_no(info.get("zero_sum"))))
    pairs.append(("Constant-sum", _yes_no(info.get("constant_sum"))))
    if "symmetric" in info:
        pairs.append(("Symmetric", _yes_no(info.get("symmetric"))))
    return pairs


def _number(value: Any) -> Any:
    """A JSON-safe number back as a Fraction when it was written ``"a/b"``."""
    if isinstance(value, str):
        try:
            return Fraction(value)
        except (ValueError, ZeroDivisionError):
            return value
    return value


def render_inspection(info: Mapping[str, Any], fmt: str) -> str:
    """Render the dict of :func:`negotiate.inspection.describe` as ``table``, ``json`` or ``csv``.

    ``csv`` has two columns, ``field`` and ``value``, with nested fields
    dotted (``strategies.Row``) and lists written as JSON.
    """
    if fmt == "json":
        return _json(dict(info))
    if fmt == "csv":
        return _csv(["field", "value"], _flatten(info))
    return _fields(_inspection_fields(info)) + "\n"


# ---------------------------------------------------------------------- solve
def _scope_text(result: EquilibriumSet) -> str:
    what = {
        "pure": "pure equilibrium",
        "extreme": "extreme equilibrium",
        "one": "equilibrium",
        "all": "equilibrium",
        "lh-accessible": "equilibrium",
    }.get(
        result.scope, f"{result.scope} equilibrium"
    )
    return what


def _found_text(result: EquilibriumSet) -> str:
    n = len(result)
    what = _scope_text(result)
    found = _count(n, what, what.replace("equilibrium", "equilibria"))
    if not result.complete:
        return f"{found} (not known to be complete)"
    if n == 0:
        return f"no {what} (complete: the game has none)"
    return f"{found} (complete: there are no others)"


#: What each equilibrium method computes, for the table's "Method" line.
_METHOD_WHAT = {
    "pure": "every pure-strategy Nash equilibrium",
    "support": "support enumeration",
    "vertex": "vertex enumeration: every extreme equilibrium",
    "lemke-howson": "Lemke-Howson: one equilibrium",
    "lemke-howson-all": "Lemke-Howson from every initial label",
    "lp": "linear programming: value and optimal strategies of a zero-sum game",
}


def _method_text(result: EquilibriumSet) -> str:
    params = {k: v for k, v in result.parameters.items() if k not in ("chosen_by", "reason")}
    what = _METHOD_WHAT.get(result.method)
    if what is None:
        shown = ", ".join(f"{k}={v}" for k, v in params.items())
        return f"{result.method}" + (f" ({shown})" if shown else "")
    if params.get("exact"):
        how = "exact rational comparison" if result.method == "pure" else "exact rational arithmetic"
    elif "tol" in params:
        arithmetic = "float comparison" if result.method == "pure" else "floating point"
        how = f"{arithmetic}, tolerance {params['tol']}"
    else:
        how = "floating point"
    return f"{result.method}: {what}, {how}"


def _strategy_cell(eq: Any, player: int) -> str:
    game = eq.game
    labels = game.strategies[player]
    vec = eq.profile.strategies[player]
    support = [k for k in range(len(vec)) if vec[k] > 0]
    if len(support) == 1:
        return labels[support[0]]
    exact = eq.profile.exact
    probs = [exact[player][k] if exact is not None else float(vec[k]) for k in support]
    return ", ".join(f"{labels[k]} {format_number(p)}" for k, p in zip(support, probs))


def _equilibrium_rows(result: EquilibriumSet, shown: int) -> tuple[list[str], list[list[str]]]:
    from solvers.results import PureEquilibria

    game = result.game
    assert game is not None
    players = list(game.players)
    headers = ["#"] + players + [f"payoff {p}" for p in players] + ["max regret", "exact"]
    rows: list[list[str]] = []
    eqs = result.equilibria
    if isinstance(eqs, PureEquilibria):
        idx = eqs.indices[:shown].tolist()
        exact = game.is_exact
        pay: list[Sequence[Any]]
        if exact:
            pay = [game.exact_payoff(tuple(row)) for row in idx]
        else:
            pay = eqs.payoff_array()[:shown].tolist()
        for k, row in enumerate(idx):
            rows.append(
                [str(k + 1)]
                + [game.strategies[i][s] for i, s in enumerate(row)]
                + [format_number(v) for v in pay[k]]
                + [format_number(float(eqs.regrets[k])), format_number(exact)]
            )
        return headers, rows
    for k, eq in enumerate(eqs[:shown]):
        rows.append(
            [str(k + 1)]
            + [_strategy_cell(eq, i) for i in range(len(players))]
            + [format_number(v) for v in eq.payoffs]
            + [format_number(float(eq.max_regret)), format_number(bool(eq.exact))]
        )
    return headers, rows


def render_equilibria(
    result: EquilibriumSet,
    fmt: str,
    *,
    limit: int | None = None,
    source: Mapping[str, Any] | None = None,
) -> tuple[str, str | None]:
    """Render a set of equilibria as ``table``, ``json`` or ``csv``.

    Parameters
    ----------
    result
        The solver's result.
    fmt
        ``table`` (for people), ``json`` (:meth:`~solvers.results.EquilibriumSet.to_dict`
        with a ``game`` entry describing the input) or ``csv``
        (:meth:`~solvers.results.EquilibriumSet.to_frame`).
    limit
        List at most this many equilibria; ``None`` lists :data:`DEFAULT_TABLE_LIMIT`
        in a table and all of them in JSON and CSV. The number found is always
        given (table header, JSON ``count``).
    source
        What was solved: ``file``, ``title``, ``form`` (a sentence such as
        "the reduced normal form of an extensive-form game"), ``shape``.

    Returns
    -------
    (text, note)
        The text for stdout and, when JSON or CSV output was cut by ``limit``,
        a note for stderr (else ``None``).
    """
    total = len(result)
    if limit is None and fmt == "table":
        limit = DEFAULT_TABLE_LIMIT
    shown = total if limit is None else min(limit, total)
    cut = shown < total
    note = f"listed {shown:,} of {total:,} equilibria found (raise --limit to list more)" if cut else None
    source = dict(source or {})
    if fmt == "json":
        data = result.to_dict(limit=shown)
        data["game"] = source
        return _json(data), note
    if fmt == "csv":
        frame = result.to_frame()
        if cut:
            frame = frame.head(shown)
        return frame.to_csv(index=False), note
    pairs: list[tuple[str, str]] = []
    game_line = str(source.get("title") or "")
    if source.get("file"):
        game_line = f"{game_line} ({source['file']})" if game_line else str(source["file"])
    if game_line:
        pairs.append(("Game", game_line))
    if source.get("form"):
        pairs.append(("Solved", str(source["form"])))
    pairs.append(("Method", _method_text(result)))
    if result.parameters.get("chosen_by") == "auto":
        pairs.append(("Chosen", f"by --method auto: {result.parameters.get('reason', '')}"))
    if result.status != "ok":
        pairs.append(("Status", f"{result.status}: the solve stopped early"))
    pairs.append(("Found", _found_text(result)))
    if total:
        pairs.append(
            (
                "Max regret",
                f"{format_number(result.max_regret)} (the certificate: no player gains more by deviating)",
            )
        )
    seconds = result.statistics.get("seconds")
    if seconds is not None:
        profiles = result.statistics.get("profiles")
        over = f" over {profiles:,} pure profiles" if isinstance(profiles, int) else ""
        pairs.append(("Time", f"{format_seconds(seconds)}{over}"))
    text = _fields(pairs) + "\n"
    if total and shown:
        headers, rows = _equilibrium_rows(result, shown)
        text += "\n" + text_table(headers, rows) + "\n"
    if cut:
        text += f"\n… {total - shown:,} more not listed (showing {shown:,} of {total:,}; use --limit N to list more).\n"
    return text, None


# ---------------------------------------------------------------------- dominance
def render_dominance(result: Any, fmt: str, *, source: Mapping[str, Any]) -> str:
    """Iterated elimination as a table (the steps, then the survivors), JSON, or CSV (one row per step)."""
    if fmt == "json":
        return _json(result.to_dict())
    if fmt == "csv":
        return result.to_frame().to_csv(index=False)
    game = result.game
    criterion = "strictly" if result.criterion == "strict" else "weakly"
    pairs = [
        ("Game", _source_text(source)),
        ("Method", f"iterated elimination of {criterion} dominated strategies ({result.order} rounds)"),
        ("Eliminated", f"{_count(len(result.eliminations), 'strategy', 'strategies')} in "
                       f"{_count(result.rounds, 'round')}"),
    ]
    if result.status != "ok":
        pairs.append(("Status", f"{result.status}: stopped early"))
    for i, labels in enumerate(result.surviving_labels):
        pairs.append(("Survivors" if i == 0 else "", f"{game.players[i]}: {', '.join(labels)}"))
    if result.solved:
        pairs.append(("Solved", "yes: one strategy survives for every player"))
    pairs.append(("Exact", _yes_no(result.exact) + (" (every dominance proved in rationals)" if result.exact else "")))
    text = _fields(pairs) + "\n"
    if result.eliminations:
        rows = [
            [str(e.round), e.player, e.strategy, e.dominator_text(), format_number(e.exact_margin if e.exact else e.margin)]
            for e in result.eliminations
        ]
        text += "\n" + text_table(["round", "player", "eliminated", "dominated by", "margin"], rows) + "\n"
    return text


# ---------------------------------------------------------------------- correlated equilibrium
def render_correlated(result: Any, fmt: str, *, source: Mapping[str, Any]) -> str:
    """A correlated equilibrium as a table (profiles with positive probability), JSON, or CSV."""
    if fmt == "json":
        return _json(result.to_dict())
    if fmt == "csv":
        return result.to_frame().to_csv(index=False)
    game = result.game
    kind = "coarse correlated" if result.kind == "coarse" else "correlated"
    pairs = [
        ("Game", _source_text(source)),
        ("Method", f"linear programming (HiGHS): a {kind} equilibrium maximising {result.objective}"),
        ("Value", format_number(result.objective_value)),
        ("Payoffs", ", ".join(f"{p} {format_number(v)}" for p, v in zip(game.players, result.payoffs))),
        ("Max violation", f"{format_number(result.max_violation)} (the certificate: the most any player gains "
                          "by disobeying a recommendation)"),
    ]
    exact_violation = getattr(result, "exact_violation", None)
    if exact_violation is not None:
        pairs.append(("Exact", f"violation {format_number(exact_violation)} in rationals"))
    text = _fields(pairs) + "\n"
    frame = result.to_frame()
    headers = [str(c) for c in frame.columns]
    rows = [[format_number(v) if isinstance(v, float) else str(v) for v in row] for row in frame.itertuples(index=False)]
    return text + "\n" + text_table(headers, rows) + "\n"


def _source_text(source: Mapping[str, Any]) -> str:
    title = source.get("title") or ""
    return f"{title} ({source['file']})" if title else str(source["file"])
