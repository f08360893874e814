"""The merged waiter: pushed updates first, polling when they do not come, one final answer."""

from __future__ import annotations

import threading
import time

import pytest

from lwm2m_shell.client import CumulocityClient, Operation, OperationStatus, create_operation
from lwm2m_shell.live.feed import OperationFeed, Push
from lwm2m_shell.live.merged import advanced, wait_for_final
from lwm2m_shell.live.waiter import Progress, WaitTimeout
from lwm2m_shell.simulator import SimulatedTenant
from tests.helpers import wait_until

from .conftest import POLLS, feed_of


def send(client: CumulocityClient, tenant: SimulatedTenant, text: str = "help") -> Operation:
    return create_operation(client, tenant.connector_id, text).operation


def test_pushed_updates_give_the_result_without_polling(
    tenant: SimulatedTenant, client: CumulocityClient
) -> None:
    feed, unsubscribe = feed_of(tenant)
    try:
        operation = send(client, tenant)
        progress: list[Progress] = []
        final = wait_for_final(client, operation, feed=feed, grace=30, on_progress=progress.append)
    finally:
        unsubscribe()
    assert final.status.value == "SUCCESSFUL" and final.result
    assert tenant.request_count(POLLS) == 0
    assert progress[-1].operation is final


def test_without_a_feed_it_polls(tenant: SimulatedTenant, client: CumulocityClient) -> None:
    final = wait_for_final(client, send(client, tenant), feed=None)
    assert final.status.value == "SUCCESSFUL"
    assert tenant.request_count(POLLS) >= 1


def test_while_not_live_it_polls_and_ignores_the_quiet_feed(
    tenant: SimulatedTenant, client: CumulocityClient
) -> None:
    feed = OperationFeed()  # never live, never fed
    final = wait_for_final(client, send(client, tenant), feed=feed, grace=30)
    assert final.status.value == "SUCCESSFUL"
    assert tenant.request_count(POLLS) >= 1


@pytest.mark.timeout(20)
def test_a_silent_live_feed_is_backed_by_polls_after_the_grace(
    tenant: SimulatedTenant, client: CumulocityClient
) -> None:
    feed = OperationFeed()
    feed.set_live(True)  # claims to be live, but nothing is ever pushed (a stalled channel)
    final = wait_for_final(client, send(client, tenant), feed=feed, grace=0.2)
    assert final.status.value == "SUCCESSFUL"
    assert tenant.request_count(POLLS) >= 1


@pytest.mark.timeout(20)
def test_a_restart_of_live_updates_makes_it_ask_at_once(
    tenant: SimulatedTenant, client: CumulocityClient
) -> None:
    feed = OperationFeed()
    feed.set_live(True)
    operation = send(client, tenant)
    wait_until(lambda: tenant.operations()[-1]["status"] == "SUCCESSFUL", 20, "the end (unpushed)")
    # Pushes start again (a new epoch): what happened meanwhile must be asked for now, not
    # after the 60 s grace.

    def restart() -> None:
        feed.set_live(False)
        feed.set_live(True)

    threading.Timer(0.1, restart).start()
    final = wait_for_final(client, operation, feed=feed, grace=60)
    assert final.status.value == "SUCCESSFUL"
    assert tenant.request_count(POLLS) == 1


def final_push(feed: OperationFeed, operation_id: str) -> bool:
    pushed = feed.latest(operation_id)
    return pushed is not None and pushed.operation.is_final


def test_pushes_that_came_before_the_wait_are_used(
    tenant: SimulatedTenant, client: CumulocityClient
) -> None:
    feed, unsubscribe = feed_of(tenant)
    try:
        operation = send(client, tenant)
        wait_until(lambda: final_push(feed, operation.id), 20, "the final push")
    finally:
        unsubscribe()
    final = wait_for_final(client, operation, feed=feed, grace=30)
    assert final.status.value == "SUCCESSFUL"
    assert tenant.request_count(POLLS) == 0


def test_the_wait_times_out(tenant: SimulatedTenant, client: CumulocityClient) -> None:
    tenant.set_agent(online=False)
    feed, unsubscribe = feed_of(tenant)
    try:
        operation = send(client, tenant)
        with pytest.raises(WaitTimeout) as raised:
            wait_for_final(client, operation, feed=feed, timeout=0.3, grace=0.1)
    finally:
        unsubscribe()
    assert raised.value.operation.status.value == "PENDING"


def test_a_state_never_goes_backwards() -> None:
    def op(status: str) -> Operation:
        return Operation.model_validate({"id": "1", "status": status})

    done, running, pending = op("SUCCESSFUL"), op("EXECUTING"), op("PENDING")
    assert advanced(done, running) is done
    assert advanced(running, pending) is running
    assert advanced(pending, running) is running
    again = op("EXECUTING")
    assert advanced(running, again) is again  # level: the newer copy


@pytest.mark.timeout(20)
def test_a_late_poll_cannot_undo_a_pushed_final_state(
    tenant: SimulatedTenant, client: CumulocityClient
) -> None:
    tenant.set_agent(online=False)
    feed = OperationFeed()
    operation = send(client, tenant)  # stays PENDING on the tenant
    final_state = operation.model_copy(update={"status": OperationStatus.SUCCESSFUL})
    threading.Timer(0.2, feed.publish, [Push("UPDATE", final_state, time.monotonic())]).start()
    final = wait_for_final(client, operation, feed=feed)  # polls see PENDING meanwhile
    assert final.status.value == "SUCCESSFUL"
    assert tenant.request_count(POLLS) >= 1
