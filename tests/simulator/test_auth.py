"""Authentication and roles: Basic, bearer tokens with expiry, TFA, missing roles."""

from __future__ import annotations

import httpx
import pytest

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

from .conftest import JSON


def get(tenant: SimulatedTenant, path: str, **kwargs: object) -> httpx.Response:
    return httpx.get(tenant.url + path, headers={**JSON, **kwargs.pop("headers", {})}, **kwargs)  # type: ignore[arg-type]


def token(
    tenant: SimulatedTenant, user: str, password: str, tfa: str | None = None
) -> httpx.Response:
    form = {"grant_type": "PASSWORD", "username": user, "password": password}
    if tfa is not None:
        form["tfa_code"] = tfa
    return httpx.post(
        f"{tenant.url}/tenant/oauth/token", params={"tenant_id": tenant.tenant_id}, data=form
    )


def test_basic_auth_with_and_without_tenant_prefix(tenant: SimulatedTenant) -> None:
    for login in (f"{tenant.tenant_id}/{ADMIN_USER}", ADMIN_USER):
        response = get(tenant, "/user/currentUser", auth=(login, ADMIN_PASSWORD))
        assert response.status_code == 200
        assert response.json()["userName"] == ADMIN_USER


def test_wrong_or_missing_credentials_get_401(tenant: SimulatedTenant) -> None:
    cases = [
        {"auth": (ADMIN_USER, "wrong")},
        {"auth": (f"t999/{ADMIN_USER}", ADMIN_PASSWORD)},
        {"auth": ("nobody", "x")},
        {},
        {"headers": {"Authorization": "Basic !!!"}},
        {"headers": {"Authorization": "Bearer not-a-token"}},
    ]
    for case in cases:
        response = get(tenant, "/inventory/managedObjects", **case)
        assert response.status_code == 401, case
        assert response.json()["error"] == "security/Unauthorized"
        assert response.headers["content-type"].startswith(
            "application/vnd.com.nsn.cumulocity.error+json"
        )


def test_login_options_need_no_auth(tenant: SimulatedTenant) -> None:
    body = get(tenant, "/tenant/loginOptions").json()
    assert {o["type"] for o in body["loginOptions"]} == {"OAUTH2_INTERNAL", "BASIC"}


def test_bearer_token_works(tenant: SimulatedTenant) -> None:
    issued = token(tenant, ADMIN_USER, ADMIN_PASSWORD)
    assert issued.status_code == 200
    body = issued.json()
    assert body["expires_in"] == 3600
    bearer = {"Authorization": f"Bearer {body['access_token']}"}
    assert get(tenant, "/user/currentUser", headers=bearer).json()["userName"] == ADMIN_USER
    assert token(tenant, ADMIN_USER, "wrong").status_code == 401


def test_expired_token_gets_401() -> None:
    with SimulatedTenant(devices=5, token_lifetime=60) as tenant:
        issued = token(tenant, ADMIN_USER, ADMIN_PASSWORD).json()["access_token"]
        bearer = {"Authorization": f"Bearer {issued}"}
        tenant.advance_clock(59)
        assert get(tenant, "/tenant/currentTenant", headers=bearer).status_code == 200
        tenant.advance_clock(1)
        expired = get(tenant, "/tenant/currentTenant", headers=bearer)
        assert expired.status_code == 401
        assert "expired" in expired.json()["message"]
        renewed = token(tenant, ADMIN_USER, ADMIN_PASSWORD).json()["access_token"]
        fresh = {"Authorization": f"Bearer {renewed}"}
        assert get(tenant, "/tenant/currentTenant", headers=fresh).status_code == 200


@pytest.mark.parametrize("step", [-1, float("nan"), float("inf"), True, "5"])
def test_the_clock_never_goes_back(tenant: SimulatedTenant, step: object) -> None:
    before = tenant.clock.offset
    with pytest.raises(ValueError):
        tenant.advance_clock(step)  # type: ignore[arg-type]
    assert tenant.clock.offset == before


def test_tfa_user(tenant: SimulatedTenant) -> None:
    basic = get(tenant, "/user/currentUser", auth=(TFA_USER, TFA_PASSWORD))
    assert basic.status_code == 401 and "TFA" in basic.json()["message"]
    without = token(tenant, TFA_USER, TFA_PASSWORD)
    assert without.status_code == 401 and "TFA" in without.json()["message"]
    wrong = token(tenant, TFA_USER, TFA_PASSWORD, "000000")
    assert wrong.status_code == 401 and "Invalid TFA code" in wrong.json()["message"]
    good = token(tenant, TFA_USER, TFA_PASSWORD, TFA_CODE)
    assert good.status_code == 200
    bearer = {"Authorization": f"Bearer {good.json()['access_token']}"}
    assert get(tenant, "/user/currentUser", headers=bearer).json()["userName"] == TFA_USER


def test_bad_token_requests_get_400(tenant: SimulatedTenant) -> None:
    url = f"{tenant.url}/tenant/oauth/token"
    bad_grant = httpx.post(url, data={"grant_type": "CODE", "username": "a", "password": "b"})
    assert bad_grant.status_code == 400
    assert httpx.post(url, data={"grant_type": "PASSWORD"}).status_code == 400
    assert httpx.get(url).status_code == 405


def test_viewer_reads_but_cannot_create_operations(tenant: SimulatedTenant) -> None:
    auth = (VIEWER_USER, VIEWER_PASSWORD)
    roles = {r["id"] for r in get(tenant, "/user/currentUser", auth=auth).json()["effectiveRoles"]}
    assert "ROLE_DEVICE_CONTROL_ADMIN" not in roles
    assert get(tenant, "/inventory/managedObjects", auth=auth).status_code == 200
    assert get(tenant, "/devicecontrol/operations", auth=auth).status_code == 200
    before = len(tenant.operations())
    denied = httpx.post(
        f"{tenant.url}/devicecontrol/operations",
        auth=auth,
        headers=JSON,
        json={"deviceId": tenant.connector_id, "c8y_Command": {"text": "help"}},
    )
    assert denied.status_code == 403
    assert denied.json()["error"] == "security/Forbidden"
    assert len(tenant.operations()) == before
