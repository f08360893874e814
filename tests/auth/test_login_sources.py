"""One login from one source, end to end (issue 20): the real command against the simulated
tenant, with sources that disagree. ``.context`` and ``-v`` say where the login came from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lwm2m_shell.simulator import ADMIN_PASSWORD, ADMIN_USER, VIEWER_USER, SimulatedTenant

from .conftest import clean_env, run_shell
from .test_cli_auth import COMMAND, sent, write_config


def admin_session_file(tenant: SimulatedTenant, tmp_path: Path) -> Path:
    path = tmp_path / "admin.json"
    values = {
        "host": tenant.url,
        "tenant": tenant.tenant_id,
        "username": ADMIN_USER,
        "password": ADMIN_PASSWORD,
    }
    path.write_text(json.dumps(values))
    path.chmod(0o600)
    return path


@pytest.mark.parametrize("how", ["--session", "C8Y_SESSION"])
def test_session_file_login_is_not_mixed_with_c8y_user(
    tenant: SimulatedTenant, home: Path, tmp_path: Path, how: str
) -> None:
    """``C8Y_USER=viewer`` in the environment once made the shell send the session file's
    password as viewer (401). The session file's login is used whole."""
    path = admin_session_file(tenant, tmp_path)
    extra = {"C8Y_USER": f"{tenant.tenant_id}/{VIEWER_USER}"}
    argv = ["--session", str(path)] if how == "--session" else []
    if how == "C8Y_SESSION":
        extra["C8Y_SESSION"] = str(path)
    result = run_shell(clean_env(home, **extra), *argv, "-v", "-c", COMMAND, "-c", ".context")
    assert result.returncode == 0, result.stderr
    assert len(sent(tenant)) == 1
    described = f"URL, user and secret from session file {path}"
    assert f"login  {described}" in result.stdout  # .context
    assert f"login: {described}" in result.stderr  # -v
    assert f"user  {ADMIN_USER}" in result.stdout


def test_a_profile_tenant_does_not_join_an_environment_login(
    tenant: SimulatedTenant, home: Path
) -> None:
    """A default profile's tenant combined with C8Y_BASEURL/C8Y_USER gave "Unknown tenant"."""
    write_config(home, 'default = "p"\n[profiles.p]\nurl = "p.example.com"\ntenant = "t999"\n')
    env = clean_env(home, C8Y_BASEURL=tenant.url, C8Y_USER=ADMIN_USER, C8Y_PASSWORD=ADMIN_PASSWORD)
    result = run_shell(env, "-c", COMMAND)
    assert result.returncode == 0, result.stderr
    assert "t999" not in result.stderr


def test_flag_user_is_never_sent_another_users_password(
    tenant: SimulatedTenant, home: Path, tmp_path: Path
) -> None:
    path = admin_session_file(tenant, tmp_path)
    before = tenant.request_count()
    result = run_shell(
        clean_env(home), "--session", str(path), "--user", VIEWER_USER, "-c", COMMAND
    )
    assert result.returncode == 2  # no password for viewer, and nobody to ask
    assert f"belong to user {ADMIN_USER}, not to {VIEWER_USER}" in result.stderr
    assert ADMIN_PASSWORD not in result.stderr
    assert tenant.request_count() == before and sent(tenant) == []


def test_connector_id_of_an_ordinary_device_is_refused(tenant: SimulatedTenant, home: Path) -> None:
    """Given an ordinary device's ID, the shell created the operation there and waited forever."""
    device = str(tenant.lwm2m_devices()[0]["id"])
    env = clean_env(
        home,
        C8Y_BASEURL=tenant.url,
        C8Y_USER=f"{tenant.tenant_id}/{ADMIN_USER}",
        C8Y_PASSWORD=ADMIN_PASSWORD,
    )
    result = run_shell(env, "--connector-id", device, "-c", COMMAND)
    assert result.returncode == 2, result.stderr
    assert f"device {device} (type " in result.stderr
    assert "is not an LWM2M connector device (type c8y_lwm2m_connector_device)" in result.stderr
    assert "leave out --connector-id" in result.stderr
    assert sent(tenant) == []
    good = run_shell(env, "--connector-id", tenant.connector_id, "-c", COMMAND)
    assert good.returncode == 0, good.stderr
    assert len(sent(tenant)) == 1


def test_connector_id_of_no_device_says_so_plainly(tenant: SimulatedTenant, home: Path) -> None:
    env = clean_env(home, C8Y_BASEURL=tenant.url, C8Y_USER=ADMIN_USER, C8Y_PASSWORD=ADMIN_PASSWORD)
    result = run_shell(env, "--connector-id", "99999999", "-c", COMMAND)
    assert result.returncode == 2, result.stderr
    assert f"no device 99999999 in tenant {tenant.tenant_id}" in result.stderr
    assert "leave it out to find the connector device" in result.stderr
    assert "unexpected answer" not in result.stderr
    assert sent(tenant) == []


@pytest.mark.parametrize("given", ["abc", "12a", "-5", "１２３"])
def test_connector_id_that_is_no_id_is_refused_before_any_request(
    tenant: SimulatedTenant, home: Path, given: str
) -> None:
    env = clean_env(home, C8Y_BASEURL=tenant.url, C8Y_USER=ADMIN_USER, C8Y_PASSWORD=ADMIN_PASSWORD)
    before = tenant.request_count()
    result = run_shell(env, f"--connector-id={given}", "-c", COMMAND)
    assert result.returncode == 2, result.stderr
    assert "not a managed object ID (digits only)" in result.stderr
    assert tenant.request_count() == before
