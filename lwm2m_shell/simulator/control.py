"""The test-only control path ``/__simulator__/...`` (outside the Cumulocity API).

No authentication; loopback clients only. Every endpoint calls the same SimulatedTenant method
a Python test would call, so both ways share one implementation.
"""

from __future__ import annotations

import json
from typing import Any

from .config import Fault
from .device_control import device_route
from .protocol import ApiError, Reply, Request
from .served_tenant import ServedTenant

LOOPBACK_CLIENTS = ("127.0.0.1", "::1", "::ffff:127.0.0.1")


def _json(status: int, body: Any) -> Reply:
    return Reply(status, json.dumps(body).encode(), "application/json")


def _body(request: Request) -> Any:
    if not request.body.strip():
        return {}
    try:
        return json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ApiError(400, "simulator/badRequest", f"Malformed JSON: {error}") from None


def handle(tenant: ServedTenant, request: Request) -> Reply:
    """Answer one control request."""
    try:
        return _route(tenant, request)
    except ApiError as error:
        return error.reply()


def _route(tenant: ServedTenant, request: Request) -> Reply:
    if request.client_host not in LOOPBACK_CLIENTS:
        raise ApiError(403, "simulator/forbidden", "The control path is for loopback clients only")
    parts = request.path.rstrip("/").split("/")[2:]
    method = request.method
    device_reply = device_route(tenant, request, parts, lambda: _body(request))
    if device_reply is not None:
        return device_reply
    if parts == ["state"] and method == "GET":
        return _json(200, tenant.state_json())
    if parts == ["faults"]:
        if method == "GET":
            return _json(200, [f.to_json() for f in tenant.faults()])
        if method == "POST":
            try:
                fault = Fault.from_json(_body(request))
            except ValueError as error:
                raise ApiError(400, "simulator/badFault", str(error)) from None
            tenant.add_fault(fault)
            return _json(201, fault.to_json())
        if method == "DELETE":
            tenant.clear_faults()
            return Reply(204)
    if parts == ["tokens", "revoke"] and method == "POST":
        return _json(200, {"revoked": tenant.revoke_tokens()})
    if parts == ["agent"] and method in ("GET", "POST"):
        if method == "POST":
            _set_agent(tenant, _body(request))
        return _json(200, tenant.state.agent_json())
    if parts == ["devices"] and method == "POST":
        data = _body(request)
        if not isinstance(data, dict) or set(data) - {"name", "endpoint"}:
            raise ApiError(400, "simulator/badRequest", 'expected {"name"?, "endpoint"?}')
        name, endpoint = data.get("name"), data.get("endpoint")
        if not all(v is None or isinstance(v, str) for v in (name, endpoint)):
            raise ApiError(400, "simulator/badRequest", "name and endpoint must be strings")
        try:
            device_id = tenant.add_device(name=name, endpoint=endpoint)
        except ValueError as error:
            raise ApiError(409, "simulator/conflict", str(error)) from None
        return _json(201, {"id": device_id})
    if parts == ["hostile"] and method in ("GET", "POST"):
        hostile = tenant.state.devices.hostile
        if method == "POST":
            try:
                hostile.update(_body(request))
            except ValueError as error:
                raise ApiError(400, "simulator/badRequest", str(error)) from None
        return _json(200, hostile.to_json())
    if len(parts) == 2 and parts[0] == "devices" and method == "POST":
        data = _body(request)
        if not isinstance(data, dict) or set(data) != {"name"} or not isinstance(data["name"], str):
            raise ApiError(400, "simulator/badRequest", 'expected {"name": "..."}')
        if not tenant.rename_device(parts[1], data["name"]):
            raise ApiError(404, "simulator/notFound", f"No managed object {parts[1]}")
        return _json(200, {"id": parts[1], "name": data["name"]})
    if len(parts) == 2 and parts[0] == "devices" and method == "DELETE":
        try:
            tenant.remove_device(parts[1])
        except KeyError:
            raise ApiError(404, "simulator/notFound", f"No managed object {parts[1]}") from None
        return Reply(204)
    raise ApiError(404, "simulator/notFound", f"No control endpoint {method} {request.path}")


def _set_agent(tenant: ServedTenant, data: Any) -> None:
    allowed = {"online", "pendingDelay", "executionDelay"}
    if not isinstance(data, dict) or set(data) - allowed:
        raise ApiError(400, "simulator/badRequest", f"expected an object with {sorted(allowed)}")
    online = data.get("online")
    delays = [data.get("pendingDelay"), data.get("executionDelay")]
    if online is not None and not isinstance(online, bool):
        raise ApiError(400, "simulator/badRequest", "online must be true or false")
    for value in delays:
        if value is not None and (not isinstance(value, (int, float)) or isinstance(value, bool)):
            raise ApiError(400, "simulator/badRequest", "delays must be numbers of seconds")
    try:
        tenant.set_agent(
            online=online,
            pending_delay=None if delays[0] is None else float(delays[0]),
            execution_delay=None if delays[1] is None else float(delays[1]),
        )
    except ValueError as error:
        raise ApiError(400, "simulator/badRequest", str(error)) from None
