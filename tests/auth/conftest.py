"""Fixtures for authentication tests: sessions, a scripted user at the prompt, tokens, runs of
the shell without a terminal (quick tenants, ``home`` and ``settings_for`` are in tests/helpers)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from lwm2m_shell.config.settings import Settings
from lwm2m_shell.connection.session import TenantSession
from lwm2m_shell.simulator import SimulatedTenant
from tests.e2e.terminal import shell_env

SHELL = [sys.executable, "-m", "lwm2m_shell"]


class ScriptedUser:
    """A Prompter that answers from a list, as a person would type, and keeps what it saw."""

    def __init__(self, *answers: str | None) -> None:
        self.answers = list(answers)
        self.prompts: list[str] = []
        self.notes: list[str] = []

    def note(self, message: str) -> None:
        self.notes.append(message)

    def secret(self, prompt: str) -> str | None:
        self.prompts.append(prompt)
        assert self.answers, f"nobody expected the question {prompt!r}"
        return self.answers.pop(0)


@pytest.fixture
def sessions() -> Iterator[Callable[..., TenantSession]]:
    made: list[TenantSession] = []

    def build(settings: Settings, prompter: ScriptedUser | None = None) -> TenantSession:
        session = TenantSession(settings, prompter=prompter)
        made.append(session)
        return session

    yield build
    for session in made:
        session.close()


def issue_token(tenant: SimulatedTenant, user: str, password: str, tfa: str | None = None) -> str:
    """A bearer token from the simulated tenant's OAuth endpoint, as another tool would get it."""
    form = {"grant_type": "PASSWORD", "username": user, "password": password}
    if tfa:
        form["tfa_code"] = tfa
    answer = httpx.post(
        f"{tenant.url}/tenant/oauth/token", params={"tenant_id": tenant.tenant_id}, data=form
    )
    answer.raise_for_status()
    token: str = answer.json()["access_token"]
    return token


def token_requests(tenant: SimulatedTenant) -> int:
    return tenant.request_count("/tenant/oauth/token")


def run_shell(
    env: dict[str, str], *args: str, stdin: str = "", timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run the shell without a terminal (stdin is a pipe): nobody can be asked anything."""
    result = subprocess.run(
        [*SHELL, *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        start_new_session=True,  # no controlling terminal either: nobody can be asked
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    env = shell_env(home, extra)
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    return env


def private(path: Path) -> bool:
    return os.stat(path).st_mode & 0o077 == 0
