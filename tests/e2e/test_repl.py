"""The interactive shell in a real pseudo-terminal, against the simulated tenant over HTTP."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest

from lwm2m_shell.client import TAG_FRAGMENT
from lwm2m_shell.simulator import SimulatedTenant
from tests.helpers import wait_until

from .terminal import ShellTerminal

pytestmark = pytest.mark.pty

Spawn = Callable[..., ShellTerminal]


def prompt_re(tenant: SimulatedTenant) -> str:
    host = tenant.url.split("://", 1)[1]
    return re.escape(f"{tenant.tenant_id}@{host}>")


def waiting_shell(
    spawn: Spawn, tenant: SimulatedTenant, execution_delay: float = 1.5
) -> ShellTerminal:
    """A shell whose command waits ``execution_delay`` seconds for its operation (the progress
    line is up)."""
    tenant.set_agent(execution_delay=execution_delay)
    shell = spawn()
    shell.wait_for(prompt_re(tenant))
    shell.line("invalidateRegistrationById ZZZZZZZZZZ")
    shell.wait_for(r"(?:EXECUTING|PENDING) +[\d.]+s · operation \d+")
    return shell


def device_with_registration(tenant: SimulatedTenant) -> dict[str, object]:
    return next(d for d in tenant.lwm2m_devices() if d["registrations"])


def command_count(tenant: SimulatedTenant) -> int:
    return sum(1 for op in tenant.operations() if TAG_FRAGMENT in op)


def finished_commands(tenant: SimulatedTenant) -> int:
    return sum(
        1
        for op in tenant.operations()
        if TAG_FRAGMENT in op and op["status"] in ("SUCCESSFUL", "FAILED")
    )


def test_prompt_shows_tenant_and_toolbar_shows_connection(
    spawn: Spawn, tenant: SimulatedTenant
) -> None:
    shell = spawn()
    shell.wait_for(prompt_re(tenant))
    shell.wait_for(r"● connected")
    assert shell.leave() == 0


def test_help_lists_connector_and_local_commands(spawn: Spawn, tenant: SimulatedTenant) -> None:
    shell = spawn()
    shell.wait_for(prompt_re(tenant))
    shell.line("help")
    for name in (
        "migrateLwm2mDevices",
        "cleanupClusterTenantObjectsForEndpoint",
        "invalidateRegistrationsForEndpoint",
        "invalidateRegistrationById",
        r"\.status",
        r"\.history",
    ):
        shell.wait_for(name)
    before = len(tenant.operations())
    shell.line("exit")
    assert shell.wait_exit() == 0
    assert len(tenant.operations()) == before  # help is answered locally


def test_connector_commands_show_their_results(spawn: Spawn, tenant: SimulatedTenant) -> None:
    device = device_with_registration(tenant)
    registration = str(device["registrations"][0])  # type: ignore[index]
    shell = spawn()
    shell.wait_for(prompt_re(tenant))
    shell.line(f"invalidateRegistrationById {registration}")
    shell.wait_for(r"✔ SUCCESSFUL · operation \d+")
    shell.line(f"invalidateRegistrationsForEndpoint {device['endpoint']}")
    shell.wait_for(r"(?s)SUCCESSFUL.*SUCCESSFUL|FAILED")
    shell.line(f"cleanupClusterTenantObjectsForEndpoint {device['endpoint']}")
    shell.line(f"migrateLwm2mDevices -sr -d {device['id']}")
    wait_until(lambda: finished_commands(tenant) == 4)
    shell.line(".history 4")
    shell.wait_for(r"cleanupClusterTenantObjectsForEndpoint")
    shell.wait_for(r"migrateLwm2mDevices -sr -d")
    texts = [op["c8y_Command"]["text"] for op in tenant.operations() if TAG_FRAGMENT in op]
    assert f"invalidateRegistrationById {registration}" in texts
    assert f"migrateLwm2mDevices -sr -d {device['id']}" in texts
    assert shell.leave() == 0


def test_failed_command_shows_failure_reason(spawn: Spawn, tenant: SimulatedTenant) -> None:
    shell = spawn()
    shell.wait_for(prompt_re(tenant))
    shell.line("invalidateRegistrationById ZZZZZZZZZZ")
    shell.wait_for(r"✘ FAILED.*operation \d+")
    shell.leave()


def test_validation_error_sends_nothing(spawn: Spawn, tenant: SimulatedTenant) -> None:
    shell = spawn()
    shell.wait_for(prompt_re(tenant))
    before = len(tenant.operations())
    shell.line("migrateLwm2mDevices -d 12a")
    shell.wait_for(r"error: .*12a")
    shell.line("migratelwm2mdevices")
    shell.wait_for(r"migrateLwm2mDevices")
    shell.line("invalidateRegistrationsForEndpoint <endpoint_ID>")
    shell.wait_for(r"error: .*<endpoint_ID>")
    shell.line(".context")
    shell.wait_for(r"connector device")
    assert len(tenant.operations()) == before


def test_tenant_wide_migration_asks_first(spawn: Spawn, tenant: SimulatedTenant) -> None:
    shell = spawn()
    shell.wait_for(prompt_re(tenant))
    before = command_count(tenant)
    shell.line("migrateLwm2mDevices --skipRegistrations")
    shell.wait_for(rf"EVERY LWM2M device of tenant {tenant.tenant_id}.*\[y/N\]")
    shell.line("n")
    shell.wait_for("not sent")
    assert command_count(tenant) == before
    shell.line("migrateLwm2mDevices --skipRegistrations")
    shell.wait_for(r"(?s)not sent.*\[y/N\]")
    shell.line("y")
    shell.wait_for(r"SUCCESSFUL · operation")
    assert command_count(tenant) == before + 1


def test_ctrl_c_stops_waiting_not_the_operation(spawn: Spawn, tenant: SimulatedTenant) -> None:
    shell = waiting_shell(spawn, tenant, execution_delay=3.0)
    shell.ctrl("c")
    found = shell.wait_for(r"stopped waiting; operation (\d+) goes on.*`\.status \1`")
    operation_id = found.group(1)
    shell.wait_for(prompt_re(tenant) + r"\s*$")
    # The operation was not cancelled: it still finishes on the tenant.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        status = next(op for op in tenant.operations() if op["id"] == operation_id)["status"]
        if status in ("SUCCESSFUL", "FAILED"):
            break
        time.sleep(0.1)
    assert status == "FAILED"
    shell.line(f".status {operation_id}")
    shell.wait_for(rf"FAILED.*operation {operation_id}")


def test_ctrl_c_read_with_the_enter_stops_the_line_before_it_is_sent(
    spawn: Spawn, tenant: SimulatedTenant
) -> None:
    """Enter and Ctrl-C in one read (a fast hand, a busy machine): the prompt owns the terminal,
    so the Ctrl-C is a key, not a signal. The line is not run, and the prompt stays usable."""
    shell = spawn()
    shell.wait_for(prompt_re(tenant))
    shell.wait_for("connected")
    shell.type("invalidateRegistrationById ZZZZZZZZZZ\r\x03.context\r")
    shell.wait_for(r"interrupted: the line was not run, nothing was sent")
    # what was typed after the Ctrl-C ran at the next prompt
    shell.wait_for(r"target\s+the connector device")
    assert command_count(tenant) == 0


def test_ctrl_c_at_prompt_clears_the_line(spawn: Spawn, tenant: SimulatedTenant) -> None:
    shell = spawn()
    shell.wait_for(prompt_re(tenant))
    shell.type("migrateLwm2mDevices -d 1")
    shell.wait_for("migrateLwm2mDevices -d 1")
    shell.ctrl("c")
    shell.line(".context")
    shell.wait_for(r"target\s+the connector device")
    assert command_count(tenant) == 0  # the cleared line was never sent


def test_history_is_recalled_after_restart(spawn: Spawn, tenant: SimulatedTenant) -> None:
    shell = spawn()
    shell.wait_for(prompt_re(tenant))
    shell.line("help invalidateRegistrationById")
    shell.wait_for("F7DqjmW3Yy")
    assert shell.leave() == 0

    again = spawn()
    again.wait_for(prompt_re(tenant))
    again.wait_for("● connected")  # history is bound to the tenant once the check ended
    again.line("")  # a new prompt: it reads the history bound meanwhile
    again.wait_for(rf"{prompt_re(tenant)}\s*\n{prompt_re(tenant)}")
    again.type("\x1b[A")  # up arrow
    again.wait_for(prompt_re(tenant) + " help invalidateRegistrationById")
    again.ctrl("c")
    assert again.leave() == 0


def test_prompt_appears_when_the_tenant_is_down(spawn: Spawn, down_url: str) -> None:
    shell = spawn(extra_env={"C8Y_BASEURL": down_url})
    shell.wait_for(r"@127\.0\.0\.1:\d+>")
    shell.wait_for(r"✘ cannot reach")
    shell.line("invalidateRegistrationById F7DqjmW3Yy")
    shell.wait_for(r"error: cannot reach")
    assert shell.leave() == 0


def test_hostile_pastes_get_one_line_errors_and_the_shell_goes_on(
    spawn: Spawn, tenant: SimulatedTenant
) -> None:
    shell = spawn()
    shell.wait_for(prompt_re(tenant))
    pastes = [
        "invalidateRegistrationById " + "A" * 20_000,  # a line over the limit
        "invalidateRegistrationById F7Dq\x07jmW3Yy",  # a control character (bell)
        "invalidateRegistrationsForEndpoint 'urn:imei:0123",  # unbalanced quote
        "\ufffd\ufffd\x00\x1b]0;title\x07 binary-looking junk",
    ]
    for paste in pastes:
        shell.type("\x1b[200~" + paste + "\x1b[201~")
        shell.type("\r")
    shell.wait_for(r"(?s)error:.*error:.*error:.*error:")
    shell.line(".context")
    shell.wait_for(r"connector device")
    assert command_count(tenant) == 0
    assert shell.leave() == 0
    assert b"Traceback" not in bytes(shell.raw)
