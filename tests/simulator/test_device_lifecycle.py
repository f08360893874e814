"""The life cycle of device shell operations: sleeping and unresponsive devices, registration
updates, the control endpoints that drive them, and the realtime notifications they cause."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from lwm2m_shell.simulator import SimulatedTenant
from lwm2m_shell.simulator.__main__ import build_parser

from .conftest import admin_client, run_command, wait_for
from .test_realtime import collect_until_final, connect, create_command, handshake, subscribe


@pytest.fixture
def tenant() -> Iterator[SimulatedTenant]:
    """Registration updates only when a test wakes a device (the periodic ones are an hour off)."""
    with SimulatedTenant(
        devices=50,
        pending_delay=0.01,
        execution_delay=0.05,
        registration_interval=3600,
        realtime_timeout=0.5,
    ) as running:
        yield running


@pytest.fixture
def client(tenant: SimulatedTenant) -> Iterator[httpx.Client]:
    with admin_client(tenant) as http:
        yield http


def device_of_mode(tenant: SimulatedTenant, mode: str) -> str:
    return str(next(d["id"] for d in tenant.lwm2m_devices() if d["mode"] == mode))


class StatusLog:
    """The statuses an operation went through, as the tenant's listeners saw them."""

    def __init__(self, tenant: SimulatedTenant) -> None:
        self._lock = threading.Lock()
        self._seen: list[tuple[str, str]] = []
        self.unsubscribe = tenant.subscribe(self._on_change)

    def _on_change(self, action: str, operation: dict[str, Any]) -> None:
        with self._lock:
            self._seen.append((operation["id"], operation["status"]))

    def of(self, op_id: str) -> list[str]:
        with self._lock:
            return [status for seen_id, status in self._seen if seen_id == op_id]


def status(client: httpx.Client, op_id: str) -> str:
    value: str = client.get(f"/devicecontrol/operations/{op_id}").json()["status"]
    return value


def test_default_tenant_has_devices_of_each_kind_marked_in_the_inventory(
    tenant: SimulatedTenant, client: httpx.Client
) -> None:
    modes = [d["mode"] for d in tenant.lwm2m_devices()]
    assert {"online", "sleeping", "unresponsive"} == set(modes)
    assert 0.05 <= modes.count("sleeping") / len(modes) <= 0.15
    sleeping = device_of_mode(tenant, "sleeping")
    body = client.get(f"/inventory/managedObjects/{sleeping}").json()
    assert body["awakeTimeRegistrationParameter"] == 3000
    assert body["sim_Lwm2mDevice"] == {"mode": "sleeping"}
    online = client.get(f"/inventory/managedObjects/{device_of_mode(tenant, 'online')}").json()
    assert "awakeTimeRegistrationParameter" not in online
    found = client.get(
        "/inventory/managedObjects", params={"fragmentType": "sim_Lwm2mDevice", "pageSize": 3}
    )
    assert [mo["sim_Lwm2mDevice"]["mode"] for mo in found.json()["managedObjects"]] == [
        "online"
    ] * 3


def test_shares_are_configurable() -> None:
    none = SimulatedTenant(devices=30, sleeping_share=0, unresponsive_share=0)
    assert {d["mode"] for d in none.lwm2m_devices()} == {"online"}
    asleep = SimulatedTenant(devices=30, sleeping_share=1, unresponsive_share=0, awake_time=0.5)
    assert {(d["mode"], d["awakeTime"]) for d in asleep.lwm2m_devices()} == {("sleeping", 500)}
    with pytest.raises(ValueError, match="shares"):
        SimulatedTenant(devices=5, sleeping_share=0.7, unresponsive_share=0.7)
    with pytest.raises(ValueError, match="registration_interval"):
        SimulatedTenant(devices=5, registration_interval=0)


def test_sleeping_device_queues_until_it_wakes(
    tenant: SimulatedTenant, client: httpx.Client
) -> None:
    sleeping = device_of_mode(tenant, "sleeping")
    log = StatusLog(tenant)
    queued = create_command(client, sleeping, "read /3/0/16")
    # An online device's operation created later finishes first; the sleeper's stays queued.
    assert run_command(client, device_of_mode(tenant, "online"), "read /3/0/9")["status"] == (
        "SUCCESSFUL"
    )
    assert status(client, queued) == "PENDING"
    state = client.get(f"/__simulator__/devices/{sleeping}/lwm2m").json()
    assert state["mode"] == "sleeping" and state["queued"] == [queued]
    woken = client.post(f"/__simulator__/devices/{sleeping}/wake")
    assert woken.status_code == 200 and woken.json()["lastUpdate"] is not None
    wait_for(lambda: status(client, queued) == "SUCCESSFUL")
    assert log.of(queued) == ["PENDING", "EXECUTING", "SUCCESSFUL"]
    op = client.get(f"/devicecontrol/operations/{queued}").json()
    assert op["c8y_Command"]["result"] == "UQ"  # a sleeping device binds in queue mode


def test_unresponsive_device_goes_back_to_pending_then_succeeds(
    tenant: SimulatedTenant, client: httpx.Client
) -> None:
    device = device_of_mode(tenant, "unresponsive")
    log = StatusLog(tenant)
    op_id = create_command(client, device, "read /3/0/9")
    wait_for(lambda: log.of(op_id) == ["PENDING", "EXECUTING", "PENDING"])
    assert status(client, op_id) == "PENDING"
    assert client.post(f"/__simulator__/devices/{device}/wake").status_code == 200
    wait_for(lambda: status(client, op_id) == "SUCCESSFUL")
    assert log.of(op_id) == ["PENDING", "EXECUTING", "PENDING", "EXECUTING", "SUCCESSFUL"]
    assert client.get(f"/devicecontrol/operations/{op_id}").json()["c8y_Command"]["result"]


def test_unresponsive_statuses_go_out_as_realtime_notifications_in_order(
    tenant: SimulatedTenant, client: httpx.Client
) -> None:
    device = device_of_mode(tenant, "unresponsive")
    client_id = handshake(client)
    assert subscribe(client, client_id, device)["successful"] is True
    connect(client, client_id)
    op_id = create_command(client, device, "read /3/0/0")
    log = StatusLog(tenant)
    wait_for(lambda: "PENDING" in log.of(op_id))
    tenant.wake_device(device)
    pushed = collect_until_final(client, client_id, op_id)
    statuses = [m["data"]["data"]["status"] for m in pushed if m["data"]["data"]["id"] == op_id]
    assert statuses == ["PENDING", "EXECUTING", "PENDING", "EXECUTING", "SUCCESSFUL"]


def test_periodic_registration_updates_deliver_without_a_wake() -> None:
    with (
        SimulatedTenant(
            devices=20,
            pending_delay=0,
            execution_delay=0.02,
            registration_interval=0.3,
            awake_time=0.2,
        ) as tenant,
        admin_client(tenant) as client,
    ):
        for mode in ("sleeping", "unresponsive"):
            op = run_command(client, device_of_mode(tenant, mode), "read /3/0/0")
            assert op["status"] == "SUCCESSFUL"


def test_control_changes_a_device_mode(tenant: SimulatedTenant, client: httpx.Client) -> None:
    device = device_of_mode(tenant, "online")
    path = f"/__simulator__/devices/{device}/lwm2m"
    changed = client.post(path, json={"mode": "sleeping", "awakeTime": 1500})
    assert changed.status_code == 200
    assert changed.json()["mode"] == "sleeping" and changed.json()["awakeTime"] == 1500
    body = client.get(f"/inventory/managedObjects/{device}").json()
    assert body["awakeTimeRegistrationParameter"] == 1500
    op_id = create_command(client, device, "read /3/0/9")
    assert client.post(path, json={"mode": "online"}).status_code == 200
    wait_for(lambda: status(client, op_id) == "SUCCESSFUL")
    assert client.post(path, json={"mode": "grumpy"}).status_code == 400
    assert client.post(path, json={"mode": "online", "extra": 1}).status_code == 400
    assert client.post(path, json={"mode": "sleeping", "awakeTime": -1}).status_code == 400
    connector = f"/__simulator__/devices/{tenant.connector_id}"
    assert client.post(f"{connector}/lwm2m", json={"mode": "online"}).status_code == 404
    assert client.post(f"{connector}/wake").status_code == 404
    assert client.get("/__simulator__/devices/1/lwm2m").status_code == 404


def test_control_sets_the_registration_interval(
    tenant: SimulatedTenant, client: httpx.Client
) -> None:
    assert client.get("/__simulator__/lwm2m").json() == {"registrationInterval": 3600}
    device = device_of_mode(tenant, "unresponsive")
    log = StatusLog(tenant)
    op_id = create_command(client, device, "read /3/0/0")
    wait_for(lambda: log.of(op_id) == ["PENDING", "EXECUTING", "PENDING"])
    answer = client.post("/__simulator__/lwm2m", json={"registrationInterval": 0.2})
    assert answer.json() == {"registrationInterval": 0.2}
    wait_for(lambda: status(client, op_id) == "SUCCESSFUL")
    assert client.post("/__simulator__/lwm2m", json={"registrationInterval": 0}).status_code == 400


def test_device_operations_wait_while_the_agent_is_offline(
    tenant: SimulatedTenant, client: httpx.Client
) -> None:
    tenant.set_agent(online=False, pending_delay=0.0, execution_delay=0.0)
    op_id = create_command(client, device_of_mode(tenant, "online"), "read /3/0/0")
    time.sleep(0.3)  # asserting that nothing happens needs a while; online it takes ~0.01 s
    assert status(client, op_id) == "PENDING"
    tenant.set_agent(online=True)
    wait_for(lambda: status(client, op_id) == "SUCCESSFUL")


def test_removed_device_answers_not_found(tenant: SimulatedTenant, client: httpx.Client) -> None:
    device = device_of_mode(tenant, "sleeping")
    op_id = create_command(client, device, "read /3/0/0")
    tenant.remove_device(device)
    wait_for(lambda: status(client, op_id) == "FAILED")
    assert client.get(f"/devicecontrol/operations/{op_id}").json()["failureReason"] == (
        "4.04 Not Found"
    )


def test_command_line_flags() -> None:
    args = build_parser().parse_args(
        [
            "--registration-interval",
            "2",
            "--awake-time",
            "0.5",
            "--sleeping-share",
            "0.3",
            "--unresponsive-share",
            "0.2",
        ]
    )
    assert (args.registration_interval, args.awake_time) == (2.0, 0.5)
    assert (args.sleeping_share, args.unresponsive_share) == (0.3, 0.2)
