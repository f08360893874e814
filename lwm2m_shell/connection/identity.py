"""Who we are at a tenant: the tenant, the user, whether they may send operations, and the
LWM2M connector device the operations go to. ``check_identity`` asks the tenant."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .connector_lookup import check_connector, find_connector
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
    """Ask the tenant who we are and which connector device to use.

    The connector is ``--connector-id`` (checked), else the one remembered for this tenant,
    else the one the tenant lists (remembered for next time; not with ``--demo``, a new
    simulated tenant each start). Raises ClientError for a failed request, SessionError for
    an answer we cannot use.
    """
    from . import connector_memory

    tenant = client.current_tenant()
    user = client.current_user()
    remembered = None
    if settings.connector_id:
        connector_id = settings.connector_id
        check_connector(client, connector_id, tenant.name)
    elif demo:
        connector_id = find_connector(client)
    else:
        remembered = connector_memory.recall(url, tenant.name)
        connector_id = remembered or find_connector(client)
        if remembered is None:
            connector_memory.remember(url, tenant.name, connector_id)
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
        connector_remembered=remembered is not None,
    )
