"""A small simulated tenant, a session bound to it, and a console that keeps what it prints."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest

from lwm2m_shell.config.secret import Secret
from lwm2m_shell.config.settings import Settings
from lwm2m_shell.connection.session import TenantSession
from lwm2m_shell.output.console import Console
from lwm2m_shell.simulator import ADMIN_PASSWORD, ADMIN_USER, SimulatedTenant
from tests.helpers.tenants import TenantFactory

OPERATIONS = "/devicecontrol/operations"


@pytest.fixture
def tenant(make_tenant: TenantFactory) -> SimulatedTenant:
    return make_tenant(devices=5, pending_delay=0.0, execution_delay=0.01)


@pytest.fixture
def session(tenant: SimulatedTenant) -> Iterator[TenantSession]:
    settings = Settings(
        url=tenant.url,
        tenant=tenant.tenant_id,
        user=ADMIN_USER,
        password=Secret(ADMIN_PASSWORD),
        request_timeout=10.0,
    )
    opened = TenantSession(settings)
    yield opened
    opened.close()


@pytest.fixture
def console() -> Console:
    return Console(stdout=io.StringIO(), stderr=io.StringIO(), color=False)


def posts(tenant: SimulatedTenant) -> list[dict[str, str]]:
    """The operations the shell created (seeded ones have no request tag), oldest first."""
    from lwm2m_shell.client import TAG_FRAGMENT

    return [
        {"deviceId": op["deviceId"], "text": op["c8y_Command"]["text"]}
        for op in tenant.operations()
        if TAG_FRAGMENT in op
    ]
