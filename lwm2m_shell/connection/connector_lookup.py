"""Finding the tenant's LWM2M connector device (remembered per tenant between starts), or
checking the one the user named."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..exit_codes import ExitCode
from .session_errors import SessionError

if TYPE_CHECKING:
    from ..client import CumulocityClient
    from ..config.settings import Settings


def choose_connector(
    client: CumulocityClient, settings: Settings, url: str, tenant: str, *, demo: bool
) -> tuple[str, bool]:
    """The connector device's ID, and whether it was remembered (not asked of the tenant).

    ``--connector-id`` (checked), else the one remembered for this tenant, else the one the
    tenant lists (remembered for next time; not with ``--demo``, a new simulated tenant each
    start). Raises ClientError for a failed request, SessionError for an unusable answer.
    """
    from . import connector_memory

    if settings.connector_id:
        check_connector(client, settings.connector_id, tenant)
        return settings.connector_id, False
    if demo:
        return find_connector(client), False
    remembered = connector_memory.recall(url, tenant)
    if remembered is not None:
        return remembered, True
    connector_id = find_connector(client)
    connector_memory.remember(url, tenant, connector_id)
    return connector_id, False


def find_connector_again(client: CumulocityClient, url: str, tenant: str) -> str:
    """The remembered connector device is gone: forget it, find it in the tenant, remember it."""
    from . import connector_memory

    connector_memory.forget(url, tenant)
    connector_id = find_connector(client)
    connector_memory.remember(url, tenant, connector_id)
    return connector_id


def check_connector(client: CumulocityClient, connector_id: str, tenant: str) -> None:
    """``--connector-id`` must name the LWM2M connector device, not any device: an ordinary
    device takes the operation and never answers it."""
    from ..client import NotFound
    from ..client.api import CONNECTOR_TYPE

    try:
        found = client.managed_object(connector_id)
    except NotFound as error:
        raise SessionError(
            f"no device {connector_id} in tenant {tenant} (--connector-id; the tenant "
            f"answered {error.message}): leave it out to find the connector device",
            ExitCode.USAGE,
        ) from None
    if found.type != CONNECTOR_TYPE:
        shown = "".join(c if c.isprintable() else "?" for c in (found.type or "none"))[:60]
        raise SessionError(
            f"device {connector_id} (type {shown}) is not an LWM2M connector device "
            f"(type {CONNECTOR_TYPE}): leave out --connector-id to find it",
            ExitCode.USAGE,
        )


def find_connector(client: CumulocityClient) -> str:
    """The ID of the tenant's only connector device; SessionError when there is none or more."""
    connectors = client.find_connectors()
    if not connectors:
        raise SessionError(
            "no LWM2M connector device in this tenant: is the tenant subscribed to the "
            "LWM2M application?"
        )
    if len(connectors) > 1:
        listed = ", ".join(f"{c.id} ({c.name or 'unnamed'})" for c in connectors[:10])
        raise SessionError(
            f"{len(connectors)} connector devices found ({listed}): pick one with --connector-id"
        )
    return connectors[0].id
