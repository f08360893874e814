"""Creating an operation: never two for one command, whatever happens to the POST."""

from __future__ import annotations

import pytest

from lwm2m_shell.client import TAG_FRAGMENT, AnswerLost, CumulocityClient, create_operation
from lwm2m_shell.simulator import Fault, SimulatedTenant
from tests.helpers import wait_until

from .conftest import make_client

POST = "/devicecontrol/operations"


def shell_ops(tenant: SimulatedTenant, text: str) -> list[dict[str, object]]:
    """Operations this client created for ``text`` (the tenant also holds older seeded ones)."""
    return [
        op
        for op in tenant.operations()
        if TAG_FRAGMENT in op and op.get("c8y_Command", {}).get("text") == text
    ]


def test_plain_create(client: CumulocityClient, tenant: SimulatedTenant) -> None:
    created = create_operation(client, tenant.connector_id, "help")
    assert created.operation.status.value == "PENDING"
    assert created.notes == ()
    assert len(shell_ops(tenant, "help")) == 1


@pytest.mark.parametrize(
    "fault, note",
    [
        (Fault(kind="drop", method="POST", path=POST, after_processing=True), "found operation"),
        (Fault(kind="drop", method="POST", path=POST), "sent again"),
        (Fault(kind="status", status=503, method="POST", path=POST), "sent again"),
        (Fault(kind="html_502", method="POST", path=POST), "sent again"),
        (Fault(kind="status", status=429, retry_after=0.05, method="POST", path=POST), "slow down"),
        (
            Fault(kind="malformed_json", method="POST", path=POST, after_processing=True),
            "could not be read",
        ),
    ],
    ids=["dropped-after", "dropped-before", "503", "html-502", "429", "garbled-after"],
)
def test_lost_answers_are_reconciled(
    client: CumulocityClient, tenant: SimulatedTenant, fault: Fault, note: str
) -> None:
    """Each lost answer ends with the one operation found or sent again, and says which."""
    tenant.add_fault(fault)
    text = "invalidateRegistrationById F7DqjmW3Yy"
    created = create_operation(client, tenant.connector_id, text, sleep=lambda s: None)
    assert len(shell_ops(tenant, text)) == 1
    assert shell_ops(tenant, text)[0]["id"] == created.operation.id
    assert any(note in n for n in created.notes), created.notes


def test_timeout_after_processing_finds_the_operation(tenant: SimulatedTenant) -> None:
    client = make_client(tenant, timeout=0.3)
    tenant.add_fault(Fault(kind="slow", method="POST", path=POST, delay=1.0, after_processing=True))
    created = create_operation(client, tenant.connector_id, "help")
    assert any("found operation" in n for n in created.notes)
    assert len(shell_ops(tenant, "help")) == 1


def test_timeout_with_nothing_found_is_never_resent(tenant: SimulatedTenant) -> None:
    client = make_client(tenant, timeout=0.3)
    # The tenant takes a second before it even handles the POST: the client gives up first,
    # looks, finds nothing yet, and must not send it again.
    tenant.add_fault(Fault(kind="slow", method="POST", path=POST, delay=1.0))
    with pytest.raises(AnswerLost) as caught:
        create_operation(client, tenant.connector_id, "help", look_window=0.2)
    assert "not sent again" in str(caught.value)
    # The late original lands a second after it was sent; a second POST, sent before the client
    # gave up and not delayed by the fault (it hits once), would have landed before it.
    wait_until(lambda: shell_ops(tenant, "help"), 10, "the late original to land")
    assert len(shell_ops(tenant, "help")) == 1  # the late original, and no second one
