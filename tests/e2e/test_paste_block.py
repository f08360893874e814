"""A pasted block (bracketed paste, several lines) is all-or-nothing, like a script."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from lwm2m_shell.simulator import Fault, SimulatedTenant

from .terminal import ShellTerminal
from .test_repl import command_count, device_with_registration, prompt_re, wait_until

pytestmark = pytest.mark.pty

Spawn = Callable[..., ShellTerminal]


def paste(shell: ShellTerminal, lines: list[str]) -> None:
    """Paste like a terminal does: the lines inside bracketed-paste marks, then Enter."""
    shell.type("\x1b[200~" + "\n".join(lines) + "\x1b[201~")
    shell.type("\r")


def test_a_paste_with_a_placeholder_and_a_prose_line_sends_nothing(
    spawn: Spawn, tenant: SimulatedTenant
) -> None:
    device = device_with_registration(tenant)
    shell = spawn()
    shell.wait_for(prompt_re(tenant))
    paste(
        shell,
        [
            "Run the following commands on the connector device:",
            f"invalidateRegistrationsForEndpoint {device['endpoint']}",
            "invalidateRegistrationsForEndpoint <endpoint_ID>",
            f"migrateLwm2mDevices -d {device['id']}",
        ],
    )
    shell.wait_for(r"error: line 1 \(Run the following.*\): unknown command 'Run'")
    shell.wait_for(r"error: line 3 \(.*<endpoint_ID>\): replace the placeholder <endpoint_ID>")
    shell.wait_for(r"nothing of the paste was sent: 2 of 4 lines are not a valid command")
    shell.line(".context")
    shell.wait_for(r"target\s+the connector device")  # not the pasted "...connector device:"
    assert command_count(tenant) == 0
    assert shell.leave() == 0


def test_declining_the_tenant_wide_line_cancels_the_whole_paste(
    spawn: Spawn, tenant: SimulatedTenant
) -> None:
    device = device_with_registration(tenant)
    registration = str(device["registrations"][0])  # type: ignore[index]
    shell = spawn()
    shell.wait_for(prompt_re(tenant))
    shell.wait_for(r"30 endpoints · just now")
    lines = [
        f"invalidateRegistrationById {registration}",
        "migrateLwm2mDevices --skipRegistrations",
        f"invalidateRegistrationsForEndpoint {device['endpoint']}",
    ]
    paste(shell, lines)
    shell.wait_for(r"EVERY LWM2M device of tenant .*\[y/N\]")
    assert command_count(tenant) == 0  # asked before the first line went out
    shell.line("n")
    shell.wait_for(
        r"not sent: `migrateLwm2mDevices --skipRegistrations` was not confirmed; "
        r"nothing of the paste was sent"
    )
    shell.line(".context")
    shell.wait_for(r"target\s+the connector device")
    assert command_count(tenant) == 0
    assert "error:" not in shell.text()  # declining is a normal "not sent", not an error

    paste(shell, lines)  # the same paste, confirmed: all three run, each labelled
    shell.wait_for(r"(?s)not confirmed.*\[y/N\]")
    shell.line("y")
    wait_until(lambda: command_count(tenant) == 3, timeout=30)
    shell.wait_for(rf"\[1/3\] invalidateRegistrationById {registration}")
    shell.wait_for(r"\[2/3\] migrateLwm2mDevices --skipRegistrations")
    shell.wait_for(
        rf"(?s)\[3/3\] invalidateRegistrationsForEndpoint {device['endpoint']}.*"
        r"SUCCESSFUL · operation",
        timeout=30,
    )
    assert shell.leave() == 0


def test_an_unknown_device_asks_first_when_the_catalogue_is_complete(
    spawn: Spawn, tenant: SimulatedTenant
) -> None:
    device = device_with_registration(tenant)
    shell = spawn()
    shell.wait_for(prompt_re(tenant))
    shell.wait_for(r"30 endpoints · just now")
    shell.line(f"migrateLwm2mDevices -d {device['id']} 99999999")
    shell.wait_for(r"99999999 not in this tenant's LWM2M devices — send anyway\? \[y/N\]")
    shell.line("")  # the default is no
    shell.wait_for(r"not sent: .*was not confirmed; nothing was sent")
    shell.line("invalidateRegistrationsForEndpoint urn:imei:123")
    shell.wait_for(r"urn:imei:123 not in this tenant's LWM2M devices — send anyway\?")
    shell.line("y")
    shell.wait_for(r"✘ FAILED.*operation \d+")
    assert command_count(tenant) == 1
    shell.line(f"invalidateRegistrationsForEndpoint {device['endpoint']}")  # known: no question
    shell.wait_for(r"(?s)FAILED.*SUCCESSFUL · operation")
    assert command_count(tenant) == 2
    shell.line("cleanupClusterTenantObjectsForEndpoint urn:imei:123")  # gone devices are its job
    shell.wait_for(r"cleanupClusterTenantObjectsForEndpoint is deprecated since 10\.18")
    wait_until(lambda: command_count(tenant) == 3)
    assert shell.leave() == 0


def test_an_incomplete_catalogue_never_blocks(spawn: Spawn, tenant: SimulatedTenant) -> None:
    """While the catalogue still loads (endpoint look-ups are slow), unknown IDs are sent."""
    tenant.add_fault(Fault(kind="latency", delay=8.0, path="/identity", times=None))
    shell = spawn()
    shell.wait_for(prompt_re(tenant))
    shell.wait_for(r"● connected")
    shell.line("migrateLwm2mDevices -d 99999999")
    shell.wait_for(r"✘ FAILED.*operation \d+", timeout=30)
    assert "send anyway" not in shell.text()
    assert command_count(tenant) == 1
    tenant.clear_faults()
    assert shell.leave() == 0
