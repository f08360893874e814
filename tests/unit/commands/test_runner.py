"""The runner alone: one text to the device ID given to ``send``, created once, followed to its
end, with what it needs given at construction (no feed: it polls)."""

from __future__ import annotations

from lwm2m_shell.client import Operation
from lwm2m_shell.commands.own_operations import OwnOperations
from lwm2m_shell.commands.runner import Runner
from lwm2m_shell.connection.session import TenantSession
from lwm2m_shell.exit_codes import ExitCode
from lwm2m_shell.output.console import Console
from lwm2m_shell.simulator import SimulatedTenant

from .conftest import OPERATIONS, posts


def test_a_runner_built_without_a_feed_polls(
    session: TenantSession, console: Console, tenant: SimulatedTenant
) -> None:
    tenant.set_agent(execution_delay=0.3)  # not final in the POST's answer: it must be polled
    connector = session.require_ready(10).connector_id
    outcome = Runner(session, console, wait_timeout=30).send("help", connector)
    assert outcome.exit_code is ExitCode.OK, outcome.error
    assert outcome.operation is not None and outcome.operation.status.value == "SUCCESSFUL"
    assert tenant.request_count(f"{OPERATIONS}/{outcome.operation.id}") >= 1  # polled for


def test_the_text_goes_to_the_device_given_to_send(
    session: TenantSession, console: Console, tenant: SimulatedTenant
) -> None:
    session.require_ready(10)
    device = tenant.lwm2m_devices()[0]["id"]
    assert device != tenant.connector_id
    Runner(session, console, wait_timeout=0.5).send("read /3/0/9", device)
    assert posts(tenant) == [{"deviceId": device, "text": "read /3/0/9"}]


def test_a_device_that_is_gone_is_not_sent_to(
    session: TenantSession, console: Console, tenant: SimulatedTenant
) -> None:
    session.require_ready(10)
    outcome = Runner(session, console).send("help", "999999999")
    assert outcome.exit_code is ExitCode.CONNECTION
    assert outcome.error is not None and outcome.error.startswith("not sent: ")
    assert posts(tenant) == []


def test_find_again_names_the_device_anew_and_the_text_is_sent_there_once(
    session: TenantSession, console: Console, tenant: SimulatedTenant
) -> None:
    connector = session.require_ready(10).connector_id
    asked: list[str] = []

    def find_again() -> str:
        asked.append("again")
        return connector

    outcome = Runner(session, console).send("help", "999999999", find_again=find_again)
    assert outcome.exit_code is ExitCode.OK, outcome.error
    assert asked == ["again"]
    assert posts(tenant) == [{"deviceId": connector, "text": "help"}]


def test_listeners_and_own_operations_given_at_construction_are_told(
    session: TenantSession, console: Console, tenant: SimulatedTenant
) -> None:
    connector = session.require_ready(10).connector_id
    heard: list[Operation] = []
    own = OwnOperations()
    runner = Runner(session, console, own=own, on_operation=(heard.append,))
    outcome = runner.send("help", connector)
    assert outcome.operation is not None
    op_id = outcome.operation.id
    assert [op.id for op in heard] == [op_id] * len(heard) and len(heard) >= 2
    assert heard[-1].status.value == "SUCCESSFUL"  # the first state seen, then the last one
    assert own.ids == [op_id]
    assert len(own.requests) == 1  # the request tag of the one POST
