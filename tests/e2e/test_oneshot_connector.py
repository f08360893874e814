"""One-shot runs remember the connector device per tenant and look it up again when it is gone."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from lwm2m_shell.simulator import SimulatedTenant

from .terminal import run_script


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return run_script(env, *args, timeout=120)


LOOK_UP = (
    "/inventory/managedObjects"  # how the connector is found (type c8y_lwm2m_connector_device)
)


def memory_file(home: Path) -> Path:
    [found] = (home / "cache").rglob("connector/*.json")
    return found


def test_the_second_run_skips_the_connector_look_up(
    env: dict[str, str], tenant: SimulatedTenant, home: Path
) -> None:
    first = run(env, "-c", ".send help")
    assert first.returncode == 0, first.stderr
    assert tenant.request_count(LOOK_UP) == 1
    assert json.loads(memory_file(home).read_text())["connectorId"] == tenant.connector_id
    assert memory_file(home).stat().st_mode & 0o077 == 0  # private, like every cache file
    second = run(env, "-c", ".send help")
    assert second.returncode == 0, second.stderr
    assert tenant.request_count(LOOK_UP) == 1  # not asked again
    assert len([op for op in tenant.operations() if op["deviceId"] == tenant.connector_id]) >= 2


def test_a_connector_that_is_gone_is_looked_up_again(
    env: dict[str, str], tenant: SimulatedTenant, home: Path
) -> None:
    assert run(env, "-c", ".send help").returncode == 0
    path = memory_file(home)
    document = json.loads(path.read_text())
    document["connectorId"] = "999999999"  # e.g. the connector was re-created since
    path.write_text(json.dumps(document))
    sent = len(tenant.operations())
    result = run(env, "-c", ".send help", "--output", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["status"] == "SUCCESSFUL"
    assert len(tenant.operations()) == sent + 1  # sent once, to the real connector
    assert json.loads(path.read_text())["connectorId"] == tenant.connector_id
    assert tenant.request_count(LOOK_UP) == 2


def test_connector_id_option_bypasses_the_memory(
    env: dict[str, str], tenant: SimulatedTenant, home: Path
) -> None:
    result = run(env, "--connector-id", tenant.connector_id, "-c", ".send help")
    assert result.returncode == 0, result.stderr
    assert not list((home / "cache").rglob("connector/*.json"))
