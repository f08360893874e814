"""Realtime against a hostile server: connects answered at once, advice, oversized messages.

The realtime client runs against the simulated tenant's ``/notification/realtime``; the server
counts every connect it gets. Before the floor, a server answering each connect at once got
about 27 connects a second.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest

from lwm2m_shell.client import BasicAuth, BasicCredentials
from lwm2m_shell.live.realtime import CONNECT_FLOOR, Backoff, LiveState, RealtimeClient
from lwm2m_shell.simulator import (
    ADMIN_PASSWORD,
    ADMIN_USER,
    Fault,
    SimulatedTenant,
)
from tests.helpers import wait_until as until
from tests.helpers.tenants import TenantFactory

REALTIME = "/notification/realtime"


@pytest.fixture
def tenant(make_tenant: TenantFactory) -> SimulatedTenant:
    return make_tenant(devices=5, pending_delay=0.0, execution_delay=0.05, realtime_timeout=1.0)


@pytest.fixture
def start(tenant: SimulatedTenant) -> Iterator[Callable[[], RealtimeClient]]:
    made: list[RealtimeClient] = []

    def build() -> RealtimeClient:
        auth = BasicAuth(BasicCredentials(ADMIN_USER, ADMIN_PASSWORD, tenant.tenant_id))
        client = RealtimeClient(
            tenant.url,
            auth,
            tenant.connector_id,
            request_timeout=5.0,
            backoff=Backoff(first=0.5, cap=4.0),
        )
        made.append(client)
        client.start()
        return client

    yield build
    for client in made:
        client.stop()


def test_a_server_answering_every_connect_at_once_is_not_hammered(
    tenant: SimulatedTenant, start: Callable[[], RealtimeClient]
) -> None:
    tenant.add_fault(Fault(kind="eager_connect", method="POST", path=REALTIME, times=None))
    live = start()
    until(lambda: live.connects > 0)
    first = live.connects
    time.sleep(4.0)  # the window the rate is measured over
    made = live.connects - first
    # at most one connect per floor, and backing off: far from the ~108 of four seconds before
    assert made <= 4.0 / CONNECT_FLOOR, f"{made} connects in 4 s"
    assert live.state is LiveState.ON  # still live: pushes may come with any connect


def test_the_advised_interval_is_followed(
    tenant: SimulatedTenant, start: Callable[[], RealtimeClient]
) -> None:
    tenant.add_fault(
        Fault(kind="eager_connect", delay=1.5, method="POST", path=REALTIME, times=None)
    )
    live = start()
    until(lambda: live.connects > 0)
    first = live.connects
    time.sleep(3.2)
    assert live.connects - first <= 3  # one per 1.5 s advised interval (and the floor)


def test_an_oversized_realtime_answer_is_dropped_and_the_channel_recovers(
    tenant: SimulatedTenant, start: Callable[[], RealtimeClient]
) -> None:
    live = start()
    until(lambda: live.state is LiveState.ON)
    tenant.add_fault(Fault(kind="oversize", size=150_000_000, method="POST", path=REALTIME))
    until(lambda: live.problem is not None and "larger than" in live.problem)
    until(lambda: live.state is LiveState.ON)  # set up again after the pause


def test_retry_after_on_the_realtime_endpoint_is_honoured(
    tenant: SimulatedTenant, start: Callable[[], RealtimeClient]
) -> None:
    tenant.add_fault(
        Fault(kind="status", status=429, retry_after=2, method="POST", path=REALTIME, times=1)
    )
    live = start()
    until(lambda: tenant.request_count(REALTIME) >= 1)
    refused_at = time.monotonic()
    until(lambda: tenant.request_count(REALTIME) >= 2)
    assert time.monotonic() - refused_at >= 1.8  # not the 0.25-0.5 s of the plain backoff
    until(lambda: live.state is LiveState.ON)
