"""What a failed poll means, decided in one place (``Poller``) for both ways of waiting."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from lwm2m_shell.client import (
    BadResponse,
    CumulocityClient,
    Forbidden,
    HttpError,
    NotFound,
    Operation,
    Unauthorized,
    create_operation,
)
from lwm2m_shell.live.poller import BAD_IN_A_ROW, Gone, Poller
from lwm2m_shell.live.waiter import wait_for_operation
from lwm2m_shell.simulator import Fault, SimulatedTenant

from .conftest import POLLS


def _pending(client: CumulocityClient, tenant: SimulatedTenant) -> Operation:
    tenant.set_agent(online=False)  # it stays PENDING while the test polls
    return create_operation(client, tenant.connector_id, "help").operation


def test_a_good_poll_answers_the_tenants_state_and_clears_the_problem(
    client: CumulocityClient, tenant: SimulatedTenant
) -> None:
    operation = _pending(client, tenant)
    poller = Poller(client)
    tenant.add_fault(Fault(kind="status", status=503, retry_after=1, method="GET", path=POLLS))
    assert poller.poll(operation) is None
    assert poller.problem is not None and poller.problem.endswith(", retrying")
    assert poller.hold == 1.0
    polled = poller.poll(operation)
    assert polled is not None and polled.id == operation.id
    assert (poller.problem, poller.hold) == (None, 0.0)


@pytest.mark.parametrize(
    ("fault", "problem"),
    [
        (Fault(kind="drop", method="GET", path=POLLS), "connection lost, retrying"),
        (Fault(kind="html_502", method="GET", path=POLLS), "retrying"),
        (Fault(kind="malformed_json", method="GET", path=POLLS), "retrying"),
    ],
)
def test_passing_failures_are_retried_later(
    client: CumulocityClient, tenant: SimulatedTenant, fault: Fault, problem: str
) -> None:
    operation = _pending(client, tenant)
    poller = Poller(client)
    tenant.add_fault(fault)
    assert poller.poll(operation) is None
    assert poller.problem is not None and poller.problem.endswith(problem)


@pytest.mark.parametrize(
    ("status", "raised"), [(401, Unauthorized), (403, Forbidden), (404, NotFound)]
)
def test_login_rights_and_lost_operations_end_the_wait(
    client: CumulocityClient, tenant: SimulatedTenant, status: int, raised: type[HttpError]
) -> None:
    operation = _pending(client, tenant)
    tenant.add_fault(Fault(kind="status", status=status, method="GET", path=POLLS))
    with pytest.raises(raised):
        Poller(client).poll(operation)


def test_a_wait_asked_for_over_the_cap_ends_the_wait(
    client: CumulocityClient, tenant: SimulatedTenant
) -> None:
    operation = _pending(client, tenant)
    tenant.add_fault(Fault(kind="status", status=503, retry_after=3600, method="GET", path=POLLS))
    with pytest.raises(HttpError, match="not waited for"):
        Poller(client).poll(operation)


def test_unreadable_answers_in_a_row_end_the_wait_but_one_good_poll_resets_the_count(
    client: CumulocityClient, tenant: SimulatedTenant
) -> None:
    operation = _pending(client, tenant)
    poller = Poller(client)
    garbled = Fault(kind="malformed_json", method="GET", path=POLLS, times=BAD_IN_A_ROW - 1)
    tenant.add_fault(garbled)
    for _ in range(BAD_IN_A_ROW - 1):
        assert poller.poll(operation) is None
    assert poller.poll(operation) is not None  # good: the count starts again
    tenant.add_fault(Fault(kind="malformed_json", method="GET", path=POLLS, times=BAD_IN_A_ROW))
    for _ in range(BAD_IN_A_ROW - 1):
        assert poller.poll(operation) is None
    with pytest.raises(BadResponse):
        poller.poll(operation)


def test_an_id_that_names_another_operation_is_lost_track_in_plain_polling_too(
    client: CumulocityClient, tenant: SimulatedTenant
) -> None:
    operation = _pending(client, tenant)
    assert operation.creation_time is not None
    earlier = operation.creation_time - timedelta(hours=1)
    before_restart = operation.model_copy(update={"creation_time": earlier})
    with pytest.raises(Gone) as lost:
        Poller(client).poll(before_restart)
    assert lost.value.message == f"the tenant no longer has operation {operation.id}"
    with pytest.raises(Gone):
        wait_for_operation(client, before_restart, sleep=lambda _: None, timeout=5)


def test_creation_times_are_compared_only_when_both_are_known(
    client: CumulocityClient, tenant: SimulatedTenant
) -> None:
    operation = _pending(client, tenant)
    unknown = operation.model_copy(update={"creation_time": None})
    polled = Poller(client).poll(unknown)
    assert polled is not None and isinstance(polled.creation_time, datetime)
