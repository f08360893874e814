"""The session's health over time, against the simulated tenant over real HTTP: unreachable,
back (with the comeback callbacks), login refused and renewed in the background."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from lwm2m_shell.config.secret import Secret
from lwm2m_shell.connection.health import Health
from lwm2m_shell.connection.session import SessionError, State, TenantSession
from lwm2m_shell.live.health_watch import HealthWatch
from lwm2m_shell.live.realtime import LiveState
from lwm2m_shell.simulator import ADMIN_PASSWORD, ADMIN_USER, Fault, SimulatedTenant
from tests.helpers import expire_tokens, settings_for
from tests.helpers.restart import down, revived

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def session(tenant: SimulatedTenant) -> Iterator[TenantSession]:
    made = TenantSession(settings_for(tenant))
    made.connect()
    yield made
    made.close()


def test_unreachable_then_back_runs_the_comeback_callbacks(
    tenant: SimulatedTenant, session: TenantSession
) -> None:
    backs: list[str] = []
    watch = HealthWatch(
        session, lambda: LiveState.RETRYING, on_back=[lambda: backs.append("back")], idle_probe=0
    )
    assert session.health.view.health is Health.CONNECTED
    with down(tenant) as port:
        watch.step()
        view = session.health.view
        assert view.health is Health.UNREACHABLE
        assert view.detail == "the tenant refuses connections (down or restarting?)"
        assert "Errno" not in session.health.describe()
        assert backs == []
    again = revived(tenant, port)
    try:
        watch._next_probe = 0.0  # the pause between probes is not what this test is about
        watch.step()
        assert session.health.view.health is Health.BACK
        assert "back since" in session.health.describe()
        assert backs == ["back"]
        watch._next_probe = 0.0
        watch.step()
        assert backs == ["back"]  # once per comeback
    finally:
        watch.stop()
        again.stop()


def test_live_updates_on_mean_reachable_without_asking(
    tenant: SimulatedTenant, session: TenantSession
) -> None:
    watch = HealthWatch(session, lambda: LiveState.ON, on_back=[])
    before = tenant.request_count()
    for _ in range(5):
        watch.step()
    assert tenant.request_count() == before and watch.probes == 0
    assert session.health.view.health is Health.CONNECTED


def test_a_connect_held_from_before_a_refused_login_does_not_clear_it(
    tenant: SimulatedTenant,
) -> None:
    """Another thread got the 401 (the catalogue, say) while realtime still holds a connect made
    before: the toolbar keeps saying the login was refused."""
    token, _ = tenant.state.auth.issue_token(None, ADMIN_USER, ADMIN_PASSWORD, None)
    session = TenantSession(settings_for(tenant, ADMIN_USER, None, token=Secret(token)))
    try:
        session.connect()
        refused = session.login_generation
        tenant.revoke_tokens()
        assert not session.renewed_since(refused, "Unknown or revoked token")
        assert session.health.view.health is Health.LOGIN_REFUSED
        watch = HealthWatch(session, lambda: LiveState.ON, on_back=[])
        for _ in range(3):
            watch.step()
        assert session.health.view.health is Health.LOGIN_REFUSED
        assert session.health.describe().startswith("login refused since")
    finally:
        session.close()


def test_a_check_that_could_not_reach_the_tenant_is_repeated_when_it_answers(
    tenant: SimulatedTenant,
) -> None:
    session = TenantSession(settings_for(tenant))
    again: SimulatedTenant | None = None
    try:
        with down(tenant) as port:
            with pytest.raises(SessionError):
                session.connect()
            assert session.health.view.health is Health.UNREACHABLE
            watch = HealthWatch(session, lambda: LiveState.RETRYING, on_back=[], idle_probe=0)
        again = revived(tenant, port)
        watch.step()
        assert session.state is State.READY and session.identity is not None
    finally:
        session.close()
        if again is not None:
            again.stop()


def test_a_check_the_tenant_answered_is_not_repeated_every_probe(tenant: SimulatedTenant) -> None:
    """An unknown --connector-id is an answer, not an outage: the next command checks again,
    the health watch does not ask the tenant every two seconds."""
    session = TenantSession(settings_for(tenant, connector_id="99999"))
    try:
        with pytest.raises(SessionError, match="99999"):
            session.connect()
        watch = HealthWatch(session, lambda: LiveState.RETRYING, on_back=[], probe_pause=0)
        for _ in range(3):
            watch._next_probe = 0.0
            watch.step()
        assert tenant.request_count("/inventory/managedObjects/99999") == 1
        assert session.state is State.FAILED
    finally:
        session.close()


def test_a_renewal_the_tenant_did_not_answer_is_an_outage_and_is_tried_again(
    tenant: SimulatedTenant, session: TenantSession
) -> None:
    """The login expired and the tenant went down before it could be renewed: the toolbar says
    the tenant is unreachable (not that the login was refused), and the renewal is tried again
    once the tenant answers, without anybody typing a command."""
    refused = session.login_generation
    expire_tokens(tenant)
    tenant.add_fault(Fault(kind="drop", method="POST", path="/tenant/oauth", times=None))
    watch = HealthWatch(session, lambda: LiveState.RETRYING, on_back=[], probe_pause=0)
    watch.step()
    view = session.health.view
    assert view.health is Health.UNREACHABLE, session.health.describe()
    assert session.login_generation == refused
    tenant.clear_faults()
    watch._next_probe = 0.0
    watch.step()
    assert session.login_generation != refused
    assert session.health.view.health in (Health.BACK, Health.CONNECTED)
