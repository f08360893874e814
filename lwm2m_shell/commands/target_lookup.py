"""Finding the LWM2M device a ``.use TARGET`` or ``--device TARGET`` names.

A target is an endpoint, a managed object ID or a device name. The tenant catalogue in memory
answers first; what it does not know is looked up in the tenant, one question at a time, each
bounded by the request timeout and never retried (a person waits at the prompt): the managed
object by ID (``GET /inventory/managedObjects/{id}``), the endpoint as an external ID of each
configured type (``GET /identity/externalIds/{type}/{value}``), then the LWM2M devices of that
name. The device's managed object is read once either way, for its name and its
``awakeTimeRegistrationParameter`` (a device that sleeps queues operations); when that read
fails, a device the catalogue knows is still used.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ..client import ClientError, ManagedObject, NotFound, Unauthorized
from ..client.models import ExternalIdCollection
from ..client.retry import NO_RETRY
from ..connection.session import TenantSession
from ..exit_codes import ExitCode
from .target import Target

if TYPE_CHECKING:
    from ..catalogue import TenantCatalogue

_DIGITS = re.compile(r"[0-9]+")
LWM2M_TYPE = "c8y_lwm2m"
AWAKE_FRAGMENT = "awakeTimeRegistrationParameter"


class TargetNotFound(Exception):
    """The target names no LWM2M device (exit code 2), or the tenant could not be asked (3)."""

    def __init__(self, message: str, exit_code: ExitCode = ExitCode.USAGE) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def find_target(
    session: TenantSession, text: str, catalogue: TenantCatalogue | None = None
) -> Target:
    """The device ``text`` names; TargetNotFound when there is none (or it cannot be told).
    The session logs in first, if it has not yet (SessionError when it cannot)."""
    wanted = text.strip()
    if not wanted:
        raise TargetNotFound("name a device: its endpoint, managed object ID or name")
    known = _from_catalogue(wanted, catalogue)
    session.require_ready(timeout=session.settings.request_timeout)
    try:
        if known is not None:
            return _with_details(session, known, required=False)
        device_id, endpoint = _find_id(session, wanted)
        return _with_details(session, Target(device_id=device_id, label=endpoint), required=True)
    except NotFound:
        raise TargetNotFound(f"no LWM2M device {wanted!r} in this tenant") from None
    except Unauthorized:
        raise  # the caller logs in again and asks once more
    except ClientError as error:
        raise TargetNotFound(
            f"cannot look up {wanted!r}: {error}", exit_code=ExitCode.CONNECTION
        ) from None


def _from_catalogue(wanted: str, catalogue: TenantCatalogue | None) -> Target | None:
    if catalogue is None:
        return None
    snapshot = catalogue.snapshot
    if _DIGITS.fullmatch(wanted):
        match = snapshot.find_id(wanted)
        if match is not None:
            return Target(device_id=match.id, label=match.endpoint, name=match.name)
    for match in snapshot.endpoint_matches(wanted, 20):
        if match.endpoint == wanted:
            return Target(device_id=match.id, label=match.endpoint, name=match.name)
    named, _total = snapshot.search(wanted, 50)
    exact = [match for match in named if match.name == wanted]
    if len(exact) > 1:
        ids = ", ".join(match.id for match in exact[:5])
        raise TargetNotFound(f"{len(exact)} devices are called {wanted!r} ({ids}): use an ID")
    if exact:
        return Target(device_id=exact[0].id, label=exact[0].endpoint, name=exact[0].name)
    return None


def _find_id(session: TenantSession, wanted: str) -> tuple[str, str]:
    """The managed object ID ``wanted`` stands for, and the endpoint when ``wanted`` is one
    ('' when not known yet), asking the tenant (NotFound: none)."""
    client = session.client
    if _DIGITS.fullmatch(wanted):
        return wanted, ""
    if "/" not in wanted and wanted not in (".", ".."):
        for id_type in session.settings.endpoint_types:
            path = f"/identity/externalIds/{quote(id_type, safe='')}/{quote(wanted, safe='')}"
            try:
                answer = client.request("GET", path, retry=NO_RETRY).json()
            except NotFound:
                continue
            found = answer.get("managedObject", {}).get("id") if isinstance(answer, dict) else None
            if found is not None:
                return str(found), wanted
    if "*" not in wanted:  # an endpoint without external ID is the device's name
        escaped = wanted.replace("'", "''")
        query = (
            f"$filter=(has(c8y_IsLwm2mDevice) or type eq '{LWM2M_TYPE}') and name eq '{escaped}'"
        )
        params = {"query": query, "pageSize": 5}
        page = client.request(
            "GET", "/inventory/managedObjects", params=params, retry=NO_RETRY
        ).json()
        objects = page.get("managedObjects", []) if isinstance(page, dict) else []
        ids = [str(item.get("id")) for item in objects if isinstance(item, dict)]
        if len(ids) > 1:
            raise TargetNotFound(f"{len(ids)} devices are called {wanted!r}: use an ID")
        if ids:
            return ids[0], ""
    raise NotFound(404, f"no LWM2M device {wanted!r}")


def _with_details(session: TenantSession, target: Target, *, required: bool) -> Target:
    """``target`` with its name, endpoint and awake time from its managed object."""
    assert target.device_id is not None
    try:
        path = f"/inventory/managedObjects/{quote(target.device_id, safe='')}"
        found = session.client.get(path, ManagedObject, retry=NO_RETRY)
    except ClientError:
        if required:
            raise
        return target
    extra: dict[str, Any] = dict(found.model_extra or {})
    if required and not is_lwm2m(found.type, extra):
        raise TargetNotFound(f"{found.id} ({found.name or 'no name'}) is not an LWM2M device")
    name = found.name or target.name
    label = target.label or _endpoint(session, found.id) or name
    awake = extra.get(AWAKE_FRAGMENT)
    awake_ms = (
        int(awake) if isinstance(awake, (int, float)) and not isinstance(awake, bool) else None
    )
    return Target(device_id=found.id, label=label, name=name, awake_ms=awake_ms)


def _endpoint(session: TenantSession, device_id: str) -> str | None:
    """The device's endpoint: its external ID of the first configured type it has."""
    try:
        path = f"/identity/globalIds/{quote(device_id, safe='')}/externalIds"
        external = session.client.get(path, ExternalIdCollection, retry=NO_RETRY)
    except ClientError:
        return None
    for id_type in session.settings.endpoint_types:
        for item in external.external_ids:
            if item.type == id_type:
                return item.external_id
    return None


def is_lwm2m(type_: str | None, fragments: dict[str, Any]) -> bool:
    """Whether the Cumulocity UI treats a managed object as an LWM2M device (cumulocity.md)."""
    types = fragments.get("c8y_DeviceTypes")
    in_types = isinstance(types, list) and LWM2M_TYPE in types
    return "c8y_IsLwm2mDevice" in fragments or in_types or type_ == LWM2M_TYPE
