"""``.context`` shows what the settings already say at once (tenant from ``t123/alice`` or
``--tenant``, connector from ``--connector-id``), marked unchecked, and the checked values once
the tenant check has run (issue 20)."""

from __future__ import annotations

import json
from pathlib import Path

from lwm2m_shell.simulator import ADMIN_PASSWORD, ADMIN_USER, SimulatedTenant

from .conftest import clean_env, run_shell


def context_of(stdout: str) -> dict[str, str]:
    rows = {}
    for line in stdout.splitlines():
        key, _, value = line.strip().partition("  ")
        rows[key] = value.strip()
    return rows


def test_known_values_are_shown_before_the_check(tenant: SimulatedTenant, home: Path) -> None:
    env = clean_env(home, C8Y_BASEURL=tenant.url, C8Y_PASSWORD=ADMIN_PASSWORD)
    argv = ["--user", f"{tenant.tenant_id}/{ADMIN_USER}", "--connector-id", tenant.connector_id]
    result = run_shell(env, *argv, "-c", ".context")
    assert result.returncode == 0, result.stderr
    rows = context_of(result.stdout)
    assert rows["tenant"] == f"{tenant.tenant_id} (not checked yet)"
    assert rows["user"] == f"{ADMIN_USER} (not checked yet)"
    assert rows["connector device"] == f"{tenant.connector_id} (not checked yet)"
    assert "(not known yet)" not in result.stdout


def test_tenant_flag_is_shown_before_the_check(tenant: SimulatedTenant, home: Path) -> None:
    env = clean_env(home, C8Y_BASEURL=tenant.url, C8Y_USER=ADMIN_USER, C8Y_PASSWORD=ADMIN_PASSWORD)
    result = run_shell(env, "--tenant", tenant.tenant_id, "--output", "json", "-c", ".context")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)["result"]
    assert data["tenant"] == tenant.tenant_id
    assert data["connectorId"] is None  # not given, not looked up yet
    assert data["connection"] == "connecting"


def test_the_check_fills_in_the_rest(tenant: SimulatedTenant, home: Path) -> None:
    env = clean_env(home, C8Y_BASEURL=tenant.url, C8Y_USER=ADMIN_USER, C8Y_PASSWORD=ADMIN_PASSWORD)
    result = run_shell(env, "-c", ".send help", "-c", ".context")
    assert result.returncode == 0, result.stderr
    rows = context_of(result.stdout.split("\n\n")[-1] if "\n\n" in result.stdout else result.stdout)
    assert rows["tenant"] == tenant.tenant_id
    assert rows["connector device"] == tenant.connector_id
    assert "not checked yet" not in result.stdout
