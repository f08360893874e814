"""The dispatcher on a device target: device commands to the device, connector commands to the
connector, ``.use`` to change the target, and a device command with no device refused."""

from __future__ import annotations

from lwm2m_shell.commands.assemble import connector_dispatcher
from lwm2m_shell.commands.target import CurrentTarget, Target
from lwm2m_shell.connection.session import TenantSession
from lwm2m_shell.exit_codes import ExitCode
from lwm2m_shell.language import Command, TargetKind, parse
from lwm2m_shell.output.console import Console
from lwm2m_shell.simulator import SimulatedTenant

from .conftest import posts


def command(line: str, kind: TargetKind = TargetKind.DEVICE) -> Command:
    parsed = parse(line, kind)
    assert isinstance(parsed, Command), parsed
    return parsed


def online(tenant: SimulatedTenant) -> dict[str, str]:
    return next(d for d in tenant.lwm2m_devices() if d["mode"] == "online")


def test_device_commands_go_to_the_device_and_come_back_named(
    session: TenantSession, console: Console, tenant: SimulatedTenant
) -> None:
    device = online(tenant)
    target = CurrentTarget(Target(device_id=device["id"], label=device["endpoint"]))
    dispatcher = connector_dispatcher(session, console, target=target)
    outcome = dispatcher.run(command("read /3/0/9"))
    assert outcome.exit_code is ExitCode.OK, outcome.error
    assert outcome.operation is not None and outcome.operation.result
    assert outcome.output == f"/3/0/9 Battery Level: {outcome.operation.result}"
    connector = dispatcher.run(command("invalidateRegistrationById F7DqjmW3Yy"))
    assert connector.operation is not None
    assert posts(tenant) == [
        {"deviceId": device["id"], "text": "read /3/0/9"},
        {"deviceId": tenant.connector_id, "text": "invalidateRegistrationById F7DqjmW3Yy"},
    ]
    assert target.instances() == {3: [0]}


def test_a_device_command_without_a_device_is_refused(
    session: TenantSession, console: Console, tenant: SimulatedTenant
) -> None:
    dispatcher = connector_dispatcher(session, console)
    outcome = dispatcher.run(command("read /3/0/9"))
    assert outcome.exit_code is ExitCode.USAGE
    assert outcome.error is not None and "(.use ENDPOINT)" in outcome.error
    assert posts(tenant) == []


def test_use_points_at_a_device_and_back(
    session: TenantSession, console: Console, tenant: SimulatedTenant
) -> None:
    device = online(tenant)
    target = CurrentTarget()
    dispatcher = connector_dispatcher(session, console, target=target)
    outcome = dispatcher.run(command(f".use {device['endpoint']}", TargetKind.CONNECTOR))
    assert outcome.exit_code is ExitCode.OK and target.value.device_id == device["id"]
    assert outcome.data["deviceId"] == device["id"]
    missing = dispatcher.run(command(".use urn:imei:000", TargetKind.CONNECTOR))
    assert missing.exit_code is ExitCode.USAGE and target.value.device_id == device["id"]
    back = dispatcher.run(command(".use", TargetKind.CONNECTOR))
    assert back.exit_code is ExitCode.OK and not target.value.is_device
    context = dispatcher.run(command(".context", TargetKind.CONNECTOR))
    assert context.data["target"]["kind"] == "connector"
    assert posts(tenant) == []


def test_a_failed_answer_is_shown_as_the_agent_gave_it(
    session: TenantSession, console: Console, tenant: SimulatedTenant
) -> None:
    device = online(tenant)
    target = CurrentTarget(Target(device_id=device["id"]))
    dispatcher = connector_dispatcher(session, console, target=target)
    outcome = dispatcher.run(command("read /3/0/30"))  # no such resource on the device
    assert outcome.exit_code is ExitCode.FAILED
    assert outcome.operation is not None and outcome.operation.result
    assert outcome.output is None  # the console prints the result itself
