"""The command line starts fast: no heavy library is imported until a command needs it."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import metadata

import negotiate
from negotiate.demo import example

#: Modules the CLI must not import at start-up (nor for a table or JSON solve).
HEAVY = ("cvxpy", "pandas", "matplotlib", "dask", "scipy.optimize")


def loaded_after(code: str) -> dict[str, bool]:
    """Which heavy modules are in ``sys.modules`` after running ``code`` in a fresh interpreter."""
    probe = (
        "import sys, json\n"
        f"{code}\n"
        f"print(json.dumps({{m: m in sys.modules for m in {HEAVY!r}}}), file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    return json.loads(proc.stderr.strip().splitlines()[-1])


def test_importing_the_cli_loads_no_heavy_module() -> None:
    assert loaded_after("import negotiate.cli") == dict.fromkeys(HEAVY, False)


def run_main(*args: str) -> str:
    return (
        "from negotiate.cli import main\n"
        "try:\n"
        f"    main({list(args)!r})\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
    )


def test_solving_to_a_table_or_json_loads_no_heavy_module() -> None:
    path = str(example("prisoners_dilemma.nfg"))
    assert loaded_after(run_main("solve", path)) == dict.fromkeys(HEAVY, False)
    assert loaded_after(run_main("solve", path, "--format", "json")) == dict.fromkeys(HEAVY, False)
    assert loaded_after(run_main("inspect", str(example("entry_deterrence.efg")))) == dict.fromkeys(
        HEAVY, False
    )


def test_csv_is_the_one_path_that_loads_pandas() -> None:
    loaded = loaded_after(run_main("solve", str(example("prisoners_dilemma.nfg")), "--format", "csv"))
    assert loaded["pandas"] is True
    assert loaded["cvxpy"] is False


def test_console_script_and_version() -> None:
    (entry,) = [e for e in metadata.entry_points(group="console_scripts") if e.name == "negotiate"]
    assert entry.value == "negotiate.cli:main"
    assert metadata.version("negotiate") == negotiate.__version__
    proc = subprocess.run(
        [sys.executable, "-m", "negotiate.cli", "--version"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"negotiate, version {negotiate.__version__}"
