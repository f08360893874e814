"""Restarting the simulated tenant on the same port (a tenant that went away and came back).

A restarted simulated tenant starts from its seed again: same devices, and the same operation IDs
handed out again, as a restored or restarted server may."""

from __future__ import annotations

import dataclasses
from urllib.parse import urlsplit

from lwm2m_shell.simulator import SimulatedTenant


def port_of(tenant: SimulatedTenant) -> int:
    port = urlsplit(tenant.url).port
    assert port is not None
    return port


def restarted(tenant: SimulatedTenant) -> SimulatedTenant:
    """Stop ``tenant`` and start a fresh one from the same config on the same port."""
    port = port_of(tenant)
    tenant.stop()
    return revived(tenant, port)


def revived(tenant: SimulatedTenant, port: int) -> SimulatedTenant:
    """A fresh tenant from ``tenant``'s config on ``port`` (``tenant`` already stopped)."""
    return SimulatedTenant(dataclasses.replace(tenant.config, port=port)).start()
