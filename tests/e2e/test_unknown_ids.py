"""Which IDs the shell asks about: only what a complete, fresh catalogue does not hold."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from lwm2m_shell.catalogue import TenantCatalogue
from lwm2m_shell.config.secret import Secret
from lwm2m_shell.config.settings import Settings
from lwm2m_shell.connection.session import TenantSession
from lwm2m_shell.language import Command, parse
from lwm2m_shell.modes.repl_block import unknown_targets
from lwm2m_shell.simulator import (
    ADMIN_PASSWORD,
    ADMIN_USER,
    Fault,
    SimulatedTenant,
    SimulatorConfig,
)
from tests.helpers import wait_until


@pytest.fixture
def tenant() -> Iterator[SimulatedTenant]:
    with SimulatedTenant(SimulatorConfig(devices=12)) as simulated:
        yield simulated


def catalogue_for(tenant: SimulatedTenant) -> tuple[TenantCatalogue, TenantSession]:
    settings = Settings(
        url=tenant.url,
        tenant=tenant.tenant_id,
        user=ADMIN_USER,
        password=Secret(ADMIN_PASSWORD),
        request_timeout=5.0,
    )
    session = TenantSession(settings)
    return TenantCatalogue(session), session


def command(line: str) -> Command:
    parsed = parse(line)
    assert isinstance(parsed, Command), parsed
    return parsed


def test_only_a_complete_fresh_catalogue_makes_the_shell_ask(tenant: SimulatedTenant) -> None:
    device = next(d for d in tenant.lwm2m_devices() if d["registrations"])
    known_id, known_endpoint = str(device["id"]), str(device["endpoint"])
    migrate = command(f"migrateLwm2mDevices -d {known_id} 1111 2222")
    invalidate = command("invalidateRegistrationsForEndpoint urn:imei:123")
    cleanup = command("cleanupClusterTenantObjectsForEndpoint urn:imei:123")
    fine = command(f"invalidateRegistrationsForEndpoint {known_endpoint}")

    first, first_session = catalogue_for(tenant)
    try:
        assert unknown_targets(migrate, first) == []  # nothing loaded yet: never blocks
        first.load_now()
        assert first.status().complete
        assert unknown_targets(migrate, first) == ["1111", "2222"]
        assert unknown_targets(invalidate, first) == ["urn:imei:123"]
        assert unknown_targets(cleanup, first) == []  # its job includes devices already gone
        assert unknown_targets(fine, first) == []
        assert unknown_targets(command("migrateLwm2mDevices 1111,2222"), first) == [
            "1111",
            "2222",
        ]
    finally:
        first.close()
        first_session.close()

    # The next start reads the disk cache first: complete, but stale until the tenant answers.
    tenant.add_fault(Fault(kind="latency", delay=1.5, path="/inventory", times=None))
    second, second_session = catalogue_for(tenant)
    try:
        second.start()
        wait_until(lambda: second.status().from_cache, 20, "the disk catalogue")
        assert second.status().complete
        assert unknown_targets(migrate, second) == []  # a stale catalogue never blocks
        tenant.clear_faults()
        second.wait(30)
        assert not second.status().from_cache
        assert unknown_targets(migrate, second) == ["1111", "2222"]
    finally:
        second.close()
        second_session.close()
