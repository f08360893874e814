"""Settings validation before any request: which settings cannot reach a tenant, and why."""

from __future__ import annotations

from typing import Any

import pytest

from lwm2m_shell.config.secret import Secret
from lwm2m_shell.config.settings import Settings
from lwm2m_shell.connection.settings_check import settings_problem, uses_token
from lwm2m_shell.exit_codes import ExitCode

URL = "https://example.cumulocity.com"


def settings(**values: Any) -> Settings:
    return Settings(**{"url": URL, **values})


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"token": Secret("t")}, True),
        ({"token": Secret("t"), "auth_method": "token"}, True),
        ({"token": Secret("t"), "auth_method": "basic"}, False),
        ({"token": Secret("t"), "auth_method": "oauth"}, False),
        ({"password": Secret("p"), "user": "u"}, False),
        ({}, False),
    ],
)
def test_uses_token(values: dict[str, Any], expected: bool) -> None:
    assert uses_token(settings(**values)) is expected


@pytest.mark.parametrize(
    ("values", "can_ask", "code", "text"),
    [
        ({"url": None, "token": Secret("t")}, False, ExitCode.USAGE, "no tenant URL"),
        ({"auth_method": "token", "user": "u"}, True, ExitCode.USAGE, "--auth token needs"),
        ({"user": "u"}, False, ExitCode.USAGE, "no credentials: set --user"),
        ({}, True, ExitCode.USAGE, "no credentials"),  # nobody to ask for, even with a terminal
        (
            {"user": "u", "token": Secret("t"), "auth_method": "basic"},
            False,
            ExitCode.USAGE,
            "no credentials",  # a token is no password for Basic
        ),
        (
            {"user": "u", "encrypted": ("password",), "secret_source": "session file s.json"},
            False,
            ExitCode.CONNECTION,
            "the password in session file s.json is encrypted ({encrypted}...)",
        ),
        (
            {"url": "http://192.0.2.10", "token": Secret("t")},
            False,
            ExitCode.USAGE,
            "refusing to send credentials over plain http to 192.0.2.10",
        ),
    ],
)
def test_settings_that_cannot_work(
    values: dict[str, Any], can_ask: bool, code: ExitCode, text: str
) -> None:
    problem = settings_problem(settings(**values), can_ask=can_ask)
    assert problem is not None
    assert text in str(problem) and "\n" not in str(problem)
    assert problem.exit_code is code


@pytest.mark.parametrize(
    ("values", "can_ask"),
    [
        ({"token": Secret("t")}, False),
        ({"user": "u", "password": Secret("p")}, False),
        ({"user": "u"}, True),  # the password is asked for on the terminal
        ({"user": "u", "encrypted": ("password",), "secret_source": "s.json"}, True),
        ({"url": "http://127.0.0.1:8111", "token": Secret("t")}, False),
        ({"url": "http://localhost:8111", "token": Secret("t")}, False),
        ({"url": "http://192.0.2.10", "token": Secret("t"), "allow_insecure_http": True}, False),
    ],
)
def test_settings_that_may_reach_a_tenant(values: dict[str, Any], can_ask: bool) -> None:
    assert settings_problem(settings(**values), can_ask=can_ask) is None
