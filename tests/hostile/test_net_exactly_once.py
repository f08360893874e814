"""Exactly once, proven: every lost POST answer combined with every kind of look-up.

A failed look-up (503, a dropped connection, a timeout, garbage) is no proof that the operation
does not exist: after it nothing more may be sent. Only a look-up that succeeded and did not show
our tag allows sending again. Whatever happens, the tenant never holds two operations for one
command: they are counted on the simulated tenant itself.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from lwm2m_shell.client import (
    TAG_FRAGMENT,
    AnswerLost,
    BasicAuth,
    BasicCredentials,
    ClientOptions,
    CumulocityClient,
    RetryPolicy,
    create_operation,
)
from lwm2m_shell.client.errors import OutcomeUnknown
from lwm2m_shell.simulator import (
    ADMIN_PASSWORD,
    ADMIN_USER,
    Fault,
    SimulatedTenant,
)
from tests.helpers.tenants import TenantFactory

from ..e2e.terminal import admin_login, shell_env
from .net_support import SHELL

OPS = "/devicecontrol/operations"
TIMEOUT = 0.5  # the client's whole-request bound
SLOW = 1.0  # a "slow" fault answers after this: always too late

LOST_POST: dict[str, Callable[[], Fault]] = {
    "drop": lambda: Fault(kind="drop", method="POST", path=OPS),
    "drop after work": lambda: Fault(kind="drop", method="POST", path=OPS, after_processing=True),
    "timeout": lambda: Fault(kind="slow", delay=SLOW, method="POST", path=OPS),
    "timeout after work": lambda: Fault(
        kind="slow", delay=SLOW, method="POST", path=OPS, after_processing=True
    ),
    "500": lambda: Fault(kind="status", status=500, method="POST", path=OPS),
    "502": lambda: Fault(kind="html_502", method="POST", path=OPS),
    "503": lambda: Fault(kind="status", status=503, method="POST", path=OPS),
    "504": lambda: Fault(kind="status", status=504, method="POST", path=OPS),
    "unreadable after work": lambda: Fault(
        kind="malformed_json", method="POST", path=OPS, after_processing=True
    ),
    "nested after work": lambda: Fault(
        kind="nested", size=100_000, method="POST", path=OPS, after_processing=True
    ),
}

LOOK_UP: dict[str, Callable[[], Fault] | None] = {
    "look-up ok": None,
    "look-up 503": lambda: Fault(kind="status", status=503, method="GET", path=OPS, times=None),
    "look-up dropped": lambda: Fault(kind="drop", method="GET", path=OPS, times=None),
    "look-up timeout": lambda: Fault(kind="slow", delay=SLOW, method="GET", path=OPS, times=None),
    "look-up bad JSON": lambda: Fault(kind="malformed_json", method="GET", path=OPS, times=None),
}


@pytest.fixture
def tenant(make_tenant: TenantFactory) -> SimulatedTenant:
    return make_tenant(devices=5, pending_delay=0.0, execution_delay=0.02)


def make_client(tenant: SimulatedTenant) -> CumulocityClient:
    auth = BasicAuth(BasicCredentials(ADMIN_USER, ADMIN_PASSWORD, tenant.tenant_id))
    policy = RetryPolicy(attempts=2, base_delay=0.01, max_delay=0.02, budget=2.0)
    return CumulocityClient(tenant.url, auth, ClientOptions(timeout=TIMEOUT, retry=policy))


def tagged(tenant: SimulatedTenant, text: str) -> list[dict[str, object]]:
    return [
        op
        for op in tenant.operations()
        if TAG_FRAGMENT in op and op.get("c8y_Command", {}).get("text") == text
    ]


def settle(tenant: SimulatedTenant, text: str, lost: str) -> int:
    """The number of our operations once a late request (a slow fault) had time to land."""
    if lost.startswith("timeout"):
        time.sleep(SLOW + 0.3)
    return len(tagged(tenant, text))


@pytest.mark.parametrize("look_up", list(LOOK_UP))
@pytest.mark.parametrize("lost", list(LOST_POST))
def test_at_most_one_operation_ever(tenant: SimulatedTenant, lost: str, look_up: str) -> None:
    client = make_client(tenant)
    text = f"invalidateRegistrationById {lost.replace(' ', '_')}"
    tenant.add_fault(LOST_POST[lost]())
    failing = LOOK_UP[look_up]
    if failing is not None:
        tenant.add_fault(failing())
    try:
        created = create_operation(client, tenant.connector_id, text, look_window=0.6)
    except OutcomeUnknown as error:
        assert failing is not None, f"a look-up succeeded, yet the outcome is unknown: {error}"
        assert "not sent again" in str(error)
        assert settle(tenant, text, lost) <= 1
        return
    except AnswerLost as error:
        assert failing is None, f"a failed look-up must give OutcomeUnknown, got {error!r}"
        assert settle(tenant, text, lost) <= 1
        return
    finally:
        client.close()
    assert failing is None, "an operation was found although every look-up failed"
    assert settle(tenant, text, lost) == 1
    assert tagged(tenant, text)[0]["id"] == created.operation.id


def test_the_issue_case_sends_once(tenant: SimulatedTenant) -> None:
    """The reported case: the POST answer is dropped after the work, the look-ups get 503."""
    client = make_client(tenant)
    text = "invalidateRegistrationById issue_case"
    tenant.add_fault(Fault(kind="drop", method="POST", path=OPS, after_processing=True))
    tenant.add_fault(Fault(kind="status", status=503, method="GET", path=OPS, times=6))
    with pytest.raises(OutcomeUnknown):
        create_operation(client, tenant.connector_id, text, look_window=0.3)
    client.close()
    assert len(tagged(tenant, text)) == 1


def test_script_says_plainly_that_the_outcome_is_unknown(
    tenant: SimulatedTenant, tmp_path: Path
) -> None:
    """-c with a lost answer and failing look-ups: the plain words, exit 3, nothing resent."""
    env = shell_env(tmp_path / "home", admin_login(tenant))
    tenant.add_fault(Fault(kind="drop", method="POST", path=OPS))
    tenant.add_fault(Fault(kind="status", status=503, method="GET", path=OPS, times=None))
    result = subprocess.run(
        [*SHELL, "-c", "invalidateRegistrationById plain_words"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 3, result.stderr
    assert (
        "The operation may or may not exist; `lwm2m-shell -c '.history'` shows it within a minute"
        in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert tenant.request_count(OPS) - tenant.request_count(OPS + "/") >= 2  # POST + look-ups
    assert len(tagged(tenant, "invalidateRegistrationById plain_words")) == 0
