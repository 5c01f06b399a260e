"""Nash equilibria of normal-form games.

One module per method; :data:`METHODS` maps each method's name to its
function (imported on first use), and :func:`solve` dispatches by name.
``method="auto"`` picks a sound method for the game's shape and records which
and why (:func:`choose_method`).

=================== ============================== ===========================================
name                function                       what it returns
=================== ============================== ===========================================
``pure``            :func:`~.pure.pure`            every pure equilibrium, n players
``support``         ``support_enumeration``        equilibria by support enumeration, 2 players
``vertex``          ``vertex_enumeration``         every extreme equilibrium, 2 players
``lemke-howson``    ``lemke_howson``               one equilibrium, 2 players
``lemke-howson-all`` ``lemke_howson_all``          the equilibria reached from every label
``lp``              ``zero_sum_lp``                value and optimal strategies, 2-player zero-sum
=================== ============================== ===========================================
"""

from __future__ import annotations

import dataclasses
import inspect
from typing import Any

from games.errors import InputError
from games.normal_form import NormalFormGame
from solvers.method_registry import MethodRegistry
from solvers.nash.pure import pure
from solvers.results import EquilibriumSet

__all__ = ["METHODS", "AUTO", "solve", "choose_method", "pure"]

#: Method name → solver function (imported on first use; ``METHODS[name] = fn`` registers another).
METHODS = MethodRegistry(
    {
        "pure": "solvers.nash.pure:pure",
        "support": "solvers.nash.support_enumeration:support_enumeration",
        "vertex": "solvers.nash.vertex_enumeration:vertex_enumeration",
        "lemke-howson": "solvers.nash.lemke_howson:lemke_howson",
        "lemke-howson-all": "solvers.nash.lemke_howson:lemke_howson_all",
        "lp": "solvers.nash.zero_sum_lp:zero_sum_lp",
    },
    family="equilibrium",
)

#: The name that asks :func:`solve` to choose.
AUTO = "auto"

def choose_method(game: NormalFormGame) -> tuple[str, str, dict[str, Any]]:
    """The method ``auto`` uses for ``game``, why, and the options it adds.

    * two players, when vertex enumeration's up-front size bound admits the
      game (:func:`~solvers.nash.vertex_enumeration.within_vertex_limit`, about
      16×16 at most): ``vertex``, every extreme equilibrium, in exact
      arithmetic when the game is exact;
    * larger two-player constant-sum games: ``lp`` (the value and optimal
      strategies, in polynomial time);
    * larger two-player games: ``lemke-howson`` (one equilibrium);
    * more players: ``pure`` (every pure equilibrium; mixed equilibria of
      n-player games are not computed by any method yet).
    """
    if game.n_players == 2:
        from solvers.nash.vertex_enumeration import within_vertex_limit

        if within_vertex_limit(game):
            options = {"exact": True} if game.is_exact else {}
            return "vertex", "a two-player game small enough to list every extreme equilibrium", options
        if game.is_constant_sum(tol=1e-12 * (1.0 + float(abs(game.payoffs).max()))):
            return "lp", "a large two-player constant-sum game: value and optimal strategies by LP", {}
        return "lemke-howson", "a two-player game too large to enumerate: one equilibrium by Lemke-Howson", {}
    return "pure", f"{game.n_players} players: every pure equilibrium (no mixed n-player method yet)", {}


def solve(game: NormalFormGame, /, method: str = AUTO, **options: Any) -> EquilibriumSet:
    """Solve ``game`` with the method named ``method`` (a key of :data:`METHODS`, or ``"auto"``).

    Options the method does not take are refused with an error naming them,
    rather than silently ignored. The result's ``method`` is the registry name
    (``"lp"``, not the function's ``"zero_sum_lp"``). With ``"auto"`` the
    result's ``parameters`` record ``chosen_by="auto"`` and the reason.

    Raises
    ------
    InputError
        For an unknown method (listing the valid names) or an option the method does not take.
    """
    reason = None
    if method == AUTO:
        method, reason, defaults = choose_method(game)
        options = {**defaults, **options}
    fn = METHODS.get_method(method)
    accepted = inspect.signature(fn).parameters
    takes_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in accepted.values())
    unknown = [] if takes_any else sorted(k for k in options if k not in accepted)
    if unknown:
        raise InputError(f"method {method!r} does not take the option(s) {', '.join(unknown)}")
    result: EquilibriumSet = fn(game, **options)
    changes: dict[str, Any] = {}
    if result.method != method:  # report the name the method was asked for by
        changes["method"] = method
    if reason is not None:
        changes["parameters"] = {**result.parameters, "chosen_by": AUTO, "reason": reason}
    return dataclasses.replace(result, **changes) if changes else result
