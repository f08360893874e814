"""The simulated realtime endpoint, spoken to in raw Bayeux over httpx."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from lwm2m_shell.simulator import Fault, SimulatedTenant
from lwm2m_shell.simulator.auth import User
from lwm2m_shell.simulator.protocol import Request
from lwm2m_shell.simulator.realtime import RealtimeHub, hub_for

from .conftest import admin_client

PATH = "/notification/realtime"


@pytest.fixture
def tenant() -> Iterator[SimulatedTenant]:
    with SimulatedTenant(
        devices=20, pending_delay=0.0, execution_delay=0.01, realtime_timeout=0.5
    ) as running:
        yield running


def bayeux(client: httpx.Client, *messages: dict[str, Any]) -> list[dict[str, Any]]:
    answer = client.post(PATH, json=list(messages))
    assert answer.status_code == 200, answer.text
    replies: list[dict[str, Any]] = answer.json()
    return replies


def meta(replies: list[dict[str, Any]], channel: str) -> dict[str, Any]:
    return next(r for r in replies if r["channel"] == channel)


def handshake(client: httpx.Client) -> str:
    reply = meta(
        bayeux(
            client,
            {
                "channel": "/meta/handshake",
                "version": "1.0",
                "supportedConnectionTypes": ["long-polling"],
            },
        ),
        "/meta/handshake",
    )
    assert reply["successful"] is True
    assert reply["advice"]["reconnect"] == "retry"
    client_id: str = reply["clientId"]
    return client_id


def subscribe(client: httpx.Client, client_id: str, device_id: str) -> dict[str, Any]:
    return meta(
        bayeux(
            client,
            {
                "channel": "/meta/subscribe",
                "clientId": client_id,
                "subscription": f"/operations/{device_id}",
            },
        ),
        "/meta/subscribe",
    )


def connect(client: httpx.Client, client_id: str, **extra: Any) -> list[dict[str, Any]]:
    return bayeux(
        client,
        {
            "channel": "/meta/connect",
            "clientId": client_id,
            "connectionType": "long-polling",
            **extra,
        },
    )


def data_of(replies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in replies if not r["channel"].startswith("/meta/")]


def create_command(client: httpx.Client, device_id: str, text: str = "help") -> str:
    created = client.post(
        "/devicecontrol/operations", json={"deviceId": device_id, "c8y_Command": {"text": text}}
    )
    assert created.status_code == 201, created.text
    op_id: str = created.json()["id"]
    return op_id


def collect_until_final(client: httpx.Client, client_id: str, op_id: str) -> list[dict[str, Any]]:
    pushed: list[dict[str, Any]] = []
    for _ in range(40):
        replies = connect(client, client_id)
        assert meta(replies, "/meta/connect")["successful"] is True
        pushed += data_of(replies)
        statuses = [m["data"]["data"]["status"] for m in pushed if m["data"]["data"]["id"] == op_id]
        if statuses and statuses[-1] in ("SUCCESSFUL", "FAILED"):
            return pushed
    pytest.fail("the final state was never pushed")


def test_handshake_advises_the_configured_hold(tenant: SimulatedTenant) -> None:
    with admin_client(tenant) as client:
        replies = bayeux(
            client, {"channel": "/meta/handshake", "supportedConnectionTypes": ["long-polling"]}
        )
    assert meta(replies, "/meta/handshake")["advice"] == {
        "reconnect": "retry",
        "interval": 0,
        "timeout": 500,
    }


def test_creates_and_updates_of_the_subscribed_device_are_pushed(tenant: SimulatedTenant) -> None:
    with admin_client(tenant) as client:
        client_id = handshake(client)
        assert subscribe(client, client_id, tenant.connector_id)["successful"] is True
        op_id = create_command(client, tenant.connector_id)
        pushed = collect_until_final(client, client_id, op_id)
    ours = [m for m in pushed if m["data"]["data"]["id"] == op_id]
    actions = [(m["data"]["realtimeAction"], m["data"]["data"]["status"]) for m in ours]
    assert actions == [("CREATE", "PENDING"), ("UPDATE", "EXECUTING"), ("UPDATE", "SUCCESSFUL")]
    assert all(m["channel"] == f"/operations/{tenant.connector_id}" for m in ours)
    assert "c8y_Command" in ours[-1]["data"]["data"]
    assert ours[-1]["data"]["data"]["c8y_Command"]["result"]


def test_operations_of_other_devices_are_not_pushed(tenant: SimulatedTenant) -> None:
    other = next(d["id"] for d in tenant.lwm2m_devices())
    with admin_client(tenant) as client:
        client_id = handshake(client)
        subscribe(client, client_id, tenant.connector_id)
        client.post("/devicecontrol/operations", json={"deviceId": other, "c8y_Restart": {}})
        replies = connect(client, client_id)  # held until the (short) timeout: nothing came
    assert meta(replies, "/meta/connect")["successful"] is True
    assert data_of(replies) == []


def test_a_connect_with_nothing_to_deliver_is_held_then_answered(tenant: SimulatedTenant) -> None:
    with admin_client(tenant) as client:
        client_id = handshake(client)
        subscribe(client, client_id, tenant.connector_id)
        done = threading.Event()
        answers: list[list[dict[str, Any]]] = []

        def hold() -> None:
            answers.append(connect(client, client_id, advice={"timeout": 5000}))
            done.set()

        # the server's own limit (0.5 s) wins over the 5 s the client asked for
        thread = threading.Thread(target=hold)
        thread.start()
        assert not done.wait(0.1)  # still held
        thread.join(10)
    assert meta(answers[0], "/meta/connect")["advice"]["reconnect"] == "retry"
    assert data_of(answers[0]) == []


def test_a_push_ends_the_held_connect(tenant: SimulatedTenant) -> None:
    hub_for(tenant.state).timeout = 30.0  # long hold: only the push can end it in time
    with admin_client(tenant) as client, admin_client(tenant) as other:
        client_id = handshake(client)
        subscribe(client, client_id, tenant.connector_id)
        answers: list[list[dict[str, Any]]] = []
        thread = threading.Thread(target=lambda: answers.append(connect(client, client_id)))
        thread.start()
        op_id = create_command(other, tenant.connector_id)
        thread.join(10)
    assert not thread.is_alive()
    assert [m["data"]["data"]["id"] for m in data_of(answers[0])][:1] == [op_id]


def test_unknown_client_is_told_to_handshake(tenant: SimulatedTenant) -> None:
    with admin_client(tenant) as client:
        reply = meta(connect(client, "no-such-client"), "/meta/connect")
        assert reply["successful"] is False
        assert reply["error"].startswith("402::")
        assert reply["advice"]["reconnect"] == "handshake"
        client_id = handshake(client)
        hub_for(tenant.state).forget_clients()  # as after a server restart
        assert subscribe(client, client_id, tenant.connector_id)["error"].startswith("402::")


def test_disconnect_forgets_the_client(tenant: SimulatedTenant) -> None:
    with admin_client(tenant) as client:
        client_id = handshake(client)
        reply = meta(
            bayeux(client, {"channel": "/meta/disconnect", "clientId": client_id}),
            "/meta/disconnect",
        )
        assert reply["successful"] is True
        assert client_id not in hub_for(tenant.state).client_ids()
        assert meta(connect(client, client_id), "/meta/connect")["error"].startswith("402::")


def test_a_newer_connect_ends_the_held_one_without_taking_its_messages(
    tenant: SimulatedTenant,
) -> None:
    hub_for(tenant.state).timeout = 30.0
    with admin_client(tenant) as first, admin_client(tenant) as second:
        client_id = handshake(first)
        subscribe(first, client_id, tenant.connector_id)
        answers: list[list[dict[str, Any]]] = []
        held = threading.Thread(target=lambda: answers.append(connect(first, client_id)))
        held.start()
        while not hub_for(tenant.state)._clients[client_id].connects:
            threading.Event().wait(0.01)
        tenant.set_agent(online=False)  # the operation stays PENDING: exactly one push
        newer = threading.Thread(target=lambda: answers.append(connect(second, client_id)))
        newer.start()
        held.join(10)
        assert len(answers) == 1 and data_of(answers[0]) == []  # ended, empty
        create_command(first, tenant.connector_id)
        newer.join(10)
    assert [m["data"]["realtimeAction"] for m in data_of(answers[1])] == ["CREATE"]


def test_authentication_is_required(tenant: SimulatedTenant) -> None:
    with httpx.Client(base_url=tenant.url) as anonymous:
        answer = anonymous.post(PATH, json=[{"channel": "/meta/handshake"}])
    assert answer.status_code == 401


def test_bad_requests_are_refused(tenant: SimulatedTenant) -> None:
    with admin_client(tenant) as client:
        assert (
            client.post(
                PATH, content=b"{not json", headers={"Content-Type": "application/json"}
            ).status_code
            == 400
        )
        assert client.post(PATH, json=[]).status_code == 400
        assert client.get(PATH).status_code == 405
        reply = meta(
            bayeux(
                client, {"channel": "/meta/handshake", "supportedConnectionTypes": ["websocket"]}
            ),
            "/meta/handshake",
        )
        assert reply["successful"] is False
        client_id = handshake(client)
        wrong = meta(
            bayeux(
                client,
                {"channel": "/meta/subscribe", "clientId": client_id, "subscription": "/alarms/1"},
            ),
            "/meta/subscribe",
        )
        assert wrong["successful"] is False and wrong["error"].startswith("404::")


def test_subscribing_needs_the_device_control_read_role() -> None:
    hub = RealtimeHub(timeout=0.1)
    reader = User("reader", "pw", ())

    def call(*messages: dict[str, Any]) -> list[dict[str, Any]]:
        body = json.dumps(list(messages)).encode()
        reply = hub.handle(Request("POST", PATH, [], {}, body), reader)
        replies: list[dict[str, Any]] = json.loads(reply.body or b"[]")
        return replies

    shake = call({"channel": "/meta/handshake", "supportedConnectionTypes": ["long-polling"]})
    client_id = shake[0]["clientId"]
    refused = call(
        {"channel": "/meta/subscribe", "clientId": client_id, "subscription": "/operations/1"}
    )
    assert refused[0]["successful"] is False
    assert refused[0]["error"].startswith("403::")


def test_faults_apply_to_the_realtime_path(tenant: SimulatedTenant) -> None:
    tenant.add_fault(Fault("status", path="/notification", status=503, times=1))
    with admin_client(tenant) as client:
        answer = client.post(
            PATH,
            json=[{"channel": "/meta/handshake", "supportedConnectionTypes": ["long-polling"]}],
        )
        assert answer.status_code == 503
        handshake(client)  # the fault was used up
    assert tenant.request_count("/notification/realtime") == 2


def test_stopping_the_tenant_ends_held_connects() -> None:
    tenant = SimulatedTenant(devices=5, realtime_timeout=60.0).start()
    results: list[object] = []
    try:
        with admin_client(tenant) as client:
            client_id = handshake_any(client)

            def hold() -> None:
                try:
                    results.append(connect(client, client_id))
                except httpx.HTTPError as error:
                    results.append(error)

            thread = threading.Thread(target=hold)
            thread.start()
            while not hub_for(tenant.state)._clients[client_id].connects:
                threading.Event().wait(0.01)
            tenant.stop()
            thread.join(10)
    finally:
        tenant.stop()
    assert not thread.is_alive()
    assert len(results) == 1


def handshake_any(client: httpx.Client) -> str:
    reply = bayeux(
        client, {"channel": "/meta/handshake", "supportedConnectionTypes": ["long-polling"]}
    )
    client_id: str = reply[0]["clientId"]
    return client_id
