"""Sessions and the dispatcher: expired tokens, 401s mid-session, roles, and what the user sees."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest

from lwm2m_shell.client import TAG_FRAGMENT
from lwm2m_shell.commands.assemble import connector_dispatcher
from lwm2m_shell.commands.dispatch import Dispatcher
from lwm2m_shell.config.secret import Secret
from lwm2m_shell.connection.session import LoginRequired, SessionError, TenantSession, TfaRequired
from lwm2m_shell.exit_codes import ExitCode
from lwm2m_shell.language import Command, parse
from lwm2m_shell.outcome import Outcome
from lwm2m_shell.output.console import Console
from lwm2m_shell.simulator import (
    ADMIN_PASSWORD,
    ADMIN_USER,
    TFA_CODE,
    TFA_PASSWORD,
    TFA_USER,
    VIEWER_PASSWORD,
    VIEWER_USER,
    SimulatedTenant,
)
from tests.helpers import expire_tokens, settings_for

from .conftest import ScriptedUser, issue_token, token_requests

Sessions = Callable[..., TenantSession]
COMMAND = "help"  # the connector's own help: sent as typed to the connector, ends SUCCESSFUL


def shell_for(session: TenantSession) -> Dispatcher:
    console = Console(stdout=io.StringIO(), stderr=io.StringIO(), color=False)
    return connector_dispatcher(session, console, wait_timeout=10)


def run_line(shell: Dispatcher, line: str) -> Outcome:
    parsed = parse(line)
    assert isinstance(parsed, Command), parsed
    return shell.run(parsed)


def sent(tenant: SimulatedTenant) -> list[str]:
    return [op["c8y_Command"]["text"] for op in tenant.operations() if TAG_FRAGMENT in op]


def with_expired_token(
    make_tenant: Callable[..., SimulatedTenant],
    sessions: Sessions,
    user: str | None,
    prompter: ScriptedUser | None = None,
) -> tuple[SimulatedTenant, str, Dispatcher]:
    """A session logged in with a given token, which has expired by the time this returns."""
    tenant = make_tenant()
    token = issue_token(tenant, ADMIN_USER, ADMIN_PASSWORD)
    session = sessions(settings_for(tenant, user, None, token=Secret(token)), prompter=prompter)
    shell = shell_for(session)
    session.require_ready(10)
    expire_tokens(tenant)
    return tenant, token, shell


def test_basic_session(tenant: SimulatedTenant, sessions: Sessions) -> None:
    session = sessions(settings_for(tenant, ADMIN_USER, ADMIN_PASSWORD, auth_method="basic"))
    outcome = shell_for(session).send_to_connector(COMMAND)
    assert outcome.exit_code is ExitCode.OK
    assert session.login.scheme == "basic" and token_requests(tenant) == 0


def test_oauth_session(tenant: SimulatedTenant, sessions: Sessions) -> None:
    session = sessions(settings_for(tenant, ADMIN_USER, ADMIN_PASSWORD))
    assert shell_for(session).send_to_connector(COMMAND).exit_code is ExitCode.OK
    assert session.login.scheme == "oauth" and token_requests(tenant) == 1


def test_token_session(tenant: SimulatedTenant, sessions: Sessions) -> None:
    token = issue_token(tenant, ADMIN_USER, ADMIN_PASSWORD)
    session = sessions(settings_for(tenant, None, None, token=Secret(token)))
    assert shell_for(session).send_to_connector(COMMAND).exit_code is ExitCode.OK
    assert session.identity is not None and session.identity.user == ADMIN_USER


def test_wrong_password_is_exit_3(tenant: SimulatedTenant, sessions: Sessions) -> None:
    session = sessions(settings_for(tenant, ADMIN_USER, "not-it"))
    outcome = shell_for(session).send_to_connector(COMMAND)
    assert outcome.exit_code is ExitCode.CONNECTION
    assert outcome.error is not None and "authentication failed" in outcome.error
    assert "not-it" not in outcome.error and sent(tenant) == []


def test_viewer_may_not_create_operations(tenant: SimulatedTenant, sessions: Sessions) -> None:
    session = sessions(settings_for(tenant, VIEWER_USER, VIEWER_PASSWORD))
    identity = session.require_ready(10)
    assert identity.can_send is False
    outcome = shell_for(session).send_to_connector(COMMAND)
    assert outcome.exit_code is ExitCode.CONNECTION
    assert outcome.error == (
        f"permission denied: user {VIEWER_USER} may not create operations "
        "(the role ROLE_DEVICE_CONTROL_ADMIN is needed)"
    )
    assert sent(tenant) == []


def test_tfa_user_without_terminal(tenant: SimulatedTenant, sessions: Sessions) -> None:
    session = sessions(settings_for(tenant, TFA_USER, TFA_PASSWORD))
    with pytest.raises(LoginRequired) as caught:
        session.require_ready(10)
    assert caught.value.exit_code is ExitCode.CONNECTION
    assert "needs a TFA code" in str(caught.value)


def test_tfa_user_is_asked_with_the_first_command(
    tenant: SimulatedTenant, sessions: Sessions
) -> None:
    """In a terminal, the background check cannot ask; the first command (foreground) does."""
    user = ScriptedUser(TFA_CODE)
    session = sessions(settings_for(tenant, TFA_USER, TFA_PASSWORD), prompter=user)
    session.connect_in_background()
    session._done.wait(10)
    assert isinstance(session.error, TfaRequired)  # the REPL asks for it at once (pty tests)
    assert "a TFA code is needed" in str(session.error)
    assert user.prompts == []  # nothing asked from the background thread
    assert shell_for(session).send_to_connector(COMMAND).exit_code is ExitCode.OK
    assert user.prompts == [f"TFA code for {tenant.tenant_id}/{TFA_USER}: "]


def test_tfa_with_forced_basic_says_to_use_oauth(
    tenant: SimulatedTenant, sessions: Sessions
) -> None:
    session = sessions(settings_for(tenant, TFA_USER, TFA_PASSWORD, auth_method="basic"))
    with pytest.raises(SessionError, match="needs OAuth: use --auth oauth"):
        session.require_ready(10)


def test_password_asked_at_start(tenant: SimulatedTenant, sessions: Sessions) -> None:
    user = ScriptedUser("wrong", ADMIN_PASSWORD)
    session = sessions(settings_for(tenant, ADMIN_USER, None), prompter=user)
    session.log_in_at_start()
    assert session.login.scheme == "oauth" and len(user.prompts) == 2
    assert shell_for(session).send_to_connector(COMMAND).exit_code is ExitCode.OK


def test_nothing_is_asked_at_start_when_the_password_is_known(
    tenant: SimulatedTenant, sessions: Sessions
) -> None:
    user = ScriptedUser()
    session = sessions(settings_for(tenant, ADMIN_USER, ADMIN_PASSWORD), prompter=user)
    session.log_in_at_start()
    assert tenant.request_count("/tenant/") == 0  # no network before the first prompt


def test_unreachable_tenant_at_start_is_left_to_the_check(
    tenant: SimulatedTenant, sessions: Sessions
) -> None:
    user = ScriptedUser(ADMIN_PASSWORD)
    settings = settings_for(tenant, ADMIN_USER, None)
    tenant.stop()
    session = sessions(settings, prompter=user)
    session.log_in_at_start()  # no exception: the shell starts and shows "cannot reach"
    with pytest.raises(SessionError, match="cannot reach"):
        session.require_ready(10)


def test_expired_oauth_token_is_renewed_mid_session(
    make_tenant: Callable[..., SimulatedTenant], sessions: Sessions
) -> None:
    tenant = make_tenant()
    session = sessions(settings_for(tenant, ADMIN_USER, ADMIN_PASSWORD))
    shell = shell_for(session)
    session.require_ready(10)
    expire_tokens(tenant)
    outcome = shell.send_to_connector(COMMAND)  # no terminal, but the password is known: renewed
    assert outcome.exit_code is ExitCode.OK
    assert sent(tenant) == [COMMAND]
    assert token_requests(tenant) == 2


@pytest.mark.parametrize(
    "run",
    [lambda shell: shell.send_to_connector(COMMAND), lambda shell: run_line(shell, ".history")],
    ids=["connector command", "local command"],
)
def test_expired_given_token_without_terminal_is_exit_3(
    make_tenant: Callable[..., SimulatedTenant],
    sessions: Sessions,
    run: Callable[[Dispatcher], Outcome | None],
) -> None:
    tenant, token, shell = with_expired_token(make_tenant, sessions, ADMIN_USER)
    outcome = run(shell)
    assert outcome is not None and outcome.exit_code is ExitCode.CONNECTION
    assert outcome.error is not None and "Token expired" in outcome.error
    assert token not in outcome.error and sent(tenant) == []


def test_expired_given_token_in_a_terminal_asks_and_carries_on(
    make_tenant: Callable[..., SimulatedTenant], sessions: Sessions
) -> None:
    user = ScriptedUser(ADMIN_PASSWORD)
    tenant, _token, shell = with_expired_token(make_tenant, sessions, None, user)
    outcome = shell.send_to_connector(COMMAND)  # a 401, then a login, then it is sent again
    assert outcome.exit_code is ExitCode.OK, outcome.error
    assert sent(tenant) == [COMMAND]  # exactly once
    assert user.prompts == [f"Password for {tenant.tenant_id}/{ADMIN_USER}: "]
    assert any("Token expired" in note for note in user.notes)


def test_expired_tfa_token_asks_only_for_the_code(
    make_tenant: Callable[..., SimulatedTenant], sessions: Sessions
) -> None:
    tenant = make_tenant()
    user = ScriptedUser(TFA_CODE, TFA_CODE)
    session = sessions(settings_for(tenant, TFA_USER, TFA_PASSWORD), prompter=user)
    shell = shell_for(session)
    session.require_ready(10)  # main thread: the TFA code is asked here
    expire_tokens(tenant)
    assert shell.send_to_connector(COMMAND).exit_code is ExitCode.OK
    assert [p.split(" for ")[0] for p in user.prompts] == ["TFA code", "TFA code"]
    assert user.notes and "log in again" in user.notes[0]


def test_token_expiring_while_waiting_keeps_waiting(
    make_tenant: Callable[..., SimulatedTenant], sessions: Sessions
) -> None:
    tenant = make_tenant(execution_delay=0.5)
    token = issue_token(tenant, ADMIN_USER, ADMIN_PASSWORD)

    def expire_once_sent(action: str, operation: dict[str, object]) -> None:
        if action == "CREATE" and TAG_FRAGMENT in operation:
            expire_tokens(tenant)  # the token expires while the shell waits for the outcome

    unsubscribe = tenant.subscribe(expire_once_sent)
    user = ScriptedUser(ADMIN_PASSWORD)
    session = sessions(settings_for(tenant, ADMIN_USER, None, token=Secret(token)), user)
    outcome = shell_for(session).send_to_connector(COMMAND)
    unsubscribe()
    assert outcome.exit_code is ExitCode.OK, outcome.error
    assert outcome.operation is not None and outcome.operation.status.value == "SUCCESSFUL"
    assert sent(tenant) == [COMMAND] and len(user.prompts) == 1


def test_giving_up_the_new_login_sends_nothing(
    make_tenant: Callable[..., SimulatedTenant], sessions: Sessions
) -> None:
    tenant = make_tenant()
    token = issue_token(tenant, ADMIN_USER, ADMIN_PASSWORD)
    user = ScriptedUser(None)
    session = sessions(settings_for(tenant, ADMIN_USER, None, token=Secret(token)), user)
    shell = shell_for(session)
    session.require_ready(10)
    expire_tokens(tenant)
    outcome = shell.send_to_connector(COMMAND)
    assert outcome.exit_code is ExitCode.CONNECTION
    assert outcome.error is not None and "login cancelled" in outcome.error
    assert sent(tenant) == []


@pytest.mark.parametrize("line", [".history", ".bulk", ".status {op}"])
def test_local_commands_log_in_again_after_a_401(
    make_tenant: Callable[..., SimulatedTenant], sessions: Sessions, line: str
) -> None:
    """Reading commands refused mid-session (expired token) ask for a login and carry on."""
    user = ScriptedUser(ADMIN_PASSWORD)
    tenant, _token, shell = with_expired_token(make_tenant, sessions, None, user)
    operation = tenant.operations()[0]["id"]  # a seeded operation of the connector
    outcome = run_line(shell, line.format(op=operation))
    assert outcome is not None and outcome.exit_code is not ExitCode.CONNECTION, outcome.error
    assert user.prompts == [f"Password for {tenant.tenant_id}/{ADMIN_USER}: "]


def test_catalogue_loads_once_the_first_command_logged_in_with_tfa(
    tenant: SimulatedTenant, sessions: Sessions
) -> None:
    """In the REPL the catalogue's thread cannot ask for a TFA code; its load fails until the
    first command logs in (asking in the foreground), then it loads by itself."""
    from lwm2m_shell.catalogue import TenantCatalogue

    user = ScriptedUser(TFA_CODE)
    session = sessions(settings_for(tenant, TFA_USER, TFA_PASSWORD), prompter=user)
    catalogue = TenantCatalogue(session)
    session.connect_in_background()
    catalogue.start()
    assert catalogue.wait(timeout=60)
    assert catalogue.status().error is not None and "TFA" in catalogue.status().error
    assert len(catalogue.snapshot) == 0
    shell = shell_for(session)
    assert shell.send_to_connector(COMMAND).exit_code is ExitCode.OK  # the code is asked for here
    assert user.prompts and user.prompts[0].startswith("TFA code")
    assert catalogue.wait(timeout=60)
    assert catalogue.status().error is None
    assert len(catalogue.snapshot) == len(tenant.lwm2m_devices())
    catalogue.close()
    assert session.on_ready == []  # a closed catalogue no longer reloads on a reconnect
