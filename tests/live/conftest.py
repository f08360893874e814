"""Fixtures: a simulated tenant with a short realtime hold, and clients bound to it."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from lwm2m_shell.client import (
    BasicAuth,
    BasicCredentials,
    ClientOptions,
    CumulocityClient,
    Operation,
    RetryPolicy,
)
from lwm2m_shell.client.backoff import Backoff
from lwm2m_shell.live.feed import OperationFeed, Push
from lwm2m_shell.live.realtime import RealtimeClient
from lwm2m_shell.simulator import ADMIN_PASSWORD, ADMIN_USER, SimulatedTenant
from tests.helpers import TenantFactory

POLLS = "/devicecontrol/operations/"  # GET of one operation: what a waiter's poll asks
FAST = Backoff(first=0.05, cap=0.2)


@pytest.fixture
def tenant(make_tenant: TenantFactory) -> SimulatedTenant:
    return make_tenant(devices=20, pending_delay=0.0, execution_delay=0.05, realtime_timeout=0.5)


def admin_auth(tenant: SimulatedTenant) -> BasicAuth:
    return BasicAuth(BasicCredentials(ADMIN_USER, ADMIN_PASSWORD, tenant.tenant_id))


@pytest.fixture
def client(tenant: SimulatedTenant) -> Iterator[CumulocityClient]:
    policy = RetryPolicy(base_delay=0.01, max_delay=0.05, budget=2.0)
    options = ClientOptions(timeout=5.0, retry=policy)
    with CumulocityClient(tenant.url, admin_auth(tenant), options) as made:
        yield made


RealtimeFactory = Callable[..., RealtimeClient]
Unsubscribe = Callable[[], None]


@pytest.fixture
def realtime(tenant: SimulatedTenant) -> Iterator[RealtimeFactory]:
    """Build (and start) realtime clients for the connector; all are stopped afterwards."""
    made: list[RealtimeClient] = []

    def build(**options: Any) -> RealtimeClient:
        options.setdefault("backoff", FAST)
        options.setdefault("request_timeout", 5.0)
        device = options.pop("device_id", tenant.connector_id)
        made_client = RealtimeClient(tenant.url, admin_auth(tenant), device, **options)
        made.append(made_client)
        made_client.start()
        return made_client

    yield build
    for made_client in made:
        made_client.stop()


@pytest.fixture
def other_client(tenant: SimulatedTenant) -> Iterator[httpx.Client]:
    """Someone else: a plain HTTP client (another shell, the web UI...)."""
    with httpx.Client(
        base_url=tenant.url,
        auth=(f"{tenant.tenant_id}/{ADMIN_USER}", ADMIN_PASSWORD),
        headers={"Accept": "application/json"},
        timeout=5.0,
    ) as http:
        yield http


def feed_of(tenant: SimulatedTenant, *, live: bool = True) -> tuple[OperationFeed, Unsubscribe]:
    """A feed fed in-process by the tenant's change callback (a perfect realtime channel)."""
    feed = OperationFeed()
    feed.set_live(live)

    def on_change(action: str, body: dict[str, Any]) -> None:
        feed.publish(Push(action, Operation.model_validate(body), time.monotonic()))

    return feed, tenant.subscribe(on_change)
