"""Background loads refused by the tenant (an expired token, a restarted tenant): the catalogue
renews the login itself when the password is known, and loads again after a login made elsewhere
when it is not; several refused threads renew it once."""

from __future__ import annotations

import io
from collections.abc import Callable

from lwm2m_shell.catalogue import TenantCatalogue
from lwm2m_shell.commands.assemble import connector_dispatcher
from lwm2m_shell.config.secret import Secret
from lwm2m_shell.connection.health import Health
from lwm2m_shell.connection.session import TenantSession
from lwm2m_shell.exit_codes import ExitCode
from lwm2m_shell.output.console import Console
from lwm2m_shell.simulator import ADMIN_PASSWORD, ADMIN_USER, Fault, SimulatedTenant
from tests.helpers import expire_tokens, settings_for

from .conftest import ScriptedUser, issue_token, token_requests

Sessions = Callable[..., TenantSession]


def loaded(catalogue: TenantCatalogue) -> None:
    assert catalogue.wait(timeout=30)
    assert catalogue.status().error is None, catalogue.status().error


def loaded_with_a_password(
    make_tenant: Callable[..., SimulatedTenant], sessions: Sessions
) -> tuple[SimulatedTenant, TenantCatalogue]:
    """A tenant of five devices, a session with the admin's password, its catalogue loaded."""
    tenant = make_tenant(devices=5)
    session = sessions(settings_for(tenant, ADMIN_USER, ADMIN_PASSWORD))
    catalogue = TenantCatalogue(session, disk=False)
    session.require_ready(10)
    catalogue.start()
    loaded(catalogue)
    return tenant, catalogue


def test_a_refused_background_load_renews_the_login_and_loads(
    make_tenant: Callable[..., SimulatedTenant], sessions: Sessions
) -> None:
    tenant, catalogue = loaded_with_a_password(make_tenant, sessions)
    expire_tokens(tenant)
    assert catalogue.refresh()
    loaded(catalogue)  # no "401" left on the toolbar
    assert len(catalogue.snapshot) == len(tenant.lwm2m_devices())
    assert token_requests(tenant) == 2  # the first login, one renewal
    catalogue.close()


def test_a_load_refused_for_good_is_repeated_after_a_login_in_the_foreground(
    make_tenant: Callable[..., SimulatedTenant], sessions: Sessions
) -> None:
    """A given token cannot be renewed without asking: the load fails, and the login that the
    next command asks for brings it back without another .refresh."""
    tenant = make_tenant(devices=5)
    token = issue_token(tenant, ADMIN_USER, ADMIN_PASSWORD)
    user = ScriptedUser(ADMIN_PASSWORD)
    session = sessions(settings_for(tenant, ADMIN_USER, None, token=Secret(token)), user)
    catalogue = TenantCatalogue(session, disk=False)
    session.require_ready(10)
    expire_tokens(tenant)
    catalogue.start()
    assert catalogue.wait(timeout=30)
    assert "Token expired" in (catalogue.status().error or "")
    console = Console(stdout=io.StringIO(), stderr=io.StringIO(), color=False)
    shell = connector_dispatcher(session, console, wait_timeout=10)
    assert shell.send_to_connector("help").exit_code is ExitCode.OK  # asks, logs in
    assert user.prompts == [f"Password for {tenant.tenant_id}/{ADMIN_USER}: "]
    loaded(catalogue)
    assert len(catalogue.snapshot) == len(tenant.lwm2m_devices())
    catalogue.close()
    assert all(getattr(hook, "__self__", None) is not catalogue for hook in session.on_login)


def test_threads_refused_with_the_same_login_renew_it_once(
    make_tenant: Callable[..., SimulatedTenant], sessions: Sessions
) -> None:
    tenant = make_tenant()
    session = sessions(settings_for(tenant, ADMIN_USER, ADMIN_PASSWORD))
    session.require_ready(10)
    refused = session.login_generation
    expire_tokens(tenant)
    assert session.renewed_since(refused, "Token expired")
    assert session.renewed_since(refused, "Token expired")  # renewed meanwhile: not again
    assert token_requests(tenant) == 2
    assert session.login_generation != refused


def test_a_login_that_cannot_be_renewed_says_so(
    make_tenant: Callable[..., SimulatedTenant], sessions: Sessions
) -> None:
    tenant = make_tenant()
    token = issue_token(tenant, ADMIN_USER, ADMIN_PASSWORD)
    session = sessions(settings_for(tenant, ADMIN_USER, None, token=Secret(token)))
    session.require_ready(10)
    refused = session.login_generation
    expire_tokens(tenant)
    assert not session.renewed_since(refused, "Token expired")
    assert session.login_generation == refused
    assert session.health.describe().startswith("login refused since")


def test_a_renewal_without_an_answer_says_so_and_the_next_load_renews(
    make_tenant: Callable[..., SimulatedTenant], sessions: Sessions
) -> None:
    """The login expired and the renewal got no answer: the catalogue names the outage (not
    the expired login), the health says unreachable, and the next load renews and loads."""
    tenant, catalogue = loaded_with_a_password(make_tenant, sessions)
    expire_tokens(tenant)
    tenant.add_fault(Fault(kind="drop", method="POST", path="/tenant/oauth", times=None))
    assert catalogue.refresh()
    assert catalogue.wait(timeout=30)
    error = catalogue.status().error or ""
    assert error.startswith("cannot reach"), error
    health = catalogue.session.health
    assert health.view.health is Health.UNREACHABLE, health.describe()
    tenant.clear_faults()
    assert catalogue.refresh()
    loaded(catalogue)
    assert len(catalogue.snapshot) == len(tenant.lwm2m_devices())
    catalogue.close()
