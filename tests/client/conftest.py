from __future__ import annotations

from collections.abc import Iterator

import pytest

from lwm2m_shell.client import (
    BasicAuth,
    BasicCredentials,
    ClientOptions,
    CumulocityClient,
    RetryPolicy,
)
from lwm2m_shell.simulator import ADMIN_PASSWORD, ADMIN_USER, SimulatedTenant, SimulatorConfig


@pytest.fixture
def tenant() -> Iterator[SimulatedTenant]:
    config = SimulatorConfig(devices=40, pending_delay=0.0, execution_delay=0.02)
    with SimulatedTenant(config) as simulated:
        yield simulated


def make_client(tenant: SimulatedTenant, *, timeout: float = 5.0) -> CumulocityClient:
    auth = BasicAuth(BasicCredentials(ADMIN_USER, ADMIN_PASSWORD, tenant.tenant_id))
    policy = RetryPolicy(base_delay=0.01, max_delay=0.05, budget=5.0)
    return CumulocityClient(tenant.url, auth, ClientOptions(timeout=timeout, retry=policy))


@pytest.fixture
def client(tenant: SimulatedTenant) -> Iterator[CumulocityClient]:
    with make_client(tenant) as c:
        yield c
