"""Fixtures for end-to-end tests: their simulated tenant (``env`` and ``spawn`` are shared:
``tests/helpers/fixtures.py``)."""

from __future__ import annotations

import pytest

from lwm2m_shell.simulator import SimulatedTenant
from tests.helpers import TenantFactory


@pytest.fixture
def tenant(make_tenant: TenantFactory) -> SimulatedTenant:
    return make_tenant(devices=30, pending_delay=0.0, execution_delay=0.05)
