"""The dispatcher: local commands answered by their handler (nothing sent), everything else sent
to the connector, tenant-wide commands confirmed, and nothing escaping but an outcome."""

from __future__ import annotations

import pytest

from lwm2m_shell.commands.assemble import connector_dispatcher
from lwm2m_shell.commands.catalogue_access import CatalogueAccess
from lwm2m_shell.commands.dispatch import Dispatcher
from lwm2m_shell.commands.registry import Handler, LocalContext, Registry
from lwm2m_shell.commands.runner import Runner
from lwm2m_shell.connection.session import TenantSession
from lwm2m_shell.exit_codes import ExitCode
from lwm2m_shell.language import Command, parse
from lwm2m_shell.outcome import Outcome
from lwm2m_shell.output.console import Console
from lwm2m_shell.simulator import SimulatedTenant

from .conftest import OPERATIONS, posts


def command(line: str) -> Command:
    parsed = parse(line)
    assert isinstance(parsed, Command), parsed
    return parsed


def dispatcher_with(
    session: TenantSession, console: Console, handlers: dict[str, Handler]
) -> Dispatcher:
    runner = Runner(session, console)
    return Dispatcher(
        runner, local=Registry(handlers), catalogue=CatalogueAccess(session), confirm=None
    )


def test_a_local_command_is_answered_by_its_handler_and_nothing_is_sent(
    session: TenantSession, console: Console, tenant: SimulatedTenant
) -> None:
    calls: list[tuple[LocalContext, Command]] = []

    def history(context: LocalContext, given: Command) -> Outcome:
        calls.append((context, given))
        return Outcome(line=given.text, output="answered here", local=True)

    dispatcher = dispatcher_with(session, console, {".history": history})
    outcome = dispatcher.run(command(".history 3"))
    assert outcome.output == "answered here" and outcome.exit_code is ExitCode.OK
    [(context, given)] = calls
    assert given.text == ".history 3"
    assert context.runner is dispatcher.runner and context.own is dispatcher.runner.own
    assert dispatcher.runner.own.requests == set()  # the runner sent nothing
    assert tenant.request_count(OPERATIONS) == 0


def test_a_local_command_without_a_handler_is_refused(
    session: TenantSession, console: Console, tenant: SimulatedTenant
) -> None:
    outcome = dispatcher_with(session, console, {}).run(command(".history"))
    assert outcome.exit_code is ExitCode.USAGE
    assert outcome.error == ".history is not available in this mode"
    assert tenant.request_count(OPERATIONS) == 0


def test_connector_commands_and_dot_send_go_to_the_connector_help_does_not(
    session: TenantSession, console: Console, tenant: SimulatedTenant
) -> None:
    dispatcher = connector_dispatcher(session, console)
    shell_help = dispatcher.run(command("help"))  # the shell's own help: answered here
    assert shell_help.local and shell_help.output and posts(tenant) == []
    invalidate = "invalidateRegistrationById ZZZZZZZZZZ"
    assert dispatcher.run(command(invalidate)).operation is not None
    assert dispatcher.run(command(".send help")).exit_code is ExitCode.OK
    connector = tenant.connector_id
    assert posts(tenant) == [
        {"deviceId": connector, "text": invalidate},
        {"deviceId": connector, "text": "help"},
    ]


@pytest.mark.parametrize(
    ("answer", "code", "status"),
    [(None, ExitCode.USAGE, "INVALID"), (False, ExitCode.USAGE, "NOT_RUN"), (True, None, None)],
    ids=["nobody to ask", "asked: no", "asked: yes"],
)
def test_a_tenant_wide_command_is_sent_only_when_confirmed(
    session: TenantSession,
    console: Console,
    tenant: SimulatedTenant,
    answer: bool | None,
    code: ExitCode | None,
    status: str | None,
) -> None:
    questions: list[str] = []

    def confirm(question: str) -> bool:
        questions.append(question)
        return bool(answer)

    dispatcher = connector_dispatcher(session, console, confirm=None if answer is None else confirm)
    outcome = dispatcher.run(command("migrateLwm2mDevices"))
    if code is None:  # confirmed: sent once
        assert posts(tenant) == [{"deviceId": tenant.connector_id, "text": "migrateLwm2mDevices"}]
        assert len(questions) == 1 and "EVERY LWM2M device" in questions[0]
        return
    assert outcome.exit_code is code
    assert outcome.as_json()["status"] == status
    assert posts(tenant) == []
    assert len(questions) == (0 if answer is None else 1)


@pytest.mark.parametrize(
    ("failure", "code", "error"),
    [
        (RuntimeError("boom"), ExitCode.CONNECTION, "`.bulk` failed: RuntimeError: boom"),
        (KeyboardInterrupt(), ExitCode.INTERRUPTED, "interrupted"),
    ],
)
def test_a_failing_handler_becomes_one_line(
    session: TenantSession,
    console: Console,
    failure: BaseException,
    code: ExitCode,
    error: str,
) -> None:
    def broken(context: LocalContext, given: Command) -> Outcome:
        raise failure

    outcome = dispatcher_with(session, console, {".bulk": broken}).run(command(".bulk"))
    assert outcome.exit_code is code and outcome.error == error


def test_the_built_in_registry_answers_every_local_command_of_the_language() -> None:
    from lwm2m_shell.commands.builtin import BUILTIN
    from lwm2m_shell.language import LOCAL_COMMANDS

    local = {spec.name for spec in LOCAL_COMMANDS} - {".exit"}  # .exit: the modes end the run
    assert local <= BUILTIN.names, sorted(local - BUILTIN.names)


def test_with_handlers_adds_a_second_set_without_changing_the_first() -> None:
    def mine(context: LocalContext, given: Command) -> Outcome:
        return Outcome(line=given.text)

    first = Registry({".a": mine})
    both = first.with_handlers({".b": mine})
    assert first.names == {".a"} and both.names == {".a", ".b"}
