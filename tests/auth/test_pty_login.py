"""Logging in at a real terminal: hidden password and TFA prompts, and logging in again."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from lwm2m_shell.client import TAG_FRAGMENT
from lwm2m_shell.simulator import (
    ADMIN_PASSWORD,
    ADMIN_USER,
    TFA_CODE,
    TFA_PASSWORD,
    TFA_USER,
    SimulatedTenant,
)
from tests.e2e.terminal import ShellTerminal, shell_env
from tests.helpers import expire_tokens, wait_until

from .conftest import issue_token

pytestmark = pytest.mark.pty

Spawn = Callable[..., ShellTerminal]


@pytest.fixture
def spawn(home: Path, terminals: Spawn) -> Spawn:
    def start(*args: str, **env: str) -> ShellTerminal:
        return terminals(args, shell_env(home, env))

    return start


def prompt_re(tenant: SimulatedTenant) -> str:
    return re.escape(f"{tenant.tenant_id}@{tenant.url.split('://', 1)[1]}>")


def sent(tenant: SimulatedTenant) -> list[str]:
    return [op["c8y_Command"]["text"] for op in tenant.operations() if TAG_FRAGMENT in op]


def who(tenant: SimulatedTenant, user: str) -> str:
    return re.escape(f"{tenant.tenant_id}/{user}")


def wait_for_raw(shell: ShellTerminal, text: bytes, times: int) -> None:
    """Until the shell has printed ``text`` ``times`` times in all (generous: a loaded machine)."""
    deadline = time.monotonic() + 60
    while bytes(shell.raw).count(text) < times:
        assert shell.pump() and time.monotonic() < deadline, bytes(shell.raw[-2000:])


def test_password_is_asked_hidden(spawn: Spawn, tenant: SimulatedTenant) -> None:
    shell = spawn(C8Y_BASEURL=tenant.url, C8Y_USER=f"{tenant.tenant_id}/{ADMIN_USER}")
    shell.wait_for(f"Password for {who(tenant, ADMIN_USER)}:")
    shell.line("wrong-one")
    shell.wait_for(r"authentication failed \(401 Invalid credentials! : Bad credentials\)")
    shell.line(ADMIN_PASSWORD)
    shell.wait_for(prompt_re(tenant))
    shell.wait_for("● connected")
    shell.line(".send help")
    shell.wait_for("SUCCESSFUL")
    assert ADMIN_PASSWORD not in shell.text() and "wrong-one" not in shell.text()
    assert shell.leave() == 0


def test_tfa_code_is_asked_after_the_password(spawn: Spawn, tenant: SimulatedTenant) -> None:
    shell = spawn(C8Y_BASEURL=tenant.url, C8Y_USER=f"{tenant.tenant_id}/{TFA_USER}")
    shell.wait_for(f"Password for {who(tenant, TFA_USER)}:")
    shell.line(TFA_PASSWORD)
    shell.wait_for(f"TFA code for {who(tenant, TFA_USER)}:")
    shell.line("000000")
    shell.wait_for(r"the TFA code was refused \(401 Invalid TFA code\); try again")
    shell.line(TFA_CODE)
    shell.wait_for(prompt_re(tenant))
    shell.wait_for("● connected")
    shell.line(".send help")
    shell.wait_for("SUCCESSFUL")
    assert TFA_CODE not in shell.text() and TFA_PASSWORD not in shell.text()
    assert shell.leave() == 0
    assert sent(tenant) == ["help"]


def test_tfa_code_is_asked_right_after_the_first_prompt(
    spawn: Spawn, tenant: SimulatedTenant, home: Path
) -> None:
    """Issue 20: the password is known, so the prompt comes at once; as soon as the tenant check
    finds that a TFA code is needed, it is asked (hidden), before any command is typed, and
    what was typed on the prompt line meanwhile is put back."""
    shell = spawn(
        C8Y_BASEURL=tenant.url,
        C8Y_USER=f"{tenant.tenant_id}/{TFA_USER}",
        C8Y_PASSWORD=TFA_PASSWORD,
    )
    shell.wait_for(prompt_re(tenant))
    shell.wait_for(f"TFA code for {who(tenant, TFA_USER)}:")
    raw = bytes(shell.raw)
    assert raw.index(f"{tenant.tenant_id}@".encode()) < raw.index(b"TFA code for")
    assert sent(tenant) == []
    shell.line(TFA_CODE)
    shell.wait_for("● connected")
    assert TFA_CODE not in shell.text()  # hidden
    shell.line(".send help")
    shell.wait_for("SUCCESSFUL")
    assert shell.leave() == 0
    assert sent(tenant) == ["help"]
    saved = "".join(p.read_text() for p in (home / "state" / "lwm2m-shell" / "history").iterdir())
    assert "+.send help" in saved and TFA_CODE not in saved and TFA_PASSWORD not in saved


def test_a_tfa_code_typed_at_the_shell_prompt_is_not_saved(
    spawn: Spawn, tenant: SimulatedTenant, home: Path
) -> None:
    """Issue 20: after a failed TFA login (Ctrl-D at the code prompt) the user types the code at
    the shell prompt; the shell says it is no command, and the code never reaches the history
    file. The next command asks for the code again."""
    shell = spawn(
        C8Y_BASEURL=tenant.url,
        C8Y_USER=f"{tenant.tenant_id}/{TFA_USER}",
        C8Y_PASSWORD=TFA_PASSWORD,
    )
    shell.wait_for(prompt_re(tenant))
    shell.wait_for(f"TFA code for {who(tenant, TFA_USER)}:")
    shell.ctrl("d")  # Ctrl-D: no code
    shell.wait_for("error: .*TFA")
    shell.line(TFA_CODE)
    shell.wait_for(rf"error: .*{TFA_CODE}")
    shell.line(".send help")
    wait_for_raw(shell, b"TFA code for", times=2)  # the first one is still on the screen
    shell.line(TFA_CODE)
    shell.wait_for("SUCCESSFUL")
    assert shell.leave() == 0
    histories = list((home / "state" / "lwm2m-shell" / "history").iterdir())
    assert len(histories) == 1
    saved = histories[0].read_text()
    assert "+.send help" in saved and TFA_CODE not in saved and TFA_PASSWORD not in saved


def test_one_shot_in_a_terminal_asks_for_the_tfa_code(
    spawn: Spawn, tenant: SimulatedTenant
) -> None:
    shell = spawn(
        "-c",
        ".send help",
        "--output",
        "json",
        C8Y_BASEURL=tenant.url,
        C8Y_USER=f"{tenant.tenant_id}/{TFA_USER}",
        C8Y_PASSWORD=TFA_PASSWORD,
    )
    shell.wait_for(f"TFA code for {who(tenant, TFA_USER)}:")
    shell.line(TFA_CODE)
    assert shell.wait_exit() == 0
    output = bytes(shell.raw).decode()
    answer = json.loads(output[output.index("{") :].splitlines()[0])
    assert answer["status"] == "SUCCESSFUL" and answer["exitCode"] == 0


def test_expired_token_asks_to_log_in_again_and_carries_on(
    spawn: Spawn, make_tenant: Callable[..., SimulatedTenant]
) -> None:
    tenant = make_tenant()
    token = issue_token(tenant, ADMIN_USER, ADMIN_PASSWORD)
    shell = spawn(
        C8Y_BASEURL=tenant.url, C8Y_USER=f"{tenant.tenant_id}/{ADMIN_USER}", C8Y_TOKEN=token
    )
    shell.wait_for(prompt_re(tenant))
    shell.wait_for("● connected")  # the token worked
    devices = len(tenant.lwm2m_devices())

    def catalogue_loaded() -> bool:  # its background requests must not meet the expiry
        return tenant.request_count("/identity/globalIds/") >= devices

    wait_until(catalogue_loaded, 60, "the catalogue to load")
    expire_tokens(tenant)  # the next login's token lasts a full lifetime again
    shell.line(".send help")
    shell.wait_for(r"the tenant ended the session \(.*Token expired\): log in again")
    shell.wait_for(f"Password for {who(tenant, ADMIN_USER)}:")
    shell.line(ADMIN_PASSWORD)
    shell.wait_for("SUCCESSFUL")
    assert sent(tenant) == ["help"]  # the refused POST was not processed; sent once after login
    shell.line(".send help")
    shell.wait_for(r"SUCCESSFUL[\s\S]*SUCCESSFUL")  # no new question
    assert shell.text().count("Password for") == 1
    assert shell.leave() == 0


def test_encrypted_session_says_so_and_asks(
    spawn: Spawn, tenant: SimulatedTenant, tmp_path: Path
) -> None:
    session = tmp_path / "session.json"
    session.write_text(
        json.dumps(
            {
                "host": tenant.url,
                "tenant": tenant.tenant_id,
                "username": ADMIN_USER,
                "password": "{encrypted}0123abcd",
            }
        )
    )
    shell = spawn("--session", str(session))
    shell.wait_for("does not decrypt it: asking for the password instead")
    assert "0123abcd" not in shell.text()
    shell.wait_for(f"Password for {who(tenant, ADMIN_USER)}:")
    shell.line(ADMIN_PASSWORD)
    shell.wait_for("● connected")
    assert shell.leave() == 0


def test_giving_up_at_the_password_prompt(spawn: Spawn, tenant: SimulatedTenant) -> None:
    shell = spawn(C8Y_BASEURL=tenant.url, C8Y_USER=f"{tenant.tenant_id}/{ADMIN_USER}")
    shell.wait_for("Password for")
    shell.ctrl("d")
    shell.wait_for("login cancelled: no password given")
    assert shell.wait_exit() == 3
