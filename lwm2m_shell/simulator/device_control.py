"""The control path's LWM2M device endpoints (test-only, outside the Cumulocity API).

- ``GET /__simulator__/commands[?deviceId=ID]``: every ``c8y_Command`` received, in order, as
  ``{"operationId", "deviceId", "text", "time"}`` (the text exactly as sent).
- ``GET|POST /__simulator__/lwm2m``: ``{"registrationInterval": seconds}`` for every device.
- ``POST /__simulator__/devices/{id}/wake``: a registration update of the device now.
- ``GET|POST /__simulator__/devices/{id}/lwm2m``: the device's mode and state; POST
  ``{"mode": "online"|"sleeping"|"unresponsive", "awakeTime": ms?}`` changes the mode.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .protocol import ApiError, Reply, Request

if TYPE_CHECKING:
    from .served_tenant import ServedTenant


def _json(status: int, body: Any) -> Reply:
    return Reply(status, json.dumps(body).encode(), "application/json")


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def device_route(
    tenant: ServedTenant, request: Request, parts: list[str], body: Callable[[], Any]
) -> Reply | None:
    """The answer to a device control request, or None when it is not one of these."""
    method = request.method
    if parts == ["commands"] and method == "GET":
        return _json(200, tenant.commands(request.param("deviceId")))
    if parts == ["lwm2m"] and method in ("GET", "POST"):
        if method == "POST":
            data = body()
            interval = data.get("registrationInterval") if isinstance(data, dict) else None
            if not isinstance(data, dict) or set(data) != {"registrationInterval"}:
                raise ApiError(400, "simulator/badRequest", 'expected {"registrationInterval": s}')
            if not _number(interval) or float(str(interval)) <= 0:
                raise ApiError(400, "simulator/badRequest", "registrationInterval must be > 0")
            tenant.set_registration_interval(float(str(interval)))
        return _json(200, {"registrationInterval": tenant.state.fleet.interval})
    if len(parts) != 3 or parts[0] != "devices":
        return None
    device_id = parts[1]
    if parts[2] == "wake" and method == "POST":
        if not tenant.wake_device(device_id):
            raise ApiError(404, "simulator/notFound", f"No LWM2M device {device_id}")
        return _json(200, tenant.lwm2m_device_state(device_id))
    if parts[2] == "lwm2m" and method in ("GET", "POST"):
        if method == "POST":
            _set_mode(tenant, device_id, body())
        state = tenant.lwm2m_device_state(device_id)
        if state is None:
            raise ApiError(404, "simulator/notFound", f"No LWM2M device {device_id}")
        return _json(200, state)
    return None


def _set_mode(tenant: ServedTenant, device_id: str, data: Any) -> None:
    if not isinstance(data, dict) or "mode" not in data or set(data) - {"mode", "awakeTime"}:
        raise ApiError(400, "simulator/badRequest", 'expected {"mode": ..., "awakeTime"?: ms}')
    awake = data.get("awakeTime")
    if awake is not None and (not _number(awake) or awake < 0):
        raise ApiError(400, "simulator/badRequest", "awakeTime must be milliseconds (>= 0)")
    try:
        found = tenant.set_device_mode(
            device_id, str(data["mode"]), None if awake is None else int(awake)
        )
    except ValueError as error:
        raise ApiError(400, "simulator/badRequest", str(error)) from None
    if not found:
        raise ApiError(404, "simulator/notFound", f"No LWM2M device {device_id}")
