"""Live updates in the real shell, in a pseudo-terminal: the toolbar, announcements, results."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from lwm2m_shell.simulator import SimulatedTenant

from ..e2e.terminal import ShellTerminal, admin_login, shell_env
from .conftest import POLLS

pytestmark = [pytest.mark.pty, pytest.mark.timeout(90)]

Spawn = Callable[..., ShellTerminal]


@pytest.fixture
def spawn(tenant: SimulatedTenant, tmp_path: Path, terminals: Spawn) -> Spawn:
    env = shell_env(tmp_path / "home", admin_login(tenant))

    def start(*args: str) -> ShellTerminal:
        return terminals(args, env)

    return start


def prompt_re(tenant: SimulatedTenant) -> str:
    host = tenant.url.split("://", 1)[1]
    return re.escape(f"{tenant.tenant_id}@{host}>")


def test_another_clients_operation_is_announced_while_a_line_is_typed(
    spawn: Spawn, tenant: SimulatedTenant, other_client: httpx.Client
) -> None:
    shell = spawn()
    shell.wait_for(prompt_re(tenant))
    shell.wait_for("⚡ live updates")
    shell.type("help migrateLwm2m")
    shell.wait_for(prompt_re(tenant) + " help migrateLwm2m")
    created = other_client.post(
        "/devicecontrol/operations",
        json={
            "deviceId": tenant.connector_id,
            "c8y_Command": {"text": "invalidateRegistrationById QQQQQQQQQQ"},
        },
    )
    op_id = created.json()["id"]
    announced = shell.wait_for(
        rf"» operation {op_id} sent by someone else: invalidateRegistrationById QQQQQQQQQQ"
    )
    shell.settle()
    rows = shell.text().splitlines()
    prompt_row = max(n for n, row in enumerate(rows) if re.search(prompt_re(tenant), row))
    announced_row = next(n for n, row in enumerate(rows) if announced.group(0) in row)
    assert announced_row < prompt_row  # above the prompt...
    assert rows[prompt_row].rstrip().endswith("> help migrateLwm2m")  # ...which kept the line
    shell.type("Devices\r")  # the line goes on where it was left
    shell.wait_for(r"migrateLwm2mDevices.*(-d|--deviceIds)")
    assert shell.leave() == 0


def test_results_come_by_push_and_our_own_commands_are_not_announced(
    spawn: Spawn, tenant: SimulatedTenant
) -> None:
    shell = spawn()
    shell.wait_for(prompt_re(tenant))
    shell.wait_for("⚡ live updates")
    shell.line("invalidateRegistrationById ZZZZZZZZZZ")
    shell.wait_for(r"✘ FAILED.*operation \d+")
    shell.line("cleanupClusterTenantObjectsForEndpoint urn:imei:350000000000000")
    shell.wait_for(r"✔ SUCCESSFUL · operation \d+")
    shell.settle()
    assert "someone else" not in shell.text()
    assert tenant.request_count(POLLS) == 0  # both answers were pushed
    assert shell.leave() == 0


def test_the_toolbar_says_when_live_updates_are_off(spawn: Spawn, tenant: SimulatedTenant) -> None:
    from lwm2m_shell.simulator import Fault

    tenant.add_fault(Fault("status", path="/notification", status=503, times=None))
    shell = spawn()
    shell.wait_for(prompt_re(tenant))
    shell.wait_for(r"live updates off \(polling\)")
    shell.line("invalidateRegistrationById ZZZZZZZZZZ")
    shell.wait_for(r"✘ FAILED.*operation \d+")  # still answered, by polling
    assert tenant.request_count(POLLS) >= 1
    assert shell.leave() == 0
