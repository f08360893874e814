"""Whole sessions with every log switched on, then a search for the secrets: zero hits.

Every file the shell wrote under the temporary XDG directories (history, caches, logs) and all
it printed are searched for the passwords, every token the tenant issued, and the Basic
``Authorization`` values. Those files must also be private (0600 in 0700 directories).
"""

from __future__ import annotations

import base64
import os
import re
import stat
from pathlib import Path

import pytest

from lwm2m_shell.simulator import (
    ADMIN_PASSWORD,
    ADMIN_USER,
    TFA_CODE,
    TFA_PASSWORD,
    TFA_USER,
    SimulatedTenant,
)
from tests.e2e.terminal import ShellTerminal, shell_env

from .conftest import clean_env, issue_token, run_shell

pytestmark = pytest.mark.pty


def files_under(root: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}


def basic_values(tenant: SimulatedTenant) -> list[str]:
    values = []
    for user, password in ((ADMIN_USER, ADMIN_PASSWORD), (TFA_USER, TFA_PASSWORD)):
        for login in (user, f"{tenant.tenant_id}/{user}"):
            values.append(base64.b64encode(f"{login}:{password}".encode()).decode())
    return values


def test_no_secret_in_any_file_or_output(tenant: SimulatedTenant, home: Path) -> None:
    device = next(d for d in tenant.lwm2m_devices() if d["registrations"])
    registration = device["registrations"][0]
    outputs: list[str] = []

    # 1. The REPL in a terminal: password and TFA code typed, -v and the default log file.
    env = shell_env(home, {"C8Y_BASEURL": tenant.url, "C8Y_USER": f"{tenant.tenant_id}/{TFA_USER}"})
    shell = ShellTerminal(["-v", "--log-file"], env)
    try:
        shell.wait_for("Password for")
        shell.line(TFA_PASSWORD)
        shell.wait_for("TFA code for")
        shell.line(TFA_CODE)
        shell.wait_for("● connected")
        for line in (".send help", f"invalidateRegistrationById {registration}", ".context"):
            shell.line(line)
            shell.settle(quiet=0.5)
        shell.wait_for(r"target\s+the connector device")
        shell.line(".history 3")
        shell.wait_for(r"`.status ID`")
        assert shell.leave() == 0
    finally:
        shell.close()
    outputs.append(bytes(shell.raw).decode("utf-8", "replace"))

    # 2. Scripts: Basic and OAuth with C8Y_PASSWORD, a given token; JSON output, -v, log files.
    log = home / "state" / "lwm2m-shell" / "script.log"
    scripted = clean_env(
        home,
        C8Y_BASEURL=tenant.url,
        C8Y_USER=f"{tenant.tenant_id}/{ADMIN_USER}",
        C8Y_PASSWORD=ADMIN_PASSWORD,
    )
    given = issue_token(tenant, ADMIN_USER, ADMIN_PASSWORD)
    runs = [
        (scripted, ["--auth", "basic"]),
        (scripted, []),
        ({**scripted, "C8Y_PASSWORD": "wrong-" + ADMIN_PASSWORD}, []),  # a failed login too
        (clean_env(home, C8Y_BASEURL=tenant.url, C8Y_TOKEN=given), []),
    ]
    for env_vars, extra in runs:
        result = run_shell(
            env_vars,
            *extra,
            "-v",
            "--log-file",
            str(log),
            "--output",
            "json",
            "-c",
            ".send help",
            "-c",
            ".context",
        )
        outputs += [result.stdout, result.stderr]

    tokens = list(tenant.state.auth._tokens)  # every token the tenant handed out
    assert given in tokens and len(tokens) == 3  # the TFA login, the OAuth run, ours
    secrets = [ADMIN_PASSWORD, TFA_PASSWORD, *tokens, *basic_values(tenant)]
    written = files_under(home)
    assert any(path.name.endswith(".history") for path in written)
    assert any(path.name == "lwm2m-shell.log" for path in written) and log in written
    assert re.search(rb"POST /tenant/oauth/token -> 200", written[log])
    assert re.search(rb"Authorization|Bearer|Basic", b"".join(written.values())) is None
    for secret in secrets:
        for path, content in written.items():
            assert secret.encode() not in content, f"a secret in {path}"
        for text in outputs:
            assert secret not in text, "a secret in the output"

    for path in written:
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, path
        folder = path.parent
        while folder != home and folder.name not in ("config", "state", "cache"):
            assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700, folder
            folder = folder.parent


def test_a_log_file_elsewhere_leaves_its_folder_alone(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "project"
    folder.mkdir()
    os.chmod(folder, 0o755)
    result = run_shell(clean_env(home), "--log-file", str(folder / "debug.log"), "-c", "help")
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o755
    assert stat.S_IMODE(os.stat(folder / "debug.log").st_mode) == 0o600
