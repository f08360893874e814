"""Helpers shared by the test packages: waiting with a deadline, settings for a simulated
tenant, tenants that start quickly (and restart on their port: ``restart``), and the common
fixtures (``fixtures.py``, registered as a plugin by the root conftest)."""

from .ports import refused_url
from .settings import settings_for
from .tenants import QUICK, TenantFactory, expire_tokens, tenant_factory
from .waiting import wait_until

__all__ = [
    "QUICK",
    "TenantFactory",
    "expire_tokens",
    "refused_url",
    "settings_for",
    "tenant_factory",
    "wait_until",
]
