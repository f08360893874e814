"""Seeded tenant data: the realistic mix, identity lookups, determinism, O(1) memory."""

from __future__ import annotations

import re
import tracemalloc
from collections import Counter

import httpx

from lwm2m_shell.simulator import SimulatedTenant
from lwm2m_shell.simulator.generate import DeviceSpace, luhn_digit
from lwm2m_shell.simulator.inventory import MoFilter

from .conftest import admin_client

REGISTRATION_ID = re.compile(r"[0-9A-Za-z]{10}")


def endpoint_style(device: dict[str, object]) -> str:
    endpoint = str(device["endpoint"])
    id_types = {e["type"] for e in device["externalIds"]}  # type: ignore[attr-defined]
    if not id_types:
        return "none"
    if "c8y_Lwm2mPskId" in id_types:
        return "psk"
    if endpoint.startswith("urn:imei:"):
        return "imei"
    if endpoint.startswith("urn:uuid:"):
        return "uuid"
    return "plain"


def test_realistic_mix_of_lwm2m_devices() -> None:
    devices = SimulatedTenant(devices=2000).lwm2m_devices()
    assert len(devices) == 2000
    styles = Counter(endpoint_style(d) for d in devices)
    assert set(styles) == {"imei", "uuid", "plain", "psk", "none"}
    assert styles["imei"] > 1000
    types = Counter(d["type"] for d in devices)
    assert types["c8y_lwm2m"] > 1700 and len(types) > 1
    assert 0 < sum(not d["migrated"] for d in devices) < 1000
    assert 0 < sum(not d["registrations"] for d in devices) < 1500
    registrations = [r for d in devices for r in d["registrations"]]
    assert len(registrations) == len(set(registrations)) > 1000
    assert all(REGISTRATION_ID.fullmatch(r) for r in registrations)
    for device in devices:
        if endpoint_style(device) == "none":
            assert device["endpoint"] == device["name"]
        if endpoint_style(device) in ("imei", "psk"):
            digits = device["endpoint"][len("urn:imei:") :]
            assert len(digits) == 15 and luhn_digit(digits[:14]) == digits[14]
    endpoints = [d["endpoint"] for d in devices]
    assert len(set(endpoints)) == len(endpoints)


def test_seed_is_deterministic() -> None:
    first = SimulatedTenant(devices=300, seed=5).lwm2m_devices()
    assert first == SimulatedTenant(devices=300, seed=5).lwm2m_devices()
    other = SimulatedTenant(devices=300, seed=6).lwm2m_devices()
    assert [d["endpoint"] for d in first] != [d["endpoint"] for d in other]


def test_reverse_lookups_find_every_derived_value() -> None:
    space = DeviceSpace(seed=3, lwm2m_count=3000)
    for slot in range(space.slots):
        device = space.device(slot)
        assert space.slot_of_id(device.id) == slot
        for id_type, value in device.external_ids:
            assert space.slot_of_external_id(id_type, value) == slot
        if device.lwm2m:
            assert space.slot_of_endpoint(device.endpoint) == slot
            for index in range(device.registration_count):
                assert space.registration_of(space.registration_id(slot, index)) == (slot, index)
    assert space.slot_of_endpoint("urn:imei:350000000000000") is None
    assert space.slot_of_id("10001") is None or space.device(0).id == "10001"
    assert space.registration_of("F7DqjmW3Yy") is None


def test_non_lwm2m_devices_never_look_like_lwm2m(
    tenant: SimulatedTenant, client: httpx.Client
) -> None:
    everything = client.get("/inventory/managedObjects", params={"pageSize": 2000}).json()
    lwm2m_ids = {d["id"] for d in tenant.lwm2m_devices()}
    others = [
        mo
        for mo in everything["managedObjects"]
        if mo["id"] not in lwm2m_ids and mo["id"] != tenant.connector_id
    ]
    assert len(others) >= 5
    for mo in others:
        assert "c8y_IsLwm2mDevice" not in mo
        assert mo["type"] != "c8y_lwm2m" and "c8y_DeviceTypes" not in mo
        ids = client.get(f"/identity/globalIds/{mo['id']}/externalIds").json()["externalIds"]
        assert ids and all(e["type"] == "c8y_Serial" for e in ids)


def test_identity_api() -> None:
    with SimulatedTenant(devices=300) as tenant, admin_client(tenant) as client:
        check_identity(tenant, client)


def check_identity(tenant: SimulatedTenant, client: httpx.Client) -> None:
    devices = tenant.lwm2m_devices()
    psk = next(d for d in devices if endpoint_style(d) == "psk")
    bare = next(d for d in devices if endpoint_style(d) == "none")
    listed = client.get(f"/identity/globalIds/{psk['id']}/externalIds")
    assert listed.status_code == 200
    pairs = {(e["type"], e["externalId"]) for e in listed.json()["externalIds"]}
    assert pairs == {("c8y_Id", psk["endpoint"]), ("c8y_Lwm2mPskId", "psk-" + psk["endpoint"])}
    bare_ids = client.get(f"/identity/globalIds/{bare['id']}/externalIds").json()
    assert bare_ids["externalIds"] == []
    device = devices[0]
    found = client.get(f"/identity/externalIds/c8y_Id/{device['endpoint']}")
    assert found.status_code == 200
    assert found.json()["managedObject"]["id"] == device["id"]
    missing = client.get("/identity/externalIds/c8y_Id/urn:imei:000000000000000")
    assert missing.status_code == 404 and missing.json()["error"] == "identity/Not Found"
    assert client.get("/identity/globalIds/1/externalIds").status_code == 404
    tenant.remove_device(device["id"])
    assert client.get(f"/identity/externalIds/c8y_Id/{device['endpoint']}").status_code == 404


def test_memory_does_not_grow_with_the_number_of_devices() -> None:
    def allocated(devices: int) -> int:
        tracemalloc.start()
        try:
            tenant = SimulatedTenant(devices=devices)
            with tenant.state.lock:
                lwm2m = MoFilter(fragment="c8y_IsLwm2mDevice")
                page = tenant.state.inventory.page(lwm2m, 50, 3)
            assert len(page) == 50
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, large = allocated(1_000), allocated(1_000_000)
    assert large < small * 2 + 200_000


def test_seeded_history_on_the_connector(tenant: SimulatedTenant) -> None:
    history = tenant.operations(tenant.connector_id)
    bulk = [op for op in history if "c8y_Command" not in op]
    commands = [op for op in history if "c8y_Command" in op]
    assert {op["status"] for op in bulk} == {"SUCCESSFUL", "FAILED"}
    for op in bulk:
        assert op["description"] and op["creationTime"].endswith("Z")
        assert ("result" in op) != ("failureReason" in op)
    assert len(commands) >= 3
    assert {op["status"] for op in commands} == {"SUCCESSFUL", "FAILED"}
