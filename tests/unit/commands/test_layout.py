"""How commands/ and the run modes are put together: the runner knows no local command, the
argparse Namespace stops at app.py, one formatter for a number of seconds."""

from __future__ import annotations

import argparse
import ast
import json
import subprocess
import sys
from pathlib import Path

import lwm2m_shell
from lwm2m_shell.app import RunPlan
from lwm2m_shell.cli import build_parser
from lwm2m_shell.commands import builtin, listings
from lwm2m_shell.durations import seconds_text

PACKAGE = Path(lwm2m_shell.__file__).parent
KNOWS_LOCAL_COMMANDS = {
    "lwm2m_shell.commands.dispatch",
    "lwm2m_shell.commands.registry",
    "lwm2m_shell.commands.builtin",
    "lwm2m_shell.commands.help_context",
    "lwm2m_shell.commands.history_status",
    "lwm2m_shell.commands.listings",
}


def test_the_runner_imports_nothing_that_knows_local_commands() -> None:
    code = "import json, sys, lwm2m_shell.commands.runner; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(done.stdout))
    assert "lwm2m_shell.commands.runner" in loaded
    assert not loaded & KNOWS_LOCAL_COMMANDS, sorted(loaded & KNOWS_LOCAL_COMMANDS)


def test_the_lazily_loaded_listings_are_all_in_the_built_in_registry() -> None:
    assert set(builtin.LISTINGS) == set(listings.HANDLERS)
    assert set(builtin.LISTINGS) <= builtin.BUILTIN.names


def imported_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_run_mode_sees_the_argparse_namespace() -> None:
    modes = sorted((PACKAGE / "modes").glob("*.py"))
    assert modes
    for path in modes:
        assert "argparse" not in imported_names(path), path.name
        assert "args." not in path.read_text(encoding="utf-8"), path.name


def plan(*argv: str) -> RunPlan:
    args: argparse.Namespace = build_parser().parse_args(list(argv))
    return RunPlan.of(args)


def test_the_run_plan_holds_what_the_command_line_said() -> None:
    assert plan("-c", "help", "-c", ".history", "-o", "json") == RunPlan(
        commands=("help", ".history"), file=None, json_output=True
    )
    assert plan("-f", "cmds.txt") == RunPlan(commands=(), file="cmds.txt", json_output=False)
    assert plan() == RunPlan()


def test_seconds_are_said_without_a_row_of_zeros() -> None:
    assert [seconds_text(v) for v in (0.5, 2.0, 30.0, 2.25, 0.04)] == [
        "0.5s",
        "2s",
        "30s",
        "2.2s",
        "0s",
    ]
