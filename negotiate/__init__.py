"""negotiate: game-theoretic negotiation, from trade exposure to solved games.

The front door of the project: the command line (:mod:`negotiate.cli`), the
game inspection used by ``negotiate inspect`` (:mod:`negotiate.inspection`)
and the demo (:mod:`negotiate.demo`). The game model lives in :mod:`games`,
the algorithms in :mod:`solvers`.
"""

from __future__ import annotations

__all__ = ["__version__"]

#: The package version (kept in step with ``pyproject.toml``).
__version__ = "0.1.0"
