"""The Cumulocity REST API of the simulated tenant (the subset lwm2m-shell needs)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl, unquote

from . import realtime
from .auth import AuthError, User
from .inventory import MoFilter, render_managed_object
from .operations import STATUSES, OperationQuery
from .protocol import ApiError, Reply, Request, is_json_type, json_reply, url_with
from .query import QueryError, parse_query
from .state import NotFound, TenantState
from .timestamps import parse_iso

MAX_PAGE_SIZE = 2000
DEFAULT_PAGE_SIZE = 5


def handle(state: TenantState, request: Request) -> Reply:
    """Answer one API request (never raises: errors become error replies)."""
    try:
        return _route(state, request)
    except ApiError as error:
        message = state.devices.hostile.taint("errors", error.message)
        return ApiError(error.status, error.error, message, error.headers).reply()


def _route(state: TenantState, request: Request) -> Reply:
    path = request.path.rstrip("/") or "/"
    parts = [unquote(p) for p in path.split("/")[1:]]
    method = request.method
    if path == "/tenant/loginOptions":
        _only(method, "GET")
        return _login_options(state, request)
    if path == "/tenant/oauth/token":
        _only(method, "POST")
        return _token(state, request)
    if path == "/notification/realtime":
        _only(method, "POST")
        return realtime.hub_for(state).handle(request, _user(state, request, None))
    routes: list[tuple[bool, str, str | None]] = [
        (path == "/tenant/currentTenant", "GET", None),
        (path == "/user/currentUser", "GET", None),
        (path == "/inventory/managedObjects", "GET", "ROLE_INVENTORY_READ"),
        (len(parts) == 3 and parts[:2] == ["inventory", "managedObjects"], "GET",
         "ROLE_INVENTORY_READ"),
        (len(parts) == 4 and parts[:2] == ["identity", "globalIds"] and parts[3] == "externalIds",
         "GET", "ROLE_IDENTITY_READ"),
        (len(parts) == 4 and parts[:2] == ["identity", "externalIds"], "GET",
         "ROLE_IDENTITY_READ"),
        (len(parts) == 3 and parts[:2] == ["devicecontrol", "operations"], "GET",
         "ROLE_DEVICE_CONTROL_READ"),
    ]  # fmt: skip
    if path == "/devicecontrol/operations":
        _only(method, "GET", "POST")
        needed = "ROLE_DEVICE_CONTROL_ADMIN" if method == "POST" else "ROLE_DEVICE_CONTROL_READ"
        _user(state, request, needed)
        if method == "POST":
            return _create_operation(state, request)
        return _list_operations(state, request)
    for matched, allowed, role in routes:
        if matched:
            _only(method, allowed)
            user = _user(state, request, role)
            return _dispatch(state, request, parts, user)
    raise ApiError(404, "general/notFound", f"No resource at {request.path}")


def _only(method: str, *allowed: str) -> None:
    if method not in allowed:
        raise ApiError(
            405,
            "general/methodNotAllowed",
            f"Method {method} is not supported here",
            {"Allow": ", ".join(allowed)},
        )


def _user(state: TenantState, request: Request, role: str | None) -> User:
    try:
        user = state.auth.authenticate(request.header("authorization"))
    except AuthError as error:
        raise ApiError(
            401, "security/Unauthorized", str(error), {"WWW-Authenticate": 'Basic realm="c8y"'}
        ) from None
    if role is not None and role not in user.roles:
        raise ApiError(403, "security/Forbidden", f"Access is denied: {role} is required")
    return user


def _dispatch(state: TenantState, request: Request, parts: list[str], user: User) -> Reply:
    base = state.base_url
    if parts == ["tenant", "currentTenant"]:
        body = {
            "name": state.config.tenant_id,
            "domainName": state.config.domain,
            "self": f"{base}/tenant/currentTenant",
            "allowCreateTenants": False,
            "customProperties": {},
        }
        return json_reply(request, "currentTenant", body)
    if parts == ["user", "currentUser"]:
        body = {
            "id": user.name,
            "userName": user.name,
            "self": f"{base}/user/currentUser",
            "effectiveRoles": [{"id": r, "name": r} for r in user.roles],
            "shouldResetPassword": False,
        }
        return json_reply(request, "currentUser", body)
    if parts[0] == "inventory":
        if len(parts) == 2:
            return _list_managed_objects(state, request)
        return _one_managed_object(state, request, parts[2])
    if parts[0] == "identity":
        if parts[1] == "globalIds":
            return _external_ids_of(state, request, parts[2])
        return _external_id(state, request, parts[2], parts[3])
    return _one_operation(state, request, parts[2])


def _login_options(state: TenantState, request: Request) -> Reply:
    token_url = f"{state.base_url}/tenant/oauth/token?tenant_id={state.config.tenant_id}"
    options = [
        {
            "type": "OAUTH2_INTERNAL",
            "grantType": "PASSWORD",
            "initRequest": token_url,
            "userManagementSource": "INTERNAL",
            "visibleOnLoginPage": True,
        },
        {"type": "BASIC", "userManagementSource": "INTERNAL", "visibleOnLoginPage": False},
    ]
    body = {"loginOptions": options, "self": f"{state.base_url}/tenant/loginOptions"}
    return json_reply(request, "loginOptionCollection", body)


def _token(state: TenantState, request: Request) -> Reply:
    form = dict(parse_qsl(request.body.decode("utf-8", "replace"), keep_blank_values=True))
    if form.get("grant_type", "").upper() != "PASSWORD":
        raise ApiError(400, "security/badRequest", "grant_type must be PASSWORD")
    if not form.get("username") or "password" not in form:
        raise ApiError(400, "security/badRequest", "username and password are required")
    try:
        token, lifetime = state.auth.issue_token(
            request.param("tenant_id"), form["username"], form["password"], form.get("tfa_code")
        )
    except AuthError as error:
        raise ApiError(401, "security/Unauthorized", str(error)) from None
    body = {"access_token": token, "token_type": "Bearer", "expires_in": int(lifetime)}
    return Reply(200, json.dumps(body).encode(), "application/json;charset=UTF-8")


def _int_param(request: Request, name: str, default: int) -> int:
    raw = request.param(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(400, "general/badRequest", f"{name} must be a number, not {raw!r}") from None
    if value < 1:
        raise ApiError(400, "general/badRequest", f"{name} must be at least 1")
    return value


def _paging(request: Request) -> tuple[int, int, bool]:
    size = min(_int_param(request, "pageSize", DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE)
    current = _int_param(request, "currentPage", 1)
    with_total = (request.param("withTotalPages") or "").lower() == "true"
    return size, current, with_total


def _collection(
    state: TenantState,
    request: Request,
    key: str,
    items: list[dict[str, Any]],
    paging: tuple[int, int, bool],
    total: int | None,
) -> dict[str, Any]:
    size, current, _ = paging
    base, path, params = state.base_url, request.path, request.params
    statistics: dict[str, int] = {"pageSize": size, "currentPage": current}
    if total is not None:
        statistics["totalPages"] = (total + size - 1) // size
    body: dict[str, Any] = {
        "self": url_with(base, path, params, pageSize=str(size), currentPage=str(current)),
        key: items,
        "statistics": statistics,
    }
    if len(items) == size:
        body["next"] = url_with(
            base, path, params, pageSize=str(size), currentPage=str(current + 1)
        )
    if current > 1:
        body["prev"] = url_with(
            base, path, params, pageSize=str(size), currentPage=str(current - 1)
        )
    return body


def _list_managed_objects(state: TenantState, request: Request) -> Reply:
    paging = _paging(request)
    size, current, with_total = paging
    query = None
    raw_query = request.param("query")
    if raw_query is not None:
        try:
            query = parse_query(raw_query)
        except QueryError as error:
            raise ApiError(400, "inventory/invalidQuery", str(error)) from None
    flt = MoFilter(request.param("type") or None, request.param("fragmentType") or None, query)
    with_children = (request.param("withChildren") or "").lower() != "false"
    raw_ids = request.param("ids")
    with state.lock:
        if raw_ids is not None:
            ids = [part.strip() for part in raw_ids.split(",") if part.strip()]
            matched = state.inventory.by_ids(flt, ids)
            total: int | None = len(matched)
            views = matched[(current - 1) * size : current * size]
        else:
            views = state.inventory.page(flt, size, current)
            total = state.inventory.count(flt) if with_total else None
        items = [render_managed_object(v, state.base_url, with_children) for v in views]
    body = _collection(
        state, request, "managedObjects", items, paging, total if with_total else None
    )
    return json_reply(request, "managedObjectCollection", body)


def _one_managed_object(state: TenantState, request: Request, device_id: str) -> Reply:
    with state.lock:
        view = state.devices.get(device_id)
    if view is None:
        raise ApiError(404, "inventory/Not Found", f"Managed object with id {device_id} not found")
    with_children = (request.param("withChildren") or "").lower() != "false"
    return json_reply(
        request, "managedObject", render_managed_object(view, state.base_url, with_children)
    )


def _external_json(state: TenantState, id_type: str, value: str, device_id: str) -> dict[str, Any]:
    base = state.base_url
    return {
        "externalId": value,
        "type": id_type,
        "self": f"{base}/identity/externalIds/{id_type}/{value}",
        "managedObject": {"id": device_id, "self": f"{base}/inventory/managedObjects/{device_id}"},
    }


def _external_ids_of(state: TenantState, request: Request, device_id: str) -> Reply:
    with state.lock:
        view = state.devices.get(device_id)
    if view is None:
        raise ApiError(404, "identity/Not Found", f"Managed object with id {device_id} not found")
    items = [_external_json(state, t, v, device_id) for t, v in view.external_ids]
    body = {"self": f"{state.base_url}{request.path}", "externalIds": items}
    return json_reply(request, "externalIdCollection", body)


def _external_id(state: TenantState, request: Request, id_type: str, value: str) -> Reply:
    with state.lock:
        device_id = state.devices.id_of_external_id(id_type, value)
    if device_id is None:
        raise ApiError(
            404, "identity/Not Found", f"External id not found; type={id_type}, id={value}"
        )
    return json_reply(request, "externalId", _external_json(state, id_type, value, device_id))


def _create_operation(state: TenantState, request: Request) -> Reply:
    if not is_json_type(request.header("content-type")):
        raise ApiError(415, "general/unsupportedMediaType", "The body must be JSON")
    try:
        data = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ApiError(400, "general/badRequest", f"Malformed JSON body: {error}") from None
    if not isinstance(data, dict):
        raise ApiError(422, "devicecontrol/Invalid Data", "The operation must be a JSON object")
    device_id = data.get("deviceId")
    if not isinstance(device_id, str) or not device_id:
        raise ApiError(422, "devicecontrol/Invalid Data", "deviceId is required (a string)")
    try:
        created = state.create_operation(device_id, data)
    except NotFound as error:
        raise ApiError(404, "inventory/Not Found", str(error)) from None
    headers = {"Location": created["self"]}
    if not request.header("accept"):
        return Reply(201, b"", None, headers)
    reply = json_reply(request, "operation", created, status=201)
    reply.headers.update(headers)
    return reply


def _date_param(request: Request, name: str) -> float | None:
    raw = request.param(name)
    if raw is None or raw == "":
        return None
    try:
        return parse_iso(raw)
    except ValueError:
        raise ApiError(
            400, "general/badRequest", f"{name} is not an ISO 8601 date: {raw!r}"
        ) from None


def _list_operations(state: TenantState, request: Request) -> Reply:
    paging = _paging(request)
    size, current, with_total = paging
    status = request.param("status") or None
    if status is not None and status not in STATUSES:
        raise ApiError(400, "general/badRequest", f"status must be one of {', '.join(STATUSES)}")
    query = OperationQuery(
        device_id=request.param("deviceId") or None,
        fragment=request.param("fragmentType") or None,
        status=status,
        date_from=_date_param(request, "dateFrom"),
        date_to=_date_param(request, "dateTo"),
        revert=(request.param("revert") or "").lower() == "true",
    )
    with state.lock:
        found = state.ops.select(query)
        items = [op.to_json(state.base_url) for op in found[(current - 1) * size : current * size]]
    total = len(found) if with_total else None
    body = _collection(state, request, "operations", items, paging, total)
    return json_reply(request, "operationCollection", body)


def _one_operation(state: TenantState, request: Request, op_id: str) -> Reply:
    with state.lock:
        op = state.ops.get(op_id)
        body = op.to_json(state.base_url) if op is not None else None
    if body is None:
        raise ApiError(404, "devicecontrol/Not Found", f"Operation with id {op_id} not found")
    return json_reply(request, "operation", body)
