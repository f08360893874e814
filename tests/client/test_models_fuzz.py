"""Whatever a server sends back, reading it gives a typed answer or one BadResponse."""

from __future__ import annotations

import json
from typing import Any

import httpx
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from lwm2m_shell.client import BadResponse
from lwm2m_shell.client.models import (
    ExternalIdCollection,
    ManagedObjectCollection,
    Operation,
    OperationCollection,
    TenantInfo,
    UserInfo,
)
from lwm2m_shell.client.transport import error_from, parse

MODELS: list[type[BaseModel]] = [
    Operation,
    OperationCollection,
    ManagedObjectCollection,
    ExternalIdCollection,
    TenantInfo,
    UserInfo,
]

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=20,
)
# Objects that look like the real thing, with fields of the wrong type here and there.
operation_like = st.fixed_dictionaries(
    {},
    optional={
        "id": json_values,
        "status": st.sampled_from(["PENDING", "EXECUTING", "SUCCESSFUL", "FAILED", "BOGUS"])
        | json_values,
        "deviceId": json_values,
        "creationTime": st.sampled_from(["2026-11-25T20:11:00.123Z", "yesterday"]) | json_values,
        "c8y_Command": st.fixed_dictionaries(
            {}, optional={"text": json_values, "result": json_values}
        ),
        "failureReason": json_values,
    },
)


def answer(body: bytes, content_type: str = "application/json") -> httpx.Response:
    request = httpx.Request("GET", "http://tenant.invalid/devicecontrol/operations/1")
    return httpx.Response(
        200, content=body, headers={"content-type": content_type}, request=request
    )


def read(model: type[BaseModel], body: bytes, content_type: str = "application/json") -> Any:
    try:
        return parse(answer(body, content_type), model, "GET /devicecontrol/operations/1")
    except BadResponse as error:
        assert "\n" not in str(error)
        assert str(error).startswith("GET /devicecontrol/operations/1: ")
        return error


@settings(max_examples=300, deadline=None)
@given(value=json_values | operation_like, model=st.sampled_from(MODELS))
def test_any_json_reads_or_is_one_bad_response(value: Any, model: type[BaseModel]) -> None:
    result = read(model, json.dumps(value).encode())
    assert isinstance(result, (model, BadResponse))


@settings(max_examples=300, deadline=None)
@given(value=operation_like)
def test_operation_like_json(value: Any) -> None:
    result = read(Operation, json.dumps(value).encode())
    if isinstance(result, Operation):
        assert isinstance(result.id, str)
        assert result.status.value in ("PENDING", "EXECUTING", "SUCCESSFUL", "FAILED")


@settings(max_examples=200, deadline=None)
@given(
    body=st.binary(max_size=200),
    content_type=st.sampled_from(["application/json", "text/html", ""]),
)
def test_any_bytes_read_or_are_one_bad_response(body: bytes, content_type: str) -> None:
    result = read(Operation, body, content_type)
    assert isinstance(result, (Operation, BadResponse))


@settings(max_examples=200, deadline=None)
@given(
    status=st.sampled_from([400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504]),
    body=st.binary(max_size=200) | json_values.map(lambda v: json.dumps(v).encode()),
    content_type=st.sampled_from(["application/json", "text/html", "text/plain"]),
    retry_after=st.none() | st.text(max_size=30),
)
def test_any_error_answer_becomes_one_line(
    status: int, body: bytes, content_type: str, retry_after: str | None
) -> None:
    headers = {"content-type": content_type}
    if retry_after is not None and retry_after.isprintable() and retry_after.isascii():
        headers["retry-after"] = retry_after
    request = httpx.Request("POST", "http://tenant.invalid/devicecontrol/operations")
    response = httpx.Response(status, content=body, headers=headers, request=request)
    error = error_from(response, "POST /devicecontrol/operations")
    assert error.status == status
    assert "\n" not in str(error)
    assert error.retry_after is None or error.retry_after >= 0
