"""One HTTP connection per session: the tenant check, the POST and every poll share it."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from lwm2m_shell.simulator import SimulatedTenant, SimulatorConfig

from .terminal import admin_login, shell_env

COMMAND = "cleanupClusterTenantObjectsForEndpoint urn:imei:350000000000000"


@pytest.fixture
def slow_agent() -> Iterator[SimulatedTenant]:
    """An agent slow enough that the shell polls the operation several times."""
    config = SimulatorConfig(devices=10, pending_delay=0.2, execution_delay=0.4)
    with SimulatedTenant(config) as tenant:
        yield tenant


def run_shell(tenant: SimulatedTenant, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = shell_env(home, admin_login(tenant))
    return subprocess.run(
        [sys.executable, "-m", "lwm2m_shell", *args],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("auth", ["basic", "auto"])
def test_one_command_with_several_polls_uses_one_connection(
    slow_agent: SimulatedTenant, tmp_path: Path, auth: str
) -> None:
    before = slow_agent.connection_count()
    result = run_shell(slow_agent, tmp_path / "home", "--auth", auth, "-c", COMMAND)
    assert result.returncode == 0, result.stderr
    polls = slow_agent.request_count("/devicecontrol/operations/")
    assert polls >= 3, f"expected several polls, got {polls}"
    requests = slow_agent.request_count()
    assert requests >= polls + 4  # the tenant check and the POST as well
    assert slow_agent.connection_count() - before == 1


def test_local_command_opens_no_connection(slow_agent: SimulatedTenant, tmp_path: Path) -> None:
    before = slow_agent.connection_count()
    result = run_shell(slow_agent, tmp_path / "home", "-c", "help")
    assert result.returncode == 0, result.stderr
    assert slow_agent.connection_count() == before
