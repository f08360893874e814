"""The house rules a reader relies on: small modules, and a top level that holds only the entry
points and a few shared leaves (everything else lives in the package of its layer)."""

from __future__ import annotations

from pathlib import Path

import lwm2m_shell

PACKAGE = Path(lwm2m_shell.__file__).parent
MAX_LINES = 400
TOP_LEVEL = {
    "__init__",  # the version
    "__main__",  # python -m lwm2m_shell
    "cli",  # the command line
    "app",  # settings -> session -> run mode
    "exit_codes",
    "durations",
    "outcome",
    "private_files",
}


def test_every_module_is_at_most_400_lines() -> None:
    too_long = {
        str(path.relative_to(PACKAGE)): lines
        for path in PACKAGE.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert too_long == {}, f"split these modules (at most {MAX_LINES} lines): {too_long}"


def test_the_top_level_holds_only_entry_points_and_shared_leaves() -> None:
    modules = {path.stem for path in PACKAGE.glob("*.py")}
    assert modules == TOP_LEVEL, (
        f"new top-level modules {sorted(modules - TOP_LEVEL)}: put them in the package of their "
        "layer (docs/architecture.md), or add them here with a reason"
    )
