"""go-c8y-cli session files: the keys we read, encrypted values, broken files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from lwm2m_shell.config.go_cli_session import SessionFileError, read_session_file
from lwm2m_shell.config.settings import SettingsError

from .conftest import Resolve


def test_reads_the_known_keys_and_ignores_the_rest(write_session: Callable[..., Path]) -> None:
    path = write_session(
        **{
            "$schema": "https://example.invalid/session.schema.json",
            "host": "https://t5.example.com",
            "tenant": "t5",
            "username": "erin",
            "password": "pw-1",
            "token": "tok-1",
            "description": "prod",
            "settings": {"defaults": {"pageSize": 100}},
            "useTenantPrefix": True,
        }
    )
    session = read_session_file(path)
    assert (session.host, session.tenant, session.username) == (
        "https://t5.example.com",
        "t5",
        "erin",
    )
    assert session.password is not None and session.password.get_secret_value() == "pw-1"
    assert session.token is not None and session.token.get_secret_value() == "tok-1"
    assert session.encrypted == ()
    assert "pw-1" not in repr(session) and "tok-1" not in repr(session)


def test_encrypted_values_are_reported_not_used(write_session: Callable[..., Path]) -> None:
    path = write_session(
        host="h", username="u", password="{encrypted}AAAA", token="{encrypted}BBBB"
    )
    session = read_session_file(path)
    assert session.password is None and session.token is None
    assert session.encrypted == ("password", "token")


def test_blank_values_count_as_missing(write_session: Callable[..., Path]) -> None:
    session = read_session_file(write_session(host="h", username=" ", password="", token=None))
    assert session.username is None and session.password is None and session.token is None


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"{not json", "not valid JSON"),
        (b"[1, 2]", "expected a JSON object"),
        (b"\xff\xfe", "not valid JSON"),
        (json.dumps({"host": 42}).encode(), "host: input should be a valid string"),
    ],
)
def test_broken_files_name_the_file(content: bytes, expected: str, tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_bytes(content)
    with pytest.raises(SessionFileError) as caught:
        read_session_file(path)
    assert str(caught.value) == f"session file {path}: {expected}"


def test_missing_file_is_a_settings_error(settings: Resolve, tmp_path: Path) -> None:
    missing = tmp_path / "gone.json"
    with pytest.raises(SettingsError, match=f"session file {missing} does not exist"):
        settings("--session", str(missing))
    with pytest.raises(SettingsError, match="does not exist"):
        settings(env={"C8Y_SESSION": str(missing)})
