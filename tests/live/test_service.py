"""Live updates wired to a tenant session and the command dispatcher, as the REPL uses them."""

from __future__ import annotations

import io
from collections.abc import Iterator

import httpx
import pytest

from lwm2m_shell.commands.assemble import connector_dispatcher
from lwm2m_shell.commands.dispatch import Dispatcher
from lwm2m_shell.commands.own_operations import OwnOperations
from lwm2m_shell.config.settings import Settings
from lwm2m_shell.connection.session import State, TenantSession
from lwm2m_shell.language import Command, parse
from lwm2m_shell.live.realtime import LiveState
from lwm2m_shell.live.service import LiveUpdates
from lwm2m_shell.outcome import Outcome
from lwm2m_shell.output.console import Console
from lwm2m_shell.simulator import SimulatedTenant
from lwm2m_shell.ui.segments import live_segment
from tests.helpers import settings_for, wait_until

from .conftest import FAST, POLLS

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def wired(tenant: SimulatedTenant) -> Iterator[tuple[Dispatcher, LiveUpdates]]:
    session = TenantSession(settings_for(tenant))
    own = OwnOperations()
    live = LiveUpdates(
        session, own_ids=lambda: own.ids, own_requests=lambda: own.requests, backoff=FAST
    )
    console = Console(stdout=io.StringIO(), stderr=io.StringIO(), color=False)
    shell = connector_dispatcher(session, console, own=own, feed=live.feed)
    session.connect_in_background()
    live.start()
    yield shell, live
    live.stop()
    session.close()


def run_line(shell: Dispatcher, line: str) -> Outcome:
    parsed = parse(line)
    assert isinstance(parsed, Command), parsed
    return shell.run(parsed)


def wait_on(live: LiveUpdates) -> None:
    assert live.client is not None and live.client.wait_until_on(10)


def test_commands_are_answered_by_push(
    wired: tuple[Dispatcher, LiveUpdates], tenant: SimulatedTenant
) -> None:
    shell, live = wired
    wait_on(live)
    outcomes = [run_line(shell, "help") for _ in range(2)]
    outcomes += [run_line(shell, "invalidateRegistrationById ZZZZZZZZZZ")]
    assert [o.status for o in outcomes if o is not None] == ["LOCAL", "LOCAL", "FAILED"]
    sent = run_line(shell, "cleanupClusterTenantObjectsForEndpoint urn:imei:350000000000000")
    assert sent is not None and sent.status == "SUCCESSFUL" and sent.operation is not None
    assert tenant.request_count(POLLS) == 0
    assert live.announcer.take() == []  # our own operations are never announced


def test_operations_of_others_are_announced(
    wired: tuple[Dispatcher, LiveUpdates], tenant: SimulatedTenant, other_client: httpx.Client
) -> None:
    shell, live = wired
    wait_on(live)
    other_client.post(
        "/devicecontrol/operations",
        json={"deviceId": tenant.connector_id, "c8y_Command": {"text": "help"}},
    )
    run_line(shell, "invalidateRegistrationById ZZZZZZZZZZ")
    lines = wait_until(live.announcer.take, 20, "an announcement")
    assert len(lines) == 1 and lines[0].endswith("sent by someone else: help")


def test_announcements_can_be_silenced(tenant: SimulatedTenant, other_client: httpx.Client) -> None:
    session = TenantSession(settings_for(tenant, announce_others=False))
    live = LiveUpdates(
        session, own_ids=list, own_requests=set, announce=session.settings.announce_others
    )
    session.connect_in_background()
    live.start()
    try:
        wait_on(live)
        other_client.post(
            "/devicecontrol/operations",
            json={"deviceId": tenant.connector_id, "c8y_Command": {"text": "help"}},
        )
        op_id = tenant.operations()[-1]["id"]

        def pushed_final() -> bool:  # its CREATE came before: it would have been announced
            pushed = live.feed.latest(op_id)
            return pushed is not None and pushed.operation.is_final

        wait_until(pushed_final, 20, f"the push of operation {op_id} ending")
        assert live.announcer.take() == []
    finally:
        live.stop()
        session.close()


def test_settings_that_cannot_reach_a_tenant_start_nothing() -> None:
    session = TenantSession(Settings(url=None))
    live = LiveUpdates(session, own_ids=list, own_requests=set)
    live.start()
    assert live.client is None and live.state is LiveState.OFF
    live.stop()


def test_the_toolbar_says_whether_updates_are_pushed(
    wired: tuple[Dispatcher, LiveUpdates], tenant: SimulatedTenant
) -> None:
    _, live = wired
    segment = live_segment(live)
    wait_on(live)
    assert segment() == [("class:bottom-toolbar.ok", " · ⚡ live updates")]
    assert live.client is not None
    live.client.stop()
    assert segment() == [("", " · live updates off (polling)")]


def test_the_toolbar_does_not_promise_updates_without_a_tenant(tenant: SimulatedTenant) -> None:
    url = tenant.url
    tenant.stop()
    session = TenantSession(settings_for(tenant, url=url))
    live = LiveUpdates(session, own_ids=list, own_requests=set, backoff=FAST)
    live.start()
    try:
        session.connect_in_background()
        wait_until(lambda: session.state is State.FAILED, 20, "the session check to fail")
        assert live.state is LiveState.WAITING
        assert live_segment(live)() == [("", " · live updates off (polling)")]
    finally:
        live.stop()
        session.close()
