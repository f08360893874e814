"""The simulated tenant's hostile faults, as raw HTTP shows them (and as --fault spells them)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from lwm2m_shell.simulator import ADMIN_PASSWORD, ADMIN_USER, Fault, SimulatedTenant
from lwm2m_shell.simulator.config import parse_fault_spec


@pytest.fixture
def tenant() -> Iterator[SimulatedTenant]:
    with SimulatedTenant(devices=5, pending_delay=0.0, execution_delay=0.05) as simulated:
        yield simulated


@pytest.fixture
def http(tenant: SimulatedTenant) -> Iterator[httpx.Client]:
    auth = (f"{tenant.tenant_id}/{ADMIN_USER}", ADMIN_PASSWORD)
    with httpx.Client(base_url=tenant.url, auth=auth, timeout=30) as client:
        yield client


@pytest.mark.parametrize(
    "spec, expected",
    [
        ("drip=2,method=POST", {"kind": "drip", "rate": 2.0, "method": "POST"}),
        ("drip_headers=20", {"kind": "drip_headers", "rate": 20.0}),
        ("oversize=200000000", {"kind": "oversize", "size": 200_000_000}),
        ("nested", {"kind": "nested", "size": 0}),
        ("endless_pages,repeat,times=all", {"kind": "endless_pages", "repeat": True}),
        (
            "redirect=307,location=https://x.example/y",
            {"status": 307, "location": "https://x.example/y"},
        ),
        ("eager_connect,delay=1.5", {"kind": "eager_connect", "delay": 1.5}),
        ("status=429,retry_after=1e308", {"retry_after": "1e308"}),
        ("status=429,retry_after=nan", {"retry_after": "nan"}),
        ("status=429,retry_after=2", {"retry_after": 2.0}),
        (
            "status=429,retry_after=Wed, 21 Oct 2015 07:28:00 GMT,times=2",
            {"retry_after": "Wed, 21 Oct 2015 07:28:00 GMT", "times": 2},
        ),
    ],
)
def test_fault_specs(spec: str, expected: dict[str, object]) -> None:
    fault = parse_fault_spec(spec).to_json()
    assert {key: fault[key] for key in expected} == expected


def test_a_dripping_answer_comes_at_its_rate(tenant: SimulatedTenant, http: httpx.Client) -> None:
    tenant.add_fault(Fault(kind="drip", rate=200, path="/tenant/currentTenant"))
    started = time.monotonic()
    response = http.get("/tenant/currentTenant")
    took = time.monotonic() - started
    assert response.json()["name"] == tenant.tenant_id
    assert took >= len(response.content) / 200 * 0.8


def test_dripping_headers_make_a_valid_answer_that_starts_late(
    tenant: SimulatedTenant, http: httpx.Client
) -> None:
    tenant.add_fault(Fault(kind="drip_headers", rate=400, path="/tenant/currentTenant"))
    started = time.monotonic()
    response = http.get("/tenant/currentTenant")
    took = time.monotonic() - started
    assert response.status_code == 200 and response.json()["name"] == tenant.tenant_id
    assert "currentTenant" in response.headers["content-type"]  # the real answer's media type
    head = len("HTTP/1.1 200 OK\r\n\r\n") + sum(
        len(name) + len(value) + 4 for name, value in response.headers.raw
    )
    assert took >= (head + len(response.content)) / 400 * 0.8


def test_an_oversized_answer_is_streamed_in_chunks(
    tenant: SimulatedTenant, http: httpx.Client
) -> None:
    tenant.add_fault(Fault(kind="oversize", size=3_000_000, path="/inventory"))
    with http.stream("GET", "/inventory/managedObjects") as response:
        assert "content-length" not in response.headers
        assert response.headers["transfer-encoding"] == "chunked"
        body = response.read()
    assert len(body) == 3_000_000 and body.startswith(b'{"pad": "') and body.endswith(b'"}')


def test_nested_redirect_and_odd_retry_after(tenant: SimulatedTenant, http: httpx.Client) -> None:
    tenant.add_fault(Fault(kind="nested", size=1000, path="/inventory"))
    assert http.get("/inventory/managedObjects").content == b"[" * 1000
    tenant.add_fault(Fault(kind="redirect", status=301, location="https://sso.example.com/x"))
    moved = http.get("/inventory/managedObjects")
    assert moved.status_code == 301 and moved.headers["location"] == "https://sso.example.com/x"
    tenant.add_fault(Fault(kind="status", status=429, retry_after="1e308"))
    assert http.get("/inventory/managedObjects").headers["retry-after"] == "1e308"


def test_endless_pages_never_end_and_repeating_pages_repeat(
    tenant: SimulatedTenant, http: httpx.Client
) -> None:
    query = {"type": "c8y_lwm2m", "pageSize": 3, "withTotalPages": "true"}
    real = http.get("/inventory/managedObjects", params={**query, "currentPage": 1000}).json()
    assert real["managedObjects"] == []
    tenant.add_fault(Fault(kind="endless_pages", path="/inventory", times=None))
    far = http.get("/inventory/managedObjects", params={**query, "currentPage": 1000}).json()
    assert len(far["managedObjects"]) == 3
    assert far["statistics"]["totalPages"] == real["statistics"]["totalPages"]  # still true
    tenant.clear_faults()
    tenant.add_fault(Fault(kind="endless_pages", repeat=True, path="/inventory", times=None))
    pages = [
        [
            o["id"]
            for o in http.get(
                "/inventory/managedObjects", params={**query, "currentPage": n}
            ).json()["managedObjects"]
        ]
        for n in (1, 2, 3)
    ]
    assert pages[0] == pages[1] == pages[2]
