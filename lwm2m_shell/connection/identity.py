"""Who we are at a tenant: the tenant, the user, whether they may send operations, and the
LWM2M connector device the operations go to. ``check_identity`` asks the tenant."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .connector_lookup import choose_connector
from .session_errors import SessionError

if TYPE_CHECKING:
    from ..client import CumulocityClient
    from ..config.settings import Settings

DEVICE_CONTROL_ROLE = "ROLE_DEVICE_CONTROL_ADMIN"


@dataclass(frozen=True)
class Identity:
    tenant_id: str
    domain: str | None
    user: str
    connector_id: str
    can_send: bool | None  # None: the server did not list the user's roles
    connector_remembered: bool = False  # the ID came from connector_memory, not the tenant


def check_identity(
    client: CumulocityClient, settings: Settings, url: str, *, demo: bool
) -> Identity:
    """Ask the tenant who we are and which connector device to use (see ``choose_connector``).
    Raises ClientError for a failed request, SessionError for an answer we cannot use."""
    tenant = client.current_tenant()
    user = client.current_user()
    connector_id, remembered = choose_connector(client, settings, url, tenant.name, demo=demo)
    if settings.tenant and tenant.name != settings.tenant:
        raise SessionError(
            f"the URL belongs to tenant {tenant.name}, not {settings.tenant} as configured"
        )
    return Identity(
        tenant_id=tenant.name,
        domain=tenant.domain_name,
        user=user.user_name,
        connector_id=connector_id,
        can_send=user.has_role(DEVICE_CONTROL_ROLE),
        connector_remembered=remembered,
    )
