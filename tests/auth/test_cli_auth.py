"""The real command without a terminal: every auth path, config errors and transport safety."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from lwm2m_shell.client import TAG_FRAGMENT
from lwm2m_shell.simulator import (
    ADMIN_PASSWORD,
    ADMIN_USER,
    TFA_PASSWORD,
    TFA_USER,
    VIEWER_PASSWORD,
    VIEWER_USER,
    SimulatedTenant,
)
from tests.helpers import expire_tokens

from .conftest import clean_env, issue_token, run_shell, token_requests
from .tls import TlsProxy, self_signed

COMMAND = ".send help"  # the connector's own help, sent as is: ends SUCCESSFUL
SENT = "help"


def as_user(tenant: SimulatedTenant, home: Path, user: str, password: str) -> dict[str, str]:
    return clean_env(
        home,
        C8Y_BASEURL=tenant.url,
        C8Y_USER=f"{tenant.tenant_id}/{user}",
        C8Y_PASSWORD=password,
    )


def sent(tenant: SimulatedTenant) -> list[str]:
    return [op["c8y_Command"]["text"] for op in tenant.operations() if TAG_FRAGMENT in op]


def write_config(home: Path, text: str, mode: int = 0o600) -> Path:
    path = home / "config" / "lwm2m-shell" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    os.chmod(path, mode)
    return path


# -- each way in -------------------------------------------------------------------------------


def test_basic(tenant: SimulatedTenant, home: Path) -> None:
    env = as_user(tenant, home, ADMIN_USER, ADMIN_PASSWORD)
    result = run_shell(env, "--auth", "basic", "-c", COMMAND)
    assert result.returncode == 0, result.stderr
    assert sent(tenant) == [SENT] and token_requests(tenant) == 0


def test_oauth_chosen_from_the_login_options(tenant: SimulatedTenant, home: Path) -> None:
    env = as_user(tenant, home, ADMIN_USER, ADMIN_PASSWORD)
    result = run_shell(env, "-c", COMMAND)
    assert result.returncode == 0, result.stderr
    assert tenant.request_count("/tenant/loginOptions") == 1 and token_requests(tenant) == 1


def test_token_from_the_environment(tenant: SimulatedTenant, home: Path) -> None:
    token = issue_token(tenant, ADMIN_USER, ADMIN_PASSWORD)
    env = clean_env(home, C8Y_BASEURL=tenant.url, C8Y_TOKEN=token)
    result = run_shell(env, "--auth", "token", "-c", COMMAND)
    assert result.returncode == 0, result.stderr
    assert sent(tenant) == [SENT] and token_requests(tenant) == 1  # the test's own


def test_wrong_password(tenant: SimulatedTenant, home: Path) -> None:
    env = as_user(tenant, home, ADMIN_USER, "not-the-password")
    result = run_shell(env, "-c", COMMAND)
    assert result.returncode == 3
    assert "authentication failed" in result.stderr and "Bad credentials" in result.stderr
    assert "not-the-password" not in result.stderr + result.stdout
    assert sent(tenant) == []


def test_tfa_user_without_a_terminal(tenant: SimulatedTenant, home: Path) -> None:
    env = as_user(tenant, home, TFA_USER, TFA_PASSWORD)
    result = run_shell(env, "-c", COMMAND)
    assert result.returncode == 3
    assert f"{TFA_USER} needs a TFA code, which can only be typed in a terminal" in result.stderr
    assert sent(tenant) == []


def test_expired_token(make_tenant: Callable[..., SimulatedTenant], home: Path) -> None:
    tenant = make_tenant()
    token = issue_token(tenant, ADMIN_USER, ADMIN_PASSWORD)
    env = clean_env(home, C8Y_BASEURL=tenant.url, C8Y_TOKEN=token)
    expire_tokens(tenant)
    result = run_shell(env, "-c", COMMAND, "--output", "json")
    assert result.returncode == 3
    answer = json.loads(result.stdout)
    assert answer["exitCode"] == 3 and answer["operationId"] is None
    assert "authentication failed" in answer["error"] and "Token expired" in answer["error"]
    assert token not in result.stderr + result.stdout


def test_user_without_the_device_control_role(tenant: SimulatedTenant, home: Path) -> None:
    env = as_user(tenant, home, VIEWER_USER, VIEWER_PASSWORD)
    result = run_shell(env, "-c", COMMAND)
    assert result.returncode == 3
    assert (
        f"permission denied: user {VIEWER_USER} may not create operations "
        "(the role ROLE_DEVICE_CONTROL_ADMIN is needed)"
    ) in result.stderr
    assert sent(tenant) == []


# -- profiles and session files -----------------------------------------------------------------


def test_profile_from_the_config_file(tenant: SimulatedTenant, home: Path) -> None:
    write_config(
        home,
        f'default = "sim"\n[profiles.sim]\nurl = "{tenant.url}"\ntenant = "{tenant.tenant_id}"\n'
        f'user = "{ADMIN_USER}"\npassword = "{ADMIN_PASSWORD}"\nauth = "basic"\n',
    )
    result = run_shell(clean_env(home), "-c", COMMAND)
    assert result.returncode == 0, result.stderr
    assert token_requests(tenant) == 0  # auth = "basic" from the profile


def test_readable_config_with_a_password_is_refused(tenant: SimulatedTenant, home: Path) -> None:
    path = write_config(
        home, f'[profiles.sim]\nurl = "{tenant.url}"\npassword = "{ADMIN_PASSWORD}"\n', 0o644
    )
    result = run_shell(clean_env(home), "--profile", "sim", "-c", COMMAND)
    assert result.returncode == 2
    assert result.stderr.strip().endswith(f"run `chmod 600 {path}`")
    assert ADMIN_PASSWORD not in result.stderr


def test_invalid_config_is_one_line_with_file_line_and_key(home: Path) -> None:
    path = write_config(home, '[profiles.sim]\nurl = "https://x"\nwait_timeout = -1\n')
    result = run_shell(clean_env(home), "-c", "help")
    assert result.returncode == 2
    assert result.stderr == (
        f"error: {path}, line 3: profiles.sim.wait_timeout: input should be greater than 0\n"
    )


def test_unknown_profile(home: Path) -> None:
    path = write_config(home, "[profiles.b]\n[profiles.a]\n")
    result = run_shell(clean_env(home), "--profile", "c", "-c", "help")
    assert result.returncode == 2
    assert f"no profile 'c' in {path} (known: a, b)" in result.stderr


def test_session_file(tenant: SimulatedTenant, home: Path, tmp_path: Path) -> None:
    session = tmp_path / "sim.json"
    session.write_text(
        json.dumps(
            {
                "host": tenant.url,
                "tenant": tenant.tenant_id,
                "username": ADMIN_USER,
                "password": ADMIN_PASSWORD,
                "settings": {"mode": {"enableCreate": True}},
            }
        )
    )
    session.chmod(0o600)  # it holds a password: private, like config.toml
    result = run_shell(clean_env(home, C8Y_SESSION=str(session)), "-c", COMMAND)
    assert result.returncode == 0, result.stderr
    result = run_shell(clean_env(home), "--session", str(session), "-c", COMMAND)
    assert result.returncode == 0, result.stderr
    assert len(sent(tenant)) == 2


def test_encrypted_session_without_a_terminal(
    tenant: SimulatedTenant, home: Path, tmp_path: Path
) -> None:
    session = tmp_path / "enc.json"
    session.write_text(
        json.dumps({"host": tenant.url, "username": ADMIN_USER, "password": "{encrypted}abcd"})
    )
    result = run_shell(clean_env(home), "--session", str(session), "-c", COMMAND)
    assert result.returncode == 3
    assert result.stderr.count("\n") == 1
    assert "is encrypted" in result.stderr and "does not decrypt it" in result.stderr
    assert "abcd" not in result.stderr
    assert sent(tenant) == []


# -- transport safety ---------------------------------------------------------------------------


def test_no_credentials_over_plain_http_to_another_host(home: Path) -> None:
    env = clean_env(home, C8Y_USER="u", C8Y_PASSWORD="pw")
    result = run_shell(env, "--url", "http://192.0.2.10", "-c", COMMAND)
    assert result.returncode == 2
    assert "refusing to send credentials over plain http to 192.0.2.10" in result.stderr


def test_allow_http_lifts_the_refusal() -> None:
    from lwm2m_shell.config.secret import Secret
    from lwm2m_shell.config.settings import Settings
    from lwm2m_shell.connection.settings_check import settings_problem

    settings = Settings(url="http://192.0.2.10", user="u", password=Secret("pw"))
    assert settings_problem(settings) is not None
    allowed = settings.replace(allow_insecure_http=True)
    assert settings_problem(allowed) is None
    loopback = settings.replace(url="http://localhost:8111")
    assert settings_problem(loopback) is None


@pytest.fixture
def https_tenant(tenant: SimulatedTenant, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    cert, key = self_signed(tmp_path)
    port = int(tenant.url.rsplit(":", 1)[1])
    proxy = TlsProxy(port, cert, key).start()
    yield proxy.url, cert
    proxy.stop()


def test_tls_is_verified(
    https_tenant: tuple[str, Path], tenant: SimulatedTenant, home: Path
) -> None:
    url, _cert = https_tenant
    env = clean_env(home, C8Y_BASEURL=url, C8Y_USER=ADMIN_USER, C8Y_PASSWORD=ADMIN_PASSWORD)
    result = run_shell(env, "-c", COMMAND)
    assert result.returncode == 3
    assert "cannot connect securely" in result.stderr or "certificate" in result.stderr
    assert sent(tenant) == []


def test_ca_bundle_trusts_the_tenant(
    https_tenant: tuple[str, Path], tenant: SimulatedTenant, home: Path
) -> None:
    url, cert = https_tenant
    env = clean_env(home, C8Y_BASEURL=url, C8Y_USER=ADMIN_USER, C8Y_PASSWORD=ADMIN_PASSWORD)
    result = run_shell(env, "--ca-bundle", str(cert), "-c", COMMAND)
    assert result.returncode == 0, result.stderr
    assert "NOT verified" not in result.stderr
    assert sent(tenant) == [SENT]


def test_insecure_warns_on_every_start(
    https_tenant: tuple[str, Path], tenant: SimulatedTenant, home: Path
) -> None:
    url, _cert = https_tenant
    env = clean_env(home, C8Y_BASEURL=url, C8Y_USER=ADMIN_USER, C8Y_PASSWORD=ADMIN_PASSWORD)
    for _ in range(2):
        result = run_shell(env, "--insecure", "-c", COMMAND)
        assert result.returncode == 0, result.stderr
        assert "warning: TLS certificates are NOT verified (--insecure)" in result.stderr
    assert len(sent(tenant)) == 2


def test_missing_ca_bundle_is_a_usage_error(home: Path, tmp_path: Path) -> None:
    env = clean_env(home, C8Y_USER="u", C8Y_PASSWORD="pw")
    missing = tmp_path / "nope.pem"
    result = run_shell(env, "--url", "https://a.example.com", "--ca-bundle", str(missing))
    assert result.returncode == 2
    assert f"CA bundle {missing} is not a readable file" in result.stderr
