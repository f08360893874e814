"""Each injected fault kind, over real HTTP, and the rules for matching faults."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from lwm2m_shell.simulator import Fault, SimulatedTenant

COMMAND = {"c8y_Command": {"text": "help"}}


def post_command(tenant: SimulatedTenant, client: httpx.Client) -> httpx.Response:
    return client.post(
        "/devicecontrol/operations", json={"deviceId": tenant.connector_id, **COMMAND}
    )


def test_latency_delays_then_answers(tenant: SimulatedTenant, client: httpx.Client) -> None:
    tenant.add_fault(Fault("latency", delay=0.3, path="/inventory"))
    started = time.monotonic()
    response = client.get("/inventory/managedObjects")
    assert time.monotonic() - started >= 0.3
    assert response.status_code == 200


@pytest.mark.parametrize("status", [429, 500, 503, 504])
def test_status_with_error_body_and_retry_after(
    tenant: SimulatedTenant, client: httpx.Client, status: int
) -> None:
    tenant.add_fault(Fault("status", status=status, retry_after=2, path="/inventory", times=2))
    for _ in range(2):
        response = client.get("/inventory/managedObjects")
        assert response.status_code == status
        assert response.headers["retry-after"] == "2"
        assert set(response.json()) == {"error", "message", "info"}
        assert "cumulocity.error" in response.headers["content-type"]
    assert client.get("/inventory/managedObjects").status_code == 200
    assert tenant.faults() == []


def test_html_502(tenant: SimulatedTenant, client: httpx.Client) -> None:
    tenant.add_fault(Fault("html_502"))
    response = client.get("/tenant/currentTenant")
    assert response.status_code == 502
    assert response.headers["content-type"].startswith("text/html")
    assert b"<html>" in response.content


def test_drop_before_processing_creates_nothing(
    tenant: SimulatedTenant, client: httpx.Client
) -> None:
    before = len(tenant.operations())
    tenant.add_fault(Fault("drop", method="POST", path="/devicecontrol/operations"))
    with pytest.raises(httpx.RemoteProtocolError):
        post_command(tenant, client)
    assert len(tenant.operations()) == before
    assert post_command(tenant, client).status_code == 201


def test_drop_after_processing_a_post(tenant: SimulatedTenant, client: httpx.Client) -> None:
    before = len(tenant.operations())
    tenant.add_fault(Fault("drop", method="POST", after_processing=True))
    with pytest.raises(httpx.RemoteProtocolError):
        post_command(tenant, client)
    created = tenant.operations()[before:]
    assert len(created) == 1 and created[0]["c8y_Command"]["text"] == "help"
    assert client.get(f"/devicecontrol/operations/{created[0]['id']}").status_code == 200


def test_slow_answer_times_out_the_client(tenant: SimulatedTenant, client: httpx.Client) -> None:
    before = len(tenant.operations())
    tenant.add_fault(Fault("slow", method="POST", delay=0.5, after_processing=True))
    with pytest.raises(httpx.ReadTimeout):
        client.post(
            "/devicecontrol/operations",
            json={"deviceId": tenant.connector_id, **COMMAND},
            timeout=0.1,
        )
    assert len(tenant.operations()) == before + 1
    tenant.add_fault(Fault("slow", path="/tenant", delay=0.2))
    started = time.monotonic()
    assert client.get("/tenant/currentTenant").status_code == 200
    assert time.monotonic() - started >= 0.2


@pytest.mark.parametrize("after", [False, True])
def test_malformed_json(tenant: SimulatedTenant, client: httpx.Client, after: bool) -> None:
    before = len(tenant.operations())
    tenant.add_fault(Fault("malformed_json", method="POST", after_processing=after))
    response = post_command(tenant, client)
    assert response.status_code == (201 if after else 200)
    with pytest.raises(json.JSONDecodeError):
        response.json()
    assert len(tenant.operations()) == before + (1 if after else 0)
    tenant.add_fault(Fault("malformed_json", path="/inventory"))
    with pytest.raises(json.JSONDecodeError):
        client.get("/inventory/managedObjects").json()


def test_empty_body(tenant: SimulatedTenant, client: httpx.Client) -> None:
    tenant.add_fault(Fault("empty_body", path="/user"))
    response = client.get("/user/currentUser")
    assert response.status_code == 200 and response.content == b""
    assert client.get("/user/currentUser").json()["userName"] == "admin"


def test_matching_by_method_path_and_times(tenant: SimulatedTenant, client: httpx.Client) -> None:
    tenant.add_fault(Fault("status", status=503, method="post", times=None))
    assert client.get("/devicecontrol/operations").status_code == 200
    assert all(post_command(tenant, client).status_code == 503 for _ in range(3))
    tenant.clear_faults()
    assert post_command(tenant, client).status_code == 201
    tenant.add_fault(Fault("status", status=500, path="/identity"))
    assert client.get("/inventory/managedObjects").status_code == 200
    assert client.get("/identity/globalIds/1/externalIds").status_code == 500
    assert client.get("/identity/globalIds/1/externalIds").status_code == 404


def test_probability_is_seeded_and_partial() -> None:
    def outcomes() -> list[int]:
        with SimulatedTenant(devices=5) as tenant:
            tenant.add_fault(Fault("status", status=503, times=None, probability=0.3))
            with httpx.Client(base_url=tenant.url) as client:
                return [client.get("/tenant/loginOptions").status_code for _ in range(60)]

    first = outcomes()
    assert 5 < first.count(503) < 35 and first.count(200) + first.count(503) == 60
    assert outcomes() == first


def test_requests_are_counted_and_config_latency_applies() -> None:
    with SimulatedTenant(devices=5, latency=0.1) as tenant:
        with httpx.Client(base_url=tenant.url) as client:
            started = time.monotonic()
            client.get("/tenant/loginOptions")
            assert time.monotonic() - started >= 0.1
            client.get("/inventory/managedObjects")
            client.get("/__simulator__/state")
        assert tenant.request_count() == 2
        assert tenant.request_count("/inventory") == 1
        assert tenant.request_count("/devicecontrol") == 0


def test_invalid_faults_are_refused() -> None:
    with pytest.raises(ValueError):
        Fault("explode")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Fault("status", status=42)
    with pytest.raises(ValueError):
        Fault("drop", probability=2)
    with pytest.raises(ValueError):
        Fault("drop", path="inventory")
