"""The device shell in a real pseudo-terminal, read off the screen: ``.use`` with completion of
the target and the prompt change, path completion with resource names, the queued state of a
sleeping device's command until it wakes, and EXECUTING -> PENDING -> SUCCESSFUL in order."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

import pytest

from lwm2m_shell.simulator import SimulatedTenant
from lwm2m_shell.simulator.realtime import hub_for
from tests.helpers import wait_until
from tests.helpers.tenants import TenantFactory

from ..e2e.terminal import ShellTerminal
from .conftest import Control

pytestmark = pytest.mark.pty

Spawn = Callable[..., ShellTerminal]
PROMPT = r"@127\.0\.0\.1:\d+"
QUEUED = "queued: the device is asleep or unreachable"


@pytest.fixture
def tenant(make_tenant: TenantFactory) -> SimulatedTenant:
    """Operations execute for a second, so that EXECUTING is on screen long enough to be seen
    on a loaded machine; registration updates only when a test wakes a device."""
    return make_tenant(
        devices=30, pending_delay=0.0, execution_delay=1.0, registration_interval=3600
    )


def type_then_tab(shell: ShellTerminal, text: str) -> None:
    shell.type(text)
    shell.settle(0.3)
    shell.type("\t")


def device_prompt(device: dict[str, Any]) -> str:
    return rf"{PROMPT} {re.escape(str(device['endpoint']))}>"


def test_use_completes_the_target_and_the_prompt_shows_it(
    spawn: Spawn, control: Control, tenant: SimulatedTenant
) -> None:
    online = [d for d in tenant.lwm2m_devices() if d["mode"] == "online"]
    device = [d for d in online if str(d["endpoint"]).startswith("urn:imei:")][3]
    endpoint = str(device["endpoint"])
    shell = spawn()
    shell.wait_for(PROMPT + ">")
    shell.wait_for(rf"{len(tenant.lwm2m_devices()):,} endpoints · just now")  # catalogue loaded
    type_then_tab(shell, f".use {endpoint[-6:]}")
    shell.wait_for(rf"{PROMPT}> \.use {re.escape(endpoint)}$")
    shell.line("")
    shell.wait_for(rf"device commands go to {re.escape(endpoint)}")
    shell.wait_for(device_prompt(device) + "$")
    shell.line(".use")
    shell.wait_for("commands go to the connector device")
    shell.wait_for(PROMPT + ">$")
    assert shell.leave() == 0


def test_read_path_tab_shows_the_resource_names(spawn: Spawn, control: Control) -> None:
    device = control.device()
    shell = spawn("--device", str(device["id"]))
    shell.wait_for(device_prompt(device))
    type_then_tab(shell, "read /3/0/")
    shell.wait_for(r"^\s*0\s+Manufacturer\s+R String")
    shell.wait_for(r"^\s*9\s+Battery Level\s+R Integer")
    shell.ctrl("u")
    shell.line("read /3/0/9")
    shell.wait_for(r"/3/0/9 Battery Level: \d+")
    shell.wait_for(r"SUCCESSFUL · operation \d+")
    assert [c["text"] for c in control.commands(str(device["id"]))] == ["read /3/0/9"]
    assert shell.leave() == 0


def test_a_sleeping_device_shows_queued_and_finishes_when_it_wakes(
    spawn: Spawn, control: Control
) -> None:
    device = control.device()
    device_id = str(device["id"])
    control.set_mode(device_id, "sleeping", awake_ms=5000)  # asleep: no update since the start
    shell = spawn("--device", device_id)
    shell.wait_for(device_prompt(device))
    shell.line("read /3/0/0")
    shell.wait_for(rf"PENDING .*{QUEUED}")
    assert not re.search("SUCCESSFUL", shell.text())
    control.wake(device_id)
    shell.wait_for(r"/3/0/0 Manufacturer: ")
    shell.wait_for(r"SUCCESSFUL · operation \d+")
    assert shell.leave() == 0


def test_an_unanswered_operation_goes_executing_pending_successful(
    spawn: Spawn, control: Control
) -> None:
    device = control.device()
    device_id = str(device["id"])
    control.set_mode(device_id, "unresponsive")  # its first delivery times out
    # The delivery goes on until the shell has shown EXECUTING: it only calls PENDING "queued"
    # after it, and a poll on busy cores could miss a short EXECUTING (then it says PENDING).
    control.tenant.set_agent(execution_delay=600)
    shell = spawn("--device", device_id)
    shell.wait_for(device_prompt(device))
    shell.line("read /3/0/9")
    seen: list[str] = []
    deadline = time.monotonic() + 60
    released = woken = False
    while time.monotonic() < deadline:
        shell.pump()
        screen = shell.text()
        if re.search(r"SUCCESSFUL · operation", screen):
            seen.append("SUCCESSFUL")
            break
        if re.search(rf"PENDING .*{QUEUED}", screen):
            state = "PENDING (queued)"
        else:
            found = re.search(r"(PENDING|EXECUTING) +\d+\.\ds · operation", screen)
            state = found.group(1) if found else ""
        if state and (not seen or seen[-1] != state):
            seen.append(state)
        if state == "EXECUTING" and not released:
            control.tenant.set_agent(execution_delay=0.2)  # shown: the delivery times out now
            released = True
        if state == "PENDING (queued)" and not woken:
            control.wake(device_id)  # its registration update: the operation goes out again
            woken = True
    assert "SUCCESSFUL" in seen, shell.text()
    order = [s for s in seen if s in ("EXECUTING", "PENDING (queued)", "SUCCESSFUL")]
    assert order[:3] == ["EXECUTING", "PENDING (queued)", "EXECUTING"] or order[:2] == [
        "EXECUTING",
        "PENDING (queued)",
    ], seen
    assert order[-1] == "SUCCESSFUL"
    shell.wait_for(r"/3/0/9 Battery Level: \d+")
    assert shell.leave() == 0


def test_a_pasted_block_may_point_at_a_device_first(spawn: Spawn, control: Control) -> None:
    device = control.device()
    shell = spawn()
    shell.wait_for(PROMPT + ">")
    block = [f".use {device['id']}", "read /3/0/9", ".use", "read /3/0/0"]
    shell.type("\x1b[200~" + "\n".join(block) + "\x1b[201~")  # a bracketed paste
    shell.line("")
    shell.wait_for(r"line 4 \(read /3/0/0\): read is a device command")  # back on the connector
    assert control.commands() == []  # all or nothing: the last line was invalid
    shell.wait_for(PROMPT + ">$")
    block[-1] = "discover /3"
    block[-2:] = [block[-1], block[-2]]  # discover before going back
    shell.type("\x1b[200~" + "\n".join(block) + "\x1b[201~")
    shell.line("")
    shell.wait_for(r"\[4/4\] \.use")
    shell.wait_for(PROMPT + ">$")
    sent = [(c["deviceId"], c["text"]) for c in control.commands()]
    assert sent == [(str(device["id"]), "read /3/0/9"), (str(device["id"]), "discover /3")]
    assert shell.leave() == 0


def test_device_results_are_pushed_once_its_channel_is_subscribed(
    spawn: Spawn, control: Control, tenant: SimulatedTenant
) -> None:
    """`.use` subscribes to the device's operations too: its results come by push (no poll of
    the operation), and going back to the connector drops that subscription."""
    device = control.device()
    shell = spawn()
    shell.wait_for(PROMPT)
    shell.wait_for("⚡ live updates")
    shell.line(f".use {device['id']}")
    shell.wait_for(device_prompt(device))
    wait_until(
        lambda: f"/operations/{device['id']}" in hub_for(tenant.state).subscriptions(),
        what="the device's channel subscribed",
    )
    polls_before = tenant.request_count("/devicecontrol/operations/")
    shell.line("read /3/0/9")
    shell.wait_for(r"/3/0/9 Battery Level: \d+")
    shell.wait_for(r"SUCCESSFUL · operation \d+")
    assert tenant.request_count("/devicecontrol/operations/") == polls_before  # pushed
    shell.line(".use")
    wait_until(
        lambda: f"/operations/{device['id']}" not in hub_for(tenant.state).subscriptions(),
        what="the device's channel dropped",
    )
    assert shell.leave() == 0
