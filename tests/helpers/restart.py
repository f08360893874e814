"""Restarting the simulated tenant on the same port (a tenant that went away and came back).

A restarted simulated tenant starts from its seed again: same devices, and the same operation IDs
handed out again, as a restored or restarted server may. While it is down its port stays bound
(connections refused), so that no other test's tenant is given that port meanwhile: a shell still
trying the old URL would reach that tenant and act there."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from lwm2m_shell.simulator import SimulatedTenant

from .ports import held_port


def port_of(tenant: SimulatedTenant) -> int:
    port = urlsplit(tenant.url).port
    assert port is not None
    return port


@contextmanager
def down(tenant: SimulatedTenant) -> Iterator[int]:
    """Stop ``tenant``; its port (given) refuses connections until the block ends."""
    port = port_of(tenant)
    tenant.stop()
    with held_port(port):
        yield port


def restarted(tenant: SimulatedTenant) -> SimulatedTenant:
    """Stop ``tenant`` and start a fresh one from the same config on the same port."""
    with down(tenant) as port:
        pass
    return revived(tenant, port)


def revived(tenant: SimulatedTenant, port: int) -> SimulatedTenant:
    """A fresh tenant from ``tenant``'s config on ``port`` (after ``down``)."""
    return SimulatedTenant(dataclasses.replace(tenant.config, port=port)).start()
