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
from lwm2m_shell.simulator import ADMIN_PASSWORD, ADMIN_USER, SimulatedTenant
from tests.helpers import TenantFactory


@pytest.fixture
def tenant(make_tenant: TenantFactory) -> SimulatedTenant:
    return make_tenant(devices=40, pending_delay=0.0, execution_delay=0.02)


def make_client(tenant: SimulatedTenant, *, timeout: float = 5.0) -> CumulocityClient:
    auth = BasicAuth(BasicCredentials(ADMIN_USER, ADMIN_PASSWORD, tenant.tenant_id))
    policy = RetryPolicy(base_delay=0.01, max_delay=0.05, budget=5.0)
    return CumulocityClient(tenant.url, auth, ClientOptions(timeout=timeout, retry=policy))


@pytest.fixture
def client(tenant: SimulatedTenant) -> Iterator[CumulocityClient]:
    with make_client(tenant) as c:
        yield c
