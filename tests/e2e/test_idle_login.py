"""A login that the tenant revokes while the REPL idles: renewed in the background when the
password is known (live updates come back without a typed command); otherwise the toolbar says
the login was refused and how to log in again."""

from __future__ import annotations

import re
import time

import httpx
import pytest

from lwm2m_shell.simulator import ADMIN_PASSWORD, ADMIN_USER, SimulatedTenant
from tests.helpers.tenants import TenantFactory

from .terminal import ShellTerminal

pytestmark = [pytest.mark.pty, pytest.mark.timeout(120)]

TOKEN_REQUESTS = "/tenant/oauth/token"


@pytest.fixture
def tenant(make_tenant: TenantFactory) -> SimulatedTenant:
    """A short realtime hold: the channel meets the revoked token within a second or two."""
    return make_tenant(devices=30, pending_delay=0.0, execution_delay=0.05, realtime_timeout=1.0)


def toolbar(shell: ShellTerminal) -> str:
    rows = shell.text().rstrip().splitlines()
    return rows[-1] if rows else ""


def wait_toolbar(shell: ShellTerminal, pattern: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not re.search(pattern, toolbar(shell)):
        assert time.monotonic() < deadline, f"toolbar never said {pattern!r}:\n{shell.text()}"
        shell.pump(0.05)


def test_a_revoked_token_is_renewed_while_idle(
    env: dict[str, str], tenant: SimulatedTenant
) -> None:
    shell = ShellTerminal([], env, columns=220)
    try:
        wait_toolbar(shell, "⚡ live updates", 30)
        logins = tenant.request_count(TOKEN_REQUESTS)
        assert logins >= 1  # an OAuth login with the password
        assert tenant.revoke_tokens() >= 1
        wait_toolbar(shell, "live updates off", 60)  # the realtime channel got 401
        wait_toolbar(shell, "⚡ live updates", 60)  # ...and came back with nothing typed
        assert tenant.request_count(TOKEN_REQUESTS) > logins  # renewed in the background
        assert "● connected" in toolbar(shell)
        auth = (f"{tenant.tenant_id}/{ADMIN_USER}", ADMIN_PASSWORD)
        with httpx.Client(base_url=tenant.url, auth=auth) as other:
            op = other.post(
                "/devicecontrol/operations",
                json={"deviceId": tenant.connector_id, "c8y_Command": {"text": "help"}},
            ).json()["id"]
        shell.wait_for(rf"» operation {op} sent by someone else: help", timeout=30)
        assert shell.leave() == 0
    finally:
        shell.close()


def test_a_revoked_token_without_a_password_is_said_in_the_toolbar(
    env: dict[str, str], tenant: SimulatedTenant
) -> None:
    token, _ = tenant.state.auth.issue_token(None, ADMIN_USER, ADMIN_PASSWORD, None)
    only_token = {k: v for k, v in env.items() if k not in ("C8Y_PASSWORD", "C8Y_USER")}
    only_token["C8Y_TOKEN"] = token
    shell = ShellTerminal([], only_token, columns=220)
    try:
        wait_toolbar(shell, "⚡ live updates", 30)
        tenant.revoke_tokens()
        wait_toolbar(shell, r"✘ login refused: get a new token \(C8Y_TOKEN\)", 60)
        shell.line(".context")
        shell.wait_for(r"connection  login refused since .*get a new token")
        assert shell.leave() == 0
    finally:
        shell.close()
