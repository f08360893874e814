"""The client against the simulated tenant over real HTTP: reads, paging, errors, retries."""

from __future__ import annotations

import pytest

from lwm2m_shell.client import (
    BadResponse,
    BasicAuth,
    BasicCredentials,
    ConnectionFailed,
    CumulocityClient,
    Forbidden,
    NotFound,
    Unauthorized,
)
from lwm2m_shell.simulator import VIEWER_PASSWORD, VIEWER_USER, Fault, SimulatedTenant

from .conftest import make_client


def test_tenant_user_and_connector(client: CumulocityClient, tenant: SimulatedTenant) -> None:
    assert client.current_tenant().name == tenant.tenant_id
    user = client.current_user()
    assert user.has_role("ROLE_DEVICE_CONTROL_ADMIN") is True
    connectors = client.find_connectors()
    assert [c.id for c in connectors] == [tenant.connector_id]


def test_paging_reads_every_lwm2m_device_once(
    client: CumulocityClient, tenant: SimulatedTenant
) -> None:
    seen: list[str] = []
    for page in client.iter_managed_object_pages(
        {"fragmentType": "c8y_IsLwm2mDevice"}, page_size=7
    ):
        seen.extend(mo.id for mo in page)
    expected = sorted(str(d["id"]) for d in tenant.lwm2m_devices())
    assert sorted(seen) == expected
    assert len(seen) == len(set(seen))


def test_wrong_password_is_unauthorized(tenant: SimulatedTenant) -> None:
    auth = BasicAuth(BasicCredentials("admin", "nope", tenant.tenant_id))
    with CumulocityClient(tenant.url, auth) as bad, pytest.raises(Unauthorized) as caught:
        bad.current_user()
    assert "nope" not in str(caught.value)


def test_viewer_may_read_but_not_create(tenant: SimulatedTenant) -> None:
    auth = BasicAuth(BasicCredentials(VIEWER_USER, VIEWER_PASSWORD, tenant.tenant_id))
    with CumulocityClient(tenant.url, auth) as viewer:
        assert viewer.current_user().has_role("ROLE_DEVICE_CONTROL_ADMIN") is False
        with pytest.raises(Forbidden):
            viewer.post_operation(
                {"deviceId": tenant.connector_id, "c8y_Command": {"text": "help"}}
            )


def test_missing_object_is_not_found(client: CumulocityClient) -> None:
    with pytest.raises(NotFound):
        client.get_operation("999999999")


@pytest.mark.parametrize(
    "fault",
    [
        Fault(kind="status", status=503, path="/tenant/currentTenant", times=2),
        Fault(kind="status", status=429, retry_after=0.05, path="/tenant/currentTenant", times=2),
        Fault(kind="html_502", path="/tenant/currentTenant", times=2),
        Fault(kind="drop", path="/tenant/currentTenant", times=2),
    ],
    ids=["503", "429", "html-502", "dropped"],
)
def test_reads_retry_through_transient_faults(
    client: CumulocityClient, tenant: SimulatedTenant, fault: Fault
) -> None:
    tenant.add_fault(fault)
    assert client.current_tenant().name == tenant.tenant_id
    assert tenant.request_count("/tenant/currentTenant") == 3


@pytest.mark.parametrize(
    "fault, error",
    [
        (Fault(kind="malformed_json", path="/tenant/currentTenant"), BadResponse),
        (Fault(kind="empty_body", path="/tenant/currentTenant"), BadResponse),
        (Fault(kind="status", status=500, path="/tenant/currentTenant"), Exception),
    ],
    ids=["malformed", "empty", "500"],
)
def test_bad_answers_become_one_line_errors(
    client: CumulocityClient, tenant: SimulatedTenant, fault: Fault, error: type[Exception]
) -> None:
    tenant.add_fault(fault)
    with pytest.raises(error) as caught:
        client.current_tenant()
    message = str(caught.value)
    assert "\n" not in message and message.startswith("GET /tenant/currentTenant")


def test_reads_give_up_when_the_tenant_stays_down(tenant: SimulatedTenant) -> None:
    url = tenant.url
    tenant.stop()
    client = make_client(tenant)
    client.base_url = url
    with pytest.raises(ConnectionFailed):
        client.current_tenant()
