"""Simulated tenants for tests: quick to start, fast agent, and time that passes on request."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from lwm2m_shell.simulator import SimulatedTenant, SimulatorConfig

# A small tenant whose agent answers at once: what most tests need (override per test).
QUICK: dict[str, Any] = {"devices": 20, "pending_delay": 0.0, "execution_delay": 0.02}

TenantFactory = Callable[..., SimulatedTenant]


@contextmanager
def tenant_factory(**defaults: Any) -> Iterator[TenantFactory]:
    """A function that starts tenants (``defaults`` overridden per call); all stop on exit."""
    started: list[SimulatedTenant] = []

    def start(**overrides: Any) -> SimulatedTenant:
        tenant = SimulatedTenant(SimulatorConfig(**{**defaults, **overrides})).start()
        started.append(tenant)
        return tenant

    try:
        yield start
    finally:
        for tenant in started:
            tenant.stop()


def expire_tokens(tenant: SimulatedTenant) -> None:
    """Move the tenant's clock past the lifetime of every token it issued so far: they are
    refused as expired at once, while tokens issued from now on last a full lifetime again."""
    tenant.advance_clock(tenant.config.token_lifetime)
