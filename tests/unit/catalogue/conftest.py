"""Fixtures: a private cache directory, a small simulated tenant and sessions bound to it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from lwm2m_shell.catalogue import TenantCatalogue
from lwm2m_shell.config.settings import Settings
from lwm2m_shell.connection.session import TenantSession
from lwm2m_shell.simulator import SimulatedTenant
from tests.helpers import TenantFactory, settings_for

DEVICES = 120


@pytest.fixture(autouse=True)
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own $XDG_CACHE_HOME."""
    home = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


@pytest.fixture
def tenant(make_tenant: TenantFactory) -> SimulatedTenant:
    return make_tenant(devices=DEVICES, pending_delay=0.0, execution_delay=0.01)


Factory = Callable[..., TenantCatalogue]


@pytest.fixture
def make_catalogue(tenant: SimulatedTenant) -> Iterator[Factory]:
    """Build catalogues on fresh sessions (like a new shell start); all are closed afterwards."""
    made: list[tuple[TenantCatalogue, TenantSession]] = []

    def build(settings: Settings | None = None, **options: Any) -> TenantCatalogue:
        session = TenantSession(settings or settings_for(tenant))
        options.setdefault("requests_per_second", 0)  # no cap unless a test is about it
        catalogue = TenantCatalogue(session, **options)
        made.append((catalogue, session))
        return catalogue

    yield build
    for catalogue, session in made:
        catalogue.close()
        session.close()


def truth(tenant: SimulatedTenant) -> dict[str, str]:
    """Device ID -> endpoint, as the simulator knows them."""
    return {str(d["id"]): str(d["endpoint"]) for d in tenant.lwm2m_devices()}


def loaded(catalogue: TenantCatalogue, timeout: float = 30.0) -> TenantCatalogue:
    """Start the first load and wait for its end; fail the test if it does not end."""
    catalogue.start()
    assert catalogue.wait(timeout), "the catalogue load did not end"
    return catalogue


def refreshed(catalogue: TenantCatalogue, timeout: float = 30.0) -> TenantCatalogue:
    assert catalogue.refresh(), "a load was still running"
    assert catalogue.wait(timeout), "the catalogue reload did not end"
    return catalogue
