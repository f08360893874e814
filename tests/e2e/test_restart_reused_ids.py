"""The simulated tenant restarted under a running REPL, handing out the same operation IDs again:
a new command shows its own result (not the remembered one of the old operation with its ID), and
another client's operation that reuses an ID of ours is announced."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
import pytest

from lwm2m_shell.simulator import ADMIN_PASSWORD, ADMIN_USER, SimulatedTenant
from tests.helpers.restart import restarted

from .terminal import ShellTerminal

pytestmark = [pytest.mark.pty, pytest.mark.timeout(120)]

Spawn = Callable[..., ShellTerminal]
CLEANUP = "cleanupClusterTenantObjectsForEndpoint urn:imei:350000000000000"


def prompt_re(tenant: SimulatedTenant) -> str:
    return re.escape(f"{tenant.tenant_id}@{tenant.url.split('://', 1)[1]}>")


def test_fresh_answers_win_over_remembered_ones_after_a_restart(
    spawn: Spawn, tenant: SimulatedTenant
) -> None:
    shell = spawn()
    shell.wait_for(prompt_re(tenant))
    shell.wait_for("⚡ live updates", timeout=30)
    shell.line("invalidateRegistrationById ZZZZZZZZZZ")
    failed = shell.wait_for(r"✘ FAILED · operation (\d+)").group(1)
    shell.line(CLEANUP)
    succeeded = shell.wait_for(r"✔ SUCCESSFUL · operation (\d+)").group(1)
    again = restarted(tenant)
    try:
        shell.line(CLEANUP)  # the restarted tenant gives it the ID of the FAILED one
        shell.wait_for(rf"✔ SUCCESSFUL · operation {failed}\b", timeout=60)
        assert shell.text().count(f"FAILED · operation {failed}") == 1  # the old one only
        shell.wait_for("⚡ live updates", timeout=30)
        auth = (f"{again.tenant_id}/{ADMIN_USER}", ADMIN_PASSWORD)
        with httpx.Client(base_url=again.url, auth=auth) as other:
            created = other.post(
                "/devicecontrol/operations",
                json={"deviceId": again.connector_id, "c8y_Command": {"text": "help"}},
            )
        assert created.json()["id"] == succeeded  # an ID that was ours before the restart
        shell.wait_for(rf"» operation {succeeded} sent by someone else: help", timeout=30)
        assert shell.leave() == 0
    finally:
        again.stop()


def test_an_operation_running_when_the_tenant_died_ends_in_plain_words(
    spawn: Spawn, tenant: SimulatedTenant
) -> None:
    shell = spawn()
    shell.wait_for(prompt_re(tenant))
    shell.wait_for("⚡ live updates", timeout=30)
    tenant.set_agent(execution_delay=30.0)
    shell.line(CLEANUP)
    running = shell.wait_for(r"(PENDING|EXECUTING)\s+[\d.]+s · operation (\d+)").group(2)
    again = restarted(tenant)  # forgets every operation: ours is gone
    try:
        shell.wait_for(rf"the tenant no longer has operation {running}", timeout=60)
        shell.wait_for(prompt_re(again) + r"\s*$", timeout=30)
        text = shell.text()
        assert f".status {running}" not in text  # no hint that can never work
        assert not re.search(rf"PENDING · operation {running}", text)
        assert shell.leave() == 0
    finally:
        again.stop()
