"""The client-layer login against the simulated tenant: every way in, and every way it fails."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from lwm2m_shell.client import ClientOptions, CumulocityClient, RetryPolicy, Unauthorized
from lwm2m_shell.client.auth import SessionAuth
from lwm2m_shell.client.login import Credentials, Login, LoginFailed
from lwm2m_shell.simulator import (
    ADMIN_PASSWORD,
    ADMIN_USER,
    TFA_CODE,
    TFA_PASSWORD,
    TFA_USER,
    Fault,
    SimulatedTenant,
)
from tests.helpers import expire_tokens

from .conftest import ScriptedUser, issue_token, token_requests


def client_for(tenant: SimulatedTenant, login: Login) -> CumulocityClient:
    options = ClientOptions(timeout=5.0, retry=RetryPolicy(base_delay=0.01, budget=2.0))
    return CumulocityClient(tenant.url, login.auth, options)


def login_as(
    tenant: SimulatedTenant,
    user: str | None,
    password: str | None = None,
    *,
    token: str | None = None,
    method: str = "auto",
    with_tenant: bool = True,
) -> Login:
    creds = Credentials(tenant.tenant_id if with_tenant else None, user, password, token)
    return Login(creds, method)  # type: ignore[arg-type]


def test_auto_uses_oauth_when_the_tenant_offers_it(tenant: SimulatedTenant) -> None:
    login = login_as(tenant, ADMIN_USER, ADMIN_PASSWORD)
    assert not login.ready
    with client_for(tenant, login) as client:
        assert login.log_in(client) == "oauth"
        assert login.auth.scheme == "bearer"
        assert client.current_user().user_name == ADMIN_USER
    assert token_requests(tenant) == 1


def test_auto_falls_back_to_basic_without_login_options(tenant: SimulatedTenant) -> None:
    tenant.add_fault(Fault(kind="status", status=404, path="/tenant/loginOptions"))
    login = login_as(tenant, ADMIN_USER, ADMIN_PASSWORD)
    with client_for(tenant, login) as client:
        assert login.log_in(client) == "basic"
        assert client.current_user().user_name == ADMIN_USER
    assert token_requests(tenant) == 0


def test_forced_basic_needs_no_network_to_start(tenant: SimulatedTenant) -> None:
    login = login_as(tenant, ADMIN_USER, ADMIN_PASSWORD, method="basic")
    assert login.ready and login.scheme == "basic"
    with client_for(tenant, login) as client:
        assert client.current_tenant().name == tenant.tenant_id
    assert tenant.request_count("/tenant/loginOptions") == 0
    assert token_requests(tenant) == 0


def test_forced_oauth_finds_the_tenant_id_itself(tenant: SimulatedTenant) -> None:
    login = login_as(tenant, ADMIN_USER, ADMIN_PASSWORD, with_tenant=False)
    with client_for(tenant, login) as client:
        assert login.log_in(client) == "oauth"  # tenant_id taken from the login options
        assert client.current_tenant().name == tenant.tenant_id


def test_a_token_is_used_as_is(tenant: SimulatedTenant) -> None:
    token = issue_token(tenant, ADMIN_USER, ADMIN_PASSWORD)
    login = login_as(tenant, None, token=token)
    assert login.ready and login.scheme == "token"
    with client_for(tenant, login) as client:
        assert client.current_user().user_name == ADMIN_USER
    assert token_requests(tenant) == 1  # only the test's own


def test_forced_token_without_one(tenant: SimulatedTenant) -> None:
    login = login_as(tenant, ADMIN_USER, ADMIN_PASSWORD, method="token")
    with client_for(tenant, login) as client, pytest.raises(LoginFailed, match="needs a token"):
        login.log_in(client)


def test_wrong_password_without_a_prompter(tenant: SimulatedTenant) -> None:
    login = login_as(tenant, ADMIN_USER, "wrong-password")
    with client_for(tenant, login) as client, pytest.raises(LoginFailed) as caught:
        login.log_in(client)
    assert caught.value.kind == "refused"
    assert "authentication failed" in str(caught.value)
    assert "wrong-password" not in str(caught.value)


def test_wrong_password_is_asked_again(tenant: SimulatedTenant) -> None:
    user = ScriptedUser(ADMIN_PASSWORD)
    login = login_as(tenant, ADMIN_USER, "wrong-password")
    with client_for(tenant, login) as client:
        assert login.log_in(client, user) == "oauth"
    assert user.prompts == [f"Password for {tenant.tenant_id}/{ADMIN_USER}: "]
    assert len(user.notes) == 1 and "authentication failed" in user.notes[0]


def test_three_wrong_passwords_end_it(tenant: SimulatedTenant) -> None:
    user = ScriptedUser("bad-2", "bad-3")
    login = login_as(tenant, ADMIN_USER, "bad-1")
    with client_for(tenant, login) as client, pytest.raises(LoginFailed) as caught:
        login.log_in(client, user)
    assert caught.value.kind == "refused" and len(user.prompts) == 2


def test_missing_password_is_asked_for(tenant: SimulatedTenant) -> None:
    user = ScriptedUser(ADMIN_PASSWORD)
    login = login_as(tenant, ADMIN_USER)
    assert not login.ready  # nothing to log in with until someone types the password
    with client_for(tenant, login) as client:
        login.log_in(client, user)
        assert client.current_user().user_name == ADMIN_USER
    assert user.prompts == [f"Password for {tenant.tenant_id}/{ADMIN_USER}: "]
    with client_for(tenant, login_as(tenant, ADMIN_USER)) as client:
        with pytest.raises(LoginFailed) as caught:
            login_as(tenant, ADMIN_USER).log_in(client)
        assert caught.value.kind == "missing"


def test_giving_up_at_the_prompt(tenant: SimulatedTenant) -> None:
    login = login_as(tenant, ADMIN_USER)
    with client_for(tenant, login) as client, pytest.raises(LoginFailed) as caught:
        login.log_in(client, ScriptedUser(None))
    assert caught.value.kind == "cancelled"


def test_tfa_code_is_asked_for(tenant: SimulatedTenant) -> None:
    user = ScriptedUser(TFA_CODE)
    login = login_as(tenant, TFA_USER, TFA_PASSWORD)
    with client_for(tenant, login) as client:
        assert login.log_in(client, user) == "oauth"
        assert client.current_user().user_name == TFA_USER
    assert user.prompts == [f"TFA code for {tenant.tenant_id}/{TFA_USER}: "]
    assert user.notes == []


def test_wrong_tfa_code_then_the_right_one(tenant: SimulatedTenant) -> None:
    user = ScriptedUser("000000", TFA_CODE)
    login = login_as(tenant, TFA_USER, TFA_PASSWORD)
    with client_for(tenant, login) as client:
        login.log_in(client, user)
    assert len(user.prompts) == 2
    assert len(user.notes) == 1 and "TFA code was refused" in user.notes[0]


def test_wrong_tfa_codes_end_it(tenant: SimulatedTenant) -> None:
    user = ScriptedUser("1", "2", "3")
    login = login_as(tenant, TFA_USER, TFA_PASSWORD)
    with client_for(tenant, login) as client, pytest.raises(LoginFailed) as caught:
        login.log_in(client, user)
    assert caught.value.kind == "refused" and "TFA code was refused" in str(caught.value)
    assert not login.ready


def test_tfa_without_a_terminal(tenant: SimulatedTenant) -> None:
    login = login_as(tenant, TFA_USER, TFA_PASSWORD)
    with client_for(tenant, login) as client, pytest.raises(LoginFailed) as caught:
        login.log_in(client)
    assert caught.value.kind == "tfa"
    assert "TFA code" in str(caught.value) and "C8Y_TOKEN" in str(caught.value)


def test_expired_token_is_renewed_with_the_known_password(
    make_tenant: Callable[..., SimulatedTenant],
) -> None:
    tenant = make_tenant()
    login = login_as(tenant, ADMIN_USER, ADMIN_PASSWORD)
    with client_for(tenant, login) as client:
        login.log_in(client)
        first = login.auth.generation
        expire_tokens(tenant)
        _wait_until_refused(client, login.auth)
        assert login.log_in_again(client, None, "Token expired") == "oauth"
        assert login.auth.generation > first and not login.auth.refused
        assert client.current_user().user_name == ADMIN_USER
    assert token_requests(tenant) == 2


def test_refused_token_without_password_or_terminal(tenant: SimulatedTenant) -> None:
    login = login_as(tenant, ADMIN_USER, token="not-a-token")
    with client_for(tenant, login) as client:
        _wait_until_refused(client, login.auth)
        with pytest.raises(LoginFailed) as caught:
            login.log_in_again(client, None, "Unknown or revoked token")
    assert caught.value.kind == "refused"


def test_refused_token_asks_for_the_password(tenant: SimulatedTenant) -> None:
    user = ScriptedUser(ADMIN_PASSWORD)
    login = login_as(tenant, None, token="not-a-token")
    with client_for(tenant, login) as client:
        _wait_until_refused(client, login.auth)
        login.log_in_again(client, user, "Unknown or revoked token", user=ADMIN_USER)
        assert client.current_user().user_name == ADMIN_USER
    assert user.notes and "log in again" in user.notes[0]


def test_credentials_never_go_to_the_login_endpoints() -> None:
    auth = SessionAuth()
    auth.use_bearer("secret-token")
    seen: dict[str, str | None] = {}

    def answer(request: httpx.Request) -> httpx.Response:
        seen[request.url.path] = request.headers.get("authorization")
        return httpx.Response(401 if request.url.path == "/user/currentUser" else 200, json={})

    with httpx.Client(auth=auth, transport=httpx.MockTransport(answer)) as http:
        for path in ("/tenant/loginOptions", "/tenant/oauth/token", "/user/currentUser"):
            http.get(f"https://t.example.com{path}")
    assert seen == {
        "/tenant/loginOptions": None,
        "/tenant/oauth/token": None,
        "/user/currentUser": "Bearer secret-token",
    }
    assert auth.refused  # the 401 marks the credentials we hold
    auth.use_bearer("another")
    assert not auth.refused
    assert "secret" not in repr(auth) and "another" not in repr(auth)


def _wait_until_refused(client: CumulocityClient, auth: SessionAuth) -> None:
    """The next request is refused (the token is unknown or has expired) and marks the auth."""
    with pytest.raises(Unauthorized):
        client.current_user()
    assert auth.refused
