"""Shell settings that point at a simulated tenant."""

from __future__ import annotations

from typing import Any

from lwm2m_shell.config.secret import Secret
from lwm2m_shell.config.settings import Settings
from lwm2m_shell.simulator import ADMIN_PASSWORD, ADMIN_USER, SimulatedTenant


def settings_for(
    tenant: SimulatedTenant,
    user: str | None = ADMIN_USER,
    password: str | None = ADMIN_PASSWORD,
    **changes: Any,
) -> Settings:
    """Settings for ``tenant`` as ``user`` (its administrator unless told otherwise; ``None``
    for no user or no password), with a short request timeout and any other ``changes``."""
    fields: dict[str, Any] = {
        "url": tenant.url,
        "tenant": tenant.tenant_id,
        "user": user,
        "password": Secret(password) if password is not None else None,
        "request_timeout": 5.0,
    }
    return Settings(**{**fields, **changes})
