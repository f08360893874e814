"""What each start-up path imports, checked in fresh interpreters (module sets, never times).

A tiny wrapper runs ``lwm2m_shell.cli.main`` with the given arguments and writes the names in
``sys.modules`` at the end to a file, whatever the exit (``--version`` exits through argparse).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from lwm2m_shell.simulator import SimulatedTenant, SimulatorConfig

from ..e2e.terminal import admin_login

HEAVY = {"prompt_toolkit", "httpx", "pydantic", "pydantic_core", "pygments"}
UI = {"prompt_toolkit", "pygments", "lwm2m_shell.ui", "lwm2m_shell.modes.repl"}

WRAPPER = """\
import json
import sys

from lwm2m_shell.cli import main

try:
    main(sys.argv[2:])
except SystemExit:
    pass
finally:
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        json.dump(sorted(sys.modules), out)
"""


def minimal_env(tmp_path: Path) -> dict[str, str]:
    """PATH, HOME, a UTF-8 locale, a terminal type and private XDG homes: nothing inherited."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8", "TERM": "xterm"}
    for name in ("config", "state", "cache"):
        env[f"XDG_{name.upper()}_HOME"] = str(tmp_path / name)
    return env


def written_modules(out: Path) -> set[str]:
    names: list[str] = json.loads(out.read_text(encoding="utf-8"))
    return set(names)


def loaded(
    tmp_path: Path, *args: str, env: dict[str, str] | None = None, code: str = WRAPPER
) -> set[str]:
    """Modules loaded by ``lwm2m-shell ARGS`` in a fresh interpreter (stdin not a terminal)."""
    out = tmp_path / "modules.json"
    result = subprocess.run(
        [sys.executable, "-c", code, str(out), *args],
        env={**minimal_env(tmp_path), **(env or {})},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return written_modules(out)


def ui_loaded(modules: set[str]) -> set[str]:
    """The UI modules among ``modules``. pygments does not count when httpx's own command line
    loaded it: ``import httpx`` loads ``httpx._main`` (click, rich, pygments) wherever click is
    installed, as in the test environment, which has it for import-linter."""
    found = modules & UI
    if "httpx._main" in modules:
        found.discard("pygments")
    return found


def packages(modules: set[str]) -> set[str]:
    """Top-level names plus every ``lwm2m_shell.<sub>`` package/module prefix."""
    found = {name.split(".")[0] for name in modules}
    for name in modules:
        parts = name.split(".")
        found.update(".".join(parts[:n]) for n in range(2, len(parts) + 1))
    return found


@pytest.fixture(scope="module")
def tenant() -> Iterator[SimulatedTenant]:
    config = SimulatorConfig(devices=5, pending_delay=0.0, execution_delay=0.0)
    with SimulatedTenant(config) as simulated:
        yield simulated


@pytest.mark.parametrize("option", ["--version", "--help"])
def test_version_and_help_import_nothing_heavy(tmp_path: Path, option: str) -> None:
    modules = packages(loaded(tmp_path, option))
    assert "lwm2m_shell.cli" in modules  # the wrapper did run the shell
    assert not modules & HEAVY, sorted(modules & HEAVY)
    assert "lwm2m_shell.app" not in modules


@pytest.mark.parametrize("args", [["--completions", "bash"], ["--list-profiles"]])
def test_answers_for_completion_scripts_skip_the_app(tmp_path: Path, args: list[str]) -> None:
    """The README says so: answered before prompt_toolkit, httpx, pydantic or pygments load."""
    modules = packages(loaded(tmp_path, *args))
    assert "lwm2m_shell.cli" in modules  # the wrapper did run the shell
    assert not modules & (HEAVY | {"lwm2m_shell.app"}), sorted(modules & HEAVY)


def test_local_one_shot_builds_no_ui_and_opens_no_connection(
    tmp_path: Path, tenant: SimulatedTenant
) -> None:
    before = tenant.connection_count()
    modules = packages(loaded(tmp_path, "-c", "help", env=admin_login(tenant)))
    assert "lwm2m_shell.modes.oneshot" in modules
    assert not ui_loaded(modules), sorted(ui_loaded(modules))
    assert "lwm2m_shell.simulator" not in modules
    assert tenant.connection_count() == before


def test_connector_one_shot_builds_no_ui(tmp_path: Path, tenant: SimulatedTenant) -> None:
    command = "cleanupClusterTenantObjectsForEndpoint urn:imei:350000000000000"
    before = tenant.request_count("/devicecontrol/operations")
    modules = packages(loaded(tmp_path, "-c", command, env=admin_login(tenant)))
    assert tenant.request_count("/devicecontrol/operations") > before  # it did send
    assert "httpx" in modules
    assert not ui_loaded(modules), sorted(ui_loaded(modules))
    assert "lwm2m_shell.simulator" not in modules


def test_batch_from_stdin_builds_no_ui(tmp_path: Path) -> None:
    modules = packages(loaded(tmp_path, "-f", "-"))  # stdin is empty, not a terminal
    assert "lwm2m_shell.modes.batch" in modules
    assert not ui_loaded(modules), sorted(ui_loaded(modules))


def test_interactive_shell_loads_no_simulator(tmp_path: Path) -> None:
    """The REPL's modules load no simulator (only ``--demo`` needs it)."""
    code = (
        "import json, sys\n"
        "import lwm2m_shell.app, lwm2m_shell.modes.repl\n"
        "json.dump(sorted(sys.modules), open(sys.argv[1], 'w', encoding='utf-8'))\n"
    )
    modules = packages(loaded(tmp_path, code=code))
    assert "prompt_toolkit" in modules
    assert "lwm2m_shell.simulator" not in modules


FIRST_PROMPT = """\
import json
import os
import sys

import lwm2m_shell.modes.repl as repl
from lwm2m_shell.cli import main


def first_prompt_drawn(self):
    # the moment the working parts would start loading: what is imported by now?
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        json.dump(sorted(sys.modules), out)
    os._exit(0)


repl.Background.start = first_prompt_drawn
main([])
"""

NOT_BEFORE_THE_PROMPT = {
    "httpx",
    "pydantic",
    "pydantic_core",
    "lwm2m_shell.client",
    "lwm2m_shell.language",
    "lwm2m_shell.catalogue",
    "lwm2m_shell.live",
    "lwm2m_shell.commands.runner",
}


def test_first_prompt_is_drawn_before_the_client_and_language_load(
    tmp_path: Path, tenant: SimulatedTenant
) -> None:
    """The REPL in a real pseudo-terminal: when its first prompt is on screen, neither the HTTP
    client, pydantic nor the command language has been imported (they load right after)."""
    import pexpect

    out = tmp_path / "modules.json"
    env = {**minimal_env(tmp_path), **admin_login(tenant)}
    child = pexpect.spawn(sys.executable, ["-c", FIRST_PROMPT, str(out)], env=env)
    child.expect(pexpect.EOF, timeout=60)
    modules = packages(written_modules(out))
    assert "prompt_toolkit" in modules
    assert not modules & NOT_BEFORE_THE_PROMPT, sorted(modules & NOT_BEFORE_THE_PROMPT)
