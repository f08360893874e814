"""The session's parts working together against a real simulated tenant: the client built from
the settings, the health told of an unreachable tenant, the listener lists kept in place."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from lwm2m_shell.config.secret import Secret
from lwm2m_shell.config.settings import Settings
from lwm2m_shell.connection.health import Health
from lwm2m_shell.connection.session import SessionError, State, TenantSession
from lwm2m_shell.connection.tenant_client import build_client, build_login
from lwm2m_shell.simulator import ADMIN_USER, SimulatedTenant, SimulatorConfig
from tests.helpers import settings_for


@pytest.fixture
def tenant() -> Iterator[SimulatedTenant]:
    started = SimulatedTenant(SimulatorConfig(devices=3, pending_delay=0.0)).start()
    yield started
    started.stop()


def shell_settings(tenant: SimulatedTenant) -> Settings:
    return settings_for(tenant, app_key="shell-key")


def test_the_client_is_built_from_the_settings(tenant: SimulatedTenant) -> None:
    settings = shell_settings(tenant)
    login = build_login(settings)
    assert login.credentials.user == ADMIN_USER and login.method == "auto"
    with build_client(tenant.url, login.auth, settings) as client:
        assert client.options.timeout == 5.0 and client.options.app_key == "shell-key"
        login.log_in(client)
        assert client.current_user().user_name == ADMIN_USER


def test_a_token_needs_no_request_to_log_in() -> None:
    settings = Settings(url="https://example.invalid", token=Secret("abc"))
    login = build_login(settings)
    assert login.ready and login.scheme == "token"


def test_new_clients_share_the_session_login(tenant: SimulatedTenant) -> None:
    session = TenantSession(shell_settings(tenant))
    try:
        identity = session.require_ready(30)
        with session.new_client() as other:
            assert other is not session.client
            assert other.current_user().user_name == identity.user  # logged in already
    finally:
        session.close()


def test_an_unreachable_tenant_is_told_to_the_health(tenant: SimulatedTenant) -> None:
    settings = shell_settings(tenant)
    tenant.stop()
    session = TenantSession(settings)
    try:
        with pytest.raises(SessionError) as caught:
            session.require_ready(30)
        assert str(caught.value).startswith(f"cannot reach {tenant.url}: ")
        assert session.state is State.FAILED and session.error is caught.value
        view = session.health.view
        assert view.health is Health.UNREACHABLE
        assert view.detail == "the tenant refuses connections (down or restarting?)"
    finally:
        session.close()


def test_settings_that_cannot_work_refuse_every_client() -> None:
    session = TenantSession(Settings(url=None))
    assert session.problem is not None
    for build in (lambda: session.client, session.new_client):
        with pytest.raises(SessionError, match="no tenant URL"):
            build()


def test_listeners_are_added_to_never_replaced(tenant: SimulatedTenant) -> None:
    session = TenantSession(shell_settings(tenant))
    seen: list[str] = []
    session.on_ready.append(lambda identity: seen.append(identity.tenant_id))
    with pytest.raises(AttributeError):
        session.on_ready = []  # type: ignore[misc]
    try:
        session.require_ready(30)
        assert seen == [tenant.tenant_id]
    finally:
        session.close()
