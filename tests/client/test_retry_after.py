"""Retry-After as tenants send it, odd values included, and where it is honoured."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest

from lwm2m_shell.client import NO_RETRY, CumulocityClient, HttpError, create_operation
from lwm2m_shell.client.jsonload import JsonProblem, load_json
from lwm2m_shell.client.retry import MAX_RETRY_AFTER, parse_retry_after, wait_text
from lwm2m_shell.live.waiter import wait_for_operation
from lwm2m_shell.simulator import Fault, SimulatedTenant


@pytest.mark.parametrize(
    "header, seconds",
    [
        ("2", 2.0),
        (" 0.5 ", 0.5),
        ("0", 0.0),
        ("1e308", math.inf),
        ("inf", math.inf),
        ("1" * 309, math.inf),
        ("nan", None),
        ("-5", None),
        ("", None),
        ("soon", None),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),  # in the past: at once
    ],
)
def test_parse_retry_after(header: str, seconds: float | None) -> None:
    assert parse_retry_after(header) == seconds


def test_an_http_date_in_the_future_counts_from_now() -> None:
    later = datetime.now(timezone.utc) + timedelta(seconds=30)
    seconds = parse_retry_after(format_datetime(later, usegmt=True))
    assert seconds is not None and 25 < seconds <= 30


def test_a_long_wait_is_never_printed_as_a_number() -> None:
    assert wait_text(math.inf) == f"more than {MAX_RETRY_AFTER:.0f}s"
    assert wait_text(1e308) == "more than 60s"
    assert wait_text(2.0) == "2s"
    assert wait_text(0.25) == "0.2s"


def test_a_poll_honours_retry_after(client: CumulocityClient, tenant: SimulatedTenant) -> None:
    """The issue: a 429 on a poll was retried after 0.1 s, ignoring Retry-After: 2."""
    tenant.set_agent(online=False)
    operation = create_operation(client, tenant.connector_id, "help").operation
    tenant.set_agent(online=True)
    tenant.add_fault(
        Fault(kind="status", status=429, retry_after=2, method="GET", path="/devicecontrol/")
    )
    pauses: list[float] = []
    final = wait_for_operation(client, operation, sleep=pauses.append, timeout=30)
    assert final.is_final
    assert pauses[1] >= 2.0, pauses  # the pause after the 429 is the one asked for


def test_a_poll_asked_to_wait_over_the_cap_stops(
    client: CumulocityClient, tenant: SimulatedTenant
) -> None:
    tenant.set_agent(online=False)
    operation = create_operation(client, tenant.connector_id, "help").operation
    tenant.add_fault(
        Fault(kind="status", status=429, retry_after="1e308", method="GET", path="/devicecontrol/")
    )
    with pytest.raises(HttpError, match="more than 60s; not waited for"):
        wait_for_operation(client, operation, sleep=lambda s: None, timeout=30)


def test_the_post_asked_to_wait_over_the_cap_is_not_sent_again(
    client: CumulocityClient, tenant: SimulatedTenant
) -> None:
    tenant.add_fault(
        Fault(kind="status", status=429, retry_after="inf", method="POST", path="/devicecontrol/")
    )
    slept: list[float] = []
    with pytest.raises(HttpError, match="429"):
        create_operation(client, tenant.connector_id, "help", sleep=slept.append)
    assert slept == []
    assert tenant.request_count("/devicecontrol/operations") == 1


def test_reads_are_not_retried_past_the_cap(tenant: SimulatedTenant) -> None:
    from .conftest import make_client

    tenant.add_fault(Fault(kind="status", status=503, retry_after="120", path="/inventory"))
    with make_client(tenant) as client, pytest.raises(HttpError, match="503"):
        client.find_connectors()
    assert tenant.request_count("/inventory") == 1
    assert NO_RETRY.attempts == 1


@pytest.mark.parametrize(
    "text, problem",
    [
        ("[" * 100_000, "nested too deeply"),
        ('{"a": ', "not valid JSON (line 1 column 7)"),
        (b"\xff\xfe{", "not valid"),
    ],
)
def test_load_json_never_raises_anything_but_json_problem(text: str | bytes, problem: str) -> None:
    with pytest.raises(JsonProblem, match=problem.replace("(", r"\(").replace(")", r"\)")):
        load_json(text)


def test_load_json_reads_json() -> None:
    assert load_json(b'{"a": [1, 2]}') == {"a": [1, 2]}
