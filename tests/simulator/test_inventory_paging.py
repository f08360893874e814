"""Inventory listing over HTTP: filters, paging exactly as documented, ID order."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from lwm2m_shell.simulator import SimulatedTenant

from .conftest import admin_client


@pytest.fixture(scope="module")
def big() -> Iterator[SimulatedTenant]:
    with SimulatedTenant(devices=5000, seed=11) as running:
        yield running


@pytest.fixture
def big_client(big: SimulatedTenant) -> Iterator[httpx.Client]:
    with admin_client(big) as http:
        yield http


def crawl(client: httpx.Client, params: dict[str, Any]) -> tuple[list[dict[str, Any]], int]:
    """Follow ``next`` links as given until a short page; returns (objects, pages fetched)."""
    objects: list[dict[str, Any]] = []
    response = client.get("/inventory/managedObjects", params=params)
    pages = 1
    while True:
        assert response.status_code == 200, response.text
        body = response.json()
        objects += body["managedObjects"]
        if "next" not in body:
            assert len(body["managedObjects"]) < body["statistics"]["pageSize"]
            return objects, pages
        response = client.get(body["next"])
        pages += 1


def test_paging_5000_devices_at_2000_returns_each_once(
    big: SimulatedTenant, big_client: httpx.Client
) -> None:
    found, pages = crawl(big_client, {"fragmentType": "c8y_IsLwm2mDevice", "pageSize": 2000})
    ids = [mo["id"] for mo in found]
    assert pages == 3
    assert len(ids) == 5000 == len(set(ids))
    assert ids == sorted(ids, key=int)
    assert set(ids) == {d["id"] for d in big.lwm2m_devices()}


def test_unfiltered_listing_covers_connector_lwm2m_and_other_devices(
    big: SimulatedTenant, big_client: httpx.Client
) -> None:
    found, _ = crawl(big_client, {"pageSize": 2000})
    ids = [mo["id"] for mo in found]
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids, key=int)
    assert ids[0] == big.connector_id
    lwm2m = [mo for mo in found if "c8y_IsLwm2mDevice" in mo]
    others = [mo for mo in found if "c8y_IsLwm2mDevice" not in mo and mo["id"] != big.connector_id]
    assert len(lwm2m) == 5000
    assert 500 <= len(others) <= 600


def test_type_filter_and_exact_multiple_ends_with_empty_page(
    big: SimulatedTenant, big_client: httpx.Client
) -> None:
    expected = sorted((d["id"] for d in big.lwm2m_devices() if d["type"] == "c8y_lwm2m"), key=int)
    assert 4000 < len(expected) < 5000
    found, _ = crawl(big_client, {"type": "c8y_lwm2m", "pageSize": 1000})
    assert [mo["id"] for mo in found] == expected
    # 5000 LWM2M devices at 1000 a page: five full pages, then an empty one without next.
    last = big_client.get(
        "/inventory/managedObjects",
        params={"fragmentType": "c8y_IsLwm2mDevice", "pageSize": 1000, "currentPage": 5},
    ).json()
    assert len(last["managedObjects"]) == 1000 and "next" in last
    empty = big_client.get(last["next"]).json()
    assert empty["managedObjects"] == [] and "next" not in empty
    assert empty["statistics"] == {"pageSize": 1000, "currentPage": 6}


def test_default_page_size_trimming_and_total_pages(big_client: httpx.Client) -> None:
    default = big_client.get("/inventory/managedObjects").json()
    assert default["statistics"] == {"pageSize": 5, "currentPage": 1}
    assert len(default["managedObjects"]) == 5
    assert "totalPages" not in default["statistics"]
    trimmed = big_client.get(
        "/inventory/managedObjects",
        params={"fragmentType": "c8y_IsLwm2mDevice", "pageSize": 3000, "withTotalPages": "true"},
    ).json()
    assert trimmed["statistics"] == {"pageSize": 2000, "currentPage": 1, "totalPages": 3}
    assert len(trimmed["managedObjects"]) == 2000
    assert "pageSize=2000" in trimmed["next"] and "currentPage=2" in trimmed["next"]
    assert "fragmentType=c8y_IsLwm2mDevice" in trimmed["next"]
    second = big_client.get(trimmed["next"]).json()
    assert second["statistics"]["currentPage"] == 2
    assert "prev" in second and "self" in second
    assert int(second["managedObjects"][0]["id"]) > int(trimmed["managedObjects"][-1]["id"])


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"pageSize": "abc"}, 400),
        ({"pageSize": "0"}, 400),
        ({"currentPage": "0"}, 400),
        ({"query": "name like 'x'"}, 400),
        ({"query": "$filter=has(c8y_IsDevice) $orderby=name"}, 400),
    ],
)
def test_bad_listing_parameters_are_rejected(
    client: httpx.Client, params: dict[str, str], status: int
) -> None:
    response = client.get("/inventory/managedObjects", params=params)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/vnd.com.nsn.cumulocity.error")
    assert {"error", "message", "info"} <= set(response.json())


def test_ids_filter_keeps_existing_in_id_order(
    tenant: SimulatedTenant, client: httpx.Client
) -> None:
    devices = tenant.lwm2m_devices()
    wanted = [devices[7]["id"], devices[2]["id"], "1", devices[7]["id"]]
    body = client.get(
        "/inventory/managedObjects", params={"ids": ",".join(wanted), "pageSize": 10}
    ).json()
    assert [mo["id"] for mo in body["managedObjects"]] == [devices[2]["id"], devices[7]["id"]]


def test_query_subset(tenant: SimulatedTenant, client: httpx.Client) -> None:
    lwm2m_ids = {d["id"] for d in tenant.lwm2m_devices()}
    query = "$filter=(has(c8y_IsLwm2mDevice) or type eq 'c8y_lwm2m') $orderby=id"
    body = client.get("/inventory/managedObjects", params={"query": query, "pageSize": 2000}).json()
    assert {mo["id"] for mo in body["managedObjects"]} == lwm2m_ids
    named = client.get(
        "/inventory/managedObjects",
        params={"query": "not has(c8y_IsLwm2mDevice) and name eq 'gateway-*'", "pageSize": 100},
    ).json()["managedObjects"]
    assert named and all(mo["name"].startswith("gateway-") for mo in named)
    assert not any("c8y_IsLwm2mDevice" in mo for mo in named)


def test_one_managed_object_and_404(tenant: SimulatedTenant, client: httpx.Client) -> None:
    device = tenant.lwm2m_devices()[0]
    body = client.get(f"/inventory/managedObjects/{device['id']}").json()
    assert body["id"] == device["id"] and body["name"] == device["name"]
    assert body["self"] == f"{tenant.url}/inventory/managedObjects/{device['id']}"
    slim = client.get(
        f"/inventory/managedObjects/{device['id']}", params={"withChildren": "false"}
    ).json()
    assert "childDevices" in body and "childDevices" not in slim
    missing = client.get("/inventory/managedObjects/999999999")
    assert missing.status_code == 404
    assert missing.json()["error"] == "inventory/Not Found"


def test_removed_device_disappears_from_pages_and_totals(
    tenant: SimulatedTenant, client: httpx.Client
) -> None:
    params = {"fragmentType": "c8y_IsLwm2mDevice", "pageSize": 10, "withTotalPages": "true"}
    before = client.get("/inventory/managedObjects", params=params).json()
    assert before["statistics"]["totalPages"] == 5
    for device in tenant.lwm2m_devices()[:3]:
        tenant.remove_device(device["id"])
    after = client.get("/inventory/managedObjects", params=params).json()
    removed_first = before["managedObjects"][3]["id"]
    assert after["managedObjects"][0]["id"] == removed_first
    all_ids = [
        mo["id"]
        for page in range(1, 6)
        for mo in client.get(
            "/inventory/managedObjects", params={**params, "currentPage": page}
        ).json()["managedObjects"]
    ]
    assert len(all_ids) == 47 == len(set(all_ids))
    assert (
        client.get(f"/inventory/managedObjects/{before['managedObjects'][0]['id']}").status_code
        == 404
    )


def test_query_with_only_an_ordering_matches_everything(client: httpx.Client) -> None:
    everything = client.get("/inventory/managedObjects", params={"pageSize": 100}).json()
    ordered = client.get(
        "/inventory/managedObjects", params={"pageSize": 100, "query": "$orderby=id"}
    ).json()
    assert ordered["managedObjects"] == everything["managedObjects"]
