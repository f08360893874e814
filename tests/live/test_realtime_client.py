"""The realtime client against the simulated tenant: pushes, failures, reconnects, handshakes."""

from __future__ import annotations

import httpx
import pytest

from lwm2m_shell.client import BasicAuth, BasicCredentials, CumulocityClient, create_operation
from lwm2m_shell.live.feed import Push
from lwm2m_shell.live.merged import wait_for_final
from lwm2m_shell.live.realtime import LiveState, RealtimeClient
from lwm2m_shell.simulator import ADMIN_USER, Fault, SimulatedTenant
from lwm2m_shell.simulator.realtime import hub_for
from tests.helpers import wait_until as until

from .conftest import FAST, POLLS, RealtimeFactory

pytestmark = pytest.mark.timeout(60)


def run_command(
    client: CumulocityClient, tenant: SimulatedTenant, live: RealtimeClient, grace: float = 30
) -> str:
    operation = create_operation(client, tenant.connector_id, "help").operation
    final = wait_for_final(client, operation, feed=live.feed, grace=grace)
    assert final.status.value == "SUCCESSFUL" and final.result
    return final.id


def test_the_result_comes_through_the_realtime_path(
    tenant: SimulatedTenant, client: CumulocityClient, realtime: RealtimeFactory
) -> None:
    live = realtime()
    assert live.wait_until_on(10)
    pushed: list[Push] = []
    live.listeners.append(pushed.append)
    for _ in range(3):
        op_id = run_command(client, tenant, live)
    assert tenant.request_count(POLLS) == 0  # not a single poll
    ours = [(p.action, p.operation.status.value) for p in pushed if p.operation.id == op_id]
    assert ours[0] == ("CREATE", "PENDING") and ours[-1] == ("UPDATE", "SUCCESSFUL")
    assert live.handshakes == 1 and live.state is LiveState.ON


def test_falls_back_to_polling_when_the_realtime_endpoint_fails(
    tenant: SimulatedTenant, client: CumulocityClient, realtime: RealtimeFactory
) -> None:
    tenant.add_fault(Fault("status", path="/notification", status=500, times=None))
    live = realtime()
    until(lambda: live.state is LiveState.RETRYING)
    assert live.problem is not None and "500" in live.problem
    run_command(client, tenant, live)
    assert tenant.request_count(POLLS) >= 1
    assert not live.feed.live
    tenant.clear_faults()  # the endpoint recovers: live updates come back by themselves
    assert live.wait_until_on(10)
    before = tenant.request_count(POLLS)
    run_command(client, tenant, live)
    assert tenant.request_count(POLLS) == before  # pushed again


def test_falls_back_to_polling_when_pushes_stall(
    tenant: SimulatedTenant, client: CumulocityClient, realtime: RealtimeFactory
) -> None:
    live = realtime()
    assert live.wait_until_on(10)
    # From now on every connect answers 3 s late: updates are stuck while the channel looks up.
    tenant.add_fault(Fault("slow", path="/notification", delay=3.0, times=None))
    operation = create_operation(client, tenant.connector_id, "help").operation
    final = wait_for_final(client, operation, feed=live.feed, grace=0.2)
    assert final.status.value == "SUCCESSFUL"
    assert tenant.request_count(POLLS) >= 1
    pushed = live.feed.latest(operation.id)
    assert pushed is None or not pushed.operation.is_final  # the answer did not come by push
    tenant.clear_faults()


def test_a_connect_held_too_long_counts_as_lost(
    tenant: SimulatedTenant, realtime: RealtimeFactory
) -> None:
    live = realtime(read_margin=0.2)
    assert live.wait_until_on(10)
    tenant.add_fault(Fault("slow", path="/notification", delay=2.0, times=None))
    until(lambda: live.state is LiveState.RETRYING)
    assert live.problem is not None and "connection lost" in live.problem
    tenant.clear_faults()
    assert live.wait_until_on(15)


def test_reconnects_after_the_server_drops_the_connection(
    tenant: SimulatedTenant, client: CumulocityClient, realtime: RealtimeFactory
) -> None:
    live = realtime()
    assert live.wait_until_on(10)
    epoch = live.feed.epoch
    tenant.add_fault(Fault("drop", path="/notification", times=2))
    until(lambda: not tenant.faults())  # the next two connects were cut
    assert live.wait_until_on(10)
    until(lambda: live.feed.epoch > epoch)  # back: a new epoch, so waiters check once
    assert live.handshakes == 1  # the same client ID went on: no new handshake was needed
    before = tenant.request_count(POLLS)
    run_command(client, tenant, live)
    assert tenant.request_count(POLLS) == before


def test_handshakes_again_when_the_server_forgot_the_client(
    tenant: SimulatedTenant, client: CumulocityClient, realtime: RealtimeFactory
) -> None:
    live = realtime()
    assert live.wait_until_on(10)
    hub = hub_for(tenant.state)
    first = hub.client_ids()
    hub.forget_clients()  # as a server restart would: the held connect answers 402
    until(lambda: live.handshakes == 2 and live.state is LiveState.ON)
    assert hub.client_ids() and hub.client_ids() != first
    run_command(client, tenant, live)
    assert tenant.request_count(POLLS) <= 1  # at most the check after the new epoch


def test_stop_disconnects(tenant: SimulatedTenant, realtime: RealtimeFactory) -> None:
    live = realtime()
    assert live.wait_until_on(10)
    hub = hub_for(tenant.state)
    assert len(hub.client_ids()) == 1
    live.stop()
    assert hub.client_ids() == []
    assert live.state is LiveState.OFF and not live.feed.live


def test_waits_for_the_connector_device_to_be_known(
    tenant: SimulatedTenant, realtime: RealtimeFactory
) -> None:
    known: list[str] = []
    live = realtime(device_id=lambda: known[0] if known else None)
    until(lambda: live.state is LiveState.WAITING)
    assert tenant.request_count("/notification") == 0
    known.append(tenant.connector_id)
    assert live.wait_until_on(10)
    assert live.channel == f"/operations/{tenant.connector_id}"


def test_a_failing_listener_does_not_stop_the_pushes(
    tenant: SimulatedTenant, client: CumulocityClient, realtime: RealtimeFactory
) -> None:
    live = realtime()
    assert live.wait_until_on(10)

    def broken(push: Push) -> None:
        raise RuntimeError("listener bug")

    live.listeners.append(broken)
    run_command(client, tenant, live)
    run_command(client, tenant, live)
    assert tenant.request_count(POLLS) == 0


def test_wrong_credentials_keep_it_off(tenant: SimulatedTenant) -> None:
    auth = BasicAuth(BasicCredentials(ADMIN_USER, "wrong", tenant.tenant_id))
    live = RealtimeClient(tenant.url, auth, tenant.connector_id, backoff=FAST)
    live.start()
    try:
        until(lambda: live.problem is not None)
        assert live.state is not LiveState.ON
        assert "401" in (live.problem or "") or "authent" in (live.problem or "").lower()
    finally:
        live.stop()


def test_a_server_without_the_endpoint_keeps_it_off() -> None:
    def no_realtime(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404, json={"error": "general/notFound", "message": "No resource"})

    live = RealtimeClient(
        "http://127.0.0.1:9", None, "1", backoff=FAST, transport=httpx.MockTransport(no_realtime)
    )
    live.start()
    try:
        until(lambda: live.problem is not None)
        assert live.state in (LiveState.RETRYING, LiveState.CONNECTING)
        assert "404" in (live.problem or "")
    finally:
        live.stop()
