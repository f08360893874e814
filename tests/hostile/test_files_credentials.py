"""Credentials only where they belong (issue 14, item 7 and ``--allow-http`` of item 8).

A tenant URL with ``user:password@`` is refused from every source with a hint, before anything is
sent; nothing the shell writes or prints (file names, cache content, ``.context``, logs) holds a
secret; ``--allow-http`` to a host other than this machine warns once.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from lwm2m_shell.simulator import ADMIN_PASSWORD, ADMIN_USER, SimulatedTenant
from tests.e2e.terminal import admin_login, shell_env

from .files_support import XDG, run_shell, start_tenant

URL_SECRET = "pw-in-the-url-7731"
HINT = "use --user / C8Y_USER and C8Y_PASSWORD"


@pytest.fixture(scope="module")
def tenant() -> Iterator[SimulatedTenant]:
    simulated = start_tenant()
    yield simulated
    simulated.stop()


def url_with_secret(tenant: SimulatedTenant) -> str:
    scheme, rest = tenant.url.split("://", 1)
    return f"{scheme}://{ADMIN_USER}:{URL_SECRET}@{rest}"


def everything_written(home: Path, planted: Path | None = None) -> str:
    """Names and content of every file under the XDG folders (but the test's own ``planted``
    input), as one text."""
    parts: list[str] = []
    for name in XDG:
        for folder, dirs, files in os.walk(home / name):
            for entry in [*dirs, *files]:
                path = Path(folder) / entry
                parts.append(str(path))
                if path.is_file() and not path.is_symlink() and path != planted:
                    parts.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(parts)


def write_private(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    return path


@pytest.mark.parametrize(
    "source", ["--url", "C8Y_BASEURL", "C8Y_HOST", "C8Y_URL", "profile", "session file"]
)
def test_url_with_a_password_is_refused_from_every_source(
    tenant: SimulatedTenant, home: Path, source: str
) -> None:
    url = url_with_secret(tenant)
    login = {"C8Y_USER": f"{tenant.tenant_id}/{ADMIN_USER}", "C8Y_PASSWORD": ADMIN_PASSWORD}
    env = shell_env(home, login)
    args: list[str] = []
    config: Path | None = None
    if source == "--url":
        args = ["--url", url]
    elif source.startswith("C8Y_"):
        env[source] = url
    elif source == "profile":
        config = home / "config" / "lwm2m-shell" / "config.toml"
        write_private(config, f'default = "p"\n[profiles.p]\nurl = "{url}"\n')
        origin = f"{config}, line 3: profiles.p.url"
    else:
        session = write_private(home / "session.json", json.dumps({"host": url}))
        args = ["--session", str(session)]
        origin = f"session file {session}"
    before = tenant.request_count()
    result = run_shell(env, *args, "-c", ".context")
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr  # one line
    assert HINT in result.stderr
    if source.startswith(("--", "C8Y_")):
        assert f"the tenant URL of {source}: " in result.stderr
    else:
        assert origin in result.stderr
    assert URL_SECRET not in result.stdout + result.stderr
    assert URL_SECRET not in everything_written(home, planted=config)
    assert tenant.request_count() == before  # refused before anything was sent


def test_no_secret_in_files_context_or_logs(tenant: SimulatedTenant, home: Path) -> None:
    """A whole session (a command, the catalogue, .context, a log, -v): the password is
    nowhere in the XDG folders (names and content) nor in what the shell printed."""
    env = shell_env(home, admin_login(tenant))
    commands = ["invalidateRegistrationById F7DqjmW3Yy", ".devices", ".context"]
    args = [arg for command in commands for arg in ("-c", command)]
    result = run_shell(env, "-v", "--log-file", *args)
    assert result.returncode in (0, 1), result.stderr
    assert f"URL  {tenant.url}" in result.stdout  # .context shows the URL, and only it
    written = everything_written(home)
    assert "lwm2m-shell.log" in written and ".json" in written  # the log and the cache exist
    for secret in (ADMIN_PASSWORD, URL_SECRET):
        assert secret not in result.stdout + result.stderr
        assert secret not in written


def test_allow_http_to_another_host_warns_once(home: Path) -> None:
    env = shell_env(home, {"C8Y_USER": "t1/alice", "C8Y_PASSWORD": "pw"})
    result = run_shell(env, "--url", "http://tenant.example.invalid", "--allow-http", "-c", "help")
    assert result.returncode == 0, result.stderr  # help is answered locally
    warned = [line for line in result.stderr.splitlines() if "in clear" in line]
    assert warned == [
        "warning: credentials travel in clear over http:// to tenant.example.invalid "
        "(--allow-http): anyone on the way can read them"
    ]


def test_allow_http_to_this_machine_says_nothing(tenant: SimulatedTenant, home: Path) -> None:
    env = shell_env(home, admin_login(tenant))
    result = run_shell(env, "--allow-http", "-c", "help")
    assert result.returncode == 0
    assert "in clear" not in result.stderr


def test_plain_http_to_another_host_is_still_refused(home: Path) -> None:
    env = shell_env(home, {"C8Y_USER": "t1/alice", "C8Y_PASSWORD": "pw"})
    command = "invalidateRegistrationById F7DqjmW3Yy"
    result = run_shell(env, "--url", "http://tenant.example.invalid", "-c", command)
    assert result.returncode == 2
    assert "refusing to send credentials over plain http" in result.stderr
